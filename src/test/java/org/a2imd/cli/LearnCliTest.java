package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.a2imd.io.deck.Deck;
import org.a2imd.learn.LearnFailure;
import org.a2imd.learn.LearnLoop;
import org.a2imd.learn.LearnPlan;
import org.a2imd.learn.StageCommands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code a2imd learn} end to end on 32 LJ atoms with tiny committees: a real loop (train, explore, select, label
 * with LJ) whose committee improves; resuming after an interruption at every stage writes the same files as an
 * uninterrupted loop; a failing label command stops the loop and keeps the data; an external label command
 * (a script calling a2imd eval) labels like the built-in reference.
 */
class LearnCliTest {
    @TempDir
    static Path dir;

    /** The learn deck of the resume tests: two iterations of everything, as small as it gets. */
    static final String SMALL = """
            units lj
            species Ar mass 1.0
            potential lj cutoff 2.5 shift yes
            pair_coeff Ar Ar epsilon 1.0 sigma 1.0
            data file init.extxyz
            model cutoff 2.5 width 8 heads 2 layers 1 radial 6 hidden 8 8 seed 7
            loss energy 10 forces 1
            optimizer adam lr 0.01 epochs 3 batch 4 seed 3
            committee members 2
            explore name warm deck explore.in every 10
            select lo 0.0 hi 1e9 max 3
            learn folder FOLDER iterations 2 accurate 1.0
            threads 1
            """;

    /** How a stage command is interrupted. */
    enum Interruption { AS_IT_BEGINS, KILLED_BEFORE_ITS_MARKER, STOPPED_AFTER_IT }

    @BeforeAll
    static void data() throws IOException {
        Files.writeString(dir.resolve("gen.in"), """
                units lj
                species Ar mass 1.0
                lattice fcc density 0.8442 replicate 2 2 2 species Ar
                velocity temperature 0.5 seed 11
                potential lj cutoff 2.5 shift yes
                pair_coeff Ar Ar epsilon 1.0 sigma 1.0
                timestep 0.005
                integrator langevin temperature 0.5 damping 0.5 seed 5
                trajectory file init.extxyz every 25 forces yes energies yes
                run 500
                """);
        assertEquals(0, Cli.run("run", dir.resolve("gen.in").toString(), "--threads", "1").code());
        Files.writeString(dir.resolve("explore.in"), """
                units lj
                species Ar mass 1.0
                lattice fcc density 0.8442 replicate 2 2 2 species Ar
                velocity temperature 0.8 seed 21
                timestep 0.005
                integrator langevin temperature 0.8 damping 0.5 seed 22
                run 60
                """);
    }

    private static Path deck(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static LearnLoop loop(Path deck, StageCommands commands) {
        Deck d = Deck.parse(deck).requireForLearn();
        return new LearnLoop(LearnPlan.of(d, 1), commands);
    }

    /** Every file under {@code root} (relative path to bytes), logs of external commands aside. */
    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what + ": the same files");
        for (String k : expected.keySet()) {
            assertTrue(java.util.Arrays.equals(expected.get(k), actual.get(k)), what + ": " + k + " differs");
        }
    }

    @Test
    void resumeAfterAnInterruptionAtEveryStageGivesTheSameFiles() throws Exception {
        Path deck = deck("small.in", SMALL.replace("FOLDER", "small-out"));
        Path out = dir.resolve("small-out");
        Cli.Result first = Cli.run("learn", deck.toString());
        assertEquals(0, first.code(), first.err());
        Map<String, byte[]> expected = files(out);
        // Two iterations: train, explore, select, label, train, explore; the report after each explore.
        for (String f : List.of("iter-000/train/model.m1.model", "iter-000/train/model.m2.model",
                "iter-000/explore/warm/devi.txt", "iter-000/select/candidates.extxyz", "iter-000/label/labelled.extxyz",
                "data/iter-000.extxyz", "iter-001/train/model.m2.model", "iter-001/explore/counts.csv", "report.csv",
                "report.png")) {
            assertTrue(expected.containsKey(f), f + " missing: " + expected.keySet());
        }
        assertEquals(3, countFrames(out.resolve("data/iter-000.extxyz")), "max 3 candidates labelled");
        String train1 = Files.readString(out.resolve("iter-001/train/train.in"));
        assertTrue(train1.contains(out.resolve("data/iter-000.extxyz").toString()), train1);
        // Interrupted at each stage command as it begins (Ctrl-C), killed after it ran but before the stage's DONE
        // marker, or stopped after it (the loop's stop flag, checked between stages): then resumed.
        // Calls 1-3 are the first training, exploration and labelling (select runs between 2 and 3); the second
        // iteration's stages are the same code.
        for (int call = 1; call <= 3; call++) {
            for (Interruption how : Interruption.values()) {
                if (how == Interruption.STOPPED_AFTER_IT && call != 2) {
                    continue; // the stop flag is checked between stages: once is enough
                }
                deleteTree(out);
                AtomicInteger calls = new AtomicInteger();
                int stopAt = call;
                LearnLoop[] holder = new LearnLoop[1];
                StageCommands interrupted = args -> {
                    int n = calls.incrementAndGet();
                    if (n < stopAt) {
                        return Main.execute(args);
                    }
                    if (n > stopAt || how == Interruption.AS_IT_BEGINS) {
                        return 130;
                    }
                    int status = Main.execute(args);
                    holder[0].requestStop();
                    return how == Interruption.KILLED_BEFORE_ITS_MARKER ? 130 : status;
                };
                holder[0] = loop(deck, interrupted);
                String what = "stage command " + call + " " + how;
                try {
                    assertEquals(LearnLoop.Outcome.INTERRUPTED, holder[0].run(false), what);
                } catch (LearnFailure e) {
                    assertEquals(130, e.status(), what);
                }
                assertEquals(LearnLoop.Outcome.ITERATIONS_DONE, loop(deck, Main::execute).run(true), what);
                assertSameFiles(expected, files(out), what);
            }
        }
        // Killed inside select: its folder half written, no marker.
        Files.delete(out.resolve("iter-000/select/DONE"));
        Files.writeString(out.resolve("iter-000/select/candidates.extxyz"), "3\n");
        assertEquals(0, Cli.run("learn", deck.toString(), "--resume").code());
        assertSameFiles(expected, files(out), "interrupted in select");
        // The final committee as the start of another loop: copied as iteration 0, explored without training.
        String started = SMALL.replace("FOLDER", "started-out").replace("iterations 2", "iterations 1")
                + "start_committee file small-out/iter-001/train/model.m1.model small-out/iter-001/train/model.m2.model\n";
        Cli.Result s = Cli.run("learn", deck("started.in", started).toString());
        assertEquals(0, s.code(), s.err());
        Path started0 = dir.resolve("started-out/iter-000");
        assertTrue(java.util.Arrays.equals(expected.get("iter-001/train/model.m2.model"),
                Files.readAllBytes(started0.resolve("train/model.m2.model"))));
        assertFalse(Files.exists(started0.resolve("train/train.in")), "no training in iteration 0");
        assertTrue(java.util.Arrays.equals(expected.get("iter-001/explore/warm/devi.txt"),
                Files.readAllBytes(started0.resolve("explore/warm/devi.txt"))), "same committee, same exploration");
        // A loop already in the folder is not overwritten without --resume.
        Cli.Result again = Cli.run("learn", deck.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("--resume"), again.err());
    }

    /**
     * Three iterations with a committee trained a little longer: labelling what the committee disagrees on
     * makes it agree more where it explores. lo = 2 epsilon/sigma is about the members' held-out force RMSE
     * after the first training (the force spread of the data is about 8).
     */
    @Test
    void loopRaisesTheAccurateFraction() throws Exception {
        Files.writeString(dir.resolve("explore-long.in"), Files.readString(dir.resolve("explore.in"))
                .replace("run 60", "run 200"));
        String text = SMALL.replace("FOLDER", "grow-out").replace("epochs 3", "epochs 25")
                .replace("explore.in every 10", "explore-long.in every 10").replace("select lo 0.0 hi 1e9 max 3",
                        "select lo 2.0 hi 30 max 10").replace("iterations 2 accurate 1.0", "iterations 3 accurate 0.9")
                .replace("threads 1", "threads 2");
        Cli.Result r = Cli.run("learn", deck("grow.in", text).toString());
        assertEquals(0, r.code(), r.err());
        List<String> report = Files.readAllLines(dir.resolve("grow-out/report.csv"));
        assertEquals(4, report.size(), "header and three iterations: " + report);
        double first = Double.parseDouble(report.get(1).split(",")[6]);
        double last = Double.parseDouble(report.get(3).split(",")[6]);
        assertTrue(last > first + 0.1, "accurate fraction " + first + " -> " + last + ": " + report);
        assertTrue(median(dir.resolve("grow-out/iter-002/explore/warm/devi.txt"))
                < 0.8 * median(dir.resolve("grow-out/iter-000/explore/warm/devi.txt")), "median deviation");
    }

    private static double median(Path devi) throws IOException {
        double[] v = Files.readAllLines(devi).stream().filter(l -> !l.startsWith("#"))
                .mapToDouble(l -> Double.parseDouble(l.trim().split("\\s+")[2])).sorted().toArray();
        return v[v.length / 2];
    }

    @Test
    void failingLabelCommandStopsWithItsStatusAndKeepsTheData() throws Exception {
        String text = SMALL.replace("FOLDER", "fail-out").replace("potential lj cutoff 2.5 shift yes\n", "")
                .replace("pair_coeff Ar Ar epsilon 1.0 sigma 1.0\n", "")
                + "label command \"echo the DFT code ran out of memory >&2; exit 7\"\n";
        Path deck = deck("fail.in", text);
        Cli.Result r = Cli.run("learn", deck.toString());
        assertEquals(7, r.code(), r.err());
        assertTrue(r.err().contains("exit status 7") && r.err().contains("ran out of memory"), r.err());
        Path out = dir.resolve("fail-out");
        assertTrue(Files.isRegularFile(out.resolve("iter-000/train/DONE")));
        assertTrue(Files.isRegularFile(out.resolve("iter-000/select/DONE")));
        assertFalse(Files.exists(out.resolve("iter-000/label/DONE")));
        assertFalse(Files.exists(out.resolve("data/iter-000.extxyz")), "nothing half-labelled enters the data");
    }

    @Test
    void externalLabelCommandCallingEvalLabelsAsTheReferenceDoes() throws Exception {
        Path reference = deck("reference.in", """
                units lj
                species Ar mass 1.0
                potential lj cutoff 2.5 shift yes
                pair_coeff Ar Ar epsilon 1.0 sigma 1.0
                """);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path script = deck("label.sh", "#!/bin/sh\nexec \"" + javaBin + "\" -cp \"" + System.getProperty("java.class.path")
                + "\" org.a2imd.cli.Main eval \"" + reference + "\" \"$1\" \"$2\" --threads 1\n");
        String text = SMALL.replace("FOLDER", "ext-out").replace("potential lj cutoff 2.5 shift yes\n", "").replace("pair_coeff Ar Ar epsilon 1.0 sigma 1.0\n", "")
                + "label command \"sh " + script + " {in} {out}\"\n";
        Path deck = deck("ext.in", text);
        Cli.Result r = Cli.run("learn", deck.toString());
        assertEquals(0, r.code(), r.err());
        Path internal = dir.resolve("int-out");
        Cli.Result s = Cli.run("learn", deck("int.in", SMALL.replace("FOLDER", "int-out")).toString());
        assertEquals(0, s.code(), s.err());
        // Same frames selected, labelled the same: the data set and the next committee are identical.
        assertEquals(Files.readString(internal.resolve("data/iter-000.extxyz")),
                Files.readString(dir.resolve("ext-out/data/iter-000.extxyz")));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(internal.resolve("iter-001/train/model.m1.model")),
                Files.readAllBytes(dir.resolve("ext-out/iter-001/train/model.m1.model"))));
    }

    private static int countFrames(Path extxyz) throws IOException {
        return org.a2imd.io.ExtXyzReader.readAll(extxyz).size();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

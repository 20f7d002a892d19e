package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.a2imd.core.Units;
import org.a2imd.io.ExtXyzColumn;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzReader;
import org.a2imd.nnp.A2IArchitecture;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.A2IModelFile;
import org.a2imd.run.Checkpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Committee decks end to end: member checks at the deck line, the deviation outputs (thermo columns,
 * model_deviation, candidates, trajectory column) and deviation_stop, their restarts, and eval.
 * Members are small random models of different seeds (on top of LJ, which keeps the liquid physical).
 */
class CommitteeDeckTest {
    @TempDir
    Path dir;
    private Path m1;
    private Path m2;

    @BeforeEach
    void models() throws IOException {
        m1 = model(Units.LJ, List.of("Ar"), 3, "m1");
        m2 = model(Units.LJ, List.of("Ar"), 4, "m2");
    }

    private Path model(Units units, List<String> species, long seed, String name) throws IOException {
        A2IModel m = new A2IModel(new A2IArchitecture(species.size(), 2.5, 6, 8, 2, 1, 8, 8, 8, 6, 8.0), units,
                species, 50.0);
        m.initialise(seed);
        m.setEnergyScale(20.0);
        Path f = dir.resolve(name + ".model");
        A2IModelFile.write(m, f);
        return f;
    }

    /** Line 6 is the potential a2i line. */
    private String deck(String files, long steps, String tag, String... extra) {
        List<String> lines = new ArrayList<>(List.of(
                "units lj",
                "species Ar mass 1.0",
                "lattice fcc density 0.8442 replicate 2 2 2 species Ar",
                "potential lj cutoff 2.5 shift yes",
                "pair_coeff Ar Ar epsilon 1.0 sigma 1.0",
                "potential a2i file " + files,
                "velocity temperature 1.0 seed 1",
                "timestep 0.004",
                "threads 1",
                "checkpoint file " + tag + "/run.chk every 10"));
        lines.addAll(List.of(extra));
        lines.add("run " + steps);
        return String.join("\n", lines) + "\n";
    }

    private String committee() {
        return m1 + " " + m2;
    }

    private Cli.Result run(String name, String text, String... more) throws IOException {
        Path deck = dir.resolve(name);
        Files.writeString(deck, text);
        List<String> args = new ArrayList<>(List.of("run", "--no-progress", deck.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(new String[0]));
    }

    private static void assertInputError(Cli.Result r, String where, String... words) {
        assertEquals(Main.EXIT_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(where), "message should name " + where + ": " + r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "message should mention " + w + ": " + r.err());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void membersMustFitTheRunAndEachOther() throws IOException {
        Path kr = model(Units.LJ, List.of("Kr"), 5, "kr");
        assertInputError(run("a.in", deck(m1 + " " + kr, 5, "a")), "a.in:6", kr.toString(), "member 2", "Ar");
        Path metal = model(Units.METAL, List.of("Ar"), 5, "metal");
        assertInputError(run("b.in", deck(metal + " " + m1, 5, "b")), "b.in:6", metal.toString(), "member 1",
                "units");
        Path two = model(Units.LJ, List.of("Ar", "Kr"), 5, "two");
        assertInputError(run("c.in", deck(m1 + " " + two, 5, "c")), "c.in:6", two.toString(), "member 2",
                "species");
    }

    @Test
    void deviationCommandsNeedACommitteeAndAWindow() throws IOException {
        assertInputError(run("a.in", deck(m1.toString(), 5, "a", "model_deviation file devi.out every 1")),
                "a.in:11", "committee");
        assertInputError(run("b.in", deck(m1.toString(), 5, "b", "candidates file c.xyz lo 0.1 hi 1 every 1")),
                "b.in:11", "committee");
        assertInputError(run("c.in", deck(m1.toString(), 5, "c", "deviation_stop above 1")), "c.in:11",
                "committee");
        assertInputError(run("d.in", deck(m1.toString(), 5, "d", "trajectory file t.xyz every 1 deviation yes")),
                "d.in:11", "committee");
        assertInputError(run("e.in", deck(committee(), 5, "e", "candidates file c.xyz lo 0.5 hi 0.5 every 1")),
                "e.in:11", "lo < hi");
        assertInputError(run("f.in", deck(committee(), 5, "f", "potential a2i file " + m2 + " " + m1)),
                "f.in:11", "one committee");
    }

    /** max_devi_f (exact, from the trajectory header) and the force_devi column of every step. */
    private record Series(double[] max, int[] argMax, List<ExtXyzFrame> frames) {
    }

    private Series series(String tag, long steps) throws IOException {
        Cli.Result r = run(tag + ".in", deck(committee(), steps, tag,
                "trajectory file " + tag + "/t.extxyz every 1 deviation yes",
                "model_deviation file " + tag + "/devi.out every 1"));
        assertEquals(0, r.code(), r.err());
        List<ExtXyzFrame> frames = ExtXyzReader.readAll(dir.resolve(tag + "/t.extxyz"));
        assertEquals(steps + 1, frames.size());
        double[] max = new double[frames.size()];
        int[] arg = new int[frames.size()];
        for (int s = 0; s < frames.size(); s++) {
            ExtXyzFrame f = frames.get(s);
            max[s] = Double.parseDouble(f.info.get("max_devi_f"));
            double[] col = column(f, "force_devi");
            double best = -1;
            for (int i = 0; i < col.length; i++) {
                if (col[i] > best) {
                    best = col[i];
                    arg[s] = i;
                }
            }
            assertEquals(max[s], best, "max_devi_f is the largest force_devi at step " + s);
        }
        // The model_deviation file carries the same numbers (to its 7 digits) and the same atom.
        List<double[]> rows = rows(dir.resolve(tag + "/devi.out"));
        assertEquals(frames.size(), rows.size());
        for (int s = 0; s < rows.size(); s++) {
            assertEquals(s, (long) rows.get(s)[0]);
            assertEquals(max[s], rows.get(s)[2], 1e-6 * max[s]);
            assertEquals(arg[s] + 1, (int) rows.get(s)[5]);
            assertTrue(rows.get(s)[3] <= rows.get(s)[4] && rows.get(s)[4] <= rows.get(s)[2], "min <= mean <= max");
        }
        return new Series(max, arg, frames);
    }

    private static double[] column(ExtXyzFrame f, String name) {
        for (ExtXyzColumn c : f.extraColumns) {
            if (c.name().equals(name)) {
                return c.numbers();
            }
        }
        throw new AssertionError("no column " + name + " in " + f.info);
    }

    private static List<double[]> rows(Path file) throws IOException {
        List<double[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            out.add(Arrays.stream(line.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray());
        }
        return out;
    }

    @Test
    void modelDeviationFileHasAHeaderAndThermoHasTheColumns() throws IOException {
        series("a", 4);
        List<String> devi = Files.readAllLines(dir.resolve("a/devi.out"));
        assertEquals("# step devi_e devi_f_max devi_f_min devi_f_mean atom_of_max", devi.get(1));
        Cli.Result r = run("t.in", deck(committee(), 4, "t", "thermo every 2 file t/thermo.txt"));
        assertEquals(0, r.code(), r.err());
        List<String> thermo = Files.readAllLines(dir.resolve("t/thermo.txt"));
        assertTrue(thermo.get(1).contains("devi_f_max") && thermo.get(1).contains("devi_e"), thermo.get(1));
        assertTrue(thermo.get(0).contains("model deviation"), thermo.get(0));
        assertEquals(13, thermo.get(2).trim().split("\\s+").length, "9 thermo + 4 deviation columns: " + thermo);
    }

    @Test
    void candidatesAreExactlyTheFramesInTheWindow() throws IOException {
        long steps = 20;
        Series a = series("a", steps);
        double[] sorted = a.max().clone();
        Arrays.sort(sorted);
        double lo = sorted[5];
        double hi = sorted[15];
        assertTrue(lo < hi, "the deviation must vary over the run: " + Arrays.toString(sorted));
        Cli.Result r = run("b.in", deck(committee(), steps, "b",
                "candidates file b/cand.extxyz lo " + lo + " hi " + hi + " every 2"));
        assertEquals(0, r.code(), r.err());
        List<Long> expected = new ArrayList<>();
        for (int s = 0; s <= steps; s += 2) {
            if (lo <= a.max()[s] && a.max()[s] < hi) {
                expected.add((long) s);
            }
        }
        List<ExtXyzFrame> cand = ExtXyzReader.readAll(dir.resolve("b/cand.extxyz"));
        List<Long> got = new ArrayList<>();
        for (ExtXyzFrame f : cand) {
            int s = Integer.parseInt(f.info.get("step"));
            got.add((long) s);
            assertEquals(a.max()[s], Double.parseDouble(f.info.get("max_devi_f")));
            assertArrayEquals(a.frames().get(s).pos, f.pos, "positions of step " + s);
            assertEquals(null, f.forces, "candidates carry no model forces");
        }
        assertEquals(expected, got);
        assertFalse(got.isEmpty(), "the window [" + lo + ", " + hi + ") should catch some even steps");
    }

    @Test
    void deviationStopExitsWith3NamingStepAndAtom() throws IOException {
        long steps = 30;
        Series a = series("a", steps);
        double bound = Math.max(a.max()[0], Math.max(a.max()[1], a.max()[2]));
        int stop = -1;
        for (int s = 3; s <= steps && stop < 0; s++) {
            if (a.max()[s] > bound) {
                stop = s;
            }
        }
        assertTrue(stop > 0, "the deviation should exceed its early values at some step: " + Arrays.toString(a.max()));
        Cli.Result r = run("b.in", deck(committee(), steps, "b", "deviation_stop above " + bound,
                "model_deviation file b/devi.out every 2"));
        assertEquals(Main.EXIT_BLOWUP, r.code(), r.err());
        assertTrue(r.err().contains("step " + stop), r.err());
        assertTrue(r.err().contains("atom " + (a.argMax()[stop] + 1) + " (Ar)"), r.err());
        assertTrue(r.err().contains("max_devi_f"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        // The last good checkpoint is kept (the deck writes one every 10 steps, from step 0), none at the stop.
        assertEquals((stop - 1) / 10 * 10, Checkpoint.read(dir.resolve("b/run.chk")).step());
        // The outputs were flushed and show the offending step last.
        List<double[]> rows = rows(dir.resolve("b/devi.out"));
        assertEquals(stop / 2 * 2, (long) rows.get(rows.size() - 1)[0]);
    }

    /**
     * A run to step 30, against one that was checkpointed at step 10, went on to step 17 (its outputs
     * then reach past the checkpoint, as after a crash) and was continued from the step-10 checkpoint.
     */
    @Test
    void restartGivesTheSameOutputsAsAnUninterruptedRun() throws IOException {
        String[] outputs = {"thermo every 5 file %s/thermo.txt", "model_deviation file %s/devi.out every 2",
            "candidates file %s/cand.extxyz lo 0 hi 1e9 every 5", "trajectory file %s/t.extxyz every 4 deviation yes"};
        Cli.Result r = run("a.in", deck(committee(), 30, "a", fill(outputs, "a")));
        assertEquals(0, r.code(), r.err());
        r = run("b1.in", deck(committee(), 10, "b", fill(outputs, "b")));
        assertEquals(0, r.code(), r.err());
        Path saved = dir.resolve("saved.chk");
        Files.copy(dir.resolve("b/run.chk"), saved);
        r = run("b2.in", deck(committee(), 17, "b", fill(outputs, "b")), "--restart", saved.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(9, rows(dir.resolve("b/devi.out")).size(), "rows at steps 0, 2, ..., 16");
        r = run("b3.in", deck(committee(), 30, "b", fill(outputs, "b")), "--restart", saved.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("thermo.txt", "devi.out", "cand.extxyz", "t.extxyz")) {
            assertEquals(Files.readString(dir.resolve("a/" + f)), Files.readString(dir.resolve("b/" + f)), f);
        }
        assertEquals(16, rows(dir.resolve("b/devi.out")).size(), "rows at steps 0, 2, ..., 30");
        assertEquals(7, ExtXyzReader.readAll(dir.resolve("b/cand.extxyz")).size(), "frames at steps 0, 5, ..., 30");
    }

    private static String[] fill(String[] lines, String tag) {
        String[] out = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            out[i] = String.format(lines[i], tag);
        }
        return out;
    }

    @Test
    void evalOfACommitteeGivesTheMeanAndTheDeviation() throws IOException {
        Cli.Result r = run("a.in", deck(committee(), 8, "a", "trajectory file a/t.extxyz every 4"));
        assertEquals(0, r.code(), r.err());
        Path in = dir.resolve("a/t.extxyz");
        String[] evalDeck = {"units lj", "species Ar mass 1.0", "potential a2i file %s", ""};
        List<List<ExtXyzFrame>> results = new ArrayList<>();
        for (String files : List.of(m1.toString(), m2.toString(), committee())) {
            Path d = dir.resolve("eval.in");
            Files.writeString(d, String.format(String.join("\n", evalDeck), files));
            Path out = dir.resolve("out" + results.size() + ".extxyz");
            Cli.Result e = Cli.run("eval", d.toString(), in.toString(), out.toString());
            assertEquals(0, e.code(), e.err());
            results.add(ExtXyzReader.readAll(out));
        }
        assertEquals(3, results.get(2).size());
        for (int k = 0; k < 3; k++) {
            ExtXyzFrame a = results.get(0).get(k);
            ExtXyzFrame b = results.get(1).get(k);
            ExtXyzFrame c = results.get(2).get(k);
            assertEquals((a.energy() + b.energy()) / 2, c.energy(), 1e-12 * Math.abs(c.energy()));
            double[] devi = column(c, "force_devi");
            double max = 0;
            for (int i = 0; i < devi.length; i++) {
                double s2 = 0;
                for (int x = 0; x < 3; x++) {
                    int j = 3 * i + x;
                    assertEquals((a.forces[j] + b.forces[j]) / 2, c.forces[j], 1e-9, "mean force");
                    s2 += Math.pow(a.forces[j] - b.forces[j], 2);
                }
                assertEquals(0.5 * Math.sqrt(s2), devi[i], 1e-9, "sigma of atom " + i);
                max = Math.max(max, devi[i]);
            }
            assertEquals(max, Double.parseDouble(c.info.get("max_devi_f")));
            assertEquals(Math.abs(a.energy() - b.energy()) / (2 * devi.length), Double.parseDouble(c.info.get("devi_e")),
                    1e-9);
            assertFalse(a.info.containsKey("max_devi_f"), "a single model has no deviation");
        }
    }
}

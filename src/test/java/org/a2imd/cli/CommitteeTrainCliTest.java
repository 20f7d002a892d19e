package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.a2imd.core.WorkerPool;
import org.a2imd.io.deck.Deck;
import org.a2imd.nnp.A2IModelFile;
import org.a2imd.train.EpochRecord;
import org.a2imd.train.Trainer;
import org.a2imd.train.TrainingListener;
import org.a2imd.train.TrainingSetup;
import org.a2imd.train.TrainTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code committee members K} in a training deck: K members in parallel, each bit for bit the model of
 * training it alone with its seeds; resume; and the deck errors of committees and of the virial weight.
 */
class CommitteeTrainCliTest {
    @TempDir
    static Path dir;

    static final String BASE = """
            units lj
            species Ar mass 1.0
            data file lj.extxyz
            split validation 0.25 test 0 seed 3
            model cutoff 2.0 radial 6 width 8 heads 2 layers 1 ffn 8 hidden 8 8 seed %d
            loss energy 1 forces 1 virial 0.5
            optimizer adam lr 0.01 schedule cosine epochs 3 batch 2 seed %d
            output model %s curve %s checkpoint %s
            threads %d
            """;

    @BeforeAll
    static void data() throws Exception {
        TrainTestData.writeLj(dir.resolve("lj.extxyz"), 12, 41, 0.06, "Ar", true);
    }

    private static Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String committeeDeck(String extra) {
        return String.format(BASE, 1, 4, "c.a2i", "c.csv", "c.chk", 2) + extra;
    }

    private static double[] weights(String file) {
        return A2IModelFile.read(dir.resolve(file)).weights();
    }

    @Test
    void membersDifferAndEachIsTheSingleTrainingWithItsSeeds() throws Exception {
        Path deck = write("committee.in", committeeDeck("committee members 2\n"));
        Cli.Result r = Cli.run("train", deck.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("[m1] ") && r.out().contains("[m2] "), r.out());
        assertTrue(r.out().contains("2 at a time with 1 thread(s) each"), r.out());
        double[] m1 = weights("c.m1.a2i");
        double[] m2 = weights("c.m2.a2i");
        assertFalse(Arrays.equals(m1, m2), "members differ");
        assertTrue(Files.exists(dir.resolve("c.m1.csv")) && Files.exists(dir.resolve("c.m2.chk")));
        assertFalse(Files.exists(dir.resolve("c.a2i")), "no unsuffixed model");
        assertTrue(Files.readString(dir.resolve("c.m2.a2i")).contains("member 2 of 2"));

        // Member m alone: model and shuffle seeds + m - 1, the same thread count (1 per member here).
        for (int m = 1; m <= 2; m++) {
            Path single = write("single" + m + ".in", String.format(BASE, m, 3 + m, "s" + m + ".a2i", "s" + m + ".csv",
                    "s" + m + ".chk", 1));
            Cli.Result s = Cli.run("train", single.toString(), "--no-progress");
            assertEquals(0, s.code(), s.err());
            assertArrayEquals(weights("s" + m + ".a2i"), weights("c.m" + m + ".a2i"), 0.0, "member " + m);
            assertEquals(Files.readAllLines(dir.resolve("s" + m + ".csv")),
                    Files.readAllLines(dir.resolve("c.m" + m + ".csv")), "member " + m + " curve");
        }

        // Bootstrap: other training frames, so other models than without it (same seeds).
        Path boot = write("boot.in", committeeDeck("committee members 2 bootstrap yes\n").replace("c.", "b."));
        Cli.Result b = Cli.run("train", boot.toString(), "--no-progress");
        assertEquals(0, b.code(), b.err());
        assertFalse(Arrays.equals(m1, weights("b.m1.a2i")), "a bootstrap resample trains another model");
    }

    @Test
    void resumeContinuesAnInterruptedMemberAndSkipsAFinishedOne() throws Exception {
        String text = committeeDeck("committee members 2\n").replace("c.", "r.");
        Path deck = write("resume.in", text);
        Cli.Result full = Cli.run("train", deck.toString(), "--no-progress");
        assertEquals(0, full.code(), full.err());
        byte[] m1 = Files.readAllBytes(dir.resolve("r.m1.a2i"));
        byte[] m2 = Files.readAllBytes(dir.resolve("r.m2.a2i"));
        byte[] curve1 = Files.readAllBytes(dir.resolve("r.m1.csv"));

        // Member 1 again, stopped after its first epoch (as Ctrl-C would): its checkpoint is epoch 1's.
        try (WorkerPool pool = new WorkerPool(1)) {
            Trainer t = TrainingSetup.plan(Deck.parse(deck), pool).member(1, pool);
            t.setListener(new TrainingListener() {
                @Override
                public void epochDone(EpochRecord r) {
                    if (r.epoch() == 1) {
                        t.requestStop();
                    }
                }
            });
            assertEquals(Trainer.Outcome.INTERRUPTED, t.run(false));
        }
        assertFalse(Arrays.equals(curve1, Files.readAllBytes(dir.resolve("r.m1.csv"))), "member 1 was cut short");
        Cli.Result res = Cli.run("train", deck.toString(), "--no-progress", "--resume");
        assertEquals(0, res.code(), res.err() + res.out());
        assertTrue(res.out().contains("[m2] member 2 finished already"), res.out());
        assertTrue(res.out().contains("[m1] resuming from"), res.out());
        assertArrayEquals(m1, Files.readAllBytes(dir.resolve("r.m1.a2i")), "resumed member 1 = uninterrupted");
        assertArrayEquals(curve1, Files.readAllBytes(dir.resolve("r.m1.csv")));
        assertArrayEquals(m2, Files.readAllBytes(dir.resolve("r.m2.a2i")), "member 2 untouched");
    }

    @Test
    void badCommitteeAndVirialDecksFailWithFileAndLine() throws Exception {
        fails("one.in", committeeDeck("committee members 1\n"), "one.in:10:", "members");
        fails("neg.in", committeeDeck("").replace("virial 0.5", "virial -1"), "neg.in:6:", "virial");
        Files.copy(dir.resolve("lj.extxyz"), dir.resolve("novir.extxyz"));
        String noVirial = committeeDeck("").replace("lj.extxyz", "novir.extxyz");
        TrainTestData.writeLj(dir.resolve("novir.extxyz"), 6, 41, 0.06, "Ar", false);
        fails("novir.in", noVirial, "novir.in:6:", "no training frame has one", "novir.extxyz");
        fails("lode.in", committeeDeck("").replace("seed 1\n", "seed 1 lode_exponents 1 lode_radii 1.0\n"),
                "lode.in:6:", "long-range");
    }

    private static void fails(String name, String deck, String... parts) throws Exception {
        Cli.Result r = Cli.run("train", write(name, deck).toString(), "--no-progress");
        assertEquals(Main.EXIT_INPUT, r.code(), r.err() + r.out());
        for (String s : parts) {
            assertTrue(r.err().contains(s), "expected \"" + s + "\" in: " + r.err());
        }
    }
}

package org.a2imd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.a2imd.core.InputException;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ewald.AtomFeatures;
import org.a2imd.force.ewald.LodeSpec;
import org.a2imd.io.deck.Deck;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.A2IModelFile;
import org.a2imd.nnp.LongRangeTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training with the long-range channel: the deck options, the fitted feature normalisation, a tiny
 * training whose validation loss falls, the channel in the written model, and clusters refused.
 */
class LongRangeTrainingTest {
    /** Smearing radii of a few sigma, as one would choose for an LJ fluid: p = 1 and p = 6, F = 4. */
    private static final LodeSpec SPEC = new LodeSpec(new int[] {1, 6}, new double[] {1.0, 1.5}, 1e-8);

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void makeData() throws Exception {
        data = dir.resolve("lj.extxyz");
        TrainTestData.writeLj(data, 12, 17, 0.06, "Ar");
    }

    @Test
    void tinyTrainingWithTheChannelLowersTheValidationLoss() throws Exception {
        Path out = Files.createDirectories(dir.resolve("lode"));
        try (WorkerPool pool = new WorkerPool(2)) {
            Dataset all = new Dataset(DataReader.convert(DataReader.read(data), List.of("Ar"), TrainTestData.CUTOFF,
                    Units.LJ, true, true, false, pool));
            Dataset.Split split = all.split(0.25, 0.0, 5);
            ModelSettings ms = TrainTestData.tinyModel(3).withLode(SPEC);
            Trainer t = new Trainer(Units.LJ, List.of("Ar"), ms, new LossWeights(1.0, 1.0, 0.0),
                    OptimizerSettings.cosine(1e-2, 6, 2, 9), split,
                    new Trainer.Outputs(out.resolve("m.a2i"), out.resolve("curve.csv"), out.resolve("m.chk")), pool);
            t.setLongRangeFeatures(LongRangeTestSupport.FEATURES);
            long t0 = System.nanoTime();
            assertEquals(Trainer.Outcome.COMPLETED, t.run(false));
            List<String> curve = Files.readAllLines(out.resolve("curve.csv"));
            double first = TrainerTest.column(curve.get(1), 4);
            double last = TrainerTest.column(curve.get(curve.size() - 1), 4);
            System.out.printf("LongRangeTrainingTest: validation loss %.4g -> %.4g in %.1f s%n", first, last,
                    (System.nanoTime() - t0) * 1e-9);
            // The same training without the channel, as the yardstick: the channel must not hold training back.
            Path plainOut = Files.createDirectories(dir.resolve("plain"));
            Trainer plain = new Trainer(Units.LJ, List.of("Ar"), TrainTestData.tinyModel(3),
                    new LossWeights(1.0, 1.0, 0.0), OptimizerSettings.cosine(1e-2, 6, 2, 9), split,
                    new Trainer.Outputs(plainOut.resolve("m.a2i"), plainOut.resolve("curve.csv"),
                            plainOut.resolve("m.chk")), pool);
            assertEquals(Trainer.Outcome.COMPLETED, plain.run(false));
            List<String> plainCurve = Files.readAllLines(plainOut.resolve("curve.csv"));
            double plainFirst = TrainerTest.column(plainCurve.get(1), 4);
            double plainLast = TrainerTest.column(plainCurve.get(plainCurve.size() - 1), 4);
            System.out.printf("  without the channel: validation loss %.4g -> %.4g%n", plainFirst, plainLast);
            assertTrue(last < first / 4, "validation loss " + first + " -> " + last);
            assertTrue(last < 1.5 * plainLast, "with the channel " + last + ", without " + plainLast);

            // The written model carries the channel and the normalisation fitted on the training frames.
            A2IModel m = A2IModelFile.read(out.resolve("m.a2i"));
            assertEquals(SPEC, m.architecture().lode());
            int nf = m.architecture().longRangeFeatures();
            AtomFeatures f = LongRangeTestSupport.FEATURES.create(m.architecture().lode(), 1);
            double[] sum = new double[nf];
            double[] sq = new double[nf];
            long atoms = 0;
            for (TrainingFrame fr : split.train().frames()) {
                double[] lam = new double[fr.atoms * nf];
                f.compute(fr.list.x, fr.type, fr.atoms, fr.list.box(), lam, pool);
                for (int i = 0; i < fr.atoms; i++) {
                    for (int c = 0; c < nf; c++) {
                        sum[c] += lam[i * nf + c];
                        sq[c] += lam[i * nf + c] * lam[i * nf + c];
                    }
                }
                atoms += fr.atoms;
            }
            for (int c = 0; c < nf; c++) {
                double mean = sum[c] / atoms;
                double sd = Math.sqrt(sq[c] / atoms - mean * mean);
                assertEquals(mean, m.lodeMean()[c], 1e-10 * Math.abs(mean), "mean of feature " + c);
                assertEquals(sd, m.lodeScale()[c], 1e-6 * sd, "spread of feature " + c);
            }
        }
    }

    @Test
    void deckOptions() throws Exception {
        Deck d = Deck.parse("model cutoff 2.5 seed 7 lode_exponents 1 6 lode_radii 2.0 4.0 lode_accuracy 1e-7\n",
                "train.in", dir);
        ModelSettings m = TrainingSetup.model(d.one("model"));
        assertEquals(new LodeSpec(new int[] {1, 6}, new double[] {2.0, 4.0}, 1e-7), m.lode());
        assertEquals(8, m.architecture(2).longRangeFeatures(), "2 exponents x 2 radii x 2 species");
        Deck plain = Deck.parse("model cutoff 2.5 seed 7 lode_exponents 1 lode_radii 3.0\n", "train.in", dir);
        assertEquals(TrainingSetup.DEFAULT_LODE_ACCURACY, TrainingSetup.model(plain.one("model")).lode().accuracy());
        assertNull(TrainingSetup.model(Deck.parse("model cutoff 2.5 seed 7\n", "t.in", dir).one("model")).lode());
        for (String bad : List.of("model cutoff 2.5 seed 7 lode_exponents 1 6\n",
                "model cutoff 2.5 seed 7 lode_accuracy 1e-6\n",
                "model cutoff 2.5 seed 7 lode_exponents 13 lode_radii 2.0\n",
                "model cutoff 2.5 seed 7 lode_exponents 1 lode_radii 2.0 -1\n",
                "model cutoff 2.5 seed 7 lode_exponents lode_radii 2.0\n")) {
            InputException e = assertThrows(InputException.class, () -> Deck.parse(bad, "train.in", dir), bad);
            assertTrue(e.getMessage().contains("train.in:1"), e.getMessage());
            System.out.println("  " + bad.trim() + "  ->  " + e.getMessage());
        }
    }

    @Test
    void clusterFramesAreRefusedWithTheChannel() throws Exception {
        Path cluster = dir.resolve("cluster.extxyz");
        Files.writeString(cluster, "2\nenergy=-1.0 Properties=species:S:1:pos:R:3:forces:R:3\n"
                + "Ar 0 0 0 0 0 0\nAr 1.1 0 0 0 0 0\n");
        try (WorkerPool pool = new WorkerPool(1)) {
            Dataset all = new Dataset(DataReader.convert(DataReader.read(cluster), List.of("Ar"),
                    TrainTestData.CUTOFF, Units.LJ, true, true, false, pool));
            ModelSettings ms = TrainTestData.tinyModel(3).withLode(LongRangeTestSupport.spec());
            InputException e = assertThrows(InputException.class, () -> new Trainer(Units.LJ, List.of("Ar"), ms,
                    new LossWeights(1.0, 1.0, 0.0), OptimizerSettings.cosine(1e-2, 2, 2, 9),
                    new Dataset.Split(all, Dataset.empty(), Dataset.empty()),
                    new Trainer.Outputs(dir.resolve("c.a2i"), null, dir.resolve("c.chk")), pool));
            System.out.println("  cluster: " + e.getMessage());
            assertTrue(e.getMessage().contains("cluster.extxyz:1") && e.getMessage().contains("cluster"),
                    e.getMessage());
            // Without the channel the same frame trains as before.
            new Trainer(Units.LJ, List.of("Ar"), TrainTestData.tinyModel(3), new LossWeights(1.0, 1.0, 0.0),
                    OptimizerSettings.cosine(1e-2, 2, 2, 9), new Dataset.Split(all, Dataset.empty(), Dataset.empty()),
                    new Trainer.Outputs(dir.resolve("c.a2i"), null, dir.resolve("c.chk")), pool);
        }
    }
}

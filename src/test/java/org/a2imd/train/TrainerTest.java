package org.a2imd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on LJ frames made by the engine: the loss falls, results are reproducible bit for bit, resume is exact. */
class TrainerTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void makeData() throws Exception {
        data = dir.resolve("lj.extxyz");
        TrainTestData.writeLj(data, 24, 11, 0.06, "Ar");
    }

    static Trainer trainer(Path out, int frames, int epochs, WorkerPool pool) {
        List<DataReader.Raw> raw = DataReader.read(data).subList(0, frames);
        Dataset all = new Dataset(DataReader.convert(raw, List.of("Ar"), TrainTestData.CUTOFF, Units.LJ, true, true,
                true, pool));
        Dataset.Split split = all.split(0.25, 0.0, 5);
        OptimizerSettings opt = OptimizerSettings.cosine(1e-2, epochs, 2, 9);
        return new Trainer(Units.LJ, List.of("Ar"), TrainTestData.tinyModel(3), new LossWeights(1.0, 1.0, 0.1), opt,
                split, new Trainer.Outputs(out.resolve("m.a2i"), out.resolve("curve.csv"), out.resolve("m.chk")), pool);
    }

    static double column(String csvLine, int k) {
        return Double.parseDouble(csvLine.split(",")[k]);
    }

    @Test
    void validationLossFallsByALargeFactor() throws Exception {
        Path out = Files.createDirectories(dir.resolve("fall"));
        try (WorkerPool pool = new WorkerPool(2)) {
            long t0 = System.nanoTime();
            Trainer t = trainer(out, 24, 10, pool);
            assertEquals(Trainer.Outcome.COMPLETED, t.run(false));
            double s = (System.nanoTime() - t0) * 1e-9;
            List<String> curve = Files.readAllLines(out.resolve("curve.csv"));
            assertEquals(EpochRecord.CSV_HEADER, curve.get(0));
            assertEquals(12, curve.size(), "header, epoch 0 (untrained) and 10 epochs");
            double first = column(curve.get(1), 4);
            double last = column(curve.get(curve.size() - 1), 4);
            double f0 = column(curve.get(1), 9);
            double f1 = column(curve.get(curve.size() - 1), 9);
            System.out.printf("TrainerTest: validation loss %.4g -> %.4g, force RMSE %.3g -> %.3g in %.1f s%n", first,
                    last, f0, f1, s);
            assertTrue(last < first / 20, "validation loss " + first + " -> " + last);
            assertTrue(f1 < f0 / 4, "validation force RMSE " + f0 + " -> " + f1);
            assertTrue(Files.exists(out.resolve("m.a2i")));
        }
    }

    /**
     * Same seed, same threads: identical model files. A training stopped after an epoch, or in the
     * middle of one, and resumed from its checkpoint ends with the identical model and curve.
     */
    @Test
    void reproducibleAndResumedExactly() throws Exception {
        int frames = 10;
        int epochs = 3;
        try (WorkerPool pool = new WorkerPool(2)) {
            Path a = Files.createDirectories(dir.resolve("a"));
            trainer(a, frames, epochs, pool).run(false);
            Path b = Files.createDirectories(dir.resolve("b"));
            trainer(b, frames, epochs, pool).run(false);
            byte[] modelA = Files.readAllBytes(a.resolve("m.a2i"));
            assertArrayEquals(modelA, Files.readAllBytes(b.resolve("m.a2i")), "same seed, same model file");
            assertEquals(Files.readAllLines(a.resolve("curve.csv")), Files.readAllLines(b.resolve("curve.csv")));

            // Stopped once epoch 1 is written.
            Path c = Files.createDirectories(dir.resolve("c"));
            Trainer tc = trainer(c, frames, epochs, pool);
            tc.setListener(new TrainingListener() {
                @Override
                public void epochDone(EpochRecord r) {
                    if (r.epoch() == 1) {
                        tc.requestStop();
                    }
                }
            });
            assertEquals(Trainer.Outcome.INTERRUPTED, tc.run(false));
            assertEquals(3, Files.readAllLines(c.resolve("curve.csv")).size());
            assertTrue(Files.readString(c.resolve("m.a2i")).contains("interrupted_after_epoch"),
                    "an interrupted training leaves the best model so far, marked as such");
            assertEquals(Trainer.Outcome.COMPLETED, trainer(c, frames, epochs, pool).run(true));
            assertArrayEquals(modelA, Files.readAllBytes(c.resolve("m.a2i")), "resumed after epoch 1");
            assertEquals(Files.readAllLines(a.resolve("curve.csv")), Files.readAllLines(c.resolve("curve.csv")));

            // Stopped in the middle of epoch 2 (after its first step): resumes from the end of epoch 1.
            Path d = Files.createDirectories(dir.resolve("d"));
            Trainer td = trainer(d, frames, epochs, pool);
            long stepsPerEpoch = td.stepsPerEpoch();
            td.setListener(new TrainingListener() {
                @Override
                public void stepped(long step, double loss) {
                    if (step == stepsPerEpoch + 1) {
                        td.requestStop();
                    }
                }
            });
            assertEquals(Trainer.Outcome.INTERRUPTED, td.run(false));
            assertEquals(Trainer.Outcome.COMPLETED, trainer(d, frames, epochs, pool).run(true));
            assertArrayEquals(modelA, Files.readAllBytes(d.resolve("m.a2i")), "resumed from inside epoch 2");
        }
    }

    @Test
    void resumingADifferentSetupIsRefused() throws Exception {
        Path e = Files.createDirectories(dir.resolve("e"));
        try (WorkerPool pool = new WorkerPool(1)) {
            trainer(e, 6, 1, pool).run(false);
            Trainer other = trainer(e, 8, 1, pool);
            var ex = org.junit.jupiter.api.Assertions.assertThrows(org.a2imd.core.InputException.class,
                    () -> other.run(true));
            assertTrue(ex.getMessage().contains("different training setup"), ex.getMessage());
        }
    }
}

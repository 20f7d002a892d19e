package org.a2imd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.a2imd.core.InputException;
import org.a2imd.core.Rng;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzReader;
import org.a2imd.io.ExtXyzWriter;
import org.a2imd.nnp.A2IForceField;
import org.a2imd.nnp.A2IModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Virial labels, the virial loss term and its gradient, training on it, and the pressure lines of the reports. */
class VirialTrainingTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void makeData() throws Exception {
        data = dir.resolve("ljv.extxyz");
        TrainTestData.writeLj(data, 24, 13, 0.06, "Ar", true);
    }

    private static Path reference(String name) throws Exception {
        return Path.of(VirialTrainingTest.class.getResource("/reference/" + name).toURI());
    }

    @Test
    void virialIsReadFromTheVirialKeyOrFromAseStressWithItsSign() throws Exception {
        // LAMMPS's reference frame: virial= and stress= (-virial / volume) as LAMMPS computed them.
        Path ref = reference("lj_small100_cubic5.2_rc2.5_noshift.extxyz");
        ExtXyzFrame lammps = ExtXyzReader.readAll(ref).get(0);
        double[] want = lammps.virial();
        try (WorkerPool pool = new WorkerPool(1)) {
            TrainingFrame f = DataReader.convert(DataReader.read(ref), List.of("Ar"), 2.5, Units.LJ, false, false, false,
                    pool).get(0);
            assertArrayEquals(want, f.virial, 0.0, "virial= is taken as written");

            // Only ASE's stress: virial = -stress * volume gives LAMMPS's virial back.
            lammps.info.remove("virial");
            Path stressOnly = dir.resolve("stress-only.extxyz");
            try (Writer w = Files.newBufferedWriter(stressOnly)) {
                new ExtXyzWriter(w).write(lammps);
            }
            TrainingFrame g = DataReader.convert(DataReader.read(stressOnly), List.of("Ar"), 2.5, Units.LJ, false, false,
                    false, pool).get(0);
            for (int k = 0; k < 9; k++) {
                assertEquals(want[k], g.virial[k], 1e-12 * (1 + Math.abs(want[k])), "virial from stress " + k);
            }
            // The LJ virial of this liquid-like frame is dominated by repulsion at short range here: trace > 0.
            assertTrue(want[0] + want[4] + want[8] > 0);

            // Our own writer (what trajectories and TrainTestData write) round-trips the engine's virial.
            List<TrainingFrame> ours = DataReader.convert(DataReader.read(data), List.of("Ar"), TrainTestData.CUTOFF,
                    Units.LJ, true, true, true, pool);
            List<ExtXyzFrame> raw = ExtXyzReader.readAll(data);
            for (int i = 0; i < ours.size(); i++) {
                assertArrayEquals(raw.get(i).virial(), ours.get(i).virial, 0.0);
            }
            // No virial and no stress: null.
            Path plain = dir.resolve("plain.extxyz");
            TrainTestData.writeLj(plain, 1, 5, 0.05, "Ar");
            assertNull(DataReader.convert(DataReader.read(plain), List.of("Ar"), TrainTestData.CUTOFF, Units.LJ, true,
                    true, true, pool).get(0).virial);
        }
    }

    @Test
    void lossGradientWithTheVirialTermMatchesFiniteDifferencesOfTheLoss() {
        try (WorkerPool pool = new WorkerPool(2)) {
            List<DataReader.Raw> raw = DataReader.read(data).subList(0, 3);
            Dataset d = new Dataset(DataReader.convert(raw, List.of("Ar"), TrainTestData.CUTOFF, Units.LJ, true, true,
                    true, pool));
            A2IModel model = new A2IModel(TrainTestData.tinyModel(5).architecture(1), Units.LJ, List.of("Ar"), 1.0);
            ModelPreparation.prepare(model, d, 5, pool);
            Rng rng = new Rng(78);
            double[] w = model.weights();
            for (int k = 0; k < w.length; k++) {
                w[k] += 0.05 * rng.nextGaussian();
            }
            A2IForceField field = new A2IForceField(model);
            int[] order = {1, 2, 0};
            for (LossWeights lw : new LossWeights[] {new LossWeights(0, 0, 0, 1), new LossWeights(0.7, 0.2, 0.4, 0.5)}) {
                LossEvaluator ev = new LossEvaluator(field, lw, pool);
                double[] grad = new double[w.length];
                LossTerms terms = new LossTerms();
                double l0 = ev.batch(d, order, 0, 3, grad, terms);
                assertEquals(3, terms.virialCount);
                assertTrue(terms.virialSq > 0);
                double big = 0;
                for (double g : grad) {
                    big = Math.max(big, Math.abs(g));
                }
                double worst = 0;
                Rng pick = new Rng(4);
                for (int t = 0; t < 24; t++) {
                    int k = pick.nextInt(w.length);
                    double h = 1e-5 * Math.max(1, Math.abs(w[k]));
                    double save = w[k];
                    w[k] = save + h;
                    double lp = loss(ev, d, lw);
                    w[k] = save - h;
                    double lm = loss(ev, d, lw);
                    w[k] = save;
                    worst = Math.max(worst, Math.abs((lp - lm) / (2 * h) - grad[k]) / big);
                }
                System.out.printf("loss %s: L = %.4g, worst FD error / max|grad| %.2g%n", lw, l0, worst);
                assertTrue(big > 0);
                assertTrue(worst < 1e-5, lw + ": finite-difference mismatch " + worst);
            }
        }
    }

    private static double loss(LossEvaluator ev, Dataset d, LossWeights lw) {
        LossTerms t = new LossTerms();
        ev.evaluate(d, t);
        return t.loss(lw);
    }

    @Test
    void trainingOnTheVirialLowersTheVirialAndPressureErrors() throws Exception {
        try (WorkerPool pool = new WorkerPool(2)) {
            Dataset all = new Dataset(DataReader.convert(DataReader.read(data), List.of("Ar"), TrainTestData.CUTOFF,
                    Units.LJ, true, true, false, pool));
            Dataset.Split split = all.split(0.25, 0.0, 5);
            ErrorReport without = train(split, new LossWeights(1, 1, 0, 0), "without", pool);
            ErrorReport with = train(split, new LossWeights(1, 1, 0, 1), "with", pool);
            double vr = with.virial().rmse() / without.virial().rmse();
            double pr = with.pressure().rmse() / without.pressure().rmse();
            System.out.printf("validation virial/atom RMSE %.4g -> %.4g (ratio %.3f), pressure RMSE %.4g -> %.4g "
                    + "(ratio %.3f); forces %.4g -> %.4g%n", without.virial().rmse(), with.virial().rmse(), vr,
                    without.pressure().rmse(), with.pressure().rmse(), pr, without.forces().rmse(),
                    with.forces().rmse());
            assertTrue(vr < 0.5, "virial RMSE ratio " + vr);
            assertTrue(pr < 0.5, "pressure RMSE ratio " + pr);
        }
    }

    private static ErrorReport train(Dataset.Split split, LossWeights lw, String tag, WorkerPool pool)
            throws Exception {
        Path out = Files.createDirectories(dir.resolve(tag));
        Trainer t = new Trainer(Units.LJ, List.of("Ar"), TrainTestData.tinyModel(3), lw,
                OptimizerSettings.cosine(1e-2, 12, 2, 9), split,
                new Trainer.Outputs(out.resolve("m.a2i"), null, out.resolve("m.chk")), pool);
        assertEquals(Trainer.Outcome.COMPLETED, t.run(false));
        return ErrorReport.of(new A2IForceField(t.bestModel()), split.validation(), pool);
    }

    @Test
    void errorReportGivesPressureAndVirialLines() {
        try (WorkerPool pool = new WorkerPool(1)) {
            Dataset d = new Dataset(DataReader.convert(DataReader.read(data), List.of("Ar"), TrainTestData.CUTOFF,
                    Units.LJ, true, true, true, pool));
            A2IModel model = new A2IModel(TrainTestData.tinyModel(5).architecture(1), Units.LJ, List.of("Ar"), 1.0);
            ModelPreparation.prepare(model, d, 5, pool);
            ErrorReport r = ErrorReport.of(new A2IForceField(model), d, pool);
            ErrorReport.Metric p = r.pressure();
            ErrorReport.Metric v = r.virial();
            assertNotNull(p);
            assertEquals(d.size(), p.count());
            assertEquals(9L * d.size(), v.count());
            // The pressure values are trace(W) / (3V) of each frame (lj: nktv2p = 1).
            double[] ref = r.pressureValues().reference();
            TrainingFrame f0 = d.get(0);
            assertEquals((f0.virial[0] + f0.virial[4] + f0.virial[8]) / (3 * f0.volume()), ref[0], 1e-12);
            // Spread: the std over frames (independent computation).
            double mean = 0;
            for (double x : ref) {
                mean += x / ref.length;
            }
            double var = 0;
            for (double x : ref) {
                var += (x - mean) * (x - mean) / ref.length;
            }
            assertEquals(Math.sqrt(var), p.spread(), 1e-12 * Math.sqrt(var));
            assertTrue(v.spread() > 0 && Double.isFinite(v.rmseRatio()));
            String text = r.text("t", "eps", "eps/sigma");
            assertTrue(text.contains("pressure (virial part) [" + Units.LJ.pressure + "]"), text);
            assertTrue(text.contains("virial component/atom [eps]"), text);
            String json = r.json("m", "d", "lj");
            assertTrue(json.contains("\"pressure_virial\": {\"count\": " + d.size()), json);
            assertTrue(json.contains("\"virial_per_atom\": {"), json);

            // Metal units: bar. Without virials: no lines.
            Path plain = dir.resolve("plain2.extxyz");
            try {
                TrainTestData.writeLj(plain, 2, 5, 0.05, "Ar");
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
            Dataset none = new Dataset(DataReader.convert(DataReader.read(plain), List.of("Ar"), TrainTestData.CUTOFF,
                    Units.LJ, true, true, true, pool));
            ErrorReport rn = ErrorReport.of(new A2IForceField(model), none, pool);
            assertNull(rn.pressure());
            assertTrue(!rn.text("t", "eps", "eps/sigma").contains("pressure"));
        }
    }

    @Test
    void negativeVirialWeightAndStressWithoutCellAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LossWeights(1, 1, 0, -1));
        try (WorkerPool pool = new WorkerPool(1)) {
            InputException e = assertThrows(InputException.class, () -> DataReader.convert(List.of(
                    new DataReader.Raw("x.extxyz", 1, badStressCluster())), List.of("Ar"), 2.0, Units.LJ, false, false,
                    false, pool));
            assertTrue(e.getMessage().contains("x.extxyz:2") && e.getMessage().contains("stress"), e.getMessage());
        }
    }

    private static ExtXyzFrame badStressCluster() {
        ExtXyzFrame f = new ExtXyzFrame(null, new String[] {"Ar"}, new double[3]);
        f.info.put("stress", "1 0 0 0 1 0 0 0 1");
        return f;
    }
}

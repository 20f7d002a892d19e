package org.a2imd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.a2imd.core.Rng;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.nnp.A2IForceField;
import org.a2imd.nnp.A2IModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch gradient of the loss against central differences of the loss itself, term by term and combined. */
class LossGradientTest {
    @TempDir
    Path dir;

    @Test
    void gradientMatchesFiniteDifferencesOfTheLoss() throws Exception {
        Path file = dir.resolve("lj.extxyz");
        TrainTestData.writeLj(file, 3, 21, 0.08, "Ar");
        try (WorkerPool pool = new WorkerPool(2)) {
            Dataset data = new Dataset(DataReader.convert(DataReader.read(file), List.of("Ar"), TrainTestData.CUTOFF,
                    Units.LJ, true, true, true, pool));
            A2IModel model = new A2IModel(TrainTestData.tinyModel(5).architecture(1), Units.LJ, List.of("Ar"), 1.0);
            ModelPreparation.prepare(model, data, 5, pool);
            // Move away from the prepared start so that every term has sizeable errors and curvature.
            Rng rng = new Rng(77);
            double[] w = model.weights();
            for (int k = 0; k < w.length; k++) {
                w[k] += 0.05 * rng.nextGaussian();
            }
            A2IForceField field = new A2IForceField(model);
            int[] order = {2, 0, 1};
            LossWeights[] cases = {new LossWeights(1, 0, 0), new LossWeights(0, 1, 0), new LossWeights(0, 0, 1),
                new LossWeights(0.7, 0.2, 0.4)};
            for (LossWeights lw : cases) {
                LossEvaluator ev = new LossEvaluator(field, lw, pool);
                double[] grad = new double[w.length];
                double l0 = ev.batch(data, order, 0, 3, grad, new LossTerms());
                assertEquals(loss(ev, data, lw), l0, 1e-12 * l0, "batch and validation paths give the same loss");
                double big = 0;
                for (double g : grad) {
                    big = Math.max(big, Math.abs(g));
                }
                double worst = 0;
                Rng pick = new Rng(3);
                for (int t = 0; t < 24; t++) {
                    int k = pick.nextInt(w.length);
                    double h = 1e-5 * Math.max(1, Math.abs(w[k]));
                    double save = w[k];
                    w[k] = save + h;
                    double lp = loss(ev, data, lw);
                    w[k] = save - h;
                    double lm = loss(ev, data, lw);
                    w[k] = save;
                    double fd = (lp - lm) / (2 * h);
                    worst = Math.max(worst, Math.abs(fd - grad[k]) / big);
                }
                System.out.printf("loss %s: L = %.4g, max |grad| %.3g, worst FD error / max|grad| %.2g%n", lw, l0, big,
                        worst);
                assertTrue(big > 0);
                assertTrue(worst < 1e-5, lw + ": finite-difference mismatch " + worst);
            }
        }
    }

    /** The loss alone (no gradient), through the validation path. */
    private static double loss(LossEvaluator ev, Dataset data, LossWeights lw) {
        LossTerms t = new LossTerms();
        ev.evaluate(data, t);
        return t.loss(lw);
    }

    @Test
    void lossTermsAreTheDocumentedMeans() {
        LossTerms t = new LossTerms();
        t.energySq = 2;
        t.energyCount = 4;
        t.forceSq = 9;
        t.forceCount = 3;
        t.atomSq = 1;
        t.atomCount = 10;
        assertEquals(0.5 * 2 + 3 * 3 + 0.1 * 10, t.loss(new LossWeights(2, 3, 10)), 1e-15);
        assertEquals(3, t.loss(new LossWeights(0, 1, 0)), 1e-15);
        assertEquals(Math.sqrt(0.5), t.energyRmse(), 1e-15);
    }
}

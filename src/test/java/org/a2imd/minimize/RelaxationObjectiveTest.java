package org.a2imd.minimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.a2imd.core.AtomState;
import org.a2imd.core.Rng;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.junit.jupiter.api.Test;

/** The generalised forces are the gradient of the enthalpy, and relaxing keeps the image counters right. */
class RelaxationObjectiveTest {
    private static AtomState displaced(double amplitude, long seed) {
        AtomState s = SiliconFixture.diamond(5.431, 2);
        Rng rng = new Rng(seed);
        for (int k = 0; k < 3 * s.n; k++) {
            s.pos[k] += amplitude * (rng.nextDouble() - 0.5);
        }
        return s;
    }

    /** Central differences of H = E + PV against every cell force and a sample of atom forces. */
    @Test
    void forcesAreMinusTheEnthalpyGradient() {
        for (CellMode mode : CellMode.values()) {
            try (WorkerPool pool = new WorkerPool(1)) {
                AtomState s = displaced(0.2, 7);
                s.deform(new double[] {0.01, 0, 0, 0, -0.02, 0, 0, 0, 0.015});
                double p = 5.0 / ElasticConstants.EV_PER_A3_IN_GPA; // 5 GPa
                RelaxationObjective obj = new RelaxationObjective(s, new ForceEvaluator(SiliconFixture.field(), 1.0, pool),
                        mode, p);
                int dim = obj.dimension();
                double[] x = new double[dim];
                double[] f = new double[dim];
                double[] scratch = new double[dim];
                obj.coordinates(x);
                // move the cell coordinates off zero so F != I
                for (int k = 3 * s.n; k < dim; k++) {
                    x[k] = 0.05 * (k - 3 * s.n + 1);
                }
                obj.evaluate(x, f);
                double[] f0 = f.clone();
                double h = 1e-5;
                int[] sample = {0, 1, 2, 50, 100, 191};
                int checked = 0;
                for (int k = 0; k < dim; k++) {
                    boolean cell = k >= 3 * s.n;
                    if (!cell && java.util.Arrays.binarySearch(sample, k) < 0) {
                        continue;
                    }
                    double keep = x[k];
                    x[k] = keep + h;
                    double up = obj.evaluate(x, scratch);
                    x[k] = keep - h;
                    double down = obj.evaluate(x, scratch);
                    x[k] = keep;
                    double numeric = -(up - down) / (2 * h);
                    assertEquals(numeric, f0[k], 1e-6 * Math.max(1, Math.abs(f0[k])), mode + " coordinate " + k);
                    checked++;
                }
                assertEquals(sample.length + (mode == CellMode.NONE ? 0 : mode == CellMode.ISO ? 1 : 3), checked);
            }
        }
    }

    /** Atoms that cross the cell faces while relaxing are counted in the images: no jumps by a cell vector. */
    @Test
    void unwrappedPositionsMoveOnlyByTheRelaxation() {
        try (WorkerPool pool = new WorkerPool(1)) {
            AtomState s = displaced(0.3, 11);
            // put atoms right at the faces so that relaxation moves some of them across
            double[] before = new double[3 * s.n];
            double[] u = new double[3];
            for (int i = 0; i < s.n; i++) {
                s.unwrapped(i, u);
                System.arraycopy(u, 0, before, 3 * i, 3);
            }
            Minimization.Result r = Minimization.run(s, new ForceEvaluator(SiliconFixture.field(), 1.0, pool),
                    new MinimizeSettings(MinimizeSettings.Style.CG, 0, 1e-8, 1000, 0.1), CellMode.ISO, 0.0);
            assertEquals(MinimizeSettings.Stop.FORCE, r.stop());
            int crossed = 0;
            double largest = 0;
            double scale = s.box().vectorComponent(0, 0) / (2 * 5.431);
            for (int i = 0; i < s.n; i++) {
                s.unwrapped(i, u);
                for (int c = 0; c < 3; c++) {
                    largest = Math.max(largest, Math.abs(u[c] - scale * before[3 * i + c]));
                    crossed += s.image[3 * i + c] != 0 ? 1 : 0;
                }
            }
            assertTrue(crossed > 0, "some atoms should have crossed a face");
            assertTrue(largest < 0.4, "largest unwrapped move " + largest);
        }
    }
}

package org.a2imd.nnp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.a2imd.core.AtomState;
import org.a2imd.core.Rng;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceOutput;
import org.a2imd.neighbor.BruteForcePairFinder;
import org.a2imd.neighbor.NeighborList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The weight gradient of sum_a dir_a . F_a + sum_ab D_ab W_ab by one pair of strained-and-displaced
 * evaluations, against central differences in the weights of that quantity computed from the analytic
 * forces and virial (sign included). D is not symmetric; W of this rotation-invariant model is, so only
 * the symmetric part of D matters, and D^T would pass too.
 */
class A2IVirialLossGradientTest {
    private static WorkerPool pool;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(1);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    /** sum dir . F (forces folded onto locals; dir may be null) + sum D_ab W_ab. */
    private static double projection(A2IForceField ff, NeighborList nl, double[] dir, double[] d) {
        ForceOutput out = new ForceOutput();
        out.reset(nl.nLocal, nl.nAll, false);
        ff.compute(nl, null, out, pool);
        double s = 0;
        if (dir != null) {
            double[] f = new double[3 * nl.nLocal];
            nl.foldGhostForces(out.force, f);
            for (int k = 0; k < f.length; k++) {
                s += dir[k] * f[k];
            }
        }
        for (int c = 0; c < 9; c++) {
            s += d[c] * out.virial[c];
        }
        return s;
    }

    @Test
    void virialAndForceLossGradientMatchesFiniteDifferences() {
        check(true, false);
        check(false, false);
        check(true, true);
    }

    private static void check(boolean withForces, boolean angularFactor) {
        A2IModel m = A2ITestSupport.smallModel(2, 2.0, 50, angularFactor);
        SpeciesSet sp = A2ITestSupport.speciesSet(m);
        AtomState s = A2ITestSupport.randomState(sp, A2ITestSupport.triclinic(3.3, 3.5, 3.4), 6, 0.9, 51);
        A2IForceField ff = new A2IForceField(m);
        NeighborList nl = new NeighborList(m.cutoff(), 0.3, false, true, new BruteForcePairFinder());
        nl.build(s);
        Rng rng = new Rng(52);
        double[] dir = null;
        if (withForces) {
            dir = new double[3 * s.n];
            for (int k = 0; k < dir.length; k++) {
                dir[k] = rng.nextGaussian();
            }
        }
        double[] d = new double[9];
        for (int c = 0; c < 9; c++) {
            d[c] = 0.3 * rng.nextGaussian(); // not symmetric
        }
        double[] xBefore = Arrays.copyOf(nl.x, 3 * nl.nAll);
        double[] grad = new double[m.parameterCount()];
        ff.addForceLossGradient(nl, dir, d, A2IForceField.DEFAULT_FORCE_STEP * m.cutoff(), grad, 1.0, pool);
        assertArrayEquals(xBefore, Arrays.copyOf(nl.x, 3 * nl.nAll), "positions must be restored exactly");

        double[] w = m.weights();
        double h = 1e-5;
        double worst = 0;
        for (int k = 0; k < w.length; k++) {
            double w0 = w[k];
            w[k] = w0 + h;
            double p = projection(ff, nl, dir, d);
            w[k] = w0 - h;
            double q = projection(ff, nl, dir, d);
            w[k] = w0;
            worst = Math.max(worst, Math.abs((p - q) / (2 * h) - grad[k]));
        }
        double rel = worst / A2ITestSupport.maxAbs(grad);
        System.out.printf("virial%s loss gradient%s: max error / max = %.2e%n", withForces ? " + force" : "",
                angularFactor ? " (angular factor)" : "", rel);
        assertTrue(A2ITestSupport.maxAbs(grad) > 0);
        assertTrue(rel < 1e-7, "virial-loss gradient error " + rel);

    }
}

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

/** Weight gradients of the energy and of a force loss against finite differences in the weights. */
class A2IGradientTest {
    private static WorkerPool pool;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(1);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static NeighborList list(A2IModel m, AtomState s) {
        NeighborList nl = new NeighborList(m.cutoff(), 0.3, false, true, new BruteForcePairFinder());
        nl.build(s);
        return nl;
    }

    private static double energy(A2IForceField ff, NeighborList nl, ForceOutput out) {
        out.reset(nl.nLocal, nl.nAll, false);
        ff.compute(nl, null, out, pool);
        return out.energy;
    }

    /** sum_a dir_a . F_a with the forces folded onto local atoms. */
    private static double forceProjection(A2IForceField ff, NeighborList nl, ForceOutput out, double[] dir) {
        out.reset(nl.nLocal, nl.nAll, false);
        ff.compute(nl, null, out, pool);
        double[] f = new double[3 * nl.nLocal];
        nl.foldGhostForces(out.force, f);
        double s = 0;
        for (int k = 0; k < f.length; k++) {
            s += dir[k] * f[k];
        }
        return s;
    }

    @Test
    void energyWeightGradientMatchesFiniteDifferences() {
        energyWeightGradient(false);
    }

    @Test
    void energyWeightGradientWithAngularFactorMatchesFiniteDifferences() {
        energyWeightGradient(true);
    }

    private static void energyWeightGradient(boolean angularFactor) {
        for (int species = 1; species <= 2; species++) {
            A2IModel m = A2ITestSupport.smallModel(species, 2.0, 20 + species, angularFactor);
            SpeciesSet sp = A2ITestSupport.speciesSet(m);
            AtomState s = A2ITestSupport.randomState(sp, A2ITestSupport.triclinic(3.3, 3.5, 3.4), 6, 0.9, 30);
            A2IForceField ff = new A2IForceField(m);
            NeighborList nl = list(m, s);
            ForceOutput out = new ForceOutput();
            out.reset(nl.nLocal, nl.nAll, false);
            double[] grad = new double[m.parameterCount()];
            ff.evaluate(nl, out, grad, 1.0, pool);
            double[] w = m.weights();
            double h = 1e-5;
            double worst = 0;
            for (int k = 0; k < w.length; k++) {
                double w0 = w[k];
                double[] e = new double[2];
                double[] steps = {-1, 1};
                for (int t = 0; t < 2; t++) {
                    w[k] = w0 + steps[t] * h;
                    e[t] = energy(ff, nl, out);
                }
                w[k] = w0;
                double fd = (e[1] - e[0]) / (2 * h);
                worst = Math.max(worst, Math.abs(fd - grad[k]));
            }
            double rel = worst / A2ITestSupport.maxAbs(grad);
            System.out.printf("%d species%s: %d weights, max |dE/dw error| / max |dE/dw| = %.2e%n", species,
                    angularFactor ? ", angular factor" : "", w.length, rel);
            assertTrue(rel < 1e-8, "weight gradient error " + rel);
            // Species that do not occur in the frame get no gradient; everything else is exercised.
            int zeros = 0;
            for (double gk : grad) {
                zeros += gk == 0 ? 1 : 0;
            }
            assertTrue(zeros <= 2 * m.architecture().width(), zeros + " weights have exactly zero gradient");

            // The gradient scale is applied exactly once.
            double[] grad2 = new double[m.parameterCount()];
            ff.evaluate(nl, out, grad2, -2.5, pool);
            for (int k = 0; k < grad.length; k++) {
                assertTrue(Math.abs(grad2[k] + 2.5 * grad[k]) <= 1e-13 * A2ITestSupport.maxAbs(grad));
            }
        }
    }

    @Test
    void forceLossGradientMatchesFiniteDifferences() {
        forceLossGradient(false);
    }

    @Test
    void forceLossGradientWithAngularFactorMatchesFiniteDifferences() {
        forceLossGradient(true);
    }

    private static void forceLossGradient(boolean angularFactor) {
        A2IModel m = A2ITestSupport.smallModel(2, 2.0, 40, angularFactor);
        SpeciesSet sp = A2ITestSupport.speciesSet(m);
        AtomState s = A2ITestSupport.randomState(sp, A2ITestSupport.triclinic(3.3, 3.5, 3.4), 6, 0.9, 41);
        A2IForceField ff = new A2IForceField(m);
        NeighborList nl = list(m, s);
        Rng rng = new Rng(42);
        double[] dir = new double[3 * s.n];
        for (int k = 0; k < dir.length; k++) {
            dir[k] = rng.nextGaussian();
        }
        double[] xBefore = Arrays.copyOf(nl.x, 3 * nl.nAll);
        double[] grad = new double[m.parameterCount()];
        ff.addForceLossGradient(nl, dir, grad, 1.0, pool);
        assertArrayEquals(xBefore, Arrays.copyOf(nl.x, 3 * nl.nAll), "positions must be restored exactly");

        ForceOutput out = new ForceOutput();
        double[] w = m.weights();
        double h = 1e-5;
        double worst = 0;
        for (int k = 0; k < w.length; k++) {
            double w0 = w[k];
            double[] e = new double[2];
            double[] steps = {-1, 1};
            for (int t = 0; t < 2; t++) {
                w[k] = w0 + steps[t] * h;
                e[t] = forceProjection(ff, nl, out, dir);
            }
            w[k] = w0;
            double fd = (e[1] - e[0]) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - grad[k]));
        }
        double rel = worst / A2ITestSupport.maxAbs(grad);
        System.out.printf("force-loss gradient (HVP by central differences, default step): max error / max = %.2e%n", rel);
        assertTrue(rel < 1e-7, "force-loss gradient error " + rel);
    }
}

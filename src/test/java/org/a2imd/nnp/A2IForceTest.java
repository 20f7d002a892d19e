package org.a2imd.nnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Forces and virial of the A2I network against finite differences of its energy. */
class A2IForceTest {
    private static WorkerPool pool;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(1);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    /**
     * Max |F_fd - F| over all components, relative to max |F|; 4th-order central differences (their
     * truncation error falls as h^4, checked: 16x per halving of h, so the residual is not a formula slip).
     */
    static double forceError(A2IForceField ff, AtomState s, WorkerPool pool) {
        return forceError(ff, s, pool, 2e-4);
    }

    static double forceError(A2IForceField ff, AtomState s, WorkerPool pool, double h) {
        A2ITestSupport.Eval e = A2ITestSupport.evaluate(ff, s, pool);
        double[] f = e.force();
        double worst = 0;
        for (int k = 0; k < 3 * s.n; k++) {
            double[] ep = new double[4];
            double[] steps = {-2, -1, 1, 2};
            for (int t = 0; t < 4; t++) {
                AtomState c = A2ITestSupport.copy(s);
                c.pos[k] += steps[t] * h;
                ep[t] = A2ITestSupport.energy(ff, c, pool);
            }
            double fd = -(ep[0] - 8 * ep[1] + 8 * ep[2] - ep[3]) / (12 * h);
            worst = Math.max(worst, Math.abs(fd - f[k]));
        }
        return worst / A2ITestSupport.maxAbs(f);
    }

    /** Max |W_fd - W| over the 9 components, relative to max |W|; W_fd = -dE/d(strain), 4th-order differences. */
    static double virialError(A2IForceField ff, AtomState s, WorkerPool pool) {
        double[] vir = A2ITestSupport.evaluate(ff, s, pool).virial();
        double h = 2e-4;
        double worst = 0;
        for (int c = 0; c < 9; c++) {
            double[] ep = new double[4];
            double[] steps = {-2, -1, 1, 2};
            for (int t = 0; t < 4; t++) {
                double[] e = new double[9];
                e[c] = steps[t] * h;
                AtomState p = A2ITestSupport.copy(s);
                p.deform(e);
                ep[t] = A2ITestSupport.energy(ff, p, pool);
            }
            double fd = -(ep[0] - 8 * ep[1] + 8 * ep[2] - ep[3]) / (12 * h);
            worst = Math.max(worst, Math.abs(fd - vir[c]));
        }
        return worst / A2ITestSupport.maxAbs(vir);
    }

    @Test
    void forcesMatchFiniteDifferencesOneSpecies() {
        A2IModel m = A2ITestSupport.smallModel(1, 2.0, 11);
        SpeciesSet sp = A2ITestSupport.speciesSet(m);
        AtomState s = A2ITestSupport.randomState(sp, Box.orthorhombic(4.3, 4.6, 4.4), 14, 0.9, 5);
        double err = forceError(new A2IForceField(m), s, pool);
        System.out.printf("one species: max force error / max force = %.2e%n", err);
        assertTrue(err < 1e-8, "relative force error " + err);
    }

    @Test
    void forcesMatchFiniteDifferencesTwoSpeciesSmallTriclinicCell() {
        // Every cell width is below 2 r_c: atoms see several images of the same neighbour and of themselves.
        A2IModel m = A2ITestSupport.smallModel(2, 2.0, 12);
        SpeciesSet sp = A2ITestSupport.speciesSet(m);
        Box box = A2ITestSupport.triclinic(3.1, 3.3, 3.2);
        double[] w = box.perpendicularWidths();
        assertTrue(Math.max(w[0], Math.max(w[1], w[2])) < 2 * m.cutoff());
        AtomState s = A2ITestSupport.randomState(sp, box, 7, 0.9, 6);
        double err = forceError(new A2IForceField(m), s, pool);
        System.out.printf("two species, small triclinic cell: max force error / max force = %.2e%n", err);
        assertTrue(err < 1e-8, "relative force error " + err);
    }

    @Test
    void virialIsMinusStrainDerivative() {
        A2IModel m = A2ITestSupport.smallModel(2, 2.0, 13);
        SpeciesSet sp = A2ITestSupport.speciesSet(m);
        AtomState s = A2ITestSupport.randomState(sp, A2ITestSupport.triclinic(3.4, 3.6, 3.5), 9, 0.9, 7);
        A2IForceField ff = new A2IForceField(m);
        double[] vir = A2ITestSupport.evaluate(ff, s, pool).virial();
        double rel = virialError(ff, s, pool);
        System.out.printf("virial: max error / max component = %.2e%n", rel);
        assertTrue(rel < 1e-8, "relative virial error " + rel);
        // Rotational invariance makes the virial symmetric.
        assertEquals(vir[1], vir[3], 1e-10 * A2ITestSupport.maxAbs(vir));
        assertEquals(vir[2], vir[6], 1e-10 * A2ITestSupport.maxAbs(vir));
        assertEquals(vir[5], vir[7], 1e-10 * A2ITestSupport.maxAbs(vir));
    }
}

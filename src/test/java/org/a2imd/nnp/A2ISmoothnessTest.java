package org.a2imd.nnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Energy and forces stay continuous as atoms cross the cutoff: the envelope is C2, so the energy
 * approaches its far value as (r_c - r)^3 and the force as (r_c - r)^2.
 */
class A2ISmoothnessTest {
    private static WorkerPool pool;
    private static A2IModel model;
    private static A2IForceField ff;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(1);
        model = A2ITestSupport.smallModel(2, 2.0, 70);
        ff = new A2IForceField(model);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    /** Energy, and force on the last atom along direction (dx, dy, dz), with the last atom at base + s dir. */
    private static double[] scanPoint(double[] fixed, int[] type, double[] base, double[] dir, double s) {
        int n = type.length;
        double[] pos = new double[3 * n];
        System.arraycopy(fixed, 0, pos, 0, fixed.length);
        for (int c = 0; c < 3; c++) {
            pos[3 * (n - 1) + c] = base[c] + s * dir[c];
        }
        AtomState st = new AtomState(org.a2imd.core.Units.LJ, A2ITestSupport.speciesSet(model),
                Box.orthorhombic(20, 20, 20), type, pos);
        A2ITestSupport.Eval e = A2ITestSupport.evaluate(ff, st, pool);
        double f = 0;
        for (int c = 0; c < 3; c++) {
            f += e.force()[3 * (n - 1) + c] * dir[c];
        }
        return new double[] {e.energy(), f};
    }

    /**
     * Scans the moving atom so that its distance to atom 0 crosses r_c at s = sCross, and checks: exact
     * far value beyond, the cubic / quadratic approach, and no jumps along a fine scan.
     */
    private static void checkCrossing(double[] fixed, int[] type, double[] base, double[] dir, double sCross) {
        double[] far = scanPoint(fixed, type, base, dir, sCross + 1e-9);
        double[] farther = scanPoint(fixed, type, base, dir, sCross + 0.05);
        assertEquals(far[0], farther[0], 0.0, "energy beyond the cutoff is independent of the distance");
        assertEquals(0.0, far[1], 0.0, "no force beyond the cutoff");
        double[] dE = new double[3];
        double[] fAbs = new double[3];
        double[] deltas = {4e-2, 4e-3, 4e-4};
        for (int t = 0; t < 3; t++) {
            double[] in = scanPoint(fixed, type, base, dir, sCross - deltas[t]);
            dE[t] = Math.abs(in[0] - far[0]);
            fAbs[t] = Math.abs(in[1]);
        }
        System.out.printf("  |E - E_far| at r_c - 4e-2, 4e-3, 4e-4: %.2e %.2e %.2e;  |F|: %.2e %.2e %.2e%n",
                dE[0], dE[1], dE[2], fAbs[0], fAbs[1], fAbs[2]);
        for (int t = 0; t < 2; t++) {
            assertTrue(dE[t + 1] < 2e-3 * dE[t], "energy must approach its far value as delta^3");
            assertTrue(fAbs[t + 1] < 2e-2 * fAbs[t], "force must vanish as delta^2");
        }
        // Fine scan through the crossing: mean-value bound on energy steps, bounded force steps.
        double ds = 2e-4;
        double[] prev = scanPoint(fixed, type, base, dir, sCross - 0.1);
        double maxJumpF = 0;
        double maxF = 0;
        for (double s = sCross - 0.1 + ds; s < sCross + 0.02; s += ds) {
            double[] cur = scanPoint(fixed, type, base, dir, s);
            double bound = ds * Math.max(Math.abs(cur[1]), Math.abs(prev[1])) * 1.05 + 1e-13;
            assertTrue(Math.abs(cur[0] - prev[0]) <= bound + 1e-6 * ds, "energy jumps at s = " + s);
            maxJumpF = Math.max(maxJumpF, Math.abs(cur[1] - prev[1]));
            maxF = Math.max(maxF, Math.abs(cur[1]));
            prev = cur;
        }
        // Near the cutoff the force changes by at most about F' ds, with F' ~ 2 |F(r_c - 0.1)| / 0.1.
        assertTrue(maxJumpF < 50 * ds * Math.max(maxF, 1e-12) / 0.1, "force jumps: " + maxJumpF);
    }

    /**
     * Atoms without any neighbour (a dilute gas; the very first atom a fresh force field sees) get the
     * energy of an isolated atom and no force; this once crashed on unallocated scratch arrays.
     */
    @Test
    void isolatedAtomsOnAFreshForceField() {
        A2IForceField fresh = new A2IForceField(model);
        AtomState st = new AtomState(org.a2imd.core.Units.LJ, A2ITestSupport.speciesSet(model),
                Box.orthorhombic(20, 20, 20), new int[] {0, 1, 0}, new double[] {1, 1, 1, 8, 8, 8, 15, 1, 9});
        A2ITestSupport.Eval e = A2ITestSupport.evaluate(fresh, st, pool);
        assertEquals(0.0, A2ITestSupport.maxAbs(e.force()), 0.0);
        assertEquals(e.atomEnergy()[0], e.atomEnergy()[2], 0.0, "two isolated atoms of one species");
        assertEquals(e.atomEnergy()[0] + e.atomEnergy()[1] + e.atomEnergy()[2], e.energy(), 1e-12);
    }

    @Test
    void dimerAcrossTheCutoff() {
        System.out.println("dimer:");
        double[] fixed = {5, 5, 5};
        checkCrossing(fixed, new int[] {0, 1}, new double[] {5, 5, 5}, new double[] {0.6, 0.8, 0}, model.cutoff());
    }

    @Test
    void trimerAcrossTheCutoff() {
        System.out.println("trimer:");
        // Atom 2 moves along (-s, 1, 0) from atom 0: crosses r_c of atom 0 at s = sqrt(r_c^2 - 1), already
        // out of range of atom 1 at (1.1, 0, 0); inside, it sees atom 1 at a changing angle.
        double[] fixed = {5, 5, 5, 6.1, 5, 5};
        double rc = model.cutoff();
        checkCrossing(fixed, new int[] {0, 1, 1}, new double[] {5, 6, 5}, new double[] {-1, 0, 0},
                Math.sqrt(rc * rc - 1));
    }
}

package org.a2imd.force.ewald;

import static org.a2imd.force.ewald.LodeFixtures.CELL;
import static org.a2imd.force.ewald.LodeFixtures.N;
import static org.a2imd.force.ewald.LodeFixtures.TYPE;
import static org.a2imd.force.ewald.LodeFixtures.X;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Invariances of the LODE features, and the adjoint forces and virial against finite differences. */
class LodeFeaturesGradientTest {
    private static final WorkerPool POOL = new WorkerPool(2);
    // accuracy 1e-14: a k-vector crossing the cut-off under a 1e-6 strain changes nothing visible
    private static final LodeSpec SPEC = new LodeSpec(new int[] {1, 2, 3, 4, 6}, new double[] {0.9, 1.4}, 1e-14);

    @AfterAll
    static void close() {
        POOL.close();
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    private static void assertClose(double[] expected, double[] actual, double rel, String what) {
        double scale = maxAbs(expected);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], rel * scale, what + " [" + k + "]");
        }
    }

    @Test
    void translationAndImageShiftsChangeNothing() {
        LodeFeatures lode = new LodeFeatures(SPEC, 2);
        double[] f = LodeFixtures.features(lode, X, TYPE, CELL, POOL);
        double[] moved = X.clone();
        for (int i = 0; i < N; i++) {
            moved[3 * i] += 0.37;
            moved[3 * i + 1] -= 1.21;
            moved[3 * i + 2] += 2.9;
        }
        assertClose(f, LodeFixtures.features(lode, moved, TYPE, CELL, POOL), 1e-12, "translated");
        double[] a = CELL.rows();
        double[] shifted = X.clone();
        int[][] shifts = {{1, 0, 0}, {0, -2, 1}, {3, 1, -1}};
        for (int i = 0; i < 3; i++) {
            for (int d = 0; d < 3; d++) {
                shifted[3 * (2 * i) + d] += shifts[i][0] * a[d] + shifts[i][1] * a[3 + d] + shifts[i][2] * a[6 + d];
            }
        }
        assertClose(f, LodeFixtures.features(lode, shifted, TYPE, CELL, POOL), 1e-12, "image-shifted");
    }

    @Test
    void permutingAtomsPermutesFeatures() {
        LodeFeatures lode = new LodeFeatures(SPEC, 2);
        int nc = lode.featuresPerAtom();
        double[] f = LodeFixtures.features(lode, X, TYPE, CELL, POOL);
        int[] perm = {3, 0, 5, 1, 4, 2};
        double[] px = new double[3 * N];
        int[] pt = new int[N];
        for (int k = 0; k < N; k++) {
            System.arraycopy(X, 3 * perm[k], px, 3 * k, 3);
            pt[k] = TYPE[perm[k]];
        }
        double[] pf = LodeFixtures.features(lode, px, pt, CELL, POOL);
        double[] expected = new double[N * nc];
        for (int k = 0; k < N; k++) {
            System.arraycopy(f, perm[k] * nc, expected, k * nc, nc);
        }
        assertClose(expected, pf, 1e-12, "permuted");
    }

    @Test
    void rotatingCellAndAtomsChangesNothing() {
        LodeFeatures lode = new LodeFeatures(SPEC, 2);
        double[] f = LodeFixtures.features(lode, X, TYPE, CELL, POOL);
        double[] rot = rotation(0.3, -0.8, 0.55, 1.1);
        double[] a = CELL.rows();
        Box rotated = Box.of(apply(rot, a, 0), apply(rot, a, 3), apply(rot, a, 6));
        double[] rx = new double[3 * N];
        for (int i = 0; i < N; i++) {
            System.arraycopy(apply(rot, X, 3 * i), 0, rx, 3 * i, 3);
        }
        assertClose(f, LodeFixtures.features(lode, rx, TYPE, rotated, POOL), 1e-12, "rotated");
    }

    /** Forces from the adjoint pass equal -d/dx of sum_i w_i . lambda_i by central differences. */
    @Test
    void forcesAreMinusTheGradientOfTheWeightedFeatures() {
        LodeFeatures lode = new LodeFeatures(SPEC, 2);
        double[] w = weights(lode, 11);
        LodeFixtures.features(lode, X, TYPE, CELL, POOL);
        double[] force = new double[3 * N];
        double[] virial = new double[9];
        lode.addForces(w, force, virial, POOL);
        double h = 1e-5;
        double[] fd = new double[3 * N];
        for (int k = 0; k < 3 * N; k++) {
            double[] xp = X.clone();
            xp[k] += h;
            double[] xm = X.clone();
            xm[k] -= h;
            fd[k] = -(weighted(lode, w, xp, CELL) - weighted(lode, w, xm, CELL)) / (2 * h);
        }
        double worst = 0;
        for (int k = 0; k < 3 * N; k++) {
            worst = Math.max(worst, Math.abs(fd[k] - force[k]) / maxAbs(fd));
        }
        System.out.printf("LODE forces vs finite differences: worst %.2e of the largest component%n", worst);
        assertClose(fd, force, 1e-7, "force");
        // addForces adds, for the configuration of the last compute
        LodeFixtures.features(lode, X, TYPE, CELL, POOL);
        lode.addForces(w, force, virial, POOL);
        assertClose(fd, scale(force, 0.5), 1e-7, "force after two calls");
    }

    /** The virial is -d/d(strain) of sum_i w_i . lambda_i, cell and positions deformed together. */
    @Test
    void virialIsMinusTheStrainDerivative() {
        LodeFeatures lode = new LodeFeatures(SPEC, 2);
        double[] w = weights(lode, 12);
        LodeFixtures.features(lode, X, TYPE, CELL, POOL);
        double[] force = new double[3 * N];
        double[] virial = new double[9];
        lode.addForces(w, force, virial, POOL);
        double h = 1e-6;
        double[] fd = new double[9];
        for (int ab = 0; ab < 9; ab++) {
            double[] e = new double[9];
            e[ab] = h;
            double plus = weighted(lode, w, deform(X, e), CELL.deformed(e));
            e[ab] = -h;
            double minus = weighted(lode, w, deform(X, e), CELL.deformed(e));
            fd[ab] = -(plus - minus) / (2 * h);
        }
        double worst = 0;
        for (int ab = 0; ab < 9; ab++) {
            worst = Math.max(worst, Math.abs(fd[ab] - virial[ab]) / maxAbs(fd));
        }
        System.out.printf("LODE virial vs strain finite differences: worst %.2e of the largest component%n", worst);
        assertClose(fd, virial, 1e-7, "virial");
        // the p > 3 k = 0 term alone depends on the volume: exponent 6 only, must still match
        LodeFeatures six = new LodeFeatures(new LodeSpec(new int[] {6}, new double[] {1.1}, 1e-14), 2);
        double[] w6 = weights(six, 13);
        LodeFixtures.features(six, X, TYPE, CELL, POOL);
        double[] v6 = new double[9];
        six.addForces(w6, new double[3 * N], v6, POOL);
        double[] e = {h, 0, 0, 0, h, 0, 0, 0, h};
        double[] me = scale(e, -1);
        double tr = -(weighted(six, w6, deform(X, e), CELL.deformed(e)) - weighted(six, w6, deform(X, me), CELL.deformed(me)))
                / (2 * h);
        assertEquals(tr, v6[0] + v6[4] + v6[8], 1e-7 * Math.abs(tr), "trace of the virial, p = 6");
    }

    /** One and two threads give the same features and forces (to rounding), repeated calls identical bits. */
    @Test
    void threadCountDoesNotMatterAndRepeatsAreExact() {
        LodeFeatures one = new LodeFeatures(SPEC, 2);
        LodeFeatures two = new LodeFeatures(SPEC, 2);
        double[] w = weights(one, 14);
        try (WorkerPool single = new WorkerPool(1)) {
            double[] f1 = LodeFixtures.features(one, X, TYPE, CELL, single);
            double[] force1 = new double[3 * N];
            double[] vir1 = new double[9];
            one.addForces(w, force1, vir1, single);
            double[] f2 = LodeFixtures.features(two, X, TYPE, CELL, POOL);
            double[] force2 = new double[3 * N];
            double[] vir2 = new double[9];
            two.addForces(w, force2, vir2, POOL);
            assertClose(f1, f2, 1e-13, "features 1 vs 2 threads");
            assertClose(force1, force2, 1e-13, "forces 1 vs 2 threads");
            assertClose(vir1, vir2, 1e-13, "virial 1 vs 2 threads");
            double[] again = LodeFixtures.features(two, X, TYPE, CELL, POOL);
            assertArrayEquals(f2, again, "repeat");
        }
    }

    @Test
    void rejectsTypesOutsideTheSourceSpecies() {
        LodeFeatures lode = new LodeFeatures(SPEC, 2);
        int[] bad = TYPE.clone();
        bad[2] = 2;
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LodeFixtures.features(lode, X, bad, CELL, POOL));
        assertTrue(e.getMessage().contains("atom 2"), e.getMessage());
    }

    private static double weighted(LodeFeatures lode, double[] w, double[] x, Box box) {
        double[] f = LodeFixtures.features(lode, x, TYPE, box, POOL);
        double s = 0;
        for (int k = 0; k < f.length; k++) {
            s += w[k] * f[k];
        }
        return s;
    }

    private static double[] weights(LodeFeatures lode, long seed) {
        Random rnd = new Random(seed);
        double[] w = new double[N * lode.featuresPerAtom()];
        for (int k = 0; k < w.length; k++) {
            w[k] = rnd.nextGaussian();
        }
        return w;
    }

    private static double[] deform(double[] x, double[] e) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length / 3; i++) {
            for (int r = 0; r < 3; r++) {
                out[3 * i + r] = x[3 * i + r] + e[3 * r] * x[3 * i] + e[3 * r + 1] * x[3 * i + 1] + e[3 * r + 2] * x[3 * i + 2];
            }
        }
        return out;
    }

    private static double[] scale(double[] v, double s) {
        double[] out = v.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] *= s;
        }
        return out;
    }

    /** Rotation by angle about the (normalised) axis (ux, uy, uz), row-major. */
    private static double[] rotation(double ux, double uy, double uz, double angle) {
        double n = Math.sqrt(ux * ux + uy * uy + uz * uz);
        ux /= n;
        uy /= n;
        uz /= n;
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double t = 1 - c;
        return new double[] {
            t * ux * ux + c, t * ux * uy - s * uz, t * ux * uz + s * uy,
            t * ux * uy + s * uz, t * uy * uy + c, t * uy * uz - s * ux,
            t * ux * uz - s * uy, t * uy * uz + s * ux, t * uz * uz + c};
    }

    private static double[] apply(double[] r, double[] v, int off) {
        return new double[] {
            r[0] * v[off] + r[1] * v[off + 1] + r[2] * v[off + 2],
            r[3] * v[off] + r[4] * v[off + 1] + r[5] * v[off + 2],
            r[6] * v[off] + r[7] * v[off + 1] + r[8] * v[off + 2]};
    }
}

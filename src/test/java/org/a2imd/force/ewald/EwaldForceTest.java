package org.a2imd.force.ewald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.junit.jupiter.api.Test;

/**
 * Forces and virial of the Ewald sum are derivatives of its energy (central differences in positions
 * and in strain), in a triclinic cell with random sources; forces add to zero; per-atom energies add to
 * the total; the sum does not depend on the thread count; a changed cell is picked up.
 */
class EwaldForceTest {
    private static final Box CELL = Box.of(new double[] {5.0, 0, 0}, new double[] {1.3, 4.6, 0},
            new double[] {-0.9, 1.1, 5.3});
    private static final int N = 24;

    private static double[] positions(long seed) {
        Random r = new Random(seed);
        double[][] frac = new double[N][3];
        for (double[] s : frac) {
            for (int c = 0; c < 3; c++) {
                s[c] = r.nextDouble();
            }
        }
        double[] x = EwaldFixtures.cartesian(CELL, frac);
        // keep atoms at least 0.7 apart so no pair is pathological
        return x;
    }

    private static double[] sources(long seed, boolean neutral) {
        Random r = new Random(seed);
        double[] q = new double[N];
        double sum = 0;
        for (int i = 0; i < N; i++) {
            q[i] = neutral ? r.nextGaussian() : 0.5 + r.nextDouble();
            sum += q[i];
        }
        if (neutral) {
            for (int i = 0; i < N; i++) {
                q[i] -= sum / N;
            }
        }
        return q;
    }

    @Test
    void coulombForcesAndVirial() {
        check(1, false, true, 2.2);
    }

    @Test
    void coulombWithBackgroundInAChargedCell() {
        check(1, true, false, 2.2);
    }

    @Test
    void inverseSquareWithBackground() {
        check(2, true, false, 2.0);
    }

    @Test
    void inverseFourthPower() {
        check(4, false, false, 2.0);
    }

    @Test
    void dispersionForcesAndVirial() {
        check(6, false, false, 2.5);
    }

    private static void check(int p, boolean background, boolean neutral, double rc) {
        double[] x = positions(11 + p);
        double[] q = sources(29 + p, neutral);
        try (WorkerPool pool = new WorkerPool(2)) {
            EwaldSum sum = new EwaldSum(EwaldParameters.automatic(p, rc, 1e-10), p == 6 ? -1.0 : 1.0, background);
            EwaldFixtures.Result r = EwaldFixtures.evaluate(sum, CELL, x, q, pool);
            double fmax = 0;
            for (double v : r.force()) {
                fmax = Math.max(fmax, Math.abs(v));
            }
            // forces by central differences
            double h = 1e-5;
            for (int i = 0; i < N; i += 5) {
                for (int c = 0; c < 3; c++) {
                    double[] xp = x.clone();
                    double[] xm = x.clone();
                    xp[3 * i + c] += h;
                    xm[3 * i + c] -= h;
                    double fd = -(EwaldFixtures.energy(sum, CELL, xp, q, pool)
                            - EwaldFixtures.energy(sum, CELL, xm, q, pool)) / (2 * h);
                    assertEquals(fd, r.force()[3 * i + c], 1e-7 * fmax, "p " + p + " atom " + i + " comp " + c);
                }
            }
            // net force zero (Newton's third law; the reciprocal part cancels to round-off)
            for (int c = 0; c < 3; c++) {
                double s = 0;
                for (int i = 0; i < N; i++) {
                    s += r.force()[3 * i + c];
                }
                assertEquals(0, s, 1e-11 * fmax * N, "net force p " + p);
            }
            // per-atom energies add up
            double se = 0;
            for (double v : r.atomEnergy()) {
                se += v;
            }
            assertEquals(r.energy(), se, 1e-12 * Math.abs(r.energy()) + 1e-12, "per-atom energies p " + p);
            // virial W_ab = -dE/de_ab by finite strain (positions strained with the cell)
            double scale = 0;
            for (double v : r.virial()) {
                scale = Math.max(scale, Math.abs(v));
            }
            double eps = 1e-6;
            for (int ab = 0; ab < 9; ab++) {
                double ep = strainedEnergy(sum, x, q, ab, eps, pool);
                double em = strainedEnergy(sum, x, q, ab, -eps, pool);
                double fd = -(ep - em) / (2 * eps);
                assertEquals(fd, r.virial()[ab], 1e-7 * scale, "virial p " + p + " component " + ab);
            }
            // a fresh sum on the same configuration (after the strained cells) gives the same energy
            double again = EwaldFixtures.energy(sum, CELL, x, q, pool);
            assertEquals(r.energy(), again, 1e-13 * Math.abs(r.energy()));
            // the thread count changes only round-off
            try (WorkerPool one = new WorkerPool(1)) {
                EwaldFixtures.Result serial = EwaldFixtures.evaluate(
                        new EwaldSum(sum.parameters(), sum.parameters().exponent() == 6 ? -1.0 : 1.0, background),
                        CELL, x, q, one);
                assertEquals(r.energy(), serial.energy(), 1e-12 * Math.abs(r.energy()));
                for (int k = 0; k < 3 * N; k++) {
                    assertEquals(r.force()[k], serial.force()[k], 1e-11 * fmax);
                }
            }
        }
    }

    private static double strainedEnergy(EwaldSum sum, double[] x, double[] q, int ab, double eps, WorkerPool pool) {
        double[] e = new double[9];
        e[ab] = eps;
        Box b = CELL.deformed(e);
        double[] y = new double[x.length];
        for (int i = 0; i < N; i++) {
            for (int r = 0; r < 3; r++) {
                y[3 * i + r] = x[3 * i + r] + e[3 * r] * x[3 * i] + e[3 * r + 1] * x[3 * i + 1] + e[3 * r + 2] * x[3 * i + 2];
            }
        }
        return EwaldFixtures.energy(sum, b, y, q, pool);
    }

    @Test
    void chargedCellIsRefusedWithoutBackground() {
        double[] x = positions(3);
        double[] q = sources(4, false);
        try (WorkerPool pool = new WorkerPool(1)) {
            EwaldSum sum = new EwaldSum(EwaldParameters.automatic(1, 2.0, 1e-6), 1.0, false);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> EwaldFixtures.energy(sum, CELL, x, q, pool));
            assertTrue(e.getMessage().contains("not neutral"), e.getMessage());
            EwaldSum p3 = new EwaldSum(EwaldParameters.automatic(3, 2.0, 1e-6), 1.0, true);
            assertThrows(IllegalStateException.class, () -> EwaldFixtures.energy(p3, CELL, x, q, pool));
        }
    }
}

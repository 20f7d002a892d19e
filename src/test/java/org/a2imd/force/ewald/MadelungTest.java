package org.a2imd.force.ewald;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.junit.jupiter.api.Test;

/**
 * Madelung constants (per nearest-neighbour distance d, charges +-1) from the Coulomb Ewald sum, in
 * the conventional cubic cell and in a primitive triclinic cell, for several smearing widths: the
 * energy per ion pair must be -M / d to 1e-8 relative whatever alpha.
 */
class MadelungTest {
    private static final double NACL = 1.7475645946;
    private static final double CSCL = 1.7626747731;
    private static final double ZINCBLENDE = 1.6380550533;
    /** Real-space cutoffs in units of d; with automatic parameters each gives another alpha. */
    private static final double[] CUTOFFS = {2.0, 3.0, 4.5};

    private static final double[][] FCC = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};

    @Test
    void rockSalt() {
        double a = 2.0; // d = 1
        checkCubic(NACL, a / 2, a, FCC, new double[] {0.5, 0, 0});
        Box prim = Box.of(new double[] {0, a / 2, a / 2}, new double[] {a / 2, 0, a / 2}, new double[] {a / 2, a / 2, 0});
        check(NACL, a / 2, prim, new double[] {0, 0, 0, a / 2, 0, 0}, 1);
    }

    @Test
    void cesiumChloride() {
        double a = 1.3;
        double d = a * Math.sqrt(3) / 2;
        checkCubic(CSCL, d, a, new double[][] {{0, 0, 0}}, new double[] {0.5, 0.5, 0.5});
        // A sheared cell of the same simple-cubic lattice (a1, a1 + a2, a1 + a2 + a3): triclinic, one ion pair.
        Box skew = Box.of(new double[] {a, 0, 0}, new double[] {a, a, 0}, new double[] {a, a, a});
        check(CSCL, d, skew, new double[] {0, 0, 0, a / 2, a / 2, a / 2}, 1);
    }

    @Test
    void zincblende() {
        double a = 2.5;
        double d = a * Math.sqrt(3) / 4;
        checkCubic(ZINCBLENDE, d, a, FCC, new double[] {0.25, 0.25, 0.25});
        Box prim = Box.of(new double[] {0, a / 2, a / 2}, new double[] {a / 2, 0, a / 2}, new double[] {a / 2, a / 2, 0});
        check(ZINCBLENDE, d, prim, new double[] {0, 0, 0, a / 4, a / 4, a / 4}, 1);
    }

    @Test
    void handPickedParametersAgree() {
        // alpha set by hand, well away from the automatic choice, with kMax generous for it
        double a = 2.0;
        Box prim = Box.of(new double[] {0, a / 2, a / 2}, new double[] {a / 2, 0, a / 2}, new double[] {a / 2, a / 2, 0});
        double[] pos = {0, 0, 0, a / 2, 0, 0};
        try (WorkerPool pool = new WorkerPool(2)) {
            for (double alpha : new double[] {1.2, 2.0, 3.5}) {
                EwaldSum sum = new EwaldSum(EwaldParameters.manual(1, 6.5 / alpha, alpha, 14 * alpha), 1.0, false);
                double e = EwaldFixtures.energy(sum, prim, pos, new double[] {1, -1}, pool);
                assertEquals(-NACL, e, 1e-8 * NACL, "alpha " + alpha);
            }
        }
    }

    private static void checkCubic(double m, double d, double a, double[][] cations, double[] shift) {
        int pairs = cations.length;
        double[] pos = new double[6 * pairs];
        for (int i = 0; i < pairs; i++) {
            for (int c = 0; c < 3; c++) {
                pos[3 * i + c] = cations[i][c] * a;
                pos[3 * (pairs + i) + c] = (cations[i][c] + shift[c]) * a;
            }
        }
        check(m, d, Box.orthorhombic(a, a, a), pos, pairs);
    }

    private static void check(double m, double d, Box box, double[] pos, int pairs) {
        double[] q = new double[2 * pairs];
        for (int i = 0; i < pairs; i++) {
            q[i] = 1;
            q[pairs + i] = -1;
        }
        try (WorkerPool pool = new WorkerPool(2)) {
            for (double rc : CUTOFFS) {
                EwaldSum sum = new EwaldSum(EwaldParameters.automatic(1, rc * d, 1e-12), 1.0, false);
                double e = EwaldFixtures.energy(sum, box, pos, q, pool);
                double madelung = -e * d / pairs;
                assertEquals(m, madelung, 1e-8 * m, "cell " + box + " rc " + rc + "d, " + sum.parameters());
            }
        }
    }
}

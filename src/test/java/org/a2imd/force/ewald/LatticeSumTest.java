package org.a2imd.force.ewald;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.junit.jupiter.api.Test;

/**
 * The Ewald sum of 1/r^p for p &gt; 3 against a direct lattice sum: all images within radius R summed
 * term by term, plus the continuum beyond (with a smooth window, see {@link #directSum}).
 * The direct sum is taken at two radii; their difference bounds its own error.
 */
class LatticeSumTest {
    private static final double[][] FCC = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};

    @Test
    void fccDispersionEqualsTheDirectSum() {
        double a = 1.6;
        double[] pos = scale(FCC, a);
        double[] q = {1, 1, 1, 1};
        double direct = directSum(6, a, pos, q, 24 * a);
        double check = directSum(6, a, pos, q, 18 * a);
        assertEquals(direct, check, 1e-11 * Math.abs(direct), "direct sum not converged");
        try (WorkerPool pool = new WorkerPool(2)) {
            for (double rc : new double[] {1.5, 2.5, 3.5}) {
                EwaldSum sum = new EwaldSum(EwaldParameters.automatic(6, rc, 1e-12), 1.0, false);
                double e = EwaldFixtures.energy(sum, Box.orthorhombic(a, a, a), pos, q, pool);
                assertEquals(direct, e, 1e-8 * Math.abs(direct), "rc " + rc + ": " + sum.parameters());
            }
        }
    }

    @Test
    void twoSpeciesDispersionMixesGeometrically() {
        // CsCl arrangement, C6 = 2 on A and 5 on B: pairs A-B carry sqrt(10)
        double a = 1.4;
        double[] pos = {0, 0, 0, a / 2, a / 2, a / 2};
        double[] root = {Math.sqrt(2), Math.sqrt(5)};
        double direct = -directSum(6, a, pos, root, 24 * a);
        SpeciesSet sp = SpeciesSet.of(new Species("A", 1), new Species("B", 1));
        try (WorkerPool pool = new WorkerPool(2)) {
            for (double rc : new double[] {1.2, 2.0, 3.0}) {
                DispersionForceField f = new DispersionForceField(sp, new double[] {2, 5},
                        EwaldParameters.automatic(6, rc, 1e-12));
                AtomState s = new AtomState(Units.LJ, sp, Box.orthorhombic(a, a, a), new int[] {0, 1}, pos);
                ForceEvaluator ev = new ForceEvaluator(f, 0.0, pool);
                ev.evaluate(s, false);
                assertEquals(direct, ev.energy(), 1e-8 * Math.abs(direct), "rc " + rc);
            }
        }
    }

    @Test
    void inverseFifthPowerEqualsTheDirectSum() {
        double a = 1.6;
        double[] pos = scale(FCC, a);
        double[] q = {1, -0.5, 2, 0.7}; // not neutral: the k = 0 term is finite for p > 3 and must be right
        double direct = directSum(5, a, pos, q, 40 * a);
        double check = directSum(5, a, pos, q, 30 * a);
        assertEquals(direct, check, 1e-10 * Math.abs(direct), "direct sum not converged");
        try (WorkerPool pool = new WorkerPool(2)) {
            for (double rc : new double[] {1.5, 2.5, 3.5}) {
                EwaldSum sum = new EwaldSum(EwaldParameters.automatic(5, rc, 1e-12), 1.0, false);
                double e = EwaldFixtures.energy(sum, Box.orthorhombic(a, a, a), pos, q, pool);
                assertEquals(direct, e, 1e-8 * Math.abs(direct), "rc " + rc);
            }
        }
    }

    private static double[] scale(double[][] frac, double a) {
        double[] x = new double[3 * frac.length];
        for (int i = 0; i < frac.length; i++) {
            for (int c = 0; c < 3; c++) {
                x[3 * i + c] = frac[i][c] * a;
            }
        }
        return x;
    }

    /**
     * 1/2 sum_{i,j,n}' q_i q_j / r^p in a cubic cell of side a. Images are summed with a smooth window w(r)
     * that is 1 below r1 = radius / 2 and falls to 0 at r2 = radius (C-infinity); the rest, (1 - w) r^-p,
     * is replaced by its continuum integral at density 1/a^3. With a smooth window the lattice-minus-
     * continuum error decays faster than any power of the radius (Poisson summation), unlike a sharp sphere.
     */
    static double directSum(int p, double a, double[] pos, double[] q, double radius) {
        int n = q.length;
        double r1 = 0.5 * radius;
        double r2 = radius;
        int m = (int) Math.ceil(r2 / a) + 1;
        double r2max = r2 * r2;
        double e = 0;
        for (int i = 0; i < n; i++) {
            double si = 0;
            for (int j = 0; j < n; j++) {
                double part = 0;
                for (int n1 = -m; n1 <= m; n1++) {
                    for (int n2 = -m; n2 <= m; n2++) {
                        for (int n3 = -m; n3 <= m; n3++) {
                            double dx = pos[3 * j] - pos[3 * i] + n1 * a;
                            double dy = pos[3 * j + 1] - pos[3 * i + 1] + n2 * a;
                            double dz = pos[3 * j + 2] - pos[3 * i + 2] + n3 * a;
                            double rr = dx * dx + dy * dy + dz * dz;
                            if (rr == 0 || rr >= r2max) {
                                continue;
                            }
                            double r = Math.sqrt(rr);
                            part += window(r, r1, r2) * Math.pow(r, -p);
                        }
                    }
                }
                part += continuumTail(p, r1, r2) / (a * a * a);
                si += q[j] * part;
            }
            e += q[i] * si;
        }
        return 0.5 * e;
    }

    /** 4 pi int_r1^inf (1 - w(r)) r^(2-p) dr: Simpson over the window, analytic beyond. */
    private static double continuumTail(int p, double r1, double r2) {
        int steps = 20000;
        double h = (r2 - r1) / steps;
        double s = 0;
        for (int k = 0; k <= steps; k++) {
            double r = r1 + k * h;
            double f = (1 - window(r, r1, r2)) * Math.pow(r, 2 - p);
            s += (k == 0 || k == steps ? 1 : (k % 2 == 1 ? 4 : 2)) * f;
        }
        return 4 * Math.PI * (s * h / 3 + Math.pow(r2, 3 - p) / (p - 3));
    }

    private static double window(double r, double r1, double r2) {
        if (r <= r1) {
            return 1;
        }
        if (r >= r2) {
            return 0;
        }
        double x = (r - r1) / (r2 - r1);
        double f = Math.exp(-1 / (1 - x));
        double g = Math.exp(-1 / x);
        return f / (f + g);
    }
}

package org.a2imd.force.ewald;

import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.apache.commons.math3.special.Erf;

/** A small triclinic two-species cell and an Ewald-independent direct image sum of the LODE features. */
final class LodeFixtures {
    private LodeFixtures() {
    }

    static final Box CELL = Box.of(new double[] {3.4, 0, 0}, new double[] {0.7, 3.2, 0}, new double[] {-0.5, 0.6, 3.5});
    /** Three atoms of each species, away from each other and from symmetric positions. */
    static final double[] X = {
        0.31, 0.22, 0.15,
        1.95, 0.41, 0.63,
        0.87, 1.93, 1.21,
        2.47, 2.21, 2.07,
        0.12, 1.02, 2.86,
        1.63, 2.95, 0.38};
    static final int[] TYPE = {0, 1, 0, 1, 1, 0};
    static final int N = 6;

    static double[] features(LodeFeatures lode, double[] x, int[] type, Box box, WorkerPool pool) {
        double[] f = new double[type.length * lode.featuresPerAtom()];
        lode.compute(x, type, type.length, box, f, pool);
        return f;
    }

    /**
     * For atom {@code i}, per exponent, radius and source species s: the sum over atoms j of species s and all
     * images, (j, n) != (i, 0), of L_{p,a}(r) w(r) with a smooth window w(r) ~ erfc((r - r0) / sigma) / 2,
     * plus, for p &gt; 3, the mean-density remainder (N_s / V) int 4 pi r^2 L(r) (1 - w(r)) dr. By Poisson
     * summation the windowed lattice sum differs from the full one by the window's Fourier transform at the
     * nonzero reciprocal vectors G, of order exp(-G^2 sigma^2 / 4); for p &lt;= 3 only neutral combinations of
     * species converge. Result [exponent][radius][species].
     */
    static double[][][] directSums(Box box, double[] x, int[] type, int species, int i, int[] exps, double[] radii,
            double r0, double sigma) {
        int np = exps.length;
        int nr = radii.length;
        EwaldKernel[][] kern = new EwaldKernel[np][nr];
        for (int pi = 0; pi < np; pi++) {
            for (int ai = 0; ai < nr; ai++) {
                kern[pi][ai] = new EwaldKernel(exps[pi], 1 / (Math.sqrt(2) * radii[ai]));
            }
        }
        double rc = r0 + 6.5 * sigma;
        double[] width = box.perpendicularWidths();
        double[] av = box.rows();
        int[] m = new int[3];
        for (int d = 0; d < 3; d++) {
            m[d] = (int) Math.ceil(rc / width[d]) + 1;
        }
        int n = type.length;
        // Kahan sums: tens of thousands of terms whose species sums nearly cancel for p = 1
        double[][][] sum = new double[np][nr][species];
        double[][][] comp = new double[np][nr][species];
        for (int n1 = -m[0]; n1 <= m[0]; n1++) {
            for (int n2 = -m[1]; n2 <= m[1]; n2++) {
                for (int n3 = -m[2]; n3 <= m[2]; n3++) {
                    double sx = n1 * av[0] + n2 * av[3] + n3 * av[6];
                    double sy = n1 * av[1] + n2 * av[4] + n3 * av[7];
                    double sz = n1 * av[2] + n2 * av[5] + n3 * av[8];
                    for (int j = 0; j < n; j++) {
                        if (j == i && n1 == 0 && n2 == 0 && n3 == 0) {
                            continue;
                        }
                        double dx = x[3 * j] + sx - x[3 * i];
                        double dy = x[3 * j + 1] + sy - x[3 * i + 1];
                        double dz = x[3 * j + 2] + sz - x[3 * i + 2];
                        double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                        if (r > rc) {
                            continue;
                        }
                        double w = window(r, r0, sigma);
                        int s = type[j];
                        double inv = 1 / r;
                        for (int pi = 0; pi < np; pi++) {
                            double bare = inv;
                            for (int q = 1; q < exps[pi]; q++) {
                                bare *= inv;
                            }
                            for (int ai = 0; ai < nr; ai++) {
                                EwaldKernel k = kern[pi][ai];
                                // beyond alpha^2 r^2 = 80 the long-range part is the bare kernel to 1e-30
                                double l = k.alpha() * k.alpha() * r * r > 80 ? bare : k.longRange(r);
                                double y = l * w - comp[pi][ai][s];
                                double t = sum[pi][ai][s] + y;
                                comp[pi][ai][s] = (t - sum[pi][ai][s]) - y;
                                sum[pi][ai][s] = t;
                            }
                        }
                    }
                }
            }
        }
        for (int pi = 0; pi < np; pi++) {
            for (int ai = 0; ai < nr; ai++) {
                if (exps[pi] > 3) {
                    double rest = remainder(kern[pi][ai], r0, sigma) / box.volume();
                    for (int j = 0; j < n; j++) {
                        sum[pi][ai][type[j]] += rest;
                    }
                }
            }
        }
        return sum;
    }

    /**
     * erfc((r - r0)/sigma)/2 made even in r: a window that is a smooth function of the position vector, also at
     * r = 0 (the plain erfc step has a kink there of relative size exp(-r0^2/sigma^2), which limits the sum).
     */
    private static double window(double r, double r0, double sigma) {
        double mirror = (r + r0) / sigma;
        return 0.5 * (Erf.erfc((r - r0) / sigma) - (mirror > 7 ? 0 : Erf.erfc(mirror)));
    }

    /** int 4 pi r^2 L(r) (1 - w(r)) dr: Simpson to r0 + 8 sigma, the pure 1/r^p tail beyond analytically. */
    private static double remainder(EwaldKernel kern, double r0, double sigma) {
        int p = kern.exponent();
        double end = r0 + 8 * sigma;
        int steps = 40000;
        double h = end / steps;
        double s = 0;
        for (int k = 1; k <= steps; k++) {
            double r = k * h;
            double f = 4 * Math.PI * r * r * kern.longRange(r) * (1 - window(r, r0, sigma));
            s += (k == steps ? 1 : (k % 2 == 1 ? 4 : 2)) * f;
        }
        return s * h / 3 + 4 * Math.PI * Math.pow(end, 3 - p) / (p - 3);
    }
}

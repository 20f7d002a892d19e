package org.a2imd.minimize;

import java.nio.file.Path;
import org.a2imd.core.AtomState;
import org.a2imd.core.Lattice;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.force.StillingerWeber;
import org.a2imd.io.SwFile;

/**
 * Stillinger-Weber silicon (original parameters, potentials/Si.sw) and its harmonic model: the diamond
 * crystal at 0 K, where only nearest neighbours interact, the two-body term is at its minimum and every
 * angle is tetrahedral, so the energy to second order in strain e and sublattice shift u is
 * sum_bonds k/2 dr^2 + sum_angles K3 dcos^2 with k = phi2''(r0) and K3 = lambda eps exp(2 gamma sigma /
 * (r0 - a sigma)). This gives the elastic constants independently of the finite-strain code.
 */
final class SiliconFixture {
    static final SpeciesSet SI = SpeciesSet.of(new Species("Si", 28.0855));
    // Si.sw: epsilon sigma a lambda gamma costheta0 A B p q
    static final double EPS = 2.1683;
    static final double SIGMA = 2.0951;
    static final double A_CUT = 1.80;
    static final double LAMBDA = 21.0;
    static final double GAMMA = 1.20;
    static final double A = 7.049556277;
    static final double B = 0.6022245584;
    static final double P = 4.0;

    private SiliconFixture() {
    }

    static StillingerWeber field() {
        return new StillingerWeber(SwFile.read(Path.of("potentials/Si.sw"), SI));
    }

    static AtomState diamond(double a, int cells) {
        Lattice lat = Lattice.withConstant(Lattice.Kind.DIAMOND, a, cells, cells, cells);
        return new AtomState(Units.METAL, SI, lat.box(), new int[lat.count()], lat.positions());
    }

    /** d phi2 / dr of the SW pair term (q = 0). */
    static double pairSlope(double r) {
        double g = B * Math.pow(SIGMA / r, P) - 1;
        double dg = -P * B * Math.pow(SIGMA / r, P) / r;
        double x = r - A_CUT * SIGMA;
        double e = Math.exp(SIGMA / x);
        return EPS * A * e * (dg - g * SIGMA / (x * x));
    }

    /** Nearest-neighbour distance of the SW diamond crystal at zero pressure: phi2'(r0) = 0 (bisection). */
    static double r0() {
        double lo = 2.2;
        double hi = 2.5;
        for (int k = 0; k < 200; k++) {
            double mid = 0.5 * (lo + hi);
            if (pairSlope(mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Zero-pressure lattice constant 4 r0 / sqrt(3). */
    static double latticeConstant() {
        return 4 * r0() / Math.sqrt(3);
    }

    /**
     * Elastic constants of the harmonic model in GPa, relaxed (internal sublattice shift minimised) or
     * not, at the zero-pressure lattice constant.
     */
    static double[][] harmonicElasticConstants(boolean relaxed) {
        double r0 = r0();
        double h = 1e-5;
        double k = (pairSlope(r0 + h) - pairSlope(r0 - h)) / (2 * h);
        double k3 = LAMBDA * EPS * Math.exp(2 * GAMMA * SIGMA / (r0 - A_CUT * SIGMA));
        double a = 4 * r0 / Math.sqrt(3);
        double omega = a * a * a / 4; // two atoms per primitive cell
        // Hessian of the energy per primitive cell in (6 Voigt strains, 3 shifts): exact for a quadratic.
        double[][] hess = new double[9][9];
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 9; j++) {
                double[] vi = unit(i);
                double[] vj = unit(j);
                double[] both = new double[9];
                for (int m = 0; m < 9; m++) {
                    both[m] = vi[m] + vj[m];
                }
                hess[i][j] = energy(both, r0, k, k3) - energy(vi, r0, k, k3) - energy(vj, r0, k, k3);
            }
        }
        double[][] c = new double[6][6];
        org.apache.commons.math3.linear.RealMatrix huu = new org.apache.commons.math3.linear.Array2DRowRealMatrix(3, 3);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                huu.setEntry(i, j, hess[6 + i][6 + j]);
            }
        }
        double[][] inv = new org.apache.commons.math3.linear.LUDecomposition(huu).getSolver().getInverse().getData();
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                double v = hess[i][j];
                if (relaxed) {
                    for (int m = 0; m < 3; m++) {
                        for (int n = 0; n < 3; n++) {
                            v -= hess[i][6 + m] * inv[m][n] * hess[6 + n][j];
                        }
                    }
                }
                c[i][j] = v / omega * ElasticConstants.EV_PER_A3_IN_GPA;
            }
        }
        return c;
    }

    private static double[] unit(int i) {
        double[] v = new double[9];
        v[i] = 1;
        return v;
    }

    /** Harmonic energy of one primitive cell for Voigt strain v[0..5] and B-sublattice shift v[6..8]. */
    private static double energy(double[] v, double r0, double k, double k3) {
        double[][] e = {{v[0], v[5] / 2, v[4] / 2}, {v[5] / 2, v[1], v[3] / 2}, {v[4] / 2, v[3] / 2, v[2]}};
        double[][] s = {{1, 1, 1}, {1, -1, -1}, {-1, 1, -1}, {-1, -1, 1}};
        double[][] b = new double[4][3];
        double[][] db = new double[4][3];
        double[] dr = new double[4];
        for (int m = 0; m < 4; m++) {
            for (int c = 0; c < 3; c++) {
                b[m][c] = r0 / Math.sqrt(3) * s[m][c];
            }
            for (int c = 0; c < 3; c++) {
                db[m][c] = e[c][0] * b[m][0] + e[c][1] * b[m][1] + e[c][2] * b[m][2] + v[6 + c];
            }
            dr[m] = (b[m][0] * db[m][0] + b[m][1] * db[m][1] + b[m][2] * db[m][2]) / r0;
        }
        double energy = 0;
        for (int m = 0; m < 4; m++) {
            energy += 0.5 * k * dr[m] * dr[m];
            for (int n = m + 1; n < 4; n++) {
                double dcos = (dot(db[m], b[n]) + dot(b[m], db[n])) / (r0 * r0) + (dr[m] + dr[n]) / (3 * r0);
                energy += 2 * k3 * dcos * dcos; // the same angle at the A and at the B atom
            }
        }
        return energy;
    }

    private static double dot(double[] x, double[] y) {
        return x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
    }
}

package org.a2imd.nnp;

import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ewald.AtomFeatures;
import org.a2imd.force.ewald.LodeSpec;

/**
 * Test stand-in for the LODE features with the same layout and contract: feature (p, a, s) of atom i
 * is sum over atoms j of species s and all periodic images (j, n) != (i, 0) of exp(-r^2 / (p a^2)).
 * The images are summed out to where the Gaussian is below 1e-17, so the features are smooth to
 * round-off for any cell shape (a minimum-image sum would jump when the nearest image changes).
 * Forces and virial by the exact adjoint: a pair with vector u = x_j + n - x_i adds
 * dE/du = sum_c dEdF[i][c] g_c'(r) u / r; force -dE/du on j, +dE/du on i, virial -u (x) dE/du.
 */
public final class PairGaussFeatures implements AtomFeatures {
    private final int[] exponents;
    private final double[] radii;
    private final int species;
    private double[] x = new double[0];
    private int[] type = new int[0];
    private int n;
    private Box box;
    /** Lattice shifts within reach, for {@link #shiftsBox}. */
    private java.util.List<double[]> shifts;
    private Box shiftsBox;

    public PairGaussFeatures(LodeSpec spec, int species) {
        this.exponents = spec.exponents();
        this.radii = spec.radii();
        this.species = species;
    }

    @Override
    public int featuresPerAtom() {
        return exponents.length * radii.length * species;
    }

    @Override
    public int species() {
        return species;
    }

    /** Visits every pair image within reach of the widest Gaussian. */
    private interface PairVisitor {
        void pair(int i, int j, double ux, double uy, double uz, double r2);
    }

    private void forEachPair(PairVisitor v) {
        double widest = 0;
        for (int p : exponents) {
            for (double a : radii) {
                widest = Math.max(widest, p * a * a);
            }
        }
        double reach = Math.sqrt(widest * 17 * Math.log(10)); // exp(-r^2 / (p a^2)) < 1e-17 beyond
        double[] av = box.vector(0);
        double[] bv = box.vector(1);
        double[] cv = box.vector(2);
        // Lattice shifts that can bring a minimum-image vector within reach.
        double far = reach + 0.5 * (norm(av) + norm(bv) + norm(cv));
        double[] w = box.perpendicularWidths();
        int[] nmax = new int[3];
        for (int k = 0; k < 3; k++) {
            nmax[k] = (int) Math.ceil(far / w[k]);
        }
        if (box.equals(shiftsBox)) {
            visit(v, shifts, reach);
            return;
        }
        shifts = new java.util.ArrayList<>();
        shiftsBox = box;
        for (int na = -nmax[0]; na <= nmax[0]; na++) {
            for (int nb = -nmax[1]; nb <= nmax[1]; nb++) {
                for (int nc = -nmax[2]; nc <= nmax[2]; nc++) {
                    double[] t = {na * av[0] + nb * bv[0] + nc * cv[0], na * av[1] + nb * bv[1] + nc * cv[1],
                        na * av[2] + nb * bv[2] + nc * cv[2]};
                    if (norm(t) <= far) {
                        shifts.add(t);
                    }
                }
            }
        }
        visit(v, shifts, reach);
    }

    private void visit(PairVisitor v, java.util.List<double[]> shifts, double reach) {
        double[] d = new double[3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[0] = x[3 * j] - x[3 * i];
                d[1] = x[3 * j + 1] - x[3 * i + 1];
                d[2] = x[3 * j + 2] - x[3 * i + 2];
                box.minimumImage(d);
                for (double[] t : shifts) {
                    double ux = d[0] + t[0];
                    double uy = d[1] + t[1];
                    double uz = d[2] + t[2];
                    double r2 = ux * ux + uy * uy + uz * uz;
                    if (r2 > reach * reach || (i == j && r2 < 1e-20)) {
                        continue;
                    }
                    v.pair(i, j, ux, uy, uz, r2);
                }
            }
        }
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    @Override
    public void compute(double[] pos, int[] types, int count, Box cell, double[] features, WorkerPool pool) {
        n = count;
        box = cell;
        x = java.util.Arrays.copyOf(pos, 3 * count);
        type = java.util.Arrays.copyOf(types, count);
        int f = featuresPerAtom();
        java.util.Arrays.fill(features, 0, count * f, 0.0);
        forEachPair((i, j, ux, uy, uz, r2) -> {
            for (int pi = 0; pi < exponents.length; pi++) {
                for (int ai = 0; ai < radii.length; ai++) {
                    int c = (pi * radii.length + ai) * species + type[j];
                    features[i * f + c] += Math.exp(-r2 / (exponents[pi] * radii[ai] * radii[ai]));
                }
            }
        });
    }

    @Override
    public void addForces(double[] dEdF, double[] force, double[] virial, WorkerPool pool) {
        int f = featuresPerAtom();
        forEachPair((i, j, ux, uy, uz, r2) -> {
            double s = 0; // sum_c dEdF g_c'(r) / r
            for (int pi = 0; pi < exponents.length; pi++) {
                for (int ai = 0; ai < radii.length; ai++) {
                    int c = (pi * radii.length + ai) * species + type[j];
                    double w2 = exponents[pi] * radii[ai] * radii[ai];
                    s += dEdF[i * f + c] * (-2 / w2) * Math.exp(-r2 / w2);
                }
            }
            double gx = s * ux;
            double gy = s * uy;
            double gz = s * uz;
            force[3 * j] -= gx;
            force[3 * j + 1] -= gy;
            force[3 * j + 2] -= gz;
            force[3 * i] += gx;
            force[3 * i + 1] += gy;
            force[3 * i + 2] += gz;
            virial[0] -= ux * gx;
            virial[1] -= ux * gy;
            virial[2] -= ux * gz;
            virial[3] -= uy * gx;
            virial[4] -= uy * gy;
            virial[5] -= uy * gz;
            virial[6] -= uz * gx;
            virial[7] -= uz * gy;
            virial[8] -= uz * gz;
        });
    }

    @Override
    public String describe() {
        return "test pair-Gaussian features";
    }
}

package org.a2imd.nnp;

import java.util.Arrays;
import java.util.List;
import org.a2imd.neighbor.NeighborList;

/**
 * A short-range repulsive pair term fixed before training and added to the network's energy by
 * {@link A2IForceField}, so that atoms pushed closer than any training pair are repelled: the network's
 * energy is bounded at short range (its radial basis sin(k pi r / r_c) / r stays finite as r -> 0) and
 * is arbitrary where it saw no data, while both forms here diverge.
 *
 * <p>Forms (one per prior; parameters per unordered species pair):
 * <ul>
 * <li>{@code wall} (any units): E(r) = A ((R / r)^6 - 1)^2 for r < R, 0 beyond: the WCA repulsion (a
 * Lennard-Jones potential cut at its minimum and shifted up by its depth), with the minimum at the onset R
 * and depth A. E and F are continuous at R (both zero) and E grows as A (R / r)^12 at short range.
 * Parameters {@code onset R strength A}.</li>
 * <li>{@code zbl} (metal units: eV, Angstrom): the Ziegler-Biersack-Littmark universal screened Coulomb
 * repulsion with LAMMPS pair_style zbl's switching: E(r) = E_ZBL(r) + S(r), S = C for r < inner,
 * S = A/3 t^3 + B/4 t^4 + C (t = r - inner) between inner and outer, chosen so that E, E' and E'' vanish
 * at outer; 0 beyond outer. Same constants as LAMMPS (a = 0.46850 / (Zi^0.23 + Zj^0.23),
 * e^2 / (4 pi eps0) = 14.399645 eV A). Parameters {@code z Zi Zj inner R1 outer R2}.</li>
 * </ul>
 *
 * <p>Each pair energy is split half to each atom, so a centre needs only its own full-list neighbours and
 * no reduction beyond the force field's own. Immutable.
 */
public final class PairPrior {
    /** The functional form. */
    public enum Form {
        WALL("wall", List.of("onset", "strength")),
        ZBL("zbl", List.of("z", "inner", "outer"));

        public final String id;
        /** Parameter names in file order ("z" takes two numbers). */
        public final List<String> keys;

        Form(String id, List<String> keys) {
            this.id = id;
            this.keys = keys;
        }

        public static Form byId(String id) {
            for (Form f : values()) {
                if (f.id.equals(id)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** Coulomb constant e^2 / (4 pi eps0) in eV Angstrom (LAMMPS metal qqr2e). */
    static final double QQR2E_METAL = 14.399645;
    private static final double ZBL_A0 = 0.46850;
    private static final double ZBL_P = 0.23;
    private static final double[] ZBL_C = {0.18175, 0.50986, 0.28022, 0.02817};
    private static final double[] ZBL_D = {3.19980, 0.94229, 0.40290, 0.20162};

    private final Form form;
    private final int species;
    /** Parameters as given, per ordered pair ti * species + tj (symmetric). */
    private final double[][] given;
    /** Outer radius squared per ordered pair. */
    private final double[] cut2;
    /** Working constants per ordered pair: wall {R, A}; zbl {ZiZj e^2, 1/a, inner, swA, swB, swC}. */
    private final double[][] k;
    private final double maxCutoff;

    /**
     * @param params per unordered pair (index {@link #pairIndex}), the parameters in the form's order:
     *     wall {onset, strength}; zbl {Zi, Zj, inner, outer}
     * @throws IllegalArgumentException naming the pair and what is wrong
     */
    public PairPrior(Form form, int species, double[][] params) {
        this.form = form;
        this.species = species;
        int np = species * (species + 1) / 2;
        if (params.length != np) {
            throw new IllegalArgumentException("a prior for " + species + " species needs " + np
                    + " species pairs, got " + params.length);
        }
        given = new double[species * species][];
        cut2 = new double[species * species];
        k = new double[species * species][];
        double max = 0;
        for (int a = 0; a < species; a++) {
            for (int b = a; b < species; b++) {
                double[] p = params[pairIndex(a, b, species)];
                if (p == null) {
                    throw new IllegalArgumentException("species pair " + (a + 1) + "-" + (b + 1) + " has no parameters");
                }
                String problem = check(form, p);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
                double[] kk = constants(form, p);
                double rc = form == Form.WALL ? p[0] : p[3];
                max = Math.max(max, rc);
                for (int[] o : new int[][] {{a, b}, {b, a}}) {
                    int t = o[0] * species + o[1];
                    given[t] = p.clone();
                    cut2[t] = rc * rc;
                    k[t] = kk;
                }
            }
        }
        maxCutoff = max;
    }

    /** Index of the unordered pair a <= b among species * (species + 1) / 2 (row-major upper triangle). */
    public static int pairIndex(int a, int b, int species) {
        if (a > b) {
            int t = a;
            a = b;
            b = t;
        }
        return a * species - a * (a - 1) / 2 + (b - a);
    }

    /** Why a parameter set is invalid, or null. */
    static String check(Form form, double[] p) {
        for (double v : p) {
            if (!Double.isFinite(v)) {
                return "non-finite parameter " + v;
            }
        }
        if (form == Form.WALL) {
            if (p.length != 2) {
                return "a wall needs onset and strength";
            }
            if (!(p[0] > 0)) {
                return "wall onset must be positive, found " + p[0];
            }
            if (!(p[1] > 0)) {
                return "wall strength must be positive, found " + p[1];
            }
            return null;
        }
        if (p.length != 4) {
            return "zbl needs z (two atomic numbers), inner and outer";
        }
        for (int c = 0; c < 2; c++) {
            if (!(p[c] >= 1 && p[c] <= 118 && p[c] == Math.rint(p[c]))) {
                return "atomic numbers must be whole numbers 1 to 118, found " + p[c];
            }
        }
        if (!(p[2] > 0)) {
            return "zbl inner radius must be positive, found " + p[2];
        }
        if (!(p[3] > p[2])) {
            return "zbl outer radius " + p[3] + " must be above the inner radius " + p[2];
        }
        return null;
    }

    private static double[] constants(Form form, double[] p) {
        if (form == Form.WALL) {
            return new double[] {p[0], p[1]};
        }
        double zz = p[0] * p[1] * QQR2E_METAL;
        double ainv = (Math.pow(p[0], ZBL_P) + Math.pow(p[1], ZBL_P)) / ZBL_A0;
        double r1 = p[2];
        double rc = p[3];
        double tc = rc - r1;
        double[] e = new double[3];
        zbl(zz, ainv, rc, e);
        double swa = (-3 * e[1] + tc * e[2]) / (tc * tc);
        double swb = (2 * e[1] - tc * e[2]) / (tc * tc * tc);
        double swc = -e[0] + tc / 2 * e[1] - tc * tc / 12 * e[2];
        return new double[] {zz, ainv, r1, swa, swb, swc};
    }

    /** Unswitched ZBL energy and its first two r-derivatives into e[0..2]. */
    private static void zbl(double zz, double ainv, double r, double[] e) {
        double phi = 0;
        double dphi = 0;
        double d2phi = 0;
        for (int c = 0; c < 4; c++) {
            double d = ZBL_D[c] * ainv;
            double t = ZBL_C[c] * Math.exp(-d * r);
            phi += t;
            dphi -= d * t;
            d2phi += d * d * t;
        }
        double ri = 1 / r;
        e[0] = zz * ri * phi;
        e[1] = zz * ri * (dphi - ri * phi);
        e[2] = zz * ri * (d2phi - 2 * ri * dphi + 2 * ri * ri * phi);
    }

    public Form form() {
        return form;
    }

    public int species() {
        return species;
    }

    /** Largest radius at which any pair term is non-zero. */
    public double cutoff() {
        return maxCutoff;
    }

    /** The parameters of a species pair, in the form's order (a copy). */
    public double[] parameters(int a, int b) {
        return given[a * species + b].clone();
    }

    /** Pair energy at distance r (0 at and beyond the pair's outer radius). */
    public double energy(int a, int b, double r) {
        return pair(a * species + b, r, null);
    }

    /** dE/dr of a pair at distance r. */
    public double derivative(int a, int b, double r) {
        double[] d = new double[1];
        pair(a * species + b, r, d);
        return d[0];
    }

    /** Energy of ordered pair type t at r < its outer radius; dEdr[0] set when non-null. */
    private double pair(int t, double r, double[] dEdr) {
        if (r * r >= cut2[t]) {
            if (dEdr != null) {
                dEdr[0] = 0;
            }
            return 0;
        }
        double[] c = k[t];
        if (form == Form.WALL) {
            double s = c[0] / r;
            double s2 = s * s;
            double x6 = s2 * s2 * s2;
            double u = x6 - 1;
            if (dEdr != null) {
                dEdr[0] = -12 * c[1] * x6 * u / r;
            }
            return c[1] * u * u;
        }
        double zz = c[0];
        double ainv = c[1];
        double phi = 0;
        double dphi = 0;
        for (int q = 0; q < 4; q++) {
            double d = ZBL_D[q] * ainv;
            double v = ZBL_C[q] * Math.exp(-d * r);
            phi += v;
            dphi -= d * v;
        }
        double ri = 1 / r;
        double e = zz * ri * phi + c[5];
        double de = zz * ri * (dphi - ri * phi);
        double tt = r - c[2];
        if (tt > 0) {
            e += tt * tt * tt * (c[3] / 3 + c[4] / 4 * tt);
            de += tt * tt * (c[3] + c[4] * tt);
        }
        if (dEdr != null) {
            dEdr[0] = de;
        }
        return e;
    }

    /**
     * Half the prior energy of every pair of local atom i with its full-list neighbours (the other half
     * comes from the neighbour's side, or from its owner for a ghost); adds -dE/dx of that half to
     * {@code f} (ghosts included) and its virial, sum r_a f_b, to {@code vir}. Allocation-free.
     */
    double atom(int i, NeighborList nl, int[] typeMap, double[] f, double[] vir) {
        final double[] x = nl.x;
        final double xi = x[3 * i];
        final double yi = x[3 * i + 1];
        final double zi = x[3 * i + 2];
        final int row = typeMap[nl.type[i]] * species;
        final boolean wall = form == Form.WALL;
        double e = 0;
        for (int p = nl.fullStart[i], end = nl.fullEnd[i]; p < end; p++) {
            int j = nl.full[p];
            int t = row + typeMap[nl.type[j]];
            double dx = x[3 * j] - xi;
            double dy = x[3 * j + 1] - yi;
            double dz = x[3 * j + 2] - zi;
            double r2 = dx * dx + dy * dy + dz * dz;
            if (r2 >= cut2[t]) {
                continue;
            }
            double r = Math.sqrt(r2);
            double de;
            double[] c = k[t];
            if (wall) {
                double s2 = c[0] * c[0] / r2;
                double x6 = s2 * s2 * s2;
                double u = x6 - 1;
                e += 0.5 * c[1] * u * u;
                de = -12 * c[1] * x6 * u / r;
            } else {
                double phi = 0;
                double dphi = 0;
                for (int q = 0; q < 4; q++) {
                    double d = ZBL_D[q] * c[1];
                    double v = ZBL_C[q] * Math.exp(-d * r);
                    phi += v;
                    dphi -= d * v;
                }
                double ez = c[0] / r * phi + c[5];
                de = c[0] / r * (dphi - phi / r);
                double tt = r - c[2];
                if (tt > 0) {
                    ez += tt * tt * tt * (c[3] / 3 + c[4] / 4 * tt);
                    de += tt * tt * (c[3] + c[4] * tt);
                }
                e += 0.5 * ez;
            }
            // g = d(E/2)/d(x_j - x_i): force -g on j, +g on i; virial (x_i - x_j) g.
            double h = 0.5 * de / r;
            double gx = h * dx;
            double gy = h * dy;
            double gz = h * dz;
            f[3 * j] -= gx;
            f[3 * j + 1] -= gy;
            f[3 * j + 2] -= gz;
            f[3 * i] += gx;
            f[3 * i + 1] += gy;
            f[3 * i + 2] += gz;
            vir[0] -= dx * gx;
            vir[1] -= dx * gy;
            vir[2] -= dx * gz;
            vir[3] -= dy * gx;
            vir[4] -= dy * gy;
            vir[5] -= dy * gz;
            vir[6] -= dz * gx;
            vir[7] -= dz * gy;
            vir[8] -= dz * gz;
        }
        return e;
    }

    /**
     * The prior alone on a whole list, serially: returns its energy and adds forces (3 * nAll, ghosts
     * unfolded), virial and, when {@code atomEnergy} is non-null, per-atom energies. For data preparation
     * and tests; MD goes through {@link A2IForceField}.
     *
     * @param typeMap model species of each list type, or null when list types are model species
     */
    public double evaluate(NeighborList nl, int[] typeMap, double[] force, double[] virial, double[] atomEnergy) {
        if (typeMap == null) {
            typeMap = new int[species];
            for (int t = 0; t < species; t++) {
                typeMap[t] = t;
            }
        }
        double e = 0;
        for (int i = 0; i < nl.nLocal; i++) {
            double ei = atom(i, nl, typeMap, force, virial);
            if (atomEnergy != null) {
                atomEnergy[i] += ei;
            }
            e += ei;
        }
        return e;
    }

    /** One line for logs. */
    public String describe() {
        StringBuilder sb = new StringBuilder("prior ").append(form.id);
        for (int a = 0; a < species; a++) {
            for (int b = a; b < species; b++) {
                sb.append(a == 0 && b == 0 ? " " : "; ").append(a + 1).append('-').append(b + 1).append(' ')
                        .append(Arrays.toString(given[a * species + b]));
            }
        }
        return sb.toString();
    }
}

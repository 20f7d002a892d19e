package org.a2imd.train;

import java.util.List;
import java.util.Map;
import org.a2imd.neighbor.NeighborList;
import org.a2imd.nnp.PairPrior;

/**
 * Fixes a short-range prior from the training data before training.
 *
 * <p>The wall rule (E = A ((R / r)^6 - 1)^2 below R, {@link PairPrior}): onset R of a species pair = the
 * smallest distance of that pair in the training frames, so the wall is exactly zero at every distance the
 * data contain and cannot bias the fit; a pair absent from the data takes the mean of its two like pairs'
 * onsets (the smallest onset found when one is missing too). Strength A = F_max R / 6.195, where F_max is
 * the largest force on any training atom: the wall then pushes with F_max at r = 0.95 R
 * (|dE/dr| = 12 A x^6 (x^6 - 1) / r = 6.195 A / R at x = R / r = 1 / 0.95), i.e. a pair pushed 5% closer
 * than the data ever went is repelled as hard as the hardest push in the data, and far harder below
 * (E ~ A (R / r)^12). Forces, not energies, set the scale because the network's spurious short-range
 * forces are what the wall must overcome; without forces in the data the deck must give the strength.
 */
public final class PriorFit {
    /** x^6 (x^6 - 1) * 12 / x at x = 1 / 0.95: the wall force at 0.95 R in units of A / R. */
    static final double FORCE_AT_095;

    static {
        double x = 1 / 0.95;
        double x6 = Math.pow(x, 6);
        FORCE_AT_095 = 12 * x6 * (x6 - 1) * x;
    }

    private static final String ELEMENTS = "H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co "
            + "Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm "
            + "Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk "
            + "Cf Es Fm Md No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og";

    private PriorFit() {
    }

    /** Atomic number of an element symbol (exact case), or 0. */
    public static int atomicNumber(String symbol) {
        String[] s = ELEMENTS.split(" ");
        for (int k = 0; k < s.length; k++) {
            if (s[k].equals(symbol)) {
                return k + 1;
            }
        }
        return 0;
    }

    /**
     * The prior of the settings for the given species, fitted on {@code train} where the settings leave a
     * parameter open.
     *
     * @throws IllegalArgumentException with a message for the user (e.g. a species that is no element and
     *     has no z, a wall strength to fit from data without forces)
     */
    public static PairPrior fit(PriorSettings s, List<String> species, Dataset train) {
        int ns = species.size();
        double[][] p = new double[ns * (ns + 1) / 2][];
        if (s.form() == PairPrior.Form.ZBL) {
            for (String name : s.z().keySet()) {
                if (!species.contains(name)) {
                    throw new IllegalArgumentException("z names species " + name + ", which the model does not have "
                            + "(species: " + String.join(", ", species) + ")");
                }
            }
            double[] z = new double[ns];
            for (int a = 0; a < ns; a++) {
                Integer given = s.z().get(species.get(a));
                z[a] = given != null ? given : atomicNumber(species.get(a));
                if (z[a] == 0) {
                    throw new IllegalArgumentException("species " + species.get(a) + " is not an element symbol: give "
                            + "its atomic number with \"z " + species.get(a) + " Z\"");
                }
            }
            for (int a = 0; a < ns; a++) {
                for (int b = a; b < ns; b++) {
                    p[PairPrior.pairIndex(a, b, ns)] = new double[] {z[a], z[b], s.inner(), s.outer()};
                }
            }
            return new PairPrior(PairPrior.Form.ZBL, ns, p);
        }
        double[] rmin = Double.isNaN(s.onset()) ? smallestDistances(train, ns) : null;
        double fmax = Double.NaN;
        if (Double.isNaN(s.strength())) {
            fmax = largestForce(train);
            if (!(fmax > 0)) {
                throw new IllegalArgumentException("the wall strength is fitted to the largest training force, but the "
                        + "training frames have no forces: give \"prior wall strength A\"");
            }
        }
        double smallest = Double.POSITIVE_INFINITY;
        if (rmin != null) {
            for (double r : rmin) {
                smallest = Math.min(smallest, r);
            }
            if (Double.isInfinite(smallest)) {
                throw new IllegalArgumentException("no pair of atoms lies within the cutoff in the training frames: "
                        + "give \"prior wall onset R\"");
            }
        }
        for (int a = 0; a < ns; a++) {
            for (int b = a; b < ns; b++) {
                double r = s.onset();
                if (rmin != null) {
                    r = rmin[a * ns + b];
                    if (Double.isInfinite(r)) {
                        double ra = rmin[a * ns + a];
                        double rb = rmin[b * ns + b];
                        r = Double.isInfinite(ra) || Double.isInfinite(rb) ? smallest : (ra + rb) / 2;
                    }
                }
                double strength = Double.isNaN(s.strength()) ? fmax * r / FORCE_AT_095 : s.strength();
                p[PairPrior.pairIndex(a, b, ns)] = new double[] {r, strength};
            }
        }
        return new PairPrior(PairPrior.Form.WALL, ns, p);
    }

    /** Smallest distance per ordered species pair (symmetric, infinite when absent) over the frames' lists. */
    static double[] smallestDistances(Dataset train, int ns) {
        double[] min = new double[ns * ns];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        for (TrainingFrame f : train.frames()) {
            NeighborList nl = f.list;
            for (int i = 0; i < nl.nLocal; i++) {
                int ti = nl.type[i];
                for (int q = nl.fullStart[i]; q < nl.fullEnd[i]; q++) {
                    int j = nl.full[q];
                    double dx = nl.x[3 * j] - nl.x[3 * i];
                    double dy = nl.x[3 * j + 1] - nl.x[3 * i + 1];
                    double dz = nl.x[3 * j + 2] - nl.x[3 * i + 2];
                    double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    int tj = nl.type[j];
                    if (r < min[ti * ns + tj]) {
                        min[ti * ns + tj] = r;
                        min[tj * ns + ti] = r;
                    }
                }
            }
        }
        return min;
    }

    /** Largest force magnitude on any atom of the frames with forces (0 when none has). */
    static double largestForce(Dataset train) {
        double max = 0;
        for (TrainingFrame f : train.frames()) {
            if (f.forces == null) {
                continue;
            }
            for (int i = 0; i < f.atoms; i++) {
                double fx = f.forces[3 * i];
                double fy = f.forces[3 * i + 1];
                double fz = f.forces[3 * i + 2];
                max = Math.max(max, Math.sqrt(fx * fx + fy * fy + fz * fz));
            }
        }
        return max;
    }

    /** The deck's "prior" command as settings. */
    static PriorSettings settings(org.a2imd.io.deck.Command c) {
        if (c.variant().equals("zbl")) {
            Map<String, Integer> z = new java.util.LinkedHashMap<>();
            if (c.has("z")) {
                c.getPairs("z").forEach((k, v) -> z.put(k, (int) Math.round(v)));
            }
            return new PriorSettings(PairPrior.Form.ZBL, Double.NaN, Double.NaN, c.getDouble("inner"),
                    c.getDouble("outer"), z);
        }
        return new PriorSettings(PairPrior.Form.WALL, c.has("onset") ? c.getDouble("onset") : Double.NaN,
                c.has("strength") ? c.getDouble("strength") : Double.NaN, Double.NaN, Double.NaN, Map.of());
    }
}

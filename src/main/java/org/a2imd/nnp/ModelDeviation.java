package org.a2imd.nnp;

import java.util.Arrays;
import org.a2imd.core.AtomState;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceOutput;
import org.a2imd.neighbor.CellListPairFinder;
import org.a2imd.neighbor.NeighborList;

/**
 * The model deviation of a committee on one configuration, as DeePMD-kit defines it: per atom
 * sigma_i = sqrt(< |F_i^m - <F_i>|^2 >_m) over the k members m (population average, forces with ghost
 * images folded onto their owners), its largest, mean and smallest value over atoms (max_devi_f is
 * the largest), and the energy deviation: the standard deviation over members of E^m / N.
 *
 * <p>{@link CommitteeForceField} refreshes one of these at every force evaluation (no allocation once
 * sized); {@link #of} evaluates a committee on a single frame for work outside MD.
 */
public final class ModelDeviation {
    private double[] perAtom = new double[0];
    private int atoms;
    private double maxForce = Double.NaN;
    private double meanForce = Double.NaN;
    private double minForce = Double.NaN;
    private double energy = Double.NaN;
    private int atomOfMax = -1;

    /**
     * The deviation from the members' local forces ({@code forces[m]}, 3 * n, ghosts folded) and total
     * energies ({@code energies[m]}) of k members on n atoms.
     */
    public void compute(double[][] forces, double[] energies, int k, int n) {
        if (k < 2) {
            throw new IllegalArgumentException("a deviation needs at least two members, got " + k);
        }
        if (n < 1) {
            throw new IllegalArgumentException("a deviation needs at least one atom");
        }
        if (perAtom.length != n) {
            perAtom = new double[n];
        }
        atoms = n;
        double inv = 1.0 / k;
        double max = -1;
        double min = Double.POSITIVE_INFINITY;
        double sum = 0;
        int arg = -1;
        for (int i = 0; i < n; i++) {
            double s2 = 0;
            // Differences from member 0 (exact zeros for identical members, no cancellation of large forces).
            for (int c = 0; c < 3; c++) {
                int j = 3 * i + c;
                double f0 = forces[0][j];
                double mean = 0;
                for (int m = 1; m < k; m++) {
                    mean += forces[m][j] - f0;
                }
                mean *= inv;
                for (int m = 0; m < k; m++) {
                    double d = forces[m][j] - f0 - mean;
                    s2 += d * d;
                }
            }
            double sigma = Math.sqrt(s2 * inv);
            perAtom[i] = sigma;
            sum += sigma;
            // NaN compares false: a non-finite member makes its atom the maximum, so it is reported.
            if (!(sigma <= max)) {
                max = sigma;
                arg = i;
            }
            min = Math.min(min, sigma);
        }
        maxForce = max;
        atomOfMax = arg;
        minForce = min;
        meanForce = sum / n;
        double e0 = energies[0];
        double me = 0;
        for (int m = 1; m < k; m++) {
            me += (energies[m] - e0) / n;
        }
        me *= inv;
        double v = 0;
        for (int m = 0; m < k; m++) {
            double d = (energies[m] - e0) / n - me;
            v += d * d;
        }
        energy = Math.sqrt(v * inv);
    }

    /** Largest per-atom force deviation (DeePMD's max_devi_f); NaN before the first evaluation. */
    public double maxForce() {
        return maxForce;
    }

    /** Zero-based index of the atom with the largest force deviation (-1 before the first evaluation). */
    public int atomOfMax() {
        return atomOfMax;
    }

    /** Mean of the per-atom force deviations (DeePMD's avg_devi_f). */
    public double meanForce() {
        return meanForce;
    }

    /** Smallest per-atom force deviation (DeePMD's min_devi_f). */
    public double minForce() {
        return minForce;
    }

    /** Standard deviation over members of the energy per atom, E^m / N. */
    public double energy() {
        return energy;
    }

    /** Number of atoms of the last evaluation. */
    public int atoms() {
        return atoms;
    }

    /** The per-atom force deviations sigma_i, length {@link #atoms()}; live: copy it to keep it. */
    public double[] perAtom() {
        return perAtom;
    }

    /** An independent copy (for keeping a frame's deviation while the committee moves on). */
    public ModelDeviation copy() {
        ModelDeviation c = new ModelDeviation();
        c.perAtom = Arrays.copyOf(perAtom, perAtom.length);
        c.atoms = atoms;
        c.maxForce = maxForce;
        c.meanForce = meanForce;
        c.minForce = minForce;
        c.energy = energy;
        c.atomOfMax = atomOfMax;
        return c;
    }

    /** Evaluates the committee on a built full neighbour list; returns a copy of its deviation. */
    public static ModelDeviation of(CommitteeForceField committee, NeighborList nl, WorkerPool pool) {
        ForceOutput out = new ForceOutput();
        out.reset(nl.nLocal, nl.nAll, false);
        committee.compute(nl, nl.box(), out, pool);
        return committee.deviation().copy();
    }

    /** Evaluates the committee on one configuration (a fresh neighbour list); returns its deviation. */
    public static ModelDeviation of(CommitteeForceField committee, AtomState s, WorkerPool pool) {
        NeighborList nl = new NeighborList(committee.cutoff(), 0.0, false, true, new CellListPairFinder(pool));
        // Built on a copy: a build wraps positions, and the caller's state must stay as it was.
        nl.build(new AtomState(s.units, s.species, s.box(), s.type, s.pos));
        return of(committee, nl, pool);
    }
}

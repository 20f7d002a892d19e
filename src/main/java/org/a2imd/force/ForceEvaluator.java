package org.a2imd.force;

import org.a2imd.core.AtomState;
import org.a2imd.core.WorkerPool;
import org.a2imd.neighbor.CellListPairFinder;
import org.a2imd.neighbor.NeighborList;

/**
 * Computes forces for an {@link AtomState}: keeps the neighbour list up to date, runs the force field,
 * folds ghost forces onto their owners and writes them into {@code state.force}. Holds the results of
 * the last evaluation (energy, virial, per-atom energies).
 */
public final class ForceEvaluator {
    private final ForceField field;
    private final NeighborList list;
    private final WorkerPool pool;
    private final ForceOutput out = new ForceOutput();
    private long evaluations;
    private boolean atomEnergiesRequested;
    private boolean energyRequested = true;

    public ForceEvaluator(ForceField field, double skin, WorkerPool pool) {
        this.field = field;
        this.pool = pool;
        NeighborNeeds needs = field.neighborNeeds();
        // A force field without a list still gets an (empty-range) list for the ghost bookkeeping.
        double cutoff = field.cutoff() > 0 ? field.cutoff() : 1e-6;
        this.list = new NeighborList(cutoff, skin, needs.half(), needs.full(), new CellListPairFinder(pool));
    }

    /**
     * Asks that the following evaluations also compute per-atom energies (for output steps), whatever
     * their caller asks. Forces do not depend on this.
     */
    public void requestAtomEnergies(boolean request) {
        this.atomEnergiesRequested = request;
    }

    /**
     * Whether the following evaluations compute energy and virial (default true). A run loop turns this
     * off on steps that nobody observes, so pair loops can skip that work; forces do not depend on it.
     */
    public void requestEnergy(boolean request) {
        this.energyRequested = request;
    }

    /** True when the last evaluation computed energy and virial. */
    public boolean hasEnergy() {
        return out.wantEnergy;
    }

    /** Evaluates the force field on the current positions; forces land in state.force. */
    public void evaluate(AtomState s, boolean wantAtomEnergy) {
        list.update(s);
        compute(s, wantAtomEnergy);
    }

    /** As {@link #evaluate} but with the list rebuilt unconditionally. */
    public void evaluateFreshList(AtomState s, boolean wantAtomEnergy) {
        list.build(s);
        compute(s, wantAtomEnergy);
    }

    private void compute(AtomState s, boolean wantAtomEnergy) {
        boolean atomEnergies = wantAtomEnergy || atomEnergiesRequested;
        out.wantEnergy = energyRequested || atomEnergies;
        out.reset(list.nLocal, list.nAll, atomEnergies);
        field.compute(list, s.box(), out, pool);
        list.foldGhostForces(out.force, s.force);
        evaluations++;
    }

    /** Potential energy of the last evaluation. */
    public double energy() {
        requireEnergy();
        return out.energy;
    }

    /** Virial tensor of the last evaluation (live array, row-major 3x3). */
    public double[] virial() {
        requireEnergy();
        return out.virial;
    }

    private void requireEnergy() {
        if (!out.wantEnergy) {
            throw new IllegalStateException("the last force evaluation skipped energy and virial (requestEnergy)");
        }
    }

    /** Per-atom energies of the last evaluation, or null if they were not requested. */
    public double[] atomEnergies() {
        return out.wantAtomEnergy ? out.atomEnergy : null;
    }

    public NeighborList neighborList() {
        return list;
    }

    public ForceField field() {
        return field;
    }

    public WorkerPool pool() {
        return pool;
    }

    public long evaluations() {
        return evaluations;
    }
}

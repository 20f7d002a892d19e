package org.a2imd.run;

import java.io.IOException;

/** Watches a simulation: thermo log, trajectory, checkpoints. Called on the simulation's thread. */
public interface Observer {
    /** Once before the first step (after the initial forces are known). */
    default void start(Simulation sim) throws IOException {
    }

    /** Does this observer need per-atom energies on the given step? (They cost extra work.) */
    default boolean wantsAtomEnergies(long step) {
        return false;
    }

    /** Does this observer read energy, virial or pressure on the given step? */
    default boolean wantsEnergy(Simulation sim, long step) {
        return false;
    }

    /** After every step, and once for the starting configuration; the observer picks its steps. */
    void observe(Simulation sim) throws IOException;

    /** Once at the end, also after an interruption: write what is pending and flush. */
    default void finish(Simulation sim) throws IOException {
    }
}

package org.a2imd.force;

import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.a2imd.neighbor.NeighborList;

/**
 * The one seam between dynamics and physics: for a configuration, add energy, forces, virial and
 * (on request) per-atom energies to a {@link ForceOutput}. Integrators never know which force field
 * they drive; a {@link SumForceField} of force fields is a force field.
 */
public interface ForceField {
    /** Largest interaction range; the neighbour list is built with this plus the skin. */
    double cutoff();

    /** Which neighbour list this force field reads. */
    NeighborNeeds neighborNeeds();

    /**
     * Adds this force field's contribution for the configuration in {@code nl} (local atoms and
     * ghosts, lists up to date) in cell {@code box}. May use all threads of {@code pool}.
     */
    void compute(NeighborList nl, Box box, ForceOutput out, WorkerPool pool);

    /** One line for logs and file headers, e.g. "lj cutoff 2.5 shift yes". */
    String describe();
}

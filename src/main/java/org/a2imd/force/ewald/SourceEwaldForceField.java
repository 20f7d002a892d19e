package org.a2imd.force.ewald;

import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceField;
import org.a2imd.force.ForceOutput;
import org.a2imd.force.NeighborNeeds;
import org.a2imd.neighbor.NeighborList;

/**
 * A force field that is one {@link EwaldSum} over per-species source strengths (charges for Coulomb,
 * sqrt(C6) for dispersion): the ForceField plumbing both share. Subclasses choose the sources, the
 * prefactor and the description.
 */
abstract class SourceEwaldForceField implements ForceField {
    final SpeciesSources sources;
    final EwaldSum sum;

    SourceEwaldForceField(SpeciesSources sources, EwaldSum sum) {
        this.sources = sources;
        this.sum = sum;
    }

    public EwaldSum ewald() {
        return sum;
    }

    @Override
    public double cutoff() {
        return sum.cutoff();
    }

    @Override
    public NeighborNeeds neighborNeeds() {
        return NeighborNeeds.HALF;
    }

    @Override
    public void compute(NeighborList nl, Box box, ForceOutput out, WorkerPool pool) {
        sum.compute(nl, box, sources.of(nl), out, pool);
    }
}

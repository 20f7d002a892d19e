package org.a2imd.force.ewald;

import org.a2imd.core.Box;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceField;
import org.a2imd.force.ForceOutput;
import org.a2imd.force.NeighborNeeds;
import org.a2imd.neighbor.NeighborList;

/**
 * London dispersion E = -1/2 sum' C6_ij / r^6 over all periodic images, by Ewald summation (p = 6),
 * with per-species C6 and geometric mixing C6_ij = sqrt(C6_i C6_j): sources q_i = sqrt(C6_i) and
 * prefactor -1. No cutoff and no tail correction: the whole lattice sum, including the k = 0 term.
 */
public final class DispersionForceField implements ForceField {
    private final SpeciesSet species;
    private final double[] c6;
    private final SpeciesSources sources;
    private final EwaldSum sum;

    public DispersionForceField(SpeciesSet species, double[] c6ByType, EwaldParameters params) {
        if (params.exponent() != 6) {
            throw new IllegalArgumentException("dispersion needs Ewald parameters for p = 6, got p = "
                    + params.exponent());
        }
        double[] root = new double[c6ByType.length];
        for (int t = 0; t < root.length; t++) {
            if (!(c6ByType[t] >= 0)) {
                throw new IllegalArgumentException("C6 of species " + species.name(t)
                        + " must be a non-negative number, got " + c6ByType[t]);
            }
            root[t] = Math.sqrt(c6ByType[t]);
        }
        this.species = species;
        this.c6 = c6ByType.clone();
        this.sources = new SpeciesSources(species, root, "dispersion C6");
        this.sum = new EwaldSum(params, -1.0, false);
    }

    public double c6(int type) {
        return c6[type];
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

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("dispersion/ewald ").append(sum.parameters()).append(" |");
        for (int t = 0; t < species.size(); t++) {
            sb.append(' ').append(species.name(t)).append(" C6 ").append(c6[t]);
        }
        return sb.toString();
    }
}

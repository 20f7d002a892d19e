package org.a2imd.force.ewald;

import org.a2imd.core.SpeciesSet;

/**
 * London dispersion E = -1/2 sum' C6_ij / r^6 over all periodic images, by Ewald summation (p = 6),
 * with per-species C6 and geometric mixing C6_ij = sqrt(C6_i C6_j): sources q_i = sqrt(C6_i) and
 * prefactor -1. No cutoff and no tail correction: the whole lattice sum, including the k = 0 term.
 */
public final class DispersionForceField extends SourceEwaldForceField {
    private final SpeciesSet species;
    private final double[] c6;

    public DispersionForceField(SpeciesSet species, double[] c6ByType, EwaldParameters params) {
        super(new SpeciesSources(species, rootsOf(species, c6ByType), "dispersion C6"), sumFor(params));
        this.species = species;
        this.c6 = c6ByType.clone();
    }

    private static EwaldSum sumFor(EwaldParameters params) {
        if (params.exponent() != 6) {
            throw new IllegalArgumentException("dispersion needs Ewald parameters for p = 6, got p = "
                    + params.exponent());
        }
        return new EwaldSum(params, -1.0, false);
    }

    /** The sources sqrt(C6_i), after checking that every C6 is a non-negative number. */
    private static double[] rootsOf(SpeciesSet species, double[] c6ByType) {
        double[] root = new double[c6ByType.length];
        for (int t = 0; t < root.length; t++) {
            if (!(c6ByType[t] >= 0)) {
                throw new IllegalArgumentException("C6 of species " + species.name(t)
                        + " must be a non-negative number, got " + c6ByType[t]);
            }
            root[t] = Math.sqrt(c6ByType[t]);
        }
        return root;
    }

    public double c6(int type) {
        return c6[type];
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

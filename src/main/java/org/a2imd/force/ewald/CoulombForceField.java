package org.a2imd.force.ewald;

import org.a2imd.core.SpeciesSet;

/**
 * Point charges per species, E = qqrd2e * 1/2 sum' q_i q_j / r over all periodic images, by Ewald
 * summation (p = 1). A cell with a net charge is refused unless a uniform neutralising background is
 * requested; with the background the energy is that of the charges in a jellium of opposite charge.
 */
public final class CoulombForceField extends SourceEwaldForceField {
    private final SpeciesSet species;
    private final double qqrd2e;

    /**
     * @param chargeByType charge of each species (elementary charges in metal units)
     * @param qqrd2e the Coulomb constant of the unit system ({@link org.a2imd.core.Units#qqrd2e})
     */
    public CoulombForceField(SpeciesSet species, double[] chargeByType, EwaldParameters params, double qqrd2e,
            boolean background) {
        super(new SpeciesSources(species, chargeByType, "Coulomb charge"), sumFor(params, qqrd2e, background));
        this.species = species;
        this.qqrd2e = qqrd2e;
    }

    private static EwaldSum sumFor(EwaldParameters params, double qqrd2e, boolean background) {
        if (params.exponent() != 1) {
            throw new IllegalArgumentException("Coulomb needs Ewald parameters for p = 1, got p = " + params.exponent());
        }
        return new EwaldSum(params, qqrd2e, background);
    }

    /** Net charge of atoms of the given types. */
    public double netCharge(int[] type, int n) {
        return sources.total(type, n);
    }

    /** Whether a charged cell would be refused: non-zero net charge and no background. */
    public boolean refuses(int[] type, int n) {
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale += Math.abs(sources.get(type[i]));
        }
        return !sum.background() && Math.abs(netCharge(type, n)) > 1e-10 * scale;
    }

    public double charge(int type) {
        return sources.get(type);
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("coulomb/ewald ").append(sum.parameters()).append(" qqrd2e ")
                .append(qqrd2e).append(" background ").append(sum.background() ? "yes" : "no").append(" |");
        for (int t = 0; t < species.size(); t++) {
            sb.append(' ').append(species.name(t)).append(' ').append(sources.get(t));
        }
        return sb.toString();
    }
}

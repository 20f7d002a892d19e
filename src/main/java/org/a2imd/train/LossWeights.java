package org.a2imd.train;

/**
 * Weights of the loss terms: energy per atom (MSE of E/N over frames), force components (MSE over all
 * components) and per-atom energies (MSE over atoms). A weight of 0 switches a term off.
 */
public record LossWeights(double energy, double forces, double atomEnergies) {
    public LossWeights {
        check("energy", energy);
        check("forces", forces);
        check("atom_energies", atomEnergies);
        if (energy == 0 && forces == 0 && atomEnergies == 0) {
            throw new IllegalArgumentException("all loss weights are zero");
        }
    }

    private static void check(String name, double w) {
        if (!(w >= 0) || !Double.isFinite(w)) {
            throw new IllegalArgumentException("loss weight " + name + " must be a non-negative number, got " + w);
        }
    }
}

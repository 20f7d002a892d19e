package org.a2imd.train;

/**
 * Weights of the loss terms: energy per atom (MSE of E/N over frames), force components (MSE over all
 * components), per-atom energies (MSE over atoms) and the virial per atom (mean over frames with a
 * virial of sum_ab ((W_ab - W_ref,ab)/N)^2, as DeePMD does). A weight of 0 switches a term off.
 */
public record LossWeights(double energy, double forces, double atomEnergies, double virial) {
    public LossWeights {
        check("energy", energy);
        check("forces", forces);
        check("atom_energies", atomEnergies);
        check("virial", virial);
        if (energy == 0 && forces == 0 && atomEnergies == 0 && virial == 0) {
            throw new IllegalArgumentException("all loss weights are zero");
        }
    }

    /** Without a virial term. */
    public LossWeights(double energy, double forces, double atomEnergies) {
        this(energy, forces, atomEnergies, 0.0);
    }

    private static void check(String name, double w) {
        if (!(w >= 0) || !Double.isFinite(w)) {
            throw new IllegalArgumentException("loss weight " + name + " must be a non-negative number, got " + w);
        }
    }
}

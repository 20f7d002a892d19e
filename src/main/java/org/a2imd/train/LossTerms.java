package org.a2imd.train;

/**
 * Sums of squared errors over a set of frames, from which the loss and the RMS errors follow. Terms
 * without data (count 0) or with weight 0 do not enter the loss.
 */
public final class LossTerms {
    /** Sum over frames of ((E_pred - E_ref) / N)^2, and the number of frames. */
    public double energySq;
    public long energyCount;
    /** Sum of squared force-component errors, and the number of components. */
    public double forceSq;
    public long forceCount;
    /** Sum of squared per-atom energy errors, and the number of atoms. */
    public double atomSq;
    public long atomCount;
    /** Sum over frames with a virial of sum_ab ((W_ab - W_ref,ab) / N)^2, and the number of such frames. */
    public double virialSq;
    public long virialCount;

    public void clear() {
        energySq = forceSq = atomSq = virialSq = 0;
        energyCount = forceCount = atomCount = virialCount = 0;
    }

    public void add(LossTerms o) {
        energySq += o.energySq;
        energyCount += o.energyCount;
        forceSq += o.forceSq;
        forceCount += o.forceCount;
        atomSq += o.atomSq;
        atomCount += o.atomCount;
        virialSq += o.virialSq;
        virialCount += o.virialCount;
    }

    public double loss(LossWeights w) {
        double l = 0;
        if (w.energy() > 0 && energyCount > 0) {
            l += w.energy() * energySq / energyCount;
        }
        if (w.forces() > 0 && forceCount > 0) {
            l += w.forces() * forceSq / forceCount;
        }
        if (w.atomEnergies() > 0 && atomCount > 0) {
            l += w.atomEnergies() * atomSq / atomCount;
        }
        if (w.virial() > 0 && virialCount > 0) {
            l += w.virial() * virialSq / virialCount;
        }
        return l;
    }

    /** RMS error of E/N, or NaN without energies. */
    public double energyRmse() {
        return energyCount == 0 ? Double.NaN : Math.sqrt(energySq / energyCount);
    }

    /** RMS error of a force component, or NaN without forces. */
    public double forceRmse() {
        return forceCount == 0 ? Double.NaN : Math.sqrt(forceSq / forceCount);
    }

    /** RMS error of a virial component per atom (W_ab / N), or NaN without virials. */
    public double virialRmse() {
        return virialCount == 0 ? Double.NaN : Math.sqrt(virialSq / (9.0 * virialCount));
    }

    /** RMS error of a per-atom energy, or NaN without them. */
    public double atomEnergyRmse() {
        return atomCount == 0 ? Double.NaN : Math.sqrt(atomSq / atomCount);
    }
}

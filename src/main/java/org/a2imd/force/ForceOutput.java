package org.a2imd.force;

import java.util.Arrays;

/**
 * What force fields add their results to: total energy, virial tensor, forces on local and ghost
 * atoms, and per-atom energies. Force fields only ever add, so a sum of force fields writes into one
 * output. Buffers are reused from step to step.
 *
 * <p>Virial convention (as in the reference data): W_ab = sum over interactions of r_a f_b, where for
 * a pair r = x_i - x_j and f is the force on i; W = -dE/d(strain).
 */
public final class ForceOutput {
    public double energy;
    /** Virial tensor, row-major 3x3, energy units. */
    public final double[] virial = new double[9];
    /** Forces on atoms 0..nAll-1 of the neighbour list (locals then ghosts), 3 per atom. */
    public double[] force = new double[0];
    /** Per-atom energies of local atoms, or null when not requested. */
    public double[] atomEnergy;
    /**
     * Energy and virial wanted (LAMMPS's eflag/vflag). When false a force field may compute forces
     * only; the evaluator then reports energy and virial as unavailable. Per-atom energies imply true.
     */
    public boolean wantEnergy = true;
    public boolean wantAtomEnergy;
    public int nLocal;
    public int nAll;

    /** Sizes the buffers for nLocal real atoms and nAll atoms including ghosts, and zeroes them. */
    public void reset(int nLocal, int nAll, boolean wantAtomEnergy) {
        this.nLocal = nLocal;
        this.nAll = nAll;
        this.wantAtomEnergy = wantAtomEnergy;
        energy = 0;
        Arrays.fill(virial, 0);
        if (force.length < 3 * nAll) {
            force = null;
            force = new double[3 * (nAll + nAll / 32 + 16)];
        } else {
            Arrays.fill(force, 0, 3 * nAll, 0.0);
        }
        if (wantAtomEnergy) {
            if (atomEnergy == null || atomEnergy.length != nLocal) {
                atomEnergy = new double[nLocal];
            } else {
                Arrays.fill(atomEnergy, 0);
            }
        }
    }
}

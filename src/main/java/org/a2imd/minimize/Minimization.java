package org.a2imd.minimize;

import org.a2imd.core.AtomState;
import org.a2imd.force.ForceEvaluator;

/** Relaxes a state in place: positions, and the cell when asked. */
public final class Minimization {
    private Minimization() {
    }

    /**
     * What a relaxation reached. Energies in energy units, pressure and volume in energy / volume and
     * volume units of the state (convert with {@code units.nktv2p}).
     *
     * @param stop why it stopped
     * @param iterations minimiser iterations
     * @param evaluations force evaluations
     * @param energy final potential energy
     * @param enthalpy final E + P_target V (equal to the energy without cell relaxation)
     * @param maxForce largest per-atom force length
     * @param pressure static pressure tr(W) / 3V (no kinetic part)
     * @param pressureTensor static pressure tensor W / V, row-major 3x3
     * @param volume final cell volume
     */
    public record Result(MinimizeSettings.Stop stop, int iterations, int evaluations, double energy,
            double enthalpy, double maxForce, double pressure, double[] pressureTensor, double volume) {
    }

    /**
     * Minimises the enthalpy of {@code state} in place. Afterwards the state's forces, and the
     * evaluator's energy and virial, are those of the final configuration; velocities are untouched.
     *
     * @param targetPressure pressure to relax the cell to, energy / volume units (ignored with NONE)
     */
    public static Result run(AtomState state, ForceEvaluator forces, MinimizeSettings settings, CellMode cell,
            double targetPressure) {
        RelaxationObjective objective = new RelaxationObjective(state, forces, cell, targetPressure);
        Minimizer.Outcome out = Minimizer.of(settings.style()).minimize(objective, settings);
        double volume = state.box().volume();
        double[] w = forces.virial();
        double[] p = new double[9];
        for (int k = 0; k < 9; k++) {
            p[k] = w[k] / volume;
        }
        return new Result(out.stop(), out.iterations(), out.evaluations(), forces.energy(), out.value(),
                objective.maxAtomForce(), (p[0] + p[4] + p[8]) / 3, p, volume);
    }
}

package org.a2imd.integrate;

import java.util.Arrays;
import org.a2imd.core.AtomState;
import org.a2imd.core.Rng;

/** Initial velocities. */
public final class Velocities {
    private Velocities() {
    }

    /**
     * Draws velocities from the Maxwell-Boltzmann distribution at {@code temperature}: each component
     * Gaussian with variance kT / (m mvv2e), drawn atom by atom (x, y, z) from {@code rng}; then removes
     * the centre-of-mass momentum and scales all velocities so that {@link AtomState#temperature} (3N - 3
     * degrees of freedom) equals {@code temperature} exactly, as LAMMPS's velocity create does.
     *
     * @throws IllegalArgumentException for a negative or non-finite temperature, or a positive one for a
     *     single atom (which has no degrees of freedom once its momentum is removed)
     */
    public static void maxwellBoltzmann(AtomState s, double temperature, Rng rng) {
        Motion.nonNegative("temperature", temperature);
        double[] v = s.vel;
        if (temperature == 0) {
            Arrays.fill(v, 0, 3 * s.n, 0.0);
            return;
        }
        if (s.n < 2) {
            throw new IllegalArgumentException(
                    "cannot give one atom a temperature: its only motion is the centre-of-mass motion, which is removed");
        }
        double kT = s.units.boltz * temperature;
        for (int i = 0; i < s.n; i++) {
            double sd = Math.sqrt(kT / (s.mass[i] * s.units.mvv2e));
            v[3 * i] = sd * rng.nextGaussian();
            v[3 * i + 1] = sd * rng.nextGaussian();
            v[3 * i + 2] = sd * rng.nextGaussian();
        }
        s.removeCentreOfMassMomentum();
        Motion.scaleVelocities(s, Math.sqrt(temperature / s.temperature()));
    }
}

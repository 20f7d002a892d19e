package org.a2imd.integrate;

import org.a2imd.core.AtomState;
import org.a2imd.force.ForceEvaluator;

/**
 * Runs a thermostatted trajectory and keeps what the canonical-ensemble checks need: kinetic energy
 * samples spaced far enough apart to be nearly independent, each species' mean kinetic energy, and the
 * conserved quantity (total energy minus thermostat energy).
 */
final class CanonicalSampling {
    final double[] kinetic;
    /** Total energy minus thermostat energy at each sample. */
    final double[] conserved;
    /** Thermostat energy at each sample. */
    final double[] exchanged;
    /** Sum over steps of |energy the thermostat exchanged in the step|. */
    double grossExchange;
    /** Mean kinetic energy of each species over all samples. */
    final double[] speciesKinetic;
    final double seconds;

    CanonicalSampling(AtomState s, ForceEvaluator f, Integrator integrator, int equilibrationSteps, int samples,
            int stride) {
        long t0 = System.nanoTime();
        integrator.init(s, f);
        for (int k = 0; k < equilibrationSteps; k++) {
            integrator.step(s, f);
        }
        kinetic = new double[samples];
        conserved = new double[samples];
        exchanged = new double[samples];
        speciesKinetic = new double[s.species.size()];
        double q = integrator.thermostatEnergy();
        for (int n = 0; n < samples; n++) {
            for (int k = 0; k < stride; k++) {
                integrator.step(s, f);
                double q1 = integrator.thermostatEnergy();
                grossExchange += Math.abs(q1 - q);
                q = q1;
            }
            kinetic[n] = s.kineticEnergy();
            exchanged[n] = q;
            conserved[n] = f.energy() + kinetic[n] - q;
            for (int i = 0; i < s.n; i++) {
                double vx = s.vel[3 * i];
                double vy = s.vel[3 * i + 1];
                double vz = s.vel[3 * i + 2];
                speciesKinetic[s.type[i]] += 0.5 * s.units.mvv2e * s.mass[i] * (vx * vx + vy * vy + vz * vz);
            }
        }
        for (int t = 0; t < speciesKinetic.length; t++) {
            speciesKinetic[t] /= samples;
        }
        seconds = (System.nanoTime() - t0) * 1e-9;
    }

    /**
     * Expected mean kinetic energy of species t at temperature kT when the total momentum is zero: each
     * atom has 3 kT / 2 less the share of the centre-of-mass motion, 3 kT / 2 * (mass of t / total mass).
     */
    static double expectedSpeciesKinetic(AtomState s, int t, double kT) {
        double mt = 0;
        double ms = 0;
        int count = 0;
        for (int i = 0; i < s.n; i++) {
            mt += s.mass[i];
            if (s.type[i] == t) {
                ms += s.mass[i];
                count++;
            }
        }
        return 0.5 * kT * (3 * count - 3 * ms / mt);
    }
}

package org.a2imd.run;

import java.util.Locale;
import org.a2imd.core.AtomState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the run when the conserved quantity drifts: total energy in NVE, total energy minus the heat the
 * thermostat exchanged (the thermo "Conserved" column) under langevin and csvr. A drift per atom above
 * {@code limit} energy scales means the integration is no longer trustworthy: a timestep too large for the
 * fastest motion, or a learned potential off its training data (its forces are then not the gradient of
 * anything smooth, and it heats without end). Handled like a blow-up: exit status 3, the last good
 * checkpoint kept. The energy scale is k_B T of the thermostat, or in NVE of the starting temperature (at
 * least a floor, so a cold start does not alarm on round-off). The reference is the conserved quantity at
 * the run's start; a restart carries it on in the checkpoint, so a drift cannot hide across restarts.
 */
public final class EnergyWatchdog implements Observer {
    private static final Logger LOG = LoggerFactory.getLogger(EnergyWatchdog.class);
    /** Default threshold, in energy scales (k_B T) per atom; see docs/deck.md for how it was chosen. */
    public static final double DEFAULT_DRIFT = 0.5;
    /** Default check interval in steps (an energy evaluation every 10 steps costs a few percent at most). */
    public static final int DEFAULT_EVERY = 10;

    private final double limit;
    private final int every;
    private final double thermostatTemperature;
    private final double floorTemperature;
    private double largest;
    private long largestStep;

    /**
     * @param limit drift per atom, in units of k_B T, that stops the run
     * @param thermostatTemperature the thermostat's target temperature, or NaN in NVE
     * @param floorTemperature the smallest temperature used for the energy scale
     */
    public EnergyWatchdog(double limit, int every, double thermostatTemperature, double floorTemperature) {
        this.limit = limit;
        this.every = every;
        this.thermostatTemperature = thermostatTemperature;
        this.floorTemperature = floorTemperature;
    }

    @Override
    public boolean wantsEnergy(Simulation sim, long step) {
        return step % every == 0;
    }

    @Override
    public void observe(Simulation sim) {
        if (sim.step() % every != 0 || !sim.forces().hasEnergy()) {
            return;
        }
        AtomState s = sim.state();
        double conserved = sim.forces().energy() + s.kineticEnergy() - sim.integrator().thermostatEnergy();
        if (Double.isNaN(sim.conservedReference())) {
            double t = Double.isNaN(thermostatTemperature) ? s.temperature() : thermostatTemperature;
            sim.setConservedReference(conserved, s.units.boltz * Math.max(t, floorTemperature));
            return;
        }
        double scale = sim.conservedScale();
        double drift = (conserved - sim.conservedReference()) / s.n / scale;
        if (Math.abs(drift) > largest) {
            largest = Math.abs(drift);
            largestStep = sim.step();
        }
        if (!(Math.abs(drift) <= limit)) {
            throw SimulationFailure.stopped(sim.step(), -1, String.format(Locale.ROOT,
                    "energy watchdog at step %d: the conserved energy drifted by %.4g %s per atom (%+.4g k_B T per "
                            + "atom, k_B T = %.4g %s), beyond the limit of %.4g k_B T per atom (%.6g at the start, %.6g "
                            + "now). The dynamics no longer conserve energy: the timestep is probably too large, or a "
                            + "learned potential is off its training data (check its model deviation); the last good "
                            + "checkpoint is kept. Change the limit with \"watchdog drift X\", or \"watchdog off\"",
                    sim.step(), drift * scale, s.units.energy, drift, scale, s.units.energy, limit,
                    sim.conservedReference(), conserved));
        }
    }

    @Override
    public void finish(Simulation sim) {
        if (!Double.isNaN(sim.conservedReference())) {
            LOG.info(String.format(Locale.ROOT, "energy watchdog: largest drift of the conserved energy %.3g k_B T "
                    + "per atom (step %d), limit %.3g", largest, largestStep, limit));
        }
    }
}

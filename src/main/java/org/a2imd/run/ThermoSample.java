package org.a2imd.run;

import org.a2imd.core.AtomState;

/** The thermodynamic quantities of one step, in the run's units. */
public record ThermoSample(long step, double time, double temperature, double potential, double kinetic,
        double conserved, double pressure, long neighborBuilds) {

    public double total() {
        return potential + kinetic;
    }

    /** Samples the simulation's current state (forces and virial must be current). */
    public static ThermoSample of(Simulation sim) {
        AtomState s = sim.state();
        double ke = s.kineticEnergy();
        double pe = sim.forces().energy();
        double[] w = sim.forces().virial();
        double volume = s.box().volume();
        // P = (2 KE + tr W) / (3 V): the kinetic term with the same 3N-3 degrees of freedom as T.
        double pressure = (2 * ke + w[0] + w[4] + w[8]) / (3 * volume) * s.units.nktv2p;
        return new ThermoSample(sim.step(), sim.time(), s.temperature(), pe, ke,
                pe + ke - sim.integrator().thermostatEnergy(), pressure,
                sim.forces().neighborList().builds());
    }
}

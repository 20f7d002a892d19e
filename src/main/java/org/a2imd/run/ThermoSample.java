package org.a2imd.run;

import org.a2imd.core.AtomState;
import org.a2imd.nnp.CommitteeForceField;
import org.a2imd.nnp.ModelDeviation;

/**
 * The thermodynamic quantities of one step, in the run's units. With a committee potential also its
 * model deviation (force deviations per atom in force units, energy deviation per atom); without one
 * {@code deviation} is false and those fields are NaN.
 */
public record ThermoSample(long step, double time, double temperature, double potential, double kinetic,
        double conserved, double pressure, long neighborBuilds, boolean deviation, double deviFMax,
        double deviFMean, double deviFMin, double deviE) {

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
        CommitteeForceField c = CommitteeForceField.in(sim.forces().field());
        ModelDeviation d = c != null ? c.deviation() : null;
        return new ThermoSample(sim.step(), sim.time(), s.temperature(), pe, ke,
                pe + ke - sim.integrator().thermostatEnergy(), pressure,
                sim.forces().neighborList().builds(), d != null,
                d != null ? d.maxForce() : Double.NaN, d != null ? d.meanForce() : Double.NaN,
                d != null ? d.minForce() : Double.NaN, d != null ? d.energy() : Double.NaN);
    }
}

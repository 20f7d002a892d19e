package org.a2imd.integrate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.a2imd.core.AtomState;
import org.a2imd.force.ForceEvaluator;

/**
 * Advances an {@link AtomState} in time. Contract: before {@link #init}, nothing is assumed; after
 * {@link #init} and after every {@link #step}, {@code state.force} holds the forces at the current
 * positions and the evaluator holds their energy and virial.
 */
public interface Integrator {
    /** Prepares the run: computes the forces at the starting positions. */
    void init(AtomState s, ForceEvaluator f);

    /** Advances one timestep. */
    void step(AtomState s, ForceEvaluator f);

    double timestep();

    /**
     * Energy that the thermostat has added to the system since the start of the run (0 for NVE); the
     * conserved quantity is total energy minus this.
     */
    double thermostatEnergy();

    /** Writes every bit of state a restart needs (random streams, accumulators). */
    void writeState(DataOutput out) throws IOException;

    /** Restores what {@link #writeState} wrote. */
    void readState(DataInput in) throws IOException;

    /** One line for logs, e.g. "langevin T 1.0 damping 1.0 seed 7". */
    String describe();
}

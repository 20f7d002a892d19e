package org.a2imd.integrate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.a2imd.core.AtomState;
import org.a2imd.force.ForceEvaluator;

/**
 * Velocity Verlet (NVE): half kick, drift, forces, half kick. Symplectic and time-reversible; the
 * energy error is bounded and of order dt^2.
 */
public final class VelocityVerlet implements Integrator {
    static final String TAG = "nve";
    private final double dt;

    public VelocityVerlet(double dt) {
        this.dt = Motion.positive("timestep", dt);
    }

    /** Computes the forces at the current positions; holds no other state. */
    @Override
    public void init(AtomState s, ForceEvaluator f) {
        f.evaluate(s, false);
    }

    @Override
    public void step(AtomState s, ForceEvaluator f) {
        Motion.kick(s, 0.5 * dt);
        Motion.drift(s, dt);
        f.evaluate(s, false);
        Motion.kick(s, 0.5 * dt);
    }

    @Override
    public double timestep() {
        return dt;
    }

    @Override
    public double thermostatEnergy() {
        return 0;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeUTF(TAG);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        Motion.expectTag(in, TAG);
    }

    @Override
    public String describe() {
        return "nve velocity-verlet dt " + dt;
    }
}

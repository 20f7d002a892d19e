package org.a2imd.integrate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.a2imd.core.AtomState;
import org.a2imd.core.Rng;
import org.a2imd.force.ForceEvaluator;

/**
 * Canonical sampling through velocity rescaling (CSVR; Bussi, Donadio and Parrinello, J. Chem. Phys.
 * 126, 014101 (2007)): the kinetic energy K follows the stochastic differential equation
 * dK = (K0 - K) dt / tau + 2 sqrt(K K0 / (Nf tau)) dW, with K0 = Nf kT / 2, whose stationary
 * distribution is the canonical one, and all velocities are scaled by a common factor to match.
 * The equation is integrated exactly over a time h by the resampling formula of the paper's appendix:
 * K' = K + (1 - c)(K0 (R1^2 + S) / Nf - K) + 2 R1 sqrt(c (1 - c) K K0 / Nf), c = exp(-h / tau),
 * R1 a standard normal and S a sum of Nf - 1 squared standard normals (drawn as 2 Gamma((Nf - 1) / 2)).
 * The sign of the scale factor follows the paper, so the exact process is reproduced even for tau &lt; dt.
 *
 * <p>Each step applies the rescaling over dt / 2, a velocity-Verlet step, and the rescaling over dt / 2
 * again (a symmetric Trotter splitting). This keeps the step time-symmetric, makes the velocities at
 * the end of a step (those that analysis and output see) the thermostatted ones, and gives the same
 * stationary distribution as a full-step rescaling once per step. It costs two random draws per step,
 * independent of N.
 *
 * <p>Nf = 3N - 3: the total momentum is assumed zero (as {@link Velocities#maxwellBoltzmann} leaves
 * it) and is conserved by velocity Verlet and by a common scale factor. The kinetic energy changed by
 * the rescalings is accumulated as {@link #thermostatEnergy}.
 */
public final class Csvr implements Integrator {
    static final String TAG = "csvr";
    private final double dt;
    private final double temperature;
    private final double tau;
    private final long seed;
    /** exp(-(dt / 2) / tau), the memory of one half-step rescaling. */
    private final double c;
    private final Rng rng;
    private final VelocityVerlet verlet;
    private double thermostatEnergy;

    /**
     * @param dt timestep
     * @param temperature target temperature (0 makes the kinetic energy decay as exp(-t / tau))
     * @param tau relaxation time of the kinetic energy (time units)
     * @param seed seed of the random stream
     */
    public Csvr(double dt, double temperature, double tau, long seed) {
        this.dt = Motion.positive("timestep", dt);
        this.temperature = Motion.nonNegative("csvr temperature", temperature);
        this.tau = Motion.positive("csvr relaxation time tau", tau);
        this.seed = seed;
        this.c = Math.exp(-0.5 * dt / tau);
        this.rng = new Rng(seed);
        this.verlet = new VelocityVerlet(dt);
    }

    /** Computes the forces at the current positions; the random stream and accumulator are not reset. */
    @Override
    public void init(AtomState s, ForceEvaluator f) {
        verlet.init(s, f);
    }

    @Override
    public void step(AtomState s, ForceEvaluator f) {
        rescale(s);
        verlet.step(s, f);
        rescale(s);
    }

    /** Resamples the kinetic energy over half a step and scales the velocities to it. */
    private void rescale(AtomState s) {
        double kinetic = s.kineticEnergy();
        if (!(kinetic > 0)) {
            return; // no direction to scale along: a system at rest stays at rest until forces move it
        }
        int nf = s.degreesOfFreedom();
        double target = 0.5 * nf * s.units.boltz * temperature; // K0
        double r1 = rng.nextGaussian();
        double rest = GammaDeviate.sumOfSquaredGaussians(rng, nf - 1);
        double ratio = target / (nf * kinetic); // K0 / (Nf K)
        double alpha2 = c + (1 - c) * (rest + r1 * r1) * ratio + 2 * r1 * Math.sqrt(c * (1 - c) * ratio);
        double alpha = Math.sqrt(alpha2);
        // alpha^2 = (sqrt(c) + r1 sqrt((1 - c) ratio))^2 + ...; the exact process takes the sign of that root.
        if (Math.sqrt(c) + r1 * Math.sqrt((1 - c) * ratio) < 0) {
            alpha = -alpha;
        }
        Motion.scaleVelocities(s, alpha);
        thermostatEnergy += (alpha2 - 1) * kinetic;
    }

    @Override
    public double timestep() {
        return dt;
    }

    @Override
    public double thermostatEnergy() {
        return thermostatEnergy;
    }

    public double temperature() {
        return temperature;
    }

    public double tau() {
        return tau;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeUTF(TAG);
        Motion.writeRng(out, rng);
        out.writeDouble(thermostatEnergy);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        Motion.expectTag(in, TAG);
        Motion.readRng(in, rng);
        thermostatEnergy = in.readDouble();
    }

    @Override
    public String describe() {
        return "csvr dt " + dt + " T " + temperature + " tau " + tau + " seed " + seed;
    }
}

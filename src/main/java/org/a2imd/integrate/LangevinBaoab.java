package org.a2imd.integrate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.a2imd.core.AtomState;
import org.a2imd.core.Rng;
import org.a2imd.force.ForceEvaluator;

/**
 * Langevin dynamics (NVT) with the BAOAB splitting of Leimkuhler and Matthews (Appl. Math. Res. Express
 * 2013, 34; the scheme of OpenMM's LangevinMiddleIntegrator): half kick (B), half drift (A), exact
 * Ornstein-Uhlenbeck velocity update over the whole step (O), half drift (A), forces, half kick (B).
 * Configurational averages are accurate to O(dt^2) with a very small constant, and the O step samples
 * the Maxwell-Boltzmann distribution exactly.
 *
 * <p>O step: v &lt;- c1 v + sqrt(1 - c1^2) sqrt(kT / (m mvv2e)) xi with c1 = exp(-dt / damping), where
 * damping is a relaxation time as in LAMMPS's fix langevin (friction gamma = 1 / damping). One Gaussian
 * per component is drawn from one seeded stream, atoms in index order, so a run is reproducible and a
 * restart (which saves the stream) continues bit for bit.
 *
 * <p>After the O step the total momentum is set to zero again (as ASE's Langevin fixcm and LAMMPS's
 * fix langevin zero yes): the random forces would otherwise make the centre of mass diffuse, and the
 * thermostat then acts on exactly the 3N - 3 internal degrees of freedom that
 * {@link AtomState#temperature} counts. This is exact in mass-weighted coordinates (the projection
 * keeps the noise isotropic in the internal subspace) as long as the forces sum to zero, which they do
 * for every translation-invariant force field.
 *
 * <p>The kinetic energy changed by the O step (including the centre-of-mass part removed) is
 * accumulated as {@link #thermostatEnergy}, so total energy minus it is conserved up to the
 * integration error.
 */
public final class LangevinBaoab implements Integrator {
    static final String TAG = "langevin";
    private final double dt;
    private final double temperature;
    private final double damping;
    private final long seed;
    private final double c1;
    private final double c2;
    private final Rng rng;
    private double thermostatEnergy;

    /**
     * @param dt timestep
     * @param temperature target temperature (may be 0 for a quench)
     * @param damping relaxation time of the velocities (time units), 1 / friction
     * @param seed seed of the noise stream
     */
    public LangevinBaoab(double dt, double temperature, double damping, long seed) {
        this.dt = Motion.positive("timestep", dt);
        this.temperature = Motion.nonNegative("langevin temperature", temperature);
        this.damping = Motion.positive("langevin damping time", damping);
        this.seed = seed;
        this.c1 = Math.exp(-dt / damping);
        // 1 - c1^2 by expm1 so that weak coupling (dt << damping) keeps its digits.
        this.c2 = Math.sqrt(-Math.expm1(-2 * dt / damping));
        this.rng = new Rng(seed);
    }

    /** Computes the forces at the current positions; the noise stream and accumulator are not reset. */
    @Override
    public void init(AtomState s, ForceEvaluator f) {
        f.evaluate(s, false);
    }

    @Override
    public void step(AtomState s, ForceEvaluator f) {
        Motion.kick(s, 0.5 * dt);
        Motion.drift(s, 0.5 * dt);
        thermostat(s);
        Motion.drift(s, 0.5 * dt);
        f.evaluate(s, false);
        Motion.kick(s, 0.5 * dt);
    }

    /** The O step, then removal of the total momentum; accumulates the kinetic energy it changed. */
    private void thermostat(AtomState s) {
        double kT = s.units.boltz * temperature;
        double mvv2e = s.units.mvv2e;
        double[] v = s.vel;
        double[] m = s.mass;
        double dKinetic2 = 0; // 2 * change of kinetic energy / mvv2e
        double px = 0;
        double py = 0;
        double pz = 0;
        double mt = 0;
        for (int i = 0; i < s.n; i++) {
            double mi = m[i];
            double sigma = c2 * Math.sqrt(kT / (mi * mvv2e));
            double vx = v[3 * i];
            double vy = v[3 * i + 1];
            double vz = v[3 * i + 2];
            double nx = c1 * vx + sigma * rng.nextGaussian();
            double ny = c1 * vy + sigma * rng.nextGaussian();
            double nz = c1 * vz + sigma * rng.nextGaussian();
            v[3 * i] = nx;
            v[3 * i + 1] = ny;
            v[3 * i + 2] = nz;
            dKinetic2 += mi * (nx * nx + ny * ny + nz * nz - vx * vx - vy * vy - vz * vz);
            px += mi * nx;
            py += mi * ny;
            pz += mi * nz;
            mt += mi;
        }
        double ux = px / mt;
        double uy = py / mt;
        double uz = pz / mt;
        for (int i = 0; i < s.n; i++) {
            v[3 * i] -= ux;
            v[3 * i + 1] -= uy;
            v[3 * i + 2] -= uz;
        }
        // Removing the centre-of-mass velocity u takes away M u^2 / 2 exactly.
        dKinetic2 -= mt * (ux * ux + uy * uy + uz * uz);
        thermostatEnergy += 0.5 * mvv2e * dKinetic2;
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

    public double damping() {
        return damping;
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
        return "langevin baoab dt " + dt + " T " + temperature + " damping " + damping + " seed " + seed;
    }
}

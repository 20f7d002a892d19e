package org.a2imd.analysis;

import java.util.ArrayList;
import java.util.List;
import org.a2imd.core.AtomState;
import org.a2imd.run.Observer;
import org.a2imd.run.Simulation;

/**
 * Collects what a comparison of two potentials needs from one run, every {@code every} steps from
 * step {@code from} on (earlier steps are equilibration): energies, unwrapped positions (for the MSD),
 * partial RDFs and, when a bond cutoff is given, the bond-angle distribution.
 */
public final class Sampler implements Observer {
    private final long every;
    private final long from;
    private final Rdf rdf;
    private final BondAngles angles;
    private final List<double[]> unwrapped = new ArrayList<>();
    private final List<double[]> series = new ArrayList<>(); // time, potential, kinetic, conserved, temperature, pressure
    private final double[] u = new double[3];
    private int atoms;

    /** @param angles null for no bond-angle distribution */
    public Sampler(long every, long from, Rdf rdf, BondAngles angles) {
        if (every < 1 || from < 0) {
            throw new IllegalArgumentException("sampling interval must be >= 1 and start >= 0");
        }
        this.every = every;
        this.from = from;
        this.rdf = rdf;
        this.angles = angles;
    }

    private boolean sampled(long step) {
        return step >= from && (step - from) % every == 0;
    }

    @Override
    public boolean wantsEnergy(Simulation sim, long step) {
        return sampled(step);
    }

    @Override
    public void observe(Simulation sim) {
        if (!sampled(sim.step())) {
            return;
        }
        AtomState s = sim.state();
        atoms = s.n;
        double pe = sim.forces().energy();
        double ke = s.kineticEnergy();
        series.add(new double[] {sim.time(), pe, ke, pe + ke - sim.integrator().thermostatEnergy(), s.temperature(),
            org.a2imd.run.ThermoSample.of(sim).pressure()});
        double[] x = new double[3 * s.n];
        for (int i = 0; i < s.n; i++) {
            s.unwrapped(i, u);
            System.arraycopy(u, 0, x, 3 * i, 3);
        }
        unwrapped.add(x);
        rdf.add(s.box(), s.pos, s.type, s.n);
        if (angles != null) {
            angles.add(s.box(), s.pos, s.n);
        }
    }

    public int atoms() {
        return atoms;
    }

    public int samples() {
        return series.size();
    }

    public Rdf rdf() {
        return rdf;
    }

    public BondAngles angles() {
        return angles;
    }

    public double[][] unwrappedFrames() {
        return unwrapped.toArray(new double[0][]);
    }

    /**
     * Column k of the energy series: 0 time, 1 potential, 2 kinetic, 3 conserved, 4 temperature, 5 pressure
     * (kinetic + virial, as in the thermo output, deck units).
     */
    public double[] column(int k) {
        double[] c = new double[series.size()];
        for (int f = 0; f < c.length; f++) {
            c[f] = series.get(f)[k];
        }
        return c;
    }
}

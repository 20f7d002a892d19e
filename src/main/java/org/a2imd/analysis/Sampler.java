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
    private final StructureSeries structure;
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
        this.structure = new StructureSeries(rdf, angles);
    }

    /**
     * A sampler filled from stored frames rather than a run (compare --trajectories): each row is time,
     * potential, kinetic, conserved, temperature, pressure (NaN for what the frames do not hold).
     */
    public static Sampler of(List<double[]> rows, int atoms, StructureSeries structure) {
        Sampler s = new Sampler(structure);
        s.series.addAll(rows);
        s.atoms = atoms;
        return s;
    }

    private Sampler(StructureSeries structure) {
        this.every = 1;
        this.from = 0;
        this.structure = structure;
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
        structure.add(s.box(), s.pos, x, s.type, s.n);
    }

    public int atoms() {
        return atoms;
    }

    public int samples() {
        return series.size();
    }

    public Rdf rdf() {
        return structure.rdf();
    }

    public BondAngles angles() {
        return structure.angles();
    }

    public StructureSeries structure() {
        return structure;
    }

    public double[][] unwrappedFrames() {
        return structure.unwrappedFrames();
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

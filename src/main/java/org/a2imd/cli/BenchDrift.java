package org.a2imd.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.a2imd.analysis.EnergyDrift;
import org.a2imd.analysis.EnergySeries;
import org.a2imd.core.AtomState;
import org.a2imd.core.BlowUpException;
import org.a2imd.core.Lattice;
import org.a2imd.core.Rng;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.force.ForceField;
import org.a2imd.integrate.Velocities;
import org.a2imd.integrate.VelocityVerlet;
import org.a2imd.io.deck.Deck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code a2imd bench drift}: NVE energy conservation (velocity Verlet) of a built-in system (LJ liquid
 * from fcc, SW silicon) or of any NVE deck, at a timestep of choice; prints the least-squares drift of
 * the total energy per atom, the RMS fluctuation about it and drift over the run / std(KE), and can write
 * the time series and (for LAMMPS) the starting state. benchmarks/timestep-sweep.sh runs it per timestep.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "NVE energy conservation: drift and fluctuation of the total energy per atom.")
final class BenchDrift implements Callable<Integer> {
    @Option(names = "--system", description = "lj (fcc rho* 0.8442 from T* 1.44, cutoff 2.5 shifted, skin 0.3) or sw "
            + "(diamond Si, 2000 K start, skin 1.0; default ${DEFAULT-VALUE})")
    String system = "lj";
    @Option(names = "--deck", paramLabel = "DECK", description = "run this NVE deck instead of a built-in system "
            + "(its structure, velocities, potential, skin; its timestep and run length unless --dt/--steps/--time)")
    Path deckFile;
    @Option(names = "--atoms", description = "approximate atom count for lj (default ${DEFAULT-VALUE})")
    int atoms = 4000;
    @Option(names = "--cells", description = "diamond cells per edge for sw, 8 atoms each (default ${DEFAULT-VALUE})")
    int cells = 10;
    @Option(names = "--dt", description = "timestep (default: 0.005 tau for lj, 0.001 ps for sw, the deck's)")
    Double dt;
    @Option(names = "--steps", description = "sampled steps (default 10000, or the deck's run)")
    Long steps;
    @Option(names = "--time", description = "sampled simulated time instead of --steps (steps = time / dt)")
    Double time;
    @Option(names = "--every", description = "sampling interval in steps (default ${DEFAULT-VALUE})")
    int every = 10;
    @Option(names = "--sample-interval", description = "sampling interval in time units instead of --every "
            + "(a whole number of steps; the same sample times for every timestep of a sweep)")
    Double sampleInterval;
    @Option(names = "--equilibrate", description = "unsampled NVE steps first, at --equilibrate-dt (default ${DEFAULT-VALUE})")
    int equilibrate = 0;
    @Option(names = "--equilibrate-dt", description = "timestep of those steps (default: the system's or deck's "
            + "default, so that every run of a sweep starts from the same state)")
    Double equilibrateDt;
    @Option(names = "--potential", description = "Stillinger-Weber file for sw (default ${DEFAULT-VALUE})")
    Path potential = Path.of("potentials/Si.sw");
    @Option(names = "--threads", description = "threads (default ${DEFAULT-VALUE})")
    int threads = 2;
    @Option(names = "--series", paramLabel = "FILE", description = "write the time series (t, E_total/N, KE/N)")
    Path seriesFile;
    @Option(names = "--name", description = "system name in the series file (default: lj, sw or the deck's name)")
    String name;
    @Option(names = "--engine", description = "engine label in the series file (default ${DEFAULT-VALUE})")
    String engine = "a2imd";
    @Option(names = "--write-data", paramLabel = "FILE",
            description = "write the state at the start of the sampled run as a LAMMPS data file (atomic, velocities)")
    Path dataFile;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** A starting state, its force field and skin, default timestep and run length. */
    private record Setup(String name, AtomState state, ForceField field, double skin, double dt, long steps) {
    }

    @Override
    public Integer call() throws IOException {
        Main.checkThreads(spec, threads);
        Setup setup = deckFile != null ? fromDeck() : builtIn();
        AtomState s = setup.state();
        double runDt = dt != null ? dt : setup.dt();
        positive("--dt", runDt);
        long nSteps = time != null ? Math.round(positive("--time", time) / runDt) : steps != null ? steps : setup.steps();
        int stride = every;
        if (sampleInterval != null) {
            double r = positive("--sample-interval", sampleInterval) / runDt;
            stride = (int) Math.round(r);
            if (stride < 1 || Math.abs(r - stride) > 1e-6 * r) {
                throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                        "--sample-interval %s is not a whole number of timesteps %s", sampleInterval, runDt));
            }
        }
        if (stride < 1 || nSteps < 2L * stride) {
            throw new ParameterException(spec.commandLine(),
                    "need a sampling interval of at least 1 step and at least 3 samples (run " + nSteps
                            + " steps, sample every " + stride + ")");
        }
        String sys = name != null ? name : setup.name();
        try (WorkerPool pool = new WorkerPool(threads)) {
            ForceEvaluator f = new ForceEvaluator(setup.field(), setup.skin(), pool);
            if (equilibrate > 0) {
                VelocityVerlet eq = new VelocityVerlet(equilibrateDt != null ? equilibrateDt : setup.dt());
                eq.init(s, f);
                for (int k = 0; k < equilibrate; k++) {
                    eq.step(s, f);
                }
            }
            if (dataFile != null) {
                org.a2imd.io.LammpsDataWriter.write(s, dataFile, "a2imd bench drift: " + sys + " after " + equilibrate + " NVE steps");
            }
            VelocityVerlet vv = new VelocityVerlet(runDt);
            vv.init(s, f);
            int m = (int) (nSteps / stride) + 1;
            double[] t = new double[m];
            double[] e = new double[m];
            double[] ke = new double[m];
            int k = 0;
            long step = 0;
            try {
                for (; step <= nSteps; step++) {
                    if (step > 0) {
                        vv.step(s, f);
                    }
                    if (step % stride == 0) {
                        t[k] = step * runDt;
                        ke[k] = s.kineticEnergy();
                        e[k] = f.energy() + ke[k];
                        k++;
                    }
                }
            } catch (BlowUpException ex) {
                System.out.printf(Locale.ROOT, "%s-nve atoms %d dt %g blew up at step %d (time %g): %s%n", sys, s.n,
                        runDt, step, step * runDt, ex.getMessage());
                return Main.EXIT_BLOWUP;
            }
            for (int i = 0; i < m; i++) {
                e[i] /= s.n;
                ke[i] /= s.n;
            }
            EnergySeries series = new EnergySeries(sys, engine, runDt, s.n, s.units.energy, s.units.time, t, e, ke);
            if (seriesFile != null) {
                series.write(seriesFile);
            }
            EnergyDrift d = series.drift();
            String eu = s.units.energy + "/" + s.units.time;
            System.out.printf(Locale.ROOT,
                    "%s-nve atoms %d dt %g steps %d T %.4g drift %.3e %s/atom rms %.3e %s/atom drift/std(KE) %.3e "
                            + "builds %d%n",
                    sys, s.n, runDt, nSteps, s.temperature(), d.slopePerAtom(), eu, d.rmsPerAtom(), s.units.energy,
                    d.driftOverKineticStd(), f.neighborList().builds());
        }
        return 0;
    }

    private double positive(String option, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new ParameterException(spec.commandLine(), option + " must be positive, got " + v);
        }
        return v;
    }

    private Setup builtIn() throws IOException {
        if ("lj".equals(system)) {
            AtomState s = BenchCommand.ljSystem(atoms, 1.44, 87287);
            return new Setup("lj", s, BenchCommand.lj(s.species, true), 0.3, 0.005, 10000);
        }
        if ("sw".equals(system)) {
            Lattice lat = Lattice.withConstant(Lattice.Kind.DIAMOND, 5.431, cells, cells, cells);
            SpeciesSet species = SpeciesSet.of(new Species("Si", 28.0855));
            AtomState s = new AtomState(Units.METAL, species, lat.box(), new int[lat.count()], lat.positions());
            Velocities.maxwellBoltzmann(s, 2000.0, new Rng(12345));
            ForceField sw = new org.a2imd.force.StillingerWeber(org.a2imd.io.SwFile.read(potential, species));
            return new Setup("sw", s, sw, 1.0, 0.001, 10000);
        }
        throw new ParameterException(spec.commandLine(), "--system must be lj or sw, got " + system);
    }

    /** The deck's state, potential and skin, as {@code a2imd run} sets them up; the deck must be NVE. */
    private Setup fromDeck() throws IOException {
        Deck deck = Deck.parse(deckFile).requireForRun();
        var integrator = deck.optional("integrator");
        if (integrator.isPresent() && !"nve".equals(integrator.get().variant())) {
            throw integrator.get().error("bench drift measures energy conservation and needs an NVE deck, "
                    + "this one has integrator " + integrator.get().variant());
        }
        Units units = deck.units();
        SpeciesSet species = deck.species();
        ForceField field = SimulationSetup.forceField(deck, species);
        AtomState s = SimulationSetup.structure(deck, units, species);
        SimulationSetup.checkOverlaps(deck, s);
        var velocity = deck.optional("velocity");
        if (velocity.isPresent()) {
            Velocities.maxwellBoltzmann(s, velocity.get().getDouble("temperature"),
                    new Rng(velocity.get().getLong("seed")));
        }
        s.removeCentreOfMassMomentum();
        // inputs/a2i-lj-nve.in is system "a2i-lj"
        String base = deckFile.getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceFirst("-nve$", "");
        return new Setup(base, s, field, SimulationSetup.skin(deck, units), deck.one("timestep").getDouble("dt"),
                deck.one("run").getLong("steps"));
    }
}

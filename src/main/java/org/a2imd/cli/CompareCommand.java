package org.a2imd.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.a2imd.analysis.BondAngles;
import org.a2imd.analysis.ComparisonReport;
import org.a2imd.analysis.Rdf;
import org.a2imd.analysis.Sampler;
import org.a2imd.analysis.StructureSeries;
import org.a2imd.analysis.TrajectoryFile;
import org.a2imd.core.InputException;
import org.a2imd.core.AtomState;
import org.a2imd.core.Rng;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.force.ForceField;
import org.a2imd.integrate.Integrator;
import org.a2imd.integrate.Velocities;
import org.a2imd.io.deck.Deck;
import org.a2imd.run.Simulation;
import org.a2imd.run.TerminalProgress;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a2imd compare DECK_REF DECK_MODEL}: runs two decks of the same system (same structure, integrator
 * and length, different potential) and writes a side-by-side report of structure, energetics and dynamics.
 * The decks' own output commands (thermo, trajectory, checkpoint, write_final) are not executed.
 * {@code a2imd compare --trajectories REF MODEL}: the same report from two existing trajectory files,
 * nothing run (structure, MSD and the potential-energy distribution; no kinetic quantities).
 */
@picocli.CommandLine.Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Run a reference deck and a model deck of the same system and compare RDF, bond angles, "
                + "potential-energy distribution, mean pressure, MSD/diffusion and energy drift (report.md, PNG plots "
                + "and the CSV data of each plot).",
            "With --trajectories REF.extxyz MODEL.extxyz instead of the decks, compare two existing trajectories "
                + "without running anything (RDF, bond angles, MSD, potential-energy distribution from the energy "
                + "key; temperature, pressure and drift need the kinetic energy and are left out)."})
final class CompareCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DECK_REF", description = "deck with the reference potential")
    Path refDeck;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DECK_MODEL",
            description = "the same deck with the model potential")
    Path modelDeck;

    @Option(names = "--trajectories", arity = "2", paramLabel = "FILE",
            description = "compare these two existing extxyz trajectories (reference, model) instead of running decks")
    List<Path> trajectories;

    @Option(names = "--units", paramLabel = "lj|metal",
            description = "with --trajectories: units of files without a units key")
    String units;

    @Option(names = "--frame-time", paramLabel = "T",
            description = "with --trajectories: time between frames in the files, when they have no time key")
    Double frameTime;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder for report.md and the plots")
    Path out;

    @Option(names = "--every", paramLabel = "N",
            description = "sample every N steps (default 10); with --trajectories: every N-th frame (default 1)")
    Integer everyOption;

    int every;

    @Option(names = "--skip", paramLabel = "N", defaultValue = "0",
            description = "equilibration steps not sampled (default 0); with --trajectories: frames before this step")
    long skip;

    @Option(names = "--rdf-max", paramLabel = "R", description = "RDF range (default: half the smallest cell width)")
    Double rdfMax;

    @Option(names = "--bins", paramLabel = "N", defaultValue = "200", description = "RDF bins (default 200)")
    int bins;

    @Option(names = "--angle-cutoff", paramLabel = "R",
            description = "bond cutoff for the bond-angle distribution (e.g. 3.0 for Si in Angstrom); none by default")
    Double angleCutoff;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: the deck's, else all cores)")
    Integer threads;

    @Option(names = "--no-progress", description = "never show the progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        every = everyOption != null ? everyOption : trajectories != null ? 1 : 10;
        if (every < 1 || bins < 1 || skip < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--every and --bins must be at least 1 and --skip at least 0");
        }
        if (trajectories != null) {
            if (refDeck != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "give either two decks or --trajectories REF MODEL, not both");
            }
            return compareTrajectories();
        }
        if (modelDeck == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give two decks (DECK_REF DECK_MODEL) or --trajectories REF MODEL");
        }
        Deck a = Deck.parse(refDeck).requireForRun();
        Deck b = Deck.parse(modelDeck).requireForRun();
        check(a, b);
        ComparisonReport.Run ra = run(a, refDeck);
        ComparisonReport.Run rb = run(b, modelDeck);
        SpeciesSet species = a.species();
        String[] names = new String[species.size()];
        for (int t = 0; t < names.length; t++) {
            names[t] = species.name(t);
        }
        boolean metal = a.units().id.equals("metal");
        new ComparisonReport(ra, rb, names, metal ? "ps" : "tau", metal ? "eV" : "epsilon", metal ? "A" : "sigma",
                a.units().pressure).write(out);
        spec.commandLine().getOut().println("wrote " + out.resolve("report.md"));
        return 0;
    }

    private int compareTrajectories() throws Exception {
        Units u = null;
        if (units != null) {
            u = Units.byId(units.toLowerCase(java.util.Locale.ROOT));
            if (u == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--units must be lj or metal, got '" + units + "'");
            }
        }
        if (frameTime != null && !(frameTime > 0)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--frame-time must be positive");
        }
        TrajectoryFile a = TrajectoryFile.read(trajectories.get(0), skip, every, u);
        TrajectoryFile b = TrajectoryFile.read(trajectories.get(1), skip, every, u != null ? u : a.units());
        Units ua = a.units() != null ? a.units() : b.units();
        if (ua == null) {
            throw new InputException(a.file(), 0, "the trajectories do not say their units: give --units lj|metal");
        }
        if (b.units() != null && b.units() != ua) {
            throw new InputException(b.file(), 0, "units " + b.units().id + " differ from " + a.file() + " ("
                    + ua.id + ")");
        }
        if (!java.util.Arrays.equals(a.typeNames(), b.typeNames())) {
            throw new InputException(b.file(), 0, "species " + String.join(" ", b.typeNames()) + " differ from "
                    + a.file() + " (" + String.join(" ", a.typeNames()) + ")");
        }
        double half = 0.5 * Math.min(a.minWidth(), b.minWidth());
        double range = rdfMax != null ? rdfMax : half * (1 - 1e-9);
        if (!(range > 0) || range > half) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--rdf-max must be positive and at most half the cell width (" + half + ")");
        }
        ComparisonReport.Run ra = fromFile(a, range);
        ComparisonReport.Run rb = fromFile(b, range);
        boolean metal = ua.id.equals("metal");
        new ComparisonReport(ra, rb, a.typeNames(), metal ? "ps" : "tau", metal ? "eV" : "epsilon",
                metal ? "A" : "sigma", ua.pressure).write(out);
        spec.commandLine().getOut().println("wrote " + out.resolve("report.md"));
        return 0;
    }

    /** A run read back from its trajectory: structure from the frames, potential energy from the energy key. */
    private ComparisonReport.Run fromFile(TrajectoryFile t, double range) {
        double dt = t.frameInterval(frameTime);
        if (Double.isNaN(dt)) {
            throw new InputException(t.file(), 0, t.frames().size() < 2 ? "fewer than 2 frames are left to compare"
                    : "the frames have no time key: give --frame-time T");
        }
        StructureSeries s = new StructureSeries(new Rdf(t.typeNames().length, range, bins),
                angleCutoff != null ? new BondAngles(angleCutoff, 180) : null);
        List<double[]> rows = new ArrayList<>();
        double nan = Double.NaN;
        int k = 0;
        for (TrajectoryFile.Frame f : t.frames()) {
            s.addWrapped(f.box(), f.pos(), t.types(), t.atoms());
            rows.add(new double[] {Double.isNaN(f.time()) ? k * dt : f.time(), f.energy(), nan, nan, nan, nan});
            k++;
        }
        return new ComparisonReport.Run(Path.of(t.file()).getFileName().toString(), t.file(), "(trajectory file)",
                Sampler.of(rows, t.atoms(), s), dt);
    }

    /** The two decks must describe the same system and run, or the comparison means nothing. */
    private static void check(Deck a, Deck b) {
        if (!a.units().id.equals(b.units().id)) {
            throw b.error("units differ from " + a.file() + " (" + a.units().id + ")");
        }
        if (a.species().size() != b.species().size()) {
            throw b.error("species differ from " + a.file());
        }
        for (int t = 0; t < a.species().size(); t++) {
            if (!a.species().name(t).equals(b.species().name(t))) {
                throw b.error("species differ from " + a.file() + ": " + b.species().name(t) + " where it has "
                        + a.species().name(t));
            }
        }
        if (a.one("run").getLong(0) != b.one("run").getLong(0)) {
            throw b.one("run").error("run length differs from " + a.file() + " (" + a.one("run").getLong(0) + ")");
        }
        if (a.one("timestep").getDouble(0) != b.one("timestep").getDouble(0)) {
            throw b.one("timestep").error("timestep differs from " + a.file() + " (" + a.one("timestep").getDouble(0)
                    + ")");
        }
    }

    private ComparisonReport.Run run(Deck deck, Path file) throws Exception {
        Units units = deck.units();
        SpeciesSet species = deck.species();
        ForceField field = SimulationSetup.forceField(deck, species);
        AtomState state = SimulationSetup.structure(deck, units, species);
        SimulationSetup.checkOverlaps(deck, state);
        SimulationSetup.checkCharges(deck, state);
        int nThreads = threads != null ? threads
                : deck.optional("threads").map(c -> c.getInt("n")).orElse(Runtime.getRuntime().availableProcessors());
        Main.checkThreads(spec, nThreads);
        double[] w = state.box().perpendicularWidths();
        double half = 0.5 * Math.min(w[0], Math.min(w[1], w[2]));
        double range = rdfMax != null ? rdfMax : half * (1 - 1e-9);
        if (!(range > 0) || range > half) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--rdf-max must be positive and at most half the cell width (" + half + ")");
        }
        Rdf rdf = new Rdf(species.size(), range, bins);
        BondAngles angles = angleCutoff != null ? new BondAngles(angleCutoff, 180) : null;
        Sampler sampler = new Sampler(every, skip, rdf, angles);
        try (WorkerPool pool = new WorkerPool(nThreads)) {
            ForceEvaluator forces = new ForceEvaluator(field, SimulationSetup.skin(deck, units), pool);
            Integrator integrator = SimulationSetup.integrator(deck);
            Simulation sim = new Simulation(state, forces, integrator);
            var velocity = deck.optional("velocity");
            if (velocity.isPresent()) {
                Velocities.maxwellBoltzmann(state, velocity.get().getDouble("temperature"),
                        new Rng(velocity.get().getLong("seed")));
            }
            state.removeCentreOfMassMomentum();
            sim.addObserver(sampler);
            if (!noProgress) {
                sim.setProgressListener(TerminalProgress.forConsole("a2imd compare " + file.getFileName()));
            }
            long steps = deck.one("run").getLong("steps");
            if (steps <= skip) {
                throw deck.one("run").error("the run (" + steps + " steps) must be longer than --skip " + skip);
            }
            sim.run(steps, false);
            return new ComparisonReport.Run(file.getFileName().toString(), file.toString(), field.describe(), sampler,
                    every * integrator.timestep());
        }
    }
}

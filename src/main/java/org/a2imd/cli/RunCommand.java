package org.a2imd.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.a2imd.core.AtomState;
import org.a2imd.core.Rng;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.force.ForceField;
import org.a2imd.integrate.Integrator;
import org.a2imd.integrate.Velocities;
import org.a2imd.io.deck.Command;
import org.a2imd.io.deck.Deck;
import org.a2imd.run.CandidatesObserver;
import org.a2imd.run.Checkpoint;
import org.a2imd.run.CheckpointObserver;
import org.a2imd.run.DeviationStopObserver;
import org.a2imd.run.EnergyWatchdog;
import org.a2imd.run.FinalConfigurationObserver;
import org.a2imd.run.ModelDeviationObserver;
import org.a2imd.run.OutputFile;
import org.a2imd.run.RunRecord;
import org.a2imd.run.Simulation;
import org.a2imd.run.StateFrames;
import org.a2imd.run.TerminalProgress;
import org.a2imd.run.ThermoObserver;
import org.a2imd.run.TrajectoryObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code a2imd run DECK}: runs a simulation deck, optionally continuing from a checkpoint. */
@picocli.CommandLine.Command(name = "run", mixinStandardHelpOptions = true, description = "Run a simulation deck.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DECK", description = "the input deck")
    Path deckFile;

    @Option(names = "--restart", paramLabel = "FILE",
            description = "continue from this checkpoint (written by the same deck); output files are cut back "
                    + "to the checkpoint and appended to; they must hold what the checkpoint recorded (same content, same "
                    + "layout relative to the deck) and the deck the same physics, else the restart is refused")
    Path restart;

    @Option(names = "--new-outputs",
            description = "with --restart: start new output files (thermo, trajectory, model_deviation, candidates) "
                    + "from the checkpoint instead of continuing the old ones, replacing files of the same name; needed "
                    + "when the outputs no longer match the checkpoint (moved, truncated, edited) or the deck's "
                    + "physics changed")
    boolean newOutputs;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: the deck's, else all cores)")
    Integer threads;

    @Option(names = "--no-progress", description = "never show the progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        Deck deck = Deck.parse(deckFile).requireForRun();
        RestartCheck.checkOutputsAreNotInputs(deck, deckFile);
        Units units = deck.units();
        SpeciesSet species = deck.species();
        ForceField field = SimulationSetup.forceField(deck, species);
        AtomState state = SimulationSetup.structure(deck, units, species);
        SimulationSetup.checkCharges(deck, state);
        int nThreads = threads != null ? threads
                : deck.optional("threads").map(c -> c.getInt("n")).orElse(Runtime.getRuntime().availableProcessors());
        Main.checkThreads(spec, nThreads);
        try (WorkerPool pool = new WorkerPool(nThreads)) {
            ForceEvaluator forces = new ForceEvaluator(field, SimulationSetup.skin(deck, units), pool);
            SimulationSetup.checkNeighborList(deck, state, forces.neighborList());
            if (restart == null && MinimizeActions.present(deck)) {
                // Static actions first (minimize, then elastic); a run, if any, starts from their result.
                SimulationSetup.checkOverlaps(deck, state);
                LOG.info("a2imd run {}: {} atoms, units {}, force field: {}", deckFile, state.n, units.id,
                        field.describe());
                MinimizeActions.perform(deck, state, forces);
                if (deck.optional("run").isEmpty()) {
                    MinimizeActions.writeFinal(deck, state, forces);
                    return 0;
                }
            }
            Integrator integrator = SimulationSetup.integrator(deck);
            Simulation sim = new Simulation(state, forces, integrator);
            Checkpoint checkpoint = null;
            RunRecord record = RestartCheck.record(deck, field, integrator, forces.neighborList().skin());
            Map<Path, Long> resume = Map.of();
            if (newOutputs && restart == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--new-outputs needs --restart FILE");
            }
            if (restart != null) {
                checkpoint = Checkpoint.read(restart);
                checkpoint.applyTo(sim, restart.toString());
                List<String> changes = new ArrayList<>();
                resume = RestartCheck.verify(checkpoint, restart, record, RestartCheck.outputs(deck), newOutputs, changes);
                if (newOutputs) {
                    LOG.warn("--new-outputs: new output files start at step {}{}", checkpoint.step(),
                            changes.isEmpty() ? "" : "; the deck changed since the checkpoint: " + String.join("; ", changes));
                }
            } else {
                SimulationSetup.checkOverlaps(deck, state);
                var velocity = deck.optional("velocity");
                if (velocity.isPresent()) {
                    Velocities.maxwellBoltzmann(state, velocity.get().getDouble("temperature"),
                            new Rng(velocity.get().getLong("seed")));
                }
                state.removeCentreOfMassMomentum();
            }
            addObservers(deck, sim, resume, record);
            if (!noProgress) {
                sim.setProgressListener(TerminalProgress.forConsole("a2imd run"));
            }
            long lastStep = deck.one("run").getLong("steps");
            if (sim.step() > lastStep) {
                throw deck.one("run").error("the checkpoint is at step " + sim.step() + ", beyond the deck's run of "
                        + lastStep + " steps");
            }
            LOG.info("a2imd run {}: {} atoms, {} species, units {}, {} thread(s)", deckFile, state.n, species.size(),
                    units.id, nThreads);
            LOG.info("force field: {}", field.describe());
            LOG.info("integrator: {}", integrator.describe());
            if (checkpoint != null) {
                LOG.info("continuing from {} at step {}", restart, sim.step());
            }
            return runWithSignals(sim, lastStep, checkpoint != null, state.n);
        }
    }

    private int runWithSignals(Simulation sim, long lastStep, boolean continuation, int atoms) throws Exception {
        // The summary is part of the job: after a signal the JVM exits as soon as the job returns.
        return StopOnSignal.run("a2imd-shutdown", sim::requestStop, () -> {
            long first = sim.step();
            long t0 = System.nanoTime();
            Simulation.Outcome outcome = sim.run(lastStep, continuation);
            double seconds = (System.nanoTime() - t0) * 1e-9;
            long steps = sim.step() - first;
            LOG.info(String.format(Locale.ROOT, "%d steps in %.3f s: %.4g atom-steps/s; %d neighbour-list builds",
                    steps, seconds, steps * (double) atoms / Math.max(seconds, 1e-9),
                    sim.forces().neighborList().builds()));
            if (outcome == Simulation.Outcome.INTERRUPTED) {
                LOG.warn("interrupted at step {}; a checkpoint was written, continue with --restart", sim.step());
                return Main.EXIT_INTERRUPTED;
            }
            return 0;
        });
    }

    private void addObservers(Deck deck, Simulation sim, Map<Path, Long> resume, RunRecord record)
            throws java.io.IOException {
        var thermo = deck.optional("thermo");
        if (thermo.isPresent()) {
            Command t = thermo.get();
            OutputFile file = t.has("file") ? open(t.getPath("file"), resume) : null;
            boolean resumed = file != null && resume.containsKey(t.getPath("file"));
            sim.addObserver(new ThermoObserver(t.getInt("every"), file, resumed));
        }
        for (Command t : deck.all("trajectory")) {
            sim.addObserver(new TrajectoryObserver(open(t.getPath("file"), resume), t.getInt("every"),
                    new StateFrames.Columns(t.getBool("velocities"), t.getBool("forces"), t.getBool("energies"),
                            t.getBool("deviation"))));
        }
        var devi = deck.optional("model_deviation");
        if (devi.isPresent()) {
            Path p = devi.get().getPath("file");
            sim.addObserver(new ModelDeviationObserver(open(p, resume), devi.get().getInt("every"),
                    resume.containsKey(p)));
        }
        var cand = deck.optional("candidates");
        if (cand.isPresent()) {
            Command c = cand.get();
            sim.addObserver(new CandidatesObserver(open(c.getPath("file"), resume), c.getDouble("lo"),
                    c.getDouble("hi"), c.getInt("every")));
        }
        deck.optional("write_final").ifPresent(c -> sim.addObserver(new FinalConfigurationObserver(c.getPath("file"))));
        // After the outputs (they show the offending step), before the checkpoints (none is written then).
        deck.optional("deviation_stop").ifPresent(c -> sim.addObserver(new DeviationStopObserver(c.getDouble("above"))));
        watchdog(deck).ifPresent(sim::addObserver);
        var chk = deck.optional("checkpoint");
        if (chk.isPresent()) {
            sim.addObserver(new CheckpointObserver(chk.get().getPath("file"), chk.get().getInt("every"), record));
        } else {
            // No checkpoint asked for: still leave one when the run ends or is interrupted.
            String name = deckFile.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".chk";
            sim.addObserver(new CheckpointObserver(deck.baseDir().resolve(name), Long.MAX_VALUE, record));
        }
    }

    /** The energy watchdog: on by default, "watchdog drift X [every N]" sets it, "watchdog off" removes it. */
    private static java.util.Optional<EnergyWatchdog> watchdog(Deck deck) {
        var w = deck.optional("watchdog");
        if (w.isPresent() && w.get().variant().equals("off")) {
            return java.util.Optional.empty();
        }
        double limit = w.map(c -> c.getDouble("limit")).orElse(EnergyWatchdog.DEFAULT_DRIFT);
        int every = w.map(c -> c.getInt("every")).orElse(EnergyWatchdog.DEFAULT_EVERY);
        var integ = deck.optional("integrator");
        double target = integ.isPresent() && !integ.get().variant().equals("nve")
                ? integ.get().getDouble("temperature") : Double.NaN;
        // Floor of the energy scale: a cold start must not alarm on round-off (T* 0.01 in lj, 1 K in metal).
        double floor = deck.units() == Units.LJ ? 0.01 : 1.0;
        return java.util.Optional.of(new EnergyWatchdog(limit, every, target, floor));
    }

    /** A new output file, or on restart the run's file cut back to its length at the checkpoint. */
    private static OutputFile open(Path path, Map<Path, Long> resume) throws java.io.IOException {
        Long length = resume.get(path);
        return length != null ? OutputFile.resume(path, length) : OutputFile.create(path);
    }
}

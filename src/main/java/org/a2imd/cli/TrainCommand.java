package org.a2imd.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.io.deck.Deck;
import org.a2imd.nnp.A2IForceField;
import org.a2imd.train.EpochRecord;
import java.util.List;
import org.a2imd.train.CommitteeTraining;
import org.a2imd.train.ErrorReport;
import org.a2imd.train.Plots;
import org.a2imd.train.Trainer;
import org.a2imd.train.TrainingListener;
import org.a2imd.train.TrainingSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a2imd train DECK [--resume]}: trains an A2I model as a training deck describes (docs/deck.md),
 * writing a checkpoint after every epoch; Ctrl-C stops after the current batch, writes the best model so far, and
 * {@code --resume}
 * continues from the last epoch's checkpoint to exactly the model an uninterrupted training gives. With
 * "committee members K" it trains K members in parallel ({@link CommitteeTraining}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train an A2I potential (or, with "
        + "\"committee members K\", K of them in parallel, written as <stem>.m<k>.<ext>) from a training deck.")
final class TrainCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    @Parameters(index = "0", paramLabel = "DECK", description = "the training deck")
    Path deckFile;

    @Option(names = "--resume", description = "continue from the deck's training checkpoint (a committee: every "
            + "member from its own; finished members are skipped)")
    boolean resume;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: the deck's, else all cores); "
            + "a committee divides them among its members")
    Integer threads;

    @Option(names = "--no-progress", description = "never show the progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        Deck deck = Deck.parse(deckFile).requireForTrain();
        int nThreads = threads != null ? threads
                : deck.optional("threads").map(c -> c.getInt("n")).orElse(Runtime.getRuntime().availableProcessors());
        if (nThreads < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--threads must be at least 1");
        }
        try (WorkerPool pool = new WorkerPool(nThreads)) {
            TrainingSetup.Plan plan = TrainingSetup.plan(deck, pool);
            if (plan.members() > 1) {
                return committee(plan, nThreads);
            }
            Trainer trainer = plan.trainer(pool);
            var d = trainer.data();
            LOG.info("a2imd train {}: {} training, {} validation, {} test frames; {} thread(s)", deckFile,
                    d.train().size(), d.validation().size(), d.test().size(), nThreads);
            warnNoValidation(d);
            if (!noProgress && System.console() != null && System.getenv("CI") == null) {
                trainer.setListener(new Progress());
            }
            Trainer.Outcome outcome = runWithSignals(trainer);
            if (outcome == Trainer.Outcome.INTERRUPTED) {
                LOG.warn("interrupted; the best model so far was written and the checkpoint of the last completed epoch is "
                        + "kept: continue with --resume");
                return Main.EXIT_INTERRUPTED;
            }
            report(trainer, plan.units(), pool);
            return 0;
        }
    }

    private static void warnNoValidation(org.a2imd.train.Dataset.Split d) {
        if (d.validation().isEmpty()) {
            LOG.warn("no validation frames: the best model and early stopping follow the training loss "
                    + "(add \"split validation 0.1 seed S\")");
        }
    }

    /** Trains the committee's members in parallel (no progress bar: the members' lines interleave). */
    private int committee(TrainingSetup.Plan plan, int nThreads) throws Exception {
        CommitteeTraining c = CommitteeTraining.forThreads(plan, nThreads);
        var d = plan.data();
        LOG.info("a2imd train {}: committee of {} members (bootstrap {}), {} at a time with {} thread(s) each; {} "
                + "training, {} validation, {} test frames", deckFile, plan.members(), plan.bootstrap() ? "yes" : "no",
                c.concurrent(), c.threadsPerMember(), d.train().size(), d.validation().size(), d.test().size());
        warnNoValidation(d);
        List<Trainer.Outcome> outcomes = StopOnSignal.run("a2imd-train-shutdown", c::requestStop,
                () -> c.run(resume, (m, t, pool) -> report(t, plan.units(), pool)));
        if (outcomes.contains(Trainer.Outcome.INTERRUPTED)) {
            LOG.warn("interrupted; each member wrote its best model so far and keeps the checkpoint of its last completed "
                    + "epoch: continue with --resume (finished members are skipped)");
            return Main.EXIT_INTERRUPTED;
        }
        return 0;
    }

    private static final Object PLOT_LOCK = new Object();

    /** The learning-curve PNG and, with test frames, the errors of the trained model on them. */
    private static void report(Trainer trainer, Units u, WorkerPool pool) {
        Path curve = trainer.outputs().curve();
        if (curve != null) {
            Path png = curve.resolveSibling(curve.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".png");
            synchronized (PLOT_LOCK) {
                try {
                    Plots.learningCurve(java.nio.file.Files.readAllLines(curve), png);
                } catch (Exception | LinkageError | java.awt.AWTError e) {
                    LOG.warn("could not draw the learning curve {}: {}", png, e.toString());
                }
            }
        }
        var d = trainer.data();
        if (!d.test().isEmpty()) {
            ErrorReport r = ErrorReport.of(new A2IForceField(trainer.bestModel()), d.test(), pool);
            LOG.info("{}", r.text("errors of the trained model on the " + d.test().size() + " test frames",
                    u.energy, u.energy + "/" + u.length).stripTrailing());
        }
    }

    private Trainer.Outcome runWithSignals(Trainer trainer) throws Exception {
        return StopOnSignal.run("a2imd-train-shutdown", trainer::requestStop, () -> trainer.run(resume));
    }

    /** A progress bar over all optimiser steps with the latest batch and validation losses. */
    private static final class Progress implements TrainingListener {
        private ProgressBar bar;
        private long first;
        private String epochText = "";

        @Override
        public void started(long step, long totalSteps) {
            first = step;
            bar = new ProgressBarBuilder().setTaskName("a2imd train").setInitialMax(totalSteps - step)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).setUnit(" steps", 1)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }

        @Override
        public void stepped(long step, double batchLoss) {
            bar.stepTo(step - first);
            bar.setExtraMessage(String.format(Locale.ROOT, "batch %.3g%s", batchLoss, epochText));
        }

        @Override
        public void epochDone(EpochRecord r) {
            epochText = String.format(Locale.ROOT, " | epoch %d val %.3g", r.epoch(), r.monitored());
        }

        @Override
        public void finished() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}

package org.a2imd.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.a2imd.core.InputException;
import org.a2imd.core.Rng;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.nnp.A2IForceField;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.LongRangeFeatures;
import org.a2imd.nnp.A2IModelFile;
import org.a2imd.nnp.PairPrior;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an A2I model: prepares its constants from the training frames, then runs Adam over shuffled
 * mini-batches for up to the given number of epochs, keeps the model with the lowest monitored loss
 * (validation if there is a validation set, else training), stops early after {@code patience} epochs
 * without improvement, and after every epoch writes a checkpoint (atomically) and the learning curve.
 *
 * <p>Reproducible bit for bit at a fixed thread count: the only randomness is the seeded weight
 * initialisation and the seeded shuffling, frames are summed in order, and every evaluation is
 * deterministic. A training resumed from a checkpoint restores every piece of state that the next
 * epoch reads, so it ends with exactly the model of an uninterrupted training.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /** How a training ended. */
    public enum Outcome { COMPLETED, EARLY_STOPPED, INTERRUPTED }

    /** Where results go; curve may be null. */
    public record Outputs(Path model, Path curve, Path checkpoint) {
    }

    private final Units units;
    private final List<String> species;
    private final ModelSettings modelSettings;
    private final LossWeights lossWeights;
    private final OptimizerSettings opt;
    private final Dataset.Split data;
    private final Outputs outputs;
    private final WorkerPool pool;
    private final java.util.Map<String, String> provenance = new java.util.LinkedHashMap<>();
    private TrainingListener listener = TrainingListener.NONE;
    private LongRangeFeatures.Factory longRange = LongRangeFeatures.LODE;
    private volatile boolean stopRequested;

    private A2IModel model;
    private A2IModel best;
    /** With "initial_model": the model training starts from instead of a prepared, initialised one. */
    private A2IModel initial;
    /** Short-range prior of a new model (fixed before training; the network learns the rest), or null. */
    private PairPrior prior;

    public Trainer(Units units, List<String> species, ModelSettings model, LossWeights loss, OptimizerSettings opt,
            Dataset.Split data, Outputs outputs, WorkerPool pool) {
        if (data.train().isEmpty()) {
            throw new IllegalArgumentException("no training frames");
        }
        this.units = units;
        this.species = List.copyOf(species);
        this.modelSettings = model;
        this.lossWeights = loss;
        this.opt = opt;
        this.data = data;
        this.outputs = outputs;
        this.pool = pool;
        if (model.lode() != null) {
            for (Dataset d : java.util.List.of(data.train(), data.validation(), data.test())) {
                for (TrainingFrame f : d.frames()) {
                    ModelPreparation.requirePeriodic(f);
                }
            }
        }
    }

    /**
     * Starts from {@code start} (weights and every constant: n0, radial scales, s_E, e0, long-range
     * normalisation) instead of preparing and initialising a new model: fine-tuning, e.g. with other loss
     * weights or data. Its architecture must be the one this trainer was built with.
     */
    public void continueFrom(A2IModel start) {
        if (!ModelSettings.of(start.architecture()).equals(modelSettings)
                || !start.species().equals(species) || start.units() != units) {
            throw new IllegalArgumentException("the initial model's architecture, species or units differ from "
                    + "the training setup");
        }
        this.initial = start.copy();
    }

    /**
     * Gives a new model this short-range prior: e0 and s_E are then fitted to the reference minus the prior
     * and the loss sees network + prior ({@link ModelPreparation}). A model continued from an initial one
     * keeps that model's prior instead.
     */
    public void setPrior(PairPrior prior) {
        this.prior = prior;
    }

    /** Where a long-range channel gets its features (default: LODE). */
    public void setLongRangeFeatures(LongRangeFeatures.Factory factory) {
        this.longRange = factory;
    }

    public void setListener(TrainingListener listener) {
        this.listener = listener == null ? TrainingListener.NONE : listener;
    }

    /** Free-form lines written into the model file (data files, ...); must not vary between runs. */
    public java.util.Map<String, String> provenance() {
        return provenance;
    }

    /** Asks the loop to stop after the current batch; the last epoch's checkpoint stays valid. */
    public void requestStop() {
        stopRequested = true;
    }

    /** The best model so far (after {@link #run}). */
    public A2IModel bestModel() {
        return best;
    }

    public Dataset.Split data() {
        return data;
    }

    long stepsPerEpoch() {
        return (data.train().size() + opt.batch() - 1) / opt.batch();
    }

    /** Setup summary that a checkpoint must match to be resumed. */
    String fingerprint() {
        String start = initial == null ? "new" : "from " + java.util.Arrays.hashCode(initial.weights());
        if (initial == null && prior != null) {
            start += " " + prior.describe();
        }
        return String.join("|", units.id, String.join(",", species), modelSettings.toString(), start,
                lossWeights.toString(),
                opt.toString(), Integer.toString(data.train().size()), Integer.toString(data.validation().size()),
                Long.toString(data.train().atoms()), Long.toString(data.validation().atoms()),
                Integer.toString(frameOrderHash(data.train())));
    }

    /** Which frames train, in order (a bootstrap resample changes it while keeping the counts). */
    private static int frameOrderHash(Dataset d) {
        int h = 1;
        for (TrainingFrame f : d.frames()) {
            h = 31 * h + (Path.of(f.file).getFileName() + ":" + f.line).hashCode(); // not the folder: moving it keeps resume
        }
        return h;
    }

    /**
     * True when the checkpoint exists, matches this setup and records a finished training (all epochs,
     * or stopped early): a resumed committee skips such a member.
     */
    public boolean checkpointComplete() {
        if (!java.nio.file.Files.isRegularFile(outputs.checkpoint()) || !java.nio.file.Files.isRegularFile(
                outputs.model())) {
            return false;
        }
        TrainingCheckpoint c = TrainingCheckpoint.read(outputs.checkpoint());
        return c.fingerprint.equals(fingerprint()) && (c.stopped || c.epochsDone >= opt.epochs());
    }

    public Outputs outputs() {
        return outputs;
    }

    /**
     * Trains (from scratch, or from the checkpoint when {@code resume}) and writes the best model (also when
     * interrupted: the best model so far).
     *
     * @throws IOException when an output cannot be written
     */
    public Outcome run(boolean resume) throws IOException {
        int np;
        Adam adam;
        Rng rng;
        LearningRate lr = schedule();
        List<String> curve = new ArrayList<>();
        int epoch;
        long step;
        double bestLoss;
        int bestEpoch;
        boolean stopped;
        if (resume) {
            TrainingCheckpoint c = TrainingCheckpoint.read(outputs.checkpoint());
            if (!c.fingerprint.equals(fingerprint())) {
                throw new InputException(outputs.checkpoint().toString(), 0, "the checkpoint was written by a "
                        + "different training setup (deck or data changed); start afresh without --resume");
            }
            model = c.model;
            best = c.best;
            np = model.parameterCount();
            adam = new Adam(np);
            System.arraycopy(c.adamM, 0, adam.firstMoment(), 0, np);
            System.arraycopy(c.adamV, 0, adam.secondMoment(), 0, np);
            adam.setSteps(c.adamSteps);
            rng = new Rng(0);
            rng.restoreState(c.rng);
            lr.restore(c.schedule);
            curve.addAll(c.curve);
            epoch = c.epochsDone;
            step = c.step;
            bestLoss = c.bestLoss;
            bestEpoch = c.bestEpoch;
            stopped = c.stopped;
            LOG.info("resuming from {} after epoch {} (best epoch {})", outputs.checkpoint(), epoch, bestEpoch);
        } else {
            String start;
            if (initial != null) {
                model = initial.copy();
                model.provenance().clear();
                start = "continuing from the initial model (its constants and weights)";
            } else {
                model = new A2IModel(modelSettings.architecture(species.size()), units, species, 1.0);
                model.setPrior(prior);
                start = "prepared from " + data.train().size() + " training frames: "
                        + ModelPreparation.prepare(model, data.train(), modelSettings.seed(), longRange, pool);
            }
            model.provenance().putAll(provenance);
            LOG.info("model {}", model.describe());
            LOG.info(start);
            best = model.copy();
            np = model.parameterCount();
            adam = new Adam(np);
            rng = new Rng(opt.seed());
            epoch = 0;
            step = 0;
            bestLoss = Double.POSITIVE_INFINITY;
            bestEpoch = 0;
            stopped = false;
        }
        A2IForceField field = new A2IForceField(model, null, longRange);
        LossEvaluator loss = new LossEvaluator(field, lossWeights, pool);
        double[] grad = new double[np];
        int n = data.train().size();
        int[] order = new int[n];
        Progress p = new Progress(adam, rng, lr, curve, epoch, step, bestLoss, bestEpoch, stopped);
        if (!resume) {
            // Epoch 0: the prepared, untrained model, so the curve starts where training starts.
            LossTerms trainTerms = new LossTerms();
            loss.evaluate(data.train(), trainTerms);
            endEpoch(p, loss, trainTerms.loss(lossWeights), trainTerms, 0);
        }
        Outcome outcome = p.stopped ? Outcome.EARLY_STOPPED : Outcome.COMPLETED;
        listener.started(p.step, (long) opt.epochs() * stepsPerEpoch());
        try {
            while (!p.stopped && p.epoch < opt.epochs()) {
                if (stopRequested) {
                    writeBest(p, true);
                    return Outcome.INTERRUPTED;
                }
                shuffle(order, rng);
                LossTerms trainTerms = new LossTerms();
                double lossSum = 0;
                double rate = 0;
                for (int from = 0; from < n; from += opt.batch()) {
                    int to = Math.min(n, from + opt.batch());
                    java.util.Arrays.fill(grad, 0.0);
                    double l = loss.batch(data.train(), order, from, to, grad, trainTerms);
                    if (!Double.isFinite(l)) {
                        throw new IllegalStateException("the training loss is not finite at step " + p.step
                                + "; lower the learning rate");
                    }
                    lossSum += l * (to - from);
                    rate = lr.at(p.step);
                    adam.step(model.weights(), grad, rate);
                    p.step++;
                    listener.stepped(p.step, l);
                    if (stopRequested) {
                        writeBest(p, true);
                        return Outcome.INTERRUPTED;
                    }
                }
                p.epoch++;
                endEpoch(p, loss, lossSum / n, trainTerms, rate);
                if (p.stopped) {
                    outcome = Outcome.EARLY_STOPPED;
                }
            }
        } finally {
            listener.finished();
        }
        writeBest(p, false);
        return outcome;
    }

    /**
     * Writes the best model so far to the output model file. An interrupted training writes it too (marked
     * as such in its provenance), so a run stopped at a deadline still leaves a usable model; --resume then
     * continues from the checkpoint of the last completed epoch and overwrites it at the end.
     */
    private void writeBest(Progress p, boolean interrupted) throws IOException {
        if (p.bestEpoch == 0 && Double.isInfinite(p.bestLoss)) {
            return; // interrupted before the first evaluation: nothing worth writing
        }
        A2IModel out = best.copy();
        out.provenance().put("best_epoch", Integer.toString(p.bestEpoch));
        out.provenance().put("best_monitored_loss", Double.toString(p.bestLoss));
        if (interrupted) {
            out.provenance().put("interrupted_after_epoch", Integer.toString(p.epoch));
        }
        AtomicFiles.write(outputs.model(), A2IModelFile.format(out));
        LOG.info("wrote the model of epoch {} (monitored loss {}) to {}{}", p.bestEpoch, p.bestLoss, outputs.model(),
                interrupted ? " (training interrupted after epoch " + p.epoch + ")" : "");
    }

    /** The mutable state of the loop that checkpoints carry. */
    private static final class Progress {
        final Adam adam;
        final Rng rng;
        final LearningRate lr;
        final List<String> curve;
        int epoch;
        long step;
        double bestLoss;
        int bestEpoch;
        boolean stopped;

        Progress(Adam adam, Rng rng, LearningRate lr, List<String> curve, int epoch, long step, double bestLoss,
                int bestEpoch, boolean stopped) {
            this.adam = adam;
            this.rng = rng;
            this.lr = lr;
            this.curve = curve;
            this.epoch = epoch;
            this.step = step;
            this.bestLoss = bestLoss;
            this.bestEpoch = bestEpoch;
            this.stopped = stopped;
        }
    }

    /** Validation, best model, early stopping, curve and checkpoint at the end of an epoch (0: before training). */
    private void endEpoch(Progress p, LossEvaluator loss, double trainLoss, LossTerms trainTerms, double rate)
            throws IOException {
        LossTerms valTerms = null;
        double valLoss = Double.NaN;
        if (!data.validation().isEmpty()) {
            valTerms = new LossTerms();
            loss.evaluate(data.validation(), valTerms);
            valLoss = valTerms.loss(lossWeights);
        }
        double monitored = valTerms != null ? valLoss : trainLoss;
        if (p.epoch > 0) {
            p.lr.endOfEpoch(monitored);
        }
        boolean improved = monitored < p.bestLoss;
        if (improved) {
            p.bestLoss = monitored;
            p.bestEpoch = p.epoch;
            best = model.copy();
        }
        EpochRecord rec = new EpochRecord(p.epoch, p.step, rate, trainLoss, trainTerms, valLoss, valTerms, improved);
        p.curve.add(rec.csv());
        if (opt.patience() > 0 && p.epoch - p.bestEpoch >= opt.patience()) {
            p.stopped = true;
            LOG.info("no improvement for {} epochs: stopping after epoch {}", opt.patience(), p.epoch);
        }
        log(rec);
        TrainingCheckpoint c = new TrainingCheckpoint();
        c.fingerprint = fingerprint();
        c.epochsDone = p.epoch;
        c.step = p.step;
        c.stopped = p.stopped;
        c.model = model;
        c.best = best;
        c.bestLoss = p.bestLoss;
        c.bestEpoch = p.bestEpoch;
        c.adamM = p.adam.firstMoment();
        c.adamV = p.adam.secondMoment();
        c.adamSteps = p.adam.steps();
        c.rng = p.rng.saveState();
        c.schedule = p.lr.state();
        c.curve = p.curve;
        writeCurve(p.curve);
        c.write(outputs.checkpoint());
        listener.epochDone(rec);
    }

    private LearningRate schedule() {
        long spe = stepsPerEpoch();
        return new LearningRate(opt.schedule(), opt.lr(), opt.minLr(), opt.warmupEpochs() * spe, opt.epochs() * spe,
                opt.factor(), opt.decayPatience());
    }

    private static void shuffle(int[] order, Rng rng) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private void writeCurve(List<String> curve) throws IOException {
        if (outputs.curve() == null) {
            return;
        }
        StringBuilder sb = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
        for (String line : curve) {
            sb.append(line).append('\n');
        }
        AtomicFiles.write(outputs.curve(), sb.toString());
    }

    private void log(EpochRecord r) {
        LossTerms v = r.validation();
        boolean vir = lossWeights.virial() > 0;
        LOG.info(String.format(Locale.ROOT, "epoch %4d  lr %.3g  train loss %.4g (%s)%s%s", r.epoch(),
                r.lr(), r.trainLoss(), rmses(r.train(), vir),
                v == null ? "" : String.format(Locale.ROOT, "  val loss %.4g (%s)", r.valLoss(), rmses(v, vir)),
                r.best() ? "  *" : ""));
    }

    /** "E/N e, F f" and, when the virial is trained, ", W/N w". */
    private static String rmses(LossTerms t, boolean virial) {
        return String.format(Locale.ROOT, "E/N %.3g, F %.3g", t.energyRmse(), t.forceRmse())
                + (virial ? String.format(Locale.ROOT, ", W/N %.3g", t.virialRmse()) : "");
    }
}

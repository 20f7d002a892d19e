package org.a2imd.learn;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.a2imd.core.WorkerPool;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzReader;
import org.a2imd.io.ExtXyzWriter;
import org.a2imd.nnp.A2IForceField;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.A2IModelFile;
import org.a2imd.train.AtomicFiles;
import org.a2imd.train.DataReader;
import org.a2imd.train.Dataset;
import org.a2imd.train.ErrorReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DP-GEN's loop in one program: per iteration, train a committee on the data so far, explore every state
 * point with MD on it, count the frames whose largest force deviation is below lo (accurate), in [lo, hi)
 * (candidates) and above (failed), select up to K candidates spread over the runs, label them with the
 * reference, and add them to the data. Ends when every state point has the target fraction of accurate frames,
 * or after the given number of iterations.
 *
 * <p>Each stage is an a2imd command on decks and files in the learn folder ({@link LearnFolder}), marked done
 * when complete. Resuming skips finished stages, continues an interrupted training from its checkpoint and
 * redoes any other unfinished stage from its start; every stage is deterministic at a fixed thread count, so a
 * resumed loop leaves the same files as one that was never interrupted.
 */
public final class LearnLoop {
    private static final Logger LOG = LoggerFactory.getLogger(LearnLoop.class);

    /** How the loop ended. */
    public enum Outcome { CONVERGED, ITERATIONS_DONE, NO_CANDIDATES, INTERRUPTED }

    private final LearnPlan plan;
    private final LearnFolder folder;
    private final StageCommands commands;
    private volatile boolean stopRequested;

    public LearnLoop(LearnPlan plan, StageCommands commands) {
        this.plan = plan;
        this.folder = new LearnFolder(plan.folder());
        this.commands = commands;
    }

    public LearnFolder folder() {
        return folder;
    }

    /** Fails fast, before any training, on an explore deck that names its own potential or other units. */
    public void checkExploreDecks() {
        List<Path> placeholder = folder.members(0, plan.members());
        for (LearnPlan.ExplorePoint p : plan.explore()) {
            StageDecks.explore(plan, p, placeholder);
            StageDecks.runSteps(p);
        }
    }

    /** Asks the loop to stop before its next stage (a running stage command stops on the signal itself). */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Runs (or with {@code resume} continues) the loop.
     *
     * @throws LearnFailure when a stage fails; the stages done before it are kept
     */
    public Outcome run(boolean resume) throws IOException, InterruptedException {
        if (!resume && Files.isDirectory(folder.root()) && Files.exists(folder.iteration(0))) {
            throw new LearnFailure(2, "the learn folder " + folder.root() + " holds a previous loop: continue it "
                    + "with --resume, or name another folder in the learn command");
        }
        Files.createDirectories(folder.root());
        for (int i = 0; i < plan.iterations(); i++) {
            if (stopped()) {
                return Outcome.INTERRUPTED;
            }
            train(i);
            if (stopped()) {
                return Outcome.INTERRUPTED;
            }
            List<DeviationLog.Counts> counts = explore(i);
            LearnReport.write(folder, i);
            boolean converged = true;
            for (int s = 0; s < counts.size(); s++) {
                DeviationLog.Counts c = counts.get(s);
                LOG.info(String.format(Locale.ROOT, "iteration %d %s: %d frames, accurate %.3f, candidates %.3f, failed %.3f",
                        i, plan.explore().get(s).name(), c.total(), c.fraction(c.accurate()),
                        c.fraction(c.candidate()), c.fraction(c.failed())));
                converged &= c.total() > 0 && c.fraction(c.accurate()) >= plan.accurateTarget();
            }
            if (converged) {
                LOG.info("converged in iteration {}: every state point has at least {} accurate frames; the committee "
                        + "is {}", i, plan.accurateTarget(), folder.stage(i, LearnFolder.Stage.TRAIN));
                return Outcome.CONVERGED;
            }
            if (i == plan.iterations() - 1) {
                LOG.info("stopped after {} iterations without reaching the accurate fraction {}; the last committee is "
                        + "{}", plan.iterations(), plan.accurateTarget(), folder.stage(i, LearnFolder.Stage.TRAIN));
                return Outcome.ITERATIONS_DONE;
            }
            if (stopped()) {
                return Outcome.INTERRUPTED;
            }
            int selected = select(i);
            if (selected == 0) {
                LOG.warn("iteration {}: no frame has a deviation in [{}, {}): nothing to label, so the next committee "
                        + "would be the same; widen the selection window", i, plan.lo(), plan.hi());
                return Outcome.NO_CANDIDATES;
            }
            if (stopped()) {
                return Outcome.INTERRUPTED;
            }
            label(i);
        }
        return Outcome.ITERATIONS_DONE;
    }

    private boolean stopped() {
        return stopRequested || Thread.currentThread().isInterrupted();
    }

    // ---- train ---------------------------------------------------------------------------------------

    private void train(int i) throws IOException {
        Path dir = folder.stage(i, LearnFolder.Stage.TRAIN);
        if (folder.done(dir)) {
            return;
        }
        Files.createDirectories(dir);
        if (i == 0 && !plan.startCommittee().isEmpty()) {
            // The deck's start_committee is the committee of iteration 0, copied so the folder holds everything.
            StringBuilder from = new StringBuilder();
            for (int m = 1; m <= plan.members(); m++) {
                Path src = plan.startCommittee().get(m - 1);
                A2IModelFile.read(src); // a damaged or foreign file fails here, naming itself
                Files.copy(src, folder.member(0, m), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                from.append("member ").append(m).append(": ").append(src.toAbsolutePath()).append('\n');
            }
            AtomicFiles.write(dir.resolve("start_committee.txt"), from.toString());
            AtomicFiles.write(dir.resolve("errors.csv"), heldOutErrors(0));
            folder.markDone(dir, "start committee of " + plan.members() + " members");
            return;
        }
        List<Path> labelled = new ArrayList<>();
        for (int j = 0; j < i; j++) {
            if (Files.isRegularFile(folder.labelled(j))) {
                labelled.add(folder.labelled(j));
            }
        }
        List<Path> previous = plan.finetune() && i > 0 ? folder.members(i - 1, plan.members()) : List.of();
        Path deck = dir.resolve("train.in");
        AtomicFiles.write(deck, StageDecks.training(plan, i, labelled, previous));
        List<String> args = new ArrayList<>(List.of("train", deck.toString(), "--threads",
                Integer.toString(plan.threads())));
        if (hasCheckpoint(dir)) {
            args.add("--resume");
        }
        LOG.info("iteration {}: training a committee of {} on {} labelled file(s) ({})", i, plan.members(),
                labelled.size() + plan.dataLines().size(), deck);
        int status = commands.execute(args.toArray(String[]::new));
        check(status, "training of iteration " + i + " (" + deck + ")");
        for (Path m : folder.members(i, plan.members())) {
            if (!Files.isRegularFile(m)) {
                throw new LearnFailure(1, "training of iteration " + i + " ended without writing " + m);
            }
        }
        AtomicFiles.write(dir.resolve("errors.csv"), heldOutErrors(i));
        folder.markDone(dir, "trained " + plan.members() + " members");
    }

    private static boolean hasCheckpoint(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".chk"));
        }
    }

    /** Each member's energy and force errors on every test file, with their ratios to the data's spread. */
    private String heldOutErrors(int i) throws IOException {
        StringBuilder sb = new StringBuilder(LearnReport.ERRORS_HEADER).append('\n');
        if (plan.testFiles().isEmpty()) {
            return sb.toString();
        }
        List<List<DataReader.Raw>> tests = new ArrayList<>();
        for (Path test : plan.testFiles()) {
            tests.add(DataReader.read(test));
        }
        try (WorkerPool pool = new WorkerPool(plan.threads())) {
            for (int m = 1; m <= plan.members(); m++) {
                A2IModel model = A2IModelFile.read(folder.member(i, m));
                for (int t = 0; t < tests.size(); t++) {
                    Path test = plan.testFiles().get(t);
                    Dataset data = new Dataset(DataReader.convert(tests.get(t), model.species(), model.cutoff(),
                            model.units(), false, false, false, pool));
                    ErrorReport r = ErrorReport.of(new A2IForceField(model), data, pool);
                    sb.append(String.format(Locale.ROOT, "%d,%d,%s,%d,%s,%s,%s,%s%n", i, m, test, r.frames(),
                            num(r.energy() == null ? Double.NaN : r.energy().rmse()),
                            num(r.energy() == null ? Double.NaN : r.energy().rmseRatio()),
                            num(r.forces() == null ? Double.NaN : r.forces().rmse()),
                            num(r.forces() == null ? Double.NaN : r.forces().rmseRatio())));
                }
            }
        }
        return sb.toString();
    }

    // ---- explore -------------------------------------------------------------------------------------

    private List<DeviationLog.Counts> explore(int i) throws IOException {
        Path dir = folder.stage(i, LearnFolder.Stage.EXPLORE);
        List<Path> committee = folder.members(i, plan.members());
        List<DeviationLog.Counts> counts = new ArrayList<>();
        StringBuilder csv = new StringBuilder(LearnReport.COUNTS_HEADER).append('\n');
        for (LearnPlan.ExplorePoint p : plan.explore()) {
            Path d = folder.explore(i, p.name());
            String runEnd;
            if (!folder.done(d)) {
                if (stopped()) {
                    throw new LearnFailure(130, "interrupted before exploring " + p.name() + " in iteration " + i
                            + "; continue with --resume");
                }
                LearnFolder.clear(d);
                Files.createDirectories(d);
                Path deck = d.resolve("run.in");
                AtomicFiles.write(deck, StageDecks.explore(plan, p, committee));
                LOG.info("iteration {}: exploring {} ({})", i, p.name(), deck);
                int status = commands.execute("run", deck.toString(), "--threads", Integer.toString(plan.threads()));
                if (status == 3) {
                    runEnd = "stopped"; // blew up or the deviation passed the explore line's stop: counted, not fatal
                    LOG.warn("iteration {}: the run of {} stopped early (see the message above); frames it did not "
                            + "reach count as failed", i, p.name());
                } else {
                    check(status, "exploration of " + p.name() + " in iteration " + i + " (" + deck + ")");
                    runEnd = "completed";
                }
                folder.markDone(d, runEnd);
            } else {
                runEnd = Files.readString(d.resolve("DONE")).strip();
            }
            Path devi = d.resolve(StageDecks.DEVIATION);
            DeviationLog log = Files.isRegularFile(devi) ? DeviationLog.read(devi) : null;
            int recorded = log == null ? 0 : log.frames();
            long missing = 0;
            if (runEnd.equals("stopped")) {
                long expected = StageDecks.runSteps(p) / p.every() + 1;
                missing = Math.max(0, expected - recorded);
            }
            DeviationLog.Counts c = log == null ? new DeviationLog.Counts(0, 0, missing)
                    : log.counts(plan.lo(), plan.hi(), missing);
            counts.add(c);
            csv.append(LearnReport.countsRow(i, p.name(), c, runEnd)).append('\n');
        }
        AtomicFiles.write(dir.resolve("counts.csv"), csv.toString());
        folder.markDone(dir, "explored " + plan.explore().size() + " state points");
        return counts;
    }

    // ---- select --------------------------------------------------------------------------------------

    private int select(int i) throws IOException {
        Path dir = folder.stage(i, LearnFolder.Stage.SELECT);
        Path out = dir.resolve(StageDecks.CANDIDATES);
        if (folder.done(dir)) {
            return Integer.parseInt(Files.readString(dir.resolve("DONE")).strip().split("\\s+")[1]);
        }
        LearnFolder.clear(dir);
        Files.createDirectories(dir);
        List<List<ExtXyzFrame>> perPoint = new ArrayList<>();
        int[] available = new int[plan.explore().size()];
        for (int s = 0; s < available.length; s++) {
            Path f = folder.explore(i, plan.explore().get(s).name()).resolve(StageDecks.CANDIDATES);
            List<ExtXyzFrame> frames = Files.isRegularFile(f) ? ExtXyzReader.readAll(f) : List.of();
            perPoint.add(frames);
            available[s] = frames.size();
        }
        int[] quota = CandidateSelection.quota(available, plan.maxSelect());
        StringWriter text = new StringWriter();
        ExtXyzWriter writer = new ExtXyzWriter(text);
        StringBuilder table = new StringBuilder("# state_point candidates_index step max_devi_f\n");
        int n = 0;
        for (int s = 0; s < available.length; s++) {
            String name = plan.explore().get(s).name();
            for (int k : CandidateSelection.spread(available[s], quota[s])) {
                ExtXyzFrame src = perPoint.get(s).get(k);
                ExtXyzFrame f = new ExtXyzFrame(src.box, src.species, src.pos);
                f.pbc = src.pbc;
                f.info.put("explore", name);
                f.info.put("iteration", Integer.toString(i));
                for (String key : List.of("step", "max_devi_f")) {
                    if (src.info.containsKey(key)) {
                        f.info.put(key, src.info.get(key));
                    }
                }
                writer.write(f);
                table.append(name).append(' ').append(k).append(' ').append(src.info.getOrDefault("step", "?"))
                        .append(' ').append(src.info.getOrDefault("max_devi_f", "?")).append('\n');
                n++;
            }
        }
        AtomicFiles.write(out, text.toString());
        AtomicFiles.write(dir.resolve("selection.txt"), table.toString());
        LOG.info("iteration {}: selected {} of {} candidates", i, n, java.util.Arrays.stream(available).sum());
        folder.markDone(dir, "selected " + n);
        return n;
    }

    // ---- label ---------------------------------------------------------------------------------------

    private void label(int i) throws IOException, InterruptedException {
        Path dir = folder.stage(i, LearnFolder.Stage.LABEL);
        if (folder.done(dir)) {
            return;
        }
        LearnFolder.clear(dir);
        Files.createDirectories(dir);
        Path in = folder.stage(i, LearnFolder.Stage.SELECT).resolve(StageDecks.CANDIDATES);
        Path out = dir.resolve("labelled.extxyz");
        if (plan.labelCommand() == null) {
            Path deck = dir.resolve("label.in");
            AtomicFiles.write(deck, StageDecks.reference(plan));
            int status = commands.execute("eval", deck.toString(), in.toString(), out.toString(), "--threads",
                    Integer.toString(plan.threads()));
            check(status, "labelling of iteration " + i + " (" + deck + ")");
        } else {
            LOG.info("iteration {}: labelling with: {}", i, plan.labelCommand());
            ExternalLabeler.label(plan.labelCommand(), in, out, dir);
        }
        int expected = ExtXyzReader.readAll(in).size();
        List<ExtXyzFrame> frames;
        try {
            frames = Files.isRegularFile(out) ? ExtXyzReader.readAll(out) : List.of();
        } catch (RuntimeException e) {
            throw new LearnFailure(2, "the labelled frames " + out + " cannot be read: " + e.getMessage());
        }
        if (frames.size() != expected) {
            throw new LearnFailure(2, "labelling of iteration " + i + " gave " + frames.size() + " frames in " + out
                    + ", expected " + expected + " (one per candidate); the data set is unchanged");
        }
        for (int k = 0; k < frames.size(); k++) {
            if (frames.get(k).energy() == null || frames.get(k).forces == null) {
                throw new LearnFailure(2, "labelled frame " + (k + 1) + " of " + out + " has no energy or no forces; "
                        + "the data set is unchanged");
            }
        }
        AtomicFiles.write(folder.labelled(i), Files.readAllBytes(out));
        LOG.info("iteration {}: labelled {} frames into {}", i, frames.size(), folder.labelled(i));
        folder.markDone(dir, "labelled " + frames.size());
    }

    private static void check(int status, String what) {
        if (status == 130 || status == 143) {
            throw new LearnFailure(status, "interrupted during " + what + "; continue with --resume");
        }
        if (status != 0) {
            throw new LearnFailure(status, what + " failed with exit status " + status + " (see its message above); "
                    + "the stages before it are kept: continue with --resume once it is fixed");
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}

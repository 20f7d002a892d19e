package org.a2imd.learn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.a2imd.train.AtomicFiles;

/**
 * The layout of a learn folder. Every stage of every iteration has its own folder with its deck, its outputs
 * and, written last, a DONE marker; a stage without its marker is redone from the start (its decks are
 * seeded, so redoing it gives the same files) or, for training, continued from its checkpoint.
 *
 * <pre>
 * FOLDER/data/init-K.extxyz      the initial labelled frames are the deck's data files; labelled frames:
 * FOLDER/data/iter-NNN.extxyz    frames labelled in iteration NNN (the data set grows by one file per iteration)
 * FOLDER/iter-NNN/train/         train.in, model.mK.model (the committee), curves, checkpoints
 * FOLDER/iter-NNN/explore/NAME/  run.in, devi.txt (model deviation), candidates.extxyz, thermo
 * FOLDER/iter-NNN/select/        candidates.extxyz (the frames to label), selection.txt
 * FOLDER/iter-NNN/label/         label.in or label.log, labelled.extxyz
 * FOLDER/report.csv, errors.csv, report.png   per-iteration figures
 * </pre>
 */
public final class LearnFolder {
    /** Stages of one iteration, in order. */
    public enum Stage { TRAIN, EXPLORE, SELECT, LABEL;

        String dir() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Path root;

    public LearnFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path iteration(int i) {
        return root.resolve(String.format(Locale.ROOT, "iter-%03d", i));
    }

    public Path stage(int i, Stage s) {
        return iteration(i).resolve(s.dir());
    }

    public Path explore(int i, String name) {
        return stage(i, Stage.EXPLORE).resolve(name);
    }

    /** The labelled frames of iteration i, once its label stage is done. */
    public Path labelled(int i) {
        return root.resolve("data").resolve(String.format(Locale.ROOT, "iter-%03d.extxyz", i));
    }

    /** Member m (1-based) of the committee trained in iteration i. */
    public Path member(int i, int m) {
        return stage(i, Stage.TRAIN).resolve("model.m" + m + ".model");
    }

    public List<Path> members(int i, int k) {
        List<Path> out = new ArrayList<>();
        for (int m = 1; m <= k; m++) {
            out.add(member(i, m));
        }
        return out;
    }

    public Path report() {
        return root.resolve("report.csv");
    }

    public Path errors() {
        return root.resolve("errors.csv");
    }

    public Path plot() {
        return root.resolve("report.png");
    }

    public boolean done(Path stageDir) {
        return Files.isRegularFile(stageDir.resolve("DONE"));
    }

    public void markDone(Path stageDir, String summary) throws IOException {
        AtomicFiles.write(stageDir.resolve("DONE"), summary.endsWith("\n") ? summary : summary + "\n");
    }

    /** Removes what an interrupted stage left, so it starts clean. */
    public static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            List<Path> all = walk.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.delete(p);
            }
        }
    }
}

package org.a2imd.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.a2imd.core.Rng;

/** An ordered set of training frames with the statistics that training and reports need. */
public final class Dataset {
    private final List<TrainingFrame> frames;

    public Dataset(List<TrainingFrame> frames) {
        this.frames = Collections.unmodifiableList(new ArrayList<>(frames));
    }

    public static Dataset empty() {
        return new Dataset(List.of());
    }

    public int size() {
        return frames.size();
    }

    public boolean isEmpty() {
        return frames.isEmpty();
    }

    public TrainingFrame get(int i) {
        return frames.get(i);
    }

    public List<TrainingFrame> frames() {
        return frames;
    }

    /** Total number of atoms. */
    public long atoms() {
        long n = 0;
        for (TrainingFrame f : frames) {
            n += f.atoms;
        }
        return n;
    }

    /** Mean number of neighbours within the cutoff per atom (the model's n0). */
    public double meanNeighbours() {
        long pairs = 0;
        for (TrainingFrame f : frames) {
            pairs += f.neighbourCount();
        }
        long n = atoms();
        return n == 0 ? 0 : (double) pairs / n;
    }

    /** The concatenation of several sets. */
    public static Dataset concat(List<Dataset> sets) {
        List<TrainingFrame> all = new ArrayList<>();
        for (Dataset d : sets) {
            all.addAll(d.frames);
        }
        return new Dataset(all);
    }

    /** Train, validation and test parts. */
    public record Split(Dataset train, Dataset validation, Dataset test) {
    }

    /**
     * A seeded random split: the frames are shuffled (Fisher-Yates with {@link Rng}), the first
     * round(test * n) go to the test set, the next round(validation * n) to validation, the rest to
     * training (each part asked for gets at least one frame). Keeps file order within each part.
     */
    public Split split(double validation, double test, long seed) {
        int n = frames.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Rng rng = new Rng(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int nTest = count(test, n);
        int nVal = count(validation, n);
        boolean[] inTest = new boolean[n];
        boolean[] inVal = new boolean[n];
        for (int k = 0; k < nTest && k < n; k++) {
            inTest[order[k]] = true;
        }
        for (int k = nTest; k < nTest + nVal && k < n; k++) {
            inVal[order[k]] = true;
        }
        List<TrainingFrame> tr = new ArrayList<>();
        List<TrainingFrame> va = new ArrayList<>();
        List<TrainingFrame> te = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (inTest[i] ? te : inVal[i] ? va : tr).add(frames.get(i));
        }
        return new Split(new Dataset(tr), new Dataset(va), new Dataset(te));
    }

    private static int count(double fraction, int n) {
        if (!(fraction > 0)) {
            return 0;
        }
        return Math.max(1, (int) Math.round(fraction * n));
    }
}

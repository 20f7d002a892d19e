package org.a2imd.learn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.a2imd.core.InputException;

/**
 * The model-deviation file of an explore run (columns named in a '#' header line; the loop reads "step" and
 * "devi_f_max") and the counts DP-GEN reports from it: frames below lo are accurate, in [lo, hi) candidates,
 * at or above hi failed.
 */
final class DeviationLog {
    /** Accurate, candidate and failed frame counts of one state point. */
    record Counts(long accurate, long candidate, long failed) {
        long total() {
            return accurate + candidate + failed;
        }

        double fraction(long n) {
            return total() == 0 ? 0 : (double) n / total();
        }
    }

    private final long[] steps;
    private final double[] maxDeviation;

    private DeviationLog(long[] steps, double[] maxDeviation) {
        this.steps = steps;
        this.maxDeviation = maxDeviation;
    }

    static DeviationLog read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int stepCol = -1;
        int devCol = -1;
        List<Long> steps = new ArrayList<>();
        List<Double> devs = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                List<String> names = List.of(line.substring(1).strip().split("\\s+"));
                stepCol = names.indexOf("step");
                devCol = names.indexOf("devi_f_max");
                continue;
            }
            if (stepCol < 0 || devCol < 0) {
                throw new InputException(file.toString(), k + 1, "expected a '#' header naming the columns step and "
                        + "devi_f_max before the numbers");
            }
            String[] f = line.split("\\s+");
            try {
                long step = Long.parseLong(f[stepCol]);
                double dev = Double.parseDouble(f[devCol]);
                steps.add(step);
                devs.add(dev);
            } catch (RuntimeException e) {
                throw new InputException(file.toString(), k + 1, "expected numbers in the step and devi_f_max columns");
            }
        }
        return new DeviationLog(steps.stream().mapToLong(Long::longValue).toArray(),
                devs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    int frames() {
        return steps.length;
    }

    long lastStep() {
        return steps.length == 0 ? -1 : steps[steps.length - 1];
    }

    /**
     * Counts over the recorded frames; {@code missing} frames that a stopped run never reached count as
     * failed (the committee could not get there).
     */
    Counts counts(double lo, double hi, long missing) {
        long a = 0;
        long c = 0;
        long f = missing;
        for (double d : maxDeviation) {
            if (d < lo) {
                a++;
            } else if (d < hi) {
                c++;
            } else {
                f++; // NaN too: a frame whose deviation is not a number is no accurate frame
            }
        }
        return new Counts(a, c, f);
    }
}

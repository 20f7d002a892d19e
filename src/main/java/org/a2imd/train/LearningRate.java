package org.a2imd.train;

/**
 * Learning-rate schedule: an optional linear warm-up over the first steps, then constant, cosine decay
 * to a floor over the remaining steps, or reduce-on-plateau (multiply by a factor when the monitored
 * loss has not improved for some epochs, never below the floor). The plateau state is exposed for
 * checkpoints.
 */
public final class LearningRate {
    public enum Kind {
        CONSTANT("constant"), COSINE("cosine"), PLATEAU("plateau");

        public final String id;

        Kind(String id) {
            this.id = id;
        }

        public static Kind byId(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown schedule " + id);
        }
    }

    /** Relative improvement a plateau schedule counts as progress. */
    static final double PLATEAU_THRESHOLD = 1e-4;

    private final Kind kind;
    private final double base;
    private final double floor;
    private final long warmupSteps;
    private final long totalSteps;
    private final double factor;
    private final int decayPatience;

    private double current;
    private double plateauBest = Double.POSITIVE_INFINITY;
    private int badEpochs;

    public LearningRate(Kind kind, double base, double floor, long warmupSteps, long totalSteps, double factor,
            int decayPatience) {
        this.kind = kind;
        this.base = base;
        this.floor = Math.min(floor, base);
        this.warmupSteps = warmupSteps;
        this.totalSteps = Math.max(totalSteps, 1);
        this.factor = factor;
        this.decayPatience = decayPatience;
        this.current = base;
    }

    /** The rate of optimiser step {@code step} (0-based). */
    public double at(long step) {
        double lr = switch (kind) {
            case CONSTANT -> base;
            case PLATEAU -> current;
            case COSINE -> {
                long span = Math.max(1, totalSteps - warmupSteps);
                double p = Math.min(1.0, Math.max(0.0, (double) (step - warmupSteps) / span));
                yield floor + (base - floor) * 0.5 * (1 + Math.cos(Math.PI * p));
            }
        };
        if (step < warmupSteps) {
            lr *= (double) (step + 1) / warmupSteps;
        }
        return lr;
    }

    /** Told the monitored loss at the end of each epoch (only the plateau schedule listens). */
    public void endOfEpoch(double loss) {
        if (kind != Kind.PLATEAU) {
            return;
        }
        if (loss < plateauBest * (1 - PLATEAU_THRESHOLD)) {
            plateauBest = loss;
            badEpochs = 0;
        } else if (++badEpochs > decayPatience) {
            current = Math.max(floor, current * factor);
            badEpochs = 0;
        }
    }

    public Kind kind() {
        return kind;
    }

    double[] state() {
        return new double[] {current, plateauBest, badEpochs};
    }

    void restore(double[] s) {
        current = s[0];
        plateauBest = s[1];
        badEpochs = (int) s[2];
    }
}

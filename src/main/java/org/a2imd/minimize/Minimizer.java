package org.a2imd.minimize;

/** A local minimiser of an {@link Objective}. */
public interface Minimizer {
    /**
     * Minimises from the objective's current coordinates. On return the objective has last been
     * evaluated at the final point (so its side effects, e.g. atom positions and forces, match it).
     */
    Outcome minimize(Objective objective, MinimizeSettings settings);

    /**
     * How a minimisation ended.
     *
     * @param stop why it stopped
     * @param iterations iterations done (line searches for CG, MD steps for FIRE)
     * @param evaluations objective evaluations (force calls)
     * @param value final objective value
     * @param forceMeasure final {@link Objective#forceMeasure}
     */
    record Outcome(MinimizeSettings.Stop stop, int iterations, int evaluations, double value, double forceMeasure) {
    }

    /** The minimiser of a style. */
    static Minimizer of(MinimizeSettings.Style style) {
        return switch (style) {
            case FIRE -> new Fire();
            case CG -> new ConjugateGradient();
        };
    }
}

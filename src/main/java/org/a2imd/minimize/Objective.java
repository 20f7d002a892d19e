package org.a2imd.minimize;

/**
 * A smooth function of a flat coordinate vector, as the minimisers see it: value and force (the
 * negative gradient) at a point. Implementations may keep side effects (the atoms follow x).
 */
public interface Objective {
    /** Number of coordinates. */
    int dimension();

    /** The current coordinates, written into x. */
    void coordinates(double[] x);

    /** Moves to x; returns the value there and writes the force -grad into force. */
    double evaluate(double[] x, double[] force);

    /**
     * The size of a force vector that the force tolerance is compared with (e.g. the largest per-atom
     * force length); must be zero exactly at a stationary point.
     */
    double forceMeasure(double[] force);

    /**
     * The largest displacement of a single particle for the step x -> x + alpha d, per unit alpha;
     * minimisers cap their steps with it so no atom jumps by more than dmax.
     */
    double largestDisplacement(double[] d);
}

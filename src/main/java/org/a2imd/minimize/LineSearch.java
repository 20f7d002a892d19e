package org.a2imd.minimize;

/**
 * A line search for the strong Wolfe conditions (Nocedal and Wright, Numerical Optimization, algorithms
 * 3.5 and 3.6) that stays reliable below the round-off floor of the energy. Near a tight minimum the
 * energy changes of a step (~ f^2 / k) vanish in the round-off of a total energy of thousands of eV,
 * while the directional derivative -f.d is still accurate; so energy comparisons allow a noise margin
 * and the interval is narrowed by secant steps on the derivative, which LAMMPS's "quadratic" line
 * search also relies on.
 */
final class LineSearch {
    /** Sufficient decrease (Armijo) constant. */
    static final double C1 = 1e-4;
    /** Curvature constant; 0.1 makes conjugate-gradient directions well behaved. */
    static final double C2 = 0.1;
    /** Relative round-off margin on energy comparisons. */
    static final double NOISE = 1e-13;
    static final int MAX_TRIALS = 40;

    private final double[] trial;
    /** Objective value at the accepted step. */
    double value;
    /** Evaluations used by the last search. */
    int evaluations;

    LineSearch(int n) {
        trial = new double[n];
    }

    /**
     * Searches along d from x0 (value e0, slope0 = grad . d &lt; 0). Returns the accepted step, with the
     * objective evaluated there and its force in f and the point in x; or 0 when no step lowers the
     * objective (x and f then hold the start again).
     */
    double search(Objective obj, double[] x0, double[] d, double e0, double slope0, double alpha0,
            double alphaMax, double[] x, double[] f) {
        evaluations = 0;
        double noise = NOISE * Math.abs(e0) + Double.MIN_NORMAL;
        double curvature = C2 * Math.abs(slope0);
        double lo = 0;
        double eLo = e0;
        double sLo = slope0;
        double hi = Double.NaN;
        double eHi = Double.NaN;
        double sHi = Double.NaN;
        double alpha = Math.min(alpha0, alphaMax);
        boolean zoom = false;
        for (int k = 0; k < MAX_TRIALS; k++) {
            double e = evaluateAt(obj, x0, d, alpha, x, f);
            double slope = -Vectors.dot(f, d);
            boolean decreased = e <= e0 + C1 * alpha * slope0 + noise && e <= eLo + noise;
            if (!decreased) {
                hi = alpha;
                eHi = e;
                sHi = slope;
                zoom = true;
            } else if (Math.abs(slope) <= curvature) {
                value = e;
                return alpha;
            } else if (!zoom && slope < 0) {
                // Still going down: a cap means stop here; otherwise extrapolate (secant on the slope).
                if (alpha >= alphaMax) {
                    value = e;
                    return alpha;
                }
                double next = slope > sLo ? alpha - slope * (alpha - lo) / (slope - sLo) : 4 * alpha;
                lo = alpha;
                eLo = e;
                sLo = slope;
                alpha = Math.min(alphaMax, Math.max(1.5 * alpha, Math.min(next, 4 * alpha)));
                continue;
            } else {
                // Either the first point beyond the minimum, or a point inside [lo, hi] during the zoom.
                if (!zoom || slope * (hi - lo) >= 0) {
                    hi = lo;
                    eHi = eLo;
                    sHi = sLo;
                }
                lo = alpha;
                eLo = e;
                sLo = slope;
                zoom = true;
            }
            double width = hi - lo;
            if (Math.abs(width) <= 1e-14 * Math.max(Math.abs(lo), Math.abs(hi))) {
                break;
            }
            alpha = interpolate(lo, eLo, sLo, hi, eHi, sHi);
            double a = Math.min(lo, hi);
            double b = Math.max(lo, hi);
            double margin = 0.1 * (b - a);
            if (!(alpha >= a + margin && alpha <= b - margin)) {
                alpha = 0.5 * (lo + hi);
            }
        }
        if (lo > 0) {
            value = evaluateAt(obj, x0, d, lo, x, f);
            return lo;
        }
        value = evaluateAt(obj, x0, d, 0, x, f);
        return 0;
    }

    /**
     * The trial step: the zero of the slope by secant when the slopes have opposite signs, otherwise
     * the minimum of the quadratic through the values at lo and hi and the slope at lo.
     */
    private static double interpolate(double lo, double eLo, double sLo, double hi, double eHi, double sHi) {
        if (sLo * sHi < 0) {
            return lo - sLo * (hi - lo) / (sHi - sLo);
        }
        double w = hi - lo;
        double denom = 2 * (eHi - eLo - sLo * w);
        return denom > 0 ? lo - sLo * w * w / denom : Double.NaN;
    }

    private double evaluateAt(Objective obj, double[] x0, double[] d, double alpha, double[] x, double[] f) {
        Vectors.step(x0, alpha, d, trial);
        System.arraycopy(trial, 0, x, 0, x.length);
        evaluations++;
        return obj.evaluate(x, f);
    }
}

package org.a2imd.minimize;

/**
 * Nonlinear conjugate gradients, Polak-Ribiere with the "+" restart (beta = max(0, beta_PR)), as
 * LAMMPS's min_style cg, with a strong-Wolfe {@link LineSearch}. Chosen over L-BFGS for parity with
 * LAMMPS (same algorithm, comparable iteration counts in a user's eyes) and O(3N) memory with no
 * history; on the well-conditioned crystals it is used for (relaxations, elastic constants) it converges
 * to force tolerances of 1e-10 in tens of iterations.
 */
final class ConjugateGradient implements Minimizer {
    @Override
    public Outcome minimize(Objective obj, MinimizeSettings s) {
        int n = obj.dimension();
        double[] x = new double[n];
        double[] x0 = new double[n];
        double[] f = new double[n];
        double[] fPrev = new double[n];
        double[] d = new double[n];
        LineSearch search = new LineSearch(n);
        obj.coordinates(x);
        double e = obj.evaluate(x, f);
        int evaluations = 1;
        System.arraycopy(f, 0, d, 0, n);
        double lastAlpha = 0;
        double lastSlope = 0;
        boolean steepest = true;
        for (int iter = 0;; iter++) {
            double measure = obj.forceMeasure(f);
            if (s.forceConverged(measure)) {
                return new Outcome(MinimizeSettings.Stop.FORCE, iter, evaluations, e, measure);
            }
            if (iter >= s.maxIterations()) {
                return new Outcome(MinimizeSettings.Stop.MAX_ITERATIONS, iter, evaluations, e, measure);
            }
            double slope = -Vectors.dot(f, d);
            if (!(slope < 0)) {
                System.arraycopy(f, 0, d, 0, n);
                slope = -Vectors.dot(f, f);
                steepest = true;
            }
            double alphaMax = s.dmax() / obj.largestDisplacement(d);
            // First trial: the step that would repeat the last iteration's first-order decrease.
            double alpha = lastAlpha > 0 ? lastAlpha * lastSlope / slope : alphaMax;
            System.arraycopy(x, 0, x0, 0, n);
            System.arraycopy(f, 0, fPrev, 0, n);
            double previous = e;
            double step = search.search(obj, x0, d, e, slope, alpha, alphaMax, x, f);
            evaluations += search.evaluations;
            if (step == 0) {
                if (steepest) {
                    return new Outcome(MinimizeSettings.Stop.LINE_SEARCH, iter, evaluations, e, measure);
                }
                // A conjugate direction that fails: restart once along the force.
                System.arraycopy(f, 0, d, 0, n);
                steepest = true;
                lastAlpha = 0;
                continue;
            }
            e = search.value;
            lastAlpha = step;
            lastSlope = slope;
            if (s.energyConverged(previous, e)) {
                return new Outcome(MinimizeSettings.Stop.ENERGY, iter + 1, evaluations, e, obj.forceMeasure(f));
            }
            double ff = Vectors.dot(fPrev, fPrev);
            double beta = Math.max(0.0, (Vectors.dot(f, f) - Vectors.dot(f, fPrev)) / ff);
            for (int i = 0; i < n; i++) {
                d[i] = f[i] + beta * d[i];
            }
            steepest = beta == 0;
        }
    }
}

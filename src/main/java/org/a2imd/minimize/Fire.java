package org.a2imd.minimize;

/**
 * FIRE, the fast inertial relaxation engine (Bitzek, Koskinen, Gähler, Moseler, Gumbsch, PRL 97, 170201
 * (2006)), with the paper's parameters: N_min = 5, f_inc = 1.1, f_dec = 0.5, alpha_start = 0.1,
 * f_alpha = 0.99, dt_max = 10 dt_0. Unit masses in the objective's coordinates (as ASE), so dt^2 is in
 * length^2 / energy and dt_0 = 0.1 moves an atom 0.01 length units under a unit force in one step; no
 * step moves an atom more than dmax. Euler-Cromer steps with the velocity mixed before the kick.
 */
final class Fire implements Minimizer {
    static final int N_MIN = 5;
    static final double F_INC = 1.1;
    static final double F_DEC = 0.5;
    static final double ALPHA_START = 0.1;
    static final double F_ALPHA = 0.99;
    static final double DT_START = 0.1;
    static final double DT_MAX = 10 * DT_START;

    @Override
    public Outcome minimize(Objective obj, MinimizeSettings s) {
        int n = obj.dimension();
        double[] x = new double[n];
        double[] f = new double[n];
        double[] v = new double[n];
        double[] dx = new double[n];
        obj.coordinates(x);
        double e = obj.evaluate(x, f);
        int evaluations = 1;
        double dt = DT_START;
        double alpha = ALPHA_START;
        int sinceReset = 0;
        for (int iter = 0;; iter++) {
            double measure = obj.forceMeasure(f);
            if (s.forceConverged(measure)) {
                return new Outcome(MinimizeSettings.Stop.FORCE, iter, evaluations, e, measure);
            }
            if (iter >= s.maxIterations()) {
                return new Outcome(MinimizeSettings.Stop.MAX_ITERATIONS, iter, evaluations, e, measure);
            }
            double power = Vectors.dot(f, v);
            if (power > 0) {
                double vNorm = Math.sqrt(Vectors.dot(v, v));
                double fNorm = Math.sqrt(Vectors.dot(f, f));
                double mix = alpha * vNorm / fNorm;
                for (int i = 0; i < n; i++) {
                    v[i] = (1 - alpha) * v[i] + mix * f[i];
                }
                if (++sinceReset > N_MIN) {
                    dt = Math.min(dt * F_INC, DT_MAX);
                    alpha *= F_ALPHA;
                }
            } else {
                // Uphill: stop, shorten the step, and start again along the force.
                java.util.Arrays.fill(v, 0.0);
                dt *= F_DEC;
                alpha = ALPHA_START;
                sinceReset = 0;
            }
            for (int i = 0; i < n; i++) {
                v[i] += dt * f[i];
                dx[i] = dt * v[i];
            }
            double largest = obj.largestDisplacement(dx);
            double scale = largest > s.dmax() ? s.dmax() / largest : 1.0;
            for (int i = 0; i < n; i++) {
                x[i] += scale * dx[i];
            }
            double previous = e;
            e = obj.evaluate(x, f);
            evaluations++;
            // As LAMMPS: the energy test only once the dynamics has run freely for a while, since
            // right after a velocity reset the energy barely changes without being converged.
            if (sinceReset > N_MIN && s.energyConverged(previous, e)) {
                return new Outcome(MinimizeSettings.Stop.ENERGY, iter + 1, evaluations, e, obj.forceMeasure(f));
            }
        }
    }
}

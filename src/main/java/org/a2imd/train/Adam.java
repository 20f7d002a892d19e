package org.a2imd.train;

/**
 * Adam (Kingma and Ba 2015) with bias correction: m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2,
 * theta -= lr * m_hat / (sqrt(v_hat) + eps). Its state (m, v, step count) is exposed so checkpoints
 * can continue it bit for bit.
 */
public final class Adam {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;

    private final double[] m;
    private final double[] v;
    private long t;

    public Adam(int parameters) {
        m = new double[parameters];
        v = new double[parameters];
    }

    /** One update of {@code theta} with gradient {@code g} and learning rate {@code lr}. */
    public void step(double[] theta, double[] g, double lr) {
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        double a = lr / c1;
        double sc2 = 1 / Math.sqrt(c2);
        for (int k = 0; k < m.length; k++) {
            double gk = g[k];
            m[k] = BETA1 * m[k] + (1 - BETA1) * gk;
            v[k] = BETA2 * v[k] + (1 - BETA2) * gk * gk;
            theta[k] -= a * m[k] / (Math.sqrt(v[k]) * sc2 + EPS);
        }
    }

    /** First moments (live). */
    public double[] firstMoment() {
        return m;
    }

    /** Second moments (live). */
    public double[] secondMoment() {
        return v;
    }

    public long steps() {
        return t;
    }

    public void setSteps(long steps) {
        this.t = steps;
    }
}

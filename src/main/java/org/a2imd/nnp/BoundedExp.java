package org.a2imd.nnp;

/**
 * The attention weight exp(c tanh(l / c)) of a row of logits, in loops that HotSpot vectorises: plain
 * polynomials and squarings instead of Math.exp (a scalar call, about 4 ns each, two per pair: it was
 * the largest single cost of the network). Accuracy: tanh to about 1e-15 absolute, the weight to about
 * 1e-14 relative (A2IBoundedExpTest checks both against Math.tanh and Math.exp), so the result is the
 * same function to round-off level, not an approximation of it.
 *
 * <p>tanh(x) = m / (m + 2) with m = expm1(2x). expm1 of 2x / 128 comes from its Taylor series (|arg|
 * &lt;= 0.3125 after clamping |x| to 20, where tanh is 1 in double precision anyway), then seven
 * doublings m &lt;- m (2 + m) (exp(2a) - 1 = m (2 + m)), which keep m's relative accuracy, unlike
 * squaring 1 + m. exp(c t), |c t| &lt;= c, is the Taylor series of c t / 2^s (|arg| &lt;= 1/4) squared s
 * times, s = 5 for c &lt;= 8 (relative error about 2^s ulp).
 */
final class BoundedExp {
    static final double C2 = 1.0 / 2;
    static final double C3 = 1.0 / 6;
    static final double C4 = 1.0 / 24;
    static final double C5 = 1.0 / 120;
    static final double C6 = 1.0 / 720;
    static final double C7 = 1.0 / 5040;
    static final double C8 = 1.0 / 40320;
    static final double C9 = 1.0 / 362880;
    static final double C10 = 1.0 / 3628800;
    static final double C11 = 1.0 / 39916800;
    static final double C12 = 1.0 / 479001600;
    static final double C13 = 1.0 / 6227020800.0;
    /** Beyond |x| = 20, tanh(x) rounds to +-1 (1 - tanh(20) is 8.5e-18). */
    static final double X_MAX = 20;
    /** Squarings in the main exp loop; more passes follow for a large logit bound. */
    static final int BASE_SQUARINGS = 5;

    private BoundedExp() {
    }

    /** Squarings s for exp(c t), |c t| &lt;= c: the smallest s &gt;= 5 with c / 2^s &lt;= 1/4. */
    static int squarings(double c) {
        int s = BASE_SQUARINGS;
        while (c / Math.scalb(1.0, s) > 0.25) {
            s++;
        }
        return s;
    }

    /**
     * On entry row[0..n) holds logits l; on exit row[t] = exp(c tanh(l / c)) * scale and
     * slope[t] = row[t] (1 - tanh^2), the derivative with respect to l.
     */
    static void attention(double[] row, double[] slope, int n, double c, int squarings, double scale) {
        final double invC = 1.0 / c;
        for (int t = 0; t < n; t++) {
            double x = Math.max(-X_MAX, Math.min(X_MAX, row[t] * invC));
            double a = x * (2.0 / 128);
            slope[t] = a * poly(a);
        }
        // A separate loop: one loop with both parts is too large for C2 to unroll and vectorise.
        for (int t = 0; t < n; t++) {
            double m = slope[t];
            m *= 2 + m;
            m *= 2 + m;
            m *= 2 + m;
            m *= 2 + m;
            m *= 2 + m;
            m *= 2 + m;
            m *= 2 + m;
            slope[t] = m / (m + 2);
        }
        final double k = c * Math.scalb(1.0, -squarings);
        for (int t = 0; t < n; t++) {
            double s = slope[t] * k;
            double e = Math.fma(s, poly(s), 1.0);
            e *= e;
            e *= e;
            e *= e;
            e *= e;
            e *= e;
            row[t] = e;
        }
        for (int extra = BASE_SQUARINGS; extra < squarings; extra++) {
            for (int t = 0; t < n; t++) {
                row[t] *= row[t];
            }
        }
        for (int t = 0; t < n; t++) {
            double th = slope[t];
            double a = row[t] * scale;
            row[t] = a;
            slope[t] = a * (1 - th * th);
        }
    }

    /**
     * 1 + a/2 + a^2/6 + ... + a^12/13! (so that exp(a) = 1 + a poly(a)), in Estrin's scheme: a tree of
     * independent FMAs instead of Horner's chain of twelve dependent ones.
     */
    private static double poly(double a) {
        double a2 = a * a;
        double a4 = a2 * a2;
        double a8 = a4 * a4;
        double p01 = Math.fma(a, C2, 1.0);
        double p23 = Math.fma(a, C4, C3);
        double p45 = Math.fma(a, C6, C5);
        double p67 = Math.fma(a, C8, C7);
        double p89 = Math.fma(a, C10, C9);
        double p1011 = Math.fma(a, C12, C11);
        double q0 = Math.fma(a2, p23, p01);
        double q1 = Math.fma(a2, p67, p45);
        double q2 = Math.fma(a2, p1011, p89);
        double r0 = Math.fma(a4, q1, q0);
        double r1 = Math.fma(a4, C13, q2);
        return Math.fma(a8, r1, r0);
    }
}

package org.a2imd.force.ewald;

import org.apache.commons.math3.special.Erf;

/**
 * The Ewald split of the kernel 1/r^p (integer p &gt;= 1) with splitting parameter alpha:
 * <pre>
 *   1/r^p = S(r) + L(r),   S(r) = Q(p/2, a^2 r^2) / r^p,   L(r) = P(p/2, a^2 r^2) / r^p
 * </pre>
 * with Q and P the regularized upper and lower incomplete gamma functions. S decays like a Gaussian
 * and is summed in real space; L is smooth (the potential of Gaussian-smeared sources, std
 * 1/(sqrt 2 alpha)) and is summed in reciprocal space through its Fourier transform
 * <pre>
 *   L^(k) = pi^(3/2) (k/2)^(p-3) Gamma((3-p)/2, k^2/(4 a^2)) / Gamma(p/2).
 * </pre>
 * For p = 1 this is the familiar erfc(a r)/r and 4 pi exp(-k^2/4a^2)/k^2. L^(k) diverges at k = 0
 * for p &lt;= 3 (a neutralising background handles it) and is finite for p &gt; 3 ({@link #reciprocalAtZero}).
 *
 * <p>Closed forms are used throughout: p/2 is an integer or a half-integer, so Q is a finite sum of
 * x^m e^-x terms plus erfc, and Gamma(s, x) for s = (3-p)/2 follows from Gamma(1, x) = e^-x,
 * Gamma(1/2, x) = sqrt(pi) erfc(sqrt x) and Gamma(0, x) = E1(x) by the recurrence
 * Gamma(s, x) = (Gamma(s+1, x) - x^s e^-x) / s. Immutable and thread-safe.
 */
public final class EwaldKernel {
    private static final double SQRT_PI = Math.sqrt(Math.PI);
    private static final double PI_3_2 = Math.PI * SQRT_PI;

    private final int p;
    private final double alpha;
    private final double gammaHalfP; // Gamma(p/2)

    public EwaldKernel(int p, double alpha) {
        if (p < 1 || p > 12) {
            throw new IllegalArgumentException("Ewald exponent p must be an integer from 1 to 12, got " + p);
        }
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("Ewald splitting parameter must be positive, got " + alpha);
        }
        this.p = p;
        this.alpha = alpha;
        this.gammaHalfP = gammaOfHalf(p);
    }

    public int exponent() {
        return p;
    }

    public double alpha() {
        return alpha;
    }

    /** The bare kernel 1/r^p. */
    public double bare(double r) {
        return Math.pow(r, -p);
    }

    /** S(r), the real-space (short-range) part. */
    public double realSpace(double r) {
        double x = alpha * alpha * r * r;
        return upperQ(x) * Math.pow(r, -p);
    }

    /**
     * dS/dr divided by r (so the pair force on i is -dS/dr * (x_i - x_j) / r = -this * (x_i - x_j)).
     * Uses dQ(s, x)/dx = -x^(s-1) e^-x / Gamma(s), x = a^2 r^2.
     */
    public double realSpaceDerivativeOverR(double r) {
        double x = alpha * alpha * r * r;
        double rp = Math.pow(r, -p);
        double s = 0.5 * p;
        double dQdx = -Math.pow(x, s - 1) * Math.exp(-x) / gammaHalfP;
        // d/dr [Q r^-p] = dQ/dx 2 a^2 r r^-p - p Q r^-p / r
        return (dQdx * 2 * alpha * alpha * rp) - p * upperQ(x) * rp / (r * r);
    }

    /** L(r), the smooth long-range part; at r = 0 its finite limit {@link #longRangeAtZero()}. */
    public double longRange(double r) {
        if (r == 0) {
            return longRangeAtZero();
        }
        double x = alpha * alpha * r * r;
        return lowerP(x) * Math.pow(r, -p);
    }

    /**
     * P(p/2, x) = 1 - Q(p/2, x); below x = p/2 + 1 by its series e^-x x^s sum_n x^n / Gamma(s + n + 1),
     * which keeps full relative precision where 1 - Q would cancel.
     */
    double lowerP(double x) {
        double s = 0.5 * p;
        if (x >= s + 1) {
            return 1 - upperQ(x);
        }
        double term = 1 / (s * gammaHalfP); // 1 / Gamma(s + 1)
        double sum = term;
        for (int n = 1; n < 300; n++) {
            term *= x / (s + n);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return Math.exp(-x) * Math.pow(x, s) * sum;
    }

    /** lim_{r -&gt; 0} L(r) = 2 a^p / (p Gamma(p/2)): the self-interaction removed by the self term. */
    public double longRangeAtZero() {
        return 2 * Math.pow(alpha, p) / (p * gammaHalfP);
    }

    /** L^(k) for k &gt; 0, from k^2. */
    public double reciprocal(double k2) {
        double k = Math.sqrt(k2);
        double x = k2 / (4 * alpha * alpha);
        return PI_3_2 * Math.pow(0.5 * k, p - 3) * upperGamma3mp(x) / gammaHalfP;
    }

    /**
     * d L^(k) / d(k^2), used for the reciprocal-space virial. From the closed form:
     * d/dk2 [(k/2)^(p-3) Gamma(s, x)] with s = (3-p)/2, x = k^2/4a^2 and dGamma(s,x)/dx = -x^(s-1) e^-x.
     */
    public double reciprocalDerivative(double k2) {
        double k = Math.sqrt(k2);
        double x = k2 / (4 * alpha * alpha);
        double s = 0.5 * (3 - p);
        double half = 0.5 * k;
        double a = Math.pow(half, p - 3);
        // d(half^(p-3))/dk2 = (p-3)/2 * half^(p-3) / k2
        double dA = 0.5 * (p - 3) * a / k2;
        double g = upperGamma3mp(x);
        double dG = -Math.pow(x, s - 1) * Math.exp(-x) / (4 * alpha * alpha);
        return PI_3_2 * (dA * g + a * dG) / gammaHalfP;
    }

    /** True when L^(0) is finite (p &gt; 3); for p &lt;= 3 the k = 0 term needs a neutral or neutralised cell. */
    public boolean hasFiniteZeroMode() {
        return p > 3;
    }

    /** lim_{k -&gt; 0} L^(k) = 2 pi^(3/2) a^(p-3) / ((p-3) Gamma(p/2)), only for p &gt; 3. */
    public double reciprocalAtZero() {
        if (p <= 3) {
            throw new IllegalStateException("the k = 0 term of 1/r^" + p + " is infinite");
        }
        return 2 * PI_3_2 * Math.pow(alpha, p - 3) / ((p - 3) * gammaHalfP);
    }

    /**
     * The integral of S(r) over all space, 4 pi int r^2 S(r) dr = 2 pi^(3/2) a^(p-3) / ((3-p) Gamma(p/2)),
     * finite only for p &lt; 3 (for p = 1: pi / a^2). A uniform neutralising background of total charge
     * -Q interacts with the sources through it: E_background = -Q^2 / (2V) times this.
     */
    public double realSpaceIntegral() {
        if (p >= 3) {
            throw new IllegalStateException("the real-space kernel of 1/r^" + p + " has no finite background integral");
        }
        return 2 * PI_3_2 * Math.pow(alpha, p - 3) / ((3 - p) * gammaHalfP);
    }

    /** Q(p/2, x): regularized upper incomplete gamma at integer or half-integer p/2. */
    double upperQ(double x) {
        double e = Math.exp(-x);
        if ((p & 1) == 0) {
            // Q(n, x) = e^-x sum_{m<n} x^m / m!
            int n = p / 2;
            double term = 1;
            double sum = 1;
            for (int m = 1; m < n; m++) {
                term *= x / m;
                sum += term;
            }
            return e * sum;
        }
        // Q(n + 1/2, x) = erfc(sqrt x) + e^-x sum_{m=1..n} x^(m-1/2) / Gamma(m + 1/2)
        int n = (p - 1) / 2;
        double sx = Math.sqrt(x);
        double q = Erf.erfc(sx);
        double term = sx / (0.5 * SQRT_PI); // x^(1/2) / Gamma(3/2)
        double sum = 0;
        for (int m = 1; m <= n; m++) {
            sum += term;
            term *= x / (m + 0.5);
        }
        return q + e * sum;
    }

    /** Gamma((3-p)/2, x) for x &gt; 0 by the recurrence from Gamma(1, x), Gamma(1/2, x) or Gamma(0, x). */
    double upperGamma3mp(double x) {
        double e = Math.exp(-x);
        double g;
        double s;
        if ((p & 1) == 0) {
            // (3-p)/2 is a half-integer: start at Gamma(1/2, x)
            g = SQRT_PI * Erf.erfc(Math.sqrt(x));
            s = 0.5;
        } else if (p == 1) {
            return e; // Gamma(1, x)
        } else {
            g = expIntegralE1(x); // Gamma(0, x)
            s = 0;
        }
        double target = 0.5 * (3 - p);
        while (s > target) {
            // Gamma(s-1, x) = (Gamma(s, x) - x^(s-1) e^-x) / (s-1)
            double sm1 = s - 1;
            g = (g - Math.pow(x, sm1) * e) / sm1;
            s = sm1;
        }
        return g;
    }

    /** E1(x) = Gamma(0, x): power series below 1, continued fraction (modified Lentz) above. */
    static double expIntegralE1(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("E1 needs x > 0, got " + x);
        }
        final double euler = 0.5772156649015328606;
        if (x <= 1) {
            double sum = 0;
            double term = 1;
            for (int k = 1; k < 200; k++) {
                term *= -x / k;
                double add = -term / k;
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return -euler - Math.log(x) + sum;
        }
        // E1(x) = e^-x / (x + 1 - 1/(x + 3 - 4/(x + 5 - ...)))
        double tiny = 1e-300;
        double b = x + 1;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 500; i++) {
            double an = -(double) i * i;
            b += 2;
            d = 1 / (an * d + b);
            c = b + an / c;
            double del = c * d;
            h *= del;
            if (Math.abs(del - 1) < 1e-16) {
                break;
            }
        }
        return h * Math.exp(-x);
    }

    /** Gamma(p/2) for integer p &gt;= 1. */
    static double gammaOfHalf(int p) {
        double g;
        int twoS;
        if ((p & 1) == 0) {
            g = 1; // Gamma(1)
            twoS = 2;
        } else {
            g = SQRT_PI; // Gamma(1/2)
            twoS = 1;
        }
        while (twoS < p) {
            g *= 0.5 * twoS; // Gamma(s+1) = s Gamma(s)
            twoS += 2;
        }
        return g;
    }
}

package org.a2imd.force.ewald;

import org.apache.commons.math3.special.Erf;

/**
 * The three numbers of an Ewald sum of 1/r^p: splitting parameter alpha, real-space cutoff and
 * reciprocal cutoff kMax (|k| &lt;= kMax). Given by hand, or chosen from a relative accuracy eps and the
 * real-space cutoff rc by two truncation estimates of the same form for every p:
 * <ul>
 *   <li>real space: the short-range kernel at the cutoff is eps times the bare kernel,
 *       Q(p/2, alpha^2 rc^2) = eps (for p = 1 erfc(alpha rc) = eps, GROMACS's ewald-rtol; for p = 6
 *       e^-x (1 + x + x^2/2) = eps, its ewald-rtol-lj). The pair terms left out beyond rc are then
 *       at most eps times the bare interaction there.</li>
 *   <li>reciprocal space: the fraction of the smeared potential at the source, L(0) =
 *       int d^3k/(2 pi)^3 L^(k), carried by |k| &gt; kMax is eps. With U = kMax / (2 alpha) this fraction is
 *       F(U) = [Gamma(3/2, U^2) - U^p Gamma((3-p)/2, U^2)] / Gamma(3/2) (integrate k^2 L^(k) by parts); for
 *       p = 1 it is erfc(U), the Kolafa-Perram exponential exp(-kMax^2/4 alpha^2) up to the prefactor.
 *       For uncorrelated sources the omitted reciprocal energy of each atom is q_i^2 L(0) F(U) / 2 in
 *       expectation, i.e. eps relative to the self term.</li>
 * </ul>
 * Both errors scale alike, so energies agree for any alpha to about eps times the energy per atom.
 * The choice of rc itself sets the cost balance: {@link #balancedCutoff}.
 */
public final class EwaldParameters {
    private final int p;
    private final double alpha;
    private final double cutoff;
    private final double kMax;
    private final double accuracy;

    private EwaldParameters(int p, double alpha, double cutoff, double kMax, double accuracy) {
        if (p < 1 || p > 12) {
            throw new IllegalArgumentException("Ewald exponent p must be an integer from 1 to 12, got " + p);
        }
        positive("alpha", alpha);
        positive("cutoff", cutoff);
        positive("kmax", kMax);
        this.p = p;
        this.alpha = alpha;
        this.cutoff = cutoff;
        this.kMax = kMax;
        this.accuracy = accuracy;
    }

    /** Parameters set by hand. */
    public static EwaldParameters manual(int p, double cutoff, double alpha, double kMax) {
        return new EwaldParameters(p, alpha, cutoff, kMax, Double.NaN);
    }

    /** alpha and kMax for relative accuracy {@code eps} (0 &lt; eps &lt; 1) with real-space cutoff rc. */
    public static EwaldParameters automatic(int p, double cutoff, double eps) {
        if (!(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException("Ewald accuracy must be between 0 and 1, got " + eps);
        }
        positive("cutoff", cutoff);
        EwaldKernel unit = new EwaldKernel(p, 1.0);
        // Q(p/2, u^2) falls monotonically from 1: bisect u = alpha rc.
        double u = solveDecreasing(x -> unit.upperQ(x * x), eps);
        double alpha = u / cutoff;
        double bigU = solveDecreasing(x -> reciprocalTailFraction(p, x), eps);
        return new EwaldParameters(p, alpha, cutoff, 2 * alpha * bigU, eps);
    }

    /**
     * A real-space cutoff that balances real- and reciprocal-space work for n atoms in volume v: the
     * pair work grows as n rc^3 and the k-vector work as n V kMax^3 ~ n V / rc^3 at fixed accuracy, so
     * the optimum is rc ~ (V^2 / n)^(1/6) (Perram, Petersen and De Leeuw 1988), and the total cost grows
     * as n^(3/2) at fixed density. {@code scale} is the machine- and code-dependent constant
     * (about 0.7-1 here: measured by {@code bench ewald}); the result is at least {@code minimum}.
     */
    public static double balancedCutoff(int n, double volume, double scale, double minimum) {
        return Math.max(minimum, scale * Math.pow(volume * volume / n, 1.0 / 6.0));
    }

    /** F(U) of the class comment: the fraction of L(0) from |k| &gt; 2 alpha U. */
    static double reciprocalTailFraction(int p, double bigU) {
        if (bigU <= 0) {
            return 1;
        }
        double x = bigU * bigU;
        double gamma32 = 0.5 * Math.sqrt(Math.PI);
        double g32 = bigU * Math.exp(-x) + gamma32 * Erf.erfc(bigU); // Gamma(3/2, x)
        double g = new EwaldKernel(p, 1.0).upperGamma3mp(x);
        return (g32 - Math.pow(bigU, p) * g) / gamma32;
    }

    private static double solveDecreasing(java.util.function.DoubleUnaryOperator f, double target) {
        double lo = 0;
        double hi = 1;
        while (f.applyAsDouble(hi) > target) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (f.applyAsDouble(mid) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("Ewald " + what + " must be a positive number, got " + v);
        }
    }

    public int exponent() {
        return p;
    }

    public double alpha() {
        return alpha;
    }

    public double cutoff() {
        return cutoff;
    }

    public double kMax() {
        return kMax;
    }

    /** The requested relative accuracy, or NaN for parameters set by hand. */
    public double accuracy() {
        return accuracy;
    }

    /** The same method with another cutoff (and, when automatic, alpha and kMax chosen anew). */
    public EwaldParameters withCutoff(double rc) {
        return Double.isNaN(accuracy) ? manual(p, rc, alpha, kMax) : automatic(p, rc, accuracy);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "p %d alpha %.6g cutoff %.6g kmax %.6g%s", p, alpha, cutoff, kMax,
                Double.isNaN(accuracy) ? "" : String.format(java.util.Locale.ROOT, " (accuracy %.3g)", accuracy));
    }
}

package org.a2imd.integrate;

import org.a2imd.core.Rng;

/**
 * Gamma-distributed deviates by Marsaglia and Tsang's squeeze-and-reject method (ACM Trans. Math. Softw.
 * 26, 363 (2000)) on a {@link Rng}: about 1.03 Gaussian-uniform pairs per deviate for any shape, no
 * allocation. Used for the sum of many squared Gaussians in the CSVR thermostat
 * (sum of n squared standard normals = 2 Gamma(n / 2, 1)).
 */
public final class GammaDeviate {
    private GammaDeviate() {
    }

    /** A Gamma(shape, 1) deviate; shape &gt; 0. */
    public static double sample(Rng rng, double shape) {
        if (!(shape > 0) || !Double.isFinite(shape)) {
            throw new IllegalArgumentException("gamma shape must be positive, got " + shape);
        }
        if (shape < 1) {
            // Boost: if G ~ Gamma(a + 1) and U uniform, G U^(1/a) ~ Gamma(a).
            double g = sample(rng, shape + 1);
            return g * Math.pow(rng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = rng.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2) {
                return d * v;
            }
            if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** Sum of n squared standard normal deviates (chi-squared with n degrees of freedom); n &gt;= 0. */
    public static double sumOfSquaredGaussians(Rng rng, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("number of deviates must not be negative, got " + n);
        }
        if (n == 0) {
            return 0;
        }
        if (n == 1) {
            double g = rng.nextGaussian();
            return g * g;
        }
        return 2 * sample(rng, 0.5 * n);
    }
}

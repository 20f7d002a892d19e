package org.a2imd.force.ewald;

/**
 * The real-space factor q(u) = Q(p/2, u^2) of S(r) = q(alpha r) / r^p, tabulated as a cubic Hermite
 * spline on a uniform grid in u = alpha r from the exact values and derivatives
 * q'(u) = -2 u^(p-1) e^(-u^2) / Gamma(p/2). q is an entire function of u (erfc and Gaussians times
 * polynomials), so with 2048 intervals per unit of u the interpolation error is below 1e-13, far below
 * any Ewald accuracy one asks for, while a pair costs a multiply-add chain instead of an erfc. Energy and
 * force come from the same spline, so forces are exact derivatives of the tabulated energy.
 */
final class ShortRangeTable {
    private static final int PER_UNIT = 2048;

    private final double inv;
    private final double h;
    private final double uMax;
    /** Four polynomial coefficients per interval: q = c0 + f (c1 + f (c2 + f c3)), f in [0, 1). */
    private final double[] c;

    ShortRangeTable(int p, double uMax) {
        this.uMax = uMax;
        int n = (int) Math.ceil(uMax * PER_UNIT) + 1;
        h = 1.0 / PER_UNIT;
        inv = PER_UNIT;
        EwaldKernel unit = new EwaldKernel(p, 1.0);
        double gamma = EwaldKernel.gammaOfHalf(p);
        c = new double[4 * n];
        double y0 = unit.upperQ(0);
        double d0 = derivative(p, gamma, 0);
        for (int i = 0; i < n; i++) {
            double u1 = (i + 1) * h;
            double y1 = unit.upperQ(u1 * u1);
            double d1 = derivative(p, gamma, u1);
            double m0 = h * d0;
            double m1 = h * d1;
            c[4 * i] = y0;
            c[4 * i + 1] = m0;
            c[4 * i + 2] = 3 * (y1 - y0) - 2 * m0 - m1;
            c[4 * i + 3] = 2 * (y0 - y1) + m0 + m1;
            y0 = y1;
            d0 = d1;
        }
    }

    private static double derivative(int p, double gamma, double u) {
        return -2 * Math.pow(u, p - 1) * Math.exp(-u * u) / gamma;
    }

    double uMax() {
        return uMax;
    }

    /** q(u); u in [0, uMax]. */
    double value(double u) {
        double t = u * inv;
        int i = (int) t;
        double f = t - i;
        int o = 4 * i;
        return c[o] + f * (c[o + 1] + f * (c[o + 2] + f * c[o + 3]));
    }

    /** dq/du at u, with q(u) written into {@code valueOut[0]}. */
    double valueAndDerivative(double u, double[] valueOut) {
        double t = u * inv;
        int i = (int) t;
        double f = t - i;
        int o = 4 * i;
        double c1 = c[o + 1];
        double c2 = c[o + 2];
        double c3 = c[o + 3];
        valueOut[0] = c[o] + f * (c1 + f * (c2 + f * c3));
        return (c1 + f * (2 * c2 + 3 * f * c3)) * inv;
    }

    /** The raw coefficient array and grid density, for inlined evaluation in hot loops. */
    double[] coefficients() {
        return c;
    }

    double perUnit() {
        return inv;
    }
}

package org.a2imd.analysis;

/**
 * Least-squares fit of y = c x^p on a log-log scale (the exponent of the energy fluctuation against the
 * timestep: 2 for velocity Verlet).
 */
public record PowerLawFit(double exponent, double prefactor) {

    /** Fits all points; x and y must be positive. */
    public static PowerLawFit of(double[] x, double[] y) {
        int m = x.length;
        if (m < 2 || y.length != m) {
            throw new IllegalArgumentException("need at least 2 points, same count of x and y");
        }
        double mx = 0;
        double my = 0;
        for (int k = 0; k < m; k++) {
            if (!(x[k] > 0) || !(y[k] > 0)) {
                throw new IllegalArgumentException("a log-log fit needs positive values, got (" + x[k] + ", " + y[k] + ")");
            }
            mx += Math.log(x[k]);
            my += Math.log(y[k]);
        }
        mx /= m;
        my /= m;
        double sxx = 0;
        double sxy = 0;
        for (int k = 0; k < m; k++) {
            double dx = Math.log(x[k]) - mx;
            sxx += dx * dx;
            sxy += dx * (Math.log(y[k]) - my);
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException("a log-log fit needs at least two different x");
        }
        double p = sxy / sxx;
        return new PowerLawFit(p, Math.exp(my - p * mx));
    }

    /** The prefactor of y = c x^p with the exponent fixed (geometric mean of y / x^p): a guide line. */
    public static double prefactorForExponent(double[] x, double[] y, double p) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += Math.log(y[k]) - p * Math.log(x[k]);
        }
        return Math.exp(s / x.length);
    }

    public double at(double x) {
        return prefactor * Math.pow(x, exponent);
    }
}

package org.a2imd.force.ewald;

import org.a2imd.core.Box;

/**
 * The reciprocal-lattice vectors k = h b1 + k b2 + l b3 of a (triclinic) cell with 0 &lt; |k| &lt;= kMax,
 * one of each +k/-k pair (the half space h &gt; 0, or h = 0 and k &gt; 0, or h = k = 0 and l &gt; 0):
 * sums over k of real, even functions are twice the sum over this set. Stored as primitive arrays.
 */
public final class KVectors {
    /** Cartesian components, 3 per vector. */
    public final double[] k;
    /** |k|^2 per vector. */
    public final double[] k2;
    /** Number of vectors. */
    public final int count;
    /** The cut-off they were generated with. */
    public final double kMax;

    private KVectors(double[] k, double[] k2, int count, double kMax) {
        this.k = k;
        this.k2 = k2;
        this.count = count;
        this.kMax = kMax;
    }

    /** The half-space vectors of {@code box} with |k| &lt;= kMax. */
    public static KVectors of(Box box, double kMax) {
        if (!(kMax > 0) || !Double.isFinite(kMax)) {
            throw new IllegalArgumentException("reciprocal cut-off must be positive, got " + kMax);
        }
        double[] b = reciprocalRows(box);
        double[] a = box.rows();
        // |h| <= kMax |a1| / 2 pi since h = k . a1 / 2 pi
        int hMax = (int) Math.floor(kMax * norm(a, 0) / (2 * Math.PI));
        int kkMax = (int) Math.floor(kMax * norm(a, 1) / (2 * Math.PI));
        int lMax = (int) Math.floor(kMax * norm(a, 2) / (2 * Math.PI));
        double kMax2 = kMax * kMax;
        int cap = 16;
        double[] kv = new double[3 * cap];
        double[] k2v = new double[cap];
        int n = 0;
        for (int h = 0; h <= hMax; h++) {
            for (int kk = h == 0 ? 0 : -kkMax; kk <= kkMax; kk++) {
                for (int l = (h == 0 && kk == 0) ? 1 : -lMax; l <= lMax; l++) {
                    double kx = h * b[0] + kk * b[3] + l * b[6];
                    double ky = h * b[1] + kk * b[4] + l * b[7];
                    double kz = h * b[2] + kk * b[5] + l * b[8];
                    double q2 = kx * kx + ky * ky + kz * kz;
                    if (q2 > kMax2) {
                        continue;
                    }
                    if (n == cap) {
                        cap *= 2;
                        kv = java.util.Arrays.copyOf(kv, 3 * cap);
                        k2v = java.util.Arrays.copyOf(k2v, cap);
                    }
                    kv[3 * n] = kx;
                    kv[3 * n + 1] = ky;
                    kv[3 * n + 2] = kz;
                    k2v[n] = q2;
                    n++;
                }
            }
        }
        return new KVectors(java.util.Arrays.copyOf(kv, 3 * n), java.util.Arrays.copyOf(k2v, n), n, kMax);
    }

    /** Rows b1, b2, b3 with a_i . b_j = 2 pi delta_ij. */
    public static double[] reciprocalRows(Box box) {
        double[] a = box.rows();
        double[] b = new double[9];
        double v = box.volume();
        for (int i = 0; i < 3; i++) {
            int j = (i + 1) % 3;
            int m = (i + 2) % 3;
            // b_i = 2 pi (a_j x a_m) / V
            b[3 * i] = 2 * Math.PI * (a[3 * j + 1] * a[3 * m + 2] - a[3 * j + 2] * a[3 * m + 1]) / v;
            b[3 * i + 1] = 2 * Math.PI * (a[3 * j + 2] * a[3 * m] - a[3 * j] * a[3 * m + 2]) / v;
            b[3 * i + 2] = 2 * Math.PI * (a[3 * j] * a[3 * m + 1] - a[3 * j + 1] * a[3 * m]) / v;
        }
        return b;
    }

    private static double norm(double[] rows, int i) {
        return Math.sqrt(rows[3 * i] * rows[3 * i] + rows[3 * i + 1] * rows[3 * i + 1] + rows[3 * i + 2] * rows[3 * i + 2]);
    }
}

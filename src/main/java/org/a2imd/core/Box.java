package org.a2imd.core;

import java.util.Arrays;

/**
 * A periodic simulation cell spanned by three lattice vectors a, b, c (general triclinic; the origin is
 * at 0). Positions inside the cell have fractional coordinates in [0, 1). Immutable.
 */
public final class Box {
    /** Matrix M with the lattice vectors as columns (row-major): x = M s for fractional s. */
    private final double[] m = new double[9];
    private final double[] inv = new double[9];
    private final double volume;

    private Box(double[] a, double[] b, double[] c) {
        for (int k = 0; k < 3; k++) {
            m[3 * k] = a[k];
            m[3 * k + 1] = b[k];
            m[3 * k + 2] = c[k];
        }
        double det = m[0] * (m[4] * m[8] - m[5] * m[7])
                - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
        if (!(Math.abs(det) > 0) || !Double.isFinite(det)) {
            throw new IllegalArgumentException("cell vectors are degenerate (zero volume)");
        }
        if (det < 0) {
            throw new IllegalArgumentException("cell vectors must form a right-handed set (a x b . c > 0)");
        }
        volume = det;
        double id = 1.0 / det;
        inv[0] = (m[4] * m[8] - m[5] * m[7]) * id;
        inv[1] = (m[2] * m[7] - m[1] * m[8]) * id;
        inv[2] = (m[1] * m[5] - m[2] * m[4]) * id;
        inv[3] = (m[5] * m[6] - m[3] * m[8]) * id;
        inv[4] = (m[0] * m[8] - m[2] * m[6]) * id;
        inv[5] = (m[2] * m[3] - m[0] * m[5]) * id;
        inv[6] = (m[3] * m[7] - m[4] * m[6]) * id;
        inv[7] = (m[1] * m[6] - m[0] * m[7]) * id;
        inv[8] = (m[0] * m[4] - m[1] * m[3]) * id;
    }

    /** A cell from its three lattice vectors. */
    public static Box of(double[] a, double[] b, double[] c) {
        return new Box(a.clone(), b.clone(), c.clone());
    }

    /** A cell from nine numbers a_x a_y a_z b_x ... c_z, as in the extxyz Lattice key. */
    public static Box fromRows(double[] nine) {
        if (nine.length != 9) {
            throw new IllegalArgumentException("a cell needs 9 numbers, got " + nine.length);
        }
        return new Box(Arrays.copyOfRange(nine, 0, 3), Arrays.copyOfRange(nine, 3, 6),
                Arrays.copyOfRange(nine, 6, 9));
    }

    public static Box orthorhombic(double lx, double ly, double lz) {
        return new Box(new double[] {lx, 0, 0}, new double[] {0, ly, 0}, new double[] {0, 0, lz});
    }

    /** Lattice vector k (0 = a, 1 = b, 2 = c) as a new array. */
    public double[] vector(int k) {
        return new double[] {m[k], m[3 + k], m[6 + k]};
    }

    /** Component {@code comp} (0..2) of lattice vector {@code k}. */
    public double vectorComponent(int k, int comp) {
        return m[3 * comp + k];
    }

    /** The nine numbers a_x a_y a_z b_x b_y b_z c_x c_y c_z. */
    public double[] rows() {
        double[] r = new double[9];
        for (int k = 0; k < 3; k++) {
            for (int c = 0; c < 3; c++) {
                r[3 * k + c] = m[3 * c + k];
            }
        }
        return r;
    }

    public double volume() {
        return volume;
    }

    /** True when all three lattice vectors lie along x, y and z respectively. */
    public boolean isOrthorhombic() {
        return m[1] == 0 && m[2] == 0 && m[3] == 0 && m[5] == 0 && m[6] == 0 && m[7] == 0;
    }

    /**
     * Distance between the two opposite faces of the cell spanned by the other two vectors, for each
     * lattice direction. A sphere of radius r fits in the cell without touching its images when
     * 2 r is below all three widths.
     */
    public double[] perpendicularWidths() {
        double[] a = vector(0);
        double[] b = vector(1);
        double[] c = vector(2);
        return new double[] {volume / norm(cross(b, c)), volume / norm(cross(c, a)), volume / norm(cross(a, b))};
    }

    /** Fractional coordinates of a Cartesian point, written into out[0..2]. */
    public void toFractional(double x, double y, double z, double[] out) {
        out[0] = inv[0] * x + inv[1] * y + inv[2] * z;
        out[1] = inv[3] * x + inv[4] * y + inv[5] * z;
        out[2] = inv[6] * x + inv[7] * y + inv[8] * z;
    }

    /** Cartesian point of fractional coordinates, written into out[0..2]. */
    public void toCartesian(double sa, double sb, double sc, double[] out) {
        out[0] = m[0] * sa + m[1] * sb + m[2] * sc;
        out[1] = m[3] * sa + m[4] * sb + m[5] * sc;
        out[2] = m[6] * sa + m[7] * sb + m[8] * sc;
    }

    /**
     * Wraps positions into the cell and records each crossing in the image counters, so that
     * pos + image . (a, b, c) stays the unwrapped trajectory. An atom already inside the cell is left
     * bit-for-bit unchanged, which makes wrapping idempotent (restarts rely on this).
     */
    public void wrap(double[] pos, int[] image, int n) {
        double[] s = new double[3];
        for (int i = 0; i < n; i++) {
            double x = pos[3 * i];
            double y = pos[3 * i + 1];
            double z = pos[3 * i + 2];
            toFractional(x, y, z, s);
            int na = (int) Math.floor(s[0]);
            int nb = (int) Math.floor(s[1]);
            int nc = (int) Math.floor(s[2]);
            if (na == 0 && nb == 0 && nc == 0) {
                continue;
            }
            x -= m[0] * na + m[1] * nb + m[2] * nc;
            y -= m[3] * na + m[4] * nb + m[5] * nc;
            z -= m[6] * na + m[7] * nb + m[8] * nc;
            // Round-off can leave a coordinate a hair outside [0, 1) (e.g. s = -1e-20 maps to exactly
            // 1); nudge it inside, by a margin that doubles until the move is not lost to rounding.
            double margin = 0x1p-53;
            for (int iter = 0; iter < 64; iter++) {
                toFractional(x, y, z, s);
                boolean inside = true;
                for (int k = 0; k < 3; k++) {
                    if (s[k] < 0 || s[k] >= 1) {
                        inside = false;
                        double fix = (s[k] < 0 ? margin : 1 - margin) - s[k];
                        x += m[k] * fix;
                        y += m[3 + k] * fix;
                        z += m[6 + k] * fix;
                    }
                }
                if (inside) {
                    break;
                }
                margin *= 2;
            }
            pos[3 * i] = x;
            pos[3 * i + 1] = y;
            pos[3 * i + 2] = z;
            if (image != null) {
                image[3 * i] += na;
                image[3 * i + 1] += nb;
                image[3 * i + 2] += nc;
            }
        }
    }

    /**
     * Replaces d (a Cartesian difference vector) by its shortest periodic image. Exact for any
     * triclinic cell, however skewed: rounds in fractional space, then searches every image that can
     * be shorter (an image of length at most R has |s_k| &lt;= R / w_k for the perpendicular widths
     * w_k). Not for hot loops.
     */
    public void minimumImage(double[] d) {
        double[] s = new double[3];
        toFractional(d[0], d[1], d[2], s);
        double[] base = new double[3];
        toCartesian(s[0] - Math.rint(s[0]), s[1] - Math.rint(s[1]), s[2] - Math.rint(s[2]), base);
        double r = Math.sqrt(base[0] * base[0] + base[1] * base[1] + base[2] * base[2]);
        toFractional(base[0], base[1], base[2], s);
        double[] w = perpendicularWidths();
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int k = 0; k < 3; k++) {
            double reach = r / w[k] * (1 + 1e-12);
            lo[k] = (int) Math.ceil(-s[k] - reach);
            hi[k] = (int) Math.floor(-s[k] + reach);
        }
        double best = Double.POSITIVE_INFINITY;
        double bx = base[0];
        double by = base[1];
        double bz = base[2];
        for (int i = Math.min(lo[0], 0); i <= Math.max(hi[0], 0); i++) {
            for (int j = Math.min(lo[1], 0); j <= Math.max(hi[1], 0); j++) {
                for (int k = Math.min(lo[2], 0); k <= Math.max(hi[2], 0); k++) {
                    double x = base[0] + m[0] * i + m[1] * j + m[2] * k;
                    double y = base[1] + m[3] * i + m[4] * j + m[5] * k;
                    double z = base[2] + m[6] * i + m[7] * j + m[8] * k;
                    double r2 = x * x + y * y + z * z;
                    if (r2 < best) {
                        best = r2;
                        bx = x;
                        by = y;
                        bz = z;
                    }
                }
            }
        }
        d[0] = bx;
        d[1] = by;
        d[2] = bz;
    }

    /**
     * The cell deformed by x -> (I + e) x, where e is a 3x3 matrix in row-major order. Used for
     * finite-strain virials and cell relaxation.
     */
    public Box deformed(double[] e) {
        double[][] v = {vector(0), vector(1), vector(2)};
        double[][] out = new double[3][3];
        for (int k = 0; k < 3; k++) {
            for (int r = 0; r < 3; r++) {
                out[k][r] = v[k][r] + e[3 * r] * v[k][0] + e[3 * r + 1] * v[k][1] + e[3 * r + 2] * v[k][2];
            }
        }
        return new Box(out[0], out[1], out[2]);
    }

    static double[] cross(double[] u, double[] v) {
        return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    static double norm(double[] u) {
        return Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box && Arrays.equals(m, ((Box) o).m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        return "Box" + Arrays.toString(rows());
    }
}

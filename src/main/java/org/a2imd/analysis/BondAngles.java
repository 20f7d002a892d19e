package org.a2imd.analysis;

import org.a2imd.core.Box;

/**
 * Distribution of the angles j-i-k between the bonds of each atom i to neighbours j, k within a bond
 * cutoff (minimum image; the cutoff must be below half the cell width). For tetrahedral silicon the
 * crystal peaks at 109.47 degrees; the liquid adds a peak near 60 degrees.
 */
public final class BondAngles {
    private final double cutoff;
    private final int bins;
    private final double[] counts;
    private final double[] d = new double[3];
    private double[] bond = new double[0]; // unit bond vectors of the current atom, 3 per neighbour
    private long angles;
    private long bonds;
    private long atoms;

    public BondAngles(double cutoff, int bins) {
        if (!(cutoff > 0) || bins < 1) {
            throw new IllegalArgumentException("need a cutoff > 0 and bins >= 1");
        }
        this.cutoff = cutoff;
        this.bins = bins;
        this.counts = new double[bins];
    }

    public void add(Box box, double[] pos, int n) {
        double c2 = cutoff * cutoff;
        MinimumImage image = new MinimumImage(box);
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                d[0] = pos[3 * j] - pos[3 * i];
                d[1] = pos[3 * j + 1] - pos[3 * i + 1];
                d[2] = pos[3 * j + 2] - pos[3 * i + 2];
                image.apply(d);
                double r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
                if (r2 >= c2 || r2 == 0) {
                    continue;
                }
                if (bond.length < 3 * (m + 1)) {
                    bond = java.util.Arrays.copyOf(bond, Math.max(48, 2 * bond.length));
                }
                double inv = 1 / Math.sqrt(r2);
                bond[3 * m] = d[0] * inv;
                bond[3 * m + 1] = d[1] * inv;
                bond[3 * m + 2] = d[2] * inv;
                m++;
            }
            bonds += m;
            for (int a = 0; a < m; a++) {
                for (int b = a + 1; b < m; b++) {
                    double cos = bond[3 * a] * bond[3 * b] + bond[3 * a + 1] * bond[3 * b + 1]
                            + bond[3 * a + 2] * bond[3 * b + 2];
                    double theta = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
                    counts[Math.min(bins - 1, (int) (theta / 180.0 * bins))]++;
                    angles++;
                }
            }
        }
        atoms += n;
    }

    /** Bin centres in degrees. */
    public double[] theta() {
        double[] t = new double[bins];
        for (int k = 0; k < bins; k++) {
            t[k] = (k + 0.5) * 180.0 / bins;
        }
        return t;
    }

    /** Probability density per degree (integrates to 1). */
    public double[] density() {
        double[] p = new double[bins];
        double w = 180.0 / bins;
        for (int k = 0; k < bins; k++) {
            p[k] = angles == 0 ? 0 : counts[k] / (angles * w);
        }
        return p;
    }

    /** Mean number of neighbours within the cutoff. */
    public double coordination() {
        return atoms == 0 ? 0 : (double) bonds / atoms;
    }

    public double cutoff() {
        return cutoff;
    }
}

package org.a2imd.analysis;

import org.a2imd.core.Box;

/**
 * Partial radial distribution functions g_ab(r) accumulated over frames, by minimum-image distances
 * (so rMax may be at most half the cell's smallest perpendicular width). Normalised as in LAMMPS's
 * compute rdf: g_ab(r) = V n_ab(r) / (N_a N_b' 4 pi r^2 dr) with N_b' = N_b - 1 when a = b, so an ideal
 * gas gives 1 at every r.
 */
public final class Rdf {
    private final int nTypes;
    private final int bins;
    private final double rMax;
    private final double dr;
    /** counts[(a * nTypes + b) * bins + k], ordered pairs, both a-b and b-a. */
    private final double[] counts;
    private final double[] d = new double[3];
    /** Sum over frames of N_a N_b' / V for each ordered pair of types. */
    private final double[] norm;
    /** Sum over frames of the number of atoms of each type (the coordination numbers' denominator). */
    private final double[] typeAtoms;
    private int frames;

    public Rdf(int nTypes, double rMax, int bins) {
        if (nTypes < 1 || !(rMax > 0) || bins < 1) {
            throw new IllegalArgumentException("need at least one type, rMax > 0 and bins >= 1");
        }
        this.nTypes = nTypes;
        this.bins = bins;
        this.rMax = rMax;
        this.dr = rMax / bins;
        this.counts = new double[nTypes * nTypes * bins];
        this.norm = new double[nTypes * nTypes];
        this.typeAtoms = new double[nTypes];
    }

    /** Adds one frame (positions 3n interleaved, any images). */
    public void add(Box box, double[] pos, int[] type, int n) {
        double[] w = box.perpendicularWidths();
        if (rMax > 0.5 * Math.min(w[0], Math.min(w[1], w[2])) + 1e-12) {
            throw new IllegalArgumentException("RDF range " + rMax + " exceeds half the cell width "
                    + 0.5 * Math.min(w[0], Math.min(w[1], w[2])));
        }
        double rMax2 = rMax * rMax;
        MinimumImage image = new MinimumImage(box);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[0] = pos[3 * i] - pos[3 * j];
                d[1] = pos[3 * i + 1] - pos[3 * j + 1];
                d[2] = pos[3 * i + 2] - pos[3 * j + 2];
                image.apply(d);
                double r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
                if (r2 >= rMax2) {
                    continue;
                }
                int k = (int) (Math.sqrt(r2) / dr);
                counts[(type[i] * nTypes + type[j]) * bins + k]++;
                counts[(type[j] * nTypes + type[i]) * bins + k]++;
            }
        }
        int[] count = new int[nTypes];
        for (int i = 0; i < n; i++) {
            count[type[i]]++;
        }
        double v = box.volume();
        for (int a = 0; a < nTypes; a++) {
            typeAtoms[a] += count[a];
            for (int b = 0; b < nTypes; b++) {
                norm[a * nTypes + b] += (double) count[a] * (a == b ? count[b] - 1 : count[b]) / v;
            }
        }
        frames++;
    }

    public int bins() {
        return bins;
    }

    public int frames() {
        return frames;
    }

    public double rMax() {
        return rMax;
    }

    public double binWidth() {
        return dr;
    }

    /**
     * Mean number of b neighbours of an a atom (a or b = -1: any type) closer than {@code rCut}, counting
     * whole bins up to the bin edge nearest rCut. This equals the integral of rho_b g_ab(r) 4 pi r^2 dr to
     * that edge with rho_b = N_b / V (N_b - 1 for a = b), since g is the counts over that normalisation.
     */
    public double coordination(int a, int b, double rCut) {
        int kMax = Math.min(bins, (int) Math.round(rCut / dr));
        double c = 0;
        double centres = 0;
        for (int s = 0; s < nTypes; s++) {
            if (a >= 0 && s != a) {
                continue;
            }
            centres += typeAtoms[s];
            for (int t = 0; t < nTypes; t++) {
                if (b >= 0 && t != b) {
                    continue;
                }
                for (int k = 0; k < kMax; k++) {
                    c += counts[(s * nTypes + t) * bins + k];
                }
            }
        }
        return centres == 0 ? 0 : c / centres;
    }

    /**
     * The first minimum of g after its first peak, as a distance (the upper edge of the minimum's bin, so
     * the shell up to it is whole), or NaN when g only falls to rMax. The search follows a running mean of
     * g over 2h+1 bins (h = max(2, bins/40)), so statistical noise neither starts nor stops it early: from
     * the first bin where the mean exceeds half its largest value, up to the peak, down to the minimum;
     * then the lowest raw bin within h of that.
     */
    public double firstMinimum(double[] g) {
        int h = Math.max(2, bins / 40);
        double[] s = new double[bins];
        double max = 0;
        for (int k = 0; k < bins; k++) {
            int lo = Math.max(0, k - h);
            int hi = Math.min(bins - 1, k + h);
            for (int q = lo; q <= hi; q++) {
                s[k] += g[q];
            }
            s[k] /= hi - lo + 1;
            max = Math.max(max, s[k]);
        }
        if (max == 0) {
            return Double.NaN;
        }
        int k = 0;
        while (s[k] < 0.5 * max) {
            k++;
        }
        while (k + 1 < bins && s[k + 1] >= s[k]) {
            k++;
        }
        while (k + 1 < bins && s[k + 1] <= s[k]) {
            k++;
        }
        if (k + 1 >= bins) {
            return Double.NaN;
        }
        int best = k;
        for (int q = Math.max(0, k - h); q <= Math.min(bins - 1, k + h); q++) {
            if (g[q] < g[best]) {
                best = q;
            }
        }
        return (best + 1) * dr;
    }

    /** Bin centres. */
    public double[] r() {
        double[] r = new double[bins];
        for (int k = 0; k < bins; k++) {
            r[k] = (k + 0.5) * dr;
        }
        return r;
    }

    /** g_ab at the bin centres (shell volumes exact: 4/3 pi (r_hi^3 - r_lo^3)). */
    public double[] g(int a, int b) {
        double[] g = new double[bins];
        double nm = norm[a * nTypes + b];
        if (nm == 0) {
            return g;
        }
        for (int k = 0; k < bins; k++) {
            double lo = k * dr;
            double hi = lo + dr;
            double shell = 4.0 / 3.0 * Math.PI * (hi * hi * hi - lo * lo * lo);
            g[k] = counts[(a * nTypes + b) * bins + k] / (nm * shell);
        }
        return g;
    }

    /** Total g(r) over all atoms regardless of type. */
    public double[] gTotal() {
        double[] g = new double[bins];
        double nm = 0;
        for (double x : norm) {
            nm += x;
        }
        for (int k = 0; k < bins; k++) {
            double c = 0;
            for (int ab = 0; ab < nTypes * nTypes; ab++) {
                c += counts[ab * bins + k];
            }
            double lo = k * dr;
            double hi = lo + dr;
            g[k] = nm == 0 ? 0 : c / (nm * 4.0 / 3.0 * Math.PI * (hi * hi * hi - lo * lo * lo));
        }
        return g;
    }

    /**
     * Integrated absolute difference between two g(r) on the same bins, relative to the integral of the
     * reference: sum |g - g_ref| dr / sum g_ref dr (the "within 2%" measure).
     */
    public static double relativeDifference(double[] g, double[] gRef) {
        double num = 0;
        double den = 0;
        for (int k = 0; k < g.length; k++) {
            num += Math.abs(g[k] - gRef[k]);
            den += Math.abs(gRef[k]);
        }
        return den == 0 ? 0 : num / den;
    }
}

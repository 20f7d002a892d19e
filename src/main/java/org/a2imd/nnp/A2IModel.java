package org.a2imd.nnp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.a2imd.core.Rng;
import org.a2imd.core.Units;

/**
 * An A2I Transformer potential: architecture, fixed constants (radial-basis scales, n0, s_E, e0) and
 * all learned weights in one flat array, so that optimisers treat them uniformly.
 *
 * <p>Weight layout: named segments ({@link #segments()}) at fixed offsets. A matrix segment of shape
 * rows x cols maps an input of width {@code rows} to an output of width {@code cols}:
 * y_o = b_o + sum_i x_i W[i * cols + o] (input-major, so the forward pass runs over contiguous rows).
 * Per block b the segments are Wq, bq, Wk, bk, Wv, bv, beta (H x 4, Legendre l = 0..3), Wo, bo, W1,
 * b1, W2, b2, named "blockb.Wq" and so on; with the angular factor ({@link A2IArchitecture#angularFactor})
 * a segment alpha (H x 3, Legendre l = 1..3) follows beta.
 *
 * <p>Why the angular factor: DESIGN.md lets angles in only through the logit bias sum_l beta_hl P_l(cos),
 * so every attention weight is an exponential of a cubic in cos theta. Stillinger-Weber's three-body term
 * (cos theta + 1/3)^2 = 4/9 + 2/3 P_1 + 2/3 P_2 has a double zero at the tetrahedral angle, where almost
 * every crystal triplet sits; a positive exponential can only approach it through cancellations between
 * heads. The factor 1 + sum_l alpha_hl P_l(cos theta_jim) multiplying a_jm is a polynomial and represents
 * that term in one head exactly (alpha_1 = alpha_2 = 3/2, times 4/9 in the values). alpha starts at 0, so
 * an initialised model is DESIGN.md's network and training switches the factor on.
 *
 * <p>Not trained by gradient and therefore kept outside the weight array: the radial scales (unit
 * RMS basis), n0 (mean neighbour count of the training data), s_E (output scale), e0 (per-species
 * energy offsets, fitted by least squares) and, with the long-range channel, the mean mu_c and spread
 * sigma_c of each long-range feature over the training atoms.
 *
 * <p>Long-range channel ({@link A2IArchitecture#lode}): the readout input is [g_i ; (lambda_i - mu) /
 * sigma], so readout.W1 has d + F rows, the F feature rows after the d rows of g. Without the channel
 * the layout is exactly that of a local model.
 *
 * <p>Choices not fixed by DESIGN.md: the token embedding has no separate bias (c_s[s_i] already is one
 * per centre species); the key projection keeps its bias because without a softmax it scales a whole
 * row of attention weights; the default logit bound is c = 8 (weights at most e^8 / n0); the default
 * radial scale is the analytic unit-RMS value for a uniform neighbour density, which a trainer may
 * replace by the RMS over its data.
 */
public final class A2IModel {
    /** A named slice of the weight array: rows x cols numbers from offset (vectors have rows = 1). */
    public record Segment(String name, int offset, int rows, int cols) {
        public int size() {
            return rows * cols;
        }
    }

    private final A2IArchitecture arch;
    private final Units units;
    private final List<String> species;
    private final double[] weights;
    private final double[] rbfScale;
    private final double[] e0;
    private final double[] lodeMean;
    private final double[] lodeScale;
    private double n0;
    private double energyScale = 1.0;
    /** Optional short-range pair term added to the network's energy, or null. */
    private PairPrior prior;
    private final Map<String, String> provenance = new LinkedHashMap<>();
    private final List<Segment> segments = new ArrayList<>();

    // Offsets of the segments (see class comment).
    final int wr;
    final int es;
    final int cs;
    final int[] wq;
    final int[] bq;
    final int[] wk;
    final int[] bk;
    final int[] wv;
    final int[] bv;
    final int[] beta;
    /** Offsets of the angular-factor segments, -1 without the factor. */
    final int[] alpha;
    final int[] wo;
    final int[] bo;
    final int[] w1;
    final int[] b1;
    final int[] w2;
    final int[] b2;
    final int r1w;
    final int r1b;
    final int r2w;
    final int r2b;
    final int r3w;
    final int r3b;

    /**
     * A model with all weights zero; call {@link #initialise} or fill {@link #weights()}.
     *
     * @param species species names in the order of the model's type indices
     * @param n0 mean neighbour count of the training data (divides attention and readout sums)
     */
    public A2IModel(A2IArchitecture arch, Units units, List<String> species, double n0) {
        if (species.size() != arch.species()) {
            throw new IllegalArgumentException("architecture has " + arch.species() + " species but "
                    + species.size() + " names were given");
        }
        if (!(n0 > 0) || !Double.isFinite(n0)) {
            throw new IllegalArgumentException("n0 must be positive, got " + n0);
        }
        this.arch = arch;
        this.units = units;
        this.species = Collections.unmodifiableList(new ArrayList<>(species));
        this.n0 = n0;
        int d = arch.width();
        int f = arch.ffn();
        int nl = arch.layers();
        rbfScale = new double[arch.radial()];
        e0 = new double[arch.species()];
        lodeMean = new double[arch.longRangeFeatures()];
        lodeScale = new double[arch.longRangeFeatures()];
        Arrays.fill(lodeScale, 1.0);
        wr = add("Wr", arch.radial(), d);
        es = add("e_s", arch.species(), d);
        cs = add("c_s", arch.species(), d);
        wq = new int[nl];
        bq = new int[nl];
        wk = new int[nl];
        bk = new int[nl];
        wv = new int[nl];
        bv = new int[nl];
        beta = new int[nl];
        alpha = new int[nl];
        wo = new int[nl];
        bo = new int[nl];
        w1 = new int[nl];
        b1 = new int[nl];
        w2 = new int[nl];
        b2 = new int[nl];
        for (int b = 0; b < nl; b++) {
            String p = "block" + b + ".";
            wq[b] = add(p + "Wq", d, d);
            bq[b] = add(p + "bq", 1, d);
            wk[b] = add(p + "Wk", d, d);
            bk[b] = add(p + "bk", 1, d);
            wv[b] = add(p + "Wv", d, d);
            bv[b] = add(p + "bv", 1, d);
            beta[b] = add(p + "beta", arch.heads(), 4);
            alpha[b] = arch.angularFactor() ? add(p + "alpha", arch.heads(), 3) : -1;
            wo[b] = add(p + "Wo", d, d);
            bo[b] = add(p + "bo", 1, d);
            w1[b] = add(p + "W1", d, f);
            b1[b] = add(p + "b1", 1, f);
            w2[b] = add(p + "W2", f, d);
            b2[b] = add(p + "b2", 1, d);
        }
        r1w = add("readout.W1", arch.readoutInputs(), arch.hidden1());
        r1b = add("readout.b1", 1, arch.hidden1());
        r2w = add("readout.W2", arch.hidden1(), arch.hidden2());
        r2b = add("readout.b2", 1, arch.hidden2());
        r3w = add("readout.W3", arch.hidden2(), 1);
        r3b = add("readout.b3", 1, 1);
        Segment last = segments.get(segments.size() - 1);
        weights = new double[last.offset() + last.size()];
        Arrays.fill(rbfScale, unitRmsScale(arch.cutoff()));
    }

    private int add(String name, int rows, int cols) {
        int off = 0;
        if (!segments.isEmpty()) {
            Segment last = segments.get(segments.size() - 1);
            off = last.offset() + last.size();
        }
        segments.add(new Segment(name, off, rows, cols));
        return off;
    }

    /**
     * Scale that gives sin(n pi r / r_c) / r unit RMS for neighbours spread uniformly over the cutoff
     * sphere: the mean of sin^2(n pi r / r_c) / r^2 with weight 3 r^2 / r_c^3 is 1.5 / r_c^2 for every n.
     */
    public static double unitRmsScale(double cutoff) {
        return cutoff / Math.sqrt(1.5);
    }

    /**
     * Seeded initialisation as DESIGN.md advises: unit-variance radial pre-activations, species
     * embeddings of size about 0.1, LeCun-normal attention and feed-forward weights, small angular
     * biases (so gradients see angles from the start), a zero angular factor, He-normal readout over the
     * d pooled inputs with the long-range rows at zero, zero biases.
     */
    public void initialise(long seed) {
        Rng rng = new Rng(seed);
        Arrays.fill(weights, 0.0);
        int d = arch.width();
        gauss(rng, wr, arch.radial() * d, 1.0 / Math.sqrt(arch.radial()));
        gauss(rng, es, arch.species() * d, 0.1);
        gauss(rng, cs, arch.species() * d, 0.1);
        double sd = 1.0 / Math.sqrt(d);
        for (int b = 0; b < arch.layers(); b++) {
            gauss(rng, wq[b], d * d, sd);
            gauss(rng, wk[b], d * d, sd);
            gauss(rng, wv[b], d * d, sd);
            gauss(rng, beta[b], arch.heads() * 4, 0.1);
            gauss(rng, wo[b], d * d, sd);
            gauss(rng, w1[b], d * arch.ffn(), sd);
            gauss(rng, w2[b], arch.ffn() * d, 1.0 / Math.sqrt(arch.ffn()));
        }
        // He-normal over the d pooled inputs; the long-range rows (after them) start at zero, so a prepared
        // model begins as the local network (its output scale is fitted to the data's forces without the
        // channel) and training switches the channel on: with random rows the channel's forces dominated
        // the fitted scale and the tiny test training ended 7x worse than without the channel.
        gauss(rng, r1w, d * arch.hidden1(), Math.sqrt(2.0 / d));
        gauss(rng, r2w, arch.hidden1() * arch.hidden2(), Math.sqrt(2.0 / arch.hidden1()));
        gauss(rng, r3w, arch.hidden2(), Math.sqrt(1.0 / arch.hidden2()));
    }

    private void gauss(Rng rng, int off, int n, double sd) {
        for (int k = 0; k < n; k++) {
            weights[off + k] = sd * rng.nextGaussian();
        }
    }

    public A2IArchitecture architecture() {
        return arch;
    }

    public Units units() {
        return units;
    }

    /** Species names in model type order. */
    public List<String> species() {
        return species;
    }

    public double cutoff() {
        return arch.cutoff();
    }

    /** The learned weights (live array; training updates it in place). */
    public double[] weights() {
        return weights;
    }

    /** Number of learned weights. */
    public int parameterCount() {
        return weights.length;
    }

    /** Segments of the weight array in storage order. */
    public List<Segment> segments() {
        return Collections.unmodifiableList(segments);
    }

    /** The segment of a name, or null. */
    public Segment segment(String name) {
        for (Segment s : segments) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Per-function radial scales (live array). */
    public double[] rbfScale() {
        return rbfScale;
    }

    /** Per-species energy offsets e0 (live array, model type order). */
    public double[] e0() {
        return e0;
    }

    /** mu_c, the mean of each long-range feature over the training atoms (live array, length F). */
    public double[] lodeMean() {
        return lodeMean;
    }

    /** sigma_c, the spread of each long-range feature over the training atoms (live array, length F). */
    public double[] lodeScale() {
        return lodeScale;
    }

    public double n0() {
        return n0;
    }

    public void setN0(double n0) {
        if (!(n0 > 0) || !Double.isFinite(n0)) {
            throw new IllegalArgumentException("n0 must be positive, got " + n0);
        }
        this.n0 = n0;
    }

    /** s_E, the fixed output scale of the readout MLP. */
    public double energyScale() {
        return energyScale;
    }

    public void setEnergyScale(double s) {
        if (!Double.isFinite(s)) {
            throw new IllegalArgumentException("energy scale must be finite, got " + s);
        }
        this.energyScale = s;
    }

    /** The short-range prior added to the network's energy, or null (the network alone). */
    public PairPrior prior() {
        return prior;
    }

    /**
     * Sets (or, with null, removes) the short-range prior.
     *
     * @throws IllegalArgumentException when its species count differs or it reaches beyond the cutoff
     *     (the neighbour list would miss pairs it acts on)
     */
    public void setPrior(PairPrior p) {
        if (p != null && (p.species() != arch.species() || p.cutoff() > arch.cutoff())) {
            throw new IllegalArgumentException(p.species() != arch.species()
                    ? "the prior has " + p.species() + " species, the model " + arch.species()
                    : "the prior reaches " + p.cutoff() + ", beyond the model cutoff " + arch.cutoff());
        }
        this.prior = p;
    }

    /** Free-form provenance (data set, training settings, date), written to model files. */
    public Map<String, String> provenance() {
        return provenance;
    }

    /** A deep copy (weights, constants and provenance). */
    public A2IModel copy() {
        A2IModel m = new A2IModel(arch, units, species, n0);
        System.arraycopy(weights, 0, m.weights, 0, weights.length);
        System.arraycopy(rbfScale, 0, m.rbfScale, 0, rbfScale.length);
        System.arraycopy(e0, 0, m.e0, 0, e0.length);
        System.arraycopy(lodeMean, 0, m.lodeMean, 0, lodeMean.length);
        System.arraycopy(lodeScale, 0, m.lodeScale, 0, lodeScale.length);
        m.energyScale = energyScale;
        m.prior = prior;
        m.provenance.putAll(provenance);
        return m;
    }

    /** One line for logs. */
    public String describe() {
        String s = String.format("a2i species %s cutoff %s K %d d %d H %d L %d ffn %d mlp %d-%d params %d",
                String.join(",", species), arch.cutoff(), arch.radial(), arch.width(), arch.heads(),
                arch.layers(), arch.ffn(), arch.hidden1(), arch.hidden2(), parameterCount())
                + (arch.angularFactor() ? " angular factor" : "");
        s = arch.lode() == null ? s : s + " + " + arch.longRangeFeatures() + " long-range features (" + arch.lode()
                + ")";
        return prior == null ? s : s + " + " + prior.describe();
    }
}

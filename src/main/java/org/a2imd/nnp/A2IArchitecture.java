package org.a2imd.nnp;

import org.a2imd.force.ewald.LodeSpec;

/**
 * The sizes and fixed hyper-parameters of an A2I network (everything except the learned weights).
 *
 * @param species number of species the model knows
 * @param cutoff r_c, in the model's length unit
 * @param radial K, number of Bessel radial functions sin(n pi r / r_c) / r
 * @param width d, token width
 * @param heads H, attention heads (d must be a multiple of H)
 * @param layers L, attention blocks
 * @param ffn hidden width of the per-token feed-forward layer W_2 act(W_1 h)
 * @param hidden1 first hidden width of the readout MLP
 * @param hidden2 second hidden width of the readout MLP
 * @param envelopeP exponent p of the polynomial cutoff envelope (C2 at r_c for any p &gt;= 1)
 * @param logitBound c of the smooth logit bound c tanh(logit / c); exp never exceeds e^c
 * @param lode the optional long-range channel: per-atom LODE features (one per exponent, radius and
 *     source species) concatenated to the pooled vector g_i before the readout; null for none
 * @param angularFactor whether each head's attention weights carry the polynomial angular factor
 *     1 + sum_{l=1..3} alpha_hl P_l(cos theta) (see {@link A2IModel}); false gives DESIGN.md's network
 */
public record A2IArchitecture(int species, double cutoff, int radial, int width, int heads, int layers, int ffn,
        int hidden1, int hidden2, int envelopeP, double logitBound, LodeSpec lode, boolean angularFactor) {

    /** A purely local network (no long-range channel) without the angular factor. */
    public A2IArchitecture(int species, double cutoff, int radial, int width, int heads, int layers, int ffn,
            int hidden1, int hidden2, int envelopeP, double logitBound) {
        this(species, cutoff, radial, width, heads, layers, ffn, hidden1, hidden2, envelopeP, logitBound, null);
    }

    /** A network without the angular factor. */
    public A2IArchitecture(int species, double cutoff, int radial, int width, int heads, int layers, int ffn,
            int hidden1, int hidden2, int envelopeP, double logitBound, LodeSpec lode) {
        this(species, cutoff, radial, width, heads, layers, ffn, hidden1, hidden2, envelopeP, logitBound, lode,
                false);
    }

    public A2IArchitecture {
        positive("species", species);
        positive("radial", radial);
        positive("width", width);
        positive("heads", heads);
        positive("ffn", ffn);
        positive("hidden1", hidden1);
        positive("hidden2", hidden2);
        positive("envelope_p", envelopeP);
        if (layers < 0) {
            throw new IllegalArgumentException("layers must not be negative, got " + layers);
        }
        if (width % heads != 0) {
            throw new IllegalArgumentException("width " + width + " is not a multiple of heads " + heads);
        }
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
            throw new IllegalArgumentException("cutoff must be positive, got " + cutoff);
        }
        if (!(logitBound > 0) || !Double.isFinite(logitBound)) {
            throw new IllegalArgumentException("logit bound must be positive, got " + logitBound);
        }
    }

    /** The default sizes of DESIGN.md: K = 16, d = 32, H = 4, L = 2, MLP 32-32, p = 6, c = 8. */
    public static A2IArchitecture defaults(int species, double cutoff) {
        return new A2IArchitecture(species, cutoff, 16, 32, 4, 2, 32, 32, 32, 6, 8.0);
    }

    /** The same sizes with the long-range channel {@code spec} (null: none). */
    public A2IArchitecture withLode(LodeSpec spec) {
        return new A2IArchitecture(species, cutoff, radial, width, heads, layers, ffn, hidden1, hidden2, envelopeP,
                logitBound, spec, angularFactor);
    }

    /** The same sizes with or without the polynomial angular factor. */
    public A2IArchitecture withAngularFactor(boolean on) {
        return new A2IArchitecture(species, cutoff, radial, width, heads, layers, ffn, hidden1, hidden2, envelopeP,
                logitBound, lode, on);
    }

    /** F, the number of long-range features per atom (0 without the channel). */
    public int longRangeFeatures() {
        return lode == null ? 0 : lode.featuresPerAtom(species);
    }

    /** Inputs of the readout MLP: d pooled components, then F normalised long-range features. */
    public int readoutInputs() {
        return width + longRangeFeatures();
    }

    /** Width of one head, d / H. */
    public int headWidth() {
        return width / heads;
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + v);
        }
    }
}

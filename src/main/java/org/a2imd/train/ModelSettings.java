package org.a2imd.train;

import org.a2imd.force.ewald.LodeSpec;
import org.a2imd.nnp.A2IArchitecture;

/**
 * The architecture asked for in a training deck (the species count comes from the data) and the init
 * seed; {@code lode} is the optional long-range channel (null for a local model), {@code angularFactor}
 * the optional polynomial angular factor of the attention weights ({@link A2IArchitecture#angularFactor}).
 */
public record ModelSettings(double cutoff, int radial, int width, int heads, int layers, int ffn, int hidden1,
        int hidden2, int envelopeP, double logitBound, long seed, LodeSpec lode, boolean angularFactor) {

    /** A local model (no long-range channel, no angular factor). */
    public ModelSettings(double cutoff, int radial, int width, int heads, int layers, int ffn, int hidden1,
            int hidden2, int envelopeP, double logitBound, long seed) {
        this(cutoff, radial, width, heads, layers, ffn, hidden1, hidden2, envelopeP, logitBound, seed, null, false);
    }

    /** The settings of an existing architecture (seed 0: its weights come from elsewhere). */
    public static ModelSettings of(A2IArchitecture a) {
        return new ModelSettings(a.cutoff(), a.radial(), a.width(), a.heads(), a.layers(), a.ffn(), a.hidden1(),
                a.hidden2(), a.envelopeP(), a.logitBound(), 0, a.lode(), a.angularFactor());
    }

    /** DESIGN.md's default sizes at this cutoff. */
    public static ModelSettings defaults(double cutoff, long seed) {
        A2IArchitecture a = A2IArchitecture.defaults(1, cutoff);
        return new ModelSettings(cutoff, a.radial(), a.width(), a.heads(), a.layers(), a.ffn(), a.hidden1(),
                a.hidden2(), a.envelopeP(), a.logitBound(), seed);
    }

    /** The same settings with the long-range channel {@code spec} (null: none). */
    public ModelSettings withLode(LodeSpec spec) {
        return new ModelSettings(cutoff, radial, width, heads, layers, ffn, hidden1, hidden2, envelopeP, logitBound,
                seed, spec, angularFactor);
    }

    /** The same settings with another weight-initialisation seed (committee members). */
    public ModelSettings withSeed(long s) {
        return new ModelSettings(cutoff, radial, width, heads, layers, ffn, hidden1, hidden2, envelopeP, logitBound,
                s, lode, angularFactor);
    }

    /** The same settings with or without the angular factor. */
    public ModelSettings withAngularFactor(boolean on) {
        return new ModelSettings(cutoff, radial, width, heads, layers, ffn, hidden1, hidden2, envelopeP, logitBound,
                seed, lode, on);
    }

    public A2IArchitecture architecture(int species) {
        return new A2IArchitecture(species, cutoff, radial, width, heads, layers, ffn, hidden1, hidden2, envelopeP,
                logitBound, lode, angularFactor);
    }
}

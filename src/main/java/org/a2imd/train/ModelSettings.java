package org.a2imd.train;

import org.a2imd.nnp.A2IArchitecture;

/** The architecture asked for in a training deck (the species count comes from the data) and the init seed. */
public record ModelSettings(double cutoff, int radial, int width, int heads, int layers, int ffn, int hidden1,
        int hidden2, int envelopeP, double logitBound, long seed) {

    /** DESIGN.md's default sizes at this cutoff. */
    public static ModelSettings defaults(double cutoff, long seed) {
        A2IArchitecture a = A2IArchitecture.defaults(1, cutoff);
        return new ModelSettings(cutoff, a.radial(), a.width(), a.heads(), a.layers(), a.ffn(), a.hidden1(),
                a.hidden2(), a.envelopeP(), a.logitBound(), seed);
    }

    public A2IArchitecture architecture(int species) {
        return new A2IArchitecture(species, cutoff, radial, width, heads, layers, ffn, hidden1, hidden2, envelopeP,
                logitBound);
    }
}

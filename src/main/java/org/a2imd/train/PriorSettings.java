package org.a2imd.train;

import java.util.Map;
import org.a2imd.nnp.PairPrior;

/**
 * A training deck's "prior" command: the form and what the deck fixes; the rest is fitted to the training
 * data by {@link PriorFit}. {@code onset} and {@code strength} (wall) are NaN when to be fitted; {@code z}
 * (zbl) maps species names to atomic numbers, others are taken from element names.
 */
public record PriorSettings(PairPrior.Form form, double onset, double strength, double inner, double outer,
        Map<String, Integer> z) {
    /** A wall with everything fitted. */
    public static PriorSettings wall() {
        return new PriorSettings(PairPrior.Form.WALL, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of());
    }
}

package org.a2imd.nnp;

import org.a2imd.force.ewald.AtomFeatures;
import org.a2imd.force.ewald.LodeFeatures;
import org.a2imd.force.ewald.LodeSpec;

/**
 * Where the A2I long-range channel gets its feature calculator: a {@link Factory} turns the model's
 * {@link LodeSpec} into an {@link AtomFeatures} (one instance per force field, since a calculator
 * caches the state of its last configuration). {@link #LODE} is the production choice; tests may
 * pass another factory to {@link A2IForceField} and the trainer.
 */
public final class LongRangeFeatures {
    /** Makes the calculator of a spec for a model with {@code species} species. */
    @FunctionalInterface
    public interface Factory {
        AtomFeatures create(LodeSpec spec, int species);
    }

    /** Generalized LODE features (force.ewald.LodeFeatures). */
    public static final Factory LODE = LongRangeFeatures::lode;

    private LongRangeFeatures() {
    }

    /** The one place that names the production LODE implementation. */
    private static AtomFeatures lode(LodeSpec spec, int species) {
        return new LodeFeatures(spec, species);
    }
}

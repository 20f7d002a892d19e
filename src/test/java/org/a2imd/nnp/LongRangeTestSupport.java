package org.a2imd.nnp;

import org.a2imd.core.AtomState;
import org.a2imd.core.Rng;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ewald.AtomFeatures;
import org.a2imd.force.ewald.LodeSpec;

/** Models and feature calculators for the tests of the A2I long-range channel. */
public final class LongRangeTestSupport {
    /**
     * The feature calculator every long-range test uses: the production LODE features
     * ({@link PairGaussFeatures}, a pairwise stand-in with exact adjoints, remains for plumbing checks).
     */
    public static final LongRangeFeatures.Factory FEATURES = LongRangeFeatures.LODE;

    private LongRangeTestSupport() {
    }

    /** Two exponents, two radii: F = 4 per species. */
    public static LodeSpec spec() {
        // accuracy 1e-12: a truncated k-sum changes by ~accuracy when a strain moves k-vectors across the
        // cut-off, which finite-strain derivatives would see
        return new LodeSpec(new int[] {1, 3}, new double[] {0.5, 0.8}, 1e-12);
    }

    /** {@link A2ITestSupport#smallModel} with the channel, its new readout rows random like the rest. */
    static A2IModel smallModel(int species, double cutoff, long seed) {
        A2IModel local = A2ITestSupport.smallModel(species, cutoff, seed);
        A2IModel m = new A2IModel(local.architecture().withLode(spec()), local.units(), local.species(), local.n0());
        m.initialise(seed);
        Rng rng = new Rng(seed + 1);
        double[] w = m.weights();
        for (int k = 0; k < w.length; k++) {
            w[k] += 0.25 * rng.nextGaussian();
        }
        System.arraycopy(local.e0(), 0, m.e0(), 0, species);
        m.setEnergyScale(local.energyScale());
        return m;
    }

    /** Sets mu and sigma of the model from the features of one configuration (as preparation would). */
    static void fitNormalisation(A2IModel m, AtomState s, WorkerPool pool) {
        int nf = m.architecture().longRangeFeatures();
        AtomFeatures f = FEATURES.create(m.architecture().lode(), m.architecture().species());
        double[] lam = new double[s.n * nf];
        f.compute(s.pos, s.type, s.n, s.box(), lam, pool);
        for (int c = 0; c < nf; c++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < s.n; i++) {
                sum += lam[i * nf + c];
                sq += lam[i * nf + c] * lam[i * nf + c];
            }
            double mean = sum / s.n;
            double sd = Math.sqrt(Math.max(0, sq / s.n - mean * mean));
            m.lodeMean()[c] = mean;
            m.lodeScale()[c] = sd > 1e-12 ? sd : 1.0;
        }
    }

    static A2IForceField field(A2IModel m) {
        return new A2IForceField(m, null, FEATURES);
    }
}

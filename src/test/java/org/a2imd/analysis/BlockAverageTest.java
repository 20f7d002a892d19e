package org.a2imd.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.a2imd.core.Rng;
import org.junit.jupiter.api.Test;

/** The block-average standard error against what it must give on independent and on correlated series. */
class BlockAverageTest {
    @Test
    void independentSamplesGiveSigmaOverRootN() {
        Rng rng = new Rng(1);
        double[] x = new double[100_000];
        for (int k = 0; k < x.length; k++) {
            x[k] = 2 + 3 * rng.nextGaussian();
        }
        BlockAverage b = BlockAverage.of(x, 20);
        double want = 3 / Math.sqrt(x.length);
        System.out.printf("independent: SE %.4g, sigma/sqrt(n) %.4g%n", b.stdError(), want);
        // 20 blocks: the estimate's own relative error is about 1/sqrt(38) = 16%.
        assertEquals(want, b.stdError(), 0.5 * want);
        assertEquals(2, b.mean(), 5 * want);
    }

    @Test
    void correlatedSamplesGiveTheLargerTrueError() {
        // AR(1) with phi = 0.95: the variance of the mean is (1 + phi) / (1 - phi) = 39 times the naive one.
        Rng rng = new Rng(2);
        double phi = 0.95;
        double[] x = new double[200_000];
        double v = 0;
        for (int k = 0; k < x.length; k++) {
            v = phi * v + rng.nextGaussian();
            x[k] = v;
        }
        double sigma = 1 / Math.sqrt(1 - phi * phi);
        double want = sigma * Math.sqrt((1 + phi) / (1 - phi) / x.length);
        BlockAverage b = BlockAverage.of(x, 20);
        System.out.printf("AR(1): SE %.4g, exact %.4g, naive %.4g%n", b.stdError(), want, sigma / Math.sqrt(x.length));
        assertEquals(want, b.stdError(), 0.5 * want);
        assertTrue(Double.isNaN(BlockAverage.of(new double[] {1}).stdError()));
    }
}

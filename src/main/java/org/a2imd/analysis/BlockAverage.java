package org.a2imd.analysis;

/**
 * Mean of a correlated time series with its standard error from block averages: the last
 * {@code blocks * len} samples (len = n / blocks) are cut into {@code blocks} consecutive blocks, and the
 * error is std(block means) / sqrt(blocks). Blocks much longer than the correlation time make the block
 * means independent; with few samples the error is itself uncertain (relative error ~ 1/sqrt(2 (blocks-1))).
 *
 * @param mean mean over all samples
 * @param stdError standard error of the mean from the blocks (NaN with fewer than 2 blocks)
 * @param blocks number of blocks used
 */
public record BlockAverage(double mean, double stdError, int blocks) {
    /** Default number of blocks. */
    public static final int BLOCKS = 10;

    public static BlockAverage of(double[] x) {
        return of(x, BLOCKS);
    }

    public static BlockAverage of(double[] x, int blocks) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        int nb = Math.min(blocks, n);
        if (nb < 2) {
            return new BlockAverage(mean, Double.NaN, nb);
        }
        int len = n / nb;
        int start = n - nb * len;
        double[] bm = new double[nb];
        double all = 0;
        for (int b = 0; b < nb; b++) {
            double s = 0;
            for (int k = 0; k < len; k++) {
                s += x[start + b * len + k];
            }
            bm[b] = s / len;
            all += bm[b];
        }
        all /= nb;
        double var = 0;
        for (double m : bm) {
            var += (m - all) * (m - all);
        }
        var /= nb - 1;
        return new BlockAverage(mean, Math.sqrt(var / nb), nb);
    }
}

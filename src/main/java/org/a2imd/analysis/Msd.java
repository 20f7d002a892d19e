package org.a2imd.analysis;

/**
 * Mean-squared displacement from equally spaced frames of unwrapped positions, averaged over atoms and
 * over all time origins, and the self-diffusion coefficient from the Einstein relation
 * MSD(t) = 6 D t, fitted by least squares over the later half of the lags (past the ballistic regime).
 */
public final class Msd {
    private Msd() {
    }

    /**
     * @param frames unwrapped positions, frames[f][3i + c], equally spaced in time
     * @param maxLag the largest lag (in frames) to compute
     * @return msd[lag] for lag = 0..maxLag
     */
    public static double[] compute(double[][] frames, int maxLag) {
        int nf = frames.length;
        if (maxLag < 0 || maxLag >= nf) {
            throw new IllegalArgumentException("maxLag must be in 0.." + (nf - 1));
        }
        double[] msd = new double[maxLag + 1];
        for (int lag = 1; lag <= maxLag; lag++) {
            double sum = 0;
            int origins = nf - lag;
            for (int t0 = 0; t0 < origins; t0++) {
                double[] a = frames[t0];
                double[] b = frames[t0 + lag];
                for (int k = 0; k < a.length; k++) {
                    double dx = b[k] - a[k];
                    sum += dx * dx;
                }
            }
            msd[lag] = sum / (origins * (frames[0].length / 3.0));
        }
        return msd;
    }

    /** D from the slope of msd against time over lags maxLag/2..maxLag (dt = time between frames). */
    public static double diffusion(double[] msd, double dt) {
        return fit(msd, dt).diffusion();
    }

    /**
     * The Einstein fit MSD = 6 D t + c over lags lo..hi (in frames): D and the window it used.
     *
     * @param diffusion D = slope / 6
     * @param intercept c (the ballistic offset)
     * @param fromLag first lag of the window
     * @param toLag last lag of the window
     */
    public record Fit(double diffusion, double intercept, int fromLag, int toLag) {
    }

    /** The fit over the later half of the lags, maxLag/2..maxLag (past the ballistic regime). */
    public static Fit fit(double[] msd, double dt) {
        int hi = msd.length - 1;
        return fit(msd, dt, Math.max(1, hi / 2), hi);
    }

    public static Fit fit(double[] msd, double dt, int lo, int hi) {
        if (hi - lo < 1 || lo < 0 || hi >= msd.length) {
            throw new IllegalArgumentException("need at least 3 lags to fit a diffusion coefficient");
        }
        double tm = 0;
        double mm = 0;
        int m = hi - lo + 1;
        for (int k = lo; k <= hi; k++) {
            tm += k * dt;
            mm += msd[k];
        }
        tm /= m;
        mm /= m;
        double stt = 0;
        double stm = 0;
        for (int k = lo; k <= hi; k++) {
            stt += (k * dt - tm) * (k * dt - tm);
            stm += (k * dt - tm) * (msd[k] - mm);
        }
        double slope = stm / stt;
        return new Fit(slope / 6.0, mm - slope * tm, lo, hi);
    }
}

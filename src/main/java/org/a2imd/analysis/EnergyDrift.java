package org.a2imd.analysis;

/**
 * NVE energy-conservation figures from a series of total energies: the least-squares drift per atom
 * per time unit, the RMS fluctuation per atom about that line, and the drift over the whole run divided
 * by the standard deviation of the kinetic energy (a dimensionless figure that does not depend on
 * system size).
 */
public record EnergyDrift(double slopePerAtom, double rmsPerAtom, double driftOverKineticStd, int samples) {

    /**
     * @param time sample times
     * @param total total (or conserved) energy at each sample
     * @param kinetic kinetic energy at each sample
     * @param atoms number of atoms
     */
    public static EnergyDrift of(double[] time, double[] total, double[] kinetic, int atoms) {
        int m = time.length;
        if (m < 3 || total.length != m || kinetic.length != m) {
            throw new IllegalArgumentException("need at least 3 samples of time, total and kinetic energy");
        }
        double tMean = 0;
        double eMean = 0;
        for (int k = 0; k < m; k++) {
            tMean += time[k];
            eMean += total[k];
        }
        tMean /= m;
        eMean /= m;
        double stt = 0;
        double ste = 0;
        for (int k = 0; k < m; k++) {
            stt += (time[k] - tMean) * (time[k] - tMean);
            ste += (time[k] - tMean) * (total[k] - eMean);
        }
        double slope = ste / stt;
        double rss = 0;
        for (int k = 0; k < m; k++) {
            double r = total[k] - (eMean + slope * (time[k] - tMean));
            rss += r * r;
        }
        double kMean = 0;
        for (double v : kinetic) {
            kMean += v;
        }
        kMean /= m;
        double kVar = 0;
        for (double v : kinetic) {
            kVar += (v - kMean) * (v - kMean);
        }
        double kStd = Math.sqrt(kVar / (m - 1));
        double span = time[m - 1] - time[0];
        return new EnergyDrift(slope / atoms, Math.sqrt(rss / m) / atoms, slope * span / kStd, m);
    }
}

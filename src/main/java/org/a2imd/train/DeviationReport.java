package org.a2imd.train;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.a2imd.nnp.CommitteeForceField;
import org.a2imd.nnp.ModelDeviation;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Does a committee's model deviation predict its true error? Collected frame by frame while an
 * {@link ErrorReport} evaluates the committee (the mean) on labelled data: per frame the largest per-atom
 * force deviation (max_i sigma_i, DeePMD's max_devi_f) and the largest force error of the mean
 * (max_i |F_i - F_ref,i|), the energy deviation (std over members of E^m/N) and the energy error per atom
 * (predicted - reference); per atom sigma_i and |F_i - F_ref,i|.
 *
 * <p>The summary gives rank (Spearman) and linear (Pearson) correlations, and for an error threshold the
 * fraction of frames above it that the deviation flags (max_devi_f >= deviation threshold, as a frame at or
 * above DeePMD's lo is not "accurate") and the false-alarm fraction: flagged frames among those at or below
 * the error threshold.
 */
public final class DeviationReport implements ErrorReport.FrameListener {
    private final CommitteeForceField committee;
    private int frames;
    private int[] atoms = new int[16];
    private double[] maxDev = new double[16];
    private double[] maxErr = new double[16];
    private double[] devE = new double[16];
    private double[] eErr = new double[16];
    private int atomCount;
    private double[] atomDev = new double[256];
    private double[] atomErr = new double[256];

    public DeviationReport(CommitteeForceField committee) {
        this.committee = committee;
    }

    @Override
    public void frame(int index, TrainingFrame f, double energy, double[] localForces) {
        ModelDeviation d = committee.deviation();
        int n = f.atoms;
        if (d.atoms() != n) {
            throw new IllegalStateException("the committee's deviation is of " + d.atoms() + " atoms, the frame has " + n);
        }
        if (frames == atoms.length) {
            int c = 2 * frames;
            atoms = Arrays.copyOf(atoms, c);
            maxDev = Arrays.copyOf(maxDev, c);
            maxErr = Arrays.copyOf(maxErr, c);
            devE = Arrays.copyOf(devE, c);
            eErr = Arrays.copyOf(eErr, c);
        }
        atoms[frames] = n;
        maxDev[frames] = d.maxForce();
        devE[frames] = d.energy();
        eErr[frames] = f.hasEnergy() ? (energy - f.energy) / n : Double.NaN;
        double worst = Double.NaN;
        if (f.forces != null) {
            if (atomCount + n > atomDev.length) {
                int c = Math.max(2 * atomDev.length, atomCount + n);
                atomDev = Arrays.copyOf(atomDev, c);
                atomErr = Arrays.copyOf(atomErr, c);
            }
            double[] sigma = d.perAtom();
            worst = 0;
            for (int i = 0; i < n; i++) {
                double dx = localForces[3 * i] - f.forces[3 * i];
                double dy = localForces[3 * i + 1] - f.forces[3 * i + 1];
                double dz = localForces[3 * i + 2] - f.forces[3 * i + 2];
                double e = Math.sqrt(dx * dx + dy * dy + dz * dz);
                worst = Math.max(worst, e);
                atomDev[atomCount] = sigma[i];
                atomErr[atomCount] = e;
                atomCount++;
            }
        }
        maxErr[frames] = worst;
        frames++;
    }

    public int frames() {
        return frames;
    }

    /** Per frame: max_i sigma_i. */
    public double[] maxDeviation() {
        return Arrays.copyOf(maxDev, frames);
    }

    /** Per frame: max_i |F_i - F_ref,i| of the committee mean, NaN for frames without reference forces. */
    public double[] maxForceError() {
        return Arrays.copyOf(maxErr, frames);
    }

    /** Per frame: the energy deviation, std over members of E^m / N. */
    public double[] energyDeviation() {
        return Arrays.copyOf(devE, frames);
    }

    /** Per frame: (E_mean - E_ref) / N, NaN for frames without a reference energy. */
    public double[] energyErrorPerAtom() {
        return Arrays.copyOf(eErr, frames);
    }

    /** Per atom of the frames with reference forces, in order: sigma_i. */
    public double[] atomDeviation() {
        return Arrays.copyOf(atomDev, atomCount);
    }

    /** Per atom of the frames with reference forces, in order: |F_i - F_ref,i|. */
    public double[] atomForceError() {
        return Arrays.copyOf(atomErr, atomCount);
    }

    /**
     * The summary statistics. {@code errorThreshold} null: the median per-frame max force error;
     * {@code deviationThreshold} null: the error threshold's value.
     */
    public Summary summary(Double errorThreshold, Double deviationThreshold) {
        int m = 0;
        double[] dev = new double[frames];
        double[] err = new double[frames];
        for (int k = 0; k < frames; k++) {
            if (!Double.isNaN(maxErr[k])) {
                dev[m] = maxDev[k];
                err[m] = maxErr[k];
                m++;
            }
        }
        dev = Arrays.copyOf(dev, m);
        err = Arrays.copyOf(err, m);
        int me = 0;
        double[] de = new double[frames];
        double[] ee = new double[frames];
        for (int k = 0; k < frames; k++) {
            if (!Double.isNaN(eErr[k])) {
                de[me] = devE[k];
                ee[me] = Math.abs(eErr[k]);
                me++;
            }
        }
        Summary s = Summary.of(dev, err, errorThreshold, deviationThreshold);
        double[] ad = atomDeviation();
        double[] ae = atomForceError();
        return new Summary(s.frames(), s.spearman(), s.pearson(), atomCount, spearmanOf(ad, ae), pearsonOf(ad, ae), me,
                spearmanOf(Arrays.copyOf(de, me), Arrays.copyOf(ee, me)), s.errorThreshold(), s.errorThresholdIsMedian(),
                s.deviationThreshold(), s.deviationThresholdIsErrorThreshold(), s.above(), s.flaggedAbove(),
                s.atOrBelow(), s.flaggedAtOrBelow());
    }

    /**
     * Deviation against error. Frame counts: {@code above} frames have max force error above the error
     * threshold, {@code flaggedAbove} of them max deviation at or above the deviation threshold; likewise
     * for the frames at or below the error threshold (the flagged ones are false alarms). Correlations are
     * NaN with fewer than three pairs or a constant series.
     */
    public record Summary(int frames, double spearman, double pearson, long atoms, double atomSpearman,
            double atomPearson, int energyFrames, double energySpearman, double errorThreshold,
            boolean errorThresholdIsMedian, double deviationThreshold, boolean deviationThresholdIsErrorThreshold,
            int above, int flaggedAbove, int atOrBelow, int flaggedAtOrBelow) {
        /** Frame statistics alone (no per-atom or energy pairs) of per-frame max deviations and max errors. */
        public static Summary of(double[] maxDev, double[] maxErr, Double errorThreshold, Double deviationThreshold) {
            int n = maxDev.length;
            double et = errorThreshold != null ? errorThreshold : median(maxErr);
            double dt = deviationThreshold != null ? deviationThreshold : et;
            int above = 0;
            int flaggedAbove = 0;
            int below = 0;
            int flaggedBelow = 0;
            for (int k = 0; k < n; k++) {
                boolean flagged = maxDev[k] >= dt;
                if (maxErr[k] > et) {
                    above++;
                    flaggedAbove += flagged ? 1 : 0;
                } else {
                    below++;
                    flaggedBelow += flagged ? 1 : 0;
                }
            }
            return new Summary(n, spearmanOf(maxDev, maxErr), pearsonOf(maxDev, maxErr), 0, Double.NaN, Double.NaN, 0,
                    Double.NaN, et, errorThreshold == null, dt, deviationThreshold == null, above, flaggedAbove, below,
                    flaggedBelow);
        }

        /** Fraction of frames above the error threshold that the deviation flags (NaN when none is above). */
        public double flaggedFraction() {
            return above == 0 ? Double.NaN : (double) flaggedAbove / above;
        }

        /** Fraction of frames at or below the error threshold that the deviation flags (NaN when none is). */
        public double falseAlarmFraction() {
            return atOrBelow == 0 ? Double.NaN : (double) flaggedAtOrBelow / atOrBelow;
        }
    }

    /** Median (mean of the two middle values for an even count); NaN when empty. */
    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : 0.5 * (s[h - 1] + s[h]);
    }

    static double spearmanOf(double[] x, double[] y) {
        return x.length < 3 ? Double.NaN : new SpearmansCorrelation().correlation(x, y);
    }

    static double pearsonOf(double[] x, double[] y) {
        return x.length < 3 ? Double.NaN : new PearsonsCorrelation().correlation(x, y);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** The text section that follows the committee's error report. */
    public String text(Summary s, String forceUnit, String energyUnit) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "model deviation against the true error (committee of %d, mean forces)%n",
                committee.size()));
        if (s.frames() == 0) {
            sb.append("no frame has reference forces: only the deviation is reported (PREFIX-deviation.csv)\n");
            return sb.toString();
        }
        sb.append(String.format(Locale.ROOT, "per frame, max_devi_f vs max force error (%d frames): Spearman %s, "
                + "Pearson %s%n", s.frames(), fmt(s.spearman()), fmt(s.pearson())));
        sb.append(String.format(Locale.ROOT, "per atom, sigma_i vs |F_i - F_ref,i| (%d atoms): Spearman %s, "
                + "Pearson %s%n", s.atoms(), fmt(s.atomSpearman()), fmt(s.atomPearson())));
        if (s.energyFrames() > 0) {
            sb.append(String.format(Locale.ROOT, "per frame, devi_e vs |energy error|/atom (%d frames): Spearman %s%n",
                    s.energyFrames(), fmt(s.energySpearman())));
        }
        sb.append(String.format(Locale.ROOT, "error threshold %.5g %s (%s), deviation threshold %.5g %s (%s)%n",
                s.errorThreshold(), forceUnit, s.errorThresholdIsMedian() ? "median max force error" : "given",
                s.deviationThreshold(), forceUnit, s.deviationThresholdIsErrorThreshold() ? "= error threshold" : "given"));
        sb.append(String.format(Locale.ROOT, "flagged (max_devi_f >= deviation threshold): %d of %d frames above the "
                + "error threshold (%s), false alarms %d of %d at or below it (%s)%n", s.flaggedAbove(), s.above(),
                fmt(s.flaggedFraction()), s.flaggedAtOrBelow(), s.atOrBelow(), fmt(s.falseAlarmFraction())));
        double[] d = maxDeviation();
        sb.append(String.format(Locale.ROOT, "max_devi_f over frames: min %.5g, median %.5g, max %.5g %s%n",
                Arrays.stream(d).min().orElse(Double.NaN), median(d), Arrays.stream(d).max().orElse(Double.NaN),
                forceUnit));
        return sb.toString();
    }

    /** The "deviation" JSON member (a line starting ",\n  "), for {@link ErrorReport#json(String, String, String, String)}. */
    public String json(Summary s, String csvFile) {
        StringBuilder sb = new StringBuilder(",\n  \"deviation\": {");
        String[] keys = {"frames_with_forces", "spearman_max_devi_f_vs_max_force_error",
            "pearson_max_devi_f_vs_max_force_error", "atoms_with_forces", "spearman_atom_devi_f_vs_atom_force_error",
            "pearson_atom_devi_f_vs_atom_force_error", "frames_with_energy",
            "spearman_devi_e_vs_abs_energy_error_per_atom", "error_threshold", "deviation_threshold",
            "frames_above_error_threshold", "flagged_above_error_threshold", "flagged_fraction",
            "frames_at_or_below_error_threshold", "flagged_at_or_below_error_threshold", "false_alarm_fraction"};
        String[] vals = {Integer.toString(s.frames()), ErrorReport.num(s.spearman()), ErrorReport.num(s.pearson()),
            Long.toString(s.atoms()), ErrorReport.num(s.atomSpearman()), ErrorReport.num(s.atomPearson()),
            Integer.toString(s.energyFrames()), ErrorReport.num(s.energySpearman()),
            ErrorReport.num(s.errorThreshold()), ErrorReport.num(s.deviationThreshold()),
            Integer.toString(s.above()), Integer.toString(s.flaggedAbove()), ErrorReport.num(s.flaggedFraction()),
            Integer.toString(s.atOrBelow()), Integer.toString(s.flaggedAtOrBelow()),
            ErrorReport.num(s.falseAlarmFraction())};
        for (int k = 0; k < keys.length; k++) {
            sb.append(k == 0 ? "\n    " : ",\n    ").append('"').append(keys[k]).append("\": ").append(vals[k]);
        }
        sb.append(",\n    \"error_threshold_source\": ")
                .append(ErrorReport.quote(s.errorThresholdIsMedian() ? "median max_force_error" : "option"));
        sb.append(",\n    \"deviation_threshold_source\": ")
                .append(ErrorReport.quote(s.deviationThresholdIsErrorThreshold() ? "error_threshold" : "option"));
        if (csvFile != null) {
            sb.append(",\n    \"per_frame_csv\": ").append(ErrorReport.quote(csvFile));
        }
        sb.append("\n  }");
        return sb.toString();
    }

    /** One line per frame: frame (1-based, file order), atoms, max_devi_f, max_force_error, devi_e, energy_error_per_atom. */
    public String csv() {
        StringBuilder sb = new StringBuilder("frame,atoms,max_devi_f,max_force_error,devi_e,energy_error_per_atom\n");
        for (int k = 0; k < frames; k++) {
            sb.append(k + 1).append(',').append(atoms[k]).append(',').append(g(maxDev[k])).append(',')
                    .append(g(maxErr[k])).append(',').append(g(devE[k])).append(',').append(g(eErr[k])).append('\n');
        }
        return sb.toString();
    }

    private static String g(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.8g", v);
    }

    /**
     * Scatter of per-frame max deviation (x) against max force error (y), with y = x and both thresholds;
     * log-log when all values are positive and either spans more than a factor 30.
     */
    public void plot(Summary s, String forceUnit, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int m = 0;
        double[] xs = new double[frames];
        double[] ys = new double[frames];
        for (int k = 0; k < frames; k++) {
            if (!Double.isNaN(maxErr[k]) && Double.isFinite(maxDev[k])) {
                xs[m] = maxDev[k];
                ys[m] = maxErr[k];
                m++;
            }
        }
        if (m == 0) {
            return;
        }
        xs = Arrays.copyOf(xs, m);
        ys = Arrays.copyOf(ys, m);
        double xlo = Arrays.stream(xs).min().getAsDouble();
        double xhi = Arrays.stream(xs).max().getAsDouble();
        double ylo = Arrays.stream(ys).min().getAsDouble();
        double yhi = Arrays.stream(ys).max().getAsDouble();
        boolean log = xlo > 0 && ylo > 0 && (xhi / xlo > 30 || yhi / ylo > 30);
        double lo = Math.min(xlo, ylo);
        double hi = Math.max(xhi, yhi);
        if (s.deviationThreshold() > 0 || !log) {
            lo = Math.min(lo, s.deviationThreshold());
            hi = Math.max(hi, s.deviationThreshold());
        }
        if (s.errorThreshold() > 0 || !log) {
            lo = Math.min(lo, s.errorThreshold());
            hi = Math.max(hi, s.errorThreshold());
        }
        if (!log) {
            lo = Math.min(lo, 0);
        }
        XYChart chart = new XYChartBuilder().width(700).height(650)
                .title(String.format(Locale.ROOT, "Committee deviation vs error (%d frames, Spearman %s)", m,
                        fmt(s.spearman())))
                .xAxisTitle("max_i sigma_i (max_devi_f) [" + forceUnit + "]")
                .yAxisTitle("max_i |F_i - F_ref,i| [" + forceUnit + "]").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setXAxisLogarithmic(log);
        chart.getStyler().setYAxisLogarithmic(log);
        String pattern = hi >= 1e4 || (hi < 1e-2 && hi > 0) ? "0.#E0" : hi >= 100 ? "0" : hi >= 1 ? "0.##" : "0.###";
        chart.getStyler().setXAxisDecimalPattern(pattern);
        chart.getStyler().setYAxisDecimalPattern(pattern);
        chart.getStyler().setXAxisMin(lo);
        chart.getStyler().setXAxisMax(hi);
        chart.getStyler().setYAxisMin(lo);
        chart.getStyler().setYAxisMax(hi);
        line(chart, "y = x", new double[] {lo, hi}, new double[] {lo, hi}, Color.GRAY);
        if (s.deviationThreshold() > 0 || !log) {
            line(chart, String.format(Locale.ROOT, "deviation threshold %.3g", s.deviationThreshold()),
                    new double[] {s.deviationThreshold(), s.deviationThreshold()}, new double[] {lo, hi}, Color.RED);
        }
        if (s.errorThreshold() > 0 || !log) {
            line(chart, String.format(Locale.ROOT, "error threshold %.3g", s.errorThreshold()), new double[] {lo, hi},
                    new double[] {s.errorThreshold(), s.errorThreshold()}, Color.BLUE);
        }
        chart.addSeries("frames", xs, ys).setMarker(SeriesMarkers.CIRCLE);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color c) {
        XYSeries l = chart.addSeries(name, x, y);
        l.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        l.setMarker(SeriesMarkers.NONE);
        l.setLineColor(c);
    }
}

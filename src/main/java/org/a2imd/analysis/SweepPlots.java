package org.a2imd.analysis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNGs of a timestep sweep of one system: the total energy per atom against time for each timestep (one
 * panel per engine, same axes), and the RMS fluctuation against the timestep on log-log axes with a dt^2
 * guide line.
 */
public final class SweepPlots {
    /** At most this many points per curve (evenly strided), to keep the files small. */
    static final int MAX_POINTS = 1000;
    static final int WIDTH = 800;

    private SweepPlots() {
    }

    /** Series grouped by engine (in first-seen order), each group sorted by timestep. */
    public static Map<String, List<EnergySeries>> byEngine(List<EnergySeries> series) {
        Map<String, List<EnergySeries>> m = new LinkedHashMap<>();
        for (EnergySeries s : series) {
            m.computeIfAbsent(s.engine(), k -> new ArrayList<>()).add(s);
        }
        m.values().forEach(l -> l.sort(Comparator.comparingDouble(EnergySeries::dt)));
        return m;
    }

    /** E_total/N - E_total/N(0) against time; one panel per engine, stacked, with a common y range. */
    public static void energyAgainstTime(String system, List<EnergySeries> series, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, List<EnergySeries>> groups = byEngine(series);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (EnergySeries s : series) {
            for (double e : s.energy()) {
                lo = Math.min(lo, e - s.energy()[0]);
                hi = Math.max(hi, e - s.energy()[0]);
            }
        }
        double pad = 0.05 * Math.max(hi - lo, 1e-300);
        int height = groups.size() == 1 ? 500 : 320;
        List<BufferedImage> panels = new ArrayList<>();
        for (var g : groups.entrySet()) {
            EnergySeries first = g.getValue().get(0);
            XYChart chart = new XYChartBuilder().width(WIDTH).height(height)
                    .title(system + ", " + g.getKey() + ": total energy per atom, NVE, by timestep")
                    .xAxisTitle("time [" + first.timeUnit() + "]")
                    .yAxisTitle("E/N - E/N(0) [" + first.energyUnit() + "]").build();
            chart.getStyler().setMarkerSize(0);
            chart.getStyler().setYAxisMin(lo - pad);
            chart.getStyler().setYAxisMax(hi + pad);
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
            chart.getStyler().setYAxisDecimalPattern("0.0E0");
            for (EnergySeries s : g.getValue()) {
                int m = s.samples();
                int stride = Math.max(1, (m + MAX_POINTS - 1) / MAX_POINTS);
                int n = (m + stride - 1) / stride;
                double[] x = new double[n];
                double[] y = new double[n];
                for (int k = 0; k < n; k++) {
                    x[k] = s.time()[k * stride];
                    y[k] = s.energy()[k * stride] - s.energy()[0];
                }
                XYSeries line = chart.addSeries("dt " + fmt(s.dt()), x, y);
                line.setMarker(SeriesMarkers.NONE);
                line.setLineWidth(1.2f);
            }
            panels.add(BitmapEncoder.getBufferedImage(chart));
        }
        BufferedImage out = new BufferedImage(WIDTH, height * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = out.createGraphics();
        for (int k = 0; k < panels.size(); k++) {
            g2.drawImage(panels.get(k), 0, k * height, null);
        }
        g2.dispose();
        ImageIO.write(out, "png", png.toFile());
    }

    /**
     * RMS fluctuation per atom against timestep, log-log, one curve per engine with its fitted exponent in
     * the legend, and a dt^2 guide through the first engine's points.
     */
    public static void fluctuationAgainstTimestep(String system, List<EnergySeries> series, Path png)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, List<EnergySeries>> groups = byEngine(series);
        EnergySeries first = series.get(0);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(500)
                .title(system + ": RMS fluctuation of the total energy per atom against timestep")
                .xAxisTitle("timestep [" + first.timeUnit() + "]")
                .yAxisTitle("RMS of E/N about its linear fit [" + first.energyUnit() + "]").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        double[] guideX = null;
        double guideC = 0;
        for (var g : groups.entrySet()) {
            double[] dt = dts(g.getValue());
            double[] rms = rms(g.getValue());
            String label = g.getKey();
            if (dt.length >= 2) {
                label += String.format(Locale.ROOT, " (fitted exponent %.2f)", PowerLawFit.of(dt, rms).exponent());
            }
            XYSeries points = chart.addSeries(label, dt, rms);
            if (guideX != null) {
                // Engines often agree to the line width: later ones dashed with open markers, so both show.
                points.setMarker(SeriesMarkers.TRIANGLE_DOWN);
                points.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {3f, 3f}, 0f));
            }
            if (guideX == null) {
                guideX = new double[] {dt[0], dt[dt.length - 1]};
                guideC = PowerLawFit.prefactorForExponent(dt, rms, 2.0);
            }
        }
        if (guideX != null && guideX[1] > guideX[0]) {
            XYSeries guide = chart.addSeries("dt^2 guide", guideX,
                    new double[] {guideC * guideX[0] * guideX[0], guideC * guideX[1] * guideX[1]});
            guide.setMarker(SeriesMarkers.NONE);
            guide.setLineColor(Color.GRAY);
            guide.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    static double[] dts(List<EnergySeries> l) {
        return l.stream().mapToDouble(EnergySeries::dt).toArray();
    }

    static double[] rms(List<EnergySeries> l) {
        return l.stream().mapToDouble(s -> s.drift().rmsPerAtom()).toArray();
    }

    static String fmt(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}

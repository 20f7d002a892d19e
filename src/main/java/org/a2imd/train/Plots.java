package org.a2imd.train;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots: the learning curve of a training and parity plots of predicted against reference values. */
public final class Plots {
    /** Parity plots show at most this many points (evenly strided), to keep files small. */
    static final int MAX_POINTS = 20000;

    private Plots() {
    }

    /** Training and validation loss against epoch, log scale, from the curve's CSV lines. */
    public static void learningCurve(List<String> csvLines, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Double> epoch = new ArrayList<>();
        List<Double> train = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        for (String line : csvLines) {
            if (line.startsWith("epoch")) {
                continue;
            }
            String[] f = line.split(",");
            epoch.add(Double.parseDouble(f[0]));
            train.add(Double.parseDouble(f[3]));
            val.add(Double.parseDouble(f[4]));
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title("Learning curve").xAxisTitle("epoch")
                .yAxisTitle("loss").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(4);
        chart.addSeries("training (mean over the epoch's batches)", epoch, train);
        if (!val.isEmpty() && val.stream().allMatch(v -> v > 0 && Double.isFinite(v))) {
            chart.addSeries("validation", epoch, val);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Predicted against reference values with the diagonal. */
    public static void parity(ErrorReport.Values values, String title, String unit, Path png) throws IOException {
        parity(List.of("data"), List.of(values), title, unit, png);
    }

    /**
     * Several models' predictions against the same reference values, one series each (legend shown when there
     * is more than one), with the diagonal.
     */
    public static void parity(List<String> labels, List<ErrorReport.Values> values, String title, String unit, Path png)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(600).height(600).title(title)
                .xAxisTitle("reference [" + unit + "]").yAxisTitle("predicted [" + unit + "]").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setLegendVisible(values.size() > 1);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<double[][]> series = new java.util.ArrayList<>();
        for (ErrorReport.Values v : values) {
            double[] p = v.predicted();
            double[] r = v.reference();
            int stride = Math.max(1, (p.length + MAX_POINTS - 1) / MAX_POINTS);
            int n = (p.length + stride - 1) / stride;
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int k = 0; k < n; k++) {
                xs[k] = r[k * stride];
                ys[k] = p[k * stride];
                lo = Math.min(lo, Math.min(xs[k], ys[k]));
                hi = Math.max(hi, Math.max(xs[k], ys[k]));
            }
            series.add(new double[][] {xs, ys});
        }
        XYSeries diag = chart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
        diag.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diag.setMarker(SeriesMarkers.NONE);
        diag.setLineColor(Color.GRAY);
        for (int k = 0; k < series.size(); k++) {
            chart.addSeries(labels.get(k), series.get(k)[0], series.get(k)[1]).setMarker(SeriesMarkers.CIRCLE);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}

package org.a2imd.analysis;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The one way new plots are drawn: a line chart whose axes end on round values with about five ticks and a
 * matching number format (so labels neither collide nor show 0.057-like values), a unit on every axis
 * title, and the legend outside the data (none for a single curve).
 */
public final class Plot {
    static final int WIDTH = 760;
    static final int HEIGHT = 440;
    /** About this many tick intervals per axis. */
    static final int TICKS = 5;

    private final XYChart chart;
    private double xLo = Double.POSITIVE_INFINITY;
    private double xHi = Double.NEGATIVE_INFINITY;
    private double yLo = Double.POSITIVE_INFINITY;
    private double yHi = Double.NEGATIVE_INFINITY;
    private Double yFloor;
    private double[] xFixed;
    private int series;

    /** Axis titles are "label [unit]"; an empty unit is written as [1] (dimensionless). */
    public Plot(String title, String xLabel, String xUnit, String yLabel, String yUnit) {
        chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(axis(xLabel, xUnit))
                .yAxisTitle(axis(yLabel, yUnit)).build();
        Styler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setXAxisTickMarkSpacingHint(80);
        chart.getStyler().setYAxisTickMarkSpacingHint(70);
        chart.getStyler().setXAxisMaxLabelCount(TICKS + 3);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    }

    static String axis(String label, String unit) {
        return label + " [" + (unit == null || unit.isEmpty() ? "1" : unit) + "]";
    }

    /** Makes the y axis start at this value at the lowest (e.g. 0 for a g(r) or a histogram). */
    public Plot yFrom(double floor) {
        this.yFloor = floor;
        return this;
    }

    /** Fixes the x axis (e.g. 0..180 degrees) instead of widening the data range to round values. */
    public Plot xRange(double lo, double hi) {
        this.xFixed = new double[] {lo, hi, niceStep((hi - lo) / TICKS)};
        return this;
    }

    public Plot line(String name, double[] x, double[] y) {
        return add(name, x, y, false, false);
    }

    public Plot dashed(String name, double[] x, double[] y) {
        return add(name, x, y, true, false);
    }

    public Plot points(String name, double[] x, double[] y) {
        return add(name, x, y, false, true);
    }

    private Plot add(String name, double[] x, double[] y, boolean dashed, boolean markers) {
        int m = 0;
        for (int k = 0; k < x.length; k++) {
            if (Double.isFinite(x[k]) && Double.isFinite(y[k])) {
                m++;
            }
        }
        double[] fx = new double[m];
        double[] fy = new double[m];
        m = 0;
        for (int k = 0; k < x.length; k++) {
            if (Double.isFinite(x[k]) && Double.isFinite(y[k])) {
                fx[m] = x[k];
                fy[m++] = y[k];
                xLo = Math.min(xLo, x[k]);
                xHi = Math.max(xHi, x[k]);
                yLo = Math.min(yLo, y[k]);
                yHi = Math.max(yHi, y[k]);
            }
        }
        if (m == 0) {
            return this;
        }
        XYSeries s = chart.addSeries(name, fx, fy);
        s.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        if (!markers) {
            s.setLineStyle(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
        } else {
            s.setLineStyle(new BasicStroke(0f));
            s.setLineColor(new java.awt.Color(0, 0, 0, 0));
        }
        series++;
        return this;
    }

    public void save(Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        var st = chart.getStyler();
        st.setLegendVisible(series > 1);
        if (series > 0) {
            double lo = yFloor != null ? Math.min(yFloor, yLo) : yLo;
            double[] xr = xFixed != null ? xFixed : niceRange(xLo, xHi);
            double[] yr = niceRange(lo, yHi);
            st.setXAxisMin(xr[0]).setXAxisMax(xr[1]).setYAxisMin(yr[0]).setYAxisMax(yr[1]);
            // XChart puts ticks on the data's own x values when they are evenly spaced (0.057, 2.24, ...);
            // an invisible point off that grid makes it use the round-number ticks of the axis range instead.
            double xm = xr[0] + (xr[1] - xr[0]) * 0.5 * (1 + Math.PI * 1e-7);
            XYSeries h = chart.addSeries(" ", new double[] {xm}, new double[] {0.5 * (yr[0] + yr[1])});
            h.setMarker(SeriesMarkers.NONE);
            h.setLineColor(new java.awt.Color(0, 0, 0, 0));
            h.setShowInLegend(false);
            st.setXAxisDecimalPattern(pattern(xr[2], Math.max(Math.abs(xr[0]), Math.abs(xr[1]))));
            st.setYAxisDecimalPattern(pattern(yr[2], Math.max(Math.abs(yr[0]), Math.abs(yr[1]))));
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** {lo, hi, step}: the data range widened to multiples of a 1-2-2.5-5 step giving about TICKS intervals. */
    static double[] niceRange(double lo, double hi) {
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = niceStep((hi - lo) / TICKS);
        return new double[] {Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, step};
    }

    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * p;
    }

    /**
     * Enough decimals for the step plus two optional ones (XChart may place ticks at quarter steps: 2.5
     * must not print as 2); scientific notation for very large or small magnitudes.
     */
    static String pattern(double step, double magnitude) {
        if (magnitude >= 1e5 || (magnitude > 0 && magnitude < 1e-3)) {
            return "0.0##E0";
        }
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
        return "0." + "#".repeat(decimals + 2);
    }

    /** A number for tables and file headers: 5 significant digits. */
    public static String fmt(double x) {
        return String.format(Locale.ROOT, "%.5g", x);
    }
}

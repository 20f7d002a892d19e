package org.a2imd.learn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.a2imd.train.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * The loop's figures over the iterations, made anew from the per-iteration files after every stage (so a
 * resumed loop writes the same report): report.csv with the accurate, candidate and failed fractions of
 * every state point, errors.csv with each member's held-out errors, and report.png plotting both.
 */
final class LearnReport {
    static final String COUNTS_HEADER = "iteration,state_point,frames,accurate,candidate,failed,"
            + "accurate_fraction,candidate_fraction,failed_fraction,run_end";
    static final String ERRORS_HEADER = "iteration,member,test_file,frames,energy_rmse_per_atom,energy_ratio,"
            + "force_rmse,force_ratio";

    private LearnReport() {
    }

    static String countsRow(int iteration, String point, DeviationLog.Counts c, String runEnd) {
        return String.format(Locale.ROOT, "%d,%s,%d,%d,%d,%d,%.4f,%.4f,%.4f,%s", iteration, point, c.total(),
                c.accurate(), c.candidate(), c.failed(), c.fraction(c.accurate()), c.fraction(c.candidate()),
                c.fraction(c.failed()), runEnd);
    }

    /** Gathers the per-iteration files into report.csv and errors.csv and redraws report.png. */
    static void write(LearnFolder folder, int lastIteration) throws IOException {
        List<String> counts = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i <= lastIteration; i++) {
            counts.addAll(body(folder.stage(i, LearnFolder.Stage.EXPLORE).resolve("counts.csv")));
            errors.addAll(body(folder.stage(i, LearnFolder.Stage.TRAIN).resolve("errors.csv")));
        }
        AtomicFiles.write(folder.report(), COUNTS_HEADER + "\n" + String.join("\n", counts) + (counts.isEmpty() ? "" : "\n"));
        if (!errors.isEmpty()) {
            AtomicFiles.write(folder.errors(), ERRORS_HEADER + "\n" + String.join("\n", errors) + "\n");
        }
        try {
            plot(counts, errors, folder.plot());
        } catch (IOException | RuntimeException | LinkageError | java.awt.AWTError e) {
            org.slf4j.LoggerFactory.getLogger(LearnReport.class).warn("could not draw {}: {}", folder.plot(), e.toString());
        }
    }

    private static List<String> body(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(csv);
        return lines.isEmpty() ? List.of() : lines.subList(1, lines.size());
    }

    private static void plot(List<String> counts, List<String> errors, Path png) throws IOException {
        if (counts.isEmpty()) {
            return;
        }
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(520).title("Active learning: explored frames per "
                + "state point").xAxisTitle("iteration").yAxisTitle("fraction of explored frames").build();
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setXAxisDecimalPattern("0");
        Map<String, List<double[]>> byPoint = new LinkedHashMap<>();
        for (String row : counts) {
            String[] f = row.split(",");
            byPoint.computeIfAbsent(f[1], k -> new ArrayList<>()).add(new double[] {Double.parseDouble(f[0]),
                Double.parseDouble(f[6]), Double.parseDouble(f[8])});
        }
        java.awt.Color[] palette = chart.getStyler().getTheme().getSeriesColors();
        int point = 0;
        for (var e : byPoint.entrySet()) {
            // One colour per state point: accurate solid with circles, failed dashed with crosses.
            java.awt.Color colour = palette[point++ % palette.length];
            double[] x = e.getValue().stream().mapToDouble(v -> v[0]).toArray();
            org.knowm.xchart.XYSeries acc = chart.addSeries(e.getKey() + " accurate", x,
                    e.getValue().stream().mapToDouble(v -> v[1]).toArray());
            acc.setLineColor(colour);
            acc.setMarkerColor(colour);
            acc.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            org.knowm.xchart.XYSeries fail = chart.addSeries(e.getKey() + " failed", x,
                    e.getValue().stream().mapToDouble(v -> v[2]).toArray());
            fail.setLineColor(colour);
            fail.setMarkerColor(colour);
            fail.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CROSS);
            fail.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        if (errors.isEmpty()) {
            return;
        }
        XYChart err = new XYChartBuilder().width(900).height(520).title("Held-out force error of each member")
                .xAxisTitle("iteration").yAxisTitle("force RMSE / force spread").build();
        err.getStyler().setMarkerSize(6);
        err.getStyler().setXAxisDecimalPattern("0");
        Map<String, List<double[]>> byMember = new LinkedHashMap<>();
        for (String row : errors) {
            String[] f = row.split(",");
            if (!f[7].equals("NaN")) {
                byMember.computeIfAbsent("member " + f[1] + " " + Path.of(f[2]).getFileName(), k -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[7])});
            }
        }
        for (var e : byMember.entrySet()) {
            err.addSeries(e.getKey(), e.getValue().stream().mapToDouble(v -> v[0]).toArray(),
                    e.getValue().stream().mapToDouble(v -> v[1]).toArray());
        }
        if (!byMember.isEmpty()) {
            Path errPng = png.resolveSibling("errors.png");
            BitmapEncoder.saveBitmap(err, errPng.toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }
}

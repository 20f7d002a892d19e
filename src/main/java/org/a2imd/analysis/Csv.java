package org.a2imd.analysis;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CSV data file behind a plot or a table: a header row of column names with their units in brackets
 * ({@code r [sigma]}), then one row per sample. Columns may differ in length (shorter ones end with empty
 * cells); NaN is written as an empty cell; numbers keep 10 significant digits.
 */
public final class Csv {
    private final List<String> names = new ArrayList<>();
    private final List<double[]> columns = new ArrayList<>();

    /** Adds a column named "name [unit]" ("[1]" for a dimensionless one). */
    public Csv column(String name, String unit, double[] values) {
        names.add(Plot.axis(name, unit));
        columns.add(values);
        return this;
    }

    public void write(Path file) throws IOException {
        int rows = 0;
        for (double[] c : columns) {
            rows = Math.max(rows, c.length);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(String.join(",", names.stream().map(Csv::quote).toList()));
            w.write('\n');
            StringBuilder sb = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                sb.setLength(0);
                for (int c = 0; c < columns.size(); c++) {
                    if (c > 0) {
                        sb.append(',');
                    }
                    double[] col = columns.get(c);
                    if (r < col.length && Double.isFinite(col[r])) {
                        sb.append(number(col[r]));
                    }
                }
                sb.append('\n');
                w.write(sb.toString());
            }
        }
    }

    /** 10 significant digits without trailing zeros; integers as integers. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String t = String.format(Locale.ROOT, "%.10g", v);
        int e = t.indexOf('e');
        String mant = e < 0 ? t : t.substring(0, e);
        if (mant.contains(".")) {
            mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mant : mant + t.substring(e);
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

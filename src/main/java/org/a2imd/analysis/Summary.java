package org.a2imd.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every number an analysis reports, with its unit and (when it has one) its standard error, written as
 * summary.md (a table per section, then notes and the list of files) and summary.json (the same numbers
 * for scripts).
 */
public final class Summary {
    /** One reported number; stdError is NaN when none is estimated. */
    public record Entry(String section, String quantity, double value, double stdError, String unit) {
    }

    private final String title;
    private final Map<String, String> inputs = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();
    private final List<String> files = new ArrayList<>();

    public Summary(String title) {
        this.title = title;
    }

    public void input(String key, String value) {
        inputs.put(key, value);
    }

    public void add(String section, String quantity, double value, String unit) {
        add(section, quantity, value, Double.NaN, unit);
    }

    public void add(String section, String quantity, double value, double stdError, String unit) {
        entries.add(new Entry(section, quantity, value, stdError, unit == null ? "" : unit));
        notes.computeIfAbsent(section, k -> new ArrayList<>());
    }

    /** A sentence printed under the section's table (how the numbers were obtained). */
    public void note(String section, String text) {
        notes.computeIfAbsent(section, k -> new ArrayList<>()).add(text);
    }

    public void file(String name) {
        files.add(name);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry of this section and quantity, or null. */
    public Entry find(String section, String quantity) {
        for (Entry e : entries) {
            if (e.section().equals(section) && e.quantity().equals(quantity)) {
                return e;
            }
        }
        return null;
    }

    public void write(Path dir) throws IOException {
        Files.writeString(dir.resolve("summary.md"), markdown());
        Files.writeString(dir.resolve("summary.json"), json());
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        for (var e : inputs.entrySet()) {
            md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        for (var section : notes.entrySet()) {
            md.append("\n## ").append(section.getKey()).append("\n\n");
            boolean any = false;
            for (Entry e : entries) {
                if (!e.section().equals(section.getKey())) {
                    continue;
                }
                if (!any) {
                    md.append("| quantity | value | std. error | unit |\n| --- | --- | --- | --- |\n");
                    any = true;
                }
                md.append("| ").append(e.quantity()).append(" | ").append(Plot.fmt(e.value())).append(" | ")
                        .append(Double.isNaN(e.stdError()) ? "" : Plot.fmt(e.stdError())).append(" | ")
                        .append(e.unit().isEmpty() ? "1" : e.unit()).append(" |\n");
            }
            for (String n : section.getValue()) {
                md.append('\n').append(n).append('\n');
            }
        }
        md.append("\n## Files\n\n");
        for (String f : files) {
            md.append(f.endsWith(".png") ? "![" + f + "](" + f + ")\n" : "- " + f + "\n");
        }
        return md.toString();
    }

    String json() {
        StringBuilder j = new StringBuilder("{\n  \"title\": ").append(str(title)).append(",\n  \"inputs\": {");
        int k = 0;
        for (var e : inputs.entrySet()) {
            j.append(k++ == 0 ? "\n" : ",\n").append("    ").append(str(e.getKey())).append(": ")
                    .append(str(e.getValue()));
        }
        j.append("\n  },\n  \"results\": [");
        k = 0;
        for (Entry e : entries) {
            j.append(k++ == 0 ? "\n" : ",\n").append("    {\"section\": ").append(str(e.section()))
                    .append(", \"quantity\": ").append(str(e.quantity())).append(", \"value\": ").append(num(e.value()))
                    .append(", \"std_error\": ").append(num(e.stdError())).append(", \"unit\": ").append(str(e.unit()))
                    .append('}');
        }
        j.append("\n  ],\n  \"notes\": {");
        k = 0;
        for (var n : notes.entrySet()) {
            j.append(k++ == 0 ? "\n" : ",\n").append("    ").append(str(n.getKey())).append(": [");
            for (int q = 0; q < n.getValue().size(); q++) {
                j.append(q == 0 ? "" : ", ").append(str(n.getValue().get(q)));
            }
            j.append(']');
        }
        j.append("\n  },\n  \"files\": [");
        for (int q = 0; q < files.size(); q++) {
            j.append(q == 0 ? "" : ", ").append(str(files.get(q)));
        }
        return j.append("]\n}\n").toString();
    }

    private static String num(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.10g", x) : "null";
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

package org.a2imd.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.a2imd.core.InputException;
import org.a2imd.core.Units;

/**
 * A thermo file as {@code a2imd run} writes it ({@code thermo every N file F}): comment lines starting with
 * {@code #} (the first says {@code # a2imd thermo, units U, energies are totals over N atoms}), one
 * column-header line ({@code Step Time Temp[T*] PotEng[epsilon] KinEng ...}), then one row of numbers per
 * sample. A column's unit is the bracket after its name, else that of the nearest bracketed column to its
 * left (KinEng, TotEng and Conserved share PotEng's); Step, Time and NBuild are step, the time unit and a
 * count. After a restart the file may repeat steps: a row whose step is not above the last kept one
 * replaces the kept rows from that step on. Rows with {@code Step} below {@code skip} are dropped.
 */
public final class ThermoFile {
    private static final Pattern UNITS = Pattern.compile("units\\s+(\\w+)");
    private static final Pattern ATOMS = Pattern.compile("over\\s+(\\d+)\\s+atoms");
    private static final Pattern COLUMN = Pattern.compile("([^\\[\\]]+)(?:\\[([^\\]]*)\\])?");

    private final String file;
    private final Units units;
    private final int atoms;
    private final String[] names;
    private final String[] unitOf;
    private final double[][] columns;

    private ThermoFile(String file, Units units, int atoms, String[] names, String[] unitOf, double[][] columns) {
        this.file = file;
        this.units = units;
        this.atoms = atoms;
        this.names = names;
        this.unitOf = unitOf;
        this.columns = columns;
    }

    /** Reads a thermo file; {@code units} (may be null) is used when its first line names none. */
    public static ThermoFile read(Path path, long skip, Units units) throws IOException {
        String name = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new InputException(name, 0, "no such thermo file");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InputException(name, 0, "not a thermo file (not text)");
        }
        Units fileUnits = null;
        int atoms = 0;
        String[] header = null;
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher m = UNITS.matcher(line);
                if (header == null && m.find()) {
                    fileUnits = Units.byId(m.group(1));
                    if (fileUnits == null) {
                        throw new InputException(name, i + 1, "unknown units '" + m.group(1) + "' (lj or metal)");
                    }
                }
                Matcher a = ATOMS.matcher(line);
                if (header == null && a.find()) {
                    atoms = Integer.parseInt(a.group(1));
                }
                continue;
            }
            String[] f = line.split("\\s+");
            if (header == null) {
                if (!f[0].equals("Step")) {
                    throw new InputException(name, i + 1, "not an a2imd thermo file: expected the column header "
                            + "(Step Time Temp[...] PotEng[...] ...) before any data, found '" + abbreviate(line) + "'");
                }
                header = f;
                continue;
            }
            if (f.length != header.length) {
                throw new InputException(name, i + 1, "expected " + header.length + " numbers (" + String.join(" ",
                        header) + "), found " + f.length + " fields");
            }
            double[] r = new double[f.length];
            for (int c = 0; c < f.length; c++) {
                Double d = parse(f[c]);
                if (d == null) {
                    throw new InputException(name, i + 1, "column " + header[c] + ": '" + f[c] + "' is not a number");
                }
                r[c] = d;
            }
            while (!rows.isEmpty() && rows.get(rows.size() - 1)[0] >= r[0]) {
                rows.remove(rows.size() - 1); // a restart repeats the steps since its checkpoint
            }
            rows.add(r);
        }
        if (header == null) {
            throw new InputException(name, 0, "not an a2imd thermo file: no column header line (Step Time ...)");
        }
        if (fileUnits != null && units != null && fileUnits != units) {
            throw new InputException(name, 1, "the file says units " + fileUnits.id + ", --units says " + units.id);
        }
        Units u = fileUnits != null ? fileUnits : units;
        rows.removeIf(r -> r[0] < skip);
        if (rows.isEmpty()) {
            throw new InputException(name, 0, "no thermo row is left after --skip " + skip);
        }
        String[] names = new String[header.length];
        String[] unitOf = new String[header.length];
        String inherited = "";
        for (int c = 0; c < header.length; c++) {
            Matcher m = COLUMN.matcher(header[c]);
            if (!m.matches()) {
                throw new InputException(name, 0, "column header '" + header[c] + "' is not NAME or NAME[UNIT]");
            }
            names[c] = m.group(1);
            if (m.group(2) != null) {
                inherited = m.group(2);
                unitOf[c] = inherited;
            } else {
                unitOf[c] = switch (names[c]) {
                    case "Step" -> "step";
                    case "Time" -> u != null ? u.time : "time units";
                    case "NBuild" -> "";
                    default -> inherited;
                };
            }
        }
        double[][] cols = new double[header.length][rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            for (int c = 0; c < header.length; c++) {
                cols[c][k] = rows.get(k)[c];
            }
        }
        return new ThermoFile(name, u, atoms, names, unitOf, cols);
    }

    private static Double parse(String t) {
        try {
            double d = Double.parseDouble(t);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    public String file() {
        return file;
    }

    /** Units from the file's first line, else those given to read (null when neither). */
    public Units units() {
        return units;
    }

    /** Atoms the energies are totals over (0 when the file does not say). */
    public int atoms() {
        return atoms;
    }

    /** Column names without their units, in file order. */
    public String[] names() {
        return names;
    }

    /** The unit of column c ("" for a pure number). */
    public String unit(int c) {
        return unitOf[c];
    }

    public double[] column(int c) {
        return columns[c];
    }

    /** Index of the column of this name, or -1. */
    public int find(String name) {
        for (int c = 0; c < names.length; c++) {
            if (names[c].equals(name)) {
                return c;
            }
        }
        return -1;
    }

    public int rows() {
        return columns[0].length;
    }
}

package org.a2imd.io;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.a2imd.core.Box;
import org.a2imd.core.InputException;

/**
 * Streaming reader of ASE-style extended XYZ files, one frame per {@link #next} call, so a long
 * trajectory never has to fit in memory.
 *
 * <p>Header line: whitespace-separated {@code key=value} pairs; values may be bare words, double-quoted
 * strings (backslash escapes) or {@code {...}}; a key without a value means true. Known keys are checked:
 * {@code Lattice} (9 numbers), {@code Properties} (name:type:count triples, types S R I L; default
 * {@code species:S:1:pos:R:3}), {@code pbc} (3 of T/F), {@code energy} (a number), {@code virial} and
 * {@code stress} (9 numbers). Columns {@code species}, {@code pos}, {@code velocities} (or {@code vel}),
 * {@code forces} and {@code energies} fill the frame's fields; other columns and keys are kept.
 *
 * <p>Any malformed input raises {@link InputException} with the file, line, column (1-based character
 * position, 0 when not meaningful) and what was expected. Non-finite numbers are rejected.
 */
public final class ExtXyzReader implements Closeable {
    private final BufferedReader in;
    private final String file;
    private int line;
    /** Token boundaries of the current atom line, reused. */
    private int[] tokStart = new int[16];
    private int[] tokEnd = new int[16];

    public ExtXyzReader(Reader in, String fileName) {
        this.in = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in, 1 << 16);
        this.file = fileName;
    }

    /**
     * Opens a file. Bytes that are not UTF-8 are decoded to U+FFFD and reported at their line and column
     * (a strict decoder fails a whole buffer ahead, so it could not say where).
     */
    public static ExtXyzReader open(Path path) throws IOException {
        org.a2imd.core.FileProblems.requireReadable(path, "extended-XYZ file");
        return new ExtXyzReader(new java.io.InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8),
                path.toString());
    }

    /** The next line, refused when it holds bytes that are not UTF-8; {@code expected} says what it should be. */
    private String readLine(String expected) throws IOException {
        String s = in.readLine();
        if (s != null) {
            int bad = s.indexOf('\uFFFD');
            if (bad >= 0) {
                throw new InputException(file, line + 1, bad + 1, "bytes that are not UTF-8 text where " + expected
                        + " was expected (a binary or wrongly encoded file?)");
            }
        }
        return s;
    }

    /** All frames of a file. */
    public static List<ExtXyzFrame> readAll(Path path) throws IOException {
        List<ExtXyzFrame> frames = new ArrayList<>();
        try (ExtXyzReader r = open(path)) {
            for (ExtXyzFrame f = r.next(); f != null; f = r.next()) {
                frames.add(f);
            }
        }
        return frames;
    }

    /** The first frame of a file. */
    public static ExtXyzFrame readFirst(Path path) throws IOException {
        try (ExtXyzReader r = open(path)) {
            ExtXyzFrame f = r.next();
            if (f == null) {
                throw new InputException(path.toString(), 1, "expected an extended XYZ frame, the file is empty");
            }
            return f;
        }
    }

    /** Line number of the last line read (1-based). */
    public int line() {
        return line;
    }

    /** The next frame, or null at the end of the input. Blank lines between frames are skipped. */
    public ExtXyzFrame next() throws IOException {
        String countLine;
        do {
            countLine = readLine("the number of atoms of a frame");
            if (countLine == null) {
                return null;
            }
            line++;
        } while (countLine.isBlank());
        int frameLine = line;
        String c = countLine.trim();
        int n;
        try {
            n = Integer.parseInt(c);
        } catch (NumberFormatException e) {
            throw new InputException(file, line, firstNonBlank(countLine),
                    "expected the number of atoms (a non-negative integer) at the start of a frame, found '" + c + "'");
        }
        if (n < 0) {
            throw new InputException(file, line, firstNonBlank(countLine),
                    "expected a non-negative number of atoms, found " + n);
        }
        String header = readLine("the comment line of a frame");
        if (header == null) {
            throw new InputException(file, line + 1, "file ends before the comment line of the frame starting at line "
                    + frameLine);
        }
        line++;
        Header h = parseHeader(header);
        return readAtoms(n, h, frameLine);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---------------------------------------------------------------- header

    /** A parsed comment line. */
    private static final class Header {
        final List<String> keys = new ArrayList<>();
        final List<String> values = new ArrayList<>();
        final List<Integer> valueColumns = new ArrayList<>();

        int find(String key) {
            return keys.indexOf(key);
        }
    }

    private Header parseHeader(String s) {
        Header h = new Header();
        int len = s.length();
        int p = 0;
        StringBuilder sb = new StringBuilder();
        while (true) {
            while (p < len && Character.isWhitespace(s.charAt(p))) {
                p++;
            }
            if (p >= len) {
                break;
            }
            int keyCol = p + 1;
            sb.setLength(0);
            p = readWord(s, p, sb, true);
            String key = sb.toString();
            if (key.isEmpty()) {
                throw new InputException(file, line, keyCol, "expected a key before '='");
            }
            int q = p;
            while (q < len && Character.isWhitespace(s.charAt(q))) {
                q++;
            }
            String value;
            int valueCol;
            if (q < len && s.charAt(q) == '=') {
                q++;
                while (q < len && Character.isWhitespace(s.charAt(q))) {
                    q++;
                }
                valueCol = q + 1;
                if (q >= len) {
                    throw new InputException(file, line, valueCol, "expected a value after '" + key + "='");
                }
                char first = s.charAt(q);
                sb.setLength(0);
                p = readWord(s, q, sb, false);
                value = sb.toString();
                if (first != '"' && first != '{' && value.indexOf('=') > 0) {
                    // "units= pbc=..." : the key has no value; the word after it is the next key.
                    throw new InputException(file, line, keyCol, "expected a value after '" + key + "=', found the next key '"
                            + value.substring(0, value.indexOf('=')) + "' (quote an empty value: " + key + "=\"\")");
                }
            } else {
                value = "T";
                valueCol = keyCol;
            }
            if (h.find(key) >= 0) {
                throw new InputException(file, line, keyCol, "key '" + key + "' appears twice in the comment line");
            }
            h.keys.add(key);
            h.values.add(value);
            h.valueColumns.add(valueCol);
        }
        return h;
    }

    /** Reads a bare, quoted or braced word starting at p into sb; returns the index after it. */
    private int readWord(String s, int p, StringBuilder sb, boolean isKey) {
        int len = s.length();
        char c = s.charAt(p);
        if (c == '"') {
            int startCol = p + 1;
            p++;
            while (p < len) {
                char d = s.charAt(p);
                if (d == '\\' && p + 1 < len) {
                    char e = s.charAt(p + 1);
                    sb.append(e == 'n' ? '\n' : e);
                    p += 2;
                } else if (d == '"') {
                    return p + 1;
                } else {
                    sb.append(d);
                    p++;
                }
            }
            throw new InputException(file, line, startCol, "expected a closing '\"' for the quoted "
                    + (isKey ? "key" : "value") + " that starts here");
        }
        if (c == '{' && !isKey) {
            int startCol = p + 1;
            int close = s.indexOf('}', p);
            if (close < 0) {
                throw new InputException(file, line, startCol, "expected a closing '}' for the value that starts here");
            }
            sb.append(s, p + 1, close);
            return close + 1;
        }
        while (p < len) {
            char d = s.charAt(p);
            if (Character.isWhitespace(d) || (isKey && d == '=')) {
                break;
            }
            sb.append(d);
            p++;
        }
        return p;
    }

    /** The per-atom columns a frame declares. */
    private static final class Prop {
        final String name;
        final char type;
        final int count;
        /** Destination: 0 species, 1 pos, 2 velocities, 3 forces, 4 energies, 5 extra. */
        int role;
        double[] numbers;
        String[] strings;

        Prop(String name, char type, int count) {
            this.name = name;
            this.type = type;
            this.count = count;
        }
    }

    private ExtXyzFrame readAtoms(int n, Header h, int frameLine) throws IOException {
        int headerLine = line;
        Box box = null;
        int li = h.find("Lattice");
        if (li >= 0) {
            double[] nine = numbers(h, li, 9);
            try {
                box = Box.fromRows(nine);
            } catch (IllegalArgumentException e) {
                throw new InputException(file, headerLine, h.valueColumns.get(li), "Lattice: " + e.getMessage());
            }
        }
        List<Prop> props = parseProperties(h);
        boolean[] pbc = null;
        int pi = h.find("pbc");
        if (pi >= 0) {
            String[] parts = h.values.get(pi).trim().split("\\s+");
            if (parts.length != 3) {
                throw new InputException(file, headerLine, h.valueColumns.get(pi),
                        "expected pbc to hold 3 logical values (T or F), found '" + h.values.get(pi) + "'");
            }
            pbc = new boolean[3];
            for (int k = 0; k < 3; k++) {
                Boolean b = parseLogical(parts[k]);
                if (b == null) {
                    throw new InputException(file, headerLine, h.valueColumns.get(pi),
                            "expected pbc to hold 3 logical values (T or F), found '" + h.values.get(pi) + "'");
                }
                pbc[k] = b;
            }
        }
        int ei = h.find("energy");
        if (ei >= 0 && parseReal(h.values.get(ei).trim()) == null) {
            throw new InputException(file, headerLine, h.valueColumns.get(ei),
                    "expected energy to be a finite number, found '" + h.values.get(ei) + "'");
        }
        for (String key : new String[] {"virial", "stress"}) {
            int k = h.find(key);
            if (k >= 0) {
                numbers(h, k, 9);
            }
        }

        int columns = 0;
        for (Prop p : props) {
            columns += p.count;
        }
        if ((long) n * columns > Integer.MAX_VALUE - 64) {
            throw new InputException(file, frameLine, "the frame claims " + n + " atoms of " + columns
                    + " values each, more than one frame can hold (" + (Integer.MAX_VALUE - 64) + " values)");
        }
        // Arrays grow with the atom lines actually read: a wrong count fails at the end of the file, never
        // by allocating memory for atoms that are not there.
        int capacity = 0;
        for (int i = 0; i < n; i++) {
            if (i == capacity) {
                capacity = (int) Math.min(n, Math.max(1024L, 2L * capacity));
                for (Prop p : props) {
                    if (p.type == 'S') {
                        p.strings = p.strings == null ? new String[capacity * p.count]
                                : java.util.Arrays.copyOf(p.strings, capacity * p.count);
                    } else {
                        p.numbers = p.numbers == null ? new double[capacity * p.count]
                                : java.util.Arrays.copyOf(p.numbers, capacity * p.count);
                    }
                }
            }
            String s = readLine("an atom line");
            if (s == null) {
                throw new InputException(file, line + 1, "file ends after " + i + " of the " + n
                        + " atom lines of the frame starting at line " + frameLine);
            }
            line++;
            int found = tokenize(s);
            if (found != columns) {
                throw new InputException(file, line, "expected " + columns + " values on the atom line ("
                        + describe(props) + "), found " + found);
            }
            int t = 0;
            for (Prop p : props) {
                for (int k = 0; k < p.count; k++, t++) {
                    int a = tokStart[t];
                    int b = tokEnd[t];
                    String tok = s.substring(a, b);
                    switch (p.type) {
                        case 'S' -> p.strings[i * p.count + k] = tok;
                        case 'R' -> {
                            Double d = parseReal(tok);
                            if (d == null) {
                                throw new InputException(file, line, a + 1, "expected a finite real number for "
                                        + p.name + ", found '" + tok + "'");
                            }
                            p.numbers[i * p.count + k] = d;
                        }
                        case 'I' -> {
                            try {
                                p.numbers[i * p.count + k] = Long.parseLong(tok);
                            } catch (NumberFormatException e) {
                                throw new InputException(file, line, a + 1, "expected an integer for " + p.name
                                        + ", found '" + tok + "'");
                            }
                        }
                        default -> {
                            Boolean v = parseLogical(tok);
                            if (v == null) {
                                throw new InputException(file, line, a + 1, "expected T or F for " + p.name
                                        + ", found '" + tok + "'");
                            }
                            p.numbers[i * p.count + k] = v ? 1 : 0;
                        }
                    }
                }
            }
        }

        for (Prop p : props) {
            if (n == 0) {
                p.strings = p.type == 'S' ? new String[0] : null;
                p.numbers = p.type == 'S' ? null : new double[0];
            }
        }
        String[] species = null;
        double[] pos = null;
        for (Prop p : props) {
            if (p.role == 0) {
                species = p.strings;
            } else if (p.role == 1) {
                pos = p.numbers;
            }
        }
        ExtXyzFrame f = new ExtXyzFrame(box, species, pos);
        if (pbc != null) {
            f.pbc = pbc;
        }
        for (Prop p : props) {
            switch (p.role) {
                case 2 -> f.velocities = p.numbers;
                case 3 -> f.forces = p.numbers;
                case 4 -> f.energies = p.numbers;
                case 5 -> f.extraColumns.add(new ExtXyzColumn(p.name, p.type, p.count, p.numbers, p.strings));
                default -> { }
            }
        }
        for (int k = 0; k < h.keys.size(); k++) {
            if (!ExtXyzFrame.STRUCTURAL_KEYS.contains(h.keys.get(k))) {
                f.info.put(h.keys.get(k), h.values.get(k));
            }
        }
        return f;
    }

    private List<Prop> parseProperties(Header h) {
        int k = h.find("Properties");
        String spec = k >= 0 ? h.values.get(k) : "species:S:1:pos:R:3";
        int col = k >= 0 ? h.valueColumns.get(k) : 0;
        String[] parts = spec.split(":", -1);
        if (parts.length % 3 != 0) {
            throw new InputException(file, line, col,
                    "expected Properties to be name:type:count triples, found '" + spec + "'");
        }
        List<Prop> props = new ArrayList<>();
        boolean[] seen = new boolean[5];
        for (int q = 0; q < parts.length; q += 3) {
            String name = parts[q];
            String type = parts[q + 1];
            if (name.isEmpty()) {
                throw new InputException(file, line, col, "expected a property name in Properties, found ''");
            }
            if (!(type.equals("S") || type.equals("R") || type.equals("I") || type.equals("L"))) {
                throw new InputException(file, line, col, "expected property type S, R, I or L for " + name
                        + " in Properties, found '" + type + "'");
            }
            int count;
            try {
                count = Integer.parseInt(parts[q + 2]);
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1) {
                throw new InputException(file, line, col, "expected a positive column count for " + name
                        + " in Properties, found '" + parts[q + 2] + "'");
            }
            for (Prop p : props) {
                if (p.name.equals(name)) {
                    throw new InputException(file, line, col, "property " + name + " appears twice in Properties");
                }
            }
            Prop p = new Prop(name, type.charAt(0), count);
            p.role = switch (name) {
                case "species" -> 0;
                case "pos" -> 1;
                case "velocities", "vel" -> 2;
                case "forces" -> 3;
                case "energies" -> 4;
                default -> 5;
            };
            if (p.role < 5) {
                String want = p.role == 0 ? "S:1" : p.role == 4 ? "R:1" : "R:3";
                if (!(type + ":" + count).equals(want)) {
                    throw new InputException(file, line, col, "expected " + name + ":" + want + " in Properties, found "
                            + name + ":" + type + ":" + count);
                }
                if (seen[p.role]) {
                    throw new InputException(file, line, col, "velocities are given twice in Properties (vel and velocities)");
                }
                seen[p.role] = true;
            }
            props.add(p);
        }
        if (!seen[0]) {
            throw new InputException(file, line, col, "expected a species:S:1 column in Properties");
        }
        if (!seen[1]) {
            throw new InputException(file, line, col, "expected a pos:R:3 column in Properties");
        }
        return props;
    }

    private double[] numbers(Header h, int k, int count) {
        String key = h.keys.get(k);
        String[] parts = h.values.get(k).trim().split("\\s+");
        double[] out = new double[count];
        boolean ok = parts.length == count;
        for (int q = 0; ok && q < count; q++) {
            Double d = parseReal(parts[q]);
            ok = d != null;
            if (ok) {
                out[q] = d;
            }
        }
        if (!ok) {
            throw new InputException(file, line, h.valueColumns.get(k), "expected " + key + " to hold " + count
                    + " finite numbers, found '" + h.values.get(k) + "'");
        }
        return out;
    }

    private static String describe(List<Prop> props) {
        StringBuilder sb = new StringBuilder();
        for (Prop p : props) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(p.name).append(':').append(p.count);
        }
        return sb.toString();
    }

    /** Splits a line at whitespace into tokStart/tokEnd; returns the token count. */
    private int tokenize(String s) {
        int n = 0;
        int len = s.length();
        int p = 0;
        while (true) {
            while (p < len && Character.isWhitespace(s.charAt(p))) {
                p++;
            }
            if (p >= len) {
                return n;
            }
            if (n == tokStart.length) {
                tokStart = java.util.Arrays.copyOf(tokStart, 2 * n);
                tokEnd = java.util.Arrays.copyOf(tokEnd, 2 * n);
            }
            tokStart[n] = p;
            while (p < len && !Character.isWhitespace(s.charAt(p))) {
                p++;
            }
            tokEnd[n++] = p;
        }
    }

    private static int firstNonBlank(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (!Character.isWhitespace(s.charAt(k))) {
                return k + 1;
            }
        }
        return 0;
    }

    /**
     * A decimal real number as Python's float() reads it, or null when the text is not one or is not
     * finite. Java's parser alone would also take "NaN", "Infinity", hex floats and a trailing d or f.
     */
    static Double parseReal(String t) {
        if (t.isEmpty()) {
            return null;
        }
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                return null;
            }
        }
        try {
            double d = Double.parseDouble(t);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Boolean parseLogical(String t) {
        return switch (t) {
            case "T", "True", "true", "TRUE" -> Boolean.TRUE;
            case "F", "False", "false", "FALSE" -> Boolean.FALSE;
            default -> null;
        };
    }
}

package org.a2imd.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.a2imd.core.InputException;
import org.a2imd.core.SpeciesSet;
import org.a2imd.force.SwParameters;

/**
 * Reads LAMMPS Stillinger-Weber parameter files ({@code .sw}) as pair_sw does: {@code #} starts a comment
 * anywhere, blank lines are ignored, and an entry of 14 fields (three element names, then epsilon, sigma,
 * a, lambda, gamma, costheta0, A, B, p, q, tol) starts on a new line and may continue over the following
 * lines. Entries naming an element the run does not use are skipped; every ordered triplet of the run's
 * species needs exactly one entry.
 *
 * <p>Stricter than LAMMPS where LAMMPS would silently misread: text after the 14th field of an entry is an
 * error (LAMMPS ignores it, which swallows the start of the next entry), numbers must be plain decimal
 * numbers, and every entry is checked, including those for unused elements.
 */
public final class SwFile {
    /** Names of the 11 numbers of an entry, in file order. */
    static final String[] NUMBER_NAMES = {"epsilon", "sigma", "a", "lambda", "gamma", "costheta0", "A", "B", "p",
        "q", "tol"};
    private static final int FIELDS = 3 + NUMBER_NAMES.length;
    private static final int COSTHETA0 = 5;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private SwFile() {
    }

    /** Reads the parameters for the run's species (matched to the file's element names by name). */
    public static SwParameters read(Path file, SpeciesSet species) {
        return read(file, species.names());
    }

    public static SwParameters read(Path file, List<String> species) {
        org.a2imd.core.FileProblems.requireReadable(file, "Stillinger-Weber parameter file");
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(name, 0, "Stillinger-Weber parameter file not found");
        } catch (CharacterCodingException e) {
            throw org.a2imd.core.FileProblems.notUtf8(file, "a Stillinger-Weber parameter file");
        } catch (IOException e) {
            throw new InputException(name, 0, "cannot read the Stillinger-Weber parameter file: " + e.getMessage());
        }
        return parse(text, name, species);
    }

    /** Parses the text of a {@code .sw} file; {@code fileName} is used in error messages. */
    public static SwParameters parse(String text, String fileName, List<String> species) {
        int n = species.size();
        if (n == 0) {
            throw new IllegalArgumentException("no species given");
        }
        SwParameters.Entry[] entries = new SwParameters.Entry[n * n * n];
        // Duplicate check for entries of unused elements too (a duplicate is a broken file either way).
        List<String> seenKeys = new ArrayList<>();
        List<Integer> seenLines = new ArrayList<>();

        List<Token> fields = new ArrayList<>(FIELDS);
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int ln = 0; ln < lines.length; ln++) {
            int completedAt = 0; // start line of an entry completed on this line
            for (Token t : tokenize(lines[ln], ln + 1)) {
                if (completedAt > 0) {
                    throw new InputException(fileName, t.line, t.col, "unexpected '" + t.text + "' after the tol of"
                            + " the entry starting at line " + completedAt + " (an entry has 14 fields: 3 element"
                            + " names and 11 numbers; start the next entry on a new line)");
                }
                fields.add(t);
                if (fields.size() == FIELDS) {
                    addEntry(fields, fileName, species, entries, seenKeys, seenLines);
                    completedAt = fields.get(0).line;
                    fields.clear();
                }
            }
        }
        if (!fields.isEmpty()) {
            Token first = fields.get(0);
            throw new InputException(fileName, first.line, first.col, "the entry starting here ends at the end of the"
                    + " file after " + fields.size() + " of its 14 fields; expected " + describeField(fields.size()));
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    if (entries[(i * n + j) * n + k] == null) {
                        throw new InputException(fileName, 0, "no entry for " + species.get(i) + " " + species.get(j)
                                + " " + species.get(k) + "; the file needs one entry for every ordered triplet of"
                                + " the species " + String.join(", ", species));
                    }
                }
            }
        }
        return new SwParameters(species, entries, fileName);
    }

    public static SwParameters parse(String text, String fileName, SpeciesSet species) {
        return parse(text, fileName, species.names());
    }

    private static void addEntry(List<Token> f, String file, List<String> species, SwParameters.Entry[] entries,
            List<String> seenKeys, List<Integer> seenLines) {
        String key = f.get(0).text + " " + f.get(1).text + " " + f.get(2).text;
        double[] v = new double[NUMBER_NAMES.length];
        for (int m = 0; m < v.length; m++) {
            Token t = f.get(3 + m);
            if (!NUMBER.matcher(t.text).matches()) {
                throw new InputException(file, t.line, t.col, "expected " + NUMBER_NAMES[m] + " (a number) of the"
                        + " entry " + key + " starting at line " + f.get(0).line + ", found '" + t.text + "'");
            }
            v[m] = Double.parseDouble(t.text);
            if (!Double.isFinite(v[m])) {
                throw new InputException(file, t.line, t.col, NUMBER_NAMES[m] + " of the entry " + key
                        + " is out of range: " + t.text);
            }
            if (m != COSTHETA0 && v[m] < 0) {
                throw new InputException(file, t.line, t.col, NUMBER_NAMES[m] + " of the entry " + key
                        + " must not be negative, found " + t.text);
            }
        }
        checkPhysics(f, file, key, v);
        int previous = seenKeys.indexOf(key);
        if (previous >= 0) {
            throw new InputException(file, f.get(0).line, f.get(0).col, "duplicate entry for " + key
                    + " (first defined at line " + seenLines.get(previous) + ")");
        }
        seenKeys.add(key);
        seenLines.add(f.get(0).line);
        int i = species.indexOf(f.get(0).text);
        int j = species.indexOf(f.get(1).text);
        int k = species.indexOf(f.get(2).text);
        if (i < 0 || j < 0 || k < 0) {
            return; // an element this run does not use, as LAMMPS skips it
        }
        int n = species.size();
        entries[(i * n + j) * n + k] = new SwParameters.Entry(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
    }

    /**
     * Values that parse but cannot be meant. A two-body entry (i j j) supplies the pair term and the legs'
     * sigma, a of every triplet: sigma or a of 0 puts its cutoff a*sigma at 0, so the pair never interacts
     * (silicon as an ideal gas). |costheta0| &gt; 1 is no angle. lambda 0 on an i i i entry removes the
     * three-body term that makes the model Stillinger-Weber; on mixed entries it is how LAMMPS files
     * switch a triplet off, so it stays allowed there.
     */
    private static void checkPhysics(List<Token> f, String file, String key, double[] v) {
        boolean pairEntry = f.get(1).text.equals(f.get(2).text);
        if (pairEntry) {
            for (int m : new int[] {1, 2}) {
                if (!(v[m] > 0)) {
                    Token t = f.get(3 + m);
                    throw new InputException(file, t.line, t.col, NUMBER_NAMES[m] + " of the two-body entry " + key
                            + " must be positive (the pair's cutoff is a*sigma, so " + t.text + " switches it off), found "
                            + t.text);
                }
            }
        }
        if (Math.abs(v[COSTHETA0]) > 1) {
            Token t = f.get(3 + COSTHETA0);
            throw new InputException(file, t.line, t.col, "costheta0 of the entry " + key
                    + " is the cosine of an angle and must lie in [-1, 1], found " + t.text);
        }
        boolean single = pairEntry && f.get(0).text.equals(f.get(1).text);
        if (single && !(v[3] > 0)) {
            Token t = f.get(3 + 3);
            throw new InputException(file, t.line, t.col, "lambda of the entry " + key + " must be positive: 0 removes "
                    + "the three-body term of Stillinger-Weber (use a pair potential if that is intended), found " + t.text);
        }
    }

    private static String describeField(int index) {
        return index < 3 ? "element name " + (index + 1) : NUMBER_NAMES[index - 3] + " (a number)";
    }

    /** Whitespace-separated words of one line, up to a '#' comment. */
    private static List<Token> tokenize(String line, int lineNo) {
        List<Token> out = new ArrayList<>();
        int end = line.indexOf('#');
        if (end < 0) {
            end = line.length();
        }
        int p = 0;
        while (p < end) {
            while (p < end && Character.isWhitespace(line.charAt(p))) {
                p++;
            }
            int s = p;
            while (p < end && !Character.isWhitespace(line.charAt(p))) {
                p++;
            }
            if (p > s) {
                out.add(new Token(line.substring(s, p), lineNo, s + 1));
            }
        }
        return out;
    }

    private record Token(String text, int line, int col) {
    }
}

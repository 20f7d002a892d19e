package org.a2imd.io.deck;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The type of a positional argument or option value. Each type knows how many tokens it takes and how to
 * describe a valid value ("a positive number") for error messages. Values are checked when the deck is
 * read, so later code only sees typed, valid values.
 */
public abstract class ValueType {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    // Stricter than Double.parseDouble, which also takes "NaN", "Infinity", "1d", hex floats.
    private static final Pattern REAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final String expected;

    ValueType(String expected) {
        this.expected = expected;
    }

    /** A valid value described for a message, e.g. "a positive number". */
    public String expected() {
        return expected;
    }

    @Override
    public String toString() {
        return expected;
    }

    /** Thrown by a scalar's parser; the parser turns it into an InputException at the token. */
    static final class Invalid extends RuntimeException {
        /** When not null, follows the subject instead of "must be ..., found ...": "\"x\" was not found". */
        final String reason;
        /** Appended to the message, e.g. a "did you mean" suggestion. */
        final String suffix;

        Invalid(String reason, String suffix) {
            super(reason, null, false, false);
            this.reason = reason;
            this.suffix = suffix;
        }
    }

    interface Reader {
        Object read(String text, Path baseDir);
    }

    /** What a scalar value stands for, beyond its syntax; the deck checks references and file clashes. */
    enum Role { PLAIN, SPECIES_REFERENCE, INPUT_FILE, OUTPUT_FILE }

    /** A value of one token. */
    public static final class Scalar extends ValueType {
        final String plural;
        final Reader reader;
        final Role role;

        Scalar(String expected, String plural, Role role, Reader reader) {
            super(expected);
            this.plural = plural;
            this.role = role;
            this.reader = reader;
        }

        Object read(String text, Path baseDir) {
            return reader.read(text, baseDir);
        }
    }

    /** Exactly n values of one scalar type, e.g. "replicate 4 4 4"; stored as an unmodifiable List. */
    public static final class Fixed extends ValueType {
        final Scalar element;
        final int count;

        Fixed(Scalar element, int count) {
            super(count + " " + element.plural);
            this.element = element;
            this.count = count;
        }
    }

    /**
     * One or more values of one scalar type, e.g. "lode_radii 2.0 4.0"; the list ends at the next option
     * keyword. Stored as an unmodifiable List.
     */
    public static final class Several extends ValueType {
        final Scalar element;

        Several(Scalar element) {
            super("one or more " + element.plural);
            this.element = element;
        }
    }

    /**
     * One or more NAME VALUE pairs, e.g. "composition A 0.8 B 0.2"; the list ends at the next option
     * keyword (quote a name to use a keyword as a name). Stored as an unmodifiable ordered Map.
     */
    public static final class Pairs extends ValueType {
        final Scalar key;
        final Scalar value;

        Pairs(Scalar key, Scalar value) {
            super("one or more pairs of " + key.expected() + " and " + value.expected());
            this.key = key;
            this.value = value;
        }
    }

    // ---- factories -------------------------------------------------------------------------------

    /** An int of at least {@code min}: "a positive integer" for min 1, "a non-negative integer" for 0. */
    public static Scalar integer(int min) {
        String what = intWords(min);
        return new Scalar("a" + (what.startsWith("i") ? "n " : " ") + what, what + "s", Role.PLAIN,
                (text, dir) -> {
                    long v = parseLong(text);
                    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
                        throw new Invalid(null, " (too large)");
                    }
                    if (v < min) {
                        throw new Invalid(null, "");
                    }
                    return (int) v;
                });
    }

    /** A long of at least {@code min}, e.g. a step count or a seed. */
    public static Scalar longInteger(long min) {
        String what = intWords(min);
        return new Scalar("a" + (what.startsWith("i") ? "n " : " ") + what, what + "s", Role.PLAIN,
                (text, dir) -> {
                    long v = parseLong(text);
                    if (v < min) {
                        throw new Invalid(null, "");
                    }
                    return v;
                });
    }

    /** Any finite number. */
    public static Scalar real() {
        return realAbove("a number", "numbers", Double.NEGATIVE_INFINITY, false);
    }

    /** A finite number greater than zero. */
    public static Scalar positive() {
        return realAbove("a positive number", "positive numbers", 0.0, false);
    }

    /** A finite number greater than or equal to zero. */
    public static Scalar nonNegative() {
        return realAbove("a non-negative number", "non-negative numbers", 0.0, true);
    }

    /** yes/no/true/false. */
    public static Scalar bool() {
        return new Scalar("yes or no", "yes/no values", Role.PLAIN, (text, dir) -> switch (text) {
            case "yes", "true" -> Boolean.TRUE;
            case "no", "false" -> Boolean.FALSE;
            default -> throw new Invalid(null, "");
        });
    }

    /** One word from a fixed set (case-sensitive). */
    public static Scalar word(String... words) {
        return word(List.of(words), Map.of());
    }

    /**
     * One word from a fixed set; {@code hints} maps words users coming from elsewhere are likely to type
     * (e.g. LAMMPS's "nvt") to advice that replaces the spelling suggestion.
     */
    public static Scalar word(List<String> words, Map<String, String> hints) {
        List<String> ws = List.copyOf(words);
        String expected = ws.size() == 1 ? "\"" + ws.get(0) + "\"" : "one of " + String.join(", ", ws);
        return new Scalar(expected, "words", Role.PLAIN, (text, dir) -> {
            if (ws.contains(text)) {
                return text;
            }
            String hint = hints.get(text);
            throw new Invalid(null, hint != null ? "; " + hint : Suggest.didYouMean(text, ws));
        });
    }

    /** A name for something new, e.g. the species being defined: a letter, then letters, digits, _. */
    public static Scalar identifier() {
        return name(Role.PLAIN);
    }

    /** The name of a species that the deck defines with a "species" command. */
    public static Scalar speciesName() {
        return name(Role.SPECIES_REFERENCE);
    }

    /** Any text, e.g. a shell command; in double quotes when it has spaces. */
    public static Scalar text() {
        return new Scalar("a text (in double quotes if it has spaces)", "texts", Role.PLAIN, (text, dir) -> text);
    }

    /** A file the run reads; it must exist when the deck is parsed. Resolved against the deck's folder. */
    public static Scalar inputFile() {
        return new Scalar("a file name", "file names", Role.INPUT_FILE, (text, dir) -> {
            Path p = resolve(text, dir);
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                throw new Invalid(Token.show(text) + " was not found or cannot be read (looked for "
                        + p + ")", "");
            }
            return p;
        });
    }

    /** A file the run writes. Resolved against the deck's folder; it need not exist. */
    public static Scalar outputFile() {
        return new Scalar("a file name", "file names", Role.OUTPUT_FILE, (text, dir) -> resolve(text, dir));
    }

    public static Fixed list(Scalar element, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count " + count);
        }
        return new Fixed(element, count);
    }

    public static Several several(Scalar element) {
        return new Several(element);
    }

    public static Pairs pairs(Scalar key, Scalar value) {
        return new Pairs(key, value);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Scalar name(Role role) {
        return new Scalar("a name made of letters, digits and _, starting with a letter", "names", role, (text, dir) -> {
            if (!NAME.matcher(text).matches()) {
                throw new Invalid(null, "");
            }
            return text;
        });
    }

    private static String intWords(long min) {
        if (min == 1) {
            return "positive integer";
        }
        if (min == 0) {
            return "non-negative integer";
        }
        return min == Long.MIN_VALUE || min == Integer.MIN_VALUE ? "integer" : "integer >= " + min;
    }

    private static long parseLong(String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw new Invalid(null, "");
        }
        try {
            return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            throw new Invalid(null, " (too large)");
        }
    }

    private static Scalar realAbove(String expected, String plural, double bound, boolean inclusive) {
        return new Scalar(expected, plural, Role.PLAIN, (text, dir) -> {
            if (!REAL.matcher(text).matches()) {
                throw new Invalid(null, "");
            }
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new Invalid(null, " (too large to be a finite number)");
            }
            if (inclusive ? v < bound : !(v > bound)) {
                throw new Invalid(null, "");
            }
            return v;
        });
    }

    private static Path resolve(String text, Path dir) {
        if (text.isEmpty()) {
            throw new Invalid(null, "");
        }
        try {
            return dir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw new Invalid(Token.show(text) + " is not a valid path: " + e.getReason(), "");
        }
    }
}

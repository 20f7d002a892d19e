package org.a2imd.io.deck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.a2imd.core.InputException;
import org.a2imd.core.Units;

/**
 * One parsed, type-checked command of a deck. Getters take the name of a positional argument or an
 * option and return its typed value, or the declared default when the option was not given. Asking for a
 * name the command does not declare, with the wrong type, or for an absent option without default is a
 * programming error (IllegalArgumentException / IllegalStateException), not an input error. The one input
 * error a getter can raise: a unit-dependent default in a deck without a units command.
 */
public final class Command {
    /** A given value and the tokens it was read from (the option keyword is not among them). */
    record Value(Param param, Object value, Token key, List<Token> tokens) {
    }

    private final String file;
    private final CommandSpec spec;
    private final String variant;
    private final Signature signature;
    private final Token keyword;
    private final Map<String, Value> values;
    private Units units;

    Command(String file, CommandSpec spec, String variant, Signature signature, Token keyword,
            Map<String, Value> values) {
        this.file = file;
        this.spec = spec;
        this.variant = variant;
        this.signature = signature;
        this.keyword = keyword;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The deck's units, for unit-dependent defaults; set once the whole deck is read. */
    void bindUnits(Units u) {
        this.units = u;
    }

    /** The keyword, e.g. "potential". */
    public String name() {
        return spec.name();
    }

    /** The variant word, e.g. "lj" for {@code potential lj ...}; null for commands without variants. */
    public String variant() {
        return variant;
    }

    public boolean is(String name, String variant) {
        return name().equals(name) && variant.equals(this.variant);
    }

    /** The deck file name as used in messages. */
    public String file() {
        return file;
    }

    /** 1-based line of the keyword. */
    public int line() {
        return keyword.line();
    }

    /** 1-based column of the keyword. */
    public int column() {
        return keyword.column();
    }

    public CommandSpec spec() {
        return spec;
    }

    public Signature signature() {
        return signature;
    }

    /** True when the argument or option was written in the deck (defaults do not count). */
    public boolean has(String name) {
        declared(name);
        return values.containsKey(name);
    }

    public double getDouble(String name) {
        Object v = get(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(name, "a number");
    }

    public int getInt(String name) {
        if (get(name) instanceof Integer i) {
            return i;
        }
        throw wrongType(name, "an int");
    }

    public long getLong(String name) {
        Object v = get(name);
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        throw wrongType(name, "an integer");
    }

    public boolean getBool(String name) {
        if (get(name) instanceof Boolean b) {
            return b;
        }
        throw wrongType(name, "a boolean");
    }

    /** A word, name or species name. */
    public String getWord(String name) {
        if (get(name) instanceof String s) {
            return s;
        }
        throw wrongType(name, "a word");
    }

    /** A file path, already resolved against the deck's folder. */
    public Path getPath(String name) {
        if (get(name) instanceof Path p) {
            return p;
        }
        throw wrongType(name, "a path");
    }

    /** One or more file paths (a "several files" value), resolved against the deck's folder. */
    public List<Path> getPaths(String name) {
        Object v = get(name);
        if (v instanceof Path p) {
            return List.of(p);
        }
        List<Path> out = new ArrayList<>();
        for (Object o : list(name)) {
            if (!(o instanceof Path p)) {
                throw wrongType(name, "a list of paths");
            }
            out.add(p);
        }
        return List.copyOf(out);
    }

    /** A fixed-length list of numbers. */
    public double[] getNumbers(String name) {
        List<?> list = list(name);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }

    /** A fixed-length list of ints. */
    public int[] getInts(String name) {
        List<?> list = list(name);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Integer v)) {
                throw wrongType(name, "a list of ints");
            }
            out[i] = v;
        }
        return out;
    }

    /** NAME VALUE pairs in the order written, e.g. a lattice composition. */
    public Map<String, Double> getPairs(String name) {
        if (!(get(name) instanceof Map<?, ?> map)) {
            throw wrongType(name, "pairs");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put((String) k, ((Number) v).doubleValue()));
        return Collections.unmodifiableMap(out);
    }

    /** Number of positional arguments (after the variant word, if any). */
    public int argCount() {
        return signature.args().size();
    }

    /** Name of the i-th positional argument, for the getters. */
    public String argName(int index) {
        return signature.args().get(index).name();
    }

    public double getDouble(int index) {
        return getDouble(argName(index));
    }

    public int getInt(int index) {
        return getInt(argName(index));
    }

    public long getLong(int index) {
        return getLong(argName(index));
    }

    public String getWord(int index) {
        return getWord(argName(index));
    }

    public Path getPath(int index) {
        return getPath(argName(index));
    }

    /** The typed value of an argument or option, or its default. */
    public Object get(String name) {
        Param p = declared(name);
        Value v = values.get(name);
        if (v != null) {
            return v.value();
        }
        if (p.defaultValue() != null) {
            return p.defaultValue();
        }
        if (!p.unitDefaults().isEmpty()) {
            if (units == null) {
                throw new InputException(file, 0, "the deck has no \"units\" command, which the default of "
                        + describe() + " " + name + " depends on");
            }
            return p.unitDefaults().get(units);
        }
        throw new IllegalStateException(describe() + ": " + name + " was not given and has no default; "
                + "check has() first");
    }

    /** An input error located at the command's keyword. */
    public InputException error(String problem) {
        return new InputException(file, keyword.line(), keyword.column(), problem);
    }

    /**
     * An input error located at the value of an argument or option (its first token), e.g. for an
     * unknown species found later; at the keyword when the option was not given.
     */
    public InputException error(String name, String problem) {
        return error(name, 0, problem);
    }

    /** As {@link #error(String, String)}, at the token-th token of a multi-token value. */
    public InputException error(String name, int token, String problem) {
        Token t = token(name, token);
        return t == null ? error(problem) : new InputException(file, t.line(), t.column(), problem);
    }

    /** The token-th token of a given value, or null when the value was not given. */
    Token token(String name, int token) {
        declared(name);
        Value v = values.get(name);
        if (v == null) {
            return null;
        }
        return v.tokens().get(Math.min(token, v.tokens().size() - 1));
    }

    /** Given values in the order written (positional arguments first). */
    Map<String, Value> values() {
        return values;
    }

    /** "potential lj" or "timestep". */
    String describe() {
        return variant == null ? name() : name() + " " + variant;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(describe());
        for (Value v : values.values()) {
            if (v.key() != null) {
                sb.append(' ').append(v.key().text());
            }
            for (Token t : v.tokens()) {
                sb.append(' ').append(t.quoted() ? "\"" + t.text() + "\"" : t.text());
            }
        }
        return sb.toString();
    }

    /**
     * The command as a deck line in which the files it reads are absolute paths, so that the line means
     * the same in a deck written to another folder (the active-learning loop writes its stages' decks
     * this way). Files it writes stay as written: relative to the folder of the deck they end up in.
     */
    public String toPortableLine() {
        StringBuilder sb = new StringBuilder(describe());
        for (Value v : values.values()) {
            if (v.key() != null) {
                sb.append(' ').append(v.key().text());
            }
            if (readsFiles(v.param().type())) {
                List<?> paths = v.value() instanceof List<?> l ? l : List.of(v.value());
                for (Object p : paths) {
                    sb.append(' ').append(Lexer.quote(((Path) p).toAbsolutePath().toString()));
                }
                continue;
            }
            for (Token t : v.tokens()) {
                sb.append(' ').append(t.quoted() ? Lexer.quote(t.text()) : t.text());
            }
        }
        return sb.toString();
    }

    private static boolean readsFiles(ValueType type) {
        if (type instanceof ValueType.Scalar s) {
            return s.role == ValueType.Role.INPUT_FILE;
        }
        if (type instanceof ValueType.Several s) {
            return s.element.role == ValueType.Role.INPUT_FILE;
        }
        return false;
    }

    private Param declared(String name) {
        Param p = signature.param(name);
        if (p == null) {
            throw new IllegalArgumentException(describe() + " has no argument or option " + name);
        }
        return p;
    }

    private List<?> list(String name) {
        if (get(name) instanceof List<?> l) {
            return l;
        }
        throw wrongType(name, "a list");
    }

    private IllegalArgumentException wrongType(String name, String asked) {
        return new IllegalArgumentException(describe() + " " + name + " is " + declared(name).type().expected()
                + ", not " + asked);
    }
}

package org.a2imd.io.deck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.a2imd.core.InputException;

/**
 * Turns the tokens of each logical line into a type-checked {@link Command}, following the schema.
 * Stops at the first error.
 */
final class Parser {
    private static final Pattern NUMBER_LIKE = Pattern.compile("[+-]?[0-9.].*");

    private final String file;
    private final Path baseDir;
    private final Schema schema;
    private final Map<String, Command> firstOfKind = new HashMap<>();

    Parser(String file, Path baseDir, Schema schema) {
        this.file = file;
        this.baseDir = baseDir;
        this.schema = schema;
    }

    List<Command> parse(List<List<Token>> lines) {
        List<Command> out = new ArrayList<>();
        for (List<Token> line : lines) {
            out.add(command(line));
        }
        return out;
    }

    private Command command(List<Token> toks) {
        Token kw = toks.get(0);
        if (kw.quoted()) {
            throw error(kw, "expected a command keyword, found the quoted string " + kw.shown());
        }
        CommandSpec spec = schema.get(kw.text());
        if (spec == null) {
            throw unknownCommand(kw);
        }
        Command first = firstOfKind.get(spec.name());
        if (first != null && !spec.repeatable()) {
            throw error(kw, "duplicate command \"" + spec.name() + "\": it was already given on line "
                    + first.line() + " and may appear only once");
        }
        int i = 1;
        String variant = null;
        Signature sig;
        if (spec.hasVariants()) {
            ValueType.Scalar kinds = spec.variantType();
            if (toks.size() < 2) {
                throw error(kw, spec.name() + " is missing its " + spec.variantLabel() + " (" + kinds.expected()
                        + ")");
            }
            variant = (String) scalar(kinds, toks.get(1), spec.name() + " " + spec.variantLabel());
            sig = spec.variants().get(variant);
            i = 2;
        } else {
            sig = spec.signature();
        }
        String subject = variant == null ? spec.name() : spec.name() + " " + variant;
        Map<String, Command.Value> values = new LinkedHashMap<>();
        for (Param a : sig.args()) {
            // "timestep must be ..." reads well; with options around, name the argument: "lattice style ..."
            String what = sig.args().size() == 1 && sig.options().isEmpty() ? subject : subject + " " + a.label();
            int need = a.type() instanceof ValueType.Fixed f ? f.count : 1;
            for (int k = 0; k < need; k++) {
                if (i + k >= toks.size() || isKeyword(toks.get(i + k), sig)) {
                    String problem = subject + " is missing the " + a.label() + ": " + a.type().expected();
                    if (i + k < toks.size()) {
                        throw error(toks.get(i + k), problem + ", found option \"" + toks.get(i + k).text() + "\"");
                    }
                    throw error(kw, problem);
                }
            }
            values.put(a.name(), value(a, null, what, toks, i, sig));
            i += need;
        }
        while (i < toks.size()) {
            Token t = toks.get(i);
            Param p = t.quoted() ? null : sig.options().get(t.text());
            if (p == null) {
                throw unexpected(t, spec, variant, sig, subject);
            }
            Command.Value earlier = values.get(p.name());
            if (earlier != null) {
                throw error(t, "option \"" + p.name() + "\" of " + subject + " is given twice (first at column "
                        + earlier.key().column() + ")");
            }
            Command.Value v = value(p, t, subject + " " + p.name(), toks, i + 1, sig);
            values.put(p.name(), v);
            i += 1 + v.tokens().size();
        }
        checkOptions(kw, sig, values, subject);
        Command c = new Command(file, spec, variant, sig, kw, values);
        for (Consumer<Command> check : sig.checks()) {
            check.accept(c);
        }
        firstOfKind.putIfAbsent(spec.name(), c);
        return c;
    }

    /** Reads the value of {@code p} starting at token {@code at}; {@code key} is the option keyword or null. */
    private Command.Value value(Param p, Token key, String what, List<Token> toks, int at, Signature sig) {
        ValueType type = p.type();
        if (type instanceof ValueType.Scalar s) {
            Token t = present(p, key, what, toks, at, sig, s);
            return new Command.Value(p, scalar(s, t, what), key, List.of(t));
        }
        if (type instanceof ValueType.Fixed f) {
            List<Object> items = new ArrayList<>();
            for (int k = 0; k < f.count; k++) {
                Token t = present(p, key, what, toks, at + k, sig, f.element);
                items.add(scalar(f.element, t, what, f.expected(), k));
            }
            return new Command.Value(p, List.copyOf(items), key, List.copyOf(toks.subList(at, at + f.count)));
        }
        if (type instanceof ValueType.Several several) {
            List<Object> items = new ArrayList<>();
            int i = at;
            while (i < toks.size() && !isKeyword(toks.get(i), sig)) {
                items.add(scalar(several.element, toks.get(i), what, several.expected(), i - at));
                i++;
            }
            if (items.isEmpty()) {
                throw error(key, "option \"" + p.name() + "\" needs a value: " + type.expected());
            }
            return new Command.Value(p, List.copyOf(items), key, List.copyOf(toks.subList(at, i)));
        }
        ValueType.Pairs pairs = (ValueType.Pairs) type;
        Map<String, Object> map = new LinkedHashMap<>();
        int i = at;
        while (i < toks.size() && !isKeyword(toks.get(i), sig)) {
            Token name = toks.get(i);
            String k = (String) scalar(pairs.key, name, what);
            if (map.containsKey(k)) {
                throw error(name, k + " appears twice in " + what);
            }
            if (i + 1 >= toks.size() || isKeyword(toks.get(i + 1), sig)) {
                throw error(name, what + ": " + k + " needs a value after it (" + pairs.value.expected() + ")");
            }
            map.put(k, scalar(pairs.value, toks.get(i + 1), what + " of " + k));
            i += 2;
        }
        if (map.isEmpty()) {
            throw error(key, "option \"" + p.name() + "\" needs a value: " + type.expected());
        }
        return new Command.Value(p, Collections.unmodifiableMap(map), key, List.copyOf(toks.subList(at, i)));
    }

    /** The token at {@code at}, which must hold a value and not be the next option keyword. */
    private Token present(Param p, Token key, String what, List<Token> toks, int at, Signature sig,
            ValueType.Scalar element) {
        if (at < toks.size()) {
            Token t = toks.get(at);
            if (!isKeyword(t, sig) || accepts(element, t)) {
                return t;
            }
        }
        String need = "needs a value: " + p.type().expected();
        if (at < toks.size()) {
            need += ", found option \"" + toks.get(at).text() + "\"";
        }
        throw error(key, key == null ? what + " " + need : "option \"" + p.name() + "\" " + need);
    }

    private Object scalar(ValueType.Scalar s, Token t, String what) {
        return scalar(s, t, what, s.expected(), -1);
    }

    private Object scalar(ValueType.Scalar s, Token t, String what, String expected, int index) {
        try {
            return s.read(t.text(), baseDir);
        } catch (ValueType.Invalid e) {
            if (e.reason != null) {
                throw error(t, what + " " + e.reason);
            }
            String where = index >= 0 ? " (value " + (index + 1) + ")" : "";
            throw error(t, what + " must be " + expected + ", found " + t.shown() + where + e.suffix);
        }
    }

    private void checkOptions(Token kw, Signature sig, Map<String, Command.Value> values, String subject) {
        for (Param p : sig.options().values()) {
            if (p.required() && !values.containsKey(p.name())) {
                throw error(kw, subject + " needs option \"" + p.name() + "\" (" + p.type().expected() + ")");
            }
        }
        for (Signature.Group g : sig.groups()) {
            List<Command.Value> given = new ArrayList<>();
            for (String o : g.options()) {
                if (values.containsKey(o)) {
                    given.add(values.get(o));
                }
            }
            String names = String.join(", ", g.options());
            switch (g.rule()) {
                case EXACTLY_ONE -> {
                    if (given.isEmpty()) {
                        throw error(kw, subject + " needs one of the options " + names);
                    }
                    if (given.size() > 1) {
                        throw error(given.get(1).key(), subject + " takes only one of the options " + names
                                + ", found " + given.get(0).key().text() + " and " + given.get(1).key().text());
                    }
                }
                case AT_MOST_ONE -> {
                    if (given.size() > 1) {
                        throw error(given.get(1).key(), subject + " takes at most one of the options " + names
                                + ", found " + given.get(0).key().text() + " and " + given.get(1).key().text());
                    }
                }
                case ALL_OR_NONE -> {
                    if (!given.isEmpty() && given.size() < g.options().size()) {
                        Command.Value v = given.get(0);
                        String missing = g.options().stream().filter(o -> !values.containsKey(o)).findFirst()
                                .orElseThrow();
                        throw error(v.key(), "option \"" + v.key().text() + "\" of " + subject
                                + " needs option \"" + missing + "\" as well");
                    }
                }
            }
        }
    }

    private InputException unknownCommand(Token kw) {
        String hint = schema.hint(kw.text());
        if (hint != null) {
            return error(kw, "unknown command " + kw.shown() + "; " + hint);
        }
        String s = Suggest.didYouMean(kw.text(), schema.keywords());
        if (s.isEmpty()) {
            s = "; commands are " + String.join(", ", schema.keywords());
        }
        return error(kw, "unknown command " + kw.shown() + s);
    }

    private InputException unexpected(Token t, CommandSpec spec, String variant, Signature sig, String subject) {
        if (!t.quoted() && variant != null) {
            List<String> owners = new ArrayList<>();
            spec.variants().forEach((name, s) -> {
                if (s.options().containsKey(t.text())) {
                    owners.add(spec.name() + " " + name);
                }
            });
            if (!owners.isEmpty()) {
                return error(t, subject + " has no option \"" + t.text() + "\" (it belongs to "
                        + String.join(", ", owners) + ")");
            }
        }
        if (sig.options().isEmpty()) {
            String after = sig.args().isEmpty() ? "takes no arguments or options"
                    : "takes nothing after the " + sig.args().get(sig.args().size() - 1).label();
            return error(t, "unexpected " + t.shown() + ": " + subject + " " + after);
        }
        String options = String.join(", ", sig.options().keySet());
        if (t.quoted() || NUMBER_LIKE.matcher(t.text()).matches()) {
            return error(t, "unexpected value " + t.shown() + " in " + subject + ": expected an option ("
                    + options + ")");
        }
        String s = Suggest.didYouMean(t.text(), sig.options().keySet());
        return error(t, "unknown option " + t.shown() + " for " + subject
                + (s.isEmpty() ? "; its options are " + options : s));
    }

    private static boolean isKeyword(Token t, Signature sig) {
        return !t.quoted() && sig.options().containsKey(t.text());
    }

    /** Whether a keyword-looking token is nonetheless a valid value (e.g. a species named "seed"). */
    private boolean accepts(ValueType.Scalar s, Token t) {
        try {
            s.read(t.text(), baseDir);
            return true;
        } catch (ValueType.Invalid e) {
            return false;
        }
    }

    private InputException error(Token t, String problem) {
        return new InputException(file, t.line(), t.column(), problem);
    }
}

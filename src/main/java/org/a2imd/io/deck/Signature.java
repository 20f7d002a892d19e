package org.a2imd.io.deck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.a2imd.core.Units;

/**
 * What one command (or one variant of it, such as {@code integrator langevin}) accepts: positional
 * arguments in order, then options in any order, plus constraints between options and free-form checks
 * run on the parsed command. Immutable once built.
 */
public final class Signature {
    /** How the options of a group relate. */
    public enum Rule {
        /** Exactly one of them must be given. */
        EXACTLY_ONE,
        /** At most one of them may be given. */
        AT_MOST_ONE,
        /** All of them or none. */
        ALL_OR_NONE
    }

    public record Group(Rule rule, List<String> options) {
    }

    private final List<Param> args;
    private final Map<String, Param> options;
    private final List<Group> groups;
    private final List<Consumer<Command>> checks;

    private Signature(Builder b) {
        this.args = List.copyOf(b.args);
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
        this.groups = List.copyOf(b.groups);
        this.checks = List.copyOf(b.checks);
    }

    public List<Param> args() {
        return args;
    }

    /** Options by keyword, in declaration order. */
    public Map<String, Param> options() {
        return options;
    }

    public List<Group> groups() {
        return groups;
    }

    List<Consumer<Command>> checks() {
        return checks;
    }

    /** A positional argument or an option, or null. */
    Param param(String name) {
        for (Param p : args) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return options.get(name);
    }

    /** Declares a signature; methods return this for chaining. */
    public static final class Builder {
        private final List<Param> args = new ArrayList<>();
        private final Map<String, Param> options = new LinkedHashMap<>();
        private final List<Group> groups = new ArrayList<>();
        private final List<Consumer<Command>> checks = new ArrayList<>();

        Builder() {
        }

        /** A required positional argument; {@code label} names it in messages ("time step"). */
        public Builder arg(String name, String label, ValueType type) {
            if (type instanceof ValueType.Pairs || type instanceof ValueType.Several) {
                throw new IllegalArgumentException("a positional argument cannot be a variable-length list");
            }
            checkNew(name);
            args.add(new Param(name, label, type, true, true, null, Map.of()));
            return this;
        }

        /** An option that must be given. */
        public Builder required(String name, ValueType type) {
            return add(new Param(name, name, type, false, true, null, Map.of()));
        }

        /** An optional option without a default: test with {@link Command#has}. */
        public Builder option(String name, ValueType type) {
            return add(new Param(name, name, type, false, false, null, Map.of()));
        }

        /** An optional option with a default (of the type's Java value: Double, Integer, Boolean, String...). */
        public Builder option(String name, ValueType type, Object defaultValue) {
            return add(new Param(name, name, type, false, false, defaultValue, Map.of()));
        }

        /** An optional option whose default depends on the deck's units. */
        public Builder option(String name, ValueType type, Map<Units, Object> defaults) {
            return add(new Param(name, name, type, false, false, null, defaults));
        }

        public Builder exactlyOne(String... names) {
            return group(Rule.EXACTLY_ONE, names);
        }

        public Builder atMostOne(String... names) {
            return group(Rule.AT_MOST_ONE, names);
        }

        public Builder allOrNone(String... names) {
            return group(Rule.ALL_OR_NONE, names);
        }

        /** A check on the parsed command; it reports problems by throwing {@code command.error(...)}. */
        public Builder check(Consumer<Command> check) {
            checks.add(check);
            return this;
        }

        private Builder group(Rule rule, String... names) {
            for (String n : names) {
                if (!options.containsKey(n)) {
                    throw new IllegalArgumentException("group names undeclared option " + n);
                }
            }
            groups.add(new Group(rule, List.of(names)));
            return this;
        }

        private Builder add(Param p) {
            checkNew(p.name());
            options.put(p.name(), p);
            return this;
        }

        private void checkNew(String name) {
            if (options.containsKey(name) || args.stream().anyMatch(a -> a.name().equals(name))) {
                throw new IllegalArgumentException("parameter " + name + " declared twice");
            }
        }

        Signature build() {
            return new Signature(this);
        }
    }
}

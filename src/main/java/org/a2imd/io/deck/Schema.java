package org.a2imd.io.deck;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The commands a deck may contain, by keyword, plus advice for keywords users bring from other codes
 * (LAMMPS's "pair_style", "fix"...). Immutable; {@link #with} derives an extended schema, so new commands
 * (minimize, elastic, train...) are added by declaring a {@link CommandSpec}, not by editing the parser.
 */
public final class Schema {
    private final Map<String, CommandSpec> commands;
    private final Map<String, String> hints;

    Schema(Map<String, CommandSpec> commands, Map<String, String> hints) {
        this.commands = Collections.unmodifiableMap(new LinkedHashMap<>(commands));
        this.hints = Map.copyOf(hints);
    }

    /** The commands of an a2imd deck, as documented in docs/deck.md. */
    public static Schema standard() {
        return StandardSchema.SCHEMA;
    }

    /** A schema with this command added (or replacing one with the same keyword). */
    public Schema with(CommandSpec spec) {
        Map<String, CommandSpec> m = new LinkedHashMap<>(commands);
        m.put(spec.name(), spec);
        return new Schema(m, hints);
    }

    /** A schema that answers an unknown {@code keyword} with {@code advice}. */
    public Schema withHint(String keyword, String advice) {
        Map<String, String> h = new LinkedHashMap<>(hints);
        h.put(keyword, advice);
        return new Schema(commands, h);
    }

    /** The command declared for a keyword, or null. */
    public CommandSpec get(String keyword) {
        return commands.get(keyword);
    }

    /** The keywords in declaration order. */
    public Set<String> keywords() {
        return commands.keySet();
    }

    String hint(String keyword) {
        return hints.get(keyword);
    }
}

package org.a2imd.io.deck;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The declaration of one deck command: its keyword, whether it may repeat, and either one signature or
 * several variants chosen by the first word (as in {@code integrator nve} / {@code integrator langevin
 * ...}), each with its own arguments and options, so an option of another variant is an error.
 */
public final class CommandSpec {
    private final String name;
    private final boolean repeatable;
    private final String variantLabel;
    private final Map<String, Signature> variants;
    private final Map<String, String> variantHints;
    private final Signature single;

    private CommandSpec(Builder b) {
        this.name = b.name;
        this.repeatable = b.repeatable;
        this.variantLabel = b.variantLabel;
        this.variants = Collections.unmodifiableMap(new LinkedHashMap<>(b.variants));
        this.variantHints = Map.copyOf(b.variantHints);
        this.single = b.single;
        if ((single == null) == variants.isEmpty()) {
            throw new IllegalArgumentException(name + ": give either one signature or variants");
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public boolean repeatable() {
        return repeatable;
    }

    public boolean hasVariants() {
        return single == null;
    }

    /** The variants by name, in declaration order (empty without variants). */
    public Map<String, Signature> variants() {
        return variants;
    }

    /** The signature of a command without variants. */
    public Signature signature() {
        if (single == null) {
            throw new IllegalStateException(name + " has variants");
        }
        return single;
    }

    String variantLabel() {
        return variantLabel;
    }

    ValueType.Scalar variantType() {
        return ValueType.word(variants.keySet().stream().toList(), variantHints);
    }

    public static final class Builder {
        private final String name;
        private boolean repeatable;
        private String variantLabel = "kind";
        private final Map<String, Signature> variants = new LinkedHashMap<>();
        private final Map<String, String> variantHints = new LinkedHashMap<>();
        private Signature single;

        private Builder(String name) {
            this.name = name;
        }

        /** The command may appear more than once; the deck keeps the order. */
        public Builder repeatable() {
            this.repeatable = true;
            return this;
        }

        /** The one signature of a command without variants. */
        public Builder signature(Consumer<Signature.Builder> declare) {
            Signature.Builder b = new Signature.Builder();
            declare.accept(b);
            single = b.build();
            return this;
        }

        /** A variant chosen by the word right after the keyword. */
        public Builder variant(String word, Consumer<Signature.Builder> declare) {
            Signature.Builder b = new Signature.Builder();
            declare.accept(b);
            variants.put(word, b.build());
            return this;
        }

        /** What the variant word is called in messages ("kind", "style"). */
        public Builder variantLabel(String label) {
            this.variantLabel = label;
            return this;
        }

        /** Advice shown when the variant word is {@code word}, e.g. LAMMPS's "nvt". */
        public Builder variantHint(String word, String advice) {
            variantHints.put(word, advice);
            return this;
        }

        public CommandSpec build() {
            return new CommandSpec(this);
        }
    }
}

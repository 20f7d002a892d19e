package org.a2imd.io.deck;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.a2imd.core.InputException;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;

/**
 * A parsed input deck: its commands in file order, each type-checked against the {@link Schema}, and the
 * checks that involve several commands already done. {@link #requireForEval()} and {@link #requireForRun()}
 * check that the commands a task needs are present. The language is described in docs/deck.md.
 */
public final class Deck {
    private final String file;
    private final Path baseDir;
    private final List<Command> commands;
    private final Map<Command, List<Command>> pairCoeffs;

    private Deck(String file, Path baseDir, List<Command> commands, Map<Command, List<Command>> pairCoeffs) {
        this.file = file;
        this.baseDir = baseDir;
        this.commands = List.copyOf(commands);
        this.pairCoeffs = pairCoeffs;
    }

    /** Reads a deck file (UTF-8); relative file names in it are resolved against its folder. */
    public static Deck parse(Path file) {
        String unreadable = org.a2imd.core.FileProblems.unreadable(file);
        if (unreadable != null) {
            throw new InputException(file.toString(), 0, "cannot read the deck: " + unreadable);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw org.a2imd.core.FileProblems.notUtf8(file, "a deck");
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read the deck: " + org.a2imd.core.FileProblems.reason(e));
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir);
    }

    /** Parses deck text; relative file names are resolved against the folder of {@code fileName}. */
    public static Deck parse(String text, String fileName) {
        Path parent;
        try {
            parent = Path.of(fileName).toAbsolutePath().getParent();
        } catch (InvalidPathException e) {
            parent = null; // a display name such as "<stdin>" on Windows
        }
        return parse(text, fileName, parent == null ? Path.of("").toAbsolutePath() : parent);
    }

    public static Deck parse(String text, String fileName, Path baseDir) {
        return parse(text, fileName, baseDir, Schema.standard());
    }

    /** Parses with another schema, e.g. {@code Schema.standard().with(minimizeSpec)}. */
    public static Deck parse(String text, String fileName, Path baseDir, Schema schema) {
        List<Command> commands = new Parser(fileName, baseDir, schema).parse(Lexer.tokenize(text, fileName));
        Units units = null;
        for (Command c : commands) {
            if (c.name().equals("units")) {
                units = Units.byId(c.getWord("style"));
            }
        }
        for (Command c : commands) {
            c.bindUnits(units);
        }
        return new Deck(fileName, baseDir, commands, DeckChecks.run(commands));
    }

    /** The file name used in messages. */
    public String file() {
        return file;
    }

    /** The folder relative file names are resolved against. */
    public Path baseDir() {
        return baseDir;
    }

    /** All commands in file order. */
    public List<Command> commands() {
        return commands;
    }

    /** The commands with this keyword, in file order (empty when there are none). */
    public List<Command> all(String name) {
        List<Command> out = new ArrayList<>();
        for (Command c : commands) {
            if (c.name().equals(name)) {
                out.add(c);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The single command with this keyword. Its absence is an input error (so callers may rely on it
     * for required commands); asking for a command that occurs several times is a programming error.
     */
    public Command one(String name) {
        List<Command> list = all(name);
        if (list.size() > 1) {
            throw new IllegalStateException(name + " occurs " + list.size() + " times; use all()");
        }
        if (list.isEmpty()) {
            throw missing(name);
        }
        return list.get(0);
    }

    public Optional<Command> optional(String name) {
        List<Command> list = all(name);
        if (list.size() > 1) {
            throw new IllegalStateException(name + " occurs " + list.size() + " times; use all()");
        }
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** The deck's unit system. */
    public Units units() {
        return Units.byId(one("units").getWord("style"));
    }

    /** The species in "species" order, which defines their type index. */
    public SpeciesSet species() {
        List<Species> list = new ArrayList<>();
        for (Command c : all("species")) {
            list.add(new Species(c.getWord("name"), c.getDouble("mass")));
        }
        return new SpeciesSet(list);
    }

    /** The pair_coeff commands that follow {@code ljPotential} (up to the next potential lj), in order. */
    public List<Command> pairCoeffs(Command ljPotential) {
        List<Command> list = pairCoeffs.get(ljPotential);
        if (list == null) {
            throw new IllegalArgumentException("not a potential lj command of this deck: " + ljPotential);
        }
        return Collections.unmodifiableList(list);
    }

    /** An input error about the deck as a whole (no line). */
    public InputException error(String problem) {
        return new InputException(file, 0, problem);
    }

    /**
     * Checks what evaluating energies and forces needs: units, at least one species and one potential,
     * and Lennard-Jones coefficients for every pair of species. Returns this deck.
     */
    public Deck requireForEval() {
        Requirements.forEval(this);
        return this;
    }

    /**
     * Checks what {@code a2imd run} needs: everything {@link #requireForEval()} checks, plus exactly one
     * of lattice / read_extxyz, and run with timestep unless the deck only minimises and/or computes
     * elastic constants. Returns this deck.
     */
    public Deck requireForRun() {
        Requirements.forRun(this);
        return this;
    }

    /**
     * Checks what training a model needs (see docs/deck.md, "Training decks"): units, data, model,
     * optimizer and output, and no commands of a simulation. Returns this deck.
     */
    public Deck requireForTrain() {
        Requirements.forTrain(this);
        return this;
    }

    /**
     * Checks what {@code a2imd learn} needs (see docs/deck.md, "Active-learning decks"): the reference that
     * labels frames, the training commands with a committee, explore state points, select and learn.
     */
    public Deck requireForLearn() {
        Requirements.forLearn(this);
        return this;
    }

    /** {@code text} as one deck token in double quotes (the deck language has no escapes: no quote, no line break). */
    public static String quote(String text) {
        return Lexer.quote(text);
    }

    InputException missing(String name) {
        return error("the deck has no \"" + name + "\" command");
    }
}

package org.a2imd.io.deck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.a2imd.core.InputException;

/**
 * Checks that involve more than one command and hold for every deck: species defined once and referred
 * to only when defined, pair_coeff after a "potential lj", one structure source, no file written twice
 * or written over an input. Run once, right after parsing.
 */
final class DeckChecks {
    private DeckChecks() {
    }

    /** Returns, for each "potential lj" command, its pair_coeff commands in order. */
    static Map<Command, List<Command>> run(List<Command> commands) {
        Map<String, Command> species = defineSpecies(commands);
        checkSpeciesReferences(commands, species);
        checkLattice(commands, species);
        checkOneStructure(commands);
        checkFiles(commands);
        return attachPairCoeffs(commands);
    }

    private static Map<String, Command> defineSpecies(List<Command> commands) {
        Map<String, Command> defined = new LinkedHashMap<>();
        for (Command c : commands) {
            if (c.name().equals("species")) {
                String name = c.getWord("name");
                Command before = defined.putIfAbsent(name, c);
                if (before != null) {
                    throw c.error("name", "species \"" + name + "\" is already defined on line " + before.line());
                }
            }
        }
        return defined;
    }

    private static void checkSpeciesReferences(List<Command> commands, Map<String, Command> species) {
        for (Command c : commands) {
            for (Command.Value v : c.values().values()) {
                List<Token> refs = speciesTokens(v);
                for (Token t : refs) {
                    if (!species.containsKey(t.text())) {
                        String problem = "unknown species " + t.shown();
                        if (species.isEmpty()) {
                            problem += ": the deck defines no species (add e.g. \"species " + t.text()
                                    + " mass 1.0\")";
                        } else {
                            String s = Suggest.didYouMean(t.text(), species.keySet());
                            problem += s.isEmpty() ? "; the deck defines " + String.join(", ", species.keySet()) : s;
                        }
                        throw new InputException(c.file(), t.line(), t.column(), problem);
                    }
                }
            }
        }
    }

    /** The tokens of a value that name species (for NAME VALUE pairs, the names). */
    private static List<Token> speciesTokens(Command.Value v) {
        ValueType type = v.param().type();
        List<Token> out = new ArrayList<>();
        if (type instanceof ValueType.Scalar s && s.role == ValueType.Role.SPECIES_REFERENCE) {
            out.addAll(v.tokens());
        } else if (type instanceof ValueType.Fixed f && f.element.role == ValueType.Role.SPECIES_REFERENCE) {
            out.addAll(v.tokens());
        } else if (type instanceof ValueType.Pairs p && p.key.role == ValueType.Role.SPECIES_REFERENCE) {
            for (int i = 0; i < v.tokens().size(); i += 2) {
                out.add(v.tokens().get(i));
            }
        }
        return out;
    }

    private static void checkLattice(List<Command> commands, Map<String, Command> species) {
        for (Command c : commands) {
            if (c.name().equals("lattice") && !c.has("composition") && !c.has("species") && species.size() != 1) {
                throw c.error(species.isEmpty()
                        ? "lattice needs species: define one with \"species NAME mass M\""
                        : "lattice needs \"species NAME\" or \"composition NAME FRACTION ...\" when the deck "
                                + "defines " + species.size() + " species");
            }
        }
    }

    private static void checkOneStructure(List<Command> commands) {
        Command first = null;
        for (Command c : commands) {
            if (c.name().equals("lattice") || c.name().equals("read_extxyz")) {
                if (first != null) {
                    throw c.error("the atoms are already set by " + first.name() + " on line " + first.line()
                            + "; use either lattice or read_extxyz, once");
                }
                first = c;
            }
        }
    }

    private static void checkFiles(List<Command> commands) {
        Map<Path, Command> inputs = new HashMap<>();
        Map<Path, Command> outputs = new HashMap<>();
        for (Command c : commands) {
            for (Command.Value v : c.values().values()) {
                if (v.param().type() instanceof ValueType.Scalar s && s.role == ValueType.Role.INPUT_FILE) {
                    inputs.putIfAbsent((Path) v.value(), c);
                } else if (v.param().type() instanceof ValueType.Several s
                        && s.element.role == ValueType.Role.INPUT_FILE) {
                    for (Object p : (List<?>) v.value()) {
                        inputs.putIfAbsent((Path) p, c);
                    }
                }
            }
        }
        for (Command c : commands) {
            for (Command.Value v : c.values().values()) {
                if (!(v.param().type() instanceof ValueType.Scalar s) || s.role != ValueType.Role.OUTPUT_FILE) {
                    continue;
                }
                Path p = (Path) v.value();
                Token t = v.tokens().get(0);
                Command reader = inputs.get(p);
                if (reader != null) {
                    throw new InputException(c.file(), t.line(), t.column(), "file " + t.shown() + " is read by "
                            + reader.name() + " on line " + reader.line() + "; writing it would overwrite the input");
                }
                Command writer = outputs.putIfAbsent(p, c);
                if (writer != null) {
                    throw new InputException(c.file(), t.line(), t.column(), "file " + t.shown()
                            + " is already written by " + writer.name() + " on line " + writer.line());
                }
            }
        }
    }

    private static Map<Command, List<Command>> attachPairCoeffs(List<Command> commands) {
        Map<Command, List<Command>> byPotential = new HashMap<>();
        Command lj = null;
        Map<String, Command> seen = new HashMap<>();
        for (Command c : commands) {
            if (c.is("potential", "lj")) {
                lj = c;
                byPotential.put(c, new ArrayList<>());
                seen.clear();
            } else if (c.name().equals("pair_coeff")) {
                if (lj == null) {
                    Command later = commands.stream().filter(x -> x.is("potential", "lj")).findFirst().orElse(null);
                    throw c.error("pair_coeff needs a \"potential lj\" command before it"
                            + (later == null ? "" : " (potential lj is on line " + later.line() + "; move it up)"));
                }
                String a = c.getWord("a");
                String b = c.getWord("b");
                String key = a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
                Command before = seen.putIfAbsent(key, c);
                if (before != null) {
                    throw c.error("pair_coeff for " + a + " " + b + " is already given on line " + before.line()
                            + " for the potential lj on line " + lj.line());
                }
                byPotential.get(lj).add(c);
            }
        }
        return byPotential;
    }
}

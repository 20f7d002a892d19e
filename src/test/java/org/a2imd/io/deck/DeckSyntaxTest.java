package org.a2imd.io.deck;

import static org.a2imd.io.deck.ValueType.integer;
import static org.a2imd.io.deck.ValueType.positive;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.a2imd.core.InputException;
import org.a2imd.core.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lexical rules (comments, continuation, quotes), typed getters, defaults, and extending the schema. */
class DeckSyntaxTest {

    @Test
    void commentsContinuationAndBlankLines() {
        String text = """
                # a comment line
                units lj   # trailing comment

                species A mass 1.0
                lattice fcc &
                    density 0.8442 & # comment after the continuation mark
                \treplicate 4 5 6
                potential lj cutoff 2.5
                pair_coeff A A epsilon 1 sigma 1
                timestep 0.005\r
                run 100
                trajectory file "my run#1.xyz" every 10
                """;
        Deck d = Deck.parse(text, "deck.in").requireForRun();
        assertEquals(List.of("units", "species", "lattice", "potential", "pair_coeff", "timestep", "run", "trajectory"),
                d.commands().stream().map(Command::name).toList());
        Command lattice = d.one("lattice");
        assertEquals(5, lattice.line());
        assertArrayEquals(new int[] {4, 5, 6}, lattice.getInts("replicate"));
        assertArrayEquals(new double[] {4, 5, 6}, lattice.getNumbers("replicate"));
        assertEquals(0.8442, lattice.getDouble("density"));
        // a value on a continued line is located on its own physical line
        InputException e = lattice.error("replicate", "test");
        assertEquals(7, e.line());
        assertEquals(12, e.column());
        assertEquals(0.005, d.one("timestep").getDouble("dt"));
        // '#' inside quotes is text
        assertEquals("my run#1.xyz", d.one("trajectory").getPath("file").getFileName().toString());
    }

    @Test
    void errorInContinuedLinePointsToPhysicalLine() {
        String text = "units lj\nlattice fcc &\n   density -1 replicate 2 2 2\n";
        InputException e = assertThrows(InputException.class, () -> Deck.parse(text, "x.in"));
        assertEquals("x.in:3:12: lattice density must be a positive number, found \"-1\"", e.getMessage());
    }

    @Test
    void typedGettersAndDefaults() {
        String text = """
                units metal
                species Si mass 28.0855
                species Ge mass 72.63
                lattice diamond constant 5.5 replicate 2 2 2 composition Si 0.75 Ge 0.25 seed 9
                potential lj cutoff 6
                pair_coeff Si Si epsilon 0.1 sigma 2.1
                pair_coeff Ge Ge epsilon 0.1 sigma 2.2 cutoff 5.5
                potential lj cutoff 3 shift true tail yes mixing geometric
                pair_coeff Si Ge epsilon 0.2 sigma 2.0
                pair_coeff Si Si epsilon 0 sigma 1
                pair_coeff Ge Ge epsilon 0 sigma 1
                integrator csvr temperature 300 tau 0.1 seed 18446744073709551
                velocity temperature 600 seed 0
                timestep 0.001
                run 0
                neighbor
                """;
        Deck d = Deck.parse(text, "deck.in").requireForRun();
        assertEquals(Units.METAL, d.units());
        assertEquals(List.of("Si", "Ge"), d.species().names());
        assertEquals(72.63, d.species().mass(1));
        Command lattice = d.one("lattice");
        assertEquals("diamond", lattice.getWord("style"));
        assertEquals("diamond", lattice.getWord(0));
        assertEquals(Map.of("Si", 0.75, "Ge", 0.25), lattice.getPairs("composition"));
        assertEquals(List.of("Si", "Ge"), List.copyOf(lattice.getPairs("composition").keySet()));
        assertEquals(9L, lattice.getLong("seed"));
        assertFalse(lattice.has("species"));
        assertThrows(IllegalStateException.class, () -> lattice.getWord("species"));

        List<Command> pots = d.all("potential");
        assertEquals(2, pots.size());
        Command first = pots.get(0);
        assertEquals("lj", first.variant());
        assertFalse(first.getBool("shift"));
        assertFalse(first.getBool("tail"));
        assertEquals("geometric", first.getWord("mixing"));
        assertFalse(first.has("mixing"));
        assertEquals(2, d.pairCoeffs(first).size());
        assertEquals(5.5, d.pairCoeffs(first).get(1).getDouble("cutoff"));
        assertFalse(d.pairCoeffs(first).get(0).has("cutoff"));
        Command second = pots.get(1);
        assertTrue(second.getBool("shift"));
        assertTrue(second.getBool("tail"));
        assertEquals("geometric", second.getWord("mixing"));
        assertEquals(List.of("Si", "Ge"), List.of(d.pairCoeffs(second).get(0).getWord("a"),
                d.pairCoeffs(second).get(0).getWord("b")));

        Command integ = d.one("integrator");
        assertEquals("csvr", integ.variant());
        assertEquals(18446744073709551L, integ.getLong("seed"));
        assertEquals(0, d.one("run").getLong("steps"));
        // unit-dependent default: 1.0 Angstrom in metal units
        assertEquals(1.0, d.one("neighbor").getDouble("skin"));
        assertFalse(d.one("neighbor").has("skin"));
        assertTrue(d.optional("thermo").isEmpty());
        assertEquals(2, d.all("species").size());
        assertThrows(IllegalStateException.class, () -> d.one("species"));
        assertThrows(IllegalArgumentException.class, () -> integ.getDouble("damping"));
        assertThrows(IllegalArgumentException.class, () -> integ.getInt("temperature"));
        // asking for a required command that is absent is an input error, not a programming error
        InputException missing = assertThrows(InputException.class, () -> d.one("thermo"));
        assertEquals("deck.in: the deck has no \"thermo\" command", missing.getMessage());
    }

    @Test
    void ljSkinDefaultAndExtxyzFrameDefault() {
        String text = """
                units lj
                species A mass 1
                read_extxyz src/test/resources/reference/lj_small100_cubic5.2_rc2.5_noshift.extxyz
                neighbor
                """;
        Deck d = Deck.parse(text, "deck.in", Path.of("").toAbsolutePath());
        assertEquals(0.3, d.one("neighbor").getDouble("skin"));
        // without units the default is unknown: an input error, not a crash
        Command noUnits = Deck.parse("neighbor\n", "n.in").one("neighbor");
        InputException e = assertThrows(InputException.class, () -> noUnits.getDouble("skin"));
        assertEquals("n.in: the deck has no \"units\" command, which the default of neighbor skin depends on",
                e.getMessage());
        assertEquals(-1, d.one("read_extxyz").getInt("frame"));
        assertTrue(Files.isRegularFile(d.one("read_extxyz").getPath("file")));
    }

    @Test
    void pathsResolveAgainstTheDeckFolder(@TempDir Path dir) throws IOException {
        Path sub = Files.createDirectories(dir.resolve("inputs"));
        Files.writeString(sub.resolve("Si.sw"), "# empty\n");
        Path deckFile = dir.resolve("si.in");
        Files.writeString(deckFile, """
                units metal
                species Si mass 28.0855
                potential sw file inputs/Si.sw
                write_final file "out dir/../final.extxyz"
                """);
        Deck d = Deck.parse(deckFile).requireForEval();
        assertEquals(sub.resolve("Si.sw").toAbsolutePath(), d.one("potential").getPath("file"));
        assertEquals(dir.resolve("final.extxyz").toAbsolutePath(), d.one("write_final").getPath("file"));
        assertEquals(deckFile.toString(), d.file());
        // a missing deck file is an InputException too
        InputException e = assertThrows(InputException.class, () -> Deck.parse(dir.resolve("none.in")));
        assertTrue(e.getMessage().contains("cannot read the deck"), e.getMessage());
    }

    @Test
    void semanticErrorsLaterPointAtTheRightToken() {
        String text = "units lj\nspecies A mass 1\npotential lj cutoff 2.5\npair_coeff   A A epsilon 1 sigma 1\n";
        Command pc = Deck.parse(text, "d.in").one("pair_coeff");
        InputException e = pc.error("sigma", "sigma too small for this model");
        assertEquals("d.in:4:34: sigma too small for this model", e.getMessage());
        assertEquals("d.in:4:14: x", pc.error("a", "x").getMessage());
        assertEquals("d.in:4:1: x", pc.error("x").getMessage());
        assertEquals("d.in:4:1: x", pc.error("cutoff", "x").getMessage()); // not given: at the command
    }

    @Test
    void quotedTokensAreValuesEvenWhenTheyLookLikeKeywords() {
        String text = """
                units lj
                species seed mass 1
                species B mass 1
                lattice sc density 1 replicate 2 2 2 composition "seed" 0.5 B 0.5 seed 3
                """;
        Command lattice = Deck.parse(text, "deck.in").one("lattice");
        assertEquals(Map.of("seed", 0.5, "B", 0.5), lattice.getPairs("composition"));
        assertEquals(3L, lattice.getLong("seed"));
    }

    @Test
    void schemaIsExtensibleWithNewCommands() {
        CommandSpec anneal = CommandSpec.builder("anneal").signature(s -> s
                .required("ftol", positive())
                .option("maxiter", integer(1), 1000)).build();
        Schema schema = Schema.standard().with(anneal);
        Deck d = Deck.parse("units lj\nanneal ftol 1e-8\n", "m.in", Path.of("."), schema);
        assertEquals(1e-8, d.one("anneal").getDouble("ftol"));
        assertEquals(1000, d.one("anneal").getInt("maxiter"));
        InputException e = assertThrows(InputException.class,
                () -> Deck.parse("anneal ftol 1e-8 maxiter 10 maxitr 3\n", "m.in", Path.of("."), schema));
        assertEquals("m.in:1:29: unknown option \"maxitr\" for anneal; did you mean \"maxiter\"?", e.getMessage());
        // the standard schema does not know it
        InputException std = assertThrows(InputException.class, () -> Deck.parse("anneal ftol 1\n", "m.in"));
        assertTrue(std.problem().startsWith("unknown command \"anneal\""));
    }

    @Test
    void damerauDistance() {
        assertEquals(1, Suggest.distance("timestpe", "timestep")); // adjacent swap counts once
        assertEquals(2, Suggest.distance("tmiestpe", "timestep"));
        assertEquals(0, Suggest.distance("", ""));
        assertEquals(3, Suggest.distance("abc", ""));
        assertEquals("timestep", Suggest.nearest("timstep", List.of("run", "timestep", "thermo")));
        assertEquals(null, Suggest.nearest("xyz", List.of("run", "timestep", "thermo")));
    }

    @Test
    void emptyDeckParsesButIsNotRunnable() {
        Deck d = Deck.parse("# nothing\n\n   \n", "e.in");
        assertTrue(d.commands().isEmpty());
        assertThrows(InputException.class, d::requireForEval);
        assertTrue(Deck.parse("", "e.in").commands().isEmpty());
    }
}

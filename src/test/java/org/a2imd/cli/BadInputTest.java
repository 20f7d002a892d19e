package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each class of bad input ends the program with exit status 2 and one message that names the file and
 * line (and says what was expected), never a stack trace.
 */
class BadInputTest {
    @TempDir
    Path dir;

    static final String GOOD = String.join("\n",
            "units lj",
            "species Ar mass 1.0",
            "lattice fcc density 0.8442 replicate 4 4 4 species Ar",
            "velocity temperature 1.0 seed 1",
            "potential lj cutoff 2.5 shift yes",
            "pair_coeff Ar Ar epsilon 1.0 sigma 1.0",
            "timestep 0.005",
            "integrator nve",
            "run 5", "");

    private Cli.Result runDeck(String text) throws IOException {
        Path deck = dir.resolve("bad.in");
        Files.writeString(deck, text);
        return Cli.run("run", "--no-progress", deck.toString());
    }

    private static void assertInputError(Cli.Result r, String location, String... words) {
        assertEquals(Main.EXIT_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(location), "message should name " + location + ": " + r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "message should say '" + w + "': " + r.err());
        }
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void goodDeckRuns() throws IOException {
        assertEquals(0, runDeck(GOOD).code());
    }

    @Test
    void unknownKeywordSuggestsTheNearestOne() throws IOException {
        assertInputError(runDeck(GOOD.replace("timestep 0.005", "timestpe 0.005")), "bad.in:7:1", "timestep");
    }

    @Test
    void missingValue() throws IOException {
        assertInputError(runDeck(GOOD.replace("timestep 0.005", "timestep")), "bad.in:7", "timestep");
    }

    @Test
    void wrongType() throws IOException {
        assertInputError(runDeck(GOOD.replace("run 5", "run five")), "bad.in:9:5", "five");
    }

    @Test
    void badUnits() throws IOException {
        assertInputError(runDeck(GOOD.replace("units lj", "units cgs")), "bad.in:1:7", "lj", "metal");
    }

    @Test
    void unknownSpecies() throws IOException {
        assertInputError(runDeck(GOOD.replace("pair_coeff Ar Ar", "pair_coeff Ar Kr")), "bad.in:6:15", "Kr");
    }

    @Test
    void negativeTimestep() throws IOException {
        assertInputError(runDeck(GOOD.replace("timestep 0.005", "timestep -0.005")), "bad.in:7:10", "positive");
    }

    @Test
    void atomsOverlappingAtStart() throws IOException {
        Path xyz = dir.resolve("overlap.extxyz");
        Files.writeString(xyz, String.join("\n",
                "3",
                "Lattice=\"6 0 0 0 6 0 0 0 6\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"",
                "Ar 1.0 1.0 1.0",
                "Ar 3.0 3.0 3.0",
                "Ar 1.1 1.0 1.0", ""));
        String deck = GOOD.replace("lattice fcc density 0.8442 replicate 4 4 4 species Ar", "read_extxyz overlap.extxyz");
        assertInputError(runDeck(deck), "bad.in:3", "atoms 1 and 3", "min_distance");
    }

    @Test
    void malformedExtxyz() throws IOException {
        Path xyz = dir.resolve("broken.extxyz");
        Files.writeString(xyz, String.join("\n",
                "2",
                "Lattice=\"6 0 0 0 6 0 0 0 6\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"",
                "Ar 1.0 1.0 1.0",
                "Ar 3.0 three 3.0", ""));
        String deck = GOOD.replace("lattice fcc density 0.8442 replicate 4 4 4 species Ar", "read_extxyz broken.extxyz");
        assertInputError(runDeck(deck), "broken.extxyz:4", "three");
    }

    @Test
    void unknownSpeciesInExtxyz() throws IOException {
        Path xyz = dir.resolve("kr.extxyz");
        Files.writeString(xyz, String.join("\n",
                "2",
                "Lattice=\"6 0 0 0 6 0 0 0 6\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"",
                "Ar 1.0 1.0 1.0",
                "Kr 3.0 3.0 3.0", ""));
        String deck = GOOD.replace("lattice fcc density 0.8442 replicate 4 4 4 species Ar", "read_extxyz kr.extxyz");
        assertInputError(runDeck(deck), "kr.extxyz:4", "Kr", "not defined");
    }

    @Test
    void missingFile() throws IOException {
        String deck = GOOD.replace("lattice fcc density 0.8442 replicate 4 4 4 species Ar", "read_extxyz nowhere.extxyz");
        assertInputError(runDeck(deck), "bad.in:3", "nowhere.extxyz");
    }

    @Test
    void missingDeck() {
        Cli.Result r = Cli.run("run", dir.resolve("absent.in").toString());
        assertInputError(r, "absent.in");
    }

    @Test
    void corruptedCheckpoint() throws IOException {
        Path chk = dir.resolve("junk.chk");
        Files.writeString(chk, "not a checkpoint at all");
        Path deck = dir.resolve("bad.in");
        Files.writeString(deck, GOOD);
        Cli.Result r = Cli.run("run", "--no-progress", deck.toString(), "--restart", chk.toString());
        assertInputError(r, "junk.chk", "checkpoint");
    }

    @Test
    void evalWithUnknownSpeciesInData() throws IOException {
        Path xyz = dir.resolve("kr.extxyz");
        Files.writeString(xyz, String.join("\n",
                "2",
                "Lattice=\"6 0 0 0 6 0 0 0 6\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"",
                "Ar 1.0 1.0 1.0",
                "Kr 3.0 3.0 3.0", ""));
        Path deck = dir.resolve("eval.in");
        Files.writeString(deck, "units lj\nspecies Ar mass 1\npotential lj cutoff 2.5\npair_coeff Ar Ar epsilon 1 sigma 1\n");
        Cli.Result r = Cli.run("eval", deck.toString(), xyz.toString(), dir.resolve("o.extxyz").toString());
        assertInputError(r, "kr.extxyz:4", "Kr");
    }
}

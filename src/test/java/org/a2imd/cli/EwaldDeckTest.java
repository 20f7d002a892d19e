package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decks with Coulomb and dispersion: a good one runs; bad input is an error at the right line. */
class EwaldDeckTest {
    @TempDir
    Path dir;

    static final String GOOD = String.join("\n",
            "units lj",
            "species A mass 1.0",
            "species B mass 1.0",
            "lattice sc density 0.8 replicate 4 4 4 composition A 0.5 B 0.5 seed 3",
            "velocity temperature 1.0 seed 1",
            "potential lj cutoff 2.5 shift yes",
            "pair_coeff A A epsilon 1.0 sigma 1.0",
            "pair_coeff B B epsilon 1.0 sigma 1.0",
            "potential coulomb cutoff 3.0 charges A 1 B -1 accuracy 1e-5",
            "potential dispersion cutoff 3.0 c6 A 0.5 B 1.0",
            "timestep 0.002",
            "integrator nve",
            "run 5", "");

    private Cli.Result runDeck(String text) throws IOException {
        Path deck = dir.resolve("ew.in");
        Files.writeString(deck, text);
        return Cli.run("run", "--no-progress", deck.toString());
    }

    private static void assertInputError(Cli.Result r, String location, String... words) {
        assertEquals(Main.EXIT_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(location), "message should name " + location + ": " + r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "message should say '" + w + "': " + r.err());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void goodDeckRuns() throws IOException {
        Cli.Result r = runDeck(GOOD);
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void chargedCellWithoutBackgroundIsRefused() throws IOException {
        assertInputError(runDeck(GOOD.replace("charges A 1 B -1", "charges A 1 B -0.5")), "ew.in:9",
                "net charge", "background yes");
    }

    @Test
    void chargedCellWithBackgroundRuns() throws IOException {
        Cli.Result r = runDeck(GOOD.replace("charges A 1 B -1", "charges A 1 B -0.5 background yes"));
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void unknownSpecies() throws IOException {
        assertInputError(runDeck(GOOD.replace("charges A 1 B -1", "charges A 1 C -1")), "ew.in:9", "C");
    }

    @Test
    void missingCharge() throws IOException {
        assertInputError(runDeck(GOOD.replace("charges A 1 B -1", "charges A 0")), "ew.in:9", "B", "charge");
    }

    @Test
    void alphaWithoutKmax() throws IOException {
        assertInputError(runDeck(GOOD.replace("accuracy 1e-5", "alpha 1.0")), "ew.in:9", "kmax");
    }

    @Test
    void accuracyAboveOne() throws IOException {
        assertInputError(runDeck(GOOD.replace("accuracy 1e-5", "accuracy 2")), "ew.in:9", "accuracy");
    }
}

package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.a2imd.core.Units;
import org.a2imd.nnp.A2IArchitecture;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.A2IModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deck with {@code potential a2i file ...} (plus LJ) runs through {@code a2imd run}; a model whose
 * units or species do not fit the deck stops the run with one message naming the model file.
 */
class A2IDeckTest {
    @TempDir
    Path dir;

    private Path model(Units units, String species) throws IOException {
        A2IModel m = new A2IModel(new A2IArchitecture(1, 2.5, 6, 8, 2, 1, 8, 8, 8, 6, 8.0), units,
                List.of(species), 50.0);
        m.initialise(3);
        m.setEnergyScale(20.0);
        Path f = dir.resolve("random-" + units.id + "-" + species + ".model");
        A2IModelFile.write(m, f);
        return f;
    }

    private String deck(String units, Path model) {
        return String.join("\n",
                "units " + units,
                "species Ar mass 1.0",
                "lattice fcc density 0.8442 replicate 3 3 3 species Ar",
                "velocity temperature 1.0 seed 1",
                "potential lj cutoff 2.5 shift yes",
                "pair_coeff Ar Ar epsilon 1.0 sigma 1.0",
                "potential a2i file " + model,
                "timestep 0.004",
                "integrator nve",
                "thermo every 5 file " + dir.resolve("a2i.thermo"),
                "run 10", "");
    }

    private Cli.Result run(String text) throws IOException {
        Path deck = dir.resolve("a2i.in");
        Files.writeString(deck, text);
        return Cli.run("run", "--no-progress", deck.toString());
    }

    @Test
    void deckWithA2IPotentialRuns() throws IOException {
        Cli.Result r = run(deck("lj", model(Units.LJ, "Ar")));
        assertEquals(0, r.code(), r.err());
        List<String> thermo = Files.readAllLines(dir.resolve("a2i.thermo"));
        long rows = thermo.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
        assertTrue(rows >= 3, "thermo rows at steps 0, 5, 10: " + thermo);
    }

    @Test
    void modelInOtherUnitsIsAnInputError() throws IOException {
        Path m = model(Units.METAL, "Ar");
        Cli.Result r = run(deck("lj", m));
        assertInputError(r, m.toString(), "units");
    }

    @Test
    void modelWithoutTheDeckSpeciesIsAnInputError() throws IOException {
        Path m = model(Units.LJ, "Kr");
        Cli.Result r = run(deck("lj", m));
        assertInputError(r, m.toString(), "Ar");
    }

    private static void assertInputError(Cli.Result r, String file, String word) {
        assertEquals(Main.EXIT_INPUT, r.code(), r.err());
        assertTrue(r.err().contains(file), "message should name the model file: " + r.err());
        assertTrue(r.err().contains(word), "message should mention " + word + ": " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}

package org.a2imd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.a2imd.core.InputException;
import org.a2imd.io.deck.Deck;
import org.a2imd.nnp.PairPrior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training deck's "prior" command: syntax, cross-checks with file:line errors, mapping to settings. */
class PriorDeckTest {
    @TempDir
    Path dir;

    private Deck deck(String units, String prior) throws Exception {
        Files.writeString(dir.resolve("d.extxyz"), "1\nPBC\nA 0 0 0\n");
        String text = "units " + units + "\ndata file d.extxyz\nmodel cutoff 2.5 seed 1\n" + prior
                + "\noptimizer adam epochs 2 seed 1\noutput model m.a2i\n";
        return Deck.parse(text, "train.in", dir).requireForTrain();
    }

    @Test
    void wallAndZblMapToSettings() throws Exception {
        PriorSettings w = PriorFit.settings(deck("lj", "prior wall onset 0.9 strength 2").one("prior"));
        assertEquals(new PriorSettings(PairPrior.Form.WALL, 0.9, 2.0, Double.NaN, Double.NaN, java.util.Map.of()), w);
        assertTrue(Double.isNaN(PriorFit.settings(deck("lj", "prior wall").one("prior")).onset()));
        PriorSettings z = PriorFit.settings(deck("metal", "prior zbl inner 1.0 outer 2.0 z X 14").one("prior"));
        assertEquals(14, z.z().get("X"));
        assertEquals(2.0, z.outer(), 0);
        assertEquals(14, PriorFit.atomicNumber("Si"));
        assertEquals(118, PriorFit.atomicNumber("Og"));
    }

    @Test
    void badPriorsAreDeckErrors() {
        InputException e = assertThrows(InputException.class, () -> deck("lj", "prior zbl inner 1 outer 2"));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("units metal"), e.getMessage());
        e = assertThrows(InputException.class, () -> deck("metal", "prior zbl inner 2 outer 1"));
        assertTrue(e.getMessage().contains("outer above inner"), e.getMessage());
        e = assertThrows(InputException.class, () -> deck("metal", "prior zbl outer 2"));
        assertEquals(4, e.line());
        e = assertThrows(InputException.class, () -> deck("lj", "prior morse"));
        assertEquals(4, e.line());
        e = assertThrows(InputException.class, () -> deck("lj", "prior wall onset -1"));
        assertEquals(4, e.line());
    }

    @Test
    void zblNeedsAtomicNumbersOfNonElements() {
        PriorSettings s = new PriorSettings(PairPrior.Form.ZBL, Double.NaN, Double.NaN, 1.0, 2.0, java.util.Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PriorFit.fit(s, List.of("Si", "X1"), Dataset.empty()));
        assertTrue(e.getMessage().contains("z X1 Z"), e.getMessage());
        PairPrior p = PriorFit.fit(s, List.of("Si", "C"), Dataset.empty());
        assertEquals(6, p.parameters(0, 1)[1], 0);
    }
}

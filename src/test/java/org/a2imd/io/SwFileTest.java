package org.a2imd.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.a2imd.core.InputException;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.force.SwParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwFileTest {
    private static final SpeciesSet SI = SpeciesSet.of(new Species("Si", 28.0855));
    private static final String SI_ENTRY = "Si Si Si 2.1683 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277"
            + " 0.6022245584 4.0 0.0 0.0";

    @TempDir
    Path dir;

    @Test
    void readsTheShippedSiliconFile() {
        SwParameters p = SwFile.read(Path.of("src/test/resources/reference/Si.sw"), SI);
        assertEquals(1, p.size());
        SwParameters.Entry e = p.get(0, 0, 0);
        assertEquals(2.1683, e.epsilon());
        assertEquals(2.0951, e.sigma());
        assertEquals(1.80, e.a());
        assertEquals(21.0, e.lambda());
        assertEquals(1.20, e.gamma());
        assertEquals(-0.333333333333, e.cosTheta0());
        assertEquals(7.049556277, e.bigA());
        assertEquals(0.6022245584, e.bigB());
        assertEquals(4.0, e.p());
        assertEquals(0.0, e.q());
        assertEquals(0.0, e.tol());
        assertEquals(1.80 * 2.0951, e.effectiveCutoff(), 1e-15);
    }

    @Test
    void entriesMayBeSplitAndCommentedAnywhere() {
        String text = "# header\r\n\r\n"
                + "  Si Si   # element names, then numbers on later lines\r\n"
                + "Si 2.1683 2.0951\r\n"
                + "\r\n"
                + "# a comment inside an entry\r\n"
                + "1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584\r\n"
                + "\t4.0\t0.0 0.0#trailing comment\r\n";
        SwParameters p = SwFile.parse(text, "split.sw", SI);
        assertEquals(0.6022245584, p.get(0, 0, 0).bigB());
        assertEquals(0.0, p.get(0, 0, 0).tol());
    }

    @Test
    void mapsElementsByNameAndSkipsUnusedOnes() {
        StringBuilder sb = new StringBuilder();
        String[] el = {"Si", "C", "Ge"};
        int count = 0;
        for (String a : el) {
            for (String b : el) {
                for (String c : el) {
                    // epsilon encodes the triplet so the mapping can be checked.
                    sb.append(a).append(' ').append(b).append(' ').append(c).append(' ')
                            .append(1 + count++).append(" 2.0 1.8 21 1.2 -0.3 7 0.6 4 0 0\n");
                }
            }
        }
        // Run species in a different order than the file, Si unused.
        SwParameters p = SwFile.parse(sb.toString(), "three.sw", List.of("Ge", "C"));
        assertEquals(2, p.size());
        // file index of (Ge, C, Ge) = 2*9 + 1*3 + 2 = 23 -> epsilon 24
        assertEquals(24.0, p.get(0, 1, 0).epsilon());
        // (C, C, C) = 1*9 + 1*3 + 1 = 13 -> epsilon 14
        assertEquals(14.0, p.get(1, 1, 1).epsilon());
        // (C, Ge, Ge) = 9 + 6 + 2 = 17 -> 18
        assertEquals(18.0, p.get(1, 0, 0).epsilon());
    }

    @Test
    void missingTripletIsAnError() {
        String text = SI_ENTRY + "\n" + SI_ENTRY.replace("Si Si Si", "C C C") + "\n"
                + SI_ENTRY.replace("Si Si Si", "Si C C") + "\n";
        InputException e = assertThrows(InputException.class,
                () -> SwFile.parse(text, "mix.sw", List.of("Si", "C")));
        assertTrue(e.getMessage().startsWith("mix.sw: no entry for Si Si C"), e.getMessage());
    }

    @Test
    void entryCutShortAtEndOfFileNamesItsLine() {
        String text = "# c\n\nSi Si Si 2.1683 2.0951 1.80 21.0 1.20\n -0.333333333333 7.049556277\n";
        InputException e = assertThrows(InputException.class, () -> SwFile.parse(text, "short.sw", SI));
        assertEquals(3, e.line());
        assertEquals(1, e.column());
        assertTrue(e.problem().contains("10 of its 14 fields"), e.problem());
        assertTrue(e.problem().contains("expected B (a number)"), e.problem());
    }

    @Test
    void entryMissingANumberRunsIntoTheNextOne() {
        String text = SI_ENTRY.replace(" 0.0 0.0", " 0.0") + "\n"
                + SI_ENTRY.replace("Si Si Si", "C C C") + "\n";
        InputException e = assertThrows(InputException.class, () -> SwFile.parse(text, "run.sw", SI));
        assertEquals(2, e.line());
        assertEquals(1, e.column());
        assertTrue(e.problem().contains("expected tol (a number) of the entry Si Si Si starting at line 1,"
                + " found 'C'"), e.problem());
    }

    @Test
    void badNumberNamesLineColumnAndField() {
        String text = "\n\nSi Si Si 2.1683 2.0951 1.80 21.0 1.2x -0.333 7.05 0.60 4.0 0.0 0.0\n";
        InputException e = assertThrows(InputException.class, () -> SwFile.parse(text, "bad.sw", SI));
        assertEquals("bad.sw:3:34: expected gamma (a number) of the entry Si Si Si starting at line 3,"
                + " found '1.2x'", e.getMessage());
        for (String bad : new String[] {"NaN", "Infinity", "1e999", "0x1p3", "1.0d", "--1", "1.0,"}) {
            String t = SI_ENTRY.replace(" 21.0 ", " " + bad + " ");
            InputException ex = assertThrows(InputException.class, () -> SwFile.parse(t, "bad.sw", SI), bad);
            assertEquals(1, ex.line());
            assertTrue(ex.problem().contains("lambda"), ex.problem());
        }
    }

    @Test
    void negativeValuesRefusedAsLammpsDoesButNotCosTheta() {
        String[] names = {"epsilon", "sigma", "a", "lambda", "gamma", "costheta0", "A", "B", "p", "q", "tol"};
        String[] values = SI_ENTRY.split(" ");
        for (int m = 0; m < names.length; m++) {
            String[] v = values.clone();
            v[3 + m] = "-0.5";
            String text = "# x\n" + String.join(" ", v) + "\n";
            if (m == 5) {
                assertEquals(-0.5, SwFile.parse(text, "neg.sw", SI).get(0, 0, 0).cosTheta0());
                continue;
            }
            InputException e = assertThrows(InputException.class, () -> SwFile.parse(text, "neg.sw", SI),
                    names[m]);
            assertEquals(2, e.line());
            assertTrue(e.problem().startsWith(names[m] + " of the entry Si Si Si must not be negative"),
                    e.problem());
        }
        // Positive signs and exponents are fine.
        SwParameters p = SwFile.parse(SI_ENTRY.replace(" 21.0 ", " +2.1E+1 ").replace(" 0.0 0.0", " .0 0."),
                "ok.sw", SI);
        assertEquals(21.0, p.get(0, 0, 0).lambda());
    }

    @Test
    void duplicateEntryIsAnError() {
        String text = SI_ENTRY + "\n# again\n" + SI_ENTRY.replace("2.1683", "2.0") + "\n";
        InputException e = assertThrows(InputException.class, () -> SwFile.parse(text, "dup.sw", SI));
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("duplicate entry for Si Si Si (first defined at line 1)"), e.problem());
        // Also for elements the run does not use.
        String other = SI_ENTRY + "\n" + SI_ENTRY.replace("Si Si Si", "C C C") + "\n"
                + SI_ENTRY.replace("Si Si Si", "C C C") + "\n";
        assertEquals(3, assertThrows(InputException.class, () -> SwFile.parse(other, "dup.sw", SI)).line());
    }

    @Test
    void textAfterTheLastFieldIsAnError() {
        // LAMMPS would silently drop the second entry on this line.
        String text = SI_ENTRY + " C C C 1 2 3\n";
        InputException e = assertThrows(InputException.class, () -> SwFile.parse(text, "extra.sw", SI));
        assertEquals(1, e.line());
        assertEquals(SI_ENTRY.length() + 2, e.column());
        assertTrue(e.problem().startsWith("unexpected 'C' after the tol"), e.problem());
    }

    @Test
    void emptyOrMissingFile() throws IOException {
        InputException e = assertThrows(InputException.class, () -> SwFile.parse("# nothing\n", "empty.sw", SI));
        assertTrue(e.getMessage().contains("no entry for Si Si Si"), e.getMessage());
        Path missing = dir.resolve("nope.sw");
        InputException m = assertThrows(InputException.class, () -> SwFile.read(missing, SI));
        assertEquals(missing.toString(), m.file());
        assertTrue(m.problem().contains("not found"), m.problem());
        Path binary = dir.resolve("bin.sw");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        InputException b = assertThrows(InputException.class, () -> SwFile.read(binary, SI));
        assertTrue(b.problem().contains("UTF-8"), b.problem());
        Path good = dir.resolve("good.sw");
        Files.writeString(good, SI_ENTRY + "\n");
        assertEquals(good.toString(), SwFile.read(good, SI).source());
    }

    @Test
    void tolShortensTheCutoffAsLammps() {
        SwParameters p = SwFile.parse(SI_ENTRY.replace(" 0.0 0.0", " 0.0 1e-4"), "tol.sw", SI);
        SwParameters.Entry e = p.get(0, 0, 0);
        assertEquals(1.80 * 2.0951 + 2.0951 / Math.log(1e-4), e.effectiveCutoff(), 1e-14);
        // tol is capped at 0.01; gamma < 1 scales the shortening.
        SwParameters q = SwFile.parse(SI_ENTRY.replace(" 1.20 ", " 0.5 ").replace(" 0.0 0.0", " 0.0 0.5"),
                "tol.sw", SI);
        assertEquals(1.80 * 2.0951 + 0.5 * 2.0951 / Math.log(0.01), q.get(0, 0, 0).effectiveCutoff(), 1e-14);
    }

    /** Values that parse but switch the physics off or mean nothing are refused at their line and column. */
    @Test
    void physicallyMeaninglessValuesAreRefused() {
        String[][] cases = {{" 2.0951 ", " 0 ", "sigma", "17"}, {" 1.80 ", " 0.0 ", "a", "24"},
            {" 21.0 ", " 0 ", "lambda", "29"}, {" -0.333333333333 ", " 5 ", "costheta0", "39"},
            {" -0.333333333333 ", " -1.0001 ", "costheta0", "39"}};
        for (String[] c : cases) {
            InputException e = assertThrows(InputException.class,
                    () -> SwFile.parse("\n" + SI_ENTRY.replace(c[0], c[1]), "bad.sw", SI));
            assertTrue(e.getMessage().startsWith("bad.sw:2:" + c[3] + ": " + c[2]), e.getMessage());
        }
        // cos theta0 = -1 is an angle; lambda 0 on a mixed entry is how LAMMPS files switch a triplet off.
        SwFile.parse(SI_ENTRY.replace(" -0.333333333333 ", " -1 "), "ok.sw", SI);
        SpeciesSet sic = SpeciesSet.of(new Species("Si", 28.0855), new Species("C", 12.011));
        StringBuilder text = new StringBuilder();
        for (String i : new String[] {"Si", "C"}) {
            for (String j : new String[] {"Si", "C"}) {
                for (String k : new String[] {"Si", "C"}) {
                    String e = SI_ENTRY.replace("Si Si Si", i + " " + j + " " + k);
                    text.append(j.equals(k) ? e : e.replace(" 21.0 ", " 0.0 ").replace(" 2.0951 1.80 ", " 0.0 0.0 "))
                            .append('\n');
                }
            }
        }
        assertEquals(0.0, SwFile.parse(text.toString(), "sic.sw", sic).get(0, 0, 1).lambda());
    }
}

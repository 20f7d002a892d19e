package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decks with minimize and elastic: static calculations, and a relaxation before a run. */
class MinimizeDeckTest {
    @TempDir
    Path dir;

    private static final String SI = String.join("\n",
            "units metal",
            "species Si mass 28.0855",
            "lattice diamond constant 5.5 replicate 2 2 2",
            "potential sw file " + Path.of("potentials/Si.sw").toAbsolutePath(),
            "");

    private Cli.Result run(String text) throws IOException {
        Path deck = dir.resolve("deck.in");
        Files.writeString(deck, text);
        return Cli.run("run", "--no-progress", "--threads", "1", deck.toString());
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertTrue(m.find(), "output should match " + regex + ":\n" + out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void staticDeckRelaxesPrintsTheElasticTableAndWritesTheCrystal() throws IOException {
        Cli.Result r = run(SI + "minimize style fire ftol 1e-9 maxiter 5000 cell iso\n"
                + "elastic strain 1e-3 relax yes\nwrite_final file relaxed.extxyz\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("minimize: force tolerance reached"), r.out());
        assertEquals(151.42, number(r.out(), "C11 ([0-9.]+)"), 0.01);
        assertEquals(76.42, number(r.out(), "C12 ([0-9.]+)"), 0.01);
        assertEquals(56.45, number(r.out(), "C44 ([0-9.]+)"), 0.01);
        assertEquals(109.76, number(r.out(), "unrelaxed C44 ([0-9.]+)"), 0.01);
        assertEquals(101.42, number(r.out(), "bulk modulus \\(Voigt\\) ([0-9.]+) GPa"), 0.01);
        assertFalse(r.err().contains("not relaxed"), r.err());
        try (ExtXyzReader in = ExtXyzReader.open(dir.resolve("relaxed.extxyz"))) {
            ExtXyzFrame f = in.next();
            assertEquals(64, f.size());
            assertEquals(2 * 5.4309497784, f.box.vectorComponent(0, 0), 1e-7);
        }
    }

    @Test
    void elasticOnAnUnrelaxedCrystalWarns() throws IOException {
        Cli.Result r = run(SI + "elastic strain 1e-3 relax no\n");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("the starting structure is not relaxed"), r.err());
        assertTrue(r.out().contains("no internal relaxation"), r.out());
    }

    @Test
    void runStartsFromTheRelaxedStructure() throws IOException {
        Cli.Result r = run(SI + "minimize ftol 1e-8 cell aniso\ntimestep 0.001\nthermo every 5\nrun 5\n");
        assertEquals(0, r.code(), r.err());
        // step 0 of the run: the relaxed crystal at rest, -4.3366 eV/atom x 64
        Matcher m = Pattern.compile("\\n\\s+0\\s+\\S+\\s+\\S+\\s+(-[0-9.]+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(-4.3366 * 64, Double.parseDouble(m.group(1)), 1e-3);
    }

    @Test
    void badMinimizeOptionsAreReportedAtTheirToken() throws IOException {
        Cli.Result p = run(SI + "minimize ftol 1e-8 pressure 100\n");
        assertEquals(Main.EXIT_INPUT, p.code());
        assertTrue(p.err().contains("deck.in:5:29") && p.err().contains("cell iso"), p.err());
        Cli.Result s = run(SI + "elastic strain 0.2\n");
        assertEquals(Main.EXIT_INPUT, s.code());
        assertTrue(s.err().contains("deck.in:5:16") && s.err().contains("at most 0.05"), s.err());
        Cli.Result style = run(SI + "minimize style sd\n");
        assertEquals(Main.EXIT_INPUT, style.code());
        assertTrue(style.err().contains("deck.in:5:16") && style.err().contains("fire"), style.err());
        Cli.Result noDt = run(SI + "minimize\nrun 10\n");
        assertEquals(Main.EXIT_INPUT, noDt.code());
        assertTrue(noDt.err().contains("deck.in:6:1") && noDt.err().contains("timestep"), noDt.err());
        Cli.Result noAtoms = run(SI.replace("lattice diamond constant 5.5 replicate 2 2 2\n", "") + "minimize\n");
        assertEquals(Main.EXIT_INPUT, noAtoms.code());
        assertTrue(noAtoms.err().contains("deck.in:4:1") && noAtoms.err().contains("minimize needs atoms"),
                noAtoms.err());
    }

    @Test
    void strainDeformsTheStartingCellAndAtomsAffinely() throws IOException {
        Cli.Result r = run(SI + "strain xx 0.01 yy -0.02 xy 0.03\ntimestep 0.001\nrun 0\n"
                + "write_final file strained.extxyz\n");
        assertEquals(0, r.code(), r.err());
        double l = 2 * 5.5;
        try (ExtXyzReader in = ExtXyzReader.open(dir.resolve("strained.extxyz"))) {
            ExtXyzFrame f = in.next();
            assertEquals(l * 1.01, f.box.vectorComponent(0, 0), 1e-12);
            assertEquals(l * 0.03, f.box.vectorComponent(0, 1), 1e-12);
            assertEquals(l * 0.03, f.box.vectorComponent(1, 0), 1e-12);
            assertEquals(l * 0.98, f.box.vectorComponent(1, 1), 1e-12);
            assertEquals(l, f.box.vectorComponent(2, 2), 1e-12);
            // the atom at fractional (1/4, 1/4, 1/4) of the first unit cell moved with the cell
            double a = 5.5 / 4;
            boolean found = false;
            for (int i = 0; i < f.size(); i++) {
                double x = f.pos[3 * i];
                double y = f.pos[3 * i + 1];
                found |= Math.abs(x - (1.01 * a + 0.03 * a)) < 1e-9 && Math.abs(y - (0.03 * a + 0.98 * a)) < 1e-9;
            }
            assertTrue(found, "the strained (1/4,1/4,1/4) site");
        }
        Cli.Result bad = run(SI + "strain xx 0.7\ntimestep 0.001\nrun 0\n");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("deck.in:5:") && bad.err().contains("between -0.5 and 0.5"), bad.err());
    }
}

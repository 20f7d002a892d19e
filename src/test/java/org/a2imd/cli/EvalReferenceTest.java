package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code a2imd eval} on the LAMMPS reference frames reproduces energy, forces, per-atom energies and
 * virial to round-off (the README of the reference data gives the tolerances).
 */
class EvalReferenceTest {
    @TempDir
    Path dir;

    static Path resource(String name, Path dir) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = EvalReferenceTest.class.getResourceAsStream("/reference/" + name)) {
            assertNotNull(in, name);
            Files.copy(in, p);
        }
        return p;
    }

    @ParameterizedTest
    @CsvSource({"si_diamond216_a5.431_perfect.extxyz", "si_diamond216_a5.431_disp0.1.extxyz"})
    void evalReproducesLammpsStillingerWeber(String file) throws IOException {
        Path ref = resource(file, dir);
        resource("Si.sw", dir);
        Path deck = dir.resolve("eval.in");
        Files.writeString(deck, "units metal\nspecies Si mass 28.0855\npotential sw file Si.sw\n");
        compare(deck, ref);
        if (file.contains("perfect")) {
            ExtXyzFrame got = ExtXyzReader.readFirst(dir.resolve("out.extxyz"));
            assertEquals(-4.3366, got.energy() / got.size(), 5e-5, "perfect diamond energy per atom");
        }
    }

    @ParameterizedTest
    @CsvSource({"lj_fcc500_disp0.1_rc2.5_noshift.extxyz, no", "lj_fcc500_disp0.1_rc2.5_shift.extxyz, yes",
            "lj_small100_cubic5.2_rc2.5_noshift.extxyz, no"})
    void evalReproducesLammps(String file, String shift) throws IOException {
        Path ref = resource(file, dir);
        Path deck = dir.resolve("eval.in");
        Files.writeString(deck, String.join("\n",
                "units lj",
                "species Ar mass 1.0",
                "potential lj cutoff 2.5 shift " + shift,
                "pair_coeff Ar Ar epsilon 1.0 sigma 1.0", ""));
        compare(deck, ref);
    }

    private void compare(Path deck, Path ref) throws IOException {
        Path out = dir.resolve("out.extxyz");
        for (String threads : List.of("1", "2")) {
            Cli.Result r = Cli.run("eval", "--threads", threads, deck.toString(), ref.toString(), out.toString());
            assertEquals(0, r.code(), r.err());
            ExtXyzFrame want = ExtXyzReader.readFirst(ref);
            ExtXyzFrame got = ExtXyzReader.readFirst(out);
            double e = want.energy();
            assertEquals(e, got.energy(), 1e-11 * Math.abs(e), "energy");
            double maxF = 0;
            double maxE = 0;
            for (int k = 0; k < want.forces.length; k++) {
                maxF = Math.max(maxF, Math.abs(want.forces[k] - got.forces[k]));
            }
            for (int i = 0; i < want.size(); i++) {
                maxE = Math.max(maxE, Math.abs(want.energies[i] - got.energies[i]));
            }
            assertEquals(0, maxF, 1e-11, "largest force error");
            assertEquals(0, maxE, 1e-11, "largest per-atom energy error");
            double[] wv = want.virial();
            double[] gv = got.virial();
            double[] ws = want.stress();
            double[] gs = got.stress();
            for (int k = 0; k < 9; k++) {
                assertEquals(wv[k], gv[k], 1e-10 * (1 + Math.abs(wv[k])), "virial " + k);
                assertEquals(ws[k], gs[k], 1e-12 * (1 + Math.abs(ws[k])), "stress " + k);
            }
            // Positions and species pass through unchanged.
            assertEquals(want.size(), got.size());
            for (int k = 0; k < want.pos.length; k++) {
                assertEquals(want.pos[k], got.pos[k], 0.0);
            }
        }
    }
}

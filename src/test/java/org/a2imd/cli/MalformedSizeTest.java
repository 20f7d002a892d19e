package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sizes read from input files (cutoffs against the cell, atom counts, model dimensions) are checked
 * before anything is allocated: each case here crashed (AIOOBE), ran out of memory or hung before.
 */
class MalformedSizeTest {
    @TempDir
    Path dir;

    /** 32 atoms in a 3.36 sigma box, as in the report. */
    static final String SMALL = String.join("\n",
            "units lj",
            "species Ar mass 1.0",
            "lattice fcc density 0.8442 replicate 2 2 2 species Ar",
            "velocity temperature 1.0 seed 1",
            "potential lj cutoff 2.5 shift yes",
            "pair_coeff Ar Ar epsilon 1.0 sigma 1.0",
            "timestep 0.005",
            "run 5", "");

    private Cli.Result run(String deckText) throws IOException {
        Path deck = dir.resolve("d.in");
        Files.writeString(deck, deckText);
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.run("run", "--no-progress", deck.toString()));
    }

    static void assertInputError(Cli.Result r, String... words) {
        assertEquals(Main.EXIT_INPUT, r.code(), r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "message should say '" + w + "': " + r.err());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void cutoffFarBeyondTheBoxIsRefusedAtItsLine() throws IOException {
        for (String rc : new String[] {"1000", "300", "1e6"}) {
            Cli.Result r = run(SMALL.replace("cutoff 2.5", "cutoff " + rc));
            assertInputError(r, "d.in:5", "periodic images", "limit", "replicate");
        }
        // A cutoff several cells wide but affordable still runs (ghost images make it legal).
        assertEquals(0, run(SMALL.replace("cutoff 2.5", "cutoff 8")).code());
    }

    @Test
    void minDistanceFarBeyondTheBoxIsRefused() throws IOException {
        assertInputError(run(SMALL + "min_distance 1e5\n"), "d.in:9", "min_distance", "periodic images");
    }

    @Test
    void modelCutoffFarBeyondTheBoxIsRefusedAtThePotentialLine() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("potentials/a2i-lj.model"));
        lines.replaceAll(s -> s.startsWith("cutoff ") ? "cutoff 1000000.0" : s);
        Path model = dir.resolve("far.model");
        Files.writeString(model, withChecksum(lines));
        String deck = SMALL.replace("potential lj cutoff 2.5 shift yes", "potential a2i file far.model")
                .replace("pair_coeff Ar Ar epsilon 1.0 sigma 1.0\n", "");
        assertInputError(run(deck), "d.in:5", "periodic images");
    }

    /** Recomputes a model file's checksum, as someone editing a file by hand would. */
    static String withChecksum(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            if (!l.startsWith("checksum ")) {
                sb.append(l).append('\n');
            }
        }
        CRC32 crc = new CRC32();
        crc.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        return sb + "checksum crc32 " + String.format("%08x", crc.getValue()) + "\n";
    }

    @Test
    void hugeModelDimensionsAreRefusedBeforeAllocation() throws IOException {
        List<String> good = Files.readAllLines(Path.of("potentials/a2i-lj.model"));
        for (String[] edit : new String[][] {{"width ", "width 100000"}, {"radial ", "radial 2000000000"},
            {"hidden ", "hidden 2000000000 2000000000"}}) {
            for (boolean fixChecksum : new boolean[] {true, false}) {
                List<String> l = new ArrayList<>(good);
                l.replaceAll(s -> s.startsWith(edit[0]) ? edit[1] : s);
                Path model = dir.resolve("big.model");
                Files.writeString(model, fixChecksum ? withChecksum(l) : String.join("\n", l) + "\n");
                Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.run("eval",
                        deckFor(model).toString(), "inputs/lj-liquid-256-T1.2.extxyz", dir.resolve("o.extxyz").toString()));
                assertInputError(r, "big.model:", "weights", "room");
                assertEquals(!fixChecksum, r.err().contains("checksum does not match"), r.err());
            }
        }
    }

    private Path deckFor(Path model) throws IOException {
        Path deck = dir.resolve("eval.in");
        Files.writeString(deck, "units lj\nspecies Ar mass 1.0\npotential a2i file " + model.getFileName() + "\n");
        return deck;
    }

    @Test
    void modelScalesMustBePositive() throws IOException {
        List<String> good = Files.readAllLines(Path.of("potentials/a2i-lj.model"));
        for (String key : new String[] {"energy_scale", "rbf_scale"}) {
            List<String> l = new ArrayList<>(good);
            int[] line = {0};
            for (int k = 0; k < l.size(); k++) {
                if (l.get(k).startsWith(key + " ")) {
                    String[] t = l.get(k).split(" ");
                    t[1] = "0.0";
                    l.set(k, String.join(" ", t));
                    line[0] = k + 1;
                }
            }
            Path model = dir.resolve("scale.model");
            Files.writeString(model, withChecksum(l));
            Cli.Result r = Cli.run("eval", deckFor(model).toString(), "inputs/lj-liquid-256-T1.2.extxyz",
                    dir.resolve("o.extxyz").toString());
            assertInputError(r, "scale.model:" + line[0], key, "positive");
        }
    }

    @Test
    void absurdAtomCountsFailAtTheEndOfTheFileWithoutAllocating() throws IOException {
        for (String count : new String[] {"2147483647", "400000000"}) {
            Path xyz = dir.resolve("big.extxyz");
            Files.writeString(xyz, count + "\nLattice=\"5 0 0 0 5 0 0 0 5\" pbc=\"T T T\"\nAr 0 0 0\nAr 1 1 1\n");
            String deck = SMALL.replace("lattice fcc density 0.8442 replicate 2 2 2 species Ar", "read_extxyz big.extxyz");
            Cli.Result r = run(deck);
            assertInputError(r, "big.extxyz:", count);
        }
    }

    @Test
    void nonUtf8ExtxyzNamesLineAndColumn() throws IOException {
        byte[] good = ("2\nLattice=\"5 0 0 0 5 0 0 0 5\" pbc=\"T T T\"\nAr 0 0 0\nAr 1 1 1\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] bad = Arrays.copyOf(good, good.length + 2);
        bad[good.length] = 'A';
        bad[good.length + 1] = (byte) 0xe9;
        Path xyz = dir.resolve("enc.extxyz");
        Files.write(xyz, bad);
        String deck = SMALL.replace("lattice fcc density 0.8442 replicate 2 2 2 species Ar", "read_extxyz enc.extxyz frame -1");
        assertInputError(run(deck), "enc.extxyz:5:2", "not UTF-8", "number of atoms");
        byte[] random = new byte[4000];
        new java.util.Random(5).nextBytes(random);
        Files.write(xyz, random);
        Cli.Result r = run(deck);
        assertInputError(r, "enc.extxyz:");
    }

    @Test
    void extxyzUnitsMustMatchTheDeck() throws IOException {
        Path xyz = dir.resolve("u.extxyz");
        String frame = "2\nLattice=\"5 0 0 0 5 0 0 0 5\" pbc=\"T T T\" units=metal\nAr 0 0 0\nAr 2 2 2\n";
        Files.writeString(xyz, frame);
        String deck = SMALL.replace("lattice fcc density 0.8442 replicate 2 2 2 species Ar", "read_extxyz u.extxyz");
        assertInputError(run(deck), "u.extxyz:2", "units=metal", "units lj");
        Files.writeString(xyz, frame.replace("units=metal", "units=lj"));
        assertEquals(0, run(deck).code());
        // A key without its value must not take the next key as its value.
        Files.writeString(xyz, frame.replace("pbc=\"T T T\" units=metal", "units= pbc=\"T T T\""));
        assertInputError(run(deck), "u.extxyz:2", "value after 'units='", "pbc");
    }

    @Test
    void positionsFarOutsideTheCellAreRefused() throws IOException {
        for (String x : new String[] {"1e20", "1e308", "-6e4"}) {
            Path xyz = dir.resolve("far.extxyz");
            Files.writeString(xyz, "2\nLattice=\"5 0 0 0 5 0 0 0 5\" pbc=\"T T T\"\nAr 0 0 0\nAr " + x + " 2 2\n");
            String deck = SMALL.replace("lattice fcc density 0.8442 replicate 2 2 2 species Ar", "read_extxyz far.extxyz");
            assertInputError(run(deck), "far.extxyz:4", "atom 2", "cell lengths");
        }
    }
}

package org.a2imd.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.a2imd.core.Box;
import org.a2imd.core.InputException;
import org.a2imd.core.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtXyzTest {
    static Path ref(String name) throws Exception {
        return Path.of(ExtXyzTest.class.getResource("/reference/" + name).toURI());
    }

    static List<ExtXyzFrame> readString(String text) throws IOException {
        List<ExtXyzFrame> frames = new ArrayList<>();
        try (ExtXyzReader r = new ExtXyzReader(new StringReader(text), "test.xyz")) {
            for (ExtXyzFrame f = r.next(); f != null; f = r.next()) {
                frames.add(f);
            }
        }
        return frames;
    }

    static String writeString(List<ExtXyzFrame> frames) throws IOException {
        StringWriter sw = new StringWriter();
        ExtXyzWriter w = new ExtXyzWriter(sw);
        for (ExtXyzFrame f : frames) {
            w.write(f);
        }
        return sw.toString();
    }

    // ------------------------------------------------------------------ reference files

    @Test
    void readsLjReferenceWithVelocities() throws Exception {
        ExtXyzFrame f = ExtXyzReader.readFirst(ref("lj_small100_cubic5.2_rc2.5_noshift.extxyz"));
        assertEquals(100, f.size());
        assertEquals(Box.orthorhombic(5.2000000000000002, 5.2000000000000002, 5.2000000000000002), f.box);
        assertEquals("Ar", f.species[99]);
        assertEquals(2.9590013963533344, f.pos[297]);
        assertEquals(-0.54724317576511516, f.velocities[297]);
        assertEquals(-1.4978057830411582, f.forces[297]);
        assertEquals(-4.8595359648546603, f.energies[99]);
        assertEquals(-447.09774364557404, f.energy());
        assertEquals(1.0799869935124666, f.virial()[0]);
        assertEquals(-0.007680836037156253, f.stress()[0]);
        assertEquals("lj/cut 2.5", f.info.get("pair_style"));
        assertEquals("small cubic box, liquid-like after Langevin T 1.0 (gen_small.lmp)", f.info.get("config"));
        assertEquals("0", f.info.get("step"));
        assertArrayEquals(new boolean[] {true, true, true}, f.pbc);
        ExtXyzColumn type = f.column("type");
        assertEquals('I', type.type());
        assertEquals(1.0, type.numbers()[42]);
        assertFalse(f.info.containsKey("Lattice") || f.info.containsKey("Properties") || f.info.containsKey("pbc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lj_fcc500_disp0.1_rc2.5_noshift.extxyz", "lj_fcc500_disp0.1_rc2.5_shift.extxyz",
        "lj_small100_cubic5.2_rc2.5_noshift.extxyz", "si_diamond216_a5.431_perfect.extxyz",
        "si_diamond216_a5.431_disp0.1.extxyz"})
    void readsEveryReferenceAndRoundTripsIt(String name) throws Exception {
        List<ExtXyzFrame> frames = ExtXyzReader.readAll(ref(name));
        assertEquals(1, frames.size());
        ExtXyzFrame f = frames.get(0);
        assertEquals(Integer.parseInt(f.info.get("natoms")), f.size());
        assertNotNull(f.forces);
        double sum = Arrays.stream(f.energies).sum();
        assertEquals(f.energy(), sum, 1e-11 * Math.abs(sum));
        // stress = -virial / volume, as the README says.
        for (int k = 0; k < 9; k++) {
            assertEquals(-f.virial()[k] / f.box.volume(), f.stress()[k], 1e-14 * Math.abs(f.stress()[k]) + 1e-30);
        }
        String text = writeString(frames);
        ExtXyzFrame g = readString(text).get(0);
        assertSameFrame(f, g);
        assertEquals(text, writeString(List.of(g)), "writing is idempotent");
    }

    // ------------------------------------------------------------------ round trip

    /** Awkward doubles: extremes, negative zero, subnormals and values with 17 significant digits. */
    static double awkward(Rng rng, int k) {
        switch (k % 7) {
            case 0:
                return -0.0;
            case 1:
                return Double.MIN_VALUE * (1 + rng.nextInt(1000));
            case 2:
                return (rng.nextDouble() - 0.5) * 1e300;
            case 3:
                return 0.1 + 0.2;
            default:
                return Double.longBitsToDouble(rng.nextLong() & 0x3fffffffffffffffL) * (rng.nextDouble() < 0.5 ? -1 : 1);
        }
    }

    static ExtXyzFrame randomFrame(Rng rng, int n, boolean withBox) {
        String[] sp = new String[n];
        double[] pos = new double[3 * n];
        for (int i = 0; i < n; i++) {
            sp[i] = i % 3 == 0 ? "Si" : "O";
        }
        for (int k = 0; k < pos.length; k++) {
            pos[k] = awkward(rng, k);
        }
        Box box = withBox ? Box.of(new double[] {4.1 + rng.nextDouble(), 0, 0},
                new double[] {rng.nextDouble(), 5 + rng.nextDouble(), 0},
                new double[] {-rng.nextDouble(), rng.nextDouble() / 3, 6 + rng.nextDouble() / 7}) : null;
        ExtXyzFrame f = new ExtXyzFrame(box, sp, pos);
        f.velocities = new double[3 * n];
        f.forces = new double[3 * n];
        f.energies = new double[n];
        for (int k = 0; k < 3 * n; k++) {
            f.velocities[k] = awkward(rng, k + 3);
            f.forces[k] = rng.nextGaussian() * 1e-7;
        }
        for (int i = 0; i < n; i++) {
            f.energies[i] = rng.nextGaussian();
        }
        f.setEnergy(rng.nextGaussian() * 1e4);
        double[] w = new double[9];
        for (int k = 0; k < 9; k++) {
            w[k] = rng.nextGaussian();
        }
        f.setVirial(w);
        f.info.put("step", "1234567");
        f.info.put("time", Double.toString(rng.nextDouble()));
        f.info.put("comment", "a \"quoted\" word, a back\\slash and = sign");
        f.info.put("flag", "T");
        double[] ids = new double[n];
        String[] tags = new String[2 * n];
        double[] mask = new double[n];
        double[] dip = new double[2 * n];
        for (int i = 0; i < n; i++) {
            ids[i] = i - 5;
            tags[2 * i] = "t" + i;
            tags[2 * i + 1] = "u";
            mask[i] = i % 2;
            dip[2 * i] = awkward(rng, i);
            dip[2 * i + 1] = rng.nextDouble();
        }
        f.extraColumns.add(new ExtXyzColumn("id", 'I', 1, ids, null));
        f.extraColumns.add(new ExtXyzColumn("tag", 'S', 2, null, tags));
        f.extraColumns.add(new ExtXyzColumn("mask", 'L', 1, mask, null));
        f.extraColumns.add(new ExtXyzColumn("dipole", 'R', 2, dip, null));
        return f;
    }

    static void assertSameFrame(ExtXyzFrame a, ExtXyzFrame b) {
        assertEquals(a.box, b.box); // Box.equals compares the matrices exactly
        assertArrayEquals(a.pbc, b.pbc);
        assertArrayEquals(a.species, b.species);
        // Arrays.equals on double[] compares bit patterns: -0.0 != 0.0 here.
        assertTrue(Arrays.equals(a.pos, b.pos), "positions");
        assertTrue(Arrays.equals(a.velocities, b.velocities), "velocities");
        assertTrue(Arrays.equals(a.forces, b.forces), "forces");
        assertTrue(Arrays.equals(a.energies, b.energies), "energies");
        assertEquals(a.info, b.info);
        assertEquals(a.extraColumns.size(), b.extraColumns.size());
        for (int k = 0; k < a.extraColumns.size(); k++) {
            ExtXyzColumn x = a.extraColumns.get(k);
            ExtXyzColumn y = b.extraColumns.get(k);
            assertEquals(x.name(), y.name());
            assertEquals(x.type(), y.type());
            assertEquals(x.count(), y.count());
            assertTrue(Arrays.equals(x.numbers(), y.numbers()), x.name());
            assertArrayEquals(x.strings(), y.strings(), x.name());
        }
    }

    @Test
    void multiFrameRoundTripIsBitExact() throws IOException {
        Rng rng = new Rng(5);
        List<ExtXyzFrame> frames = List.of(randomFrame(rng, 7, true), randomFrame(rng, 1, false),
                randomFrame(rng, 12, true));
        frames.get(2).pbc = new boolean[] {true, false, true};
        String text = writeString(frames);
        List<ExtXyzFrame> back = readString(text + "\n\n");
        assertEquals(3, back.size());
        for (int k = 0; k < 3; k++) {
            assertSameFrame(frames.get(k), back.get(k));
        }
        double[] w = frames.get(0).virial();
        double[] s = back.get(0).stress();
        assertEquals(-w[5] / frames.get(0).box.volume(), s[5]);
        assertTrue(text.startsWith("7\nLattice=\""), text);
        assertTrue(text.contains(" Properties=species:S:1:pos:R:3:velocities:R:3:forces:R:3:energies:R:1"
                + ":id:I:1:tag:S:2:mask:L:1:dipole:R:2 energy="), text);
        assertTrue(text.contains("comment=\"a \\\"quoted\\\" word, a back\\\\slash and = sign\""), text);
        assertTrue(text.contains("pbc=\"F F F\"") && text.contains("pbc=\"T F T\""), text);
    }

    @Test
    void streamsFrameByFrame() throws IOException {
        Rng rng = new Rng(6);
        String text = writeString(List.of(randomFrame(rng, 3, true), randomFrame(rng, 4, true)));
        try (ExtXyzReader r = new ExtXyzReader(new StringReader(text), "s.xyz")) {
            assertEquals(3, r.next().size());
            assertEquals(5, r.line());
            assertEquals(4, r.next().size());
            assertEquals(11, r.line());
            assertNull(r.next());
            assertNull(r.next());
        }
    }

    @Test
    void acceptsAseHeaderVariants() throws IOException {
        String text = "2\n"
                + "Lattice = {3 0 0 0 3 0 0 0 3} Properties=species:S:1:pos:R:3:vel:R:3:charge:R:1 pbc=\"T F T\" "
                + "is_relaxed \"quoted key\"=\"x y\" config_type=bulk energy=-1.5e+00\n"
                + "H 0 0 0 1 2 3 0.5\n"
                + "  He\t1.5   1E-1 -2.0e0 0 0 0 -0.5   \n";
        ExtXyzFrame f = readString(text).get(0);
        assertEquals(Box.orthorhombic(3, 3, 3), f.box);
        assertArrayEquals(new boolean[] {true, false, true}, f.pbc);
        assertArrayEquals(new double[] {1, 2, 3, 0, 0, 0}, f.velocities);
        assertArrayEquals(new double[] {0, 0, 0, 1.5, 0.1, -2.0}, f.pos);
        assertEquals("T", f.info.get("is_relaxed"));
        assertEquals("x y", f.info.get("quoted key"));
        assertEquals("bulk", f.info.get("config_type"));
        assertEquals(-1.5, f.energy());
        assertArrayEquals(new double[] {0.5, -0.5}, f.column("charge").numbers());
        assertNull(f.forces);
        assertNull(f.virial());

        ExtXyzFrame plain = readString("1\nplain xyz comment\nC 1 2 3\n").get(0);
        assertNull(plain.box);
        assertArrayEquals(new boolean[] {false, false, false}, plain.pbc);
        assertEquals("C", plain.species[0]);
    }

    // ------------------------------------------------------------------ malformed input

    static InputException fails(String text) {
        return assertThrows(InputException.class, () -> readString(text));
    }

    static final String GOOD_HEADER = "Lattice=\"5 0 0 0 5 0 0 0 5\" Properties=species:S:1:pos:R:3:forces:R:3\n";
    static final String GOOD_FRAME = "2\n" + GOOD_HEADER + "Ar 0 0 0 1 1 1\nAr 1 1 1 -1 -1 -1\n";

    static void assertError(String text, int line, int column, String... words) {
        InputException e = fails(text);
        assertEquals("test.xyz", e.file());
        assertEquals(line, e.line(), e.getMessage());
        if (column >= 0) {
            assertEquals(column, e.column(), e.getMessage());
        }
        assertTrue(e.getMessage().startsWith("test.xyz:" + line), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void goodFrameReads() throws IOException {
        assertEquals(2, readString(GOOD_FRAME + GOOD_FRAME).size());
    }

    @Test
    void missingAtomCount() {
        assertError(GOOD_HEADER + "Ar 0 0 0 1 1 1\n", 1, 1, "number of atoms");
        assertError(GOOD_FRAME + "  two\n" + GOOD_HEADER, 5, 3, "number of atoms", "'two'");
        assertError("-3\n" + GOOD_HEADER, 1, 1, "non-negative");
    }

    @Test
    void truncatedFile() {
        assertError("2\n", 2, 0, "comment line");
        assertError("3\n" + GOOD_HEADER + "Ar 0 0 0 1 1 1\nAr 1 1 1 -1 -1 -1\n", 5, 0, "ends after 2 of the 3");
        assertError(GOOD_FRAME + "2\n" + GOOD_HEADER + "Ar 0 0 0 1 1 1", 8, 0, "ends after 1 of the 2",
                "starting at line 5");
    }

    @Test
    void wrongColumnCount() {
        assertError("2\n" + GOOD_HEADER + "Ar 0 0 0 1 1 1\nAr 1 1 1 -1 -1\n", 4, 0, "expected 7 values", "found 6",
                "species:1 pos:3 forces:3");
        assertError("1\n" + GOOD_HEADER + "Ar 0 0 0 1 1 1 9\n", 3, 0, "found 8");
    }

    @Test
    void badNumbers() {
        assertError("1\n" + GOOD_HEADER + "Ar 0 1.2.3 0 1 1 1\n", 3, 6, "pos", "'1.2.3'");
        assertError("1\n" + GOOD_HEADER + "Ar 0 0 0 NaN 1 1\n", 3, 10, "forces", "NaN");
        assertError("1\n" + GOOD_HEADER + "Ar 0 0 nan 1 1 1\n", 3, 8, "finite");
        assertError("1\n" + GOOD_HEADER + "Ar 0 0 1e999 1 1 1\n", 3, 8, "finite");
        assertError("1\n" + GOOD_HEADER + "Ar 0 0 Infinity 1 1 1\n", 3, 8);
        assertError("1\n" + GOOD_HEADER + "Ar 0 0 1.5d 1 1 1\n", 3, 8);
        assertError("1\nProperties=species:S:1:pos:R:3:n:I:1\nAr 0 0 0 1.5\n", 3, 10, "integer", "n");
        assertError("1\nProperties=species:S:1:pos:R:3:m:L:1\nAr 0 0 0 yes\n", 3, 10, "T or F");
    }

    @Test
    void badHeaders() {
        assertError("1\nProperties=species:S:1:pos:X:3\nAr 0 0 0\n", 2, 12, "type S, R, I or L", "'X'");
        assertError("1\nProperties=species:S:1:pos:R\nAr 0 0 0\n", 2, 12, "triples");
        assertError("1\nProperties=species:S:1:pos:R:0\nAr 0 0 0\n", 2, 12, "positive column count");
        assertError("1\nProperties=species:S:1:pos:R:2\nAr 0 0\n", 2, 12, "pos:R:3");
        assertError("1\nProperties=species:S:1:forces:R:3\nAr 0 0 0\n", 2, 12, "pos:R:3");
        assertError("1\nProperties=pos:R:3\n0 0 0\n", 2, 12, "species:S:1");
        assertError("1\nLattice=\"5 0 0 0 5 0 0 0\"\nAr 0 0 0\n", 2, 9, "Lattice", "9 finite numbers");
        assertError("1\nLattice=\"5 0 0 0 5 0 0 0 x\"\nAr 0 0 0\n", 2, 9, "Lattice");
        assertError("1\nLattice=\"5 0 0 10 0 0 0 0 5\"\nAr 0 0 0\n", 2, 9, "degenerate");
        assertError("1\nenergy=abc Lattice=\"5 0 0 0 5 0 0 0 5\"\nAr 0 0 0\n", 2, 8, "energy", "'abc'");
        assertError("1\nvirial=\"1 2 3\"\nAr 0 0 0\n", 2, 8, "virial", "9 finite numbers");
        assertError("1\npbc=\"T T\"\nAr 0 0 0\n", 2, 5, "pbc");
        assertError("1\npbc=\"T T maybe\"\nAr 0 0 0\n", 2, 5, "pbc");
        assertError("1\nkey=\"unterminated value\nAr 0 0 0\n", 2, 5, "closing '\"'");
        assertError("1\nkey=\nAr 0 0 0\n", 2, 5, "value after 'key='");
        assertError("1\na=1 a=2\nAr 0 0 0\n", 2, 5, "twice");
        assertError("1\n=3\nAr 0 0 0\n", 2, 1, "key");
    }

    @Test
    void writerRejectsWhatCannotBeRead() {
        ExtXyzFrame f = new ExtXyzFrame(null, new String[] {"A B"}, new double[3]);
        assertThrows(IllegalArgumentException.class, () -> writeString(List.of(f)));
        ExtXyzFrame g = new ExtXyzFrame(null, new String[] {"A"}, new double[3]);
        g.info.put("bad key", "1");
        assertThrows(IllegalArgumentException.class, () -> writeString(List.of(g)));
        ExtXyzFrame h = new ExtXyzFrame(null, new String[] {"A"}, new double[3]);
        h.forces = new double[2];
        assertThrows(IllegalArgumentException.class, () -> writeString(List.of(h)));
        assertThrows(IllegalArgumentException.class, () -> new ExtXyzFrame(null, new String[] {"A"}, new double[2]));
    }
}

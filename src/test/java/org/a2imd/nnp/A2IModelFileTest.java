package org.a2imd.nnp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.InputException;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class A2IModelFileTest {
    @TempDir
    Path dir;

    private static A2IModel model() {
        A2IModel m = A2ITestSupport.smallModel(2, 2.0, 90);
        m.setN0(5.731234567891234);
        m.rbfScale()[2] = 1.0 / 3.0;
        m.provenance().put("dataset", "lj_liquid_T1.2.extxyz (200 frames)");
        m.provenance().put("training", "adam lr 1e-3 epochs 300 force weight 1");
        m.provenance().put("date", "2025-01-01T12:00:00Z");
        return m;
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(Arrays.asList(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1));
    }

    private static InputException reject(List<String> lines) {
        return assertThrows(InputException.class, () -> A2IModelFile.parse("m.a2i", lines));
    }

    @Test
    void roundTripIsBitExact() throws IOException {
        A2IModel m = model();
        Path f = dir.resolve("m.a2i");
        A2IModelFile.write(m, f);
        A2IModel r = A2IModelFile.read(f);
        assertEquals(m.architecture(), r.architecture());
        assertEquals(m.units(), r.units());
        assertEquals(m.species(), r.species());
        assertArrayEquals(m.weights(), r.weights()); // Arrays.equals on doubles compares bit patterns
        assertArrayEquals(m.rbfScale(), r.rbfScale());
        assertArrayEquals(m.e0(), r.e0());
        assertEquals(Double.doubleToRawLongBits(m.n0()), Double.doubleToRawLongBits(r.n0()));
        assertEquals(Double.doubleToRawLongBits(m.energyScale()), Double.doubleToRawLongBits(r.energyScale()));
        assertEquals(m.provenance(), r.provenance());
        assertEquals(A2IModelFile.format(m), Files.readString(f, StandardCharsets.UTF_8));
        assertEquals(A2IModelFile.format(m), A2IModelFile.format(r));
        // Same energy to the last bit.
        AtomState s = A2ITestSupport.randomState(A2ITestSupport.speciesSet(m), Box.orthorhombic(4, 4, 4), 10, 0.9, 91);
        try (WorkerPool pool = new WorkerPool(1)) {
            double e1 = A2ITestSupport.energy(new A2IForceField(m), s, pool);
            double e2 = A2ITestSupport.energy(new A2IForceField(r), A2ITestSupport.copy(s), pool);
            assertEquals(e1, e2, 0.0);
        }
    }

    @Test
    void windowsLineEndingsAreAccepted() throws IOException {
        A2IModel m = model();
        Path f = dir.resolve("crlf.a2i");
        Files.writeString(f, A2IModelFile.format(m).replace("\n", "\r\n"));
        assertArrayEquals(m.weights(), A2IModelFile.read(f).weights());
    }

    @Test
    void corruptedDigitFailsTheChecksum() {
        List<String> l = lines(A2IModelFile.format(model()));
        int k = l.indexOf("segment Wr 6 8") + 1;
        String row = l.get(k);
        int pos = row.indexOf('.') + 1;
        char c = row.charAt(pos);
        l.set(k, row.substring(0, pos) + (c == '5' ? '6' : '5') + row.substring(pos + 1));
        InputException e = reject(l);
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertEquals(l.size(), e.line());
    }

    @Test
    void truncatedFilesAreRejected() {
        List<String> all = lines(A2IModelFile.format(model()));
        for (int keep : new int[] {all.size() - 1, all.size() - 5, 40, 12, 1}) {
            InputException e = reject(new ArrayList<>(all.subList(0, keep)));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertTrue(e.getMessage().startsWith("m.a2i:"), e.getMessage());
        }
        InputException empty = reject(new ArrayList<>());
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }

    @Test
    void badNumberNamesLineAndColumn() {
        List<String> l = lines(A2IModelFile.format(model()));
        int k = l.indexOf("segment block0.Wq 8 8") + 2;
        String[] t = l.get(k).split(" ");
        t[3] = "0.1x5";
        l.set(k, String.join(" ", t));
        InputException e = reject(l);
        assertEquals(k + 1, e.line());
        assertTrue(e.column() > 1, "column " + e.column());
        assertTrue(e.getMessage().contains("0.1x5") && e.getMessage().contains("block0.Wq"), e.getMessage());
    }

    @Test
    void headerProblemsAreNamed() {
        List<String> good = lines(A2IModelFile.format(model()));
        List<String> l = new ArrayList<>(good);
        l.set(0, "format something-else");
        assertTrue(reject(l).getMessage().contains("not an A2I model file"));

        l = new ArrayList<>(good);
        l.set(1, "version 2");
        InputException e = reject(l);
        assertTrue(e.getMessage().contains("unsupported model format version 2") && e.line() == 2, e.getMessage());

        l = new ArrayList<>(good);
        l.removeIf(s -> s.startsWith("heads "));
        assertTrue(reject(l).getMessage().contains("missing key 'heads'"));

        l = new ArrayList<>(good);
        l.add(5, "cutoff 3.0");
        assertTrue(reject(l).getMessage().contains("appears twice"));

        l = new ArrayList<>(good);
        l.add(5, "colour blue");
        assertTrue(reject(l).getMessage().contains("unknown key 'colour'"));

        l = new ArrayList<>(good);
        int w = -1;
        for (int k = 0; k < l.size(); k++) {
            if (l.get(k).startsWith("weights ")) {
                w = k;
            }
        }
        l.set(w, "weights 17");
        e = reject(l);
        assertTrue(e.getMessage().contains("wrong weight count 17") && e.line() == w + 1, e.getMessage());

        // An architecture change makes the segments disagree with the header.
        l = new ArrayList<>(good);
        l.replaceAll(s -> s.equals("width 8") ? "width 4" : s);
        assertTrue(reject(l).getMessage().contains("wrong weight count"));

        l = new ArrayList<>(good);
        l.replaceAll(s -> s.startsWith("e0 ") ? "e0 1.0" : s);
        assertTrue(reject(l).getMessage().contains("'e0' needs 2 numbers"));

        l = new ArrayList<>(good);
        l.add("more");
        assertTrue(reject(l).getMessage().contains("after the checksum"));
    }

    @Test
    void compatibilityWithARun() {
        A2IModel m = model();
        SpeciesSet reversed = new SpeciesSet(List.of(new Species("Kr1", 2.0), new Species("Ar", 1.0)));
        int[] map = A2IModelFile.checkCompatible(m, "m.a2i", Units.LJ, reversed);
        assertArrayEquals(new int[] {1, 0}, map);

        InputException e = assertThrows(InputException.class,
                () -> A2IModelFile.checkCompatible(m, "m.a2i", Units.METAL, reversed));
        assertTrue(e.getMessage().contains("'lj'") && e.getMessage().contains("'metal'") && e.getMessage().startsWith("m.a2i"),
                e.getMessage());
        SpeciesSet other = new SpeciesSet(List.of(new Species("Ar", 1.0), new Species("Xe", 3.0)));
        e = assertThrows(InputException.class, () -> A2IModelFile.checkCompatible(m, "m.a2i", Units.LJ, other));
        assertTrue(e.getMessage().contains("Xe") && e.getMessage().contains("Ar, Kr1"), e.getMessage());

        // A run that lists the species in another order gets the same energy through the type map.
        AtomState s = A2ITestSupport.randomState(A2ITestSupport.speciesSet(m), Box.orthorhombic(4, 4, 4), 10, 0.9, 92);
        int[] swapped = new int[s.n];
        for (int i = 0; i < s.n; i++) {
            swapped[i] = 1 - s.type[i];
        }
        AtomState t = new AtomState(Units.LJ, reversed, s.box(), swapped, s.pos);
        try (WorkerPool pool = new WorkerPool(1)) {
            double e1 = A2ITestSupport.energy(new A2IForceField(m), s, pool);
            double e2 = A2ITestSupport.energy(new A2IForceField(m, map), t, pool);
            assertEquals(e1, e2, 0.0);
        }
    }

    @Test
    void missingOrBinaryFilesAreNamed() throws IOException {
        Path none = dir.resolve("none.a2i");
        InputException e = assertThrows(InputException.class, () -> A2IModelFile.read(none));
        assertTrue(e.getMessage().contains("none.a2i") && e.getMessage().contains("not found"), e.getMessage());
        Path bin = dir.resolve("bin.a2i");
        Files.write(bin, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        e = assertThrows(InputException.class, () -> A2IModelFile.read(bin));
        assertTrue(e.getMessage().startsWith(bin.toString()), e.getMessage());
    }
}

package org.a2imd.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LatticeTest {
    @ParameterizedTest
    @EnumSource(Lattice.Kind.class)
    void countsDensityAndBox(Lattice.Kind kind) {
        Lattice lat = Lattice.withConstant(kind, 1.7, 2, 3, 4);
        int[] basis = {1, 2, 4, 8};
        assertEquals(basis[kind.ordinal()], lat.basisCount());
        assertEquals(basis[kind.ordinal()] * 24, lat.count());
        assertEquals(Box.orthorhombic(3.4, 1.7 * 3, 6.8), lat.box());
        Lattice byDensity = Lattice.withDensity(kind, 0.8442, 3, 3, 3);
        assertEquals(0.8442, byDensity.density(), 1e-14);
        assertEquals(0.8442, byDensity.count() / byDensity.box().volume(), 1e-14);
        // every atom inside the box and no two on the same site
        double[] p = lat.positions();
        double[] s = new double[3];
        for (int i = 0; i < lat.count(); i++) {
            lat.box().toFractional(p[3 * i], p[3 * i + 1], p[3 * i + 2], s);
            for (double f : s) {
                assertTrue(f >= 0 && f < 1, "atom " + i + " outside the box");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Lattice.Kind.class)
    void nearestNeighbourDistanceAndCoordination(Lattice.Kind kind) {
        double a = 2.3;
        Lattice lat = Lattice.withConstant(kind, a, 3, 3, 3);
        double[] expectedNn = {a, a * Math.sqrt(3) / 2, a / Math.sqrt(2), a * Math.sqrt(3) / 4};
        int[] expectedZ = {6, 8, 12, 4};
        double nn = expectedNn[kind.ordinal()];
        assertEquals(nn, kind.nearestNeighbour * a, 1e-15);
        assertEquals(expectedZ[kind.ordinal()], kind.coordination);
        double[] p = lat.positions();
        double[] d = new double[3];
        for (int i = 0; i < lat.count(); i++) {
            int z = 0;
            double closest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < lat.count(); j++) {
                if (j == i) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    d[c] = p[3 * j + c] - p[3 * i + c];
                }
                lat.box().minimumImage(d);
                double r = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                closest = Math.min(closest, r);
                if (r < nn * (1 + 1e-9)) {
                    z++;
                }
            }
            assertEquals(nn, closest, 1e-12, "nearest neighbour of atom " + i);
            assertEquals(expectedZ[kind.ordinal()], z, "coordination of atom " + i);
        }
    }

    @Test
    void fccAtReducedDensityMatchesLammps() {
        // LAMMPS: lattice fcc 0.8442; region box block 0 5 0 5 0 5 (lj units) -> box edge 8.3979809569125372
        Lattice lat = Lattice.ofScale(Lattice.Kind.FCC, Units.LJ, 0.8442, 5, 5, 5);
        assertEquals(500, lat.count());
        assertEquals(8.3979809569125372, lat.box().vectorComponent(0, 0), 1e-14);
        // in metal units the scale is the lattice constant
        assertEquals(3.615, Lattice.ofScale(Lattice.Kind.FCC, Units.METAL, 3.615, 1, 1, 1).latticeConstant());
    }

    @Test
    void diamondSiliconMatchesLammpsSites() throws IOException {
        Lattice lat = Lattice.withConstant(Lattice.Kind.byId("diamond"), 5.431, 3, 3, 3);
        double[][] ours = sortedRows(lat.positions());
        double[][] ref = sortedRows(referencePositions("/reference/si_diamond216_a5.431_perfect.extxyz"));
        assertEquals(ref.length, ours.length);
        for (int i = 0; i < ref.length; i++) {
            assertArrayEquals(ref[i], ours[i], 1e-12, "site " + i);
        }
        assertEquals(16.293, lat.box().vectorComponent(2, 2), 1e-12);
    }

    @Test
    void compositionCountsAreExact() {
        assertArrayEquals(new int[] {400, 100}, Lattice.speciesCounts(500, new double[] {80, 20}));
        assertArrayEquals(new int[] {400, 100}, Lattice.speciesCounts(500, new double[] {0.8, 0.2}));
        assertArrayEquals(new int[] {4, 3, 3}, Lattice.speciesCounts(10, new double[] {1, 1, 1}));
        assertArrayEquals(new int[] {6, 0, 1}, Lattice.speciesCounts(7, new double[] {0.8, 0, 0.2}));
        assertArrayEquals(new int[] {108, 0}, Lattice.speciesCounts(108, new double[] {1, 0}));
        int[] type = Lattice.assignSpecies(500, new double[] {80, 20}, new Rng(4));
        int[] count = new int[2];
        for (int t : type) {
            count[t]++;
        }
        assertArrayEquals(new int[] {400, 100}, count);
        assertArrayEquals(type, Lattice.assignSpecies(500, new double[] {80, 20}, new Rng(4)), "same seed");
        assertFalse(Arrays.equals(type, Lattice.assignSpecies(500, new double[] {80, 20}, new Rng(5))), "other seed");
        // shuffled, not blocked: the minority is spread over the whole crystal
        int inFirstHalf = 0;
        for (int i = 0; i < 250; i++) {
            inFirstHalf += type[i];
        }
        assertTrue(inFirstHalf > 30 && inFirstHalf < 70, "minority atoms in the first half: " + inFirstHalf);
    }

    @Test
    void badValuesAreRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lattice.Kind.byId("hcp"));
        assertTrue(e.getMessage().contains("hcp") && e.getMessage().contains("fcc"), e.getMessage());
        assertEquals(Lattice.Kind.BCC, Lattice.Kind.byId("BCC"));
        assertThrows(IllegalArgumentException.class, () -> Lattice.withConstant(Lattice.Kind.FCC, 0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Lattice.withConstant(Lattice.Kind.FCC, Double.NaN, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Lattice.withConstant(Lattice.Kind.FCC, 1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Lattice.withDensity(Lattice.Kind.FCC, -0.8, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Lattice.withConstant(null, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Lattice.speciesCounts(10, new double[] {1, -1}));
        assertThrows(IllegalArgumentException.class, () -> Lattice.speciesCounts(10, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> Lattice.speciesCounts(10, new double[0]));
    }

    private static double[][] sortedRows(double[] xyz) {
        double[][] rows = new double[xyz.length / 3][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(xyz, 3 * i, 3 * i + 3);
        }
        // sites are on a grid of a/4, so rounding to 1e-6 makes the order robust to round-off
        Arrays.sort(rows, (u, v) -> {
            for (int c = 0; c < 3; c++) {
                int cmp = Long.compare(Math.round(u[c] * 1e6), Math.round(v[c] * 1e6));
                if (cmp != 0) {
                    return cmp;
                }
            }
            return 0;
        });
        return rows;
    }

    /** Positions from an extxyz frame whose first column is species and pos the 3rd to 5th. */
    private static double[] referencePositions(String resource) throws IOException {
        try (InputStream in = LatticeTest.class.getResourceAsStream(resource);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int n = Integer.parseInt(r.readLine().trim());
            r.readLine();
            double[] p = new double[3 * n];
            for (int i = 0; i < n; i++) {
                String[] f = r.readLine().trim().split("\\s+");
                for (int c = 0; c < 3; c++) {
                    p[3 * i + c] = Double.parseDouble(f[2 + c]);
                }
            }
            return p;
        }
    }
}

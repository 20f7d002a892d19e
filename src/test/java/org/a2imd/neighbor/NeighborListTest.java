package org.a2imd.neighbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.a2imd.core.AtomState;
import org.a2imd.core.BlowUpException;
import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ghost construction, half/full list semantics, rebuild triggers and restart reproducibility. */
class NeighborListTest {
    private static WorkerPool pool;

    @BeforeAll
    static void startPool() {
        pool = new WorkerPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    /**
     * Against an enumeration written here from scratch: for every local atom i and every atom j,
     * all lattice translations n with |x_j + n.L - x_i| below the list cutoff. The full list must hold
     * exactly these (owner j, image n) and the half list exactly one of (i, j, n) and (j, i, -n).
     * Cells down to 0.6 cutoffs wide, so atoms see several images of one another and of themselves.
     */
    @Test
    void listsMatchAllImagesEnumeration() {
        Random rnd = new Random(11);
        double cutoff = 1.0;
        double skin = 0.2;
        double rl = cutoff + skin;
        long bonds = 0;
        for (int trial = 0; trial < 40; trial++) {
            Box box = RandomSystems.randomCell(rnd, rl * (0.6 + 2.5 * rnd.nextDouble()),
                    rl * (0.6 + 2.5 * rnd.nextDouble()), rl * (0.6 + 2.5 * rnd.nextDouble()), 0.7);
            int n = 1 + rnd.nextInt(25);
            AtomState s = RandomSystems.randomState(rnd, box, n);
            NeighborList nl = new NeighborList(cutoff, skin, true, true, new CellListPairFinder(pool));
            nl.build(s);
            Map<String, Integer> expected = enumerate(s, rl);
            Map<String, Integer> full = new HashMap<>();
            Map<String, Integer> half = new HashMap<>();
            for (int i = 0; i < n; i++) {
                for (int p = nl.fullStart[i]; p < nl.fullEnd[i]; p++) {
                    full.merge(bond(nl, i, nl.full[p], false), 1, Integer::sum);
                }
                for (int p = nl.halfStart[i]; p < nl.halfEnd[i]; p++) {
                    half.merge(bond(nl, i, nl.half[p], false), 1, Integer::sum);
                    // Full = half symmetrised: count the reversed copy too.
                    half.merge(bond(nl, i, nl.half[p], true), 1, Integer::sum);
                }
            }
            assertEquals(expected, full, "full list, trial " + trial + " " + box);
            assertEquals(expected, half, "half list symmetrised, trial " + trial + " " + box);
            assertEquals(2 * nl.halfPairCount(), nl.fullEntryCount(), "every pair once in the half list");
            bonds += nl.halfPairCount();
        }
        assertTrue(bonds > 2000, "too few pairs tested: " + bonds);
    }

    /** (i, owner, image) as text, or the reversed bond (owner, i, -image). */
    private static String bond(NeighborList nl, int i, int j, boolean reversed) {
        int o = nl.owner[j];
        int a = nl.image[3 * j];
        int b = nl.image[3 * j + 1];
        int c = nl.image[3 * j + 2];
        return reversed ? o + ">" + i + ":" + (-a) + "," + (-b) + "," + (-c) : i + ">" + o + ":" + a + "," + b + "," + c;
    }

    /** All (i, j, n) with |x_j + n.L - x_i| < rl, n bounded by the perpendicular widths. */
    private static Map<String, Integer> enumerate(AtomState s, double rl) {
        Box box = s.box();
        double[] w = box.perpendicularWidths();
        // |n_k| w_k <= |x_j - x_i + n.L| + w_k since both atoms are inside the cell.
        int[] m = new int[3];
        for (int k = 0; k < 3; k++) {
            m[k] = (int) Math.ceil(rl / w[k]) + 1;
        }
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < s.n; i++) {
            for (int j = 0; j < s.n; j++) {
                for (int a = -m[0]; a <= m[0]; a++) {
                    for (int b = -m[1]; b <= m[1]; b++) {
                        for (int c = -m[2]; c <= m[2]; c++) {
                            if (i == j && a == 0 && b == 0 && c == 0) {
                                continue;
                            }
                            double r2 = 0;
                            for (int d = 0; d < 3; d++) {
                                double x = s.pos[3 * j + d] - s.pos[3 * i + d] + a * box.vectorComponent(0, d)
                                        + b * box.vectorComponent(1, d) + c * box.vectorComponent(2, d);
                                r2 += x * x;
                            }
                            if (r2 < rl * rl) {
                                out.merge(i + ">" + j + ":" + a + "," + b + "," + c, 1, Integer::sum);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void rebuildsOnlyAfterMoveBeyondHalfSkin() {
        double skin = 0.4;
        Box box = RandomSystems.randomCell(new Random(2), 6, 7, 6.5, 0.3);
        AtomState s = RandomSystems.randomState(new Random(3), box, 40);
        NeighborList nl = new NeighborList(1.5, skin, true, false, new CellListPairFinder(pool));
        assertTrue(nl.update(s), "first update builds");
        assertEquals(1, nl.builds());

        // Atom 5 sits just inside the face s_a = 1 and steps across it by a tiny amount: no rebuild,
        // and its position stays unwrapped until the next build.
        double[] f = new double[3];
        box.toFractional(s.pos[15], s.pos[16], s.pos[17], f);
        double[] p = new double[3];
        box.toCartesian(1 - 1e-9, f[1], f[2], p);
        System.arraycopy(p, 0, s.pos, 15, 3);
        nl.build(s);
        assertEquals(2, nl.builds());
        box.toCartesian(1 + 1e-9, f[1], f[2], p);
        System.arraycopy(p, 0, s.pos, 15, 3);
        assertFalse(nl.update(s), "a tiny move across the boundary must not rebuild");
        assertEquals(2, nl.builds());
        assertArrayEquals(p, Arrays.copyOfRange(nl.x, 15, 18), "ghost refresh copies the moved atom");

        // Just under and just over skin/2.
        s.pos[3 * 7] += 0.49 * skin;
        assertFalse(nl.update(s));
        assertEquals(2, nl.builds());
        s.pos[3 * 7] += 0.02 * skin;
        assertTrue(nl.update(s), "a move of more than skin/2 rebuilds");
        assertEquals(3, nl.builds());

        // Moves along y and z count as well as along x.
        s.pos[3 * 9 + 1] += 0.6 * skin;
        assertTrue(nl.update(s));
        s.pos[3 * 10 + 2] -= 0.6 * skin;
        assertTrue(nl.update(s));
        assertEquals(5, nl.builds());
    }

    @Test
    void blowUpNamesTheAtom() {
        Box box = Box.orthorhombic(8, 9, 10);
        AtomState s = RandomSystems.randomState(new Random(4), box, 30);
        NeighborList nl = new NeighborList(2.0, 0.3, true, false, new CellListPairFinder(pool));
        nl.update(s);
        s.pos[3 * 12 + 1] = Double.NaN;
        BlowUpException e = assertThrows(BlowUpException.class, () -> nl.update(s));
        assertEquals(12, e.atom());
        assertTrue(e.getMessage().contains("atom 13"), e.getMessage());

        AtomState t = RandomSystems.randomState(new Random(5), box, 30);
        nl.build(t);
        t.pos[3 * 20 + 2] += 0.51 * 8; // more than half the narrowest width (8), less than the cell
        BlowUpException jump = assertThrows(BlowUpException.class, () -> nl.update(t));
        assertEquals(20, jump.atom());
        assertTrue(jump.getMessage().contains("atom 21"), jump.getMessage());
    }

    /**
     * A restart sees the list of the uninterrupted run bit for bit: rebuildFrom with the saved
     * positions of the last build gives the same ghosts, ghost positions and lists.
     */
    @Test
    void rebuildFromReproducesListExactly() {
        Random rnd = new Random(8);
        Box box = RandomSystems.randomCell(rnd, 5, 5.5, 6, 0.6);
        AtomState s = RandomSystems.randomState(rnd, box, 60);
        double skin = 0.4;
        NeighborList run = new NeighborList(1.3, skin, true, true, new CellListPairFinder(pool));
        run.update(s);
        for (int i = 0; i < 3 * s.n; i++) {
            s.pos[i] += 0.1 * skin * (2 * rnd.nextDouble() - 1);
        }
        assertFalse(run.update(s));
        double[] saved = run.positionsAtLastBuild();

        AtomState restarted = RandomSystems.copy(s);
        NeighborList again = new NeighborList(1.3, skin, true, true, new CellListPairFinder(new WorkerPool(1)));
        again.rebuildFrom(restarted, saved);
        assertArrayEquals(s.pos, restarted.pos, "current positions are kept");
        assertEquals(run.nAll, again.nAll);
        int nAll = run.nAll;
        assertArrayEquals(Arrays.copyOf(run.x, 3 * nAll), Arrays.copyOf(again.x, 3 * nAll));
        assertArrayEquals(Arrays.copyOf(run.owner, nAll), Arrays.copyOf(again.owner, nAll));
        assertArrayEquals(Arrays.copyOf(run.image, 3 * nAll), Arrays.copyOf(again.image, 3 * nAll));
        assertArrayEquals(Arrays.copyOf(run.type, nAll), Arrays.copyOf(again.type, nAll));
        int n = s.n;
        assertArrayEquals(CellListPairFinderTest.inAtomOrder(run.halfStart, run.halfEnd, run.half, n),
                CellListPairFinderTest.inAtomOrder(again.halfStart, again.halfEnd, again.half, n));
        assertArrayEquals(CellListPairFinderTest.inAtomOrder(run.fullStart, run.fullEnd, run.full, n),
                CellListPairFinderTest.inAtomOrder(again.fullStart, again.fullEnd, again.full, n));
        // And both keep going identically: the next trigger happens at the same step.
        for (int step = 0; step < 5; step++) {
            for (int i = 0; i < 3 * s.n; i++) {
                double d = 0.05 * skin * (2 * rnd.nextDouble() - 1);
                s.pos[i] += d;
                restarted.pos[i] += d;
            }
            assertEquals(run.update(s), again.update(restarted));
            assertArrayEquals(Arrays.copyOf(run.x, 3 * run.nAll), Arrays.copyOf(again.x, 3 * again.nAll));
        }
    }
}

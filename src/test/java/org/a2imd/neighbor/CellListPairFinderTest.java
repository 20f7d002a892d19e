package org.a2imd.neighbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cell-list search against the brute-force oracle, on the same ghosts. */
class CellListPairFinderTest {
    private static final WorkerPool[] POOLS = new WorkerPool[3];

    @BeforeAll
    static void startPools() {
        for (int t = 0; t < POOLS.length; t++) {
            POOLS[t] = new WorkerPool(t + 1);
        }
    }

    @AfterAll
    static void stopPools() {
        for (WorkerPool p : POOLS) {
            p.close();
        }
    }

    /**
     * Many random cells: general orientation, tilts up to 0.9 of the leaning vector, widths from
     * 0.6 to 3.6 list cutoffs, so every combination of "narrower than twice the cutoff" occurs.
     */
    @Test
    void matchesBruteForceOnRandomTriclinicCells() {
        Random rnd = new Random(20240611);
        double cutoff = 1.0;
        double skin = 0.25;
        double rl = cutoff + skin;
        int[] narrowCount = new int[4];
        int orthorhombic = 0;
        long pairs = 0;
        for (int trial = 0; trial < 120; trial++) {
            boolean ortho = trial % 6 == 0;
            double[] len = new double[3];
            for (int k = 0; k < 3; k++) {
                len[k] = rl * (0.6 + 3.0 * rnd.nextDouble());
            }
            Box box = ortho ? Box.orthorhombic(len[0], len[1], len[2])
                    : RandomSystems.randomCell(rnd, len[0], len[1], len[2], 0.9);
            double[] w = box.perpendicularWidths();
            int narrow = 0;
            for (double wk : w) {
                narrow += wk < 2 * rl ? 1 : 0;
            }
            narrowCount[narrow]++;
            orthorhombic += box.isOrthorhombic() ? 1 : 0;
            int n = 1 + rnd.nextInt(40);
            AtomState state = RandomSystems.randomState(rnd, box, n);
            boolean half = trial % 3 != 1;
            boolean full = trial % 3 != 2;
            NeighborList oracle = new NeighborList(cutoff, skin, half, full, new BruteForcePairFinder());
            oracle.build(RandomSystems.copy(state));
            NeighborList first = null;
            for (WorkerPool pool : POOLS) {
                NeighborList cells = new NeighborList(cutoff, skin, half, full, new CellListPairFinder(pool));
                cells.build(RandomSystems.copy(state));
                String where = "trial " + trial + ", " + pool.threads() + " threads, " + box;
                if (half) {
                    assertSameNeighbours(oracle, oracle.halfStart, oracle.halfEnd, oracle.half, cells, cells.halfStart,
                            cells.halfEnd, cells.half, where + ", half list");
                }
                if (full) {
                    assertSameNeighbours(oracle, oracle.fullStart, oracle.fullEnd, oracle.full, cells, cells.fullStart,
                            cells.fullEnd, cells.full, where + ", full list");
                }
                // The order is fixed by the positions alone: identical for any thread count.
                if (first == null) {
                    first = cells;
                } else {
                    assertSameArrays(first, cells, where);
                }
            }
            pairs += half ? oracle.halfPairCount() : oracle.fullEntryCount() / 2;
        }
        for (int k = 0; k < 4; k++) {
            assertTrue(narrowCount[k] >= 5, "too few cells narrower than 2 rc in " + k + " directions: "
                    + Arrays.toString(narrowCount));
        }
        assertTrue(orthorhombic >= 10);
        assertTrue(pairs > 10_000, "too few pairs tested: " + pairs);
    }

    /** Strongly skewed cells (tilt beyond one cell length), where a naive bin stencil is too small. */
    @Test
    void matchesBruteForceOnStronglySkewedCells() {
        Random rnd = new Random(77);
        for (int trial = 0; trial < 30; trial++) {
            Box box = RandomSystems.randomCell(rnd, 3 + 4 * rnd.nextDouble(), 3 + 4 * rnd.nextDouble(),
                    3 + 4 * rnd.nextDouble(), 2.5);
            AtomState state = RandomSystems.randomState(rnd, box, 30 + rnd.nextInt(30));
            NeighborList oracle = new NeighborList(1.1, 0.3, true, true, new BruteForcePairFinder());
            oracle.build(RandomSystems.copy(state));
            NeighborList cells = new NeighborList(1.1, 0.3, true, true, new CellListPairFinder(POOLS[1]));
            cells.build(RandomSystems.copy(state));
            assertSameNeighbours(oracle, oracle.halfStart, oracle.halfEnd, oracle.half, cells, cells.halfStart, cells.halfEnd, cells.half,
                    "skewed trial " + trial);
            assertSameNeighbours(oracle, oracle.fullStart, oracle.fullEnd, oracle.full, cells, cells.fullStart, cells.fullEnd, cells.full,
                    "skewed trial " + trial);
        }
    }

    /**
     * A dense liquid-like system in a cell many cutoffs wide (many bins, mostly interior atoms), and a
     * dilute one where the bin count is limited by the number of atoms.
     */
    @Test
    void matchesBruteForceOnLargeAndDiluteCells() {
        Random rnd = new Random(5);
        Box dense = RandomSystems.randomCell(rnd, 13, 12, 14, 0.6);
        Box dilute = Box.orthorhombic(200, 150, 300);
        for (Box box : new Box[] {dense, dilute}) {
            int n = box == dense ? 3000 : 400;
            AtomState state = RandomSystems.randomState(rnd, box, n);
            if (box == dilute) {
                // Put partners close to some atoms so the dilute cell has pairs, across faces too.
                for (int i = 0; i < n / 2; i++) {
                    for (int c = 0; c < 3; c++) {
                        state.pos[3 * (n / 2 + i) + c] = state.pos[3 * i + c] + 0.6 * (2 * rnd.nextDouble() - 1);
                    }
                }
            }
            NeighborList oracle = new NeighborList(1.2, 0.3, true, true, new BruteForcePairFinder());
            oracle.build(RandomSystems.copy(state));
            for (WorkerPool pool : POOLS) {
                NeighborList cells = new NeighborList(1.2, 0.3, true, true, new CellListPairFinder(pool));
                cells.build(RandomSystems.copy(state));
                assertTrue(oracle.halfPairCount() > n / 4);
                assertSameNeighbours(oracle, oracle.halfStart, oracle.halfEnd, oracle.half, cells, cells.halfStart, cells.halfEnd, cells.half,
                        box.toString());
                assertSameNeighbours(oracle, oracle.fullStart, oracle.fullEnd, oracle.full, cells, cells.fullStart, cells.fullEnd, cells.full,
                        box.toString());
            }
        }
    }

    /**
     * Each list kind alone and both together, every thread count, against brute force: on a uniform
     * system, whose lists fit the first guess of each thread's region, and on a dense clump, whose do
     * not, so the search counts, grows the regions and searches again. A second build of the clump
     * then fits (lists near a region's end go through the spill buffer).
     */
    @Test
    void listsMatchBruteForceAlsoWhenTheRegionsOverflow() {
        Random rnd = new Random(17);
        Box box = RandomSystems.randomCell(rnd, 7, 8, 7.5, 0.4);
        AtomState uniform = RandomSystems.randomState(rnd, box, 600);
        // 250 atoms within 0.05 of one point: over 60,000 list entries where a uniform system has 3,000.
        AtomState clump = RandomSystems.randomState(rnd, box, 400);
        for (int i = 150; i < 400; i++) {
            for (int c = 0; c < 3; c++) {
                clump.pos[3 * i + c] = clump.pos[c] + 0.05 * (2 * rnd.nextDouble() - 1);
            }
        }
        for (AtomState state : new AtomState[] {uniform, clump}) {
            boolean dense = state == clump;
            for (boolean[] want : new boolean[][] {{true, false}, {false, true}, {true, true}}) {
                NeighborList oracle = new NeighborList(1.0, 0.2, want[0], want[1], new BruteForcePairFinder());
                oracle.build(RandomSystems.copy(state));
                for (WorkerPool pool : POOLS) {
                    CellListPairFinder finder = new CellListPairFinder(pool);
                    NeighborList cells = new NeighborList(1.0, 0.2, want[0], want[1], finder);
                    for (int build = 0; build < 2; build++) {
                        cells.build(RandomSystems.copy(state));
                        String where = (dense ? "clump" : "uniform") + " half " + want[0] + " full " + want[1]
                                + " threads " + pool.threads() + " build " + build;
                        assertEquals(dense && build == 0 ? 2 : 1, finder.searchesInLastBuild(), where);
                        if (want[0]) {
                            assertSameNeighbours(oracle, oracle.halfStart, oracle.halfEnd, oracle.half, cells,
                                    cells.halfStart, cells.halfEnd, cells.half, where);
                            assertEquals(oracle.halfPairCount(), cells.halfPairCount(), where);
                        }
                        if (want[1]) {
                            assertSameNeighbours(oracle, oracle.fullStart, oracle.fullEnd, oracle.full, cells,
                                    cells.fullStart, cells.fullEnd, cells.full, where);
                            assertEquals(oracle.fullEntryCount(), cells.fullEntryCount(), where);
                        }
                    }
                }
            }
        }
    }

    /**
     * The stencil's pruning bound: the minimum of s.G.s over a box must never exceed its value at any
     * point of the box (else pairs are lost), and must be attained (else the stencil is too wide).
     */
    @Test
    void minimumNormOverBoxIsExact() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            Box box = RandomSystems.randomCell(rnd, 1 + rnd.nextDouble(), 1 + rnd.nextDouble(),
                    1 + rnd.nextDouble(), 2.0);
            double[] g = new double[9];
            for (int k = 0; k < 3; k++) {
                for (int l = 0; l < 3; l++) {
                    for (int c = 0; c < 3; c++) {
                        g[3 * k + l] += box.vectorComponent(k, c) * box.vectorComponent(l, c);
                    }
                }
            }
            double[] lo = new double[3];
            double[] hi = new double[3];
            for (int k = 0; k < 3; k++) {
                double h = 0.1 + 0.4 * rnd.nextDouble();
                int d = rnd.nextInt(7) - 3;
                lo[k] = (d - 1) * h;
                hi[k] = (d + 1) * h;
            }
            double bound = CellListPairFinder.minNorm2(g, lo, hi);
            double sampled = Double.POSITIVE_INFINITY;
            int m = 40;
            double[] s = new double[3];
            double[] x = new double[3];
            for (int a = 0; a <= m; a++) {
                for (int b = 0; b <= m; b++) {
                    for (int c = 0; c <= m; c++) {
                        s[0] = lo[0] + (hi[0] - lo[0]) * a / m;
                        s[1] = lo[1] + (hi[1] - lo[1]) * b / m;
                        s[2] = lo[2] + (hi[2] - lo[2]) * c / m;
                        box.toCartesian(s[0], s[1], s[2], x);
                        sampled = Math.min(sampled, x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
                    }
                }
            }
            assertTrue(bound <= sampled * (1 + 1e-12) + 1e-14, "bound " + bound + " above sampled " + sampled);
            // Grid spacing limits how close the sampled minimum gets to the true one.
            double step = 0;
            for (int k = 0; k < 3; k++) {
                step += (hi[k] - lo[k]) / m * Math.sqrt(g[4 * k]);
            }
            double r = Math.sqrt(sampled);
            assertTrue(Math.sqrt(bound) >= r - step, "bound " + bound + " far below sampled " + sampled);
        }
    }

    /** Rebuilding with the same finder reuses its buffers and gives the same lists, also after growth. */
    @Test
    void rebuildsAreRepeatableAndSurviveGrowth() {
        Random rnd = new Random(9);
        Box box = RandomSystems.randomCell(rnd, 5, 6, 5.5, 0.5);
        CellListPairFinder finder = new CellListPairFinder(POOLS[2]);
        for (int n : new int[] {50, 300, 20, 300}) {
            AtomState state = RandomSystems.randomState(rnd, box, n);
            NeighborList a = new NeighborList(1.0, 0.3, true, true, finder);
            a.build(RandomSystems.copy(state));
            int[] half = inAtomOrder(a.halfStart, a.halfEnd, a.half, n);
            int[] full = inAtomOrder(a.fullStart, a.fullEnd, a.full, n);
            a.build(RandomSystems.copy(state));
            assertArrayEquals(half, inAtomOrder(a.halfStart, a.halfEnd, a.half, n));
            assertArrayEquals(full, inAtomOrder(a.fullStart, a.fullEnd, a.full, n));
            NeighborList oracle = new NeighborList(1.0, 0.3, true, true, new BruteForcePairFinder());
            oracle.build(RandomSystems.copy(state));
            assertSameNeighbours(oracle, oracle.fullStart, oracle.fullEnd, oracle.full, a, a.fullStart, a.fullEnd, a.full,
                    "n = " + n);
        }
    }

    /** Lists compared as sorted multisets of (owner, image) per local atom. */
    static void assertSameNeighbours(NeighborList ref, int[] refStart, int[] refEnd, int[] refItems, NeighborList got,
            int[] gotStart, int[] gotEnd, int[] gotItems, String where) {
        assertEquals(ref.nLocal, got.nLocal);
        assertEquals(ref.nAll, got.nAll, where + ": ghost count");
        for (int i = 0; i < ref.nLocal; i++) {
            long[] a = keys(ref, refStart[i], refEnd[i], refItems);
            long[] b = keys(got, gotStart[i], gotEnd[i], gotItems);
            assertArrayEquals(a, b, where + ": neighbours of atom " + i);
        }
    }

    static long[] keys(NeighborList nl, int start, int end, int[] items) {
        long[] k = new long[end - start];
        for (int p = start; p < end; p++) {
            k[p - start] = key(nl, items[p]);
        }
        Arrays.sort(k);
        return k;
    }

    /**
     * The lists of atoms 0..n-1 one after the other, each preceded by its length: equal for two lists
     * exactly when every atom has the same neighbours in the same order, wherever they are stored.
     */
    static int[] inAtomOrder(int[] start, int[] end, int[] items, int n) {
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += 1 + end[i] - start[i];
        }
        int[] out = new int[total];
        int q = 0;
        for (int i = 0; i < n; i++) {
            out[q++] = end[i] - start[i];
            for (int p = start[i]; p < end[i]; p++) {
                out[q++] = items[p];
            }
        }
        return out;
    }

    /** (owner, image) of atom j packed into one number; images are small here. */
    static long key(NeighborList nl, int j) {
        long key = nl.owner[j];
        for (int c = 0; c < 3; c++) {
            key = key * 256 + nl.image[3 * j + c] + 128;
        }
        return key;
    }

    private static void assertSameArrays(NeighborList a, NeighborList b, String where) {
        int n = a.nLocal;
        if (a.wantsHalf()) {
            assertArrayEquals(inAtomOrder(a.halfStart, a.halfEnd, a.half, n), inAtomOrder(b.halfStart, b.halfEnd, b.half, n),
                    where);
        }
        if (a.wantsFull()) {
            assertArrayEquals(inAtomOrder(a.fullStart, a.fullEnd, a.full, n), inAtomOrder(b.fullStart, b.fullEnd, b.full, n),
                    where);
        }
    }
}

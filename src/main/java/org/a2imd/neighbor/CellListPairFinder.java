package org.a2imd.neighbor;

import java.util.Arrays;
import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;

/**
 * O(N) pair search with bins in fractional coordinates, valid for any triclinic cell and any ratio of
 * cell size to cutoff. Finds exactly the pairs of {@link BruteForcePairFinder} (same distance
 * arithmetic, same half-pair rule); only the order within each atom's list differs. That order
 * depends on the positions alone, not on the thread count.
 *
 * <p>Bins tile the fractional range [-pad, 1 + pad) per axis that the ghosts occupy (pad = list
 * cutoff / perpendicular width). The stencil keeps the bin offsets whose two bins can hold points
 * closer than the cutoff, judged by the exact minimum distance between them in the cell metric, so
 * skewed cells search no more than they must. The c index varies fastest, so each (da, db) row of
 * the stencil is one contiguous run of the bin-sorted atoms; bins are thin along c (cheap, as a
 * row costs the same however many bins it spans) so that rows end close to the cutoff sphere.
 *
 * <p>Local atoms are searched in bin order, whatever their numbering, so the candidates stay in cache
 * and atoms sharing a bin share its row ranges. Each thread takes a contiguous part of that order. The
 * CSR lists are in atom order, so an atom's place is known only once all counts are; the search
 * therefore records each neighbour as a 16-bit code (stencil row and place in the row, half the
 * memory of the neighbour index) and a parallel gather decodes the codes into the CSR lists. The
 * lists are thus held once, plus a half-size copy in search order, not twice. Buffers are kept
 * between builds: a build allocates only when the system has grown.
 */
public final class CellListPairFinder implements PairFinder {
    /** Target bin thickness along a and b, in units of the list cutoff. */
    private static final double BIN_FRACTION = 0.5;
    /** Target bin thickness along c (the row direction), in units of the list cutoff. */
    private static final double C_FRACTION = 0.125;
    /** A list array grows to its need plus 1/LIST_SLACK, so small fluctuations do not reallocate. */
    private static final int LIST_SLACK = 32;
    /**
     * A code is (row &lt;&lt; ROW_SHIFT) + place in the row when rows are shorter than 1 &lt;&lt; ROW_SHIFT
     * (compact); otherwise two chars holding the sorted position (wide, for extreme clustering).
     */
    private static final int ROW_SHIFT = 10;

    private final WorkerPool pool;
    private final Slice[] slices;

    // Bin grid and the atoms sorted into it (counting sort).
    private final int[] nb = new int[3];
    private final double[] lo = new double[3];
    private final double[] invBinWidth = new double[3];
    /** Cartesian-to-fractional matrix of the current cell (row-major), as Box.toFractional uses. */
    private final double[] inv = new double[9];
    private final double[] span = new double[3];
    private final double[] scratch = new double[3];
    private int[] binOf = new int[0];
    /** First sorted position of each bin, nBins + 1 (during the sort: the fill cursor of each bin). */
    private int[] binStart = new int[1];
    private int[] sortedIndex = new int[0];
    private double[] sortedX = new double[0];
    /** Half-pair key of each sorted atom: local i keeps j iff key[j] > 2 i (see {@link #halfKey}). */
    private int[] sortedKey = new int[0];
    /** Sorted positions of the local atoms, in bin order. */
    private int[] localOrder = new int[0];

    // Stencil rows: bin offsets (da, db, dcLo..dcHi); rebuilt only when the cell or the bins change.
    private int rows;
    private int[] rowDa = new int[0];
    private int[] rowDb = new int[0];
    private int[] rowDcLo = new int[0];
    private int[] rowDcHi = new int[0];
    /** Bin-index offsets of each row's first bin and of the bin after its last. */
    private int[] rowLo = new int[0];
    private int[] rowHi = new int[0];
    /** How far the stencil reaches below and above a bin along each axis. */
    private final int[] reachBelow = new int[3];
    private final int[] reachAbove = new int[3];
    private Box stencilBox;
    private double stencilCutoff;
    private final int[] stencilNb = new int[3];

    // The lists handed to the NeighborList (CSR), reused between builds.
    private int[] halfStart = new int[1];
    private int[] fullStart = new int[1];
    private int[] half = new int[0];
    private int[] full = new int[0];

    // State of the build in progress, read by the prebuilt parallel tasks (no lambda per build).
    private NeighborList current;
    private double rc2;
    private boolean wantHalf;
    private boolean wantFull;
    /** Codes are two chars (the sorted position) rather than one (row and place); see ROW_SHIFT. */
    private boolean wide;
    /** Most atoms in one bin, from the last sort. */
    private int maxBinCount;
    private final WorkerPool.Task binTask = this::binSlice;
    private final WorkerPool.Task searchTask = this::searchSlice;
    private final WorkerPool.Task gatherTask = this::gatherSlice;

    public CellListPairFinder(WorkerPool pool) {
        this.pool = pool;
        this.slices = new Slice[pool.threads()];
        for (int t = 0; t < slices.length; t++) {
            slices[t] = new Slice();
        }
    }

    /**
     * One thread's scratch: the codes of its atoms' neighbours in search order (the full list when
     * both lists are made, the half list being the part with a larger half key), and the row ranges
     * of the current bin.
     */
    private static final class Slice {
        char[] codes = new char[0];
        int size;
        int[] rowFrom = new int[0];
        int[] rowTo = new int[0];
        int rowCount;
        int room;
    }

    @Override
    public void findPairs(NeighborList nl) {
        Box box = nl.box();
        if (box == null) {
            throw new IllegalStateException("the neighbour list has no cell: call build, not findPairs");
        }
        double rl = nl.listCutoff();
        int nLocal = nl.nLocal;
        current = nl;
        rc2 = rl * rl;
        wantHalf = nl.wantsHalf();
        wantFull = nl.wantsFull();
        if (!wantHalf && !wantFull) {
            current = null;
            return;
        }
        try {
            setUpBins(box, rl, nl.nAll);
            sortIntoBins(nl);
            if (wantHalf && halfStart.length < nLocal + 1) {
                halfStart = new int[nLocal + 1];
            }
            if (wantFull && fullStart.length < nLocal + 1) {
                fullStart = new int[nLocal + 1];
            }
            // A row spans at most maxRowBins bins: compact codes fit when it cannot hold more atoms.
            int maxRowBins = 0;
            for (int r = 0; r < rows; r++) {
                maxRowBins = Math.max(maxRowBins, rowDcHi[r] - rowDcLo[r] + 1);
            }
            wide = rows > 1 << (16 - ROW_SHIFT) || (long) maxBinCount * maxRowBins > 1 << ROW_SHIFT;
            // First guess of each slice's codes: the neighbours of a uniform system (plus 1/16), so
            // that the first build of a large system does not leave a trail of discarded buffers.
            double perAtom = nLocal / box.volume() * 4.0 / 3.0 * Math.PI * rl * rl * rl
                    * (wantFull ? 1.0 : 0.5) * (wide ? 2 : 1);
            for (int t = 0; t < slices.length; t++) {
                Slice s = slices[t];
                int atoms = WorkerPool.sliceStart(nLocal, t + 1, slices.length) - WorkerPool.sliceStart(nLocal, t, slices.length);
                long guess = (long) (1.0625 * atoms * perAtom) + 1024;
                if (s.codes.length < guess && guess < Integer.MAX_VALUE - 16) {
                    s.codes = null;
                    s.codes = new char[(int) guess];
                }
                if (s.rowFrom.length < rows) {
                    s.rowFrom = new int[rows];
                    s.rowTo = new int[rows];
                }
            }
            pool.run(searchTask);
            // The search left each atom's count in start[i]; turn counts into offsets.
            int hTotal = wantHalf ? toOffsets(halfStart, nLocal) : 0;
            int fTotal = wantFull ? toOffsets(fullStart, nLocal) : 0;
            // The old list is garbage from here on: drop every reference before allocating a larger
            // one, so that the collector may reuse its memory for the new one.
            if (wantHalf && half.length < hTotal) {
                half = null;
                nl.setHalf(null, null);
                half = new int[hTotal + hTotal / LIST_SLACK];
            }
            if (wantFull && full.length < fTotal) {
                full = null;
                nl.setFull(null, null);
                full = new int[fTotal + fTotal / LIST_SLACK];
            }
            pool.run(gatherTask);
        } finally {
            current = null;
        }
        if (wantHalf) {
            nl.setHalf(halfStart, half);
        }
        if (wantFull) {
            nl.setFull(fullStart, full);
        }
    }

    /** Whether the last build used wide codes (for tests). */
    boolean usedWideCodes() {
        return wide;
    }

    private static int toOffsets(int[] start, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            int c = start[i];
            start[i] = sum;
            sum += c;
        }
        start[n] = sum;
        return sum;
    }

    /**
     * Chooses the bin counts (bins at least BIN_FRACTION * cutoff thick, but not vastly more bins than
     * atoms) and rebuilds the stencil if the cell, the cutoff or the bin counts changed.
     */
    private void setUpBins(Box box, double rl, int nAll) {
        double[] w = box.perpendicularWidths();
        box.toFractional(1, 0, 0, scratch);
        inv[0] = scratch[0];
        inv[3] = scratch[1];
        inv[6] = scratch[2];
        box.toFractional(0, 1, 0, scratch);
        inv[1] = scratch[0];
        inv[4] = scratch[1];
        inv[7] = scratch[2];
        box.toFractional(0, 0, 1, scratch);
        inv[2] = scratch[0];
        inv[5] = scratch[1];
        inv[8] = scratch[2];
        for (int k = 0; k < 3; k++) {
            double pad = rl / w[k];
            lo[k] = -pad;
            span[k] = 1 + 2 * pad;
        }
        long maxBins = 8L * nAll + 64;
        double thickness = BIN_FRACTION * rl;
        while (true) {
            long total = 1;
            for (int k = 0; k < 3; k++) {
                double tk = k == 2 ? thickness * C_FRACTION / BIN_FRACTION : thickness;
                nb[k] = (int) Math.max(1, Math.min(1 << 20, Math.floor(span[k] * w[k] / tk)));
                total *= nb[k];
            }
            if (total <= maxBins) {
                break;
            }
            thickness *= 1.25;
        }
        for (int k = 0; k < 3; k++) {
            invBinWidth[k] = nb[k] / span[k];
        }
        if (!box.equals(stencilBox) || rl != stencilCutoff || !Arrays.equals(nb, stencilNb)) {
            buildStencil(box, rl, w);
            stencilBox = box;
            stencilCutoff = rl;
            System.arraycopy(nb, 0, stencilNb, 0, 3);
        }
    }

    /**
     * Keeps every bin offset d whose bins can hold two points within the cutoff: the fractional
     * difference of such points lies in the box ((d - 1) h, (d + 1) h), and the offset stays when the
     * shortest Cartesian vector of that box is shorter than the cutoff (plus a round-off margin, since
     * binning in fractional coordinates can misplace an atom sitting on a bin face by one bin).
     */
    private void buildStencil(Box box, double rl, double[] w) {
        double[] g = new double[9];
        double scale = 0;
        for (int k = 0; k < 3; k++) {
            for (int l = 0; l < 3; l++) {
                double dot = 0;
                for (int c = 0; c < 3; c++) {
                    dot += box.vectorComponent(k, c) * box.vectorComponent(l, c);
                }
                g[3 * k + l] = dot;
            }
            scale += Math.sqrt(g[4 * k]) * span[k];
        }
        double reachCut = rl * (1 + 1e-9) + 1e-12 * scale;
        double reachCut2 = reachCut * reachCut;
        double[] h = new double[3];
        int[] reach = new int[3];
        for (int k = 0; k < 3; k++) {
            h[k] = span[k] / nb[k];
            // Bins d apart along k are separated by at least (d - 1) h w in Cartesian distance.
            reach[k] = Math.min(nb[k] - 1, (int) Math.ceil(reachCut / (h[k] * w[k])));
        }
        int maxRows = (2 * reach[0] + 1) * (2 * reach[1] + 1);
        if (rowDa.length < maxRows) {
            rowDa = new int[maxRows];
            rowDb = new int[maxRows];
            rowDcLo = new int[maxRows];
            rowDcHi = new int[maxRows];
            rowLo = new int[maxRows];
            rowHi = new int[maxRows];
        }
        double[] bLo = new double[3];
        double[] bHi = new double[3];
        rows = 0;
        for (int da = -reach[0]; da <= reach[0]; da++) {
            for (int db = -reach[1]; db <= reach[1]; db++) {
                // Along a line of offsets the minimum distance is convex, so the kept ones are a range.
                int first = Integer.MAX_VALUE;
                int last = Integer.MIN_VALUE;
                for (int dc = -reach[2]; dc <= reach[2]; dc++) {
                    int[] d = {da, db, dc};
                    for (int k = 0; k < 3; k++) {
                        bLo[k] = (d[k] - 1) * h[k];
                        bHi[k] = (d[k] + 1) * h[k];
                    }
                    if (minNorm2(g, bLo, bHi) < reachCut2) {
                        first = Math.min(first, dc);
                        last = Math.max(last, dc);
                    }
                }
                if (first <= last) {
                    rowDa[rows] = da;
                    rowDb[rows] = db;
                    rowDcLo[rows] = first;
                    rowDcHi[rows] = last;
                    rowLo[rows] = (da * nb[1] + db) * nb[2] + first;
                    rowHi[rows] = (da * nb[1] + db) * nb[2] + last + 1;
                    rows++;
                }
            }
        }
        int[][] d = {rowDa, rowDb, rowDcLo, rowDcHi};
        for (int k = 0; k < 3; k++) {
            reachBelow[k] = 0;
            reachAbove[k] = 0;
            for (int r = 0; r < rows; r++) {
                reachBelow[k] = Math.max(reachBelow[k], -d[k][r]);
                reachAbove[k] = Math.max(reachAbove[k], d[k == 2 ? 3 : k][r]);
            }
        }
    }

    /**
     * Minimum of s.G.s over the box lo &lt;= s &lt;= hi (G positive definite). The minimiser lies in the
     * relative interior of some face of the box, where it is the unconstrained minimiser on that face's
     * affine hull; so the minimum over all such candidates that fall inside their face is exact.
     */
    static double minNorm2(double[] g, double[] lo, double[] hi) {
        if (lo[0] <= 0 && hi[0] >= 0 && lo[1] <= 0 && hi[1] >= 0 && lo[2] <= 0 && hi[2] >= 0) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        double[] s = new double[3];
        for (int k = 0; k < 3; k++) {
            int p = (k + 1) % 3;
            int q = (k + 2) % 3;
            double gpp = g[4 * p];
            double gqq = g[4 * q];
            double gpq = g[3 * p + q];
            double det = gpp * gqq - gpq * gpq;
            for (int side = 0; side < 2; side++) {
                double sk = side == 0 ? lo[k] : hi[k];
                // Faces with s_k fixed: solve the 2x2 system for the free coordinates p, q.
                double rp = -g[3 * p + k] * sk;
                double rq = -g[3 * q + k] * sk;
                double sp = (rp * gqq - gpq * rq) / det;
                double sq = (gpp * rq - gpq * rp) / det;
                if (sp >= lo[p] && sp <= hi[p] && sq >= lo[q] && sq <= hi[q]) {
                    s[k] = sk;
                    s[p] = sp;
                    s[q] = sq;
                    best = Math.min(best, quad(g, s));
                }
                // Edges with s_k and s_q fixed and s_p free (clamping also covers the corners).
                for (int side2 = 0; side2 < 2; side2++) {
                    double sq2 = side2 == 0 ? lo[q] : hi[q];
                    double free = -(g[3 * p + k] * sk + g[3 * p + q] * sq2) / gpp;
                    s[k] = sk;
                    s[q] = sq2;
                    s[p] = Math.max(lo[p], Math.min(hi[p], free));
                    best = Math.min(best, quad(g, s));
                }
            }
        }
        return best;
    }

    private static double quad(double[] g, double[] s) {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            for (int l = 0; l < 3; l++) {
                sum += s[k] * g[3 * k + l] * s[l];
            }
        }
        return sum;
    }

    /** Bins all atoms (locals and ghosts) with a counting sort; copies positions into bin order. */
    private void sortIntoBins(NeighborList nl) {
        int nAll = nl.nAll;
        int nLocal = nl.nLocal;
        int nBins = nb[0] * nb[1] * nb[2];
        if (binOf.length < nAll) {
            int cap = nAll + nAll / 32 + 16;
            binOf = null;
            sortedIndex = null;
            sortedKey = null;
            sortedX = null;
            binOf = new int[cap];
            sortedIndex = new int[cap];
            sortedKey = new int[cap];
            sortedX = new double[3 * cap];
        }
        if (localOrder.length < nLocal) {
            localOrder = new int[nLocal];
        }
        if (binStart.length < nBins + 1) {
            binStart = new int[nBins + 1];
        }
        double[] x = nl.x;
        pool.run(binTask);
        // Counting sort in one array: counts, then each bin's end, then filling backwards leaves each
        // bin's start (walking j backwards keeps the atoms of a bin in increasing index order).
        Arrays.fill(binStart, 0, nBins + 1, 0);
        for (int j = 0; j < nAll; j++) {
            binStart[binOf[j]]++;
        }
        int sum = 0;
        int most = 0;
        for (int b = 0; b < nBins; b++) {
            most = Math.max(most, binStart[b]);
            sum += binStart[b];
            binStart[b] = sum;
        }
        maxBinCount = most;
        binStart[nBins] = sum;
        for (int j = nAll - 1; j >= 0; j--) {
            int k = --binStart[binOf[j]];
            sortedIndex[k] = j;
            sortedKey[k] = halfKey(nl, j);
            sortedX[3 * k] = x[3 * j];
            sortedX[3 * k + 1] = x[3 * j + 1];
            sortedX[3 * k + 2] = x[3 * j + 2];
        }
        int p = 0;
        for (int k = 0; k < nAll; k++) {
            if (sortedIndex[k] < nLocal) {
                localOrder[p++] = k;
            }
        }
    }

    private void binSlice(int t, int threads) {
        int nAll = current.nAll;
        double[] x = current.x;
        int end = WorkerPool.sliceStart(nAll, t + 1, threads);
        for (int j = WorkerPool.sliceStart(nAll, t, threads); j < end; j++) {
            double px = x[3 * j];
            double py = x[3 * j + 1];
            double pz = x[3 * j + 2];
            int a = binIndex(inv[0] * px + inv[1] * py + inv[2] * pz, 0, j);
            int b = binIndex(inv[3] * px + inv[4] * py + inv[5] * pz, 1, j);
            int c = binIndex(inv[6] * px + inv[7] * py + inv[8] * pz, 2, j);
            binOf[j] = (a * nb[1] + b) * nb[2] + c;
        }
    }

    /** Bin along axis k of fractional coordinate s; round-off may put a ghost a hair outside the grid. */
    private int binIndex(double s, int k, int atom) {
        double u = (s - lo[k]) * invBinWidth[k];
        if (!(u > -1e-6 && u < nb[k] * (1 + 1e-9) + 1e-6)) {
            throw new IllegalStateException("atom " + (atom + 1) + " (fractional " + s
                    + ") lies outside the ghost region: positions changed after the ghosts were made");
        }
        int i = (int) Math.floor(u);
        return i < 0 ? 0 : i >= nb[k] ? nb[k] - 1 : i;
    }

    /**
     * {@link NeighborList#isHalfPair} as one integer compare: local i keeps j iff key(j) &gt; 2 i, with key
     * = 2 owner, plus 1 for a ghost whose image shift is lexicographically positive.
     */
    private static int halfKey(NeighborList nl, int j) {
        int o = nl.owner[j];
        if (j < nl.nLocal) {
            return 2 * o;
        }
        int a = nl.image[3 * j];
        int b = nl.image[3 * j + 1];
        int c = nl.image[3 * j + 2];
        boolean positive = a > 0 || (a == 0 && (b > 0 || (b == 0 && c > 0)));
        return 2 * o + (positive ? 1 : 0);
    }

    /** Thread t's part of the bin-ordered local atoms: their neighbour codes, and their counts in start[i]. */
    private void searchSlice(int t, int threads) {
        int nLocal = current.nLocal;
        Slice out = slices[t];
        out.size = 0;
        int lastBin = -1;
        int end = WorkerPool.sliceStart(nLocal, t + 1, threads);
        for (int p = WorkerPool.sliceStart(nLocal, t, threads); p < end; p++) {
            int k = localOrder[p];
            int i = sortedIndex[k];
            int bin = binOf[i];
            if (bin != lastBin) {
                rowRanges(bin, out);
                lastBin = bin;
            }
            // Split from this method on purpose: this loop runs once per build, so the JIT only
            // compiles it on-stack, which optimises inner loops badly; atomCodes gets fully compiled.
            atomCodes(out, k, i);
        }
    }

    /** The contiguous runs of sorted atoms that the stencil rows cover around a bin. */
    private void rowRanges(int bin, Slice out) {
        int nbA = nb[0];
        int nbB = nb[1];
        int nbC = nb[2];
        int ci = bin % nbC;
        int bi = (bin / nbC) % nbB;
        int ai = bin / (nbC * nbB);
        int count = 0;
        int room = 0;
        if (ai >= reachBelow[0] && ai + reachAbove[0] < nbA && bi >= reachBelow[1] && bi + reachAbove[1] < nbB
                && ci >= reachBelow[2] && ci + reachAbove[2] < nbC) {
            // Every row lies inside the grid: no clipping (the common case for local atoms).
            int[] lo = rowLo;
            int[] hi = rowHi;
            int[] start = binStart;
            int[] from = out.rowFrom;
            int[] to = out.rowTo;
            for (int r = 0; r < rows; r++) {
                int k0 = start[bin + lo[r]];
                int k1 = start[bin + hi[r]];
                from[count] = k0;
                to[count] = k1;
                count += k0 < k1 ? 1 : 0;
                room += k1 - k0;
            }
            out.rowCount = count;
            out.room = room;
            return;
        }
        for (int r = 0; r < rows; r++) {
            int a = ai + rowDa[r];
            int b = bi + rowDb[r];
            if (a < 0 || a >= nbA || b < 0 || b >= nbB) {
                continue;
            }
            int c0 = Math.max(0, ci + rowDcLo[r]);
            int c1 = Math.min(nbC - 1, ci + rowDcHi[r]);
            if (c0 > c1) {
                continue;
            }
            int base = (a * nbB + b) * nbC;
            int k0 = binStart[base + c0];
            int k1 = binStart[base + c1 + 1];
            if (k0 < k1) {
                out.rowFrom[count] = k0;
                out.rowTo[count] = k1;
                count++;
                room += k1 - k0;
            }
        }
        out.rowCount = count;
        out.room = room;
    }

    /**
     * Appends the codes of the neighbours of local atom i (sorted position k) to the slice's buffer and
     * stores its list lengths in halfStart[i], fullStart[i].
     */
    private void atomCodes(Slice out, int k, int i) {
        double[] xs = sortedX;
        double xi = xs[3 * k];
        double yi = xs[3 * k + 1];
        double zi = xs[3 * k + 2];
        double rc2 = this.rc2;
        int[] from = out.rowFrom;
        int[] to = out.rowTo;
        int rowCount = out.rowCount;
        int n0 = out.size;
        // Room for all candidates first, so the scans store unconditionally and only advance the
        // count: no hard-to-predict branch on the distance test.
        int room = wide ? 2 * out.room : out.room;
        if (out.codes.length - n0 < room) {
            out.codes = Arrays.copyOf(out.codes, Math.max(n0 + room + 256, n0 + n0 / 4));
        }
        char[] c = out.codes;
        int n = n0;
        if (wantFull) {
            int halves = 0;
            for (int r = 0; r < rowCount; r++) {
                long both = wide ? scanFullWide(xs, sortedKey, from[r], to[r], xi, yi, zi, rc2, k, 2 * i, c, n)
                        : scanFull(xs, sortedKey, from[r], to[r], xi, yi, zi, rc2, k, 2 * i, (r << ROW_SHIFT) - from[r], c, n);
                n = (int) both;
                halves += (int) (both >>> 32);
            }
            fullStart[i] = wide ? (n - n0) / 2 : n - n0;
            if (wantHalf) {
                halfStart[i] = halves;
            }
        } else if (wantHalf) {
            for (int r = 0; r < rowCount; r++) {
                n = wide ? scanHalfWide(xs, sortedKey, from[r], to[r], xi, yi, zi, rc2, 2 * i, c, n)
                        : scanHalf(xs, sortedKey, from[r], to[r], xi, yi, zi, rc2, 2 * i, (r << ROW_SHIFT) - from[r], c, n);
            }
            halfStart[i] = wide ? (n - n0) / 2 : n - n0;
        }
        out.size = n;
    }

    /**
     * Codes (base + k) of sorted atoms k0..k1-1 within the cutoff of (xi, yi, zi), except the centre
     * (sorted position self), appended at n. Returns the new n in the low word and, in the high word,
     * how many of them belong in the half list (key above 2 i).
     */
    private static long scanFull(double[] xs, int[] key, int k0, int k1, double xi, double yi, double zi,
            double rc2, int self, int twoI, int base, char[] codes, int n) {
        int halves = 0;
        for (int k = k0; k < k1; k++) {
            double dx = xs[3 * k] - xi;
            double dy = xs[3 * k + 1] - yi;
            double dz = xs[3 * k + 2] - zi;
            boolean in = dx * dx + dy * dy + dz * dz < rc2;
            codes[n] = (char) (base + k);
            n += in & k != self ? 1 : 0;
            halves += in & key[k] > twoI ? 1 : 0;
        }
        return (long) halves << 32 | n;
    }

    /** As scanFull, keeping only the half-list copy of each pair (key above 2 i); returns the new n. */
    private static int scanHalf(double[] xs, int[] key, int k0, int k1, double xi, double yi, double zi,
            double rc2, int twoI, int base, char[] codes, int n) {
        for (int k = k0; k < k1; k++) {
            double dx = xs[3 * k] - xi;
            double dy = xs[3 * k + 1] - yi;
            double dz = xs[3 * k + 2] - zi;
            codes[n] = (char) (base + k);
            n += dx * dx + dy * dy + dz * dz < rc2 & key[k] > twoI ? 1 : 0;
        }
        return n;
    }

    /** scanFull with wide codes: the sorted position in two chars. */
    private static long scanFullWide(double[] xs, int[] key, int k0, int k1, double xi, double yi, double zi,
            double rc2, int self, int twoI, char[] codes, int n) {
        int halves = 0;
        for (int k = k0; k < k1; k++) {
            double dx = xs[3 * k] - xi;
            double dy = xs[3 * k + 1] - yi;
            double dz = xs[3 * k + 2] - zi;
            boolean in = dx * dx + dy * dy + dz * dz < rc2;
            codes[n] = (char) (k >>> 16);
            codes[n + 1] = (char) k;
            n += in & k != self ? 2 : 0;
            halves += in & key[k] > twoI ? 1 : 0;
        }
        return (long) halves << 32 | n;
    }

    /** scanHalf with wide codes: the sorted position in two chars. */
    private static int scanHalfWide(double[] xs, int[] key, int k0, int k1, double xi, double yi, double zi,
            double rc2, int twoI, char[] codes, int n) {
        for (int k = k0; k < k1; k++) {
            double dx = xs[3 * k] - xi;
            double dy = xs[3 * k + 1] - yi;
            double dz = xs[3 * k + 2] - zi;
            codes[n] = (char) (k >>> 16);
            codes[n + 1] = (char) k;
            n += dx * dx + dy * dy + dz * dz < rc2 & key[k] > twoI ? 2 : 0;
        }
        return n;
    }

    /**
     * Decodes thread t's codes, in its search order, into the CSR lists by atom index. Each atom's rows
     * are those of its bin again, so a code's row and place give the sorted position.
     */
    private void gatherSlice(int t, int threads) {
        int nLocal = current.nLocal;
        Slice s = slices[t];
        char[] c = s.codes;
        int[] idx = sortedIndex;
        int[] key = sortedKey;
        int[] from = s.rowFrom;
        int q = 0;
        int lastBin = -1;
        int end = WorkerPool.sliceStart(nLocal, t + 1, threads);
        for (int p = WorkerPool.sliceStart(nLocal, t, threads); p < end; p++) {
            int i = sortedIndex[localOrder[p]];
            int bin = binOf[i];
            if (bin != lastBin && !wide) {
                rowRanges(bin, s);
                lastBin = bin;
            }
            int mask = (1 << ROW_SHIFT) - 1;
            if (wantFull) {
                int fp = fullStart[i];
                int fEnd = fullStart[i + 1];
                int hp = wantHalf ? halfStart[i] : 0;
                int twoI = 2 * i;
                for (; fp < fEnd; fp++) {
                    int k;
                    if (wide) {
                        k = c[q] << 16 | c[q + 1];
                        q += 2;
                    } else {
                        int code = c[q++];
                        k = from[code >>> ROW_SHIFT] + (code & mask);
                    }
                    int j = idx[k];
                    full[fp] = j;
                    if (wantHalf && key[k] > twoI) {
                        half[hp++] = j;
                    }
                }
            } else {
                int hEnd = halfStart[i + 1];
                for (int hp = halfStart[i]; hp < hEnd; hp++) {
                    int k;
                    if (wide) {
                        k = c[q] << 16 | c[q + 1];
                        q += 2;
                    } else {
                        int code = c[q++];
                        k = from[code >>> ROW_SHIFT] + (code & mask);
                    }
                    half[hp] = idx[k];
                }
            }
        }
    }
}

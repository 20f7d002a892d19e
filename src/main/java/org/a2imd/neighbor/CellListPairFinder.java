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
 * and atoms sharing a bin share its row ranges. Each thread takes a contiguous part of that order and
 * writes its atoms' lists, one after the other, straight into its own region of the shared list array
 * (the lists are therefore in search order, each atom's contiguous, and the NeighborList gives each
 * atom's start and end). The list is thus held once, with no copy in search order. A region too small
 * for its thread's lists is detected exactly (the thread goes on counting), and the search is repeated
 * with regions of the counted sizes: that happens on the first build at most, or when the system
 * grows denser. Buffers are kept between builds.
 */
public final class CellListPairFinder implements PairFinder {
    /** Target bin thickness along a and b, in units of the list cutoff. */
    private static final double BIN_FRACTION = 0.5;
    /** Target bin thickness along c (the row direction), in units of the list cutoff. */
    private static final double C_FRACTION = 0.125;
    /** A region grown after an overflow gets its need plus 1/LIST_SLACK, so small fluctuations fit. */
    private static final int LIST_SLACK = 32;

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

    // The lists handed to the NeighborList, reused between builds: atom i's neighbours are
    // items[start[i] .. end[i]).
    private final Lists halfLists = new Lists();
    private final Lists fullLists = new Lists();

    // State of the build in progress, read by the prebuilt parallel tasks (no lambda per build).
    private NeighborList current;
    private double rc2;
    private boolean wantHalf;
    private boolean wantFull;
    /** Searches run in this build (2 when a region overflowed), for tests. */
    private int searches;
    private final WorkerPool.Task binTask = this::binSlice;
    private final WorkerPool.Task searchTask = this::searchSlice;

    public CellListPairFinder(WorkerPool pool) {
        this.pool = pool;
        this.slices = new Slice[pool.threads()];
        for (int t = 0; t < slices.length; t++) {
            slices[t] = new Slice();
        }
    }

    /** One list kind (half or full): per-atom bounds and the shared array of neighbour indices. */
    private static final class Lists {
        int[] start = new int[0];
        int[] end = new int[0];
        int[] items = new int[0];
    }

    /**
     * One thread's scratch: its regions of the half and full arrays, where the next list goes, and
     * the row ranges of the current bin.
     */
    private static final class Slice {
        /** Region capacities (0: not sized yet) and bounds in the shared arrays. */
        int halfCap;
        int fullCap;
        int halfFrom;
        int fullFrom;
        /** Next free place; past the region's end once it overflowed (then it only counts). */
        int halfNext;
        int fullNext;
        /** Lists that did not fit in place: counted here and copied when they fit. */
        int[] halfSpill = new int[0];
        int[] fullSpill = new int[0];
        int[] rowFrom = new int[0];
        int[] rowTo = new int[0];
        int rowCount;
        int room;

        int halfNeed() {
            return halfNext - halfFrom;
        }

        int fullNeed() {
            return fullNext - fullFrom;
        }
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
            if (wantHalf) {
                sizeBounds(halfLists, nLocal);
            }
            if (wantFull) {
                sizeBounds(fullLists, nLocal);
            }
            // First guess of a region: the neighbours of a uniform system (plus 1/16), so that the
            // first build of a large system rarely searches twice or leaves a discarded array.
            double perAtom = nLocal / box.volume() * 4.0 / 3.0 * Math.PI * rl * rl * rl;
            for (int t = 0; t < slices.length; t++) {
                Slice s = slices[t];
                int atoms = WorkerPool.sliceStart(nLocal, t + 1, slices.length) - WorkerPool.sliceStart(nLocal, t, slices.length);
                if (wantHalf && s.halfCap == 0) {
                    s.halfCap = guess(atoms, 0.5 * perAtom);
                }
                if (wantFull && s.fullCap == 0) {
                    s.fullCap = guess(atoms, perAtom);
                }
                if (s.rowFrom.length < rows) {
                    s.rowFrom = new int[rows];
                    s.rowTo = new int[rows];
                }
            }
            searches = 0;
            while (true) {
                layOutRegions(nl);
                pool.run(searchTask);
                searches++;
                boolean fits = true;
                for (Slice s : slices) {
                    if (wantHalf && s.halfNeed() > s.halfCap) {
                        s.halfCap = grown(s.halfNeed());
                        fits = false;
                    }
                    if (wantFull && s.fullNeed() > s.fullCap) {
                        s.fullCap = grown(s.fullNeed());
                        fits = false;
                    }
                }
                if (fits) {
                    break;
                }
            }
        } finally {
            current = null;
        }
        if (wantHalf) {
            nl.setHalf(halfLists.start, halfLists.end, halfLists.items);
        }
        if (wantFull) {
            nl.setFull(fullLists.start, fullLists.end, fullLists.items);
        }
    }

    private static int guess(int atoms, double perAtom) {
        return (int) Math.min(Integer.MAX_VALUE / 2, (long) (1.0625 * atoms * perAtom) + 1024);
    }

    private static int grown(int need) {
        long cap = (long) need + need / LIST_SLACK + 64;
        if (cap > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("neighbour list of one thread exceeds 2^31 entries: use more threads or a smaller system");
        }
        return (int) cap;
    }

    private static void sizeBounds(Lists lists, int nLocal) {
        if (lists.start.length < nLocal) {
            lists.start = new int[nLocal];
            lists.end = new int[nLocal];
        }
    }

    /** Places the slices' regions one after the other, growing the shared arrays when they do not fit. */
    private void layOutRegions(NeighborList nl) {
        long halfTotal = 0;
        long fullTotal = 0;
        for (Slice s : slices) {
            s.halfFrom = (int) halfTotal;
            s.fullFrom = (int) fullTotal;
            halfTotal += wantHalf ? s.halfCap : 0;
            fullTotal += wantFull ? s.fullCap : 0;
        }
        if (halfTotal > Integer.MAX_VALUE - 16 || fullTotal > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("neighbour list exceeds 2^31 entries");
        }
        // The old list is garbage from here on: drop every reference before allocating a larger one,
        // so that the collector may reuse its memory for the new one.
        if (wantHalf && halfLists.items.length < halfTotal) {
            halfLists.items = null;
            nl.setHalf(null, null, null);
            halfLists.items = new int[(int) halfTotal];
        }
        if (wantFull && fullLists.items.length < fullTotal) {
            fullLists.items = null;
            nl.setFull(null, null, null);
            fullLists.items = new int[(int) fullTotal];
        }
    }

    /** Searches made by the last build: 1, or 2 when a thread's region was too small (for tests). */
    int searchesInLastBuild() {
        return searches;
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
        for (int b = 0; b < nBins; b++) {
            sum += binStart[b];
            binStart[b] = sum;
        }
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

    /** Thread t's part of the bin-ordered local atoms: their lists, written into its regions. */
    private void searchSlice(int t, int threads) {
        int nLocal = current.nLocal;
        Slice out = slices[t];
        out.halfNext = out.halfFrom;
        out.fullNext = out.fullFrom;
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
            // compiles it on-stack, which optimises inner loops badly; atomLists gets fully compiled.
            atomLists(out, k, i);
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
     * Writes the lists of local atom i (sorted position k) at the slice's next places and records
     * their bounds. The scans store every candidate and advance only past neighbours (no
     * hard-to-predict branch), so they need room for all candidates: when the region has less, the
     * list goes to the spill buffer first and is copied if it fits, else only counted.
     */
    private void atomLists(Slice out, int k, int i) {
        double[] xs = sortedX;
        double xi = xs[3 * k];
        double yi = xs[3 * k + 1];
        double zi = xs[3 * k + 2];
        double rc2 = this.rc2;
        int[] from = out.rowFrom;
        int[] to = out.rowTo;
        int rowCount = out.rowCount;
        int room = out.room;
        int[] idx = sortedIndex;
        int[] key = sortedKey;
        int twoI = 2 * i;
        int[] hList = null;
        int h = 0;
        int h0 = 0;
        int hStart = 0;
        if (wantHalf) {
            h0 = out.halfNext;
            if (h0 + (long) room <= out.halfFrom + (long) out.halfCap) {
                hList = halfLists.items;
                h = h0;
                hStart = h0;
            } else {
                if (out.halfSpill.length < room) {
                    out.halfSpill = new int[room + room / 4];
                }
                hList = out.halfSpill;
            }
        }
        if (wantFull) {
            int f0 = out.fullNext;
            int[] fList;
            int f;
            if (f0 + (long) room <= out.fullFrom + (long) out.fullCap) {
                fList = fullLists.items;
                f = f0;
            } else {
                if (out.fullSpill.length < room) {
                    out.fullSpill = new int[room + room / 4];
                }
                fList = out.fullSpill;
                f = 0;
            }
            int fStart = f;
            for (int r = 0; r < rowCount; r++) {
                long both = wantHalf
                        ? scanBoth(xs, key, idx, from[r], to[r], xi, yi, zi, rc2, k, twoI, fList, f, hList, h)
                        : scanFull(xs, idx, from[r], to[r], xi, yi, zi, rc2, k, fList, f);
                f = (int) both;
                h = (int) (both >>> 32);
            }
            out.fullNext = place(fullLists, fList, fStart, f, f0, out.fullFrom + out.fullCap, i);
        } else {
            for (int r = 0; r < rowCount; r++) {
                h = scanHalf(xs, key, idx, from[r], to[r], xi, yi, zi, rc2, twoI, hList, h);
            }
        }
        if (wantHalf) {
            out.halfNext = place(halfLists, hList, hStart, h, h0, out.halfFrom + out.halfCap, i);
        }
    }

    /**
     * Records atom i's list, written to {@code list[from .. to)}: in place when list is the shared
     * array, else (a spill buffer, from 0) copied to {@code next} when it fits before {@code limit}.
     * Returns the next free place, which keeps counting past the limit once a list did not fit.
     */
    private static int place(Lists lists, int[] list, int from, int to, int next, int limit, int i) {
        int count = to - from;
        if (list != lists.items && next + (long) count <= limit) {
            System.arraycopy(list, 0, lists.items, next, count);
        }
        lists.start[i] = next;
        lists.end[i] = next + count;
        return next + count;
    }

    /**
     * Indices of sorted atoms k0..k1-1 within the cutoff of (xi, yi, zi), except the centre (sorted
     * position self), written at n; returns the new n.
     */
    private static int scanFull(double[] xs, int[] idx, int k0, int k1, double xi, double yi, double zi,
            double rc2, int self, int[] list, int n) {
        for (int k = k0; k < k1; k++) {
            double dx = xs[3 * k] - xi;
            double dy = xs[3 * k + 1] - yi;
            double dz = xs[3 * k + 2] - zi;
            list[n] = idx[k];
            n += dx * dx + dy * dy + dz * dz < rc2 & k != self ? 1 : 0;
        }
        return n;
    }

    /** As scanFull, keeping only the half-list copy of each pair (key above 2 i); returns the new n. */
    private static int scanHalf(double[] xs, int[] key, int[] idx, int k0, int k1, double xi, double yi, double zi,
            double rc2, int twoI, int[] list, int n) {
        for (int k = k0; k < k1; k++) {
            double dx = xs[3 * k] - xi;
            double dy = xs[3 * k + 1] - yi;
            double dz = xs[3 * k + 2] - zi;
            list[n] = idx[k];
            n += dx * dx + dy * dy + dz * dz < rc2 & key[k] > twoI ? 1 : 0;
        }
        return n;
    }

    /**
     * scanFull and scanHalf in one pass: full-list entries at fn, half-list ones at hn. Returns the
     * new fn in the low word and the new hn in the high word.
     */
    private static long scanBoth(double[] xs, int[] key, int[] idx, int k0, int k1, double xi, double yi, double zi,
            double rc2, int self, int twoI, int[] full, int fn, int[] half, int hn) {
        for (int k = k0; k < k1; k++) {
            double dx = xs[3 * k] - xi;
            double dy = xs[3 * k + 1] - yi;
            double dz = xs[3 * k + 2] - zi;
            boolean in = dx * dx + dy * dy + dz * dz < rc2;
            int j = idx[k];
            full[fn] = j;
            half[hn] = j;
            fn += in & k != self ? 1 : 0;
            hn += in & key[k] > twoI ? 1 : 0;
        }
        return (long) hn << 32 | fn;
    }
}

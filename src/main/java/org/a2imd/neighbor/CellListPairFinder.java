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
 * writes the lists into its own buffer; a parallel gather then puts them into CSR order by atom index.
 * Buffers are kept between builds: a build allocates only when the system has grown.
 */
public final class CellListPairFinder implements PairFinder {
    /** Target bin thickness along a and b, in units of the list cutoff. */
    private static final double BIN_FRACTION = 0.5;
    /** Target bin thickness along c (the row direction), in units of the list cutoff. */
    private static final double C_FRACTION = 0.125;

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
    private int[] binStart = new int[1];
    private int[] cursor = new int[0];
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

    /** One thread's scratch: its lists in search order, and the row ranges of the current bin. */
    private static final class Slice {
        int[] half = new int[256];
        int[] full = new int[256];
        int halfSize;
        int fullSize;
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
        try {
            setUpBins(box, rl, nl.nAll);
            sortIntoBins(nl);
            if (halfStart.length < nLocal + 1) {
                halfStart = new int[nLocal + 1];
                fullStart = new int[nLocal + 1];
            }
            for (Slice s : slices) {
                if (s.rowFrom.length < rows) {
                    s.rowFrom = new int[rows];
                    s.rowTo = new int[rows];
                }
            }
            pool.run(searchTask);
            // The search left each atom's count in start[i]; turn counts into offsets.
            int hTotal = toOffsets(halfStart, nLocal);
            int fTotal = toOffsets(fullStart, nLocal);
            if (wantHalf && half.length < hTotal) {
                half = new int[hTotal + hTotal / 8];
            }
            if (wantFull && full.length < fTotal) {
                full = new int[fTotal + fTotal / 8];
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
                    rows++;
                }
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
            int cap = nAll + nAll / 8 + 16;
            binOf = new int[cap];
            sortedIndex = new int[cap];
            sortedKey = new int[cap];
            sortedX = new double[3 * cap];
        }
        if (localOrder.length < nLocal) {
            localOrder = new int[nLocal + nLocal / 8 + 16];
        }
        if (binStart.length < nBins + 1) {
            binStart = new int[nBins + 1];
            cursor = new int[nBins];
        }
        double[] x = nl.x;
        pool.run(binTask);
        Arrays.fill(cursor, 0, nBins, 0);
        for (int j = 0; j < nAll; j++) {
            cursor[binOf[j]]++;
        }
        int sum = 0;
        for (int b = 0; b < nBins; b++) {
            binStart[b] = sum;
            sum += cursor[b];
            cursor[b] = binStart[b];
        }
        binStart[nBins] = sum;
        for (int j = 0; j < nAll; j++) {
            int k = cursor[binOf[j]]++;
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

    /** Thread t's part of the bin-ordered local atoms: their lists, and their counts in start[i]. */
    private void searchSlice(int t, int threads) {
        int nLocal = current.nLocal;
        Slice out = slices[t];
        out.halfSize = 0;
        out.fullSize = 0;
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

    /** Appends the neighbours of local atom i (sorted position k) to the slice's buffers. */
    private void atomLists(Slice out, int k, int i) {
        double[] xs = sortedX;
        int[] idx = sortedIndex;
        double xi = xs[3 * k];
        double yi = xs[3 * k + 1];
        double zi = xs[3 * k + 2];
        double rc2 = this.rc2;
        int[] from = out.rowFrom;
        int[] to = out.rowTo;
        int rowCount = out.rowCount;
        // Room for all candidates first, so the scans store unconditionally and only advance the
        // count: no hard-to-predict branch on the distance test.
        if (wantHalf && out.half.length - out.halfSize < out.room) {
            out.half = Arrays.copyOf(out.half, Math.max(2 * out.half.length, out.halfSize + out.room));
        }
        if (wantFull && out.full.length - out.fullSize < out.room) {
            out.full = Arrays.copyOf(out.full, Math.max(2 * out.full.length, out.fullSize + out.room));
        }
        if (wantHalf && wantFull) {
            int[] key = sortedKey;
            int[] h = out.half;
            int[] f = out.full;
            int hn = out.halfSize;
            int fn = out.fullSize;
            for (int r = 0; r < rowCount; r++) {
                long both = scanBoth(xs, idx, key, from[r], to[r], xi, yi, zi, rc2, i, h, hn, f, fn);
                hn = (int) (both >>> 32);
                fn = (int) both;
            }
            halfStart[i] = hn - out.halfSize;
            fullStart[i] = fn - out.fullSize;
            out.halfSize = hn;
            out.fullSize = fn;
        } else if (wantHalf) {
            int[] key = sortedKey;
            int[] h = out.half;
            int hn = out.halfSize;
            for (int r = 0; r < rowCount; r++) {
                hn = scanHalf(xs, idx, key, from[r], to[r], xi, yi, zi, rc2, 2 * i, h, hn);
            }
            halfStart[i] = hn - out.halfSize;
            out.halfSize = hn;
        } else if (wantFull) {
            int[] f = out.full;
            int fn = out.fullSize;
            for (int r = 0; r < rowCount; r++) {
                fn = scanFull(xs, idx, from[r], to[r], xi, yi, zi, rc2, i, f, fn);
            }
            fullStart[i] = fn - out.fullSize;
            out.fullSize = fn;
        }
    }

    /** Sorted atoms k0..k1-1 within the cutoff of (xi, yi, zi), except i itself, appended at n. */
    private static int scanFull(double[] xs, int[] idx, int k0, int k1, double xi, double yi, double zi,
            double rc2, int i, int[] list, int n) {
        for (int k = k0; k < k1; k++) {
            double dx = xs[3 * k] - xi;
            double dy = xs[3 * k + 1] - yi;
            double dz = xs[3 * k + 2] - zi;
            int j = idx[k];
            list[n] = j;
            n += dx * dx + dy * dy + dz * dz < rc2 & j != i ? 1 : 0;
        }
        return n;
    }

    /** As scanFull, keeping only the half-list copy of each pair (key above 2 i). */
    private static int scanHalf(double[] xs, int[] idx, int[] key, int k0, int k1, double xi, double yi,
            double zi, double rc2, int twoI, int[] list, int n) {
        for (int k = k0; k < k1; k++) {
            double dx = xs[3 * k] - xi;
            double dy = xs[3 * k + 1] - yi;
            double dz = xs[3 * k + 2] - zi;
            list[n] = idx[k];
            n += dx * dx + dy * dy + dz * dz < rc2 & key[k] > twoI ? 1 : 0;
        }
        return n;
    }

    /** Both lists in one pass; returns the new half count in the high and full count in the low word. */
    private static long scanBoth(double[] xs, int[] idx, int[] key, int k0, int k1, double xi, double yi,
            double zi, double rc2, int i, int[] half, int hn, int[] full, int fn) {
        int twoI = 2 * i;
        for (int k = k0; k < k1; k++) {
            double dx = xs[3 * k] - xi;
            double dy = xs[3 * k + 1] - yi;
            double dz = xs[3 * k + 2] - zi;
            boolean in = dx * dx + dy * dy + dz * dz < rc2;
            int j = idx[k];
            full[fn] = j;
            fn += in & j != i ? 1 : 0;
            half[hn] = j;
            hn += in & key[k] > twoI ? 1 : 0;
        }
        return (long) hn << 32 | fn;
    }

    /** Copies thread t's lists, which are in its search order, to their CSR places by atom index. */
    private void gatherSlice(int t, int threads) {
        int nLocal = current.nLocal;
        Slice s = slices[t];
        int hp = 0;
        int fp = 0;
        int end = WorkerPool.sliceStart(nLocal, t + 1, threads);
        for (int p = WorkerPool.sliceStart(nLocal, t, threads); p < end; p++) {
            int i = sortedIndex[localOrder[p]];
            if (wantHalf) {
                int c = halfStart[i + 1] - halfStart[i];
                System.arraycopy(s.half, hp, half, halfStart[i], c);
                hp += c;
            }
            if (wantFull) {
                int c = fullStart[i + 1] - fullStart[i];
                System.arraycopy(s.full, fp, full, fullStart[i], c);
                fp += c;
            }
        }
    }
}

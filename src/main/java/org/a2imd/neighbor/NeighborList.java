package org.a2imd.neighbor;

import java.util.Arrays;
import org.a2imd.core.AtomState;
import org.a2imd.core.BlowUpException;
import org.a2imd.core.Box;

/**
 * Verlet neighbour list with a skin over explicit periodic ghost images (as LAMMPS does).
 *
 * <p>Layout that force fields read: atoms 0..nLocal-1 are the real atoms, nLocal..nAll-1 ghost images
 * of them shifted by lattice vectors; {@link #x} and {@link #type} cover both. Ghosts are made for every
 * image within the list cutoff of the cell, so cells smaller than twice the cutoff work and the same
 * neighbour may appear through several images. Forces computed on ghosts must be folded back onto
 * their owners ({@link #foldGhostForces}).
 *
 * <p>Half list: each interacting pair (i, j or image of j) once. Local-local pairs are kept for j &gt; i;
 * a pair with a ghost of owner o is kept when o &gt; i, or o == i and the image shift is
 * lexicographically positive. The rule is on integers, not coordinates, so round-off cannot count a
 * pair twice or drop it. Full list: every neighbour of every local atom (for many-body terms).
 *
 * <p>The list is rebuilt when some atom has moved more than skin/2 since the last build, measured on
 * positions that are wrapped only at builds, so wrapping cannot hide a move. Between builds the ghost
 * positions are refreshed from their owners every step. Because the check runs before every force
 * evaluation, no pair can come within the cutoff unseen: at the previous evaluation every atom had
 * moved at most skin/2, so LAMMPS's "dangerous builds" cannot occur and are not counted.
 */
public final class NeighborList {
    private final double cutoff;
    private final double skin;
    private final boolean wantHalf;
    private final boolean wantFull;
    private final PairFinder finder;

    public int nLocal;
    public int nAll;
    /** Positions of local atoms then ghosts, 3 * nAll (arrays may be longer than needed). */
    public double[] x = new double[0];
    /** Species index of local atoms then ghosts. */
    public int[] type = new int[0];
    /** Local atom that each atom is an image of (identity for local atoms). */
    public int[] owner = new int[0];
    /** Integer lattice shift (na, nb, nc) of each atom relative to its owner, 3 * nAll. */
    public int[] image = new int[0];
    /** Cartesian shift of each ghost relative to its owner: ghost g at 3 * (g - nLocal). */
    private double[] shift = new double[0];
    /**
     * Half list: the neighbours of local i are half[halfStart[i] .. halfEnd[i]). Each atom's list is
     * contiguous, but the lists need not lie in atom order (the cell-list search stores them in its
     * search order), so always use both bounds.
     */
    public int[] halfStart;
    public int[] halfEnd;
    public int[] half;
    /** Full list, laid out as the half list: neighbours of local i are full[fullStart[i] .. fullEnd[i]). */
    public int[] fullStart;
    public int[] fullEnd;
    public int[] full;
    private long halfPairs;
    private long fullEntries;
    /** Balanced split of the local atoms by half-list length, cached for one list and part count. */
    private int[] halfSplit = new int[0];
    private int halfSplitParts;
    private boolean halfSplitValid;

    private Box builtBox;
    /** Half the smallest cell width: a larger move between builds means the run has blown up. */
    private double blowUpLimit;
    /** Cell of the current ghosts; set before the pair search, which bins in its fractional coordinates. */
    private Box box;
    private double[] posAtBuild = new double[0];
    private long builds;

    public NeighborList(double cutoff, double skin, boolean wantHalf, boolean wantFull, PairFinder finder) {
        if (!(cutoff > 0)) {
            throw new IllegalArgumentException("neighbour cutoff must be positive, got " + cutoff);
        }
        if (!(skin >= 0)) {
            throw new IllegalArgumentException("neighbour skin must not be negative, got " + skin);
        }
        this.cutoff = cutoff;
        this.skin = skin;
        this.wantHalf = wantHalf;
        this.wantFull = wantFull;
        this.finder = finder;
    }

    public double cutoff() {
        return cutoff;
    }

    public double skin() {
        return skin;
    }

    /** Cutoff used when building: interaction cutoff plus skin. */
    public double listCutoff() {
        return cutoff + skin;
    }

    public boolean wantsHalf() {
        return wantHalf;
    }

    public boolean wantsFull() {
        return wantFull;
    }

    /** The cell that the ghosts and lists were made for (null before the first build). */
    public Box box() {
        return box;
    }

    public long builds() {
        return builds;
    }

    /** Sets the build counter (a restart continues the count of the run it continues). */
    public void setBuildCount(long count) {
        this.builds = count;
    }

    /**
     * Brings the list up to date with the state: rebuilds it (wrapping positions into the cell) when
     * needed, otherwise refreshes the ghost positions. Returns true when it rebuilt.
     *
     * @throws BlowUpException when a position is not finite or an atom moved more than half the cell
     *     width since the last build
     */
    public boolean update(AtomState s) {
        if (builtBox == null || !builtBox.equals(s.box()) || nLocal != s.n) {
            build(s);
            return true;
        }
        double largest = 0;
        double limit2 = blowUpLimit * blowUpLimit;
        double[] p = s.pos;
        for (int i = 0; i < s.n; i++) {
            double dx = p[3 * i] - posAtBuild[3 * i];
            double dy = p[3 * i + 1] - posAtBuild[3 * i + 1];
            double dz = p[3 * i + 2] - posAtBuild[3 * i + 2];
            double d2 = dx * dx + dy * dy + dz * dz;
            if (!(d2 <= limit2)) {
                throw new BlowUpException(i, Double.isFinite(d2)
                        ? String.format("atom %d moved %.4g since the last neighbour build, more than half the cell width (%.4g)",
                                i + 1, Math.sqrt(d2), blowUpLimit)
                        : String.format("atom %d has a non-finite position (%s, %s, %s)", i + 1, p[3 * i], p[3 * i + 1], p[3 * i + 2]));
            }
            largest = Math.max(largest, d2);
        }
        if (largest > 0.25 * skin * skin) {
            build(s);
            return true;
        }
        refreshGhosts(s.pos);
        return false;
    }

    /** Rebuilds unconditionally: wraps positions into the cell, makes ghosts, finds pairs. */
    public void build(AtomState s) {
        Box box = s.box();
        box.wrap(s.pos, s.image, s.n);
        nLocal = s.n;
        makeGhosts(s, box);
        this.box = box;
        finder.findPairs(this);
        builtBox = box;
        double[] w = box.perpendicularWidths();
        blowUpLimit = 0.5 * Math.min(w[0], Math.min(w[1], w[2]));
        if (posAtBuild.length != 3 * s.n) {
            posAtBuild = new double[3 * s.n];
        }
        System.arraycopy(s.pos, 0, posAtBuild, 0, 3 * s.n);
        builds++;
    }

    /** Positions at the last build (wrapped); with them a restart rebuilds exactly this list. */
    public double[] positionsAtLastBuild() {
        return Arrays.copyOf(posAtBuild, 3 * nLocal);
    }

    /**
     * Rebuilds the list as it was built from {@code reference} positions (saved with
     * {@link #positionsAtLastBuild}) and then moves the atoms to their current positions, so a restarted
     * run sees bit-for-bit the list of the uninterrupted one.
     */
    public void rebuildFrom(AtomState s, double[] reference) {
        double[] current = s.pos.clone();
        System.arraycopy(reference, 0, s.pos, 0, 3 * s.n);
        build(s);
        System.arraycopy(current, 0, s.pos, 0, 3 * s.n);
        refreshGhosts(s.pos);
    }

    /** Copies local positions and recomputes ghost positions from their owners. */
    private void refreshGhosts(double[] pos) {
        System.arraycopy(pos, 0, x, 0, 3 * nLocal);
        for (int g = nLocal; g < nAll; g++) {
            int o = owner[g];
            int m = 3 * (g - nLocal);
            x[3 * g] = pos[3 * o] + shift[m];
            x[3 * g + 1] = pos[3 * o + 1] + shift[m + 1];
            x[3 * g + 2] = pos[3 * o + 2] + shift[m + 2];
        }
    }

    /**
     * Makes a ghost for every image of every atom that lies within the list cutoff of the cell, in
     * fractional terms within [-pad, 1 + pad) per axis, pad = list cutoff / width. Ghosts are numbered
     * atom by atom. The images of an atom along each axis are a range of shifts, found from its
     * fractional coordinates, so nothing per atom is stored besides the ghosts.
     */
    private void makeGhosts(AtomState s, Box box) {
        int n = s.n;
        double rl = listCutoff();
        checkSize(box, n);
        double[] widths = box.perpendicularWidths();
        double[] pad = new double[3];
        int[] reach = new int[3];
        for (int k = 0; k < 3; k++) {
            pad[k] = rl / widths[k];
            reach[k] = (int) Math.ceil(pad[k]);
        }
        double[] v = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                v[3 * r + c] = box.vectorComponent(r, c);
            }
        }
        double[] f = new double[3];
        int[] lo = new int[3];
        int[] hi = new int[3];
        // Count first, then fill, so the arrays are sized once per build.
        int count = n;
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1) {
                ensureCapacity(n, count);
                for (int i = 0; i < n; i++) {
                    owner[i] = i;
                    type[i] = s.type[i];
                    image[3 * i] = image[3 * i + 1] = image[3 * i + 2] = 0;
                }
                System.arraycopy(s.pos, 0, x, 0, 3 * n);
            }
            int g = n;
            for (int i = 0; i < n; i++) {
                box.toFractional(s.pos[3 * i], s.pos[3 * i + 1], s.pos[3 * i + 2], f);
                for (int k = 0; k < 3; k++) {
                    // f + m is monotonic in m, so the kept shifts m are one range.
                    lo[k] = Integer.MAX_VALUE;
                    hi[k] = Integer.MIN_VALUE;
                    for (int m = -reach[k]; m <= reach[k]; m++) {
                        double fm = f[k] + m;
                        if (!(fm < -pad[k] || fm >= 1 + pad[k])) {
                            lo[k] = Math.min(lo[k], m);
                            hi[k] = m;
                        }
                    }
                }
                for (int na = lo[0]; na <= hi[0]; na++) {
                    for (int nb = lo[1]; nb <= hi[1]; nb++) {
                        for (int nc = lo[2]; nc <= hi[2]; nc++) {
                            if (na == 0 && nb == 0 && nc == 0) {
                                continue;
                            }
                            if (pass == 1) {
                                double sx = na * v[0] + nb * v[3] + nc * v[6];
                                double sy = na * v[1] + nb * v[4] + nc * v[7];
                                double sz = na * v[2] + nb * v[5] + nc * v[8];
                                int m = 3 * (g - n);
                                owner[g] = i;
                                type[g] = s.type[i];
                                image[3 * g] = na;
                                image[3 * g + 1] = nb;
                                image[3 * g + 2] = nc;
                                shift[m] = sx;
                                shift[m + 1] = sy;
                                shift[m + 2] = sz;
                                x[3 * g] = s.pos[3 * i] + sx;
                                x[3 * g + 1] = s.pos[3 * i + 1] + sy;
                                x[3 * g + 2] = s.pos[3 * i + 2] + sz;
                            }
                            g++;
                        }
                    }
                }
            }
            count = g;
        }
        nAll = count;
    }

    /** Bytes per ghost atom: position 24, type 4, owner 4, image 12, shift 24. */
    private static final long GHOST_BYTES = 68;
    /** Ghost arrays are indexed by int, three numbers per atom. */
    private static final long MAX_ALL_ATOMS = (Integer.MAX_VALUE - 64) / 3;

    /** Memory a build may take: half the heap, leaving the rest to the force field and the run. */
    public static long memoryBudget() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /**
     * Refuses, before anything is allocated, a build whose ghosts and pair lists would not fit in memory.
     * Ghosts are estimated from the padded cell's volume (each atom has prod(1 + 2 r_l / w_k) images on
     * average) and list entries from the mean density, so the check costs nothing and cannot hang even
     * when the cutoff is a million cells wide.
     *
     * @throws ListTooLargeException naming the images per atom, the memory and the limit
     */
    public void checkSize(Box box, int n) {
        double rl = listCutoff();
        double[] w = box.perpendicularWidths();
        double images = (1 + 2 * rl / w[0]) * (1 + 2 * rl / w[1]) * (1 + 2 * rl / w[2]);
        double ghosts = n * (images - 1);
        double perAtom = n / box.volume() * 4.0 / 3.0 * Math.PI * rl * rl * rl;
        double entries = (wantHalf ? 0.5 * n * perAtom : 0) + (wantFull ? n * perAtom : 0);
        double bytes = ghosts * GHOST_BYTES + entries * 4.0;
        long budget = memoryBudget();
        if (bytes > budget || n + ghosts > MAX_ALL_ATOMS || entries > Integer.MAX_VALUE - 64) {
            throw new ListTooLargeException(String.format(java.util.Locale.ROOT,
                    "the neighbour-list cutoff %.6g (interaction cutoff %.6g + skin %.6g) reaches %.3g periodic images "
                            + "of each of the %d atoms in a cell %.4g x %.4g x %.4g wide: %.3g ghost atoms and %.3g list "
                            + "entries, about %s of memory, beyond the limit of %s (half the maximum heap; at most %d "
                            + "atoms and ghosts): use a larger cell (replicate it) or a shorter cutoff",
                    rl, cutoff, skin, images, n, w[0], w[1], w[2], ghosts, entries, bytes(bytes), bytes(budget),
                    MAX_ALL_ATOMS));
        }
    }

    private static String bytes(double b) {
        return b >= 1e9 ? String.format(java.util.Locale.ROOT, "%.3g GB", b / 1e9)
                : String.format(java.util.Locale.ROOT, "%.3g MB", b / 1e6);
    }

    /** Grows the per-atom arrays for all atoms (with some slack, as the ghost count fluctuates). */
    private void ensureCapacity(int local, int all) {
        if (owner.length < all) {
            int cap = all + all / 32 + 16;
            x = null;
            type = null;
            owner = null;
            image = null;
            x = new double[3 * cap];
            type = new int[cap];
            owner = new int[cap];
            image = new int[3 * cap];
        }
        if (shift.length < 3 * (all - local)) {
            int ghosts = all - local;
            shift = new double[3 * (ghosts + ghosts / 32 + 16)];
        }
    }

    /**
     * The half-list rule: is (local i, atom j) the one copy of its pair that the half list keeps?
     */
    public boolean isHalfPair(int i, int j) {
        int o = owner[j];
        if (o != i) {
            return o > i;
        }
        int a = image[3 * j];
        int b = image[3 * j + 1];
        int c = image[3 * j + 2];
        return a > 0 || (a == 0 && (b > 0 || (b == 0 && c > 0)));
    }

    /** Called by pair finders to install the half list (null arrays to drop it). */
    public void setHalf(int[] start, int[] end, int[] items) {
        this.halfStart = start;
        this.halfEnd = end;
        this.half = items;
        this.halfPairs = entries(start, end);
        this.halfSplitValid = false;
    }

    /** Called by pair finders to install the full list (null arrays to drop it). */
    public void setFull(int[] start, int[] end, int[] items) {
        this.fullStart = start;
        this.fullEnd = end;
        this.full = items;
        this.fullEntries = entries(start, end);
    }

    private long entries(int[] start, int[] end) {
        long sum = 0;
        if (start != null) {
            for (int i = 0; i < nLocal; i++) {
                sum += end[i] - start[i];
            }
        }
        return sum;
    }

    /**
     * A list with the same atoms, ghosts and pair lists but positions {@code x} of its own: the index
     * arrays are shared (treat them as read-only), so the copy is cheap. For code that moves atoms in
     * place without rebuilding (training's central differences) on lists shared between threads.
     */
    public NeighborList withOwnPositions() {
        NeighborList c = new NeighborList(cutoff, skin, wantHalf, wantFull, finder);
        c.nLocal = nLocal;
        c.nAll = nAll;
        c.x = x.clone();
        c.type = type;
        c.owner = owner;
        c.image = image;
        c.shift = shift;
        c.halfStart = halfStart;
        c.halfEnd = halfEnd;
        c.half = half;
        c.fullStart = fullStart;
        c.fullEnd = fullEnd;
        c.full = full;
        c.halfPairs = halfPairs;
        c.fullEntries = fullEntries;
        c.builtBox = builtBox;
        c.blowUpLimit = blowUpLimit;
        c.box = box;
        c.posAtBuild = posAtBuild;
        c.builds = builds;
        return c;
    }

    /**
     * Replaces the full list by a copy of its own, in atom order and without spare room, for a list
     * kept long after its build (a finder reuses its arrays at the next build).
     */
    public void keepFullList() {
        int[] start = new int[nLocal];
        int[] end = new int[nLocal];
        int[] items = new int[Math.toIntExact(fullEntries)];
        int p = 0;
        for (int i = 0; i < nLocal; i++) {
            start[i] = p;
            int count = fullEnd[i] - fullStart[i];
            System.arraycopy(full, fullStart[i], items, p, count);
            p += count;
            end[i] = p;
        }
        setFull(start, end, items);
    }

    /**
     * Splits the local atoms into {@code parts} ranges with about equal numbers of half-list pairs:
     * part t is atoms [split[t], split[t + 1]). Computed once per list and part count; call it
     * before handing the work to threads, not from them. The returned array is reused.
     */
    public int[] halfSplit(int parts) {
        if (halfSplitValid && halfSplitParts == parts) {
            return halfSplit;
        }
        if (halfSplit.length < parts + 1) {
            halfSplit = new int[parts + 1];
        }
        // Part t starts at the first atom whose preceding lists hold at least t / parts of the pairs.
        int i = 0;
        long before = 0;
        for (int t = 1; t < parts; t++) {
            long target = halfPairs * t / parts;
            while (i < nLocal && before < target) {
                before += halfEnd[i] - halfStart[i];
                i++;
            }
            halfSplit[t] = i;
        }
        halfSplit[0] = 0;
        halfSplit[parts] = nLocal;
        halfSplitParts = parts;
        halfSplitValid = true;
        return halfSplit;
    }

    /**
     * Adds the forces on ghosts (fAll, 3 * nAll) to their owners and writes the local forces to out (3 *
     * nLocal).
     */
    public void foldGhostForces(double[] fAll, double[] out) {
        System.arraycopy(fAll, 0, out, 0, 3 * nLocal);
        for (int g = nLocal; g < nAll; g++) {
            int o = owner[g];
            out[3 * o] += fAll[3 * g];
            out[3 * o + 1] += fAll[3 * g + 1];
            out[3 * o + 2] += fAll[3 * g + 2];
        }
    }

    /** Number of pairs in the half list. */
    public long halfPairCount() {
        return halfPairs;
    }

    /** Number of entries in the full list (twice the pairs). */
    public long fullEntryCount() {
        return fullEntries;
    }
}

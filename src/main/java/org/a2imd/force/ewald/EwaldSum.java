package org.a2imd.force.ewald;

import java.util.Arrays;
import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceOutput;
import org.a2imd.neighbor.NeighborList;

/**
 * The Ewald sum of E = prefactor * 1/2 sum_{i,j,n}' q_i q_j / |r_ij + n|^p over a periodic cell
 * (orthorhombic or triclinic), with energy, forces, virial and per-atom energies:
 * <pre>
 *   E = c sum_{pairs, r &lt; rc} q_i q_j S(r)                      real space (half neighbour list, ghosts)
 *     + c / V sum_{k in half space} L^(k) |S(k)|^2               reciprocal space, S(k) = sum_j q_j e^{i k.r_j}
 *     - c/2 L(0) sum_i q_i^2                                      self term
 *     + c / (2V) L^(0) Q^2                                       k = 0 term, p &gt; 3 (Q = sum_i q_i)
 *     - c / (2V) Q^2 int S                                       neutralising background, p &lt; 3 (on request)
 * </pre>
 * with c the prefactor and S, L the split of {@link EwaldKernel}. For p &lt;= 3 the k = 0 term of a
 * non-neutral cell is infinite: such a cell is refused unless a uniform neutralising background is
 * requested (p &lt; 3 only). For p &lt;= 3 and a neutral cell the k = 0 term is dropped (tin-foil
 * boundary conditions, as LAMMPS and GROMACS do).
 *
 * <p>Reciprocal virial: under a strain x -&gt; (I + e) x the fractional coordinates, hence S(k), are
 * unchanged, V -&gt; V (1 + tr e) and k -&gt; (I + e)^-T k, so d(k^2)/de_ab = -2 k_a k_b and
 * W_ab = -dE/de_ab = c/V sum_k |S(k)|^2 [L^ delta_ab + 2 (dL^/dk^2) k_a k_b]. The k = 0 and background
 * terms go as 1/V: W_ab = E delta_ab.
 *
 * <p>Per-atom energies: a real-space pair half to each atom; the reciprocal term as
 * c/V q_i sum_k L^ Re[e^{-i k.r_i} S(k)]; the self term to its atom; the k = 0 and background terms
 * in proportion to q_i Q.
 *
 * <p>The phases e^{i k.r_i} are products of per-atom tables e^{2 pi i h s_a}, e^{2 pi i k s_b},
 * e^{2 pi i l s_c} over the fractional coordinates (one cos and sin per atom and direction). The
 * reciprocal sum is threaded over k-vectors (static slices, per-thread force buffers summed in thread
 * order: results are reproducible for a given thread count). The k-vectors and their kernel values are
 * regenerated whenever the cell changes; at a fixed cell nothing is allocated per call.
 * Not reentrant.
 */
public final class EwaldSum {
    private static final int ACC = 16;
    private static final double TWO_PI = 2 * Math.PI;

    private final EwaldParameters params;
    private final EwaldKernel kernel;
    private final double prefactor;
    private final boolean background;
    private final int p;
    private final ShortRangeTable table;
    private final double cutsq;
    private final double alpha;

    // Cell-dependent data, regenerated on a cell change.
    private Box cachedBox;
    private KVectors kv;
    private int[] hkl = new int[0];
    private double[] lhat = new double[0];
    private double[] dlhat = new double[0];
    private double[] brows;
    private int hMax;
    private int kMaxIndex;
    private int lMax;
    private double volume;

    // Per-atom phase tables, direction-major: ca[h * n + i] = cos(2 pi h s_a(i)), h = 0..hMax; b and c
    // directions cover -max..max.
    private double[] ca = new double[0];
    private double[] sa = new double[0];
    private double[] cb = new double[0];
    private double[] sb = new double[0];
    private double[] cc = new double[0];
    private double[] sc = new double[0];
    private int tableAtoms = -1;

    // Per-thread buffers and call context.
    private double[][] forceBuf = new double[0][];
    private double[][] energyBuf = new double[0][];
    private double[][] phaseCos = new double[0][];
    private double[][] phaseSin = new double[0][];
    private double[] acc = new double[0];
    private final double[] w = new double[6];
    private NeighborList nl;
    private ForceOutput out;
    private double[] q;
    /** Atom ranges of the threads, balanced by pairs (NeighborList.halfSplit). */
    private int[] split;
    private final WorkerPool.Task realTask = this::realAndPhases;
    private final WorkerPool.Task reciprocalTask = this::reciprocalSlice;
    private final WorkerPool.Task reduceTask = this::reduceSlice;

    /**
     * @param prefactor c above (e.g. qqrd2e for Coulomb, -1 for dispersion with q = sqrt(C6))
     * @param background add a uniform neutralising background to a charged cell (p &lt; 3 only)
     */
    public EwaldSum(EwaldParameters params, double prefactor, boolean background) {
        if (!Double.isFinite(prefactor)) {
            throw new IllegalArgumentException("Ewald prefactor must be finite, got " + prefactor);
        }
        this.params = params;
        this.p = params.exponent();
        this.alpha = params.alpha();
        this.kernel = new EwaldKernel(p, alpha);
        this.prefactor = prefactor;
        this.background = background;
        this.cutsq = params.cutoff() * params.cutoff();
        this.table = new ShortRangeTable(p, alpha * params.cutoff());
    }

    public EwaldParameters parameters() {
        return params;
    }

    public EwaldKernel kernel() {
        return kernel;
    }

    public double cutoff() {
        return params.cutoff();
    }

    public boolean background() {
        return background;
    }

    /** Number of half-space k-vectors in use (after the last compute; 0 before). */
    public int kVectorCount() {
        return kv == null ? 0 : kv.count;
    }

    /**
     * Adds the energy, forces (locals and ghosts), virial and per-atom energies of the sources
     * {@code charge[i]} (local atoms; ghosts carry their owner's) to {@code out}.
     *
     * @throws IllegalStateException for a non-neutral cell with p &lt;= 3 and no background
     */
    public void compute(NeighborList nl, Box box, double[] charge, ForceOutput out, WorkerPool pool) {
        if (nl.halfStart == null || nl.cutoff() < params.cutoff()) {
            throw new IllegalStateException("Ewald needs a half neighbour list with cutoff at least "
                    + params.cutoff());
        }
        int n = nl.nLocal;
        double total = 0;
        double scale = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            total += charge[i];
            scale += Math.abs(charge[i]);
            sumSq += charge[i] * charge[i];
        }
        boolean charged = Math.abs(total) > 1e-10 * scale;
        if (charged && p <= 3 && (p == 3 || !background)) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "the cell is not neutral (net source %.6g) and the k = 0 term of 1/r^%d is infinite%s", total,
                    p, p == 3 ? "" : " without a neutralising background"));
        }
        if (!box.equals(cachedBox)) {
            cellChanged(box);
        }
        int t = pool.threads();
        ensureBuffers(t, nl.nAll, n, out.wantAtomEnergy);
        this.nl = nl;
        this.out = out;
        this.q = charge;
        this.split = nl.halfSplit(t);
        try {
            pool.run(realTask);
            pool.run(reciprocalTask);
            if (t > 1) {
                pool.run(reduceTask);
            }
        } finally {
            this.nl = null;
            this.out = null;
            this.q = null;
        }
        double e = 0;
        Arrays.fill(w, 0);
        for (int k = 0; k < t; k++) {
            int o = k * ACC;
            e += acc[o];
            for (int m = 0; m < 6; m++) {
                w[m] += acc[o + 1 + m];
            }
        }
        // Self, k = 0 and background terms.
        double l0 = kernel.longRangeAtZero();
        e -= 0.5 * prefactor * l0 * sumSq;
        double zero = 0; // coefficient c/(2V) X of the 1/V terms: E_zero = zero * Q^2
        if (p > 3) {
            zero = prefactor * kernel.reciprocalAtZero() / (2 * volume);
        } else if (p < 3 && background) {
            zero = -prefactor * kernel.realSpaceIntegral() / (2 * volume);
        }
        double ez = zero * total * total;
        e += ez;
        w[0] += ez;
        w[1] += ez;
        w[2] += ez;
        if (out.wantAtomEnergy) {
            for (int i = 0; i < n; i++) {
                out.atomEnergy[i] += -0.5 * prefactor * l0 * charge[i] * charge[i] + zero * total * charge[i];
            }
        }
        out.energy += e;
        double[] v = out.virial;
        v[0] += w[0];
        v[4] += w[1];
        v[8] += w[2];
        v[1] += w[3];
        v[3] += w[3];
        v[2] += w[4];
        v[6] += w[4];
        v[5] += w[5];
        v[7] += w[5];
    }

    /** New k-vectors, their integer indices and kernel values for a new cell. */
    private void cellChanged(Box box) {
        kv = KVectors.of(box, params.kMax());
        double[] a = box.rows();
        brows = KVectors.reciprocalRows(box);
        volume = box.volume();
        int m = kv.count;
        hkl = new int[3 * m];
        lhat = new double[m];
        dlhat = new double[m];
        hMax = 0;
        kMaxIndex = 0;
        lMax = 0;
        for (int j = 0; j < m; j++) {
            for (int d = 0; d < 3; d++) {
                double dot = a[3 * d] * kv.k[3 * j] + a[3 * d + 1] * kv.k[3 * j + 1] + a[3 * d + 2] * kv.k[3 * j + 2];
                hkl[3 * j + d] = (int) Math.round(dot / TWO_PI);
            }
            hMax = Math.max(hMax, Math.abs(hkl[3 * j]));
            kMaxIndex = Math.max(kMaxIndex, Math.abs(hkl[3 * j + 1]));
            lMax = Math.max(lMax, Math.abs(hkl[3 * j + 2]));
            lhat[j] = kernel.reciprocal(kv.k2[j]);
            dlhat[j] = kernel.reciprocalDerivative(kv.k2[j]);
        }
        tableAtoms = -1;
        cachedBox = box;
    }

    private void ensureBuffers(int t, int nAll, int n, boolean atomEnergy) {
        if (forceBuf.length != t) {
            forceBuf = Arrays.copyOf(forceBuf, t);
            energyBuf = Arrays.copyOf(energyBuf, t);
            phaseCos = Arrays.copyOf(phaseCos, t);
            phaseSin = Arrays.copyOf(phaseSin, t);
            acc = new double[t * ACC];
        }
        for (int k = 0; k < t; k++) {
            if (k > 0 && (forceBuf[k] == null || forceBuf[k].length < 3 * nAll)) {
                forceBuf[k] = new double[3 * (nAll + nAll / 8 + 16)];
            }
            if (k > 0 && atomEnergy && (energyBuf[k] == null || energyBuf[k].length < n)) {
                energyBuf[k] = new double[n + n / 8 + 16];
            }
            if (phaseCos[k] == null || phaseCos[k].length < n) {
                phaseCos[k] = new double[n + n / 8 + 16];
                phaseSin[k] = new double[n + n / 8 + 16];
            }
        }
        if (tableAtoms != n) {
            ca = new double[(hMax + 1) * n];
            sa = new double[(hMax + 1) * n];
            cb = new double[(2 * kMaxIndex + 1) * n];
            sb = new double[(2 * kMaxIndex + 1) * n];
            cc = new double[(2 * lMax + 1) * n];
            sc = new double[(2 * lMax + 1) * n];
            tableAtoms = n;
        }
    }

    /** Real-space pairs of a balanced slice of the half list, then phase tables of an atom slice. */
    private void realAndPhases(int thread, int threads) {
        NeighborList nl = this.nl;
        ForceOutput out = this.out;
        int nAll = nl.nAll;
        int n = nl.nLocal;
        boolean wantE = out.wantAtomEnergy;
        double[] f;
        double[] ae = null;
        if (thread == 0) {
            f = out.force;
            ae = wantE ? out.atomEnergy : null;
        } else {
            f = forceBuf[thread];
            Arrays.fill(f, 0, 3 * nAll, 0.0);
            if (wantE) {
                ae = energyBuf[thread];
                Arrays.fill(ae, 0, n, 0.0);
            }
        }
        final double[] x = nl.x;
        final int[] owner = nl.owner;
        final int[] start = nl.halfStart;
        final int[] end = nl.halfEnd;
        final int[] half = nl.half;
        final double[] coef = table.coefficients();
        final double perUnit = table.perUnit();
        final double[] q = this.q;
        final double c = prefactor;
        final double alpha = this.alpha;
        final double cutsq = this.cutsq;
        final int p = this.p;
        int i0 = split[thread];
        int i1 = split[thread + 1];
        double e = 0;
        double wxx = 0;
        double wyy = 0;
        double wzz = 0;
        double wxy = 0;
        double wxz = 0;
        double wyz = 0;
        for (int i = i0; i < i1; i++) {
            double qi = q[i];
            if (qi == 0) {
                continue;
            }
            double xi = x[3 * i];
            double yi = x[3 * i + 1];
            double zi = x[3 * i + 2];
            double fxi = 0;
            double fyi = 0;
            double fzi = 0;
            for (int k = start[i], ke = end[i]; k < ke; k++) {
                int j = half[k];
                double dx = xi - x[3 * j];
                double dy = yi - x[3 * j + 1];
                double dz = zi - x[3 * j + 2];
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 >= cutsq) {
                    continue;
                }
                double qq = c * qi * q[owner[j]];
                double r = Math.sqrt(r2);
                double rinv = 1 / r;
                double rp = inversePower(rinv, p);
                double t = alpha * r * perUnit;
                int cell = (int) t;
                double fr = t - cell;
                int o = 4 * cell;
                double c1 = coef[o + 1];
                double c2 = coef[o + 2];
                double c3 = coef[o + 3];
                double val = coef[o] + fr * (c1 + fr * (c2 + fr * c3));
                double der = (c1 + fr * (2 * c2 + 3 * fr * c3)) * perUnit;
                double u = qq * val * rp;
                // dS/dr = alpha q'(u) r^-p - p q r^-p / r; pair force on i = -dS/dr * d / r
                double fpair = -qq * (alpha * der * rp - p * val * rp * rinv) * rinv;
                double fx = dx * fpair;
                double fy = dy * fpair;
                double fz = dz * fpair;
                fxi += fx;
                fyi += fy;
                fzi += fz;
                f[3 * j] -= fx;
                f[3 * j + 1] -= fy;
                f[3 * j + 2] -= fz;
                e += u;
                if (ae != null) {
                    ae[i] += 0.5 * u;
                    ae[owner[j]] += 0.5 * u;
                }
                wxx += dx * fx;
                wyy += dy * fy;
                wzz += dz * fz;
                wxy += dx * fy;
                wxz += dx * fz;
                wyz += dy * fz;
            }
            f[3 * i] += fxi;
            f[3 * i + 1] += fyi;
            f[3 * i + 2] += fzi;
        }
        int o = thread * ACC;
        acc[o] = e;
        acc[o + 1] = wxx;
        acc[o + 2] = wyy;
        acc[o + 3] = wzz;
        acc[o + 4] = wxy;
        acc[o + 5] = wxz;
        acc[o + 6] = wyz;
        phases(x, n, WorkerPool.sliceStart(n, thread, threads), WorkerPool.sliceStart(n, thread + 1, threads));
    }

    private static double inversePower(double rinv, int p) {
        double r2inv = rinv * rinv;
        double v = (p & 1) == 0 ? 1 : rinv;
        for (int m = p >> 1; m > 0; m--) {
            v *= r2inv;
        }
        return v;
    }

    /** e^{2 pi i m s_d} for the atoms a0..a1-1 and every needed m, by the recurrence e^{i m t} = e^{i (m-1) t} e^{i t}. */
    private void phases(double[] x, int n, int a0, int a1) {
        double[] b = brows;
        int kOff = kMaxIndex;
        int lOff = lMax;
        for (int i = a0; i < a1; i++) {
            double xi = x[3 * i];
            double yi = x[3 * i + 1];
            double zi = x[3 * i + 2];
            // 2 pi s_d = b_d . r
            double ta = b[0] * xi + b[1] * yi + b[2] * zi;
            double tb = b[3] * xi + b[4] * yi + b[5] * zi;
            double tc = b[6] * xi + b[7] * yi + b[8] * zi;
            fill(ca, sa, n, i, 0, hMax, Math.cos(ta), Math.sin(ta));
            fill(cb, sb, n, i, kOff, kMaxIndex, Math.cos(tb), Math.sin(tb));
            fill(cc, sc, n, i, lOff, lMax, Math.cos(tc), Math.sin(tc));
        }
    }

    /** Writes e^{i m t} for m = 0..max at row (offset + m) and its conjugate at (offset - m). */
    private static void fill(double[] cos, double[] sin, int n, int i, int offset, int max, double c1, double s1) {
        double cr = 1;
        double ci = 0;
        cos[offset * n + i] = 1;
        sin[offset * n + i] = 0;
        for (int m = 1; m <= max; m++) {
            double nr = cr * c1 - ci * s1;
            ci = cr * s1 + ci * c1;
            cr = nr;
            cos[(offset + m) * n + i] = cr;
            sin[(offset + m) * n + i] = ci;
            if (offset > 0) {
                cos[(offset - m) * n + i] = cr;
                sin[(offset - m) * n + i] = -ci;
            }
        }
    }

    /** Structure factors, energy, virial, forces and per-atom energies of a static slice of k-vectors. */
    private void reciprocalSlice(int thread, int threads) {
        ForceOutput out = this.out;
        int n = nl.nLocal;
        double[] f = thread == 0 ? out.force : forceBuf[thread];
        double[] ae = out.wantAtomEnergy ? (thread == 0 ? out.atomEnergy : energyBuf[thread]) : null;
        double[] pc = phaseCos[thread];
        double[] ps = phaseSin[thread];
        final double[] q = this.q;
        final double cv = prefactor / volume;
        int k0 = WorkerPool.sliceStart(kv.count, thread, threads);
        int k1 = WorkerPool.sliceStart(kv.count, thread + 1, threads);
        double e = 0;
        double wxx = 0;
        double wyy = 0;
        double wzz = 0;
        double wxy = 0;
        double wxz = 0;
        double wyz = 0;
        double[] kvec = kv.k;
        for (int j = k0; j < k1; j++) {
            int oa = hkl[3 * j] * n;
            int ob = (hkl[3 * j + 1] + kMaxIndex) * n;
            int oc = (hkl[3 * j + 2] + lMax) * n;
            double sumC = 0;
            double sumS = 0;
            for (int i = 0; i < n; i++) {
                double ar = ca[oa + i];
                double ai = sa[oa + i];
                double br = cb[ob + i];
                double bi = sb[ob + i];
                double abr = ar * br - ai * bi;
                double abi = ar * bi + ai * br;
                double cr = cc[oc + i];
                double ci = sc[oc + i];
                double er = abr * cr - abi * ci;
                double ei = abr * ci + abi * cr;
                pc[i] = er;
                ps[i] = ei;
                sumC += q[i] * er;
                sumS += q[i] * ei;
            }
            double lk = lhat[j];
            double s2 = sumC * sumC + sumS * sumS;
            double ek = cv * lk * s2;
            e += ek;
            double kx = kvec[3 * j];
            double ky = kvec[3 * j + 1];
            double kz = kvec[3 * j + 2];
            double d2 = 2 * cv * s2 * dlhat[j];
            wxx += ek + d2 * kx * kx;
            wyy += ek + d2 * ky * ky;
            wzz += ek + d2 * kz * kz;
            wxy += d2 * kx * ky;
            wxz += d2 * kx * kz;
            wyz += d2 * ky * kz;
            // F_i = 2 c/V L^ q_i k (C sin_i - S cos_i)
            double g = 2 * cv * lk;
            double gc = g * sumC;
            double gs = g * sumS;
            for (int i = 0; i < n; i++) {
                double a = q[i] * (gc * ps[i] - gs * pc[i]);
                f[3 * i] += a * kx;
                f[3 * i + 1] += a * ky;
                f[3 * i + 2] += a * kz;
            }
            if (ae != null) {
                double h = cv * lk;
                for (int i = 0; i < n; i++) {
                    ae[i] += h * q[i] * (pc[i] * sumC + ps[i] * sumS);
                }
            }
        }
        int o = thread * ACC;
        acc[o] += e;
        acc[o + 1] += wxx;
        acc[o + 2] += wyy;
        acc[o + 3] += wzz;
        acc[o + 4] += wxy;
        acc[o + 5] += wxz;
        acc[o + 6] += wyz;
    }

    /** Adds the other threads' buffers into the output, each thread an atom range, threads in order. */
    private void reduceSlice(int thread, int threads) {
        int nAll = nl.nAll;
        int a0 = 3 * WorkerPool.sliceStart(nAll, thread, threads);
        int a1 = 3 * WorkerPool.sliceStart(nAll, thread + 1, threads);
        double[] f = out.force;
        for (int k = 1; k < threads; k++) {
            double[] b = forceBuf[k];
            for (int m = a0; m < a1; m++) {
                f[m] += b[m];
            }
        }
        if (out.wantAtomEnergy) {
            int n = nl.nLocal;
            int e0 = WorkerPool.sliceStart(n, thread, threads);
            int e1 = WorkerPool.sliceStart(n, thread + 1, threads);
            double[] ae = out.atomEnergy;
            for (int k = 1; k < threads; k++) {
                double[] b = energyBuf[k];
                for (int m = e0; m < e1; m++) {
                    ae[m] += b[m];
                }
            }
        }
    }

}

package org.a2imd.force.ewald;

import java.util.Arrays;
import java.util.Locale;
import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;

/**
 * Generalized LODE features (see {@link LodeSpec} for the definition and the feature order), summed in
 * reciprocal space. For exponent p, radius a (alpha = 1 / (sqrt 2 a)) and source species s:
 * <pre>
 *   lambda_i(p,a,s) = (1/V) sum_{k != 0} L^_{p,a}(k) Re[exp(-i k.r_i) S_s(k)]     S_s(k) = sum_{j in s} exp(i k.r_j)
 *                   + [p &gt; 3] N_s L^_{p,a}(0) / V  -  [type_i == s] L_{p,a}(0)
 * </pre>
 * which equals the image sum of L_{p,a}(|r_i - r_j + n|) over the sources (atom i itself excluded), with a
 * uniform neutralising background of species s for p &lt;= 3. The sum over all k != 0 is twice the sum over
 * the half space of {@link KVectors}, truncated at exp(-k^2 a^2 / 2) = accuracy, i.e. |k| &lt;= sqrt(2 ln(1/acc)) / a.
 *
 * <p>One k-vector set (that of the smallest radius) serves every channel: per k-vector the per-atom
 * exp(i k.r) is built once, from per-atom tables of exp(i h b_d.r) along the three reciprocal rows (two
 * complex products per atom and k-vector, no trigonometric call in the hot loop), and channels of a
 * larger radius use only the k-vectors inside their own, smaller cut-off (the channels are stored grouped
 * by radius, so the active ones are a prefix). The k-vector set and the kernel tables are rebuilt only
 * when the cell changes (cached by {@link Box#equals}).
 *
 * <p>{@link #addForces} is the adjoint: with w = dE/dlambda and A_c(k) = sum_i w_ic exp(-i k.r_i), the
 * derivative of sum_i w_i.lambda_i has one part through A_c and one through S_s, so forces and virial cost
 * the same as the features.
 *
 * <p>Cost per call: O(N K (1 + C)) for K half-space vectors (K grows like V / a_min^3, hence like N at fixed
 * density and radius) and C = features per atom, plus O(N K^(1/3)) trigonometric calls for the tables.
 * Threads split the k-vectors (thread t takes k-vectors t, t+T, ...) into per-thread buffers that are
 * summed in thread order: deterministic for a fixed thread count, no allocation once sized for N, the
 * thread count and the cell.
 */
public final class LodeFeatures implements AtomFeatures {
    private final LodeSpec spec;
    private final int species;
    private final int nP;
    private final int nR;
    /** Features per atom. */
    private final int nc;
    /** Channels per radius group, nP * species. */
    private final int groupWidth;
    /** |k|^2 cut-off per radius group, groups sorted by increasing radius (decreasing cut-off). */
    private final double[] groupK2;
    /** Per internal channel (g * nP + pi) * species + s: its kernel, source species and output index. */
    private final EwaldKernel[] kernel;
    private final int[] chanSpecies;
    private final int[] perm;
    private final double[] selfTerm;
    /** L^(0) for p &gt; 3, else 0 (background). */
    private final double[] zeroMode;

    // Cell-dependent state, rebuilt when the box changes.
    private Box cachedBox;
    private double volume;
    private double[] recip = new double[9];
    private KVectors kv;
    private int[] hkl = new int[0];
    private int[] activeChannels = new int[0];
    /** (2/V) L^(k) and (2/V) dL^/dk^2 per k-vector and internal channel (0 beyond the channel's cut-off). */
    private double[] lhat = new double[0];
    private double[] dlhat = new double[0];
    private int h1;
    private int h2;
    private int h3;

    // Configuration of the last compute.
    private int n = -1;
    private int[] types = new int[0];
    private final int[] count;
    private double[] x;
    private double[] e1c = new double[0];
    private double[] e1s = new double[0];
    private double[] e2c = new double[0];
    private double[] e2s = new double[0];
    private double[] e3c = new double[0];
    private double[] e3s = new double[0];
    /** Adjoint weights in internal channel order. */
    private double[] w = new double[0];

    // Per-call context for the tasks below (allocated once).
    private double[] out;
    private double[] forceOut;
    private Scratch[] scratch = new Scratch[0];
    private int capacity = -1;
    private final WorkerPool.Task tableTask = this::tableSlice;
    private final WorkerPool.Task featureTask = this::featureSlice;
    private final WorkerPool.Task featureReduceTask = this::featureReduceSlice;
    private final WorkerPool.Task adjointTask = this::adjointSlice;
    private final WorkerPool.Task forceReduceTask = this::forceReduceSlice;

    /** Per-thread buffers. */
    private static final class Scratch {
        double[] feat;
        double[] force;
        final double[] virial = new double[9];
        double[] cos;
        double[] sin;
        final double[] sfC;
        final double[] sfS;
        final double[] ac;
        final double[] as;
        final double[] cwC;
        final double[] cwS;
        final double[] xs;
        final double[] ys;

        Scratch(int n, int nc, int species) {
            feat = new double[n * nc];
            force = new double[3 * n];
            cos = new double[n];
            sin = new double[n];
            sfC = new double[species];
            sfS = new double[species];
            ac = new double[nc];
            as = new double[nc];
            cwC = new double[nc];
            cwS = new double[nc];
            xs = new double[species];
            ys = new double[species];
        }
    }

    public LodeFeatures(LodeSpec spec, int species) {
        if (species < 1) {
            throw new IllegalArgumentException("LODE needs at least one source species, got " + species);
        }
        this.spec = spec;
        this.species = species;
        int[] exps = spec.exponents();
        double[] radii = spec.radii();
        nP = exps.length;
        nR = radii.length;
        nc = spec.featuresPerAtom(species);
        groupWidth = nP * species;
        count = new int[species];
        Integer[] order = new Integer[nR];
        for (int r = 0; r < nR; r++) {
            order[r] = r;
        }
        Arrays.sort(order, (u, v) -> Double.compare(radii[u], radii[v]));
        double kFactor = Math.sqrt(2 * Math.log(1 / spec.accuracy()));
        groupK2 = new double[nR];
        kernel = new EwaldKernel[nc];
        chanSpecies = new int[nc];
        perm = new int[nc];
        selfTerm = new double[nc];
        zeroMode = new double[nc];
        for (int g = 0; g < nR; g++) {
            int ai = order[g];
            double a = radii[ai];
            double kmax = kFactor / a;
            groupK2[g] = kmax * kmax;
            for (int pi = 0; pi < nP; pi++) {
                EwaldKernel kern = new EwaldKernel(exps[pi], 1 / (Math.sqrt(2) * a));
                for (int s = 0; s < species; s++) {
                    int c = (g * nP + pi) * species + s;
                    kernel[c] = kern;
                    chanSpecies[c] = s;
                    perm[c] = (pi * nR + ai) * species + s;
                    selfTerm[c] = kern.longRangeAtZero();
                    zeroMode[c] = kern.hasFiniteZeroMode() ? kern.reciprocalAtZero() : 0;
                }
            }
        }
    }

    @Override
    public int featuresPerAtom() {
        return nc;
    }

    @Override
    public int species() {
        return species;
    }

    public LodeSpec spec() {
        return spec;
    }

    /** Number of half-space k-vectors of the current cell (0 before the first compute). */
    public int kVectorCount() {
        return kv == null ? 0 : kv.count;
    }

    @Override
    public void compute(double[] x, int[] type, int n, Box box, double[] features, WorkerPool pool) {
        if (n < 0 || x.length < 3 * n || type.length < n || features.length < n * nc) {
            throw new IllegalArgumentException("LODE compute: arrays too short for " + n + " atoms");
        }
        Arrays.fill(count, 0);
        for (int i = 0; i < n; i++) {
            if (type[i] < 0 || type[i] >= species) {
                throw new IllegalArgumentException("LODE compute: atom " + i + " has type " + type[i]
                        + ", features are defined for types 0.." + (species - 1));
            }
            count[type[i]]++;
        }
        setCell(box);
        ensureCapacity(n, pool.threads());
        this.n = n;
        System.arraycopy(type, 0, types, 0, n);
        this.x = x;
        pool.run(tableTask);
        this.x = null;
        pool.run(featureTask);
        out = features;
        pool.run(featureReduceTask);
        out = null;
    }

    @Override
    public void addForces(double[] dEdF, double[] force, double[] virial, WorkerPool pool) {
        if (n < 0) {
            throw new IllegalStateException("LODE addForces before compute");
        }
        if (pool.threads() != scratch.length) {
            throw new IllegalStateException("LODE addForces with a different thread count than compute");
        }
        if (dEdF.length < n * nc || force.length < 3 * n || virial.length < 9) {
            throw new IllegalArgumentException("LODE addForces: arrays too short for " + n + " atoms");
        }
        // Internal channel order; the k = 0 term of p > 3 depends on the volume only: its strain derivative
        // is -delta_ab sum_ic w_ic N_s L^(0) / V.
        double g0 = 0;
        for (int i = 0; i < n; i++) {
            int base = i * nc;
            for (int c = 0; c < nc; c++) {
                double wc = dEdF[base + perm[c]];
                w[base + c] = wc;
                g0 += wc * zeroMode[c] * count[chanSpecies[c]];
            }
        }
        g0 /= volume;
        pool.run(adjointTask);
        forceOut = force;
        pool.run(forceReduceTask);
        forceOut = null;
        for (Scratch sc : scratch) {
            for (int ab = 0; ab < 9; ab++) {
                virial[ab] += sc.virial[ab];
            }
        }
        virial[0] += g0;
        virial[4] += g0;
        virial[8] += g0;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "lode features: exponents %s radii %s, %d source species, accuracy %g, %d per atom",
                Arrays.toString(spec.exponents()), Arrays.toString(spec.radii()), species, spec.accuracy(), nc);
    }

    /** Rebuilds the k-vectors and kernel tables when the cell differs from the cached one. */
    private void setCell(Box box) {
        if (box.equals(cachedBox)) {
            return;
        }
        volume = box.volume();
        recip = KVectors.reciprocalRows(box);
        kv = KVectors.of(box, Math.sqrt(groupK2[0]));
        int kc = kv.count;
        double[] a = box.rows();
        hkl = new int[3 * kc];
        activeChannels = new int[kc];
        lhat = new double[kc * nc];
        dlhat = new double[kc * nc];
        h1 = 0;
        h2 = 0;
        h3 = 0;
        double twoOverV = 2 / volume;
        for (int q = 0; q < kc; q++) {
            double kx = kv.k[3 * q];
            double ky = kv.k[3 * q + 1];
            double kz = kv.k[3 * q + 2];
            // integer indices from a_d . k = 2 pi m_d
            for (int d = 0; d < 3; d++) {
                double m = (a[3 * d] * kx + a[3 * d + 1] * ky + a[3 * d + 2] * kz) / (2 * Math.PI);
                hkl[3 * q + d] = (int) Math.round(m);
            }
            h1 = Math.max(h1, Math.abs(hkl[3 * q]));
            h2 = Math.max(h2, Math.abs(hkl[3 * q + 1]));
            h3 = Math.max(h3, Math.abs(hkl[3 * q + 2]));
            double k2 = kv.k2[q];
            int groups = 0;
            while (groups < nR && k2 <= groupK2[groups]) {
                groups++;
            }
            int na = groups * groupWidth;
            activeChannels[q] = na;
            for (int c = 0; c < na; c++) {
                if (c % species == 0) {
                    lhat[q * nc + c] = twoOverV * kernel[c].reciprocal(k2);
                    dlhat[q * nc + c] = twoOverV * kernel[c].reciprocalDerivative(k2);
                } else {
                    lhat[q * nc + c] = lhat[q * nc + c - 1];
                    dlhat[q * nc + c] = dlhat[q * nc + c - 1];
                }
            }
        }
        cachedBox = box;
    }

    private void ensureCapacity(int n, int threads) {
        if (n <= capacity && threads == scratch.length && e1c.length >= (h1 + 1) * capacity
                && e2c.length >= (h2 + 1) * capacity && e3c.length >= (h3 + 1) * capacity) {
            return;
        }
        int cap = Math.max(n, Math.max(capacity, 1));
        types = new int[cap];
        w = new double[cap * nc];
        e1c = new double[(h1 + 1) * cap];
        e1s = new double[(h1 + 1) * cap];
        e2c = new double[(h2 + 1) * cap];
        e2s = new double[(h2 + 1) * cap];
        e3c = new double[(h3 + 1) * cap];
        e3s = new double[(h3 + 1) * cap];
        scratch = new Scratch[threads];
        for (int t = 0; t < threads; t++) {
            scratch[t] = new Scratch(cap, nc, species);
        }
        capacity = cap;
    }

    /** exp(i m b_d . r_i) for m = 0..h_d, stored [m * capacity + i]; negative m by conjugation. */
    private void tableSlice(int t, int threads) {
        int lo = WorkerPool.sliceStart(n, t, threads);
        int hi = WorkerPool.sliceStart(n, t + 1, threads);
        int cap = capacity;
        for (int i = lo; i < hi; i++) {
            double rx = x[3 * i];
            double ry = x[3 * i + 1];
            double rz = x[3 * i + 2];
            fillTable(e1c, e1s, h1, i, cap, recip[0] * rx + recip[1] * ry + recip[2] * rz);
            fillTable(e2c, e2s, h2, i, cap, recip[3] * rx + recip[4] * ry + recip[5] * rz);
            fillTable(e3c, e3s, h3, i, cap, recip[6] * rx + recip[7] * ry + recip[8] * rz);
        }
    }

    private static void fillTable(double[] c, double[] s, int mMax, int i, int cap, double theta) {
        // theta = 2 pi (fractional coordinate): reduce to one period so image shifts change nothing
        theta -= 2 * Math.PI * Math.floor(theta / (2 * Math.PI));
        for (int m = 0; m <= mMax; m++) {
            c[m * cap + i] = Math.cos(m * theta);
            s[m * cap + i] = Math.sin(m * theta);
        }
    }

    /** cos and sin of k_q . r_i for all atoms, and the per-species structure factors. */
    private void phases(int q, Scratch sc) {
        int cap = capacity;
        int o1 = hkl[3 * q] * cap; // h >= 0 in the half space
        int m2 = hkl[3 * q + 1];
        int m3 = hkl[3 * q + 2];
        int o2 = Math.abs(m2) * cap;
        int o3 = Math.abs(m3) * cap;
        double sg2 = m2 < 0 ? -1 : 1;
        double sg3 = m3 < 0 ? -1 : 1;
        double[] cs = sc.cos;
        double[] sn = sc.sin;
        double[] sfC = sc.sfC;
        double[] sfS = sc.sfS;
        Arrays.fill(sfC, 0);
        Arrays.fill(sfS, 0);
        for (int i = 0; i < n; i++) {
            double c1 = e1c[o1 + i];
            double s1 = e1s[o1 + i];
            double c2 = e2c[o2 + i];
            double s2 = sg2 * e2s[o2 + i];
            double c3 = e3c[o3 + i];
            double s3 = sg3 * e3s[o3 + i];
            double c12 = c1 * c2 - s1 * s2;
            double s12 = s1 * c2 + c1 * s2;
            double c = c12 * c3 - s12 * s3;
            double s = s12 * c3 + c12 * s3;
            cs[i] = c;
            sn[i] = s;
            int ty = types[i];
            sfC[ty] += c;
            sfS[ty] += s;
        }
    }

    private void featureSlice(int t, int threads) {
        Scratch sc = scratch[t];
        double[] fb = sc.feat;
        Arrays.fill(fb, 0, n * nc, 0);
        double[] ac = sc.ac;
        double[] as = sc.as;
        double[] cs = sc.cos;
        double[] sn = sc.sin;
        for (int q = t; q < kv.count; q += threads) {
            int na = activeChannels[q];
            phases(q, sc);
            int lq = q * nc;
            for (int c = 0; c < na; c++) {
                int s = chanSpecies[c];
                ac[c] = lhat[lq + c] * sc.sfC[s];
                as[c] = lhat[lq + c] * sc.sfS[s];
            }
            for (int i = 0; i < n; i++) {
                double ci = cs[i];
                double si = sn[i];
                int base = i * nc;
                for (int c = 0; c < na; c++) {
                    fb[base + c] += ac[c] * ci + as[c] * si;
                }
            }
        }
    }

    private void featureReduceSlice(int t, int threads) {
        int lo = WorkerPool.sliceStart(n, t, threads);
        int hi = WorkerPool.sliceStart(n, t + 1, threads);
        double invV = 1 / volume;
        for (int i = lo; i < hi; i++) {
            int base = i * nc;
            int ty = types[i];
            for (int c = 0; c < nc; c++) {
                double v = 0;
                for (Scratch sc : scratch) {
                    v += sc.feat[base + c];
                }
                int s = chanSpecies[c];
                v += zeroMode[c] * count[s] * invV;
                if (ty == s) {
                    v -= selfTerm[c];
                }
                out[base + perm[c]] = v;
            }
        }
    }

    /**
     * Per k: G_k = sum_c (2/V) L^_c R_c with R_c = Re[A_c(k) S_s(k)] = Ac_c C_s + As_c S_s (sums of w cos, w sin,
     * cos and sin), and
     * dG_k/dr_m = (2/V) k sum_c L^_c [cos_m (w_mc S_s + [t_m = s] As_c) - sin_m (w_mc C_s + [t_m = s] Ac_c)].
     * Under strain k.r is invariant, 1/V gives -delta_ab G_k and |k|^2 gives -2 k_a k_b dL^/dk^2 R_c.
     */
    private void adjointSlice(int t, int threads) {
        Scratch sc = scratch[t];
        double[] fb = sc.force;
        Arrays.fill(fb, 0, 3 * n, 0);
        double[] vir = sc.virial;
        Arrays.fill(vir, 0);
        double[] ac = sc.ac;
        double[] as = sc.as;
        double[] cwC = sc.cwC;
        double[] cwS = sc.cwS;
        double[] xs = sc.xs;
        double[] ys = sc.ys;
        double[] cs = sc.cos;
        double[] sn = sc.sin;
        double[] sfC = sc.sfC;
        double[] sfS = sc.sfS;
        for (int q = t; q < kv.count; q += threads) {
            int na = activeChannels[q];
            phases(q, sc);
            Arrays.fill(ac, 0, na, 0);
            Arrays.fill(as, 0, na, 0);
            for (int i = 0; i < n; i++) {
                double ci = cs[i];
                double si = sn[i];
                int base = i * nc;
                for (int c = 0; c < na; c++) {
                    double wc = w[base + c];
                    ac[c] += wc * ci;
                    as[c] += wc * si;
                }
            }
            Arrays.fill(xs, 0);
            Arrays.fill(ys, 0);
            double gk = 0;
            double gpk = 0;
            int lq = q * nc;
            for (int c = 0; c < na; c++) {
                int s = chanSpecies[c];
                double l = lhat[lq + c];
                double r = ac[c] * sfC[s] + as[c] * sfS[s];
                gk += l * r;
                gpk += dlhat[lq + c] * r;
                cwC[c] = l * sfC[s];
                cwS[c] = l * sfS[s];
                xs[s] += l * as[c];
                ys[s] += l * ac[c];
            }
            double kx = kv.k[3 * q];
            double ky = kv.k[3 * q + 1];
            double kz = kv.k[3 * q + 2];
            for (int m = 0; m < n; m++) {
                int ty = types[m];
                double xm = xs[ty];
                double ym = ys[ty];
                int base = m * nc;
                for (int c = 0; c < na; c++) {
                    double wc = w[base + c];
                    xm += wc * cwS[c];
                    ym += wc * cwC[c];
                }
                double g = cs[m] * xm - sn[m] * ym;
                fb[3 * m] -= g * kx;
                fb[3 * m + 1] -= g * ky;
                fb[3 * m + 2] -= g * kz;
            }
            vir[0] += gk + 2 * gpk * kx * kx;
            vir[4] += gk + 2 * gpk * ky * ky;
            vir[8] += gk + 2 * gpk * kz * kz;
            double xy = 2 * gpk * kx * ky;
            double xz = 2 * gpk * kx * kz;
            double yz = 2 * gpk * ky * kz;
            vir[1] += xy;
            vir[3] += xy;
            vir[2] += xz;
            vir[6] += xz;
            vir[5] += yz;
            vir[7] += yz;
        }
    }

    private void forceReduceSlice(int t, int threads) {
        int lo = 3 * WorkerPool.sliceStart(n, t, threads);
        int hi = 3 * WorkerPool.sliceStart(n, t + 1, threads);
        for (int j = lo; j < hi; j++) {
            double v = 0;
            for (Scratch sc : scratch) {
                v += sc.force[j];
            }
            forceOut[j] += v;
        }
    }
}

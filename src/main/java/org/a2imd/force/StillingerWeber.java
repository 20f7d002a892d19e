package org.a2imd.force;

import java.util.Arrays;
import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.a2imd.neighbor.NeighborList;

/**
 * Stillinger-Weber three-body potential with the functional form and parameter conventions of LAMMPS
 * pair_style sw:
 *
 * <pre>
 *   E = sum_pairs phi2(r_ij) + sum_i sum_{j&lt;k} phi3(r_ij, r_ik, theta_jik)
 *   phi2(r) = A eps (B (sigma/r)^p - (sigma/r)^q) exp(sigma / (r - a sigma))
 *   phi3    = lambda_ijk eps_ijk (cos theta - cos theta0_ijk)^2
 *             exp(gamma_ij sigma_ij / (r_ij - a_ij sigma_ij)) exp(gamma_ik sigma_ik / (r_ik - a_ik sigma_ik))
 * </pre>
 *
 * Two-body parameters of the pair (i, j) and the leg parameters of three-body terms come from the (i, j, j)
 * entry; lambda, epsilon and costheta0 of a three-body term from (i, j, k).
 *
 * <p>Where LAMMPS's result depends on atom tags or neighbour order, namely files whose (a, b, b) two-body
 * parameters differ from (b, a, a) or whose (i, j, k) entry differs from (i, k, j), this class uses the
 * symmetric average: a pair term is (phi2_abb + phi2_baa) / 2 and a three-body term averages the (i, j, k)
 * and (i, k, j) angular factors. For consistent files (all published ones) this is exactly LAMMPS.
 *
 * <p>Per-atom energies as LAMMPS: a pair term gives 1/2 to each of its atoms, a three-body term 1/3 to
 * each of its three.
 *
 * <p>Reads the full neighbour list. Threads take static slices of the local atoms and accumulate into
 * private force buffers (thread 0 writes straight into the output) that are summed in a fixed order,
 * so results are reproducible for a given thread count. No allocation per call once buffers are sized.
 */
public final class StillingerWeber implements ForceField {
    private final SwParameters params;
    private final int nt;
    private final double cutoff;

    // Two-body and leg tables, index a * nt + b, from the (a, b, b) entry.
    private final double[] cut;
    private final double[] cutsq;
    /** max(cutsq[ab], cutsq[ba]): range of the (symmetrised) pair term. */
    private final double[] pairReach2;
    private final boolean[] pairSymmetric;
    private final double[] sigma;
    private final double[] sigmaGamma;
    private final double[] c1;
    private final double[] c2;
    private final double[] c3;
    private final double[] c4;
    private final double[] c5;
    private final double[] c6;
    private final double[] powP;
    private final double[] powQ;
    /** p and q as small integers (multiplications instead of pow), or -1. */
    private final int[] intP;
    private final int[] intQ;

    // Three-body tables, index (a * nt + b) * nt + c: half of lambda*epsilon and costheta0 of the
    // (a, b, c) entry and of the (a, c, b) entry.
    private final double[] half1;
    private final double[] cos1;
    private final double[] half2;
    private final double[] cos2;

    private Worker[] workers = new Worker[0];
    // Per-call context, set before pool.run so the tasks below are allocated once.
    private NeighborList nl;
    private ForceOutput out;
    private int threads;
    private final WorkerPool.Task computeTask = this::computeSlice;
    private final WorkerPool.Task reduceTask = this::reduceSlice;

    public StillingerWeber(SwParameters params) {
        this.params = params;
        this.nt = params.size();
        int n2 = nt * nt;
        cut = new double[n2];
        cutsq = new double[n2];
        pairReach2 = new double[n2];
        pairSymmetric = new boolean[n2];
        sigma = new double[n2];
        sigmaGamma = new double[n2];
        c1 = new double[n2];
        c2 = new double[n2];
        c3 = new double[n2];
        c4 = new double[n2];
        c5 = new double[n2];
        c6 = new double[n2];
        powP = new double[n2];
        powQ = new double[n2];
        intP = new int[n2];
        intQ = new int[n2];
        double maxCut = 0;
        for (int a = 0; a < nt; a++) {
            for (int b = 0; b < nt; b++) {
                int ab = a * nt + b;
                SwParameters.Entry e = params.get(a, b, b);
                double ae = e.bigA() * e.epsilon();
                cut[ab] = e.cut();
                double rc = e.effectiveCutoff();
                cutsq[ab] = rc > 0 ? rc * rc : 0;
                maxCut = Math.max(maxCut, rc);
                sigma[ab] = e.sigma();
                sigmaGamma[ab] = e.sigma() * e.gamma();
                powP[ab] = e.p();
                powQ[ab] = e.q();
                intP[ab] = smallInteger(e.p());
                intQ[ab] = smallInteger(e.q());
                // Derived constants as LAMMPS setup_params: force and energy of the pair term.
                c1[ab] = ae * e.p() * e.bigB() * Math.pow(e.sigma(), e.p());
                c2[ab] = ae * e.q() * Math.pow(e.sigma(), e.q());
                c3[ab] = ae * e.bigB() * Math.pow(e.sigma(), e.p() + 1.0);
                c4[ab] = ae * Math.pow(e.sigma(), e.q() + 1.0);
                c5[ab] = ae * e.bigB() * Math.pow(e.sigma(), e.p());
                c6[ab] = ae * Math.pow(e.sigma(), e.q());
            }
        }
        for (int a = 0; a < nt; a++) {
            for (int b = 0; b < nt; b++) {
                int ab = a * nt + b;
                int ba = b * nt + a;
                pairReach2[ab] = Math.max(cutsq[ab], cutsq[ba]);
                pairSymmetric[ab] = cut[ab] == cut[ba] && cutsq[ab] == cutsq[ba] && sigma[ab] == sigma[ba]
                        && c1[ab] == c1[ba] && c2[ab] == c2[ba] && c3[ab] == c3[ba] && c4[ab] == c4[ba]
                        && c5[ab] == c5[ba] && c6[ab] == c6[ba] && powP[ab] == powP[ba] && powQ[ab] == powQ[ba];
            }
        }
        this.cutoff = maxCut;
        int n3 = n2 * nt;
        half1 = new double[n3];
        cos1 = new double[n3];
        half2 = new double[n3];
        cos2 = new double[n3];
        for (int a = 0; a < nt; a++) {
            for (int b = 0; b < nt; b++) {
                for (int c = 0; c < nt; c++) {
                    int abc = (a * nt + b) * nt + c;
                    SwParameters.Entry e1 = params.get(a, b, c);
                    SwParameters.Entry e2 = params.get(a, c, b);
                    half1[abc] = 0.5 * e1.lambda() * e1.epsilon();
                    cos1[abc] = e1.cosTheta0();
                    half2[abc] = 0.5 * e2.lambda() * e2.epsilon();
                    cos2[abc] = e2.cosTheta0();
                }
            }
        }
    }

    private static int smallInteger(double v) {
        return v == Math.rint(v) && v >= 0 && v <= 16 ? (int) v : -1;
    }

    public SwParameters parameters() {
        return params;
    }

    @Override
    public double cutoff() {
        return cutoff;
    }

    @Override
    public NeighborNeeds neighborNeeds() {
        return NeighborNeeds.FULL;
    }

    @Override
    public String describe() {
        return "sw file " + params.source() + " species " + String.join(" ", params.species())
                + String.format(" cutoff %.6g", cutoff);
    }

    @Override
    public void compute(NeighborList nl, Box box, ForceOutput out, WorkerPool pool) {
        int t = pool.threads();
        if (workers.length != t) {
            workers = new Worker[t];
            for (int k = 0; k < t; k++) {
                workers[k] = new Worker();
            }
        }
        this.nl = nl;
        this.out = out;
        this.threads = t;
        try {
            if (t == 1) {
                computeSlice(0, 1);
            } else {
                pool.run(computeTask);
                pool.run(reduceTask);
            }
            for (int k = 0; k < t; k++) {
                Worker w = workers[k];
                out.energy += w.energy;
                for (int c = 0; c < 9; c++) {
                    out.virial[c] += w.virial[c];
                }
            }
        } finally {
            this.nl = null;
            this.out = null;
        }
    }

    /** Per-thread accumulators and the neighbour scratch of the atom being processed. */
    private static final class Worker {
        double energy;
        final double[] virial = new double[9];
        double[] force = new double[0];
        double[] atomEnergy = new double[0];
        /** Scratch: neighbours of the current atom within their three-body range. */
        int[] sj = new int[32];
        int[] st = new int[32];
        double[] sdx = new double[32];
        double[] sdy = new double[32];
        double[] sdz = new double[32];
        double[] srinvsq = new double[32];
        double[] srinv = new double[32];
        /** exp(gamma sigma / (r - a sigma)) of the leg and minus its log-derivative over r. */
        double[] sexp = new double[32];
        double[] sgs = new double[32];
        /** Three-body force and energy share collected on each short-list neighbour, flushed per atom. */
        double[] sfx = new double[32];
        double[] sfy = new double[32];
        double[] sfz = new double[32];
        double[] se = new double[32];
        /** Output of twoBody: -(d phi2 / dr) / r. */
        double fpair;

        void ensureScratch(int n) {
            if (sj.length < n) {
                int cap = n + n / 2;
                sj = new int[cap];
                st = new int[cap];
                sdx = new double[cap];
                sdy = new double[cap];
                sdz = new double[cap];
                srinvsq = new double[cap];
                srinv = new double[cap];
                sexp = new double[cap];
                sgs = new double[cap];
                sfx = new double[cap];
                sfy = new double[cap];
                sfz = new double[cap];
                se = new double[cap];
            }
        }
    }

    private void computeSlice(int thread, int nThreads) {
        final NeighborList list = nl;
        final ForceOutput o = out;
        final Worker w = workers[thread];
        final int nLocal = list.nLocal;
        final int nAll = list.nAll;
        final boolean wantE = o.wantAtomEnergy;
        final double[] f;
        final double[] eatom;
        if (thread == 0) {
            f = o.force;
            eatom = o.atomEnergy;
        } else {
            if (w.force.length < 3 * nAll) {
                w.force = new double[3 * (nAll + nAll / 8 + 16)];
            } else {
                Arrays.fill(w.force, 0, 3 * nAll, 0.0);
            }
            f = w.force;
            if (wantE) {
                if (w.atomEnergy.length < nLocal) {
                    w.atomEnergy = new double[nLocal];
                } else {
                    Arrays.fill(w.atomEnergy, 0, nLocal, 0.0);
                }
            }
            eatom = w.atomEnergy;
        }
        final double[] x = list.x;
        final int[] type = list.type;
        final int[] owner = list.owner;
        final int[] fullStart = list.fullStart;
        final int[] fullEnd = list.fullEnd;
        final int[] full = list.full;
        final int n = nt;
        double energy = 0;
        double v00 = 0;
        double v01 = 0;
        double v02 = 0;
        double v10 = 0;
        double v11 = 0;
        double v12 = 0;
        double v20 = 0;
        double v21 = 0;
        double v22 = 0;
        final int from = WorkerPool.sliceStart(nLocal, thread, nThreads);
        final int to = WorkerPool.sliceStart(nLocal, thread + 1, nThreads);
        for (int i = from; i < to; i++) {
            final int ti = type[i];
            final double xi = x[3 * i];
            final double yi = x[3 * i + 1];
            final double zi = x[3 * i + 2];
            final int row = ti * n;
            final int begin = fullStart[i];
            final int end = fullEnd[i];
            w.ensureScratch(end - begin);
            final int[] sj = w.sj;
            final int[] st = w.st;
            final double[] sdx = w.sdx;
            final double[] sdy = w.sdy;
            final double[] sdz = w.sdz;
            final double[] srinvsq = w.srinvsq;
            final double[] srinv = w.srinv;
            final double[] sexp = w.sexp;
            final double[] sgs = w.sgs;
            final double[] sfx = w.sfx;
            final double[] sfy = w.sfy;
            final double[] sfz = w.sfz;
            final double[] se = w.se;
            double fix = 0;
            double fiy = 0;
            double fiz = 0;
            double ei = 0;
            int m = 0;
            // Two-body terms (each pair once, by the list's half rule) and the short list.
            for (int p = begin; p < end; p++) {
                final int j = full[p];
                final int tj = type[j];
                final int ab = row + tj;
                final double dx = x[3 * j] - xi;
                final double dy = x[3 * j + 1] - yi;
                final double dz = x[3 * j + 2] - zi;
                final double rsq = dx * dx + dy * dy + dz * dz;
                if (rsq >= pairReach2[ab]) {
                    continue;
                }
                final double r = Math.sqrt(rsq);
                final double rinv = 1.0 / r;
                final boolean inRange = rsq < cutsq[ab];
                double rainv = 0;
                if (inRange) {
                    rainv = 1.0 / (r - cut[ab]);
                    final double gsrainv = sigmaGamma[ab] * rainv;
                    sj[m] = j;
                    st[m] = tj;
                    sdx[m] = dx;
                    sdy[m] = dy;
                    sdz[m] = dz;
                    srinvsq[m] = rinv * rinv;
                    srinv[m] = rinv;
                    sexp[m] = Math.exp(gsrainv);
                    sgs[m] = gsrainv * rainv * rinv;
                    sfx[m] = 0;
                    sfy[m] = 0;
                    sfz[m] = 0;
                    se[m] = 0;
                    m++;
                }
                if (!list.isHalfPair(i, j)) {
                    continue;
                }
                double e;
                double fp;
                if (pairSymmetric[ab]) {
                    // Symmetric pairs have one range, so inRange holds here.
                    e = twoBody(ab, r, rinv, rainv, w);
                    fp = w.fpair;
                } else {
                    e = 0;
                    fp = 0;
                    if (inRange) {
                        e += 0.5 * twoBody(ab, r, rinv, rainv, w);
                        fp += 0.5 * w.fpair;
                    }
                    final int ba = tj * n + ti;
                    if (rsq < cutsq[ba]) {
                        e += 0.5 * twoBody(ba, r, rinv, 1.0 / (r - cut[ba]), w);
                        fp += 0.5 * w.fpair;
                    }
                }
                // Pair force along x_i - x_j = -(dx, dy, dz).
                final double fx = -dx * fp;
                final double fy = -dy * fp;
                final double fz = -dz * fp;
                fix += fx;
                fiy += fy;
                fiz += fz;
                f[3 * j] -= fx;
                f[3 * j + 1] -= fy;
                f[3 * j + 2] -= fz;
                energy += e;
                v00 -= dx * fx;
                v01 -= dx * fy;
                v02 -= dx * fz;
                v10 -= dy * fx;
                v11 -= dy * fy;
                v12 -= dy * fz;
                v20 -= dz * fx;
                v21 -= dz * fy;
                v22 -= dz * fz;
                if (wantE) {
                    ei += 0.5 * e;
                    eatom[owner[j]] += 0.5 * e;
                }
            }
            // Three-body terms centred on i over pairs of the short list. Forces on the neighbours are
            // collected per short-list entry, so the virial is sum_b d_b (x) F_b once per neighbour.
            for (int a = 0; a < m - 1; a++) {
                final double dx1 = sdx[a];
                final double dy1 = sdy[a];
                final double dz1 = sdz[a];
                final double rinvsq1 = srinvsq[a];
                final double rinv1 = srinv[a];
                final double exp1 = sexp[a];
                final double gs1 = sgs[a];
                final int base = (row + st[a]) * n;
                double fjx = 0;
                double fjy = 0;
                double fjz = 0;
                double ej = 0;
                for (int b = a + 1; b < m; b++) {
                    final int abc = base + st[b];
                    final double dx2 = sdx[b];
                    final double dy2 = sdy[b];
                    final double dz2 = sdz[b];
                    final double rinvsq2 = srinvsq[b];
                    final double rinv12 = rinv1 * srinv[b];
                    final double cs = (dx1 * dx2 + dy1 * dy2 + dz1 * dz2) * rinv12;
                    final double d1 = cs - cos1[abc];
                    final double d2 = cs - cos2[abc];
                    final double h1 = half1[abc];
                    final double h2 = half2[abc];
                    final double facexp = exp1 * sexp[b];
                    // Energy facexp * g(cs) and facang = facexp * g'(cs); g averages the (i,j,k) and
                    // (i,k,j) entries, which for a consistent file is lambda eps (cs - cos0)^2.
                    final double facrad = facexp * (h1 * d1 * d1 + h2 * d2 * d2);
                    final double facang = 2.0 * facexp * (h1 * d1 + h2 * d2);
                    final double frad1 = facrad * gs1;
                    final double frad2 = facrad * sgs[b];
                    final double facang12 = rinv12 * facang;
                    final double csfacang = cs * facang;
                    final double csfac1 = rinvsq1 * csfacang;
                    final double csfac2 = rinvsq2 * csfacang;
                    final double fjxa = dx1 * (frad1 + csfac1) - dx2 * facang12;
                    final double fjya = dy1 * (frad1 + csfac1) - dy2 * facang12;
                    final double fjza = dz1 * (frad1 + csfac1) - dz2 * facang12;
                    final double fkx = dx2 * (frad2 + csfac2) - dx1 * facang12;
                    final double fky = dy2 * (frad2 + csfac2) - dy1 * facang12;
                    final double fkz = dz2 * (frad2 + csfac2) - dz1 * facang12;
                    fjx += fjxa;
                    fjy += fjya;
                    fjz += fjza;
                    sfx[b] += fkx;
                    sfy[b] += fky;
                    sfz[b] += fkz;
                    energy += facrad;
                    ej += facrad;
                    se[b] += facrad;
                }
                sfx[a] += fjx;
                sfy[a] += fjy;
                sfz[a] += fjz;
                se[a] += ej;
            }
            for (int b = 0; b < m; b++) {
                final int j = sj[b];
                final double gx = sfx[b];
                final double gy = sfy[b];
                final double gz = sfz[b];
                f[3 * j] += gx;
                f[3 * j + 1] += gy;
                f[3 * j + 2] += gz;
                fix -= gx;
                fiy -= gy;
                fiz -= gz;
                v00 += sdx[b] * gx;
                v01 += sdx[b] * gy;
                v02 += sdx[b] * gz;
                v10 += sdy[b] * gx;
                v11 += sdy[b] * gy;
                v12 += sdy[b] * gz;
                v20 += sdz[b] * gx;
                v21 += sdz[b] * gy;
                v22 += sdz[b] * gz;
                if (wantE) {
                    // Each three-body term gives 1/3 to each of its atoms; se[b] sums the terms touching b,
                    // and every term touches two short-list entries.
                    final double third = se[b] * (1.0 / 3.0);
                    eatom[owner[j]] += third;
                    ei += 0.5 * third;
                }
            }
            f[3 * i] += fix;
            f[3 * i + 1] += fiy;
            f[3 * i + 2] += fiz;
            if (wantE) {
                eatom[i] += ei;
            }
        }
        w.energy = energy;
        double[] v = w.virial;
        v[0] = v00;
        v[1] = v01;
        v[2] = v02;
        v[3] = v10;
        v[4] = v11;
        v[5] = v12;
        v[6] = v20;
        v[7] = v21;
        v[8] = v22;
    }

    /**
     * The pair term phi2 of table entry ab at distance r (rinv = 1/r, rainv = 1/(r - a sigma)) as LAMMPS
     * twobody: returns the energy and leaves -(d phi2/dr)/r in w.fpair.
     */
    private double twoBody(int ab, double r, double rinv, double rainv, Worker w) {
        final double rp = inversePower(r, rinv, powP[ab], intP[ab]);
        final double rq = inversePower(r, rinv, powQ[ab], intQ[ab]);
        final double rainvsq = rainv * rainv * r;
        final double expsrainv = Math.exp(sigma[ab] * rainv);
        w.fpair = (c1[ab] * rp - c2[ab] * rq + (c3[ab] * rp - c4[ab] * rq) * rainvsq) * expsrainv * (rinv * rinv);
        return (c5[ab] * rp - c6[ab] * rq) * expsrainv;
    }

    /** r^-p, by multiplication when p is a small integer. */
    private static double inversePower(double r, double rinv, double p, int ip) {
        if (ip < 0) {
            return Math.pow(r, -p);
        }
        double v = 1.0;
        for (int k = 0; k < ip; k++) {
            v *= rinv;
        }
        return v;
    }

    /** Sums the other threads' buffers into the output, each thread over its own slice of atoms. */
    private void reduceSlice(int thread, int nThreads) {
        final ForceOutput o = out;
        final int nAll = nl.nAll;
        final int nLocal = nl.nLocal;
        final double[] f = o.force;
        final int from = 3 * WorkerPool.sliceStart(nAll, thread, nThreads);
        final int to = 3 * WorkerPool.sliceStart(nAll, thread + 1, nThreads);
        for (int u = 1; u < threads; u++) {
            final double[] g = workers[u].force;
            for (int c = from; c < to; c++) {
                f[c] += g[c];
            }
        }
        if (o.wantAtomEnergy) {
            final double[] e = o.atomEnergy;
            final int eFrom = WorkerPool.sliceStart(nLocal, thread, nThreads);
            final int eTo = WorkerPool.sliceStart(nLocal, thread + 1, nThreads);
            for (int u = 1; u < threads; u++) {
                final double[] g = workers[u].atomEnergy;
                for (int c = eFrom; c < eTo; c++) {
                    e[c] += g[c];
                }
            }
        }
    }
}

package org.a2imd.force;

import java.util.Arrays;
import org.a2imd.core.Box;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.WorkerPool;
import org.a2imd.neighbor.NeighborList;

/**
 * The 12-6 Lennard-Jones pair potential u(r) = 4 eps [(sigma/r)^12 - (sigma/r)^6] for r &lt; rc, with
 * epsilon, sigma and cutoff per species pair, as LAMMPS's {@code lj/cut}.
 *
 * <p>Pairs not given explicitly are mixed from the i-i and j-j entries: Lorentz-Berthelot (LAMMPS
 * {@code arithmetic}: sigma and cutoff arithmetic means, epsilon geometric mean) or geometric (all three
 * geometric means, the LAMMPS default). A pair given without a cutoff uses the global cutoff.
 *
 * <p>Options: plain truncation; {@code shift}: each pair's energy is shifted to zero at its own cutoff
 * (forces unchanged); {@code tail}: the analytic long-range corrections for the truncated, unshifted
 * potential assuming g(r) = 1 beyond the cutoff, E_tail = sum_ab (2 pi N_a N_b / V) int_rc^inf r^2 u_ab dr
 * and P_tail = sum_ab (2 pi N_a N_b / (3 V^2)) int_rc^inf r^2 (-r u_ab') dr. The pressure tail is added to
 * the virial diagonal (3 V P_tail / 3 on each), so P = (2 KE + tr W) / (3 V) includes it; note that this
 * standard P_tail is not -dE_tail/dV (it includes the impulsive term of the truncation), so with the tail
 * on the virial is not the strain derivative of the energy. The energy tail is also spread over the
 * per-atom energies (each atom of species a gets sum_b 2 pi N_b / V int r^2 u_ab) so that they still sum
 * to the total; LAMMPS leaves it out of {@code pe/atom}.
 *
 * <p>Shift and tail together (allowed, as in LAMMPS): forces and pressure then estimate the untruncated
 * potential, but the energy is the shifted sum plus the tail of the unshifted potential, which is the
 * energy of neither the shifted nor the full potential (the per-pair shifts are not undone).
 *
 * <p>Reads the half neighbour list. Not reentrant: one instance computes one configuration at a time.
 */
public final class LennardJones implements ForceField {
    /** How unspecified cross pairs are derived from the like pairs. */
    public enum Mixing {
        /** sigma_ij = (sigma_i + sigma_j) / 2, eps_ij = sqrt(eps_i eps_j), rc_ij = (rc_i + rc_j) / 2. */
        LORENTZ_BERTHELOT("lorentz-berthelot"),
        /** sigma, eps and rc all geometric means (LAMMPS default). */
        GEOMETRIC("geometric"),
        /** No mixing: every pair must be given. */
        NONE("none");

        public final String id;

        Mixing(String id) {
            this.id = id;
        }
    }

    private final SpeciesSet species;
    private final int nt;
    private final boolean shift;
    private final boolean tail;
    private final Mixing mixing;
    private final double maxCutoff;
    /** Per type pair (row-major nt x nt, symmetric): parameters and hot-loop coefficients. */
    private final double[] eps;
    private final double[] sigma;
    private final double[] cut;
    private final double[] cutsq;
    private final double[] lj1;
    private final double[] lj2;
    private final double[] lj3;
    private final double[] lj4;
    private final double[] offset;
    /** Tail integrals per type pair: int_rc^inf r^2 u dr and int_rc^inf r^2 (-r u') dr. */
    private final double[] tailE;
    private final double[] tailW;

    // Per-call context, set before pool.run so the tasks below are allocated once.
    private NeighborList nl;
    private ForceOutput out;
    private int threads;
    /** Atom ranges of the threads, balanced by pairs (NeighborList.halfSplit). */
    private int[] split;
    private double[][] forceBuf = new double[0][];
    private double[][] energyBuf = new double[0][];
    /** Per-thread energy and 6 virial components, padded to separate cache lines. */
    private double[] acc = new double[0];
    private static final int ACC_STRIDE = 16;
    private final int[] count;
    private final double[] tailAtomEnergy;
    private double tailVirial;
    private final WorkerPool.Task pairTask = this::pairSlice;
    private final WorkerPool.Task reduceTask = this::reduceSlice;

    private LennardJones(Builder b) {
        species = b.species;
        nt = species.size();
        shift = b.shift;
        tail = b.tail;
        mixing = b.mixing;
        int nn = nt * nt;
        eps = new double[nn];
        sigma = new double[nn];
        cut = new double[nn];
        cutsq = new double[nn];
        lj1 = new double[nn];
        lj2 = new double[nn];
        lj3 = new double[nn];
        lj4 = new double[nn];
        offset = new double[nn];
        tailE = new double[nn];
        tailW = new double[nn];
        count = new int[nt];
        tailAtomEnergy = new double[nt];
        double max = 0;
        for (int i = 0; i < nt; i++) {
            for (int j = i; j < nt; j++) {
                double e;
                double s;
                double c;
                int k = i * nt + j;
                if (b.given[k]) {
                    e = b.eps[k];
                    s = b.sigma[k];
                    c = Double.isNaN(b.cut[k]) ? b.cutoff : b.cut[k];
                    if (Double.isNaN(c)) {
                        throw new IllegalArgumentException("lj pair " + pairName(i, j)
                                + " has no cutoff and no global cutoff is set");
                    }
                } else {
                    int ii = i * nt + i;
                    int jj = j * nt + j;
                    if (i == j) {
                        throw new IllegalArgumentException("lj pair " + pairName(i, j) + " is not given");
                    }
                    if (mixing == Mixing.NONE) {
                        throw new IllegalArgumentException("lj pair " + pairName(i, j)
                                + " is not given and mixing is off");
                    }
                    if (!b.given[ii] || !b.given[jj]) {
                        String missing = !b.given[ii] && !b.given[jj] ? pairName(i, i) + " and " + pairName(j, j)
                                : !b.given[ii] ? pairName(i, i) : pairName(j, j);
                        throw new IllegalArgumentException("lj pair " + pairName(i, j)
                                + " is not given and cannot be mixed: " + missing + " missing");
                    }
                    double ci = Double.isNaN(b.cut[ii]) ? b.cutoff : b.cut[ii];
                    double cj = Double.isNaN(b.cut[jj]) ? b.cutoff : b.cut[jj];
                    if (Double.isNaN(ci) || Double.isNaN(cj)) {
                        throw new IllegalArgumentException("lj pair " + pairName(i, j)
                                + " cannot be mixed: no cutoff for a like pair and no global cutoff is set");
                    }
                    e = Math.sqrt(b.eps[ii] * b.eps[jj]);
                    if (mixing == Mixing.LORENTZ_BERTHELOT) {
                        s = 0.5 * (b.sigma[ii] + b.sigma[jj]);
                        c = 0.5 * (ci + cj);
                    } else {
                        s = Math.sqrt(b.sigma[ii] * b.sigma[jj]);
                        c = Math.sqrt(ci * cj);
                    }
                }
                set(i, j, e, s, c);
                set(j, i, e, s, c);
                max = Math.max(max, c);
            }
        }
        maxCutoff = max;
    }

    private void set(int i, int j, double e, double s, double c) {
        int k = i * nt + j;
        eps[k] = e;
        sigma[k] = s;
        cut[k] = c;
        cutsq[k] = c * c;
        double s6 = Math.pow(s, 6);
        double s12 = s6 * s6;
        lj1[k] = 48 * e * s12;
        lj2[k] = 24 * e * s6;
        lj3[k] = 4 * e * s12;
        lj4[k] = 4 * e * s6;
        double sr3 = Math.pow(s / c, 3);
        double sr6 = sr3 * sr3;
        double sr9 = sr6 * sr3;
        offset[k] = shift ? 4 * e * (sr6 * sr6 - sr6) : 0;
        double s3 = s * s * s;
        tailE[k] = 4 * e * s3 * (sr9 / 9 - sr3 / 3);
        tailW[k] = 8 * e * s3 * (2.0 / 3.0 * sr9 - sr3);
    }

    private String pairName(int i, int j) {
        return species.name(i) + "-" + species.name(j);
    }

    @Override
    public double cutoff() {
        return maxCutoff;
    }

    @Override
    public NeighborNeeds neighborNeeds() {
        return NeighborNeeds.HALF;
    }

    public double epsilon(int i, int j) {
        return eps[i * nt + j];
    }

    public double sigma(int i, int j) {
        return sigma[i * nt + j];
    }

    public double pairCutoff(int i, int j) {
        return cut[i * nt + j];
    }

    /** Energy subtracted from each pair of types i, j inside the cutoff (0 without shift). */
    public double energyShift(int i, int j) {
        return offset[i * nt + j];
    }

    public boolean shift() {
        return shift;
    }

    public boolean tail() {
        return tail;
    }

    public Mixing mixing() {
        return mixing;
    }

    public SpeciesSet species() {
        return species;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("lj/cut");
        sb.append(" shift ").append(shift ? "yes" : "no").append(" tail ").append(tail ? "yes" : "no")
                .append(" mixing ").append(mixing.id);
        for (int i = 0; i < nt; i++) {
            for (int j = i; j < nt; j++) {
                int k = i * nt + j;
                sb.append(" | ").append(pairName(i, j)).append(" eps ").append(eps[k]).append(" sigma ")
                        .append(sigma[k]).append(" rc ").append(cut[k]);
            }
        }
        return sb.toString();
    }

    @Override
    public void compute(NeighborList nl, Box box, ForceOutput out, WorkerPool pool) {
        if (nl.halfStart == null || nl.cutoff() < maxCutoff) {
            throw new IllegalStateException("lj needs a half neighbour list with cutoff at least " + maxCutoff
                    + (nl.halfStart == null ? " (the list has no half list)" : ", got " + nl.cutoff()));
        }
        int t = pool.threads();
        ensureBuffers(t, nl.nAll, out.wantAtomEnergy ? nl.nLocal : 0);
        this.nl = nl;
        this.out = out;
        this.threads = t;
        this.split = nl.halfSplit(t);
        try {
            pool.run(pairTask);
            if (t > 1) {
                pool.run(reduceTask);
            }
        } finally {
            this.nl = null;
            this.out = null;
        }
        // Fixed-order reduction of the per-thread sums keeps results reproducible for a thread count.
        double e = 0;
        double wxx = 0;
        double wyy = 0;
        double wzz = 0;
        double wxy = 0;
        double wxz = 0;
        double wyz = 0;
        for (int k = 0; k < t; k++) {
            int o = k * ACC_STRIDE;
            e += acc[o];
            wxx += acc[o + 1];
            wyy += acc[o + 2];
            wzz += acc[o + 3];
            wxy += acc[o + 4];
            wxz += acc[o + 5];
            wyz += acc[o + 6];
        }
        if (tail) {
            e += tailEnergy(nl, box);
            wxx += tailVirial;
            wyy += tailVirial;
            wzz += tailVirial;
            if (out.wantAtomEnergy) {
                for (int i = 0; i < nl.nLocal; i++) {
                    out.atomEnergy[i] += tailAtomEnergy[nl.type[i]];
                }
            }
        }
        out.energy += e;
        double[] v = out.virial;
        v[0] += wxx;
        v[4] += wyy;
        v[8] += wzz;
        v[1] += wxy;
        v[3] += wxy;
        v[2] += wxz;
        v[6] += wxz;
        v[5] += wyz;
        v[7] += wyz;
    }

    /** Tail energy (returned), tr(W_tail)/3 (into tailVirial) and per-atom shares per species. */
    private double tailEnergy(NeighborList nl, Box box) {
        Arrays.fill(count, 0);
        for (int i = 0; i < nl.nLocal; i++) {
            count[nl.type[i]]++;
        }
        double v = box.volume();
        double e = 0;
        double tw = 0;
        for (int a = 0; a < nt; a++) {
            double ea = 0;
            for (int b = 0; b < nt; b++) {
                int k = a * nt + b;
                double nn = (double) count[a] * count[b];
                e += nn * tailE[k];
                tw += nn * tailW[k];
                ea += count[b] * tailE[k];
            }
            tailAtomEnergy[a] = 2 * Math.PI * ea / v;
        }
        tailVirial = 2 * Math.PI * tw / v / 3;
        return 2 * Math.PI * e / v;
    }

    private void ensureBuffers(int t, int nAll, int nLocalEnergy) {
        if (forceBuf.length != t) {
            forceBuf = Arrays.copyOf(forceBuf, t);
            energyBuf = Arrays.copyOf(energyBuf, t);
            acc = new double[t * ACC_STRIDE];
        }
        // Thread 0 writes straight into the output; the others into their own buffers.
        for (int k = 1; k < t; k++) {
            if (forceBuf[k] == null || forceBuf[k].length < 3 * nAll) {
                forceBuf[k] = new double[3 * (nAll + nAll / 8 + 16)];
            }
            if (nLocalEnergy > 0 && (energyBuf[k] == null || energyBuf[k].length < nLocalEnergy)) {
                energyBuf[k] = new double[nLocalEnergy + nLocalEnergy / 8 + 16];
            }
        }
    }

    /**
     * Thread {@code thread}'s share of the pair loop: atoms [split[thread], split[thread + 1]), which
     * hold about equal numbers of half-list pairs (the half list gives low-index atoms more partners).
     */
    private void pairSlice(int thread, int nThreads) {
        NeighborList nl = this.nl;
        ForceOutput out = this.out;
        int nAll = nl.nAll;
        int nLocal = nl.nLocal;
        double[] f;
        double[] ae = null;
        boolean wantE = out.wantAtomEnergy;
        if (thread == 0) {
            f = out.force;
            if (wantE) {
                ae = out.atomEnergy;
            }
        } else {
            f = forceBuf[thread];
            Arrays.fill(f, 0, 3 * nAll, 0.0);
            if (wantE) {
                ae = energyBuf[thread];
                Arrays.fill(ae, 0, nLocal, 0.0);
            }
        }
        final double[] x = nl.x;
        final int[] type = nl.type;
        final int[] owner = nl.owner;
        final int[] start = nl.halfStart;
        final int[] end = nl.halfEnd;
        final int[] half = nl.half;
        final double[] cutsq = this.cutsq;
        final double[] lj1 = this.lj1;
        final double[] lj2 = this.lj2;
        final double[] lj3 = this.lj3;
        final double[] lj4 = this.lj4;
        final double[] offset = this.offset;
        final int nt = this.nt;
        int i0 = split[thread];
        int i1 = split[thread + 1];
        double e = 0;
        double wxx = 0;
        double wyy = 0;
        double wzz = 0;
        double wxy = 0;
        double wxz = 0;
        double wyz = 0;
        if (!out.wantEnergy && nt == 1) {
            forceSliceOneType(x, start, end, half, cutsq[0], lj1[0], lj2[0], f, i0, i1);
            Arrays.fill(acc, thread * ACC_STRIDE, thread * ACC_STRIDE + 7, 0.0);
            return;
        }
        if (!out.wantEnergy) {
            forceSlice(x, type, start, end, half, cutsq, lj1, lj2, nt, f, i0, i1);
            Arrays.fill(acc, thread * ACC_STRIDE, thread * ACC_STRIDE + 7, 0.0);
            return;
        }
        for (int i = i0; i < i1; i++) {
            double xi = x[3 * i];
            double yi = x[3 * i + 1];
            double zi = x[3 * i + 2];
            int ti = type[i] * nt;
            double fxi = 0;
            double fyi = 0;
            double fzi = 0;
            for (int p = start[i], pe = end[i]; p < pe; p++) {
                int j = half[p];
                double dx = xi - x[3 * j];
                double dy = yi - x[3 * j + 1];
                double dz = zi - x[3 * j + 2];
                double r2 = dx * dx + dy * dy + dz * dz;
                int k = ti + type[j];
                if (r2 >= cutsq[k]) {
                    continue;
                }
                double r2inv = 1.0 / r2;
                double r6inv = r2inv * r2inv * r2inv;
                double fpair = r6inv * (lj1[k] * r6inv - lj2[k]) * r2inv;
                double fx = dx * fpair;
                double fy = dy * fpair;
                double fz = dz * fpair;
                fxi += fx;
                fyi += fy;
                fzi += fz;
                f[3 * j] -= fx;
                f[3 * j + 1] -= fy;
                f[3 * j + 2] -= fz;
                double u = r6inv * (lj3[k] * r6inv - lj4[k]) - offset[k];
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
        int o = thread * ACC_STRIDE;
        acc[o] = e;
        acc[o + 1] = wxx;
        acc[o + 2] = wyy;
        acc[o + 3] = wzz;
        acc[o + 4] = wxy;
        acc[o + 5] = wxz;
        acc[o + 6] = wyz;
    }

    /** Forces only for a single species: no type lookups, coefficients in registers. */
    private static void forceSliceOneType(double[] x, int[] start, int[] end, int[] half, double cutsq, double lj1, double lj2,
            double[] f, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            double xi = x[3 * i];
            double yi = x[3 * i + 1];
            double zi = x[3 * i + 2];
            double fxi = 0;
            double fyi = 0;
            double fzi = 0;
            for (int p = start[i], pe = end[i]; p < pe; p++) {
                int j3 = 3 * half[p];
                double dx = xi - x[j3];
                double dy = yi - x[j3 + 1];
                double dz = zi - x[j3 + 2];
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 < cutsq) {
                    double r2inv = 1.0 / r2;
                    double r6inv = r2inv * r2inv * r2inv;
                    double fpair = r6inv * (lj1 * r6inv - lj2) * r2inv;
                    double fx = dx * fpair;
                    double fy = dy * fpair;
                    double fz = dz * fpair;
                    fxi += fx;
                    fyi += fy;
                    fzi += fz;
                    f[j3] -= fx;
                    f[j3 + 1] -= fy;
                    f[j3 + 2] -= fz;
                }
            }
            f[3 * i] += fxi;
            f[3 * i + 1] += fyi;
            f[3 * i + 2] += fzi;
        }
    }

    /** Forces only (no energy, no virial): the loop of unobserved steps. */
    private static void forceSlice(double[] x, int[] type, int[] start, int[] end, int[] half, double[] cutsq, double[] lj1,
            double[] lj2, int nt, double[] f, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            double xi = x[3 * i];
            double yi = x[3 * i + 1];
            double zi = x[3 * i + 2];
            int ti = type[i] * nt;
            double fxi = 0;
            double fyi = 0;
            double fzi = 0;
            for (int p = start[i], pe = end[i]; p < pe; p++) {
                int j = half[p];
                double dx = xi - x[3 * j];
                double dy = yi - x[3 * j + 1];
                double dz = zi - x[3 * j + 2];
                double r2 = dx * dx + dy * dy + dz * dz;
                int k = ti + type[j];
                if (r2 >= cutsq[k]) {
                    continue;
                }
                double r2inv = 1.0 / r2;
                double r6inv = r2inv * r2inv * r2inv;
                double fpair = r6inv * (lj1[k] * r6inv - lj2[k]) * r2inv;
                double fx = dx * fpair;
                double fy = dy * fpair;
                double fz = dz * fpair;
                fxi += fx;
                fyi += fy;
                fzi += fz;
                f[3 * j] -= fx;
                f[3 * j + 1] -= fy;
                f[3 * j + 2] -= fz;
            }
            f[3 * i] += fxi;
            f[3 * i + 1] += fyi;
            f[3 * i + 2] += fzi;
        }
    }

    /** Adds the other threads' force (and energy) buffers into the output, each thread an atom range. */
    private void reduceSlice(int thread, int nThreads) {
        ForceOutput out = this.out;
        int nAll = nl.nAll;
        int a0 = 3 * WorkerPool.sliceStart(nAll, thread, nThreads);
        int a1 = 3 * WorkerPool.sliceStart(nAll, thread + 1, nThreads);
        double[] f = out.force;
        for (int k = 1; k < threads; k++) {
            double[] b = forceBuf[k];
            for (int q = a0; q < a1; q++) {
                f[q] += b[q];
            }
        }
        if (out.wantAtomEnergy) {
            int nLocal = nl.nLocal;
            int e0 = WorkerPool.sliceStart(nLocal, thread, nThreads);
            int e1 = WorkerPool.sliceStart(nLocal, thread + 1, nThreads);
            double[] ae = out.atomEnergy;
            for (int k = 1; k < threads; k++) {
                double[] b = energyBuf[k];
                for (int q = e0; q < e1; q++) {
                    ae[q] += b[q];
                }
            }
        }
    }

    /** Collects parameters and options; {@link #build} checks them and makes the force field. */
    public static final class Builder {
        private final SpeciesSet species;
        private final int nt;
        private double cutoff = Double.NaN;
        private boolean shift;
        private boolean tail;
        private Mixing mixing = Mixing.GEOMETRIC;
        private final boolean[] given;
        private final double[] eps;
        private final double[] sigma;
        private final double[] cut;

        public Builder(SpeciesSet species) {
            if (species == null || species.size() == 0) {
                throw new IllegalArgumentException("lj needs at least one species");
            }
            this.species = species;
            this.nt = species.size();
            given = new boolean[nt * nt];
            eps = new double[nt * nt];
            sigma = new double[nt * nt];
            cut = new double[nt * nt];
            Arrays.fill(cut, Double.NaN);
        }

        /** Global cutoff, used by every pair given without its own cutoff. */
        public Builder cutoff(double rc) {
            if (!(rc > 0) || !Double.isFinite(rc)) {
                throw new IllegalArgumentException("lj cutoff must be a positive number, got " + rc);
            }
            this.cutoff = rc;
            return this;
        }

        /** Shift each pair's energy to zero at its cutoff. */
        public Builder shift(boolean on) {
            this.shift = on;
            return this;
        }

        /** Add the analytic long-range tail corrections to energy and pressure. */
        public Builder tail(boolean on) {
            this.tail = on;
            return this;
        }

        public Builder mixing(Mixing m) {
            if (m == null) {
                throw new IllegalArgumentException("lj mixing rule must not be null");
            }
            this.mixing = m;
            return this;
        }

        public Builder pair(String a, String b, double epsilon, double sigma) {
            return pairChecked(index(a), index(b), epsilon, sigma, Double.NaN);
        }

        public Builder pair(String a, String b, double epsilon, double sigma, double cutoff) {
            checkCutoff(a + "-" + b, cutoff);
            return pair(index(a), index(b), epsilon, sigma, cutoff);
        }

        public Builder pair(int a, int b, double epsilon, double sigma) {
            return pairChecked(a, b, epsilon, sigma, Double.NaN);
        }

        public Builder pair(int a, int b, double epsilon, double sigma, double cutoff) {
            checkType(a);
            checkType(b);
            checkCutoff(species.name(a) + "-" + species.name(b), cutoff);
            return pairChecked(a, b, epsilon, sigma, cutoff);
        }

        private Builder pairChecked(int a, int b, double epsilon, double sig, double rc) {
            checkType(a);
            checkType(b);
            String name = species.name(a) + "-" + species.name(b);
            if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("lj epsilon of pair " + name
                        + " must be a non-negative number, got " + epsilon);
            }
            if (!(sig > 0) || !Double.isFinite(sig)) {
                throw new IllegalArgumentException("lj sigma of pair " + name + " must be a positive number, got "
                        + sig);
            }
            int k = a * nt + b;
            if (given[k]) {
                throw new IllegalArgumentException("lj pair " + name + " is given twice");
            }
            for (int q : new int[] {a * nt + b, b * nt + a}) {
                given[q] = true;
                eps[q] = epsilon;
                sigma[q] = sig;
                cut[q] = rc;
            }
            return this;
        }

        private static void checkCutoff(String name, double rc) {
            if (!(rc > 0) || !Double.isFinite(rc)) {
                throw new IllegalArgumentException("lj cutoff of pair " + name + " must be a positive number, got "
                        + rc);
            }
        }

        private int index(String name) {
            int t = species.indexOf(name);
            if (t < 0) {
                throw new IllegalArgumentException("lj pair names unknown species '" + name + "' (known: "
                        + String.join(", ", species.names()) + ")");
            }
            return t;
        }

        private void checkType(int t) {
            if (t < 0 || t >= nt) {
                throw new IllegalArgumentException("lj pair names type " + t + ", but types are 0.." + (nt - 1));
            }
        }

        public LennardJones build() {
            return new LennardJones(this);
        }
    }
}

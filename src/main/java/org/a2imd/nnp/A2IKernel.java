package org.a2imd.nnp;

import java.util.Arrays;
import org.a2imd.neighbor.NeighborList;

/**
 * Forward pass and hand-written reverse sweep of the A2I network for one centre atom at a time; one
 * instance per thread, its scratch sized from the largest neighbour count seen (grown only when
 * exceeded, never shrunk), so evaluations allocate nothing after warm-up.
 *
 * <p>Layout, chosen for HotSpot's auto-vectoriser: every token matrix is an array of rows, one
 * {@code double[]} per feature, indexed by token (feature-major), and every attention matrix is an
 * array of rows too. All hot loops then have the one form C2 turns into packed FMAs: one output row
 * updated from at most four other rows, {@code y[t] = fma(a0, x0[t], ... y[t])}, with no offsets into
 * the arrays (offsets and several stores per loop defeat the vectoriser; measured 2-3x slower). Dense
 * layers and all six attention products are written this way, as sums of rows of the other operand;
 * the two products that would need a reduction over the contiguous index read a transposed copy.
 * Token counts are padded to a multiple of 8 with inert tokens (envelope 0, basis 0): they receive
 * and send nothing, so padding changes no result.
 *
 * <p>Notation: u_j = x_j - x_i (neighbour j seen from centre i), r_j = |u_j|, n_j = u_j / r_j. The
 * reverse sweep produces dE_i/du_j for every neighbour: the force on j is -dE_i/du_j, on i the sum of
 * +dE_i/du_j, and the virial gains -u_j (x) dE_i/du_j (ForceOutput's r = x_i - x_j, f = force on i).
 * Attention matrices are stored key-major: row m (key token) over queries j, so AT[m][j] = a_jm.
 */
final class A2IKernel {
    private static final int PAD = 8;

    private final A2IModel model;
    private final int nk;
    private final int d;
    private final int nh;
    private final int dh;
    private final int nlay;
    private final int nf;
    private final int m1;
    private final int m2;
    /** F, long-range features per atom (readout rows d .. d+F-1 of readout.W1). */
    private final int nlr;
    private final double rc;
    private final int p;
    private final double envA;
    private final double envB;
    private final double envC;
    private final double bound;
    private final double invSqrtDh;
    private final int expSquarings;

    // Long-range inputs of the current atom: normalised features lam[lamOff ..], adjoint into dLam.
    private double[] lam;
    private double[] dLam;
    private int lamOff;

    // Neighbour gather, sized from the list length.
    private int gatherCap = -1; // the first call allocates even for an atom without neighbours
    private int[] nb = new int[0];
    private int[] sp = new int[0];
    private double[] ux = new double[0];
    private double[] uy = new double[0];
    private double[] uz = new double[0];

    // Everything else, sized from the largest padded in-cutoff count.
    private int cap = -1;
    private double[] r;
    private double[] nx;
    private double[] ny;
    private double[] nz;
    private double[] fc;
    private double[] fcp;
    private double[][] rb;
    private double[][] rbp;
    private double[][] cosM;
    private double[][] pre;
    private double[][] preSig;
    private double[][][] hs;
    private double[][][] q;
    private double[][][] k;
    private double[][][] v;
    private double[][][] vf;
    private double[][][] o;
    private double[][][] hmid;
    private double[][][] z;
    private double[][][] zSig;
    private double[][][] az;
    /** Attention weights a_jm = fc_m exp(c tanh(logit / c)) / n0 without fc (in vf), key-major [b][h][m][j]. */
    private double[][][][] at;
    /** d a_jm / d logit_jm = a_jm (1 - tanh^2), same layout. */
    private double[][][][] gt;
    /** With the angular factor A_h(cos): the attention weights before it, exp(bounded logit) / n0; else null. */
    private double[][][][] et;
    private double[][] dH;
    private double[][] dHmid;
    private double[][] dZ;
    private double[][] dO;
    private double[][] dVf;
    private double[][] dQ;
    private double[][] dK;
    private double[][] dLT;
    private double[][] dL;
    private double[][] aQ;
    private double[][] dCos;
    private double[][] dRow;
    private double[] dFc;
    private double[] dRad;
    private final double[] g;
    private final double[] y1p;
    private final double[] y1;
    private final double[] y2p;
    private final double[] y2;
    private final double[] dg;
    private final double[] dy1;
    private final double[] dy2;
    private final double[] csi;
    /** Gathered product coefficients, input-major (see TokenGemm): transposed weights, scaled k, v, q, dO. */
    private double[] cbuf;
    /** Channel-fastest results of TokenGemm.dotRows before they are scattered into token rows. */
    private double[] dotTmp;
    private final double[] dotZeros = new double[64];
    private static final TokenGemm GEMM = TokenGemm.INSTANCE;

    A2IKernel(A2IModel model) {
        this.model = model;
        A2IArchitecture a = model.architecture();
        nk = a.radial();
        d = a.width();
        nh = a.heads();
        dh = a.headWidth();
        nlay = a.layers();
        nf = a.ffn();
        m1 = a.hidden1();
        m2 = a.hidden2();
        nlr = a.longRangeFeatures();
        rc = a.cutoff();
        p = a.envelopeP();
        envA = (p + 1) * (p + 2) / 2.0;
        envB = p * (p + 2.0);
        envC = p * (p + 1) / 2.0;
        bound = a.logitBound();
        invSqrtDh = 1.0 / Math.sqrt(dh);
        expSquarings = BoundedExp.squarings(bound);
        g = new double[d];
        dg = new double[d];
        csi = new double[d];
        y1p = new double[m1];
        y1 = new double[m1];
        dy1 = new double[m1];
        y2p = new double[m2];
        y2 = new double[m2];
        dy2 = new double[m2];
        ensureCapacity(16);
    }

    /** Largest (padded) neighbour count the scratch currently holds. */
    int capacity() {
        return cap;
    }

    private void ensureGather(int n) {
        if (n > gatherCap) {
            gatherCap = n + n / 4 + 8;
            nb = new int[gatherCap];
            sp = new int[gatherCap + PAD];
            ux = new double[gatherCap];
            uy = new double[gatherCap];
            uz = new double[gatherCap];
        }
    }

    private void ensureCapacity(int m) {
        if (m <= cap) {
            return;
        }
        int c = padded(Math.max(m + m / 8 + 4, 16));
        cap = c;
        r = new double[c];
        nx = new double[c];
        ny = new double[c];
        nz = new double[c];
        fc = new double[c];
        fcp = new double[c];
        rb = new double[nk][c];
        rbp = new double[nk][c];
        cosM = new double[c][c];
        pre = new double[d][c];
        preSig = new double[d][c];
        hs = new double[nlay + 1][d][c];
        q = new double[nlay][d][c];
        k = new double[nlay][d][c];
        v = new double[nlay][d][c];
        vf = new double[nlay][d][c];
        o = new double[nlay][d][c];
        hmid = new double[nlay][d][c];
        z = new double[nlay][nf][c];
        zSig = new double[nlay][nf][c];
        az = new double[nlay][nf][c];
        at = new double[nlay][nh][c][c];
        gt = new double[nlay][nh][c][c];
        et = model.architecture().angularFactor() ? new double[nlay][nh][c][c] : null;
        dH = new double[d][c];
        dHmid = new double[d][c];
        dZ = new double[nf][c];
        dO = new double[d][c];
        dVf = new double[d][c];
        dQ = new double[d][c];
        dK = new double[d][c];
        dLT = new double[c][c];
        dL = new double[c][c];
        aQ = new double[c][c];
        dCos = new double[c][c];
        dRow = new double[nk][c];
        dFc = new double[c];
        dRad = new double[c];
        dotTmp = new double[c * Math.max(dh, 1)];
        cbuf = new double[Math.max(Math.max(d, nf) * Math.max(d, nf), c * Math.max(dh, 1))];
    }

    private static int padded(int m) {
        return (m + PAD - 1) / PAD * PAD;
    }

    /**
     * Energy E_i of local atom i. Adds -dE_i/dx to {@code f} (3 per atom of the list, ghosts
     * included), the virial contribution to {@code vir} (when non-null) and dE_i/dtheta to
     * {@code grad} (when non-null, same layout as the weights). With the long-range channel,
     * {@code features[i * F + c]} are the atom's normalised features (readout inputs) and
     * {@code dEdFeatures[i * F + c]} receives dE_i / d(normalised feature c) (set, not added); both are
     * ignored (may be null) without the channel.
     */
    double atom(int i, NeighborList nl, int[] typeMap, double[] w, double[] f, double[] vir, double[] grad,
            double[] features, double[] dEdFeatures) {
        lam = features;
        dLam = dEdFeatures;
        lamOff = i * nlr;
        final double[] x = nl.x;
        final int start = nl.fullStart[i];
        final int end = nl.fullEnd[i];
        ensureGather(end - start);
        final double xi = x[3 * i];
        final double yi = x[3 * i + 1];
        final double zi = x[3 * i + 2];
        final double rc2 = rc * rc;
        int mm = 0;
        for (int pp = start; pp < end; pp++) {
            int j = nl.full[pp];
            double dx = x[3 * j] - xi;
            double dy = x[3 * j + 1] - yi;
            double dz = x[3 * j + 2] - zi;
            if (dx * dx + dy * dy + dz * dz >= rc2) {
                continue; // the list is built with a skin
            }
            nb[mm] = j;
            sp[mm] = typeMap[nl.type[j]];
            ux[mm] = dx;
            uy[mm] = dy;
            uz[mm] = dz;
            mm++;
        }
        final int m = mm;
        final int n = padded(Math.max(m, 1));
        ensureCapacity(n);
        for (int j = m; j < n; j++) {
            sp[j] = 0;
        }
        final int si = typeMap[nl.type[i]];

        geometry(m, n);
        double e = forward(n, si, w);
        backward(n, si, w, grad);

        // dE/du_j from radial (basis and envelope) and angular (cosine) dependencies.
        for (int j = 0; j < m; j++) {
            double[] dcj = dCos[j];
            double sx = 0;
            double sy = 0;
            double sz = 0;
            double t = 0;
            double[] cj = cosM[j];
            for (int l = 0; l < m; l++) {
                double gs = dcj[l]; // symmetrised, diagonal zero: cos theta_jj = 1 for every geometry
                sx += gs * nx[l];
                sy += gs * ny[l];
                sz += gs * nz[l];
                t += gs * cj[l];
            }
            double rj = r[j];
            double nxj = nx[j];
            double nyj = ny[j];
            double nzj = nz[j];
            double ra = dRad[j];
            double gx = ra * nxj + (sx - t * nxj) / rj;
            double gy = ra * nyj + (sy - t * nyj) / rj;
            double gz = ra * nzj + (sz - t * nzj) / rj;
            int a = 3 * nb[j];
            f[a] -= gx;
            f[a + 1] -= gy;
            f[a + 2] -= gz;
            f[3 * i] += gx;
            f[3 * i + 1] += gy;
            f[3 * i + 2] += gz;
            if (vir != null) {
                double px = -ux[j];
                double py = -uy[j];
                double pz = -uz[j];
                vir[0] += px * gx;
                vir[1] += px * gy;
                vir[2] += px * gz;
                vir[3] += py * gx;
                vir[4] += py * gy;
                vir[5] += py * gz;
                vir[6] += pz * gx;
                vir[7] += pz * gy;
                vir[8] += pz * gz;
            }
        }
        return e;
    }

    /**
     * Distances, unit vectors, envelope, radial basis and the cosine matrix; padding tokens get
     * r = r_c (envelope and its slope 0), zero basis and zero unit vector.
     */
    private void geometry(int m, int n) {
        double[] scale = model.rbfScale();
        double w0 = Math.PI / rc;
        for (int j = 0; j < m; j++) {
            double rj = Math.sqrt(ux[j] * ux[j] + uy[j] * uy[j] + uz[j] * uz[j]);
            r[j] = rj;
            nx[j] = ux[j] / rj;
            ny[j] = uy[j] / rj;
            nz[j] = uz[j] / rj;
            double xr = rj / rc;
            double xp = 1;
            for (int t = 1; t < p; t++) {
                xp *= xr; // x^(p-1)
            }
            fc[j] = 1 + xp * xr * (-envA + xr * (envB - envC * xr));
            fcp[j] = xp * (-envA * p + xr * (envB * (p + 1) - envC * (p + 2) * xr)) / rc;
            // sin(n a), cos(n a) by the Chebyshev recurrence: one sin and one cos per neighbour.
            double ang = w0 * rj;
            double s1 = Math.sin(ang);
            double c1 = Math.cos(ang);
            double sPrev = 0;
            double cPrev = 1;
            double sCur = s1;
            double cCur = c1;
            double ir = 1.0 / rj;
            for (int kk = 1; kk <= nk; kk++) {
                double sc = scale[kk - 1];
                rb[kk - 1][j] = sc * sCur * ir;
                rbp[kk - 1][j] = sc * (kk * w0 * cCur - sCur * ir) * ir;
                double sNext = 2 * c1 * sCur - sPrev;
                double cNext = 2 * c1 * cCur - cPrev;
                sPrev = sCur;
                cPrev = cCur;
                sCur = sNext;
                cCur = cNext;
            }
        }
        for (int j = m; j < n; j++) {
            r[j] = rc;
            nx[j] = 0;
            ny[j] = 0;
            nz[j] = 0;
            fc[j] = 0;
            fcp[j] = 0;
            for (int kk = 0; kk < nk; kk++) {
                rb[kk][j] = 0;
                rbp[kk][j] = 0;
            }
        }
        for (int j = 0; j < n; j++) {
            double[] cj = cosM[j];
            double a = nx[j];
            double b = ny[j];
            double c = nz[j];
            for (int t = 0; t < n; t++) {
                cj[t] = Math.fma(a, nx[t], Math.fma(b, ny[t], c * nz[t]));
            }
            cj[j] = 1.0;
        }
    }

    private double forward(int n, int si, double[] w) {
        final double invN0 = 1.0 / model.n0();
        // Tokens: h_j = act(W_r rbf(r_ij) + e_s[s_j] + c_s[s_i]).
        for (int c = 0; c < d; c++) {
            csi[c] = w[model.cs + si * d + c];
            double[] pc = pre[c];
            for (int j = 0; j < n; j++) {
                pc[j] = w[model.es + sp[j] * d + c] + csi[c];
            }
        }
        GEMM.rows(pre, 0, d, rb, 0, nk, w, model.wr, d, 1, n);
        siluRows(pre, preSig, hs[0], d, n);
        for (int b = 0; b < nlay; b++) {
            double[][] xin = hs[b];
            double[][] qb = q[b];
            double[][] kb = k[b];
            double[][] vb = v[b];
            double[][] vfb = vf[b];
            double[][] ob = o[b];
            dense(w, model.wq[b], model.bq[b], d, d, xin, qb, n);
            dense(w, model.wk[b], model.bk[b], d, d, xin, kb, n);
            dense(w, model.wv[b], model.bv[b], d, d, xin, vb, n);
            for (int c = 0; c < d; c++) {
                double[] vc = vb[c];
                double[] vfc = vfb[c];
                for (int j = 0; j < n; j++) {
                    vfc[j] = fc[j] * vc[j];
                }
            }
            int betaOff = model.beta[b];
            for (int h = 0; h < nh; h++) {
                // Legendre bias sum_l beta_l P_l(cos) as one cubic in cos.
                double be0 = w[betaOff + 4 * h];
                double be1 = w[betaOff + 4 * h + 1];
                double be2 = w[betaOff + 4 * h + 2];
                double be3 = w[betaOff + 4 * h + 3];
                double c0 = be0 - 0.5 * be2;
                double c1 = be1 - 1.5 * be3;
                double c2 = 1.5 * be2;
                double c3 = 2.5 * be3;
                int h0 = h * dh;
                double[][] ath = at[b][h];
                double[][] gth = gt[b][h];
                // Row mk (key): logit_{j,mk} over queries j = bias + q_j . k_mk / sqrt(d/H): the bias rows,
                // then all rows in one product with coefficients k_mk / sqrt(d/H).
                for (int mk = 0; mk < n; mk++) {
                    double[] row = ath[mk];
                    double[] cm = cosM[mk];
                    for (int j = 0; j < n; j++) {
                        double cc = cm[j];
                        row[j] = Math.fma(cc, Math.fma(cc, Math.fma(cc, c3, c2), c1), c0);
                    }
                }
                gatherScaled(kb, h0, dh, invSqrtDh, n);
                GEMM.rows(ath, 0, n, qb, h0, dh, cbuf, 0, n, 1, n);
                for (int mk = 0; mk < n; mk++) {
                    double[] row = ath[mk];
                    double[] cm = cosM[mk];
                    GEMM.boundedExp(row, gth[mk], n, bound, expSquarings, invN0);
                    if (et != null) {
                        angularFactor(w, model.alpha[b] + 3 * h, cm, row, gth[mk], et[b][h][mk], n);
                    }
                }
                // o_j = sum_m a_jm fc_m v_m, per head channel: rows of AT weighted by vf.
                for (int c = h0; c < h0 + dh; c++) {
                    Arrays.fill(ob[c], 0, n, 0.0);
                }
                gatherRows(vfb, h0, dh, 1.0, n);
                GEMM.rows(ob, h0, dh, ath, 0, n, cbuf, 0, dh, 1, n);
            }
            double[][] hm = hmid[b];
            dense(w, model.wo[b], model.bo[b], d, d, ob, hm, n);
            for (int c = 0; c < d; c++) {
                addTo(hm[c], xin[c], n);
            }
            dense(w, model.w1[b], model.b1[b], d, nf, hm, z[b], n);
            siluRows(z[b], zSig[b], az[b], nf, n);
            double[][] hout = hs[b + 1];
            dense(w, model.w2[b], model.b2[b], nf, d, az[b], hout, n);
            for (int c = 0; c < d; c++) {
                addTo(hout[c], hm[c], n);
            }
        }
        // Readout g = (1/n0) sum_j fc_j h_j, then the MLP.
        double[][] hl = hs[nlay];
        for (int c = 0; c < d; c++) {
            g[c] = dot(hl[c], fc, n) * invN0;
        }
        for (int t = 0; t < m1; t++) {
            y1p[t] = w[model.r1b + t];
        }
        for (int c = 0; c < d; c++) {
            axpy(y1p, 0, w, model.r1w + c * m1, g[c], m1);
        }
        for (int c = 0; c < nlr; c++) {
            axpy(y1p, 0, w, model.r1w + (d + c) * m1, lam[lamOff + c], m1);
        }
        for (int t = 0; t < m1; t++) {
            y1[t] = silu(y1p[t]);
        }
        for (int t = 0; t < m2; t++) {
            y2p[t] = w[model.r2b + t];
        }
        for (int c = 0; c < m1; c++) {
            axpy(y2p, 0, w, model.r2w + c * m2, y1[c], m2);
        }
        for (int t = 0; t < m2; t++) {
            y2[t] = silu(y2p[t]);
        }
        double out = w[model.r3b];
        for (int t = 0; t < m2; t++) {
            out += y2[t] * w[model.r3w + t];
        }
        return model.e0()[si] + model.energyScale() * out;
    }

    /** Reverse sweep: leaves dE/dcos (symmetrised) in dCos, dE/dr in dRad; adds dE/dtheta to grad. */
    private void backward(int n, int si, double[] w, double[] grad) {
        final double invN0 = 1.0 / model.n0();
        final double dout = model.energyScale();
        // Readout MLP.
        for (int t = 0; t < m2; t++) {
            dy2[t] = dout * w[model.r3w + t] * siluPrime(y2p[t]);
        }
        if (grad != null) {
            axpy(grad, model.r3w, y2, 0, dout, m2);
            grad[model.r3b] += dout;
            for (int c = 0; c < m1; c++) {
                axpy(grad, model.r2w + c * m2, dy2, 0, y1[c], m2);
            }
            axpy(grad, model.r2b, dy2, 0, 1.0, m2);
        }
        for (int c = 0; c < m1; c++) {
            double s = 0;
            for (int t = 0; t < m2; t++) {
                s += w[model.r2w + c * m2 + t] * dy2[t];
            }
            dy1[c] = s * siluPrime(y1p[c]);
        }
        if (grad != null) {
            for (int c = 0; c < d; c++) {
                axpy(grad, model.r1w + c * m1, dy1, 0, g[c], m1);
            }
            for (int c = 0; c < nlr; c++) {
                axpy(grad, model.r1w + (d + c) * m1, dy1, 0, lam[lamOff + c], m1);
            }
            axpy(grad, model.r1b, dy1, 0, 1.0, m1);
        }
        for (int c = 0; c < nlr; c++) {
            double s = 0;
            for (int t = 0; t < m1; t++) {
                s += w[model.r1w + (d + c) * m1 + t] * dy1[t];
            }
            dLam[lamOff + c] = s;
        }
        for (int c = 0; c < d; c++) {
            double s = 0;
            for (int t = 0; t < m1; t++) {
                s += w[model.r1w + c * m1 + t] * dy1[t];
            }
            dg[c] = s;
        }
        double[][] hl = hs[nlay];
        Arrays.fill(dFc, 0, n, 0.0);
        for (int c = 0; c < d; c++) {
            double s = dg[c] * invN0;
            double[] dhc = dH[c];
            double[] hc = hl[c];
            for (int j = 0; j < n; j++) {
                dhc[j] = s * fc[j];
                dFc[j] = Math.fma(s, hc[j], dFc[j]);
            }
        }
        for (int j = 0; j < n; j++) {
            Arrays.fill(dCos[j], 0, n, 0.0);
        }
        for (int b = nlay - 1; b >= 0; b--) {
            double[][] xin = hs[b];
            double[][] hm = hmid[b];
            // Feed-forward: h_out = hmid + W2 act(W1 hmid + b1) + b2.
            for (int c = 0; c < d; c++) {
                System.arraycopy(dH[c], 0, dHmid[c], 0, n);
            }
            denseBackInput(w, model.w2[b], nf, d, dH, dZ, n, false);
            if (grad != null) {
                denseGrad(grad, model.w2[b], model.b2[b], nf, d, az[b], dH, n);
            }
            siluBackRows(dZ, z[b], zSig[b], nf, n);
            if (grad != null) {
                denseGrad(grad, model.w1[b], model.b1[b], d, nf, hm, dZ, n);
            }
            denseBackInput(w, model.w1[b], d, nf, dZ, dHmid, n, true);
            // Attention output: hmid = x + Wo o + bo.
            denseBackInput(w, model.wo[b], d, d, dHmid, dO, n, false);
            if (grad != null) {
                denseGrad(grad, model.wo[b], model.bo[b], d, d, o[b], dHmid, n);
            }
            for (int c = 0; c < d; c++) {
                System.arraycopy(dHmid[c], 0, dH[c], 0, n);
            }
            double[][] qb = q[b];
            double[][] kb = k[b];
            double[][] vb = v[b];
            double[][] vfb = vf[b];
            int betaOff = model.beta[b];
            for (int h = 0; h < nh; h++) {
                double be2 = w[betaOff + 4 * h + 2];
                double be3 = w[betaOff + 4 * h + 3];
                // d bias / d cos of the cubic c0 + c1 x + c2 x^2 + c3 x^3.
                double c1 = w[betaOff + 4 * h + 1] - 1.5 * be3;
                double c2x2 = 3.0 * be2;
                double c3x3 = 7.5 * be3;
                int h0 = h * dh;
                double[][] ath = at[b][h];
                double[][] gth = gt[b][h];
                double gb0 = 0;
                double gb1 = 0;
                double gb2 = 0;
                double gb3 = 0;
                // d a_{j,mk} = do_j . (fc v)_mk: all key rows in one product; d logit = d a * a (1 - tanh^2).
                for (int mk = 0; mk < n; mk++) {
                    Arrays.fill(dLT[mk], 0, n, 0.0);
                }
                gatherScaled(vfb, h0, dh, 1.0, n);
                GEMM.rows(dLT, 0, n, dO, h0, dh, cbuf, 0, n, 1, n);
                for (int mk = 0; mk < n; mk++) {
                    double[] row = dLT[mk];
                    double[] gr = gth[mk];
                    double[] cm = cosM[mk];
                    double[] dcm = dCos[mk];
                    if (et != null) {
                        angularFactorBack(w, model.alpha[b] + 3 * h, cm, row, et[b][h][mk], dcm, grad, n);
                    }
                    for (int j = 0; j < n; j++) {
                        double dl = row[j] * gr[j];
                        row[j] = dl;
                        double cc = cm[j];
                        dcm[j] = Math.fma(dl, Math.fma(cc, Math.fma(cc, c3x3, c2x2), c1), dcm[j]);
                    }
                    if (grad != null) {
                        for (int j = 0; j < n; j++) {
                            double dl = row[j];
                            double cc = cm[j];
                            gb0 += dl;
                            gb1 += dl * cc;
                            gb2 += dl * (1.5 * cc * cc - 0.5);
                            gb3 += dl * (2.5 * cc * cc - 1.5) * cc;
                        }
                    }
                }
                if (grad != null) {
                    grad[betaOff + 4 * h] += gb0;
                    grad[betaOff + 4 * h + 1] += gb1;
                    grad[betaOff + 4 * h + 2] += gb2;
                    grad[betaOff + 4 * h + 3] += gb3;
                }
                // dq_j = sum_m d logit_jm k_m / sqrt(d/H): rows of dLT weighted by k.
                for (int c = h0; c < h0 + dh; c++) {
                    Arrays.fill(dQ[c], 0, n, 0.0);
                }
                gatherRows(kb, h0, dh, invSqrtDh, n);
                GEMM.rows(dQ, h0, dh, dLT, 0, n, cbuf, 0, dh, 1, n);
                // dk_m = sum_j d logit_jm q_j / sqrt(d/H) and d(fc v)_m = sum_j a_jm do_j need the
                // query-major matrices: with a head as wide as a vector, dot products over the key rows
                // in vector form (same terms, same order); else transpose once, then sum rows again.
                if (dh == GEMM.dotLanes()) {
                    gatherRows(qb, h0, dh, invSqrtDh, n);
                    GEMM.dotRows(dK, h0, dLT, cbuf, dotTmp, dotZeros, n);
                    gatherRows(dO, h0, dh, 1.0, n);
                    GEMM.dotRows(dVf, h0, ath, cbuf, dotTmp, dotZeros, n);
                } else {
                    transpose(dLT, dL, n);
                    transpose(ath, aQ, n);
                    for (int c = h0; c < h0 + dh; c++) {
                        Arrays.fill(dK[c], 0, n, 0.0);
                        Arrays.fill(dVf[c], 0, n, 0.0);
                    }
                    gatherRows(qb, h0, dh, invSqrtDh, n);
                    GEMM.rows(dK, h0, dh, dL, 0, n, cbuf, 0, dh, 1, n);
                    gatherRows(dO, h0, dh, 1.0, n);
                    GEMM.rows(dVf, h0, dh, aQ, 0, n, cbuf, 0, dh, 1, n);
                }
            }
            for (int c = 0; c < d; c++) {
                double[] dvc = dVf[c];
                double[] vc = vb[c];
                for (int j = 0; j < n; j++) {
                    dFc[j] = Math.fma(dvc[j], vc[j], dFc[j]);
                    dvc[j] *= fc[j]; // now dE/dv
                }
            }
            denseBackInput(w, model.wq[b], d, d, dQ, dH, n, true);
            denseBackInput(w, model.wk[b], d, d, dK, dH, n, true);
            denseBackInput(w, model.wv[b], d, d, dVf, dH, n, true);
            if (grad != null) {
                denseGrad(grad, model.wq[b], model.bq[b], d, d, xin, dQ, n);
                denseGrad(grad, model.wk[b], model.bk[b], d, d, xin, dK, n);
                denseGrad(grad, model.wv[b], model.bv[b], d, d, xin, dVf, n);
            }
        }
        // Embedding: dH becomes d pre-activation.
        siluBackRows(dH, pre, preSig, d, n);
        if (grad != null) {
            for (int kk = 0; kk < nk; kk++) {
                for (int c = 0; c < d; c++) {
                    grad[model.wr + kk * d + c] += dot(rb[kk], dH[c], n);
                }
            }
            for (int c = 0; c < d; c++) {
                double[] dhc = dH[c];
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    grad[model.es + sp[j] * d + c] += dhc[j];
                    sum += dhc[j];
                }
                grad[model.cs + si * d + c] += sum;
            }
        }
        for (int j = 0; j < n; j++) {
            dRad[j] = dFc[j] * fcp[j];
        }
        for (int kk = 0; kk < nk; kk++) {
            Arrays.fill(dRow[kk], 0, n, 0.0);
        }
        GEMM.rows(dRow, 0, nk, dH, 0, d, w, model.wr, 1, d, n);
        for (int kk = 0; kk < nk; kk++) {
            double[] row = dRow[kk];
            double[] rp = rbp[kk];
            for (int j = 0; j < n; j++) {
                dRad[j] = Math.fma(row[j], rp[j], dRad[j]);
            }
        }
        // Symmetrise dE/dcos (either order of a pair is the same angle); the diagonal is constant.
        for (int j = 0; j < n; j++) {
            double[] dj = dCos[j];
            for (int l = j + 1; l < n; l++) {
                double s = dj[l] + dCos[l][j];
                dj[l] = s;
                dCos[l][j] = s;
            }
            dj[j] = 0;
        }
    }

    /**
     * Multiplies one key row of attention weights by A(cos) = 1 + sum_{l=1..3} alpha_l P_l(cos) (and their
     * logit derivatives, so the reverse sweep's d logit is unchanged), keeping the weights before it in
     * {@code before}.
     */
    private static void angularFactor(double[] w, int off, double[] cos, double[] a, double[] ga, double[] before,
            int n) {
        double al2 = w[off + 1];
        double al3 = w[off + 2];
        double c0 = 1.0 - 0.5 * al2;
        double c1 = w[off] - 1.5 * al3;
        double c2 = 1.5 * al2;
        double c3 = 2.5 * al3;
        for (int j = 0; j < n; j++) {
            double cc = cos[j];
            double f = Math.fma(cc, Math.fma(cc, Math.fma(cc, c3, c2), c1), c0);
            before[j] = a[j];
            a[j] *= f;
            ga[j] *= f;
        }
    }

    /**
     * Reverse of {@link #angularFactor} for one key row: with dA = dE/da_jm in {@code da}, adds
     * dA * before * A'(cos) to dE/dcos and dA * before * P_l(cos) to the alpha gradients.
     */
    private static void angularFactorBack(double[] w, int off, double[] cos, double[] da, double[] before,
            double[] dcos, double[] grad, int n) {
        double al3 = w[off + 2];
        double d1 = w[off] - 1.5 * al3;
        double d2 = 3.0 * w[off + 1];
        double d3 = 7.5 * al3;
        double g1 = 0;
        double g2 = 0;
        double g3 = 0;
        for (int j = 0; j < n; j++) {
            double s = da[j] * before[j];
            double cc = cos[j];
            dcos[j] = Math.fma(s, Math.fma(cc, Math.fma(cc, d3, d2), d1), dcos[j]);
            g1 = Math.fma(s, cc, g1);
            g2 = Math.fma(s, 1.5 * cc * cc - 0.5, g2);
            g3 = Math.fma(s, (2.5 * cc * cc - 1.5) * cc, g3);
        }
        if (grad != null) {
            grad[off] += g1;
            grad[off + 1] += g2;
            grad[off + 2] += g3;
        }
    }

    /** Y[o] = b[o] + sum_i W[i][o] X[i] over n tokens (W is input-major already: no gather). */
    private static void dense(double[] w, int wOff, int bOff, int in, int out, double[][] xs, double[][] ys, int n) {
        for (int oo = 0; oo < out; oo++) {
            Arrays.fill(ys[oo], 0, n, w[bOff + oo]);
        }
        GEMM.rows(ys, 0, out, xs, 0, in, w, wOff, out, 1, n);
    }

    /** dX[i] (+)= sum_o W[i][o] dY[o]: the product with W read transposed (strides swapped). */
    private static void denseBackInput(double[] w, int wOff, int in, int out, double[][] dys, double[][] dxs, int n,
            boolean accumulate) {
        if (!accumulate) {
            for (int ii = 0; ii < in; ii++) {
                Arrays.fill(dxs[ii], 0, n, 0.0);
            }
        }
        GEMM.rows(dxs, 0, in, dys, 0, out, w, wOff, 1, out, n);
    }

    /**
     * cbuf[c * n + m] = scale * x[x0 + c][m] for c &lt; rows, m &lt; n: coefficients (scaled as the products
     * of before scaled them, so the same bits) for a product over the channels c or over the tokens m.
     */
    /**
     * cbuf[m * rows + c] = scale * x[x0 + c][m]: the same coefficients laid out channel-fastest, so that a
     * product over n token rows reads each input's channel coefficients from one cache line.
     */
    private void gatherRows(double[][] x, int x0, int rows, double scale, int n) {
        double[] cb = cbuf;
        for (int c = 0; c < rows; c++) {
            double[] xc = x[x0 + c];
            for (int m = 0; m < n; m++) {
                cb[m * rows + c] = scale * xc[m];
            }
        }
    }

    private void gatherScaled(double[][] x, int x0, int rows, double scale, int n) {
        double[] cb = cbuf;
        for (int c = 0; c < rows; c++) {
            double[] xc = x[x0 + c];
            int o = c * n;
            for (int m = 0; m < n; m++) {
                cb[o + m] = scale * xc[m];
            }
        }
    }

    /** dW[i][o] += X[i] . dY[o]; db[o] += sum dY[o]. Training only: plain dot products. */
    private static void denseGrad(double[] grad, int wOff, int bOff, int in, int out, double[][] xs, double[][] dys,
            int n) {
        for (int ii = 0; ii < in; ii++) {
            int wr = wOff + ii * out;
            double[] xi = xs[ii];
            for (int oo = 0; oo < out; oo++) {
                grad[wr + oo] += dot(xi, dys[oo], n);
            }
        }
        for (int oo = 0; oo < out; oo++) {
            double[] dy = dys[oo];
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += dy[j];
            }
            grad[bOff + oo] += s;
        }
    }

    /**
     * y[0..n) += scale * sum_{r < count} coef[co + r cstride] x[x0 + r][0..n): rows of x, four per pass
     * over y so that each load and store of y serves four multiply-adds.
     */
    static void combineRows(double[] y, double[][] x, int x0, int count, double[] coef, int co, int cstride,
            double scale, int n) {
        int rr = 0;
        for (; rr + 3 < count; rr += 4) {
            int c = co + rr * cstride;
            fma4(y, x[x0 + rr], x[x0 + rr + 1], x[x0 + rr + 2], x[x0 + rr + 3], scale * coef[c],
                    scale * coef[c + cstride], scale * coef[c + 2 * cstride], scale * coef[c + 3 * cstride], n);
        }
        for (; rr < count; rr++) {
            fma1(y, x[x0 + rr], scale * coef[co + rr * cstride], n);
        }
    }

    private static void fma4(double[] y, double[] x0, double[] x1, double[] x2, double[] x3, double a0, double a1,
            double a2, double a3, int n) {
        for (int t = 0; t < n; t++) {
            y[t] = Math.fma(a3, x3[t], Math.fma(a2, x2[t], Math.fma(a1, x1[t], Math.fma(a0, x0[t], y[t]))));
        }
    }

    private static void fma1(double[] y, double[] x, double a, int n) {
        for (int t = 0; t < n; t++) {
            y[t] = Math.fma(a, x[t], y[t]);
        }
    }

    private static void addTo(double[] y, double[] x, int n) {
        for (int t = 0; t < n; t++) {
            y[t] += x[t];
        }
    }

    private static void transpose(double[][] src, double[][] dst, int n) {
        for (int a = 0; a < n; a++) {
            double[] s = src[a];
            for (int b = 0; b < n; b++) {
                dst[b][a] = s[b];
            }
        }
    }

    /** act = silu(x), remembering sigmoid(x) for the reverse sweep. */
    private static void siluRows(double[][] xs, double[][] sig, double[][] act, int rows, int n) {
        for (int c = 0; c < rows; c++) {
            double[] x = xs[c];
            double[] s = sig[c];
            double[] a = act[c];
            for (int j = 0; j < n; j++) {
                double sg = 1 / (1 + Math.exp(-x[j]));
                s[j] = sg;
                a[j] = x[j] * sg;
            }
        }
    }

    /** dy *= silu'(x) = s (1 + x (1 - s)), s = sigmoid(x). */
    private static void siluBackRows(double[][] dys, double[][] xs, double[][] sig, int rows, int n) {
        for (int c = 0; c < rows; c++) {
            double[] dy = dys[c];
            double[] x = xs[c];
            double[] s = sig[c];
            for (int j = 0; j < n; j++) {
                double sg = s[j];
                dy[j] *= sg * (1 + x[j] * (1 - sg));
            }
        }
    }

    private static void axpy(double[] y, int yo, double[] x, int xo, double s, int n) {
        for (int t = 0; t < n; t++) {
            y[yo + t] += s * x[xo + t];
        }
    }

    /** Dot product with four partial sums (breaks the add-latency chain). */
    private static double dot(double[] a, double[] b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 3 < n; t += 4) {
            s0 += a[t] * b[t];
            s1 += a[t + 1] * b[t + 1];
            s2 += a[t + 2] * b[t + 2];
            s3 += a[t + 3] * b[t + 3];
        }
        for (; t < n; t++) {
            s0 += a[t] * b[t];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static double silu(double x) {
        return x / (1 + Math.exp(-x));
    }

    static double siluPrime(double x) {
        double s = 1 / (1 + Math.exp(-x));
        return s * (1 + x * (1 - s));
    }
}

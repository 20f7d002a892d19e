package org.a2imd.nnp;

import org.a2imd.neighbor.NeighborList;

/**
 * Forward pass and hand-written reverse sweep of the A2I network for one centre atom at a time; one
 * instance per thread, its scratch sized from the largest neighbour count seen (grown only when
 * exceeded, never shrunk), so evaluations allocate nothing after warm-up.
 *
 * <p>Token arrays are feature-major: feature c of neighbour j sits at [c * M + j] for the M neighbours
 * of the current centre, so dense layers and most attention loops are axpy sweeps over neighbours
 * that the JIT can vectorise. Attention matrices are [head][j][m] (row = query token j).
 *
 * <p>Notation: u_j = x_j - x_i (neighbour j seen from centre i), r_j = |u_j|, n_j = u_j / r_j. The
 * reverse sweep produces dE_i/du_j for every neighbour: the force on j is -dE_i/du_j, on i the sum of
 * +dE_i/du_j, and the virial gains -u_j (x) dE_i/du_j (ForceOutput's r = x_i - x_j, f = force on i).
 */
final class A2IKernel {
    private final A2IModel model;
    private final int nk;
    private final int d;
    private final int nh;
    private final int dh;
    private final int nlay;
    private final int nf;
    private final int m1;
    private final int m2;
    private final double rc;
    private final int p;
    private final double envA;
    private final double envB;
    private final double envC;
    private final double bound;
    private final double invSqrtDh;

    // Neighbour gather, sized from the list length.
    private int gatherCap;
    private int[] nb = new int[0];
    private int[] sp = new int[0];
    private double[] ux = new double[0];
    private double[] uy = new double[0];
    private double[] uz = new double[0];

    // Everything else, sized from the largest in-cutoff count.
    private int cap = -1;
    private double[] r;
    private double[] fc;
    private double[] fcp;
    private double[] rb;
    private double[] rbp;
    private double[] cosM;
    private double[] p2M;
    private double[] p3M;
    private double[] pre;
    private double[][] hs;
    private double[][] q;
    private double[][] k;
    private double[][] v;
    private double[][] vf;
    private double[][] o;
    private double[][] hmid;
    private double[][] z;
    private double[][] az;
    private double[][] ex;
    private double[][] th;
    private double[] dH;
    private double[] dHmid;
    private double[] dZ;
    private double[] dO;
    private double[] dVf;
    private double[] dQ;
    private double[] dK;
    private double[] dV;
    private double[] dCos;
    private double[] dFc;
    private double[] dRad;
    private double[] row;
    private double[] dL;
    private final double[] g;
    private final double[] y1p;
    private final double[] y1;
    private final double[] y2p;
    private final double[] y2;
    private final double[] dg;
    private final double[] dy1;
    private final double[] dy2;
    private final double[] csi;

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
        rc = a.cutoff();
        p = a.envelopeP();
        envA = (p + 1) * (p + 2) / 2.0;
        envB = p * (p + 2.0);
        envC = p * (p + 1) / 2.0;
        bound = a.logitBound();
        invSqrtDh = 1.0 / Math.sqrt(dh);
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

    /** Largest neighbour count the scratch currently holds. */
    int capacity() {
        return cap;
    }

    private void ensureGather(int n) {
        if (n > gatherCap) {
            gatherCap = n + n / 4 + 8;
            nb = new int[gatherCap];
            sp = new int[gatherCap];
            ux = new double[gatherCap];
            uy = new double[gatherCap];
            uz = new double[gatherCap];
        }
    }

    private void ensureCapacity(int m) {
        if (m <= cap) {
            return;
        }
        int c = Math.max(m + m / 8 + 4, 16);
        cap = c;
        r = new double[c];
        fc = new double[c];
        fcp = new double[c];
        rb = new double[nk * c];
        rbp = new double[nk * c];
        cosM = new double[c * c];
        p2M = new double[c * c];
        p3M = new double[c * c];
        pre = new double[d * c];
        hs = new double[nlay + 1][d * c];
        q = new double[nlay][d * c];
        k = new double[nlay][d * c];
        v = new double[nlay][d * c];
        vf = new double[nlay][d * c];
        o = new double[nlay][d * c];
        hmid = new double[nlay][d * c];
        z = new double[nlay][nf * c];
        az = new double[nlay][nf * c];
        ex = new double[nlay][nh * c * c];
        th = new double[nlay][nh * c * c];
        dH = new double[d * c];
        dHmid = new double[d * c];
        dZ = new double[nf * c];
        dO = new double[d * c];
        dVf = new double[d * c];
        dQ = new double[d * c];
        dK = new double[d * c];
        dV = new double[d * c];
        dCos = new double[c * c];
        dFc = new double[c];
        dRad = new double[c];
        row = new double[c];
        dL = new double[c * c];
    }

    /**
     * Energy E_i of local atom i. Adds -dE_i/dx to {@code f} (3 per atom of the list, ghosts
     * included), the virial contribution to {@code vir} (when non-null) and dE_i/dtheta to
     * {@code grad} (when non-null, same layout as the weights).
     */
    double atom(int i, NeighborList nl, int[] typeMap, double[] w, double[] f, double[] vir, double[] grad) {
        final double[] x = nl.x;
        final int start = nl.fullStart[i];
        final int end = nl.fullStart[i + 1];
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
        ensureCapacity(m);
        final int si = typeMap[nl.type[i]];

        geometry(m);
        double e = forward(m, si, w);
        backward(m, si, w, grad);

        // dE/du_j from radial (basis and envelope) and angular (cosine) dependencies.
        for (int j = 0; j < m; j++) {
            double rj = r[j];
            double nxj = ux[j] / rj;
            double nyj = uy[j] / rj;
            double nzj = uz[j] / rj;
            double sx = 0;
            double sy = 0;
            double sz = 0;
            double t = 0;
            int jr = j * m;
            for (int l = 0; l < m; l++) {
                if (l == j) {
                    continue; // cos theta_jj = 1 for every geometry
                }
                double gs = dCos[jr + l] + dCos[l * m + j];
                double rl = r[l];
                sx += gs * ux[l] / rl;
                sy += gs * uy[l] / rl;
                sz += gs * uz[l] / rl;
                t += gs * cosM[jr + l];
            }
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

    /** Distances, envelope, radial basis and Legendre polynomials of the neighbour angles. */
    private void geometry(int m) {
        double[] scale = model.rbfScale();
        double w0 = Math.PI / rc;
        for (int j = 0; j < m; j++) {
            double rj = Math.sqrt(ux[j] * ux[j] + uy[j] * uy[j] + uz[j] * uz[j]);
            r[j] = rj;
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
            for (int n = 1; n <= nk; n++) {
                double sc = scale[n - 1];
                rb[(n - 1) * m + j] = sc * sCur * ir;
                rbp[(n - 1) * m + j] = sc * (n * w0 * cCur - sCur * ir) * ir;
                double sNext = 2 * c1 * sCur - sPrev;
                double cNext = 2 * c1 * cCur - cPrev;
                sPrev = sCur;
                cPrev = cCur;
                sCur = sNext;
                cCur = cNext;
            }
        }
        for (int j = 0; j < m; j++) {
            for (int l = 0; l < m; l++) {
                double c = l == j ? 1.0
                        : (ux[j] * ux[l] + uy[j] * uy[l] + uz[j] * uz[l]) / (r[j] * r[l]);
                cosM[j * m + l] = c;
                p2M[j * m + l] = 1.5 * c * c - 0.5;
                p3M[j * m + l] = (2.5 * c * c - 1.5) * c;
            }
        }
    }

    private double forward(int m, int si, double[] w) {
        final double invN0 = 1.0 / model.n0();
        // Tokens: h_j = act(W_r rbf(r_ij) + e_s[s_j] + c_s[s_i]).
        for (int c = 0; c < d; c++) {
            csi[c] = w[model.cs + si * d + c];
            int o0 = c * m;
            for (int j = 0; j < m; j++) {
                pre[o0 + j] = w[model.es + sp[j] * d + c] + csi[c];
            }
        }
        for (int kk = 0; kk < nk; kk++) {
            for (int c = 0; c < d; c++) {
                axpy(pre, c * m, rb, kk * m, w[model.wr + kk * d + c], m);
            }
        }
        double[] h0 = hs[0];
        for (int t = 0; t < d * m; t++) {
            h0[t] = silu(pre[t]);
        }
        for (int b = 0; b < nlay; b++) {
            double[] xin = hs[b];
            double[] qb = q[b];
            double[] kb = k[b];
            double[] vb = v[b];
            double[] vfb = vf[b];
            double[] exb = ex[b];
            double[] thb = th[b];
            double[] ob = o[b];
            dense(w, model.wq[b], model.bq[b], d, d, xin, qb, m);
            dense(w, model.wk[b], model.bk[b], d, d, xin, kb, m);
            dense(w, model.wv[b], model.bv[b], d, d, xin, vb, m);
            for (int c = 0; c < d; c++) {
                int o0 = c * m;
                for (int j = 0; j < m; j++) {
                    vfb[o0 + j] = fc[j] * vb[o0 + j];
                }
            }
            int betaOff = model.beta[b];
            for (int h = 0; h < nh; h++) {
                double be0 = w[betaOff + 4 * h];
                double be1 = w[betaOff + 4 * h + 1];
                double be2 = w[betaOff + 4 * h + 2];
                double be3 = w[betaOff + 4 * h + 3];
                for (int j = 0; j < m; j++) {
                    int ro = (h * m + j) * m;
                    int jr = j * m;
                    for (int l = 0; l < m; l++) {
                        exb[ro + l] = be0 + be1 * cosM[jr + l] + be2 * p2M[jr + l] + be3 * p3M[jr + l];
                    }
                    combine(exb, ro, kb, h * dh * m, m, m, qb, h * dh * m + j, m, dh, invSqrtDh);
                    // Smooth bound c tanh(logit / c) (tanh from one exp), then exp(.) / n0.
                    for (int l = 0; l < m; l++) {
                        double u = Math.exp(2 * exb[ro + l] / bound);
                        double t = 1 - 2 / (u + 1);
                        thb[ro + l] = t;
                        exb[ro + l] = Math.exp(bound * t) * invN0;
                    }
                    // o_j = sum_m fc_m exp(.)/n0 v_m, per head.
                    for (int c = h * dh; c < (h + 1) * dh; c++) {
                        ob[c * m + j] = dot(exb, ro, vfb, c * m, m);
                    }
                }
            }
            double[] hm = hmid[b];
            dense(w, model.wo[b], model.bo[b], d, d, ob, hm, m);
            for (int t = 0; t < d * m; t++) {
                hm[t] += xin[t];
            }
            double[] zb = z[b];
            double[] azb = az[b];
            dense(w, model.w1[b], model.b1[b], d, nf, hm, zb, m);
            for (int t = 0; t < nf * m; t++) {
                azb[t] = silu(zb[t]);
            }
            double[] hout = hs[b + 1];
            dense(w, model.w2[b], model.b2[b], nf, d, azb, hout, m);
            for (int t = 0; t < d * m; t++) {
                hout[t] += hm[t];
            }
        }
        // Readout g = (1/n0) sum_j fc_j h_j, then the MLP.
        double[] hl = hs[nlay];
        for (int c = 0; c < d; c++) {
            g[c] = dot(hl, c * m, fc, 0, m) * invN0;
        }
        for (int t = 0; t < m1; t++) {
            y1p[t] = w[model.r1b + t];
        }
        for (int c = 0; c < d; c++) {
            axpy(y1p, 0, w, model.r1w + c * m1, g[c], m1);
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
        double out = w[model.r3b] + dot(y2, 0, w, model.r3w, m2);
        return model.e0()[si] + model.energyScale() * out;
    }

    /** Reverse sweep: leaves dE/dcos in dCos, dE/dr in dRad; adds dE/dtheta to grad when non-null. */
    private void backward(int m, int si, double[] w, double[] grad) {
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
            dy1[c] = dot(w, model.r2w + c * m2, dy2, 0, m2) * siluPrime(y1p[c]);
        }
        if (grad != null) {
            for (int c = 0; c < d; c++) {
                axpy(grad, model.r1w + c * m1, dy1, 0, g[c], m1);
            }
            axpy(grad, model.r1b, dy1, 0, 1.0, m1);
        }
        for (int c = 0; c < d; c++) {
            dg[c] = dot(w, model.r1w + c * m1, dy1, 0, m1);
        }
        double[] hl = hs[nlay];
        for (int j = 0; j < m; j++) {
            dFc[j] = 0;
        }
        for (int c = 0; c < d; c++) {
            double s = dg[c] * invN0;
            int o0 = c * m;
            for (int j = 0; j < m; j++) {
                dH[o0 + j] = s * fc[j];
                dFc[j] += s * hl[o0 + j];
            }
        }
        for (int t = 0; t < m * m; t++) {
            dCos[t] = 0;
        }
        for (int b = nlay - 1; b >= 0; b--) {
            double[] xin = hs[b];
            double[] hm = hmid[b];
            // Feed-forward: h_out = hmid + W2 act(W1 hmid + b1) + b2.
            System.arraycopy(dH, 0, dHmid, 0, d * m);
            java.util.Arrays.fill(dZ, 0, nf * m, 0.0);
            denseBackInput(w, model.w2[b], nf, d, dH, dZ, m);
            if (grad != null) {
                denseGrad(grad, model.w2[b], model.b2[b], nf, d, az[b], dH, m);
            }
            double[] zb = z[b];
            for (int t = 0; t < nf * m; t++) {
                dZ[t] *= siluPrime(zb[t]);
            }
            if (grad != null) {
                denseGrad(grad, model.w1[b], model.b1[b], d, nf, hm, dZ, m);
            }
            denseBackInput(w, model.w1[b], d, nf, dZ, dHmid, m);
            // Attention output: hmid = x + Wo o + bo.
            java.util.Arrays.fill(dO, 0, d * m, 0.0);
            denseBackInput(w, model.wo[b], d, d, dHmid, dO, m);
            if (grad != null) {
                denseGrad(grad, model.wo[b], model.bo[b], d, d, o[b], dHmid, m);
            }
            System.arraycopy(dHmid, 0, dH, 0, d * m);
            double[] qb = q[b];
            double[] kb = k[b];
            double[] vb = v[b];
            double[] vfb = vf[b];
            double[] exb = ex[b];
            double[] thb = th[b];
            java.util.Arrays.fill(dVf, 0, d * m, 0.0);
            java.util.Arrays.fill(dK, 0, d * m, 0.0);
            int betaOff = model.beta[b];
            for (int h = 0; h < nh; h++) {
                double be1 = w[betaOff + 4 * h + 1];
                double be2 = w[betaOff + 4 * h + 2];
                double be3 = w[betaOff + 4 * h + 3];
                double gb0 = 0;
                double gb1 = 0;
                double gb2 = 0;
                double gb3 = 0;
                for (int j = 0; j < m; j++) {
                    int ro = (h * m + j) * m;
                    int jr = j * m;
                    // d exp_jm = do_j . (fc v)_m, then through exp(c tanh(l / c)):
                    // d logit = d exp * exp * (1 - tanh^2). Row j of dL holds d logit_j.
                    java.util.Arrays.fill(dL, jr, jr + m, 0.0);
                    combine(dL, jr, vfb, h * dh * m, m, m, dO, h * dh * m + j, m, dh, 1.0);
                    for (int l = 0; l < m; l++) {
                        double t = thb[ro + l];
                        dL[jr + l] *= exb[ro + l] * (1 - t * t);
                    }
                    for (int l = 0; l < m; l++) {
                        double c = cosM[jr + l];
                        dCos[jr + l] += dL[jr + l] * (be1 + 3 * be2 * c + be3 * (7.5 * c * c - 1.5));
                    }
                    if (grad != null) {
                        for (int l = 0; l < m; l++) {
                            double dl = dL[jr + l];
                            gb0 += dl;
                            gb1 += dl * cosM[jr + l];
                            gb2 += dl * p2M[jr + l];
                            gb3 += dl * p3M[jr + l];
                        }
                    }
                    for (int c = h * dh; c < (h + 1) * dh; c++) {
                        dQ[c * m + j] = invSqrtDh * dot(dL, jr, kb, c * m, m);
                    }
                }
                for (int c = h * dh; c < (h + 1) * dh; c++) {
                    // d(fc v)_m += sum_j exp_jm do_j;  dk_m += sum_j d logit_jm q_j / sqrt(d/H)
                    combine(dVf, c * m, exb, h * m * m, m, m, dO, c * m, 1, m, 1.0);
                    combine(dK, c * m, dL, 0, m, m, qb, c * m, 1, m, invSqrtDh);
                }
                if (grad != null) {
                    grad[betaOff + 4 * h] += gb0;
                    grad[betaOff + 4 * h + 1] += gb1;
                    grad[betaOff + 4 * h + 2] += gb2;
                    grad[betaOff + 4 * h + 3] += gb3;
                }
            }
            for (int c = 0; c < d; c++) {
                int o0 = c * m;
                for (int j = 0; j < m; j++) {
                    dV[o0 + j] = fc[j] * dVf[o0 + j];
                    dFc[j] += dVf[o0 + j] * vb[o0 + j];
                }
            }
            denseBackInput(w, model.wq[b], d, d, dQ, dH, m);
            denseBackInput(w, model.wk[b], d, d, dK, dH, m);
            denseBackInput(w, model.wv[b], d, d, dV, dH, m);
            if (grad != null) {
                denseGrad(grad, model.wq[b], model.bq[b], d, d, xin, dQ, m);
                denseGrad(grad, model.wk[b], model.bk[b], d, d, xin, dK, m);
                denseGrad(grad, model.wv[b], model.bv[b], d, d, xin, dV, m);
            }
        }
        // Embedding: dH becomes d pre-activation.
        for (int t = 0; t < d * m; t++) {
            dH[t] *= siluPrime(pre[t]);
        }
        if (grad != null) {
            for (int kk = 0; kk < nk; kk++) {
                for (int c = 0; c < d; c++) {
                    grad[model.wr + kk * d + c] += dot(rb, kk * m, dH, c * m, m);
                }
            }
            for (int c = 0; c < d; c++) {
                int o0 = c * m;
                double sum = 0;
                for (int j = 0; j < m; j++) {
                    grad[model.es + sp[j] * d + c] += dH[o0 + j];
                    sum += dH[o0 + j];
                }
                grad[model.cs + si * d + c] += sum;
            }
        }
        for (int j = 0; j < m; j++) {
            dRad[j] = dFc[j] * fcp[j];
        }
        for (int kk = 0; kk < nk; kk++) {
            for (int j = 0; j < m; j++) {
                row[j] = 0;
            }
            for (int c = 0; c < d; c++) {
                axpy(row, 0, dH, c * m, w[model.wr + kk * d + c], m);
            }
            int o0 = kk * m;
            for (int j = 0; j < m; j++) {
                dRad[j] += row[j] * rbp[o0 + j];
            }
        }
    }

    /** Y[o] = b[o] + sum_i W[i][o] X[i], feature-major over m tokens. */
    private static void dense(double[] w, int wOff, int bOff, int in, int out, double[] xs, double[] ys, int m) {
        for (int oo = 0; oo < out; oo++) {
            java.util.Arrays.fill(ys, oo * m, oo * m + m, w[bOff + oo]);
        }
        int ii = 0;
        for (; ii + 3 < in; ii += 4) {
            int wr = wOff + ii * out;
            for (int oo = 0; oo < out; oo++) {
                axpy4(ys, oo * m, xs, ii * m, m, w[wr + oo], w[wr + out + oo], w[wr + 2 * out + oo],
                        w[wr + 3 * out + oo]);
            }
        }
        for (; ii < in; ii++) {
            int wr = wOff + ii * out;
            for (int oo = 0; oo < out; oo++) {
                axpy(ys, oo * m, xs, ii * m, w[wr + oo], m);
            }
        }
    }

    /** dX[i] += sum_o W[i][o] dY[o]. */
    private static void denseBackInput(double[] w, int wOff, int in, int out, double[] dys, double[] dxs, int m) {
        for (int ii = 0; ii < in; ii++) {
            int wr = wOff + ii * out;
            int oo = 0;
            for (; oo + 3 < out; oo += 4) {
                axpy4(dxs, ii * m, dys, oo * m, m, w[wr + oo], w[wr + oo + 1], w[wr + oo + 2], w[wr + oo + 3]);
            }
            for (; oo < out; oo++) {
                axpy(dxs, ii * m, dys, oo * m, w[wr + oo], m);
            }
        }
    }

    /** dW[i][o] += X[i] . dY[o]; db[o] += sum dY[o]. */
    private static void denseGrad(double[] grad, int wOff, int bOff, int in, int out, double[] xs, double[] dys,
            int m) {
        for (int ii = 0; ii < in; ii++) {
            int wr = wOff + ii * out;
            for (int oo = 0; oo < out; oo++) {
                grad[wr + oo] += dot(xs, ii * m, dys, oo * m, m);
            }
        }
        for (int oo = 0; oo < out; oo++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += dys[oo * m + j];
            }
            grad[bOff + oo] += s;
        }
    }

    private static void axpy(double[] y, int yo, double[] x, int xo, double s, int n) {
        for (int t = 0; t < n; t++) {
            y[yo + t] += s * x[xo + t];
        }
    }

    /**
     * y += s0 x[xo..] + s1 x[xo+stride..] + s2 x[xo+2 stride..] + s3 x[xo+3 stride..]: four rows per
     * pass over y, so each load and store of y serves four multiply-adds.
     */
    private static void axpy4(double[] y, int yo, double[] x, int xo, int stride, double s0, double s1, double s2,
            double s3) {
        int n = stride;
        int x1 = xo + stride;
        int x2 = x1 + stride;
        int x3 = x2 + stride;
        for (int t = 0; t < n; t++) {
            y[yo + t] += s0 * x[xo + t] + s1 * x[x1 + t] + s2 * x[x2 + t] + s3 * x[x3 + t];
        }
    }

    /**
     * y[yo..yo+n) += scale * sum_r coef[co + r cstride] x[xo + r stride ..]: a combination of count
     * rows of x, four at a time.
     */
    private static void combine(double[] y, int yo, double[] x, int xo, int stride, int n, double[] coef, int co,
            int cstride, int count, double scale) {
        int r = 0;
        for (; r + 3 < count; r += 4) {
            int c = co + r * cstride;
            axpy4(y, yo, x, xo + r * stride, stride, n, scale * coef[c], scale * coef[c + cstride],
                    scale * coef[c + 2 * cstride], scale * coef[c + 3 * cstride]);
        }
        for (; r < count; r++) {
            axpy(y, yo, x, xo + r * stride, scale * coef[co + r * cstride], n);
        }
    }

    /** As axpy4 with an explicit row stride and length. */
    private static void axpy4(double[] y, int yo, double[] x, int xo, int stride, int n, double s0, double s1,
            double s2, double s3) {
        int x1 = xo + stride;
        int x2 = x1 + stride;
        int x3 = x2 + stride;
        for (int t = 0; t < n; t++) {
            y[yo + t] += s0 * x[xo + t] + s1 * x[x1 + t] + s2 * x[x2 + t] + s3 * x[x3 + t];
        }
    }

    /** Dot product with four partial sums (breaks the add-latency chain). */
    private static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 3 < n; t += 4) {
            s0 += a[ao + t] * b[bo + t];
            s1 += a[ao + t + 1] * b[bo + t + 1];
            s2 += a[ao + t + 2] * b[bo + t + 2];
            s3 += a[ao + t + 3] * b[bo + t + 3];
        }
        for (; t < n; t++) {
            s0 += a[ao + t] * b[bo + t];
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

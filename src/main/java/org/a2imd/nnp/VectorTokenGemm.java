package org.a2imd.nnp;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TokenGemm} with the Vector API: a tile of 8 (then 4, then 1) output rows by one vector of tokens
 * stays in registers while the input rows stream past, each input vector loaded once per tile and used
 * for 8 multiply-adds (the scalar form loads and stores the output once per 4). Eight independent
 * accumulators cover the FMA latency. Loaded only when jdk.incubator.vector is present ({@link TokenGemm}).
 */
final class VectorTokenGemm extends TokenGemm {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    VectorTokenGemm() {
        if (8 % L != 0) {
            throw new IllegalStateException("vector length " + L + " does not divide the token padding 8");
        }
    }

    @Override
    int dotLanes() {
        return L;
    }

    /**
     * Eight tokens m at a time, one accumulator vector (the L channels) each, started from a loaded zero
     * vector (DoubleVector.zero in this loop made C2 allocate).
     */
    @Override
    void dotRows(double[][] ys, int y0, double[][] a, double[] ct, double[] tmp, double[] zeros, int n) {
        for (int m = 0; m < n; m += 8) {
            double[] a0 = a[m];
            double[] a1 = a[m + 1];
            double[] a2 = a[m + 2];
            double[] a3 = a[m + 3];
            double[] a4 = a[m + 4];
            double[] a5 = a[m + 5];
            double[] a6 = a[m + 6];
            double[] a7 = a[m + 7];
            DoubleVector s0 = DoubleVector.fromArray(S, zeros, 0);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            DoubleVector s4 = s0;
            DoubleVector s5 = s0;
            DoubleVector s6 = s0;
            DoubleVector s7 = s0;
            for (int j = 0; j < n; j++) {
                DoubleVector x = DoubleVector.fromArray(S, ct, j * L);
                s0 = x.fma(DoubleVector.broadcast(S, a0[j]), s0);
                s1 = x.fma(DoubleVector.broadcast(S, a1[j]), s1);
                s2 = x.fma(DoubleVector.broadcast(S, a2[j]), s2);
                s3 = x.fma(DoubleVector.broadcast(S, a3[j]), s3);
                s4 = x.fma(DoubleVector.broadcast(S, a4[j]), s4);
                s5 = x.fma(DoubleVector.broadcast(S, a5[j]), s5);
                s6 = x.fma(DoubleVector.broadcast(S, a6[j]), s6);
                s7 = x.fma(DoubleVector.broadcast(S, a7[j]), s7);
            }
            s0.intoArray(tmp, m * L);
            s1.intoArray(tmp, (m + 1) * L);
            s2.intoArray(tmp, (m + 2) * L);
            s3.intoArray(tmp, (m + 3) * L);
            s4.intoArray(tmp, (m + 4) * L);
            s5.intoArray(tmp, (m + 5) * L);
            s6.intoArray(tmp, (m + 6) * L);
            s7.intoArray(tmp, (m + 7) * L);
        }
        for (int c = 0; c < L; c++) {
            double[] y = ys[y0 + c];
            for (int m = 0; m < n; m++) {
                y[m] = tmp[m * L + c];
            }
        }
    }

    /**
     * {@link BoundedExp#attention} one vector at a time, every intermediate in registers (the scalar form
     * needs five passes over the row for C2 to vectorise it): the same IEEE operations in the same order.
     */
    @Override
    void boundedExp(double[] row, double[] slope, int n, double c, int squarings, double scale) {
        if (squarings != BoundedExp.BASE_SQUARINGS) {
            // Logit bound above 8: extra squarings in a loop would keep C2 from keeping the vectors in
            // registers (it then allocates them); rare, so the scalar form.
            BoundedExp.attention(row, slope, n, c, squarings, scale);
            return;
        }
        final double invC = 1.0 / c;
        final double k = c * Math.scalb(1.0, -squarings);
        DoubleVector two = DoubleVector.broadcast(S, 2.0);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        // BoundedExp's Estrin polynomial, written out twice below (a called helper taking vectors may not be
        // inlined, and then C2 allocates the vectors).
        DoubleVector c2 = DoubleVector.broadcast(S, BoundedExp.C2);
        DoubleVector c3 = DoubleVector.broadcast(S, BoundedExp.C3);
        DoubleVector c4 = DoubleVector.broadcast(S, BoundedExp.C4);
        DoubleVector c5 = DoubleVector.broadcast(S, BoundedExp.C5);
        DoubleVector c6 = DoubleVector.broadcast(S, BoundedExp.C6);
        DoubleVector c7 = DoubleVector.broadcast(S, BoundedExp.C7);
        DoubleVector c8 = DoubleVector.broadcast(S, BoundedExp.C8);
        DoubleVector c9 = DoubleVector.broadcast(S, BoundedExp.C9);
        DoubleVector c10 = DoubleVector.broadcast(S, BoundedExp.C10);
        DoubleVector c11 = DoubleVector.broadcast(S, BoundedExp.C11);
        DoubleVector c12 = DoubleVector.broadcast(S, BoundedExp.C12);
        DoubleVector c13 = DoubleVector.broadcast(S, BoundedExp.C13);
        for (int t = 0; t < n; t += L) {
            DoubleVector x = DoubleVector.fromArray(S, row, t).mul(invC).min(BoundedExp.X_MAX).max(-BoundedExp.X_MAX);
            DoubleVector a = x.mul(2.0 / 128);
            DoubleVector a2 = a.mul(a);
            DoubleVector a4 = a2.mul(a2);
            DoubleVector a8 = a4.mul(a4);
            DoubleVector pa = a8.fma(a4.fma(c13, a2.fma(a.fma(c12, c11), a.fma(c10, c9))),
                    a4.fma(a2.fma(a.fma(c8, c7), a.fma(c6, c5)), a2.fma(a.fma(c4, c3), a.fma(c2, one))));
            DoubleVector m = a.mul(pa);
            m = m.mul(m.add(two));
            m = m.mul(m.add(two));
            m = m.mul(m.add(two));
            m = m.mul(m.add(two));
            m = m.mul(m.add(two));
            m = m.mul(m.add(two));
            m = m.mul(m.add(two));
            DoubleVector th = m.div(m.add(two));
            DoubleVector sv = th.mul(k);
            DoubleVector sv2 = sv.mul(sv);
            DoubleVector sv4 = sv2.mul(sv2);
            DoubleVector sv8 = sv4.mul(sv4);
            DoubleVector ps = sv8.fma(sv4.fma(c13, sv2.fma(sv.fma(c12, c11), sv.fma(c10, c9))),
                    sv4.fma(sv2.fma(sv.fma(c8, c7), sv.fma(c6, c5)), sv2.fma(sv.fma(c4, c3), sv.fma(c2, one))));
            DoubleVector e = sv.fma(ps, one);
            e = e.mul(e);
            e = e.mul(e);
            e = e.mul(e);
            e = e.mul(e);
            e = e.mul(e);
            DoubleVector av = e.mul(scale);
            av.intoArray(row, t);
            av.mul(one.sub(th.mul(th))).intoArray(slope, t);
        }
    }

    @Override
    String describe() {
        return "vector (" + L + " lanes)";
    }

    @Override
    void rows(double[][] ys, int y0, int rowsOut, double[][] xs, int x0, int rowsIn, double[] cf, int cOff, int iStride,
            int rStride, int n) {
        int r = 0;
        for (; r + 7 < rowsOut; r += 8) {
            tile8(ys, y0 + r, xs, x0, rowsIn, cf, cOff + r * rStride, iStride, rStride, n);
        }
        for (; r + 3 < rowsOut; r += 4) {
            tile4(ys, y0 + r, xs, x0, rowsIn, cf, cOff + r * rStride, iStride, rStride, n);
        }
        for (; r < rowsOut; r++) {
            tile1(ys[y0 + r], xs, x0, rowsIn, cf, cOff + r * rStride, iStride, n);
        }
    }

    private static void tile8(double[][] ys, int y0, double[][] xs, int x0, int rowsIn, double[] cf, int c0, int iStride,
            int rs, int n) {
        double[] y0a = ys[y0];
        double[] y1a = ys[y0 + 1];
        double[] y2a = ys[y0 + 2];
        double[] y3a = ys[y0 + 3];
        double[] y4a = ys[y0 + 4];
        double[] y5a = ys[y0 + 5];
        double[] y6a = ys[y0 + 6];
        double[] y7a = ys[y0 + 7];
        for (int t = 0; t < n; t += L) {
            DoubleVector s0 = DoubleVector.fromArray(S, y0a, t);
            DoubleVector s1 = DoubleVector.fromArray(S, y1a, t);
            DoubleVector s2 = DoubleVector.fromArray(S, y2a, t);
            DoubleVector s3 = DoubleVector.fromArray(S, y3a, t);
            DoubleVector s4 = DoubleVector.fromArray(S, y4a, t);
            DoubleVector s5 = DoubleVector.fromArray(S, y5a, t);
            DoubleVector s6 = DoubleVector.fromArray(S, y6a, t);
            DoubleVector s7 = DoubleVector.fromArray(S, y7a, t);
            for (int i = 0; i < rowsIn; i++) {
                DoubleVector x = DoubleVector.fromArray(S, xs[x0 + i], t);
                int c = c0 + i * iStride;
                s0 = x.fma(DoubleVector.broadcast(S, cf[c]), s0);
                s1 = x.fma(DoubleVector.broadcast(S, cf[c + rs]), s1);
                s2 = x.fma(DoubleVector.broadcast(S, cf[c + 2 * rs]), s2);
                s3 = x.fma(DoubleVector.broadcast(S, cf[c + 3 * rs]), s3);
                s4 = x.fma(DoubleVector.broadcast(S, cf[c + 4 * rs]), s4);
                s5 = x.fma(DoubleVector.broadcast(S, cf[c + 5 * rs]), s5);
                s6 = x.fma(DoubleVector.broadcast(S, cf[c + 6 * rs]), s6);
                s7 = x.fma(DoubleVector.broadcast(S, cf[c + 7 * rs]), s7);
            }
            s0.intoArray(y0a, t);
            s1.intoArray(y1a, t);
            s2.intoArray(y2a, t);
            s3.intoArray(y3a, t);
            s4.intoArray(y4a, t);
            s5.intoArray(y5a, t);
            s6.intoArray(y6a, t);
            s7.intoArray(y7a, t);
        }
    }

    private static void tile4(double[][] ys, int y0, double[][] xs, int x0, int rowsIn, double[] cf, int c0, int iStride,
            int rs, int n) {
        double[] y0a = ys[y0];
        double[] y1a = ys[y0 + 1];
        double[] y2a = ys[y0 + 2];
        double[] y3a = ys[y0 + 3];
        for (int t = 0; t < n; t += L) {
            DoubleVector s0 = DoubleVector.fromArray(S, y0a, t);
            DoubleVector s1 = DoubleVector.fromArray(S, y1a, t);
            DoubleVector s2 = DoubleVector.fromArray(S, y2a, t);
            DoubleVector s3 = DoubleVector.fromArray(S, y3a, t);
            for (int i = 0; i < rowsIn; i++) {
                DoubleVector x = DoubleVector.fromArray(S, xs[x0 + i], t);
                int c = c0 + i * iStride;
                s0 = x.fma(DoubleVector.broadcast(S, cf[c]), s0);
                s1 = x.fma(DoubleVector.broadcast(S, cf[c + rs]), s1);
                s2 = x.fma(DoubleVector.broadcast(S, cf[c + 2 * rs]), s2);
                s3 = x.fma(DoubleVector.broadcast(S, cf[c + 3 * rs]), s3);
            }
            s0.intoArray(y0a, t);
            s1.intoArray(y1a, t);
            s2.intoArray(y2a, t);
            s3.intoArray(y3a, t);
        }
    }

    private static void tile1(double[] y, double[][] xs, int x0, int rowsIn, double[] cf, int c0, int iStride,
            int n) {
        for (int t = 0; t < n; t += L) {
            DoubleVector s = DoubleVector.fromArray(S, y, t);
            for (int i = 0; i < rowsIn; i++) {
                s = DoubleVector.fromArray(S, xs[x0 + i], t).fma(DoubleVector.broadcast(S, cf[c0 + i * iStride]), s);
            }
            s.intoArray(y, t);
        }
    }
}

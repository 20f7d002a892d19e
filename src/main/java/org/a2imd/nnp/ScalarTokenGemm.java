package org.a2imd.nnp;

/** {@link TokenGemm} without the Vector API: one output row at a time, four input rows per pass. */
final class ScalarTokenGemm extends TokenGemm {
    @Override
    void rows(double[][] ys, int y0, int rowsOut, double[][] xs, int x0, int rowsIn, double[] cf, int cOff, int iStride,
            int rStride, int n) {
        for (int r = 0; r < rowsOut; r++) {
            A2IKernel.combineRows(ys[y0 + r], xs, x0, rowsIn, cf, cOff + r * rStride, iStride, 1.0, n);
        }
    }

    @Override
    void boundedExp(double[] row, double[] slope, int n, double c, int squarings, double scale) {
        BoundedExp.attention(row, slope, n, c, squarings, scale);
    }

    @Override
    int dotLanes() {
        return 0;
    }

    @Override
    void dotRows(double[][] ys, int y0, double[][] a, double[] ct, double[] tmp, double[] zeros, int n) {
        throw new UnsupportedOperationException("scalar kernel: transpose and use rows");
    }

    @Override
    String describe() {
        return "scalar";
    }
}

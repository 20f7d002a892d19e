package org.a2imd.nnp;

/**
 * The A2I kernel's matrix products over tokens (and its bounded exponential, {@link #boundedExp}): ys[y0 + r][0..n) += sum_i cf[cOff + i * cLd + r] *
 * xs[x0 + i][0..n), the terms added one at a time in increasing i (one rounded multiply-add each), so that
 * every implementation gives the same bits. n is a multiple of 8 (the kernel pads its tokens).
 *
 * <p>Two implementations: {@link VectorTokenGemm} (jdk.incubator.vector: tiles of 8 output rows by one
 * vector of tokens held in registers, the input row loaded once per tile; about 2.2x the scalar loop's
 * GFLOP/s on a 32 x 32 dense layer over 56 tokens, issue 14) when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the a2imd launcher, the tests and benchmarks/jmh.sh do), else
 * {@link ScalarTokenGemm} (the auto-vectorised loops of before), with a note on stderr saying so once.
 */
abstract class TokenGemm {
    /** The implementation used by every kernel of this JVM. */
    static final TokenGemm INSTANCE = create();

    abstract void rows(double[][] ys, int y0, int rowsOut, double[][] xs, int x0, int rowsIn, double[] cf, int cOff,
            int iStride, int rStride, int n);

    /** Lanes of {@link #dotRows}: the head width it handles (0: none; the kernel then transposes). */
    abstract int dotLanes();

    /**
     * ys[y0 + c][m] = sum_j ct[j * L + c] * a[m][j] for c &lt; L = {@link #dotLanes}, m &lt; n, the terms
     * added in increasing j from zero: what {@link #rows} computes from the transpose of a, without it.
     * tmp holds n * L numbers and zeros L zeros.
     */
    abstract void dotRows(double[][] ys, int y0, double[][] a, double[] ct, double[] tmp, double[] zeros, int n);

    /** {@link BoundedExp#attention} (the same operations in the same order, so the same bits). */
    abstract void boundedExp(double[] row, double[] slope, int n, double c, int squarings, double scale);

    /** Name for benchmark and log output: "vector (N lanes)" or "scalar". */
    abstract String describe();

    private static TokenGemm create() {
        if (!Boolean.parseBoolean(System.getProperty("a2imd.vector", "true"))) {
            return new ScalarTokenGemm();
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            System.err.println("a2imd: note: the JVM lacks the module jdk.incubator.vector (start java with"
                    + " --add-modules jdk.incubator.vector, as the a2imd launcher does); the A2I network runs its"
                    + " scalar loops, about 1.5-2x slower");
            return new ScalarTokenGemm();
        }
        try {
            TokenGemm v = (TokenGemm) Class.forName("org.a2imd.nnp.VectorTokenGemm").getDeclaredConstructor()
                    .newInstance();
            return v;
        } catch (ReflectiveOperationException | LinkageError | IllegalStateException e) {
            System.err.println("a2imd: note: vector kernel unavailable (" + e + "); the A2I network runs its scalar"
                    + " loops");
            return new ScalarTokenGemm();
        }
    }
}

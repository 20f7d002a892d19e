package org.a2imd.nnp;

import org.a2imd.neighbor.NeighborList;

/**
 * Benchmark access to the package-private kernels: every local atom of a list through either today's
 * {@link A2IKernel} or the frozen pre-issue-14 {@link ReferenceA2IKernel} (src/test), so that JMH can time
 * both side by side in one run (issue 14).
 */
public final class KernelLoop {
    private final A2IModel model;
    private final A2IKernel fast;
    private final ReferenceA2IKernel reference;
    private final int[] typeMap;

    public KernelLoop(A2IModel model, boolean useReference) {
        this.model = model;
        fast = useReference ? null : new A2IKernel(model);
        reference = useReference ? new ReferenceA2IKernel(model) : null;
        typeMap = new int[model.species().size()];
        for (int k = 0; k < typeMap.length; k++) {
            typeMap[k] = k;
        }
    }

    /** The product implementation of this JVM: "vector (N lanes)" or "scalar". */
    public static String gemm() {
        return TokenGemm.INSTANCE.describe();
    }

    /** Sum of the atoms' energies; forces into f (3 per list atom), virial into vir, dE/dtheta into grad if non-null. */
    public double run(NeighborList nl, double[] f, double[] vir, double[] grad) {
        double[] w = model.weights();
        double e = 0;
        for (int i = 0; i < nl.nLocal; i++) {
            e += fast != null ? fast.atom(i, nl, typeMap, w, f, vir, grad, null, null)
                    : reference.atom(i, nl, typeMap, w, f, vir, grad, null, null);
        }
        return e;
    }
}

package org.a2imd.nnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.Rng;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.neighbor.BruteForcePairFinder;
import org.a2imd.neighbor.NeighborList;
import org.junit.jupiter.api.Test;

/**
 * The optimised {@link A2IKernel} computes the same function as the frozen pre-issue-14 kernel
 * ({@link ReferenceA2IKernel}) to round-off: per-atom energies, forces (ghosts included), virial, weight
 * gradients (the training path, grad non-null) and long-range feature adjoints, on an LJ liquid with the
 * default-size model and the shipped a2i-lj, on a hot silicon crystal with the shipped a2i-si-sw (angular
 * factor), on a two-species KA liquid with the shipped a2i-ka, with the long-range channel
 * (a2i-ion-gas-lode, random features) and on a small random model with every weight non-trivial. Also:
 * evaluations allocate nothing after warm-up.
 */
class A2IKernelEquivalenceTest {
    private static final double TOL = 1e-12;

    @Test
    void defaultSizeModelOnLjLiquid() {
        A2IModel m = new A2IModel(A2IArchitecture.defaults(1, 2.5), Units.LJ, List.of("Ar"), 55.0);
        m.initialise(2024);
        m.setEnergyScale(0.05);
        compare("default LJ", m, fcc(4, 0.8442, 0.12, 1, 11));
    }

    @Test
    void defaultSizeModelWithAngularFactorAndPerturbedWeights() {
        A2IModel m = new A2IModel(A2IArchitecture.defaults(2, 2.5).withAngularFactor(true), Units.LJ,
                List.of("A", "B"), 40.0);
        m.initialise(7);
        perturb(m, 0.1, 8);
        compare("default, angular, 2 species", m, fcc(3, 0.8442, 0.12, 2, 12));
    }

    @Test
    void shippedLj() {
        compare("a2i-lj", shipped("a2i-lj.model"), fcc(4, 0.8442, 0.12, 1, 13));
    }

    @Test
    void shippedSiliconWithAngularFactor() {
        A2IModel m = shipped("a2i-si-sw.model");
        assertTrue(m.architecture().angularFactor());
        compare("a2i-si-sw", m, diamond(5.431, 3, 0.15, 14));
    }

    @Test
    void shippedKobAndersenTwoSpecies() {
        compare("a2i-ka", shipped("a2i-ka.model"), fcc(3, 1.2, 0.1, 2, 15));
    }

    @Test
    void longRangeChannel() {
        A2IModel m = shipped("a2i-ion-gas-lode.model");
        assertTrue(m.architecture().longRangeFeatures() > 0);
        compare("a2i-ion-gas-lode", m, fcc(3, 0.3, 0.2, 2, 16));
    }

    @Test
    void smallRandomModelsOddSizes() {
        compare("small", A2ITestSupport.smallModel(3, 2.0, 5), fcc(3, 0.9, 0.12, 3, 17));
        compare("small angular", A2ITestSupport.smallModel(2, 2.0, 6, true), fcc(3, 0.9, 0.12, 2, 18));
        // Odd sizes everywhere: K 5, d 12, H 3 (head width 4), L 3, FFN 7, readout 5-3.
        A2IArchitecture a = new A2IArchitecture(2, 2.2, 5, 12, 3, 3, 7, 5, 3, 4, 2.0).withAngularFactor(true);
        A2IModel m = new A2IModel(a, Units.LJ, List.of("A", "B"), 20.0);
        m.initialise(9);
        perturb(m, 0.3, 10);
        compare("odd sizes", m, fcc(3, 0.9, 0.12, 2, 19));
    }

    @Test
    void allocationFreeAfterWarmUp() {
        A2IModel m = shipped("a2i-si-sw.model");
        AtomState s = diamond(5.431, 2, 0.15, 20);
        NeighborList nl = list(m, s);
        A2IKernel k = new A2IKernel(m);
        int[] typeMap = identity(m);
        double[] f = new double[3 * nl.nAll];
        double[] vir = new double[9];
        double[] grad = new double[m.parameterCount()];
        // Warm-up: until C2 has compiled the kernel (the Vector API allocates until then), at most 400 passes.
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = -1;
        int passes = 0;
        while (allocated != 0 && passes < 400) {
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < nl.nLocal; i++) {
                k.atom(i, nl, typeMap, m.weights(), f, vir, grad, null, null);
                k.atom(i, nl, typeMap, m.weights(), f, vir, null, null, null);
            }
            allocated = mx.getCurrentThreadAllocatedBytes() - before;
            passes++;
        }
        System.out.println("allocation-free after " + passes + " warm-up passes");
        assertEquals(0, allocated, "bytes allocated by a pass over the atoms after " + passes + " passes");
    }

    /** Every atom of {@code s}, once without and once with weight gradients; kernels reused across atoms. */
    private static void compare(String label, A2IModel m, AtomState s) {
        NeighborList nl = list(m, s);
        int[] typeMap = identity(m);
        int nlr = m.architecture().longRangeFeatures();
        double[] lam = null;
        if (nlr > 0) {
            lam = new double[nl.nLocal * nlr];
            Rng rng = new Rng(99);
            for (int k = 0; k < lam.length; k++) {
                lam[k] = rng.nextGaussian();
            }
        }
        A2IKernel fast = new A2IKernel(m);
        ReferenceA2IKernel ref = new ReferenceA2IKernel(m);
        double worstE = 0;
        double worstF = 0;
        double worstG = 0;
        for (boolean withGrad : new boolean[] {false, true}) {
            double[] fF = new double[3 * nl.nAll];
            double[] fR = new double[3 * nl.nAll];
            double[] vF = new double[9];
            double[] vR = new double[9];
            double[] gF = withGrad ? new double[m.parameterCount()] : null;
            double[] gR = withGrad ? new double[m.parameterCount()] : null;
            double[] dlF = nlr > 0 ? new double[lam.length] : null;
            double[] dlR = nlr > 0 ? new double[lam.length] : null;
            for (int i = 0; i < nl.nLocal; i++) {
                double eF = fast.atom(i, nl, typeMap, m.weights(), fF, vF, gF, lam, dlF);
                double eR = ref.atom(i, nl, typeMap, m.weights(), fR, vR, gR, lam, dlR);
                double de = Math.abs(eF - eR) / Math.max(Math.abs(eR), 1e-300);
                worstE = Math.max(worstE, de);
                assertTrue(de <= TOL, label + ": atom " + i + " energy " + eF + " vs " + eR);
            }
            worstF = Math.max(worstF, check(label + " forces", fF, fR));
            check(label + " virial", vF, vR);
            if (withGrad) {
                worstG = Math.max(worstG, check(label + " weight gradient", gF, gR));
            }
            if (nlr > 0) {
                check(label + " feature adjoints", dlF, dlR);
            }
        }
        System.out.printf("%s: max relative deviation energy %.2e, forces %.2e, weight gradient %.2e%n", label,
                worstE, worstF, worstG);
    }

    /** Largest |a - b| over the largest |b|, asserted at most TOL. */
    private static double check(String what, double[] a, double[] b) {
        double scale = 0;
        double diff = 0;
        for (int k = 0; k < b.length; k++) {
            scale = Math.max(scale, Math.abs(b[k]));
            diff = Math.max(diff, Math.abs(a[k] - b[k]));
        }
        assertTrue(scale > 0, what + " all zero");
        double rel = diff / scale;
        assertTrue(rel <= TOL, what + ": relative deviation " + rel);
        return rel;
    }

    private static A2IModel shipped(String name) {
        return A2IModelFile.read(Path.of("potentials", name));
    }

    private static void perturb(A2IModel m, double size, long seed) {
        Rng rng = new Rng(seed);
        double[] w = m.weights();
        for (int k = 0; k < w.length; k++) {
            w[k] += size * rng.nextGaussian();
        }
    }

    private static int[] identity(A2IModel m) {
        int[] t = new int[m.species().size()];
        for (int k = 0; k < t.length; k++) {
            t[k] = k;
        }
        return t;
    }

    private static NeighborList list(A2IModel m, AtomState s) {
        NeighborList nl = new NeighborList(m.architecture().cutoff(), 0.3, false, true, new BruteForcePairFinder());
        nl.build(s);
        return nl;
    }

    private static SpeciesSet species(int count) {
        List<Species> list = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            list.add(new Species("S" + k, 1.0));
        }
        return new SpeciesSet(list);
    }

    /** fcc, cells^3 cubic cells at number density rho, displaced by up to +-jitter, random types. */
    private static AtomState fcc(int cells, double rho, double jitter, int types, long seed) {
        double a = Math.cbrt(4 / rho);
        double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        return lattice(basis, a, cells, jitter, types, seed);
    }

    private static AtomState diamond(double a, int cells, double jitter, long seed) {
        double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}, {0.25, 0.25, 0.25},
            {0.75, 0.75, 0.25}, {0.75, 0.25, 0.75}, {0.25, 0.75, 0.75}};
        return lattice(basis, a, cells, jitter, 1, seed);
    }

    private static AtomState lattice(double[][] basis, double a, int cells, double jitter, int types, long seed) {
        Rng rng = new Rng(seed);
        int n = basis.length * cells * cells * cells;
        double[] pos = new double[3 * n];
        int[] type = new int[n];
        int k = 0;
        for (int x = 0; x < cells; x++) {
            for (int y = 0; y < cells; y++) {
                for (int z = 0; z < cells; z++) {
                    for (double[] b : basis) {
                        pos[3 * k] = (x + b[0]) * a + jitter * (2 * rng.nextDouble() - 1);
                        pos[3 * k + 1] = (y + b[1]) * a + jitter * (2 * rng.nextDouble() - 1);
                        pos[3 * k + 2] = (z + b[2]) * a + jitter * (2 * rng.nextDouble() - 1);
                        type[k] = rng.nextInt(types);
                        k++;
                    }
                }
            }
        }
        double l = a * cells;
        Box box = Box.of(new double[] {l, 0, 0}, new double[] {0, l, 0}, new double[] {0, 0, l});
        return new AtomState(Units.LJ, species(types), box, type, pos);
    }
}

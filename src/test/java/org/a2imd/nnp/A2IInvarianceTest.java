package org.a2imd.nnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.Rng;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Symmetries of the A2I energy, extensivity, and thread-count independence. */
class A2IInvarianceTest {
    private static WorkerPool pool;
    private static A2IModel model;
    private static A2IForceField ff;
    private static AtomState state;
    private static A2ITestSupport.Eval ref;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(1);
        model = A2ITestSupport.smallModel(2, 2.0, 50);
        ff = new A2IForceField(model);
        SpeciesSet sp = A2ITestSupport.speciesSet(model);
        state = A2ITestSupport.randomState(sp, A2ITestSupport.triclinic(3.6, 3.8, 3.7), 11, 0.9, 51);
        ref = A2ITestSupport.evaluate(ff, state, pool);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static AtomState withPositions(Box box, int[] type, double[] pos) {
        return new AtomState(state.units, state.species, box, type, pos);
    }

    private static void assertForces(double[] expected, double[] actual, double relTol) {
        double scale = A2ITestSupport.maxAbs(expected);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], relTol * scale, "force component " + k);
        }
    }

    private static double[] rotate(double[] r, double[] v) {
        return new double[] {r[0] * v[0] + r[1] * v[1] + r[2] * v[2], r[3] * v[0] + r[4] * v[1] + r[5] * v[2],
            r[6] * v[0] + r[7] * v[1] + r[8] * v[2]};
    }

    @Test
    void rotationOfPositionsAndCell() {
        Rng rng = new Rng(52);
        double qw = rng.nextGaussian();
        double qx = rng.nextGaussian();
        double qy = rng.nextGaussian();
        double qz = rng.nextGaussian();
        double qn = Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
        qw /= qn;
        qx /= qn;
        qy /= qn;
        qz /= qn;
        double[] rot = {
            1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy - qz * qw), 2 * (qx * qz + qy * qw),
            2 * (qx * qy + qz * qw), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz - qx * qw),
            2 * (qx * qz - qy * qw), 2 * (qy * qz + qx * qw), 1 - 2 * (qx * qx + qy * qy)};
        Box b = state.box();
        Box rb = Box.of(rotate(rot, b.vector(0)), rotate(rot, b.vector(1)), rotate(rot, b.vector(2)));
        double[] pos = new double[3 * state.n];
        for (int i = 0; i < state.n; i++) {
            double[] p = rotate(rot, new double[] {state.pos[3 * i], state.pos[3 * i + 1], state.pos[3 * i + 2]});
            System.arraycopy(p, 0, pos, 3 * i, 3);
        }
        A2ITestSupport.Eval e = A2ITestSupport.evaluate(ff, withPositions(rb, state.type, pos), pool);
        assertEquals(ref.energy(), e.energy(), 1e-12 * Math.abs(ref.energy()));
        double[] expected = new double[3 * state.n];
        for (int i = 0; i < state.n; i++) {
            double[] f = rotate(rot, new double[] {ref.force()[3 * i], ref.force()[3 * i + 1], ref.force()[3 * i + 2]});
            System.arraycopy(f, 0, expected, 3 * i, 3);
        }
        assertForces(expected, e.force(), 1e-11);
        // W' = R W R^T
        double[] w = ref.virial();
        for (int a = 0; a < 3; a++) {
            for (int c = 0; c < 3; c++) {
                double s = 0;
                for (int p = 0; p < 3; p++) {
                    for (int q = 0; q < 3; q++) {
                        s += rot[3 * a + p] * w[3 * p + q] * rot[3 * c + q];
                    }
                }
                assertEquals(s, e.virial()[3 * a + c], 1e-11 * A2ITestSupport.maxAbs(w));
            }
        }
    }

    @Test
    void translation() {
        double[] pos = state.pos.clone();
        for (int i = 0; i < state.n; i++) {
            pos[3 * i] += 0.37;
            pos[3 * i + 1] -= 1.91;
            pos[3 * i + 2] += 5.3;
        }
        A2ITestSupport.Eval e = A2ITestSupport.evaluate(ff, withPositions(state.box(), state.type, pos), pool);
        assertEquals(ref.energy(), e.energy(), 1e-12 * Math.abs(ref.energy()));
        assertForces(ref.force(), e.force(), 1e-11);
    }

    @Test
    void permutation() {
        int n = state.n;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = (7 * i + 3) % n; // n = 11 is prime, so this is a permutation
        }
        double[] pos = new double[3 * n];
        int[] type = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(state.pos, 3 * perm[i], pos, 3 * i, 3);
            type[i] = state.type[perm[i]];
        }
        A2ITestSupport.Eval e = A2ITestSupport.evaluate(ff, withPositions(state.box(), type, pos), pool);
        assertEquals(ref.energy(), e.energy(), 1e-12 * Math.abs(ref.energy()));
        double[] expected = new double[3 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(ref.force(), 3 * perm[i], expected, 3 * i, 3);
            assertEquals(ref.atomEnergy()[perm[i]], e.atomEnergy()[i], 1e-12 * Math.abs(ref.energy()));
        }
        assertForces(expected, e.force(), 1e-11);
    }

    @Test
    void latticeVectorShiftOfOneAtom() {
        double[] pos = state.pos.clone();
        Box b = state.box();
        for (int c = 0; c < 3; c++) {
            pos[3 * 4 + c] += b.vectorComponent(0, c) - 2 * b.vectorComponent(1, c) + b.vectorComponent(2, c);
        }
        A2ITestSupport.Eval e = A2ITestSupport.evaluate(ff, withPositions(b, state.type, pos), pool);
        assertEquals(ref.energy(), e.energy(), 1e-12 * Math.abs(ref.energy()));
        assertForces(ref.force(), e.force(), 1e-11);
    }

    @Test
    void replicaOfTwoByTwoByTwoHasEightTimesTheEnergy() {
        Box b = state.box();
        Box big = Box.of(scale(b.vector(0), 2), scale(b.vector(1), 2), scale(b.vector(2), 2));
        int n = state.n;
        double[] pos = new double[3 * 8 * n];
        int[] type = new int[8 * n];
        int a = 0;
        for (int na = 0; na < 2; na++) {
            for (int nb = 0; nb < 2; nb++) {
                for (int nc = 0; nc < 2; nc++) {
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < 3; c++) {
                            pos[3 * a + c] = state.pos[3 * i + c] + na * b.vectorComponent(0, c)
                                    + nb * b.vectorComponent(1, c) + nc * b.vectorComponent(2, c);
                        }
                        type[a++] = state.type[i];
                    }
                }
            }
        }
        A2ITestSupport.Eval e = A2ITestSupport.evaluate(ff, withPositions(big, type, pos), pool);
        assertEquals(8 * ref.energy(), e.energy(), 1e-12 * Math.abs(8 * ref.energy()));
        for (int r = 0; r < 8; r++) {
            for (int k = 0; k < 3 * n; k++) {
                assertEquals(ref.force()[k], e.force()[3 * n * r + k], 1e-11 * A2ITestSupport.maxAbs(ref.force()));
            }
        }
        for (int c = 0; c < 9; c++) {
            assertEquals(8 * ref.virial()[c], e.virial()[c], 1e-11 * 8 * A2ITestSupport.maxAbs(ref.virial()));
        }
    }

    private static double[] scale(double[] v, double s) {
        return new double[] {s * v[0], s * v[1], s * v[2]};
    }

    @Test
    void perAtomEnergiesSumToTheTotal() {
        double s = 0;
        for (double e : ref.atomEnergy()) {
            s += e;
        }
        assertEquals(ref.energy(), s, 1e-13 * Math.abs(ref.energy()));
    }

    @Test
    void oneAndTwoThreadsAgree() {
        A2IModel big = A2ITestSupport.smallModel(2, 2.0, 53);
        A2IForceField f2 = new A2IForceField(big);
        AtomState s = A2ITestSupport.randomState(A2ITestSupport.speciesSet(big), Box.orthorhombic(5.5, 5.2, 5.4),
                60, 0.85, 54);
        A2ITestSupport.Eval one = A2ITestSupport.evaluate(f2, s, pool);
        A2ITestSupport.Eval two;
        try (WorkerPool p2 = new WorkerPool(2)) {
            two = A2ITestSupport.evaluate(f2, A2ITestSupport.copy(s), p2);
            // A second call reuses the buffers and must give the same result.
            A2ITestSupport.Eval again = A2ITestSupport.evaluate(f2, A2ITestSupport.copy(s), p2);
            assertEquals(two.energy(), again.energy(), 0.0);
        }
        assertEquals(one.energy(), two.energy(), 1e-12 * Math.abs(one.energy()));
        assertForces(one.force(), two.force(), 1e-12);
        for (int c = 0; c < 9; c++) {
            assertEquals(one.virial()[c], two.virial()[c], 1e-12 * A2ITestSupport.maxAbs(one.virial()));
        }
        for (int i = 0; i < s.n; i++) {
            assertEquals(one.atomEnergy()[i], two.atomEnergy()[i], 0.0, "per-atom energies do not depend on threads");
        }
        assertTrue(Math.abs(one.energy()) > 0);
    }

    @Test
    void evaluationAllocatesNothingAfterWarmUp() {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        org.a2imd.neighbor.NeighborList nl = new org.a2imd.neighbor.NeighborList(ff.cutoff(), 0.3, false, true,
                new org.a2imd.neighbor.BruteForcePairFinder());
        nl.build(A2ITestSupport.copy(state));
        org.a2imd.force.ForceOutput out = new org.a2imd.force.ForceOutput();
        double[] grad = new double[model.parameterCount()];
        for (int k = 0; k < 3; k++) {
            out.reset(nl.nLocal, nl.nAll, true);
            ff.evaluate(nl, out, grad, 1.0, pool);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int k = 0; k < 5; k++) {
            out.reset(nl.nLocal, nl.nAll, true);
            ff.compute(nl, state.box(), out, pool);
            ff.evaluate(nl, out, grad, 1.0, pool);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 1024, allocated + " bytes allocated by 10 evaluations");
    }
}

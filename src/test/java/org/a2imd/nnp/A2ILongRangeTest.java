package org.a2imd.nnp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.InputException;
import org.a2imd.core.Rng;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceOutput;
import org.a2imd.neighbor.BruteForcePairFinder;
import org.a2imd.neighbor.NeighborList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The long-range channel of the A2I network: forces, virial and weight gradients against finite
 * differences with the channel on (two species, a triclinic cell narrower than 2 r_c), the force-loss
 * gradient, invariances, the model file, and that local model files read exactly as before.
 */
class A2ILongRangeTest {
    private static WorkerPool pool;
    private static A2IModel model;
    private static A2IForceField ff;
    private static AtomState state;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(1);
        model = LongRangeTestSupport.smallModel(2, 2.0, 12);
        SpeciesSet sp = A2ITestSupport.speciesSet(model);
        Box box = A2ITestSupport.triclinic(3.1, 3.3, 3.2);
        double[] w = box.perpendicularWidths();
        assertTrue(Math.max(w[0], Math.max(w[1], w[2])) < 2 * model.cutoff());
        state = A2ITestSupport.randomState(sp, box, 7, 0.9, 6);
        LongRangeTestSupport.fitNormalisation(model, state, pool);
        ff = LongRangeTestSupport.field(model);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static double energy(AtomState s) {
        return A2ITestSupport.energy(ff, s, pool);
    }

    private static double fourthOrder(double[] e, double h) {
        return (e[0] - 8 * e[1] + 8 * e[2] - e[3]) / (12 * h);
    }

    private static final double[] STEPS = {-2, -1, 1, 2};

    @Test
    void forcesMatchFiniteDifferencesAndTheChannelMatters() {
        A2ITestSupport.Eval e = A2ITestSupport.evaluate(ff, state, pool);
        double[] f = e.force();
        double h = 2e-4;
        double worst = 0;
        for (int k = 0; k < 3 * state.n; k++) {
            double[] ep = new double[4];
            for (int t = 0; t < 4; t++) {
                AtomState c = A2ITestSupport.copy(state);
                c.pos[k] += STEPS[t] * h;
                ep[t] = energy(c);
            }
            worst = Math.max(worst, Math.abs(-fourthOrder(ep, h) - f[k]));
        }
        double rel = worst / A2ITestSupport.maxAbs(f);
        System.out.printf("long-range channel: max force error / max force = %.2e%n", rel);
        assertTrue(rel < 1e-8, "relative force error " + rel);

        // The same network with the feature rows of readout.W1 zeroed: the forces must differ clearly,
        // otherwise the check above would not test the long-range path.
        A2IModel off = model.copy();
        int d = model.architecture().width();
        A2IModel.Segment w1 = model.segment("readout.W1");
        assertEquals(d + model.architecture().longRangeFeatures(), w1.rows());
        Arrays.fill(off.weights(), w1.offset() + d * w1.cols(), w1.offset() + w1.size(), 0.0);
        double[] f0 = A2ITestSupport.evaluate(LongRangeTestSupport.field(off), state, pool).force();
        double diff = 0;
        for (int k = 0; k < f.length; k++) {
            diff = Math.max(diff, Math.abs(f[k] - f0[k]));
        }
        System.out.printf("  largest change of a force component by the channel / max force = %.2f%n",
                diff / A2ITestSupport.maxAbs(f));
        assertTrue(diff > 0.02 * A2ITestSupport.maxAbs(f), "the channel barely changes the forces: " + diff);

        double sum = 0;
        for (double ei : e.atomEnergy()) {
            sum += ei;
        }
        assertEquals(e.energy(), sum, 1e-12 * Math.abs(e.energy()), "per-atom energies sum to E");
    }

    @Test
    void virialIsMinusStrainDerivative() {
        double[] vir = A2ITestSupport.evaluate(ff, state, pool).virial();
        double h = 2e-4;
        double worst = 0;
        for (int c = 0; c < 9; c++) {
            double[] ep = new double[4];
            for (int t = 0; t < 4; t++) {
                double[] strain = new double[9];
                strain[c] = STEPS[t] * h;
                AtomState p = A2ITestSupport.copy(state);
                p.deform(strain);
                ep[t] = energy(p);
            }
            worst = Math.max(worst, Math.abs(-fourthOrder(ep, h) - vir[c]));
        }
        double rel = worst / A2ITestSupport.maxAbs(vir);
        System.out.printf("long-range channel: virial max error / max component = %.2e%n", rel);
        assertTrue(rel < 1e-8, "relative virial error " + rel);
        double tol = 1e-10 * A2ITestSupport.maxAbs(vir);
        assertEquals(vir[1], vir[3], tol);
        assertEquals(vir[2], vir[6], tol);
        assertEquals(vir[5], vir[7], tol);
    }

    private static NeighborList list(AtomState s) {
        NeighborList nl = new NeighborList(model.cutoff(), 0.3, false, true, new BruteForcePairFinder());
        nl.build(s);
        return nl;
    }

    private static double listEnergy(NeighborList nl, ForceOutput out) {
        out.reset(nl.nLocal, nl.nAll, false);
        ff.compute(nl, nl.box(), out, pool);
        return out.energy;
    }

    @Test
    void weightGradientMatchesFiniteDifferencesIncludingFeatureRows() {
        NeighborList nl = list(state);
        ForceOutput out = new ForceOutput();
        out.reset(nl.nLocal, nl.nAll, false);
        double[] grad = new double[model.parameterCount()];
        ff.evaluate(nl, out, grad, 1.0, pool);
        double[] w = model.weights();
        double h = 1e-5;
        double worst = 0;
        for (int k = 0; k < w.length; k++) {
            double w0 = w[k];
            w[k] = w0 + h;
            double ep = listEnergy(nl, out);
            w[k] = w0 - h;
            double em = listEnergy(nl, out);
            w[k] = w0;
            worst = Math.max(worst, Math.abs((ep - em) / (2 * h) - grad[k]));
        }
        double rel = worst / A2ITestSupport.maxAbs(grad);
        System.out.printf("long-range channel: %d weights, max |dE/dw error| / max = %.2e%n", w.length, rel);
        assertTrue(rel < 1e-8, "weight gradient error " + rel);
        A2IModel.Segment w1 = model.segment("readout.W1");
        int d = model.architecture().width();
        for (int k = w1.offset() + d * w1.cols(); k < w1.offset() + w1.size(); k++) {
            assertTrue(grad[k] != 0, "feature row weight " + k + " has no gradient");
        }
    }

    @Test
    void forceLossGradientMatchesFiniteDifferences() {
        NeighborList nl = list(state);
        Rng rng = new Rng(42);
        double[] dir = new double[3 * state.n];
        for (int k = 0; k < dir.length; k++) {
            dir[k] = rng.nextGaussian();
        }
        double[] xBefore = Arrays.copyOf(nl.x, 3 * nl.nAll);
        double[] grad = new double[model.parameterCount()];
        ff.addForceLossGradient(nl, dir, grad, 1.0, pool);
        assertArrayEquals(xBefore, Arrays.copyOf(nl.x, 3 * nl.nAll), "positions must be restored exactly");

        ForceOutput out = new ForceOutput();
        double[] folded = new double[3 * state.n];
        double[] w = model.weights();
        double h = 1e-5;
        double worst = 0;
        for (int k = 0; k < w.length; k++) {
            double w0 = w[k];
            double[] e = new double[2];
            for (int t = 0; t < 2; t++) {
                w[k] = w0 + (2 * t - 1) * h;
                listEnergy(nl, out);
                nl.foldGhostForces(out.force, folded);
                double s = 0;
                for (int c = 0; c < folded.length; c++) {
                    s += dir[c] * folded[c];
                }
                e[t] = s;
            }
            w[k] = w0;
            worst = Math.max(worst, Math.abs((e[1] - e[0]) / (2 * h) - grad[k]));
        }
        double rel = worst / A2ITestSupport.maxAbs(grad);
        System.out.printf("long-range channel: force-loss gradient max error / max = %.2e%n", rel);
        assertTrue(rel < 1e-7, "force-loss gradient error " + rel);
    }

    private static double[] rotate(double[] r, double[] v) {
        return new double[] {r[0] * v[0] + r[1] * v[1] + r[2] * v[2], r[3] * v[0] + r[4] * v[1] + r[5] * v[2],
            r[6] * v[0] + r[7] * v[1] + r[8] * v[2]};
    }

    @Test
    void translationPermutationAndRotation() {
        A2ITestSupport.Eval ref = A2ITestSupport.evaluate(ff, state, pool);
        double fs = A2ITestSupport.maxAbs(ref.force());
        int n = state.n;

        AtomState moved = A2ITestSupport.copy(state);
        for (int i = 0; i < n; i++) {
            moved.pos[3 * i] += 0.37;
            moved.pos[3 * i + 1] -= 1.21;
            moved.pos[3 * i + 2] += 2.05;
        }
        A2ITestSupport.Eval t = A2ITestSupport.evaluate(ff, moved, pool);
        assertEquals(ref.energy(), t.energy(), 1e-12 * Math.abs(ref.energy()), "translation");
        for (int k = 0; k < 3 * n; k++) {
            assertEquals(ref.force()[k], t.force()[k], 1e-10 * fs, "translation, force " + k);
        }

        int[] perm = {3, 0, 6, 1, 5, 2, 4};
        double[] pp = new double[3 * n];
        int[] pt = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(state.pos, 3 * perm[i], pp, 3 * i, 3);
            pt[i] = state.type[perm[i]];
        }
        A2ITestSupport.Eval p = A2ITestSupport.evaluate(ff,
                new AtomState(state.units, state.species, state.box(), pt, pp), pool);
        assertEquals(ref.energy(), p.energy(), 1e-12 * Math.abs(ref.energy()), "permutation");
        for (int i = 0; i < n; i++) {
            assertEquals(ref.atomEnergy()[perm[i]], p.atomEnergy()[i], 1e-12 * Math.abs(ref.energy()));
            for (int c = 0; c < 3; c++) {
                assertEquals(ref.force()[3 * perm[i] + c], p.force()[3 * i + c], 1e-10 * fs, "permutation");
            }
        }

        double qw = 0.3;
        double qx = -0.5;
        double qy = 0.7;
        double qz = 0.4;
        double q = Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
        qw /= q;
        qx /= q;
        qy /= q;
        qz /= q;
        double[] rot = {1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy - qz * qw), 2 * (qx * qz + qy * qw),
            2 * (qx * qy + qz * qw), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz - qx * qw),
            2 * (qx * qz - qy * qw), 2 * (qy * qz + qx * qw), 1 - 2 * (qx * qx + qy * qy)};
        Box b = state.box();
        Box rb = Box.of(rotate(rot, b.vector(0)), rotate(rot, b.vector(1)), rotate(rot, b.vector(2)));
        double[] rp = new double[3 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rotate(rot, new double[] {state.pos[3 * i], state.pos[3 * i + 1], state.pos[3 * i + 2]}),
                    0, rp, 3 * i, 3);
        }
        A2ITestSupport.Eval r = A2ITestSupport.evaluate(ff, new AtomState(state.units, state.species, rb,
                state.type, rp), pool);
        assertEquals(ref.energy(), r.energy(), 1e-11 * Math.abs(ref.energy()), "rotation");
        for (int i = 0; i < n; i++) {
            double[] fr = rotate(rot, new double[] {ref.force()[3 * i], ref.force()[3 * i + 1], ref.force()[3 * i + 2]});
            for (int c = 0; c < 3; c++) {
                assertEquals(fr[c], r.force()[3 * i + c], 1e-9 * fs, "rotation, atom " + i);
            }
        }
    }

    @Test
    void modelFileRoundTripIsBitExact() {
        String text = A2IModelFile.format(model);
        assertTrue(text.contains("\nlode_exponents 1 3\n"), "the channel is written");
        A2IModel back = A2IModelFile.parse("round-trip", Arrays.asList(text.split("\n")));
        assertEquals(model.architecture(), back.architecture());
        assertArrayEquals(model.weights(), back.weights());
        assertArrayEquals(model.lodeMean(), back.lodeMean());
        assertArrayEquals(model.lodeScale(), back.lodeScale());
        assertEquals(text, A2IModelFile.format(back));
        A2ITestSupport.Eval a = A2ITestSupport.evaluate(ff, state, pool);
        A2ITestSupport.Eval b = A2ITestSupport.evaluate(LongRangeTestSupport.field(back), state, pool);
        assertEquals(a.energy(), b.energy(), 0.0);
        assertArrayEquals(a.force(), b.force(), 0.0);
        assertArrayEquals(a.virial(), b.virial(), 0.0);

        // All lode_* keys or none; the channel with a missing key is an input error naming it.
        List<String> lines = new java.util.ArrayList<>(Arrays.asList(text.split("\n")));
        lines.removeIf(l -> l.startsWith("lode_scale "));
        InputException ex = assertThrows(InputException.class, () -> A2IModelFile.parse("cut", lines));
        assertTrue(ex.getMessage().contains("lode_scale"), ex.getMessage());
    }

    /**
     * potentials/a2i-lj.model (written before the channel existed) reads, writes back byte for byte,
     * and gives the energy, per-atom energy, force and virial that the code before the channel gave
     * (values printed by that code for this configuration, at commit 41b8997), to round-off.
     */
    @Test
    void localModelFileReadsAndEvaluatesAsBefore() throws Exception {
        Path file = Path.of("potentials/a2i-lj.model");
        A2IModel m = A2IModelFile.read(file);
        assertEquals(null, m.architecture().lode());
        assertEquals(Files.readString(file), A2IModelFile.format(m));
        double l = Math.cbrt(4 / 0.8442);
        int nc = 3;
        int n = 4 * nc * nc * nc;
        double[] pos = new double[3 * n];
        double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        int k = 0;
        for (int i = 0; i < nc; i++) {
            for (int j = 0; j < nc; j++) {
                for (int q = 0; q < nc; q++) {
                    for (double[] b : basis) {
                        pos[3 * k] = (i + b[0]) * l + 0.07 * Math.sin(1.3 * k);
                        pos[3 * k + 1] = (j + b[1]) * l + 0.07 * Math.sin(2.1 * k + 0.4);
                        pos[3 * k + 2] = (q + b[2]) * l + 0.07 * Math.sin(0.7 * k + 1.1);
                        k++;
                    }
                }
            }
        }
        SpeciesSet sp = new SpeciesSet(List.of(new Species("Ar", 1.0)));
        AtomState s = new AtomState(Units.LJ, sp, Box.orthorhombic(nc * l, nc * l, nc * l), new int[n], pos);
        A2ITestSupport.Eval e = A2ITestSupport.evaluate(new A2IForceField(m), s, pool);
        // To round-off: the neighbour order (hence summation order) may change with the list builder.
        assertEquals(-650.7048012086918, e.energy(), 1e-12 * 650.7);
        assertEquals(-6.340035213252159, e.atomEnergy()[0], 1e-12 * 6.34);
        assertEquals(5.2783010456632296, e.force()[0], 1e-12 * 5.28);
        assertEquals(-778.5707904164195, e.virial()[0], 1e-12 * 778.6);
    }
}

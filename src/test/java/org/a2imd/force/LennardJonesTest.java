package org.a2imd.force;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.Rng;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.LennardJones.Mixing;
import org.a2imd.io.ExtXyzColumn;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzReader;
import org.a2imd.neighbor.BruteForcePairFinder;
import org.a2imd.neighbor.NeighborList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LennardJonesTest {
    private static final WorkerPool POOL1 = new WorkerPool(1);
    private static final WorkerPool POOL2 = new WorkerPool(2);

    @AfterAll
    static void closePools() {
        POOL1.close();
        POOL2.close();
    }

    /** Energy, virial, folded local forces and per-atom energies of one evaluation. */
    record Result(double energy, double[] virial, double[] force, double[] atomEnergy) {
    }

    static Result eval(LennardJones lj, AtomState s, WorkerPool pool) {
        NeighborList nl = new NeighborList(lj.cutoff(), 0.3, true, false, new BruteForcePairFinder());
        nl.build(s);
        ForceOutput out = new ForceOutput();
        out.reset(nl.nLocal, nl.nAll, true);
        lj.compute(nl, s.box(), out, pool);
        double[] f = new double[3 * s.n];
        nl.foldGhostForces(out.force, f);
        return new Result(out.energy, out.virial.clone(), f, out.atomEnergy.clone());
    }

    // ------------------------------------------------------------------ reference data (LAMMPS)

    @ParameterizedTest
    @ValueSource(strings = {"lj_fcc500_disp0.1_rc2.5_noshift.extxyz", "lj_fcc500_disp0.1_rc2.5_shift.extxyz",
        "lj_small100_cubic5.2_rc2.5_noshift.extxyz"})
    void matchesLammpsReference(String name) throws Exception {
        ExtXyzFrame ref = ExtXyzReader.readFirst(Path.of(getClass().getResource("/reference/" + name).toURI()));
        // pair_coeffs = "type type epsilon sigma cutoff" (one species in these files); shift = yes|no.
        String[] pc = ref.info.get("pair_coeffs").trim().split("\\s+");
        assertEquals(5, pc.length, "pair_coeffs layout");
        boolean shift = ref.info.get("shift").equals("yes");
        String sp = ref.species[0];
        SpeciesSet set = SpeciesSet.of(new Species(sp, 1.0));
        LennardJones lj = new LennardJones.Builder(set).shift(shift)
                .pair(sp, sp, Double.parseDouble(pc[2]), Double.parseDouble(pc[3]), Double.parseDouble(pc[4])).build();
        int[] type = new int[ref.size()];
        AtomState s = new AtomState(Units.LJ, set, ref.box, type, ref.pos);
        for (WorkerPool pool : new WorkerPool[] {POOL1, POOL2}) {
            Result r = eval(lj, s, pool);
            double e = ref.energy();
            assertEquals(e, r.energy, 1e-11 * Math.abs(e), "energy");
            assertEquals(0, maxAbsDiff(ref.forces, r.force), 1e-11, "forces");
            assertEquals(0, maxAbsDiff(ref.energies, r.atomEnergy), 1e-11, "per-atom energies");
            double[] w = ref.virial();
            assertEquals(0, maxAbsDiff(w, r.virial), 1e-11 * maxAbs(w), "virial");
            System.out.printf("%s threads %d: |dE|/E %.2e, max|dF| %.2e, max|de_i| %.2e, max|dW|/max|W| %.2e%n",
                    name, pool.threads(), Math.abs(r.energy - e) / Math.abs(e), maxAbsDiff(ref.forces, r.force),
                    maxAbsDiff(ref.energies, r.atomEnergy), maxAbsDiff(w, r.virial) / maxAbs(w));
        }
        ExtXyzColumn typeColumn = ref.column("type");
        assertEquals(1.0, typeColumn.numbers()[0]);
    }

    // ------------------------------------------------------------------ multi-species system

    static final SpeciesSet ABC = SpeciesSet.of(new Species("A", 1.0), new Species("B", 2.0), new Species("C", 3.0));

    /** Three species: like pairs given (B-B with its own cutoff), A-C explicit, A-B and B-C mixed. */
    static LennardJones.Builder abc(Mixing mixing) {
        return new LennardJones.Builder(ABC).cutoff(2.5).mixing(mixing)
                .pair("A", "A", 1.0, 1.0)
                .pair("B", "B", 0.8, 1.1, 2.8)
                .pair("C", "C", 1.2, 0.9)
                .pair("A", "C", 0.5, 1.05, 2.2);
    }

    /** A triclinic cell whose perpendicular widths (about 4.2) are below twice the largest cutoff (2.8). */
    static AtomState abcState(long seed) {
        Box box = Box.of(new double[] {4.4, 0, 0}, new double[] {1.0, 4.2, 0}, new double[] {0.7, -0.6, 4.6});
        assertTrue(Arrays.stream(box.perpendicularWidths()).max().getAsDouble() < 2 * 2.8);
        Rng rng = new Rng(seed);
        int m = 4;
        int n = m * m * m;
        int[] type = new int[n];
        double[] pos = new double[3 * n];
        double[] x = new double[3];
        int i = 0;
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                for (int c = 0; c < m; c++) {
                    double j = 0.04;
                    box.toCartesian((a + 0.5 + j * (2 * rng.nextDouble() - 1) * m) / m,
                            (b + 0.5 + j * (2 * rng.nextDouble() - 1) * m) / m,
                            (c + 0.5 + j * (2 * rng.nextDouble() - 1) * m) / m, x);
                    System.arraycopy(x, 0, pos, 3 * i, 3);
                    type[i] = (int) (rng.nextDouble() * 3);
                    i++;
                }
            }
        }
        return new AtomState(Units.LJ, ABC, box, type, pos);
    }

    static AtomState copy(AtomState s) {
        AtomState c = new AtomState(s.units, s.species, s.box(), s.type, s.pos);
        System.arraycopy(s.image, 0, c.image, 0, s.image.length);
        return c;
    }

    @Test
    void forcesAreMinusEnergyGradient() {
        LennardJones lj = abc(Mixing.LORENTZ_BERTHELOT).shift(true).build();
        AtomState s = abcState(11);
        Result r = eval(lj, s, POOL1);
        double h = 1e-5;
        double worst = 0;
        for (int k = 0; k < 3 * s.n; k++) {
            AtomState p = copy(s);
            p.pos[k] += h;
            AtomState q = copy(s);
            q.pos[k] -= h;
            double fd = -(eval(lj, p, POOL1).energy - eval(lj, q, POOL1).energy) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - r.force[k]) / Math.max(1, Math.abs(r.force[k])));
        }
        System.out.printf("force vs -dE/dx: worst relative error %.2e (max |F| %.1f)%n", worst, maxAbs(r.force));
        assertTrue(worst < 1e-6, "finite-difference force error " + worst);
    }

    @Test
    void shiftChangesEnergyNotForces() {
        AtomState s = abcState(12);
        Result plain = eval(abc(Mixing.GEOMETRIC).build(), s, POOL1);
        Result shifted = eval(abc(Mixing.GEOMETRIC).shift(true).build(), s, POOL1);
        assertArrayEquals(plain.force, shifted.force);
        assertArrayEquals(plain.virial, shifted.virial);
        assertTrue(Math.abs(plain.energy - shifted.energy) > 1e-3);
    }

    @Test
    void virialIsMinusStrainDerivative() {
        LennardJones lj = abc(Mixing.GEOMETRIC).shift(true).build();
        AtomState s = abcState(13);
        Result r = eval(lj, s, POOL1);
        double h = 1e-6;
        double worst = 0;
        // One strain component at a time: e_ab alone is a non-symmetric strain for a != b.
        for (int ab = 0; ab < 9; ab++) {
            double[] e = new double[9];
            e[ab] = h;
            AtomState p = copy(s);
            p.deform(e);
            e[ab] = -h;
            AtomState q = copy(s);
            q.deform(e);
            double fd = -(eval(lj, p, POOL1).energy - eval(lj, q, POOL1).energy) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - r.virial[ab]) / Math.max(1, maxAbs(r.virial)));
        }
        // A symmetric shear and a general strain with all components.
        double[][] strains = {{0, h, 0, h, 0, 0, 0, 0, 0},
            {0.3 * h, -0.7 * h, 0.2 * h, 0.5 * h, -0.4 * h, 0.9 * h, -0.1 * h, 0.6 * h, 0.8 * h}};
        for (double[] e : strains) {
            AtomState p = copy(s);
            p.deform(e);
            double[] me = e.clone();
            for (int k = 0; k < 9; k++) {
                me[k] = -me[k];
            }
            AtomState q = copy(s);
            q.deform(me);
            double dE = eval(lj, p, POOL1).energy - eval(lj, q, POOL1).energy;
            double predicted = 0;
            for (int k = 0; k < 9; k++) {
                predicted -= 2 * r.virial[k] * e[k];
            }
            worst = Math.max(worst, Math.abs(dE - predicted) / (2 * h) / maxAbs(r.virial));
        }
        System.out.printf("virial vs -dE/de: worst relative error %.2e (max |W| %.1f)%n", worst, maxAbs(r.virial));
        assertTrue(worst < 1e-7, "finite-strain virial error " + worst);
    }

    @Test
    void netForceIsZeroAndAtomEnergiesSumToTotal() {
        LennardJones lj = abc(Mixing.LORENTZ_BERTHELOT).build();
        Result r = eval(lj, abcState(14), POOL2);
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int i = c; i < r.force.length; i += 3) {
                sum += r.force[i];
            }
            assertEquals(0, sum, 1e-12 * maxAbs(r.force) * r.force.length);
        }
        assertEquals(r.energy, Arrays.stream(r.atomEnergy).sum(), 1e-12 * Math.abs(r.energy));
        assertEquals(r.virial[1], r.virial[3], 0);
    }

    @Test
    void energyIsInvariantUnderTranslationPermutationAndLatticeShifts() {
        LennardJones lj = abc(Mixing.LORENTZ_BERTHELOT).build();
        AtomState s = abcState(15);
        Result r = eval(lj, s, POOL1);
        double tol = 1e-12 * Math.abs(r.energy);

        AtomState moved = copy(s);
        for (int i = 0; i < s.n; i++) {
            moved.pos[3 * i] += 0.37;
            moved.pos[3 * i + 1] -= 2.21;
            moved.pos[3 * i + 2] += 5.55;
        }
        Result rm = eval(lj, moved, POOL1);
        assertEquals(r.energy, rm.energy, tol, "translation");
        assertEquals(0, maxAbsDiff(r.force, rm.force), 1e-10, "translation forces");

        int n = s.n;
        int[] type = new int[n];
        double[] pos = new double[3 * n];
        for (int i = 0; i < n; i++) {
            int src = (7 * i + 3) % n; // 7 is coprime with 64: a permutation
            type[i] = s.type[src];
            System.arraycopy(s.pos, 3 * src, pos, 3 * i, 3);
        }
        Result rp = eval(lj, new AtomState(Units.LJ, ABC, s.box(), type, pos), POOL1);
        assertEquals(r.energy, rp.energy, tol, "permutation");
        for (int i = 0; i < n; i++) {
            int src = (7 * i + 3) % n;
            for (int c = 0; c < 3; c++) {
                assertEquals(r.force[3 * src + c], rp.force[3 * i + c], 1e-10, "permuted force");
            }
            assertEquals(r.atomEnergy[src], rp.atomEnergy[i], 1e-11, "permuted atom energy");
        }

        AtomState shifted = copy(s);
        double[] a = s.box().vector(0);
        double[] c = s.box().vector(2);
        for (int k = 0; k < 3; k++) {
            shifted.pos[3 * 5 + k] += a[k] - 2 * c[k];
        }
        Result rs = eval(lj, shifted, POOL1);
        assertEquals(r.energy, rs.energy, tol, "lattice shift");
        assertEquals(0, maxAbsDiff(r.force, rs.force), 1e-10, "lattice shift forces");
    }

    /** Composite Simpson of g over [0, 1] with 2000 intervals. */
    static double simpson(java.util.function.DoubleUnaryOperator g) {
        int m = 2000;
        double h = 1.0 / m;
        double sum = g.applyAsDouble(0) + g.applyAsDouble(1);
        for (int k = 1; k < m; k++) {
            sum += (k % 2 == 1 ? 4 : 2) * g.applyAsDouble(k * h);
        }
        return sum * h / 3;
    }

    @Test
    void tailCorrectionMatchesNumericalIntegrals() {
        AtomState s = abcState(16);
        Result plain = eval(abc(Mixing.LORENTZ_BERTHELOT).build(), s, POOL1);
        Result tail = eval(abc(Mixing.LORENTZ_BERTHELOT).tail(true).build(), s, POOL1);
        // Independent parameters: like pairs and A-C as given, A-B and B-C by Lorentz-Berthelot.
        double[][] eps = new double[3][3];
        double[][] sig = new double[3][3];
        double[][] rc = new double[3][3];
        double[] e0 = {1.0, 0.8, 1.2};
        double[] s0 = {1.0, 1.1, 0.9};
        double[] c0 = {2.5, 2.8, 2.5};
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                eps[a][b] = Math.sqrt(e0[a] * e0[b]);
                sig[a][b] = 0.5 * (s0[a] + s0[b]);
                rc[a][b] = 0.5 * (c0[a] + c0[b]);
            }
        }
        eps[0][2] = eps[2][0] = 0.5;
        sig[0][2] = sig[2][0] = 1.05;
        rc[0][2] = rc[2][0] = 2.2;
        int[] count = new int[3];
        for (int t : s.type) {
            count[t]++;
        }
        double v = s.box().volume();
        double eTail = 0;
        double wTail = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double ep = eps[a][b];
                double sg = sig[a][b];
                double cut = rc[a][b];
                // r = cut / x maps [cut, inf) onto (0, 1]: int r^2 g(r) dr = int cut^3 x^-4 g(cut / x) dx.
                java.util.function.DoubleUnaryOperator u = r -> 4 * ep * (Math.pow(sg / r, 12) - Math.pow(sg / r, 6));
                java.util.function.DoubleUnaryOperator rdu = r -> 4 * ep * (12 * Math.pow(sg / r, 12) - 6 * Math.pow(sg / r, 6));
                double iu = simpson(x -> x == 0 ? 0 : Math.pow(cut, 3) * Math.pow(x, -4) * u.applyAsDouble(cut / x));
                double iw = simpson(x -> x == 0 ? 0 : Math.pow(cut, 3) * Math.pow(x, -4) * rdu.applyAsDouble(cut / x));
                eTail += 2 * Math.PI * count[a] * count[b] / v * iu;
                wTail += 2 * Math.PI * count[a] * count[b] / v * iw;
            }
        }
        double de = tail.energy - plain.energy;
        System.out.printf("tail energy %.10f vs numerical %.10f; tail trace W %.10f vs %.10f%n", de, eTail,
                tail.virial[0] + tail.virial[4] + tail.virial[8] - plain.virial[0] - plain.virial[4] - plain.virial[8],
                wTail);
        assertEquals(eTail, de, 1e-10 * Math.abs(eTail));
        for (int d = 0; d < 9; d++) {
            double expect = d % 4 == 0 ? wTail / 3 : 0;
            assertEquals(expect, tail.virial[d] - plain.virial[d], 1e-10 * Math.abs(wTail));
        }
        assertArrayEquals(plain.force, tail.force);
        assertEquals(tail.energy, Arrays.stream(tail.atomEnergy).sum(), 1e-12 * Math.abs(tail.energy));
    }

    @Test
    void oneAndTwoThreadsAgreeAndRepeatedCallsAreIdentical() {
        LennardJones lj = abc(Mixing.GEOMETRIC).tail(true).build();
        AtomState s = abcState(17);
        Result r1 = eval(lj, s, POOL1);
        Result r2 = eval(lj, s, POOL2);
        assertEquals(r1.energy, r2.energy, 1e-12 * Math.abs(r1.energy));
        assertEquals(0, maxAbsDiff(r1.force, r2.force), 1e-12 * maxAbs(r1.force));
        assertEquals(0, maxAbsDiff(r1.virial, r2.virial), 1e-12 * maxAbs(r1.virial));
        assertEquals(0, maxAbsDiff(r1.atomEnergy, r2.atomEnergy), 1e-12);
        Result again = eval(lj, s, POOL2);
        assertEquals(r2.energy, again.energy, 0);
        assertArrayEquals(r2.force, again.force);
        assertArrayEquals(r2.atomEnergy, again.atomEnergy);
    }

    @Test
    void addsToWhatIsAlreadyInTheOutput() {
        LennardJones lj = abc(Mixing.GEOMETRIC).build();
        AtomState s = abcState(18);
        NeighborList nl = new NeighborList(lj.cutoff(), 0.3, true, false, new BruteForcePairFinder());
        nl.build(s);
        ForceOutput out = new ForceOutput();
        out.reset(nl.nLocal, nl.nAll, true);
        lj.compute(nl, s.box(), out, POOL2);
        double e1 = out.energy;
        double[] f1 = Arrays.copyOf(out.force, 3 * nl.nAll);
        double[] a1 = out.atomEnergy.clone();
        lj.compute(nl, s.box(), out, POOL2);
        assertEquals(2 * e1, out.energy, 1e-13 * Math.abs(e1));
        for (int k = 0; k < 3 * nl.nAll; k++) {
            assertEquals(2 * f1[k], out.force[k], 1e-12 * Math.max(1, Math.abs(f1[k])));
        }
        for (int i = 0; i < nl.nLocal; i++) {
            assertEquals(2 * a1[i], out.atomEnergy[i], 1e-12);
        }
    }

    @Test
    void noAllocationPerCallAfterWarmUp() {
        LennardJones lj = abc(Mixing.GEOMETRIC).tail(true).build();
        AtomState s = abcState(19);
        NeighborList nl = new NeighborList(lj.cutoff(), 0.3, true, false, new BruteForcePairFinder());
        nl.build(s);
        ForceOutput out = new ForceOutput();
        for (int k = 0; k < 200; k++) {
            out.reset(nl.nLocal, nl.nAll, true);
            lj.compute(nl, s.box(), out, POOL2);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int k = 0; k < 200; k++) {
            out.reset(nl.nLocal, nl.nAll, true);
            lj.compute(nl, s.box(), out, POOL2);
        }
        long bytes = mx.getCurrentThreadAllocatedBytes() - before;
        System.out.println("bytes allocated by 200 calls: " + bytes);
        assertTrue(bytes < 2000, "allocated " + bytes + " bytes in 200 calls");
    }

    // ------------------------------------------------------------------ parameters and cutoffs

    static double lj(double eps, double sig, double r) {
        double x = Math.pow(sig / r, 6);
        return 4 * eps * (x * x - x);
    }

    /** Energy of two atoms of the given types at distance r in a box far larger than any cutoff. */
    static double dimer(LennardJones lj, int ta, int tb, double r) {
        AtomState s = new AtomState(Units.LJ, ABC, Box.orthorhombic(20, 20, 20), new int[] {ta, tb},
                new double[] {5, 5, 5, 5 + r * 0.6, 5 + r * 0.8, 5});
        return eval(lj, s, POOL1).energy;
    }

    @Test
    void mixingRulesAndPerPairCutoffs() {
        LennardJones lb = abc(Mixing.LORENTZ_BERTHELOT).build();
        assertEquals(Math.sqrt(0.8), lb.epsilon(0, 1), 1e-15);
        assertEquals(1.05, lb.sigma(0, 1), 1e-15);
        assertEquals(2.65, lb.pairCutoff(1, 0), 1e-15);
        assertEquals(0.5, lb.epsilon(2, 0));
        assertEquals(2.2, lb.pairCutoff(0, 2));
        assertEquals(2.8, lb.cutoff());
        LennardJones geo = abc(Mixing.GEOMETRIC).build();
        assertEquals(Math.sqrt(1.1 * 0.9), geo.sigma(1, 2), 1e-15);
        assertEquals(Math.sqrt(2.8 * 2.5), geo.pairCutoff(1, 2), 1e-15);
        assertEquals(Math.sqrt(0.96), geo.epsilon(2, 1), 1e-15);

        assertEquals(lj(1.2, 0.9, 1.3), dimer(lb, 2, 2, 1.3), 1e-14);
        assertEquals(lj(Math.sqrt(0.8), 1.05, 2.6), dimer(lb, 0, 1, 2.6), 1e-15);
        assertEquals(0, dimer(lb, 0, 1, 2.7));
        assertEquals(lj(0.8, 1.1, 2.7), dimer(lb, 1, 1, 2.7), 1e-15);
        assertEquals(0, dimer(lb, 0, 2, 2.3));
        LennardJones shifted = abc(Mixing.LORENTZ_BERTHELOT).shift(true).build();
        assertEquals(lj(0.5, 1.05, 2.1) - lj(0.5, 1.05, 2.2), dimer(shifted, 0, 2, 2.1), 1e-15);
        assertEquals(lj(0.5, 1.05, 2.2), shifted.energyShift(0, 2), 1e-15);
        assertTrue(lb.describe().contains("A-B"));
    }

    @Test
    void invalidParametersAreRejectedWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LennardJones.Builder(ABC).cutoff(2.5).pair("A", "A", 1, 1).pair("C", "C", 1, 1).build());
        assertTrue(e.getMessage().contains("A-B") && e.getMessage().contains("B-B"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> abc(Mixing.NONE).build());
        assertTrue(e.getMessage().contains("A-B"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LennardJones.Builder(ABC).pair("A", "A", 1, 1)
                .pair("B", "B", 1, 1).pair("C", "C", 1, 1).build());
        assertTrue(e.getMessage().contains("cutoff"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LennardJones.Builder(ABC).pair("A", "X", 1, 1));
        assertTrue(e.getMessage().contains("'X'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LennardJones.Builder(ABC).pair(0, 3, 1, 1));
        assertTrue(e.getMessage().contains("type 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LennardJones.Builder(ABC).pair("A", "B", -1, 1));
        assertTrue(e.getMessage().contains("epsilon"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LennardJones.Builder(ABC).pair("A", "B", 1, 0));
        assertTrue(e.getMessage().contains("sigma"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LennardJones.Builder(ABC).pair("A", "B", 1, 1, Double.NaN));
        assertTrue(e.getMessage().contains("cutoff"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LennardJones.Builder(ABC).cutoff(-2));
        assertTrue(e.getMessage().contains("cutoff"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LennardJones.Builder(ABC).pair("A", "B", 1, 1)
                .pair("B", "A", 1, 1));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void refusesAListItCannotUse() {
        LennardJones lj = abc(Mixing.GEOMETRIC).build();
        AtomState s = abcState(20);
        ForceOutput out = new ForceOutput();
        NeighborList fullOnly = new NeighborList(2.8, 0.3, false, true, new BruteForcePairFinder());
        fullOnly.build(s);
        out.reset(fullOnly.nLocal, fullOnly.nAll, false);
        assertThrows(IllegalStateException.class, () -> lj.compute(fullOnly, s.box(), out, POOL1));
        NeighborList tooShort = new NeighborList(2.5, 0.3, true, false, new BruteForcePairFinder());
        tooShort.build(s);
        out.reset(tooShort.nLocal, tooShort.nAll, false);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> lj.compute(tooShort, s.box(), out, POOL1));
        assertTrue(e.getMessage().contains("2.8"), e.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int k = 0; k < a.length; k++) {
            m = Math.max(m, Math.abs(a[k] - b[k]));
        }
        return m;
    }
}

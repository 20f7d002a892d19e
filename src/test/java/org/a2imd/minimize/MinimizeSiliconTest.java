package org.a2imd.minimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.a2imd.core.AtomState;
import org.a2imd.core.Rng;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.force.StillingerWeber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Relaxation of Stillinger-Weber silicon: positions (FIRE and CG) and cell. */
class MinimizeSiliconTest {
    private static WorkerPool pool;
    private static StillingerWeber sw;

    @BeforeAll
    static void setUp() {
        pool = new WorkerPool(1);
        sw = SiliconFixture.field();
    }

    @AfterAll
    static void tearDown() {
        pool.close();
    }

    private static ForceEvaluator evaluator() {
        return new ForceEvaluator(sw, 1.0, pool);
    }

    private static double energyOf(AtomState s) {
        ForceEvaluator f = evaluator();
        f.evaluate(s, false);
        return f.energy();
    }

    /** A randomly displaced crystal (+-0.15 A per component) relaxes back to the perfect-lattice energy. */
    @ParameterizedTest
    @EnumSource(MinimizeSettings.Style.class)
    void displacedDiamondReturnsToThePerfectLattice(MinimizeSettings.Style style) {
        AtomState perfect = SiliconFixture.diamond(5.431, 3);
        double ePerfect = energyOf(perfect);
        assertEquals(-4.3366 * perfect.n, ePerfect, 1e-4 * perfect.n);
        AtomState s = SiliconFixture.diamond(5.431, 3);
        Rng rng = new Rng(42);
        for (int k = 0; k < 3 * s.n; k++) {
            s.pos[k] += 0.3 * (rng.nextDouble() - 0.5);
        }
        ForceEvaluator f = evaluator();
        double start = energyOf(s);
        Minimization.Result r = Minimization.run(s, f,
                new MinimizeSettings(style, 0.0, 1e-8, 5000, 0.1), CellMode.NONE, 0.0);
        System.out.printf("%s: %d atoms, start %.6f eV, final %.10f eV, perfect %.10f eV, |dE| %.2e, "
                + "%d iterations, %d evaluations, max force %.2e (%s)%n", style, s.n, start, r.energy(), ePerfect,
                Math.abs(r.energy() - ePerfect), r.iterations(), r.evaluations(), r.maxForce(), r.stop());
        assertEquals(MinimizeSettings.Stop.FORCE, r.stop());
        assertTrue(r.maxForce() <= 1e-8);
        assertEquals(ePerfect, r.energy(), 1e-9);
        assertEquals(r.energy(), energyOf(s), 1e-9, "the state holds the relaxed configuration");
    }

    /** Cell relaxation from a = 5.5 A gives the analytic SW lattice constant 4 r0 / sqrt(3). */
    @ParameterizedTest
    @EnumSource(MinimizeSettings.Style.class)
    void isotropicCellRelaxationFindsTheLatticeConstant(MinimizeSettings.Style style) {
        AtomState s = SiliconFixture.diamond(5.5, 2);
        ForceEvaluator f = evaluator();
        Minimization.Result r = Minimization.run(s, f, new MinimizeSettings(style, 0.0, 1e-10, 5000, 0.1),
                CellMode.ISO, 0.0);
        double a = s.box().vectorComponent(0, 0) / 2;
        double analytic = SiliconFixture.latticeConstant();
        System.out.printf("%s iso: a = %.10f A (analytic %.10f), E/N = %.10f eV, P = %.3e bar, %d iterations%n",
                style, a, analytic, r.energy() / s.n, r.pressure() * s.units.nktv2p, r.iterations());
        assertEquals(MinimizeSettings.Stop.FORCE, r.stop());
        assertEquals(5.43095, a, 1e-4);
        assertEquals(analytic, a, 1e-8);
        assertEquals(0.0, r.pressure() * s.units.nktv2p, 1e-3, "pressure in bar");
        assertEquals(s.box().vectorComponent(0, 0), s.box().vectorComponent(1, 1), 1e-12, "stays cubic");
    }

    /** Anisotropic relaxation of an orthorhombically distorted cell restores the cubic crystal. */
    @Test
    void anisotropicCellRelaxationRestoresCubicSymmetry() {
        AtomState s = SiliconFixture.diamond(5.431, 2);
        s.deform(new double[] {0.02, 0, 0, 0, -0.01, 0, 0, 0, 0.005});
        ForceEvaluator f = evaluator();
        Minimization.Result r = Minimization.run(s, f, new MinimizeSettings(MinimizeSettings.Style.CG, 0.0, 1e-10,
                5000, 0.1), CellMode.ANISO, 0.0);
        double analytic = SiliconFixture.latticeConstant();
        for (int k = 0; k < 3; k++) {
            assertEquals(2 * analytic, s.box().vectorComponent(k, k), 2e-8);
        }
        for (int k = 0; k < 9; k += 4) {
            assertEquals(0.0, r.pressureTensor()[k] * s.units.nktv2p, 1e-3);
        }
        assertEquals(MinimizeSettings.Stop.FORCE, r.stop());
    }

    /**
     * Relaxing to a pressure P compresses by ln(V0/V) = P/B to first order: the bulk modulus of the
     * cell relaxation agrees with (C11 + 2 C12) / 3 of the analytic harmonic model.
     */
    @Test
    void relaxationUnderPressureMatchesTheBulkModulus() {
        double pGpa = 0.5;
        double p = pGpa / ElasticConstants.EV_PER_A3_IN_GPA;
        AtomState s = SiliconFixture.diamond(SiliconFixture.latticeConstant(), 2);
        double v0 = s.box().volume();
        ForceEvaluator f = evaluator();
        MinimizeSettings tight = new MinimizeSettings(MinimizeSettings.Style.CG, 0.0, 1e-10, 5000, 0.1);
        Minimization.Result up = Minimization.run(s, f, tight, CellMode.ISO, p);
        double vPlus = s.box().volume();
        AtomState t = SiliconFixture.diamond(SiliconFixture.latticeConstant(), 2);
        Minimization.run(t, evaluator(), tight, CellMode.ISO, -p);
        double vMinus = t.box().volume();
        assertEquals(p, up.pressure(), 1e-12);
        double[][] c = SiliconFixture.harmonicElasticConstants(true);
        double bulk = (c[0][0] + 2 * c[0][1]) / 3;
        // central difference in P: ln(V-/V+) / 2P = 1/B + O(P^2)
        double measured = 2 * pGpa / Math.log(vMinus / vPlus);
        System.out.printf("bulk modulus from V(P): %.4f GPa, harmonic model (C11 + 2 C12)/3: %.4f GPa (V0 %.4f)%n",
                measured, bulk, v0);
        assertEquals(bulk, measured, 1e-3 * bulk);
    }
}

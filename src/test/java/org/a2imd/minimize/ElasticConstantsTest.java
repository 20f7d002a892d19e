package org.a2imd.minimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.a2imd.core.AtomState;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Elastic constants of Stillinger-Weber silicon at 0 K. */
class ElasticConstantsTest {
    /**
     * Relaxed constants of the original SW silicon, in GPa: E. R. Cowley, Phys. Rev. Lett. 60, 2379
     * (1988), as quoted in LAMMPS's examples/ELASTIC/in.elastic ("For Stillinger-Weber silicon, the
     * analytical results are known to be C11 = 151.4, C12 = 76.4, C44 = 56.4 GPa"). Given to 0.1 GPa.
     */
    static final double C11_COWLEY = 151.4;
    static final double C12_COWLEY = 76.4;
    static final double C44_COWLEY = 56.4;

    private static WorkerPool pool;
    private static ElasticConstants.Result result;
    private static ElasticConstants.Result half;

    @BeforeAll
    static void compute() {
        pool = new WorkerPool(1);
        ForceEvaluator f = new ForceEvaluator(SiliconFixture.field(), 1.0, pool);
        AtomState s = SiliconFixture.diamond(5.43, 2);
        MinimizeSettings tight = MinimizeSettings.tight();
        Minimization.run(s, f, tight, CellMode.ISO, 0.0);
        result = ElasticConstants.compute(s, f, 1e-3, true, tight);
        half = ElasticConstants.compute(s, f, 0.5e-3, true, tight);
    }

    @AfterAll
    static void tearDown() {
        pool.close();
    }

    private static double gpa(double[][] c, int i, int j) {
        return c[i][j] * ElasticConstants.EV_PER_A3_IN_GPA;
    }

    @Test
    void relaxedConstantsMatchCowleyAndTheHarmonicModel() {
        double[][] c = result.relaxed();
        double[][] model = SiliconFixture.harmonicElasticConstants(true);
        System.out.printf("relaxed   C11 %.4f C12 %.4f C44 %.4f GPa (harmonic model %.4f %.4f %.4f; Cowley 151.4 "
                + "76.4 56.4); residual force %.1e, %d evaluations%n", gpa(c, 0, 0), gpa(c, 0, 1), gpa(c, 3, 3),
                model[0][0], model[0][1], model[3][3], result.maxResidualForce(), result.evaluations());
        assertEquals(C11_COWLEY, gpa(c, 0, 0), 0.05);
        assertEquals(C12_COWLEY, gpa(c, 0, 1), 0.05);
        assertEquals(C44_COWLEY, gpa(c, 3, 3), 0.05);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(model[i][j], gpa(c, i, j), 2e-3, "C" + (i + 1) + (j + 1));
            }
        }
    }

    @Test
    void unrelaxedC44IsTheHarmonicModelsAndTwiceTheRelaxedOne() {
        double[][] u = result.unrelaxed();
        double[][] model = SiliconFixture.harmonicElasticConstants(false);
        System.out.printf("unrelaxed C11 %.4f C12 %.4f C44 %.4f GPa (harmonic model %.4f %.4f %.4f)%n",
                gpa(u, 0, 0), gpa(u, 0, 1), gpa(u, 3, 3), model[0][0], model[0][1], model[3][3]);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(model[i][j], gpa(u, i, j), 2e-3, "unrelaxed C" + (i + 1) + (j + 1));
            }
        }
        // Uniaxial and volumetric strains leave every atom at an inversion-related site: no relaxation.
        assertEquals(gpa(result.relaxed(), 0, 0), gpa(u, 0, 0), 1e-4);
        assertEquals(gpa(result.relaxed(), 0, 1), gpa(u, 0, 1), 1e-4);
        assertTrue(gpa(u, 3, 3) > 1.9 * gpa(result.relaxed(), 3, 3), "internal relaxation halves C44");
    }

    @Test
    void matrixIsSymmetricAndCubic() {
        for (double[][] c : new double[][][] {result.relaxed(), result.unrelaxed()}) {
            double c11 = gpa(c, 0, 0);
            double c12 = gpa(c, 0, 1);
            double c44 = gpa(c, 3, 3);
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    double expected;
                    if (i < 3 && j < 3) {
                        expected = i == j ? c11 : c12;
                    } else {
                        expected = i == j ? c44 : 0.0;
                    }
                    assertEquals(expected, gpa(c, i, j), 1e-4, "C" + (i + 1) + (j + 1));
                    assertEquals(gpa(c, j, i), gpa(c, i, j), 1e-4, "symmetry of C" + (i + 1) + (j + 1));
                }
            }
        }
        double[][] c = result.relaxed();
        assertTrue(gpa(c, 0, 0) > Math.abs(gpa(c, 0, 1)) && gpa(c, 0, 0) + 2 * gpa(c, 0, 1) > 0 && gpa(c, 3, 3) > 0,
                "Born stability of a cubic crystal");
    }

    @Test
    void constantsAreStableUnderHalvingTheStrain() {
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(gpa(result.relaxed(), i, j), gpa(half.relaxed(), i, j), 1e-3, "C" + (i + 1) + (j + 1));
            }
        }
        assertEquals(result.strain() / 2, half.strain());
    }

    @Test
    void bulkModulusIsTheVoigtAverage() {
        double[][] c = result.relaxed();
        assertEquals((gpa(c, 0, 0) + 2 * gpa(c, 0, 1)) / 3,
                ElasticConstants.bulkModulus(c) * ElasticConstants.EV_PER_A3_IN_GPA, 1e-4);
    }
}

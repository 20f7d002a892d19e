package org.a2imd.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.a2imd.core.AtomState;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Physics checks every thermostat must pass, on one seeded run of 64 interacting soft spheres of masses
 * 1 and 4 (lj units, rho 1), started cold at T 0.5 and thermostatted to T 1.5: mean temperature,
 * equipartition between light and heavy atoms, the canonical (Gamma) distribution of the kinetic
 * energy, and conservation of total energy minus thermostat energy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CanonicalEnsembleChecks {
    static final double T = 1.5;
    static final double DT = 0.02;
    private final WorkerPool pool = new WorkerPool(1);
    AtomState s;
    CanonicalSampling run;

    /** The thermostat under test, for target temperature T and timestep DT. */
    abstract Integrator thermostat();

    /** Steps between kinetic-energy samples, long enough for them to be nearly independent. */
    abstract int stride();

    @BeforeAll
    void sample() {
        s = TestSystems.cubic(Units.LJ, TestSystems.lj(1.0, 4.0), new double[] {1, 1}, 4, 1.0, 0.5, 21);
        ForceEvaluator f = new ForceEvaluator(new TestSystems.SoftSpheres(5.0, 1.5), 0.6, pool);
        Integrator integrator = thermostat();
        run = new CanonicalSampling(s, f, integrator, 500, 2000, stride());
        System.out.printf("%s: %d samples in %.1f s%n", integrator.describe(), run.kinetic.length, run.seconds);
    }

    @AfterAll
    void close() {
        pool.close();
    }

    String name() {
        return getClass().getSimpleName();
    }

    @Test
    void reachesTheTargetTemperature() {
        double nf = s.degreesOfFreedom();
        double mean = TestSystems.mean(run.kinetic) * 2 / (nf * s.units.boltz);
        double stdErr = TestSystems.std(run.kinetic) * 2 / (nf * s.units.boltz) / Math.sqrt(run.kinetic.length);
        System.out.printf("%s: mean T %.5f (target %.2f, standard error %.5f)%n", name(), mean, T, stdErr);
        assertEquals(T, mean, 0.01 * T);
        assertEquals(T, mean, 4 * stdErr);
    }

    @Test
    void heavyAndLightAtomsShareTheTemperature() {
        for (int t = 0; t < 2; t++) {
            double expected = CanonicalSampling.expectedSpeciesKinetic(s, t, s.units.boltz * T);
            System.out.printf("%s: species %d (mass %.0f) mean KE %.4f, expected %.4f%n", name(), t,
                    s.species.mass(t), run.speciesKinetic[t], expected);
            assertEquals(expected, run.speciesKinetic[t], 0.015 * expected);
        }
    }

    @Test
    void kineticEnergyHasTheCanonicalDistribution() {
        double lag = TestSystems.lag1(run.kinetic);
        double kT = s.units.boltz * T;
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        double p = ks.kolmogorovSmirnovTest(new GammaDistribution(null, 0.5 * s.degreesOfFreedom(), kT), run.kinetic);
        // The same samples against the law for 3N instead of 3N - 3 degrees of freedom: shows the test's power.
        double pWrong = ks.kolmogorovSmirnovTest(new GammaDistribution(null, 1.5 * s.n, kT), run.kinetic);
        System.out.printf("%s: KE lag-1 autocorrelation %.3f; KS p %.3f vs Gamma((3N-3)/2, kT), p %.1e vs Gamma(3N/2, kT)%n",
                name(), lag, p, pWrong);
        assertTrue(Math.abs(lag) < 0.1, "samples are correlated, lag-1 autocorrelation " + lag);
        assertTrue(p > 0.01, "kinetic energies are not Gamma((3N-3)/2, kT) distributed, p = " + p);
    }

    @Test
    void totalEnergyMinusThermostatEnergyIsConserved() {
        double kT = s.units.boltz * T;
        double drift = Math.abs(run.conserved[run.conserved.length - 1] - run.conserved[0]);
        double spread = TestSystems.std(run.conserved);
        System.out.printf("%s: per atom: conserved drift %.2e, std %.2e; thermostat energy std %.2e, gross exchange %.2e%n",
                name(), drift / s.n, spread / s.n, TestSystems.std(run.exchanged) / s.n, run.grossExchange / s.n);
        assertTrue(spread / s.n < 0.01 * kT, "conserved quantity fluctuates " + spread / s.n + " per atom");
        assertTrue(drift < 1e-5 * run.grossExchange,
                "conserved quantity drifts " + drift + " while the thermostat moved " + run.grossExchange);
    }
}

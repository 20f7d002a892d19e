package org.a2imd.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.a2imd.core.AtomState;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The coupling constants mean what the documentation says, checked on free particles where the answer is
 * exact: at T = 0 Langevin velocities decay as exp(-t / damping) (LAMMPS's damp), CSVR's kinetic energy
 * as exp(-t / tau) (Bussi's tau); and in metal units Langevin holds free argon at the target temperature.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThermostatCouplingTest {
    private final WorkerPool pool = new WorkerPool(1);

    @AfterAll
    void close() {
        pool.close();
    }

    private AtomState gas(Units units, double mass, double t) {
        return TestSystems.cubic(units, SpeciesSet.of(new Species("Ar", mass)), new double[] {1}, 5, 0.01, t, 8);
    }

    @Test
    void langevinDampingIsTheVelocityRelaxationTime() {
        AtomState s = gas(Units.LJ, 2.0, 1.0);
        ForceEvaluator f = new ForceEvaluator(new TestSystems.Free(), 1.0, pool);
        double damping = 0.7;
        Integrator in = new LangevinBaoab(0.01, 0.0, damping, 1);
        in.init(s, f);
        double k0 = s.kineticEnergy();
        for (int k = 0; k < 100; k++) {
            in.step(s, f);
        }
        assertEquals(k0 * Math.exp(-2 * 1.0 / damping), s.kineticEnergy(), 1e-12 * k0);
        assertEquals(s.kineticEnergy() - k0, in.thermostatEnergy(), 1e-12 * k0);
    }

    @Test
    void csvrTauIsTheKineticEnergyRelaxationTime() {
        AtomState s = gas(Units.LJ, 2.0, 1.0);
        ForceEvaluator f = new ForceEvaluator(new TestSystems.Free(), 1.0, pool);
        double tau = 0.3;
        Integrator in = new Csvr(0.01, 0.0, tau, 1);
        in.init(s, f);
        double k0 = s.kineticEnergy();
        for (int k = 0; k < 100; k++) {
            in.step(s, f);
        }
        assertEquals(k0 * Math.exp(-1.0 / tau), s.kineticEnergy(), 1e-12 * k0);
        assertEquals(s.kineticEnergy() - k0, in.thermostatEnergy(), 1e-12 * k0);
    }

    @Test
    void langevinHoldsFreeArgonAt300KelvinInMetalUnits() {
        AtomState s = gas(Units.METAL, 39.948, 100);
        ForceEvaluator f = new ForceEvaluator(new TestSystems.Free(), 2.0, pool);
        Integrator in = new LangevinBaoab(0.002, 300, 0.05, 3);
        in.init(s, f);
        for (int k = 0; k < 200; k++) {
            in.step(s, f);
        }
        double sum = 0;
        int samples = 2000;
        for (int n = 0; n < samples; n++) {
            for (int k = 0; k < 10; k++) {
                in.step(s, f);
            }
            sum += s.temperature();
        }
        // 372 degrees of freedom: one sample spreads sqrt(2 / 372) = 7 %; samples 0.4 damping times
        // apart (kinetic-energy correlation exp(-0.8) = 0.45) leave ~760 independent ones: 0.25 % error.
        assertEquals(300, sum / samples, 3.0);
    }
}

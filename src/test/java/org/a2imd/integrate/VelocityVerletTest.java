package org.a2imd.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.a2imd.core.AtomState;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VelocityVerletTest {
    private final WorkerPool pool = new WorkerPool(1);
    private final TestSystems.SoftSpheres soft = new TestSystems.SoftSpheres(5.0, 1.5);
    /** A melted soft-sphere fluid, two masses, 125 atoms at rho 1, T about 1 (lj units). */
    private AtomState fluid;

    @BeforeAll
    void melt() {
        AtomState s = TestSystems.cubic(Units.LJ, TestSystems.lj(1.0, 2.0), new double[] {1, 1}, 5, 1.0, 2.0, 11);
        ForceEvaluator f = new ForceEvaluator(soft, 0.3, pool);
        VelocityVerlet vv = new VelocityVerlet(0.005);
        vv.init(s, f);
        for (int k = 0; k < 600; k++) {
            vv.step(s, f);
        }
        fluid = s;
    }

    @AfterAll
    void close() {
        pool.close();
    }

    /** RMS deviation of the total energy from its start value over a run of the given length. */
    private double rmsEnergyError(double dt, double time, double sampleEvery) {
        AtomState s = TestSystems.copy(fluid);
        ForceEvaluator f = new ForceEvaluator(soft, 0.3, pool);
        VelocityVerlet vv = new VelocityVerlet(dt);
        vv.init(s, f);
        double e0 = TestSystems.totalEnergy(s, f);
        int steps = (int) Math.round(time / dt);
        int every = (int) Math.round(sampleEvery / dt);
        double sum = 0;
        int count = 0;
        for (int k = 1; k <= steps; k++) {
            vv.step(s, f);
            if (k % every == 0) {
                double d = TestSystems.totalEnergy(s, f) - e0;
                sum += d * d;
                count++;
            }
        }
        return Math.sqrt(sum / count);
    }

    @Test
    void energyErrorIsSecondOrderInTheTimestep() {
        double coarse = rmsEnergyError(0.02, 4.0, 0.04);
        double fine = rmsEnergyError(0.01, 4.0, 0.04);
        double ratio = coarse / fine;
        System.out.printf("NVE rms energy error per atom: dt 0.02 %.3e, dt 0.01 %.3e, ratio %.3f%n",
                coarse / fluid.n, fine / fluid.n, ratio);
        assertEquals(4.0, ratio, 0.4, "halving dt should quarter the energy error");
        // and the error is small in absolute terms: well below kT per atom
        assertTrue(coarse / fluid.n < 1e-3, "energy error per atom " + coarse / fluid.n);
    }

    @Test
    void runningBackwardsRetracesTheTrajectory() {
        AtomState s = TestSystems.copy(fluid);
        ForceEvaluator f = new ForceEvaluator(soft, 0.3, pool);
        VelocityVerlet vv = new VelocityVerlet(0.01);
        vv.init(s, f);
        double[] start = unwrapped(s);
        double[] v0 = s.vel.clone();
        int steps = 200;
        for (int k = 0; k < steps; k++) {
            vv.step(s, f);
        }
        double moved = maxDistance(unwrapped(s), start);
        for (int k = 0; k < s.vel.length; k++) {
            s.vel[k] = -s.vel[k];
        }
        for (int k = 0; k < steps; k++) {
            vv.step(s, f);
        }
        double back = maxDistance(unwrapped(s), start);
        double dv = 0;
        for (int k = 0; k < v0.length; k++) {
            dv = Math.max(dv, Math.abs(s.vel[k] + v0[k]));
        }
        System.out.printf("reversibility: max displacement %.3f, return error x %.2e v %.2e%n", moved, back, dv);
        assertTrue(moved > 1.0, "atoms should have moved well away, max " + moved);
        assertTrue(back < 1e-9, "positions after the return trip differ by " + back);
        assertTrue(dv < 1e-9, "velocities after the return trip differ by " + dv);
    }

    @Test
    void conservesEnergyInMetalUnits() {
        // Argon-like soft spheres in eV, Angstrom, ps: checks that kicks convert force / mass with ftm2v.
        SpeciesSet ar = SpeciesSet.of(new Species("Ar", 39.948));
        AtomState s = TestSystems.cubic(Units.METAL, ar, new double[] {1}, 4, 0.025, 300, 3);
        ForceEvaluator f = new ForceEvaluator(new TestSystems.SoftSpheres(0.2, 5.0), 1.0, pool);
        VelocityVerlet vv = new VelocityVerlet(0.002);
        vv.init(s, f);
        int steps = 1000;
        double[] e = new double[steps];
        double[] ke = new double[steps];
        for (int k = 0; k < steps; k++) {
            vv.step(s, f);
            e[k] = TestSystems.totalEnergy(s, f);
            ke[k] = s.kineticEnergy();
        }
        double ratio = TestSystems.std(e) / TestSystems.std(ke);
        System.out.printf("metal units: std E / std KE = %.2e (T %.1f K)%n", ratio, s.temperature());
        assertTrue(TestSystems.std(ke) > 1e-3 * TestSystems.mean(ke), "the kinetic energy should fluctuate");
        assertTrue(ratio < 1e-3, "total energy fluctuates " + ratio + " of the kinetic energy");
    }

    @Test
    void rejectsBadTimestepAndForeignState() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> new VelocityVerlet(0));
        assertThrows(IllegalArgumentException.class, () -> new VelocityVerlet(Double.NaN));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new LangevinBaoab(0.01, 1, 1, 1).writeState(new DataOutputStream(bytes));
        IOException e = assertThrows(IOException.class, () -> new VelocityVerlet(0.01)
                .readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
        assertTrue(e.getMessage().contains("langevin"), e.getMessage());
        assertEquals(0.01, new VelocityVerlet(0.01).timestep());
        assertEquals(0.0, new VelocityVerlet(0.01).thermostatEnergy());
    }

    static double[] unwrapped(AtomState s) {
        double[] out = new double[3 * s.n];
        double[] p = new double[3];
        for (int i = 0; i < s.n; i++) {
            s.unwrapped(i, p);
            System.arraycopy(p, 0, out, 3 * i, 3);
        }
        return out;
    }

    static double maxDistance(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length / 3; i++) {
            double dx = a[3 * i] - b[3 * i];
            double dy = a[3 * i + 1] - b[3 * i + 1];
            double dz = a[3 * i + 2] - b[3 * i + 2];
            m = Math.max(m, Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
        return m;
    }
}

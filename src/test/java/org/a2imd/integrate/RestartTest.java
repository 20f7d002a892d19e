package org.a2imd.integrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.LongFunction;
import org.a2imd.core.AtomState;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.force.ForceField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Running 2N steps must give bit for bit the same positions and velocities as running N steps, saving
 * (integrator state, positions, velocities, image counters, neighbour-list reference positions), and
 * running N more steps from the saved data in fresh objects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartTest {
    private static final int HALF = 150;
    private final WorkerPool pool = new WorkerPool(1);
    private final ForceField field = new TestSystems.SoftSpheres(5.0, 1.5);

    @AfterAll
    void close() {
        pool.close();
    }

    private static LongFunction<Integrator> factory(String kind) {
        switch (kind) {
            case "nve":
                return seed -> new VelocityVerlet(0.02);
            case "langevin":
                return seed -> new LangevinBaoab(0.02, 1.5, 0.25, seed);
            case "csvr":
                return seed -> new Csvr(0.02, 1.5, 0.1, seed);
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nve", "langevin", "csvr"})
    void restartContinuesBitForBit(String kind) throws IOException {
        LongFunction<Integrator> make = factory(kind);
        AtomState s = TestSystems.cubic(Units.LJ, TestSystems.lj(1.0, 4.0), new double[] {1, 1}, 4, 1.0, 1.5, 5);
        ForceEvaluator f = new ForceEvaluator(field, 0.6, pool);
        Integrator a = make.apply(7);
        a.init(s, f);
        for (int k = 0; k < HALF; k++) {
            a.step(s, f);
        }
        // The checkpoint.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeState(new DataOutputStream(bytes));
        AtomState saved = TestSystems.copy(s);
        double[] listReference = f.neighborList().positionsAtLastBuild();
        long buildsBefore = f.neighborList().builds();
        for (int k = 0; k < HALF; k++) {
            a.step(s, f);
        }
        assertTrue(f.neighborList().builds() - buildsBefore > 10, "the second half should rebuild the list");

        // The restart: fresh state, evaluator and integrator (even with another seed).
        AtomState r = TestSystems.copy(saved);
        ForceEvaluator g = new ForceEvaluator(field, 0.6, pool);
        g.neighborList().rebuildFrom(r, listReference);
        Integrator b = make.apply(12345);
        b.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        b.init(r, g);
        for (int k = 0; k < HALF; k++) {
            b.step(r, g);
        }
        assertArrayEquals(s.pos, r.pos, 0.0, "positions");
        assertArrayEquals(s.vel, r.vel, 0.0, "velocities");
        assertArrayEquals(s.image, r.image, "image counters");
        assertEquals(Double.doubleToRawLongBits(a.thermostatEnergy()), Double.doubleToRawLongBits(b.thermostatEnergy()));
        assertTrue(Arrays.equals(s.pos, r.pos) && Arrays.equals(s.vel, r.vel), "bit-for-bit (including signed zeros)");

        if (!kind.equals("nve")) {
            // Sensitivity: without the saved random stream the continuation differs.
            AtomState u = TestSystems.copy(saved);
            ForceEvaluator h = new ForceEvaluator(field, 0.6, pool);
            h.neighborList().rebuildFrom(u, listReference);
            Integrator c = make.apply(7);
            c.init(u, h);
            for (int k = 0; k < HALF; k++) {
                c.step(u, h);
            }
            assertFalse(Arrays.equals(s.vel, u.vel), "a fresh random stream should give another trajectory");
        }
    }
}

package org.a2imd.nnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.a2imd.core.AtomState;
import org.a2imd.core.InputException;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The polynomial angular factor of the attention weights: analytic forces and virial, the model file
 * key, and that alpha = 0 is exactly the network without the factor. (Weight gradients with the factor
 * are checked in A2IGradientTest.)
 */
class A2IAngularFactorTest {
    private static WorkerPool pool;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(1);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static AtomState smallCell(A2IModel m, long seed) {
        SpeciesSet sp = A2ITestSupport.speciesSet(m);
        return A2ITestSupport.randomState(sp, A2ITestSupport.triclinic(3.1, 3.3, 3.2), 7, 0.9, seed);
    }

    @Test
    void forcesMatchFiniteDifferences() {
        A2IModel m = A2ITestSupport.smallModel(2, 2.0, 61, true);
        // This configuration's energy is rougher than A2IForceTest's: at h = 2e-4 the 4th-order difference is
        // off by 2.7e-8, falling 16x per halving (1.7e-9, 1.1e-10), i.e. truncation; so a smaller step.
        double err = A2IForceTest.forceError(new A2IForceField(m), smallCell(m, 62), pool, 5e-5);
        System.out.printf("angular factor: max force error / max force = %.2e%n", err);
        assertTrue(err < 1e-8, "relative force error " + err);
    }

    @Test
    void virialIsMinusStrainDerivative() {
        A2IModel m = A2ITestSupport.smallModel(2, 2.0, 63, true);
        AtomState s = smallCell(m, 64);
        double rel = A2IForceTest.virialError(new A2IForceField(m), s, pool);
        System.out.printf("angular factor: virial max error / max component = %.2e%n", rel);
        assertTrue(rel < 1e-8, "relative virial error " + rel);
    }

    @Test
    void zeroAlphaIsTheNetworkWithoutTheFactor() {
        A2IModel with = A2ITestSupport.smallModel(2, 2.0, 65, true);
        A2IModel without = A2ITestSupport.smallModel(2, 2.0, 65, false);
        // Copy every shared segment by name; the alphas of 'with' become 0.
        double[] w = with.weights();
        Arrays.fill(w, 0.0);
        for (A2IModel.Segment s : without.segments()) {
            A2IModel.Segment t = with.segments().stream().filter(x -> x.name().equals(s.name())).findFirst().orElseThrow();
            System.arraycopy(without.weights(), s.offset(), w, t.offset(), s.size());
        }
        System.arraycopy(without.e0(), 0, with.e0(), 0, 2);
        with.setEnergyScale(without.energyScale());
        AtomState s = smallCell(without, 66);
        A2ITestSupport.Eval a = A2ITestSupport.evaluate(new A2IForceField(with), s, pool);
        A2ITestSupport.Eval b = A2ITestSupport.evaluate(new A2IForceField(without), s, pool);
        assertEquals(b.energy(), a.energy(), 0.0);
        for (int k = 0; k < b.force().length; k++) {
            assertEquals(b.force()[k], a.force()[k], 0.0);
        }
        // ... while non-zero alphas change the energy.
        with.weights()[with.alpha[0]] = 0.5;
        double changed = A2ITestSupport.evaluate(new A2IForceField(with), s, pool).energy();
        assertTrue(Math.abs(changed - b.energy()) > 1e-6 * Math.abs(b.energy()), "alpha has no effect");
    }

    @Test
    void modelFileKeepsTheFactorAndOldFilesHaveNone() {
        A2IModel m = A2ITestSupport.smallModel(2, 2.0, 67, true);
        String text = A2IModelFile.format(m);
        assertTrue(text.contains("\nangular_factor yes\n"));
        assertTrue(text.contains("segment block1.alpha 2 3\n"));
        A2IModel back = A2IModelFile.parse("m.a2i", lines(text));
        assertTrue(back.architecture().angularFactor());
        assertTrue(Arrays.equals(m.weights(), back.weights()));

        String old = A2IModelFile.format(A2ITestSupport.smallModel(2, 2.0, 67, false));
        assertFalse(old.contains("angular_factor"));
        assertFalse(A2IModelFile.parse("m.a2i", lines(old)).architecture().angularFactor());
    }

    @Test
    void badAngularFactorValueNamesTheLine() {
        List<String> l = lines(A2IModelFile.format(A2ITestSupport.smallModel(1, 2.0, 68, true)));
        int k = l.indexOf("angular_factor yes");
        l.set(k, "angular_factor maybe");
        InputException e = assertThrows(InputException.class, () -> A2IModelFile.parse("m.a2i", l));
        assertEquals(k + 1, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("yes or no"), e.getMessage());
    }

    private static List<String> lines(String text) {
        String[] parts = text.split("\n", -1);
        return new ArrayList<>(Arrays.asList(parts).subList(0, parts.length - 1));
    }
}

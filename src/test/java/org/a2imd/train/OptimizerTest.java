package org.a2imd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Adam's update rule and the learning-rate schedules. */
class OptimizerTest {
    @Test
    void adamFirstStepsFollowTheBiasCorrectedRule() {
        Adam a = new Adam(2);
        double[] x = {1.0, -2.0};
        a.step(x, new double[] {4.0, -0.001}, 0.1);
        // m_hat = g, v_hat = g^2 after one step: every weight moves by lr against its gradient's sign.
        assertEquals(1.0 - 0.1 * 4 / (4 + 1e-8), x[0], 1e-15);
        assertEquals(-2.0 + 0.1 * 0.001 / (0.001 + 1e-8), x[1], 1e-15);
        // Second step by hand.
        double g = 2.0;
        double m = 0.9 * 0.4 + 0.1 * g;
        double v = 0.999 * 0.016 + 0.001 * g * g;
        double mh = m / (1 - 0.81);
        double vh = v / (1 - 0.999 * 0.999);
        double expected = x[0] - 0.1 * mh / (Math.sqrt(vh) + 1e-8);
        a.step(x, new double[] {g, 0}, 0.1);
        assertEquals(expected, x[0], 1e-14);
        assertEquals(2, a.steps());
    }

    @Test
    void adamMinimisesAQuadratic() {
        Adam a = new Adam(3);
        double[] x = {3, -1, 0.5};
        double[] c = {1, 2, -3};
        double[] g = new double[3];
        for (int it = 0; it < 3000; it++) {
            for (int k = 0; k < 3; k++) {
                g[k] = (k + 1) * (x[k] - c[k]);
            }
            a.step(x, g, 0.01);
        }
        for (int k = 0; k < 3; k++) {
            assertEquals(c[k], x[k], 1e-3);
        }
    }

    @Test
    void warmupThenCosineToTheFloor() {
        LearningRate lr = new LearningRate(LearningRate.Kind.COSINE, 1e-2, 1e-4, 10, 110, 0.5, 5);
        assertEquals(1e-3, lr.at(0), 1e-15);
        assertEquals(1e-2, lr.at(9), 1e-15);
        assertEquals(1e-2, lr.at(10), 1e-15);
        assertEquals(1e-4 + (1e-2 - 1e-4) * 0.5, lr.at(60), 1e-15);
        assertEquals(1e-4, lr.at(110), 1e-15);
        assertEquals(1e-4, lr.at(500), 1e-15);
    }

    @Test
    void plateauHalvesAfterPatienceAndNeverGoesBelowTheFloor() {
        LearningRate lr = new LearningRate(LearningRate.Kind.PLATEAU, 1.0, 0.3, 0, 100, 0.5, 2);
        lr.endOfEpoch(10);
        lr.endOfEpoch(9);
        assertEquals(1.0, lr.at(5));
        lr.endOfEpoch(9);
        lr.endOfEpoch(9.5);
        assertEquals(1.0, lr.at(5), "two bad epochs are within the patience");
        lr.endOfEpoch(9.2);
        assertEquals(0.5, lr.at(5));
        for (int k = 0; k < 3; k++) {
            lr.endOfEpoch(9.9);
        }
        assertEquals(0.3, lr.at(5), "floor");
        double[] s = lr.state();
        LearningRate copy = new LearningRate(LearningRate.Kind.PLATEAU, 1.0, 0.3, 0, 100, 0.5, 2);
        copy.restore(s);
        assertEquals(lr.at(7), copy.at(7));
    }
}

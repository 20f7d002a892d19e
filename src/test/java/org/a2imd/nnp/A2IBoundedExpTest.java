package org.a2imd.nnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.a2imd.core.Rng;
import org.junit.jupiter.api.Test;

/**
 * The vectorised attention weight exp(c tanh(l / c)) agrees with Math.tanh and Math.exp to round-off
 * over logits from 1e-6 to 1e4 in size, for small, default and large bounds c (more squarings).
 */
class A2IBoundedExpTest {
    @Test
    void matchesMathExpAndTanh() {
        Rng rng = new Rng(5);
        int n = 61;
        double[] row = new double[n];
        double[] slope = new double[n];
        double[] logit = new double[n];
        for (double c : new double[] {0.5, 3.0, 8.0, 30.0}) {
            int s = BoundedExp.squarings(c);
            double worstA = 0;
            double worstG = 0;
            for (int rep = 0; rep < 400; rep++) {
                for (int t = 0; t < n; t++) {
                    logit[t] = rng.nextGaussian() * Math.pow(10, -6 + 10 * rng.nextDouble());
                }
                logit[0] = 0;
                System.arraycopy(logit, 0, row, 0, n);
                BoundedExp.attention(row, slope, n, c, s, 0.25);
                for (int t = 0; t < n; t++) {
                    double th = Math.tanh(logit[t] / c);
                    double a = Math.exp(c * th) * 0.25;
                    double ga = a * (1 - th * th);
                    worstA = Math.max(worstA, Math.abs(row[t] / a - 1));
                    worstG = Math.max(worstG, Math.abs(slope[t] - ga) / a);
                }
            }
            System.out.printf("c %.1f squarings %d: max rel error of exp(c tanh) %.1e, of its slope (per weight) %.1e%n",
                    c, s, worstA, worstG);
            assertTrue(worstA < 2e-14 * Math.max(1, c / 8), "weight error " + worstA + " at c " + c);
            assertTrue(worstG < 2e-14 * Math.max(1, c / 8), "slope error " + worstG + " at c " + c);
        }
        // Saturation: tanh is exactly +-1 far out, and the slope exactly 0.
        row[0] = 1e300;
        row[1] = -1e300;
        BoundedExp.attention(row, slope, 2, 8.0, BoundedExp.squarings(8.0), 1.0);
        assertEquals(Math.exp(8.0), row[0], 1e-14 * Math.exp(8.0));
        assertEquals(Math.exp(-8.0), row[1], 1e-14 * Math.exp(-8.0));
        assertEquals(0.0, slope[0]);
        assertEquals(0.0, slope[1]);
    }
}

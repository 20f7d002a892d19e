package org.a2imd.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.a2imd.core.Rng;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GammaDeviateTest {
    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5, 94.5, 5000})
    void followsTheGammaDistribution(double shape) {
        Rng rng = new Rng(17);
        double[] x = new double[20000];
        for (int k = 0; k < x.length; k++) {
            x[k] = GammaDeviate.sample(rng, shape);
        }
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new GammaDistribution(null, shape, 1), x);
        assertTrue(p > 0.01, "shape " + shape + ": KS p = " + p);
        // mean shape, standard error sqrt(shape / n)
        assertEquals(shape, TestSystems.mean(x), 4 * Math.sqrt(shape / x.length));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 188})
    void sumOfSquaredGaussiansIsChiSquared(int n) {
        Rng rng = new Rng(5);
        double[] x = new double[20000];
        for (int k = 0; k < x.length; k++) {
            x[k] = GammaDeviate.sumOfSquaredGaussians(rng, n);
        }
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ChiSquaredDistribution(null, n), x);
        assertTrue(p > 0.01, "n " + n + ": KS p = " + p);
    }

    @Test
    void edgeCases() {
        assertEquals(0, GammaDeviate.sumOfSquaredGaussians(new Rng(1), 0));
        assertThrows(IllegalArgumentException.class, () -> GammaDeviate.sample(new Rng(1), 0));
        assertThrows(IllegalArgumentException.class, () -> GammaDeviate.sumOfSquaredGaussians(new Rng(1), -1));
    }
}

package org.a2imd.force.ewald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.a2imd.core.Box;
import org.junit.jupiter.api.Test;

class EwaldKernelTest {
    private static final double ALPHA = 0.7;

    @Test
    void splitAddsUpToTheBareKernel() {
        for (int p = 1; p <= 8; p++) {
            EwaldKernel kern = new EwaldKernel(p, ALPHA);
            for (double r : new double[] {0.3, 1.0, 2.2, 4.5}) {
                double sum = kern.realSpace(r) + kern.longRange(r);
                assertEquals(1.0, sum * Math.pow(r, p), 4e-15, "p=" + p + " r=" + r);
            }
        }
    }

    @Test
    void reciprocalIsTheFourierTransformOfTheLongRangePart() {
        // L(r) = 1/(2 pi^2 r) int_0^inf k L^(k) sin(k r) dk, smooth and Gaussian-damped: Simpson converges fast
        for (int p = 1; p <= 7; p++) {
            EwaldKernel kern = new EwaldKernel(p, ALPHA);
            double kEnd = 2 * ALPHA * 7.0;
            int n = 40000;
            double h = kEnd / n;
            for (double r : new double[] {0.5, 1.5, 3.0}) {
                double sum = 0;
                for (int i = 1; i <= n; i++) { // the integrand vanishes at k = 0 for p >= 2; for p = 1 its limit is 4 pi r
                    double k = i * h;
                    double f = k * kern.reciprocal(k * k) * Math.sin(k * r);
                    sum += (i == n ? 1 : (i % 2 == 1 ? 4 : 2)) * f;
                }
                double f0 = p == 1 ? 4 * Math.PI * r : 0;
                double integral = (sum + f0) * h / 3;
                double expected = kern.longRange(r);
                assertEquals(expected, integral / (2 * Math.PI * Math.PI * r), 1e-9 * Math.abs(expected) + 1e-12,
                        "p=" + p + " r=" + r);
            }
        }
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        for (int p = 1; p <= 8; p++) {
            EwaldKernel kern = new EwaldKernel(p, ALPHA);
            for (double r : new double[] {0.4, 1.3, 2.7}) {
                double h = 1e-5;
                double fd = (kern.realSpace(r + h) - kern.realSpace(r - h)) / (2 * h);
                assertEquals(fd, kern.realSpaceDerivativeOverR(r) * r, 1e-8 * Math.abs(fd), "p=" + p + " r=" + r);
            }
            for (double k2 : new double[] {0.2, 1.0, 3.5}) {
                double h = 1e-6;
                double fd = (kern.reciprocal(k2 + h) - kern.reciprocal(k2 - h)) / (2 * h);
                assertEquals(fd, kern.reciprocalDerivative(k2), 1e-7 * Math.abs(fd), "p=" + p + " k2=" + k2);
            }
        }
    }

    @Test
    void limitsAtTheOrigin() {
        for (int p = 1; p <= 8; p++) {
            EwaldKernel kern = new EwaldKernel(p, ALPHA);
            assertEquals(kern.longRangeAtZero(), kern.longRange(1e-4), 1e-7 * kern.longRangeAtZero(), "p=" + p);
            if (kern.hasFiniteZeroMode()) {
                assertEquals(kern.reciprocalAtZero(), kern.reciprocal(1e-10), 1e-4 * kern.reciprocalAtZero(), "p=" + p);
            }
        }
        // p = 1: the textbook self term 2 alpha / sqrt(pi)
        assertEquals(2 * ALPHA / Math.sqrt(Math.PI), new EwaldKernel(1, ALPHA).longRangeAtZero(), 1e-15);
    }

    @Test
    void backgroundIntegralOfTheRealSpacePart() {
        for (int p = 1; p <= 2; p++) {
            EwaldKernel kern = new EwaldKernel(p, ALPHA);
            int n = 200000;
            double end = 12 / ALPHA;
            double h = end / n;
            double sum = 0;
            for (int i = 1; i <= n; i++) {
                double r = i * h;
                sum += (i == n ? 1 : (i % 2 == 1 ? 4 : 2)) * 4 * Math.PI * r * r * kern.realSpace(r);
            }
            double f0 = p == 2 ? 4 * Math.PI : 0; // the integrand's value at r = 0
            assertEquals(kern.realSpaceIntegral(), (sum + f0) * h / 3, 1e-7 * kern.realSpaceIntegral(), "p=" + p);
        }
        assertEquals(Math.PI / (ALPHA * ALPHA), new EwaldKernel(1, ALPHA).realSpaceIntegral(), 1e-14);
    }

    @Test
    void exponentialIntegralAgainstTabulatedValues() {
        // Abramowitz & Stegun, table 5.1 (and mpmath)
        assertEquals(0.5597735947761608, EwaldKernel.expIntegralE1(0.5), 1e-15);
        assertEquals(0.21938393439552029, EwaldKernel.expIntegralE1(1.0), 1e-15);
        assertEquals(0.04890051070806112, EwaldKernel.expIntegralE1(2.0), 1e-16);
        assertEquals(4.156968929685324e-06, EwaldKernel.expIntegralE1(10.0), 1e-19);
    }

    @Test
    void kVectorsCoverTheHalfSpaceOfATriclinicCell() {
        Box box = Box.of(new double[] {5, 0, 0}, new double[] {1.2, 4.5, 0}, new double[] {-0.8, 0.9, 6});
        double kMax = 4.0;
        KVectors kv = KVectors.of(box, kMax);
        double[] b = KVectors.reciprocalRows(box);
        double[] a = box.rows();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = a[3 * i] * b[3 * j] + a[3 * i + 1] * b[3 * j + 1] + a[3 * i + 2] * b[3 * j + 2];
                assertEquals(i == j ? 2 * Math.PI : 0, dot, 1e-12);
            }
        }
        // brute force count over a generous integer range: the full sphere holds twice the half space
        int full = 0;
        for (int h = -20; h <= 20; h++) {
            for (int k = -20; k <= 20; k++) {
                for (int l = -20; l <= 20; l++) {
                    double x = h * b[0] + k * b[3] + l * b[6];
                    double y = h * b[1] + k * b[4] + l * b[7];
                    double z = h * b[2] + k * b[5] + l * b[8];
                    double q2 = x * x + y * y + z * z;
                    if (q2 > 0 && q2 <= kMax * kMax) {
                        full++;
                    }
                }
            }
        }
        assertTrue(kv.count > 50, "only " + kv.count + " vectors");
        assertEquals(full, 2 * kv.count);
    }
}

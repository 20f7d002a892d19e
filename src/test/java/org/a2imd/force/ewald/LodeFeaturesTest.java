package org.a2imd.force.ewald;

import static org.a2imd.force.ewald.LodeFixtures.CELL;
import static org.a2imd.force.ewald.LodeFixtures.N;
import static org.a2imd.force.ewald.LodeFixtures.TYPE;
import static org.a2imd.force.ewald.LodeFixtures.X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** LODE features against sums that do not use Ewald: direct image sums and the NaCl Madelung constant. */
class LodeFeaturesTest {
    private static final WorkerPool POOL = new WorkerPool(2);
    private static final int[] EXPONENTS = {1, 2, 3, 4, 6};
    private static final double[] RADII = {0.9, 1.4};

    @AfterAll
    static void close() {
        POOL.close();
    }

    private static int index(int pi, int ai, int s) {
        return (pi * RADII.length + ai) * 2 + s;
    }

    /**
     * p &gt; 3: each species' feature is an absolutely convergent image sum. p &lt;= 3: the neutral combination
     * (species 0 minus species 1, three atoms each) is, and the uniform backgrounds cancel in it.
     */
    @Test
    void featuresEqualDirectImageSums() {
        LodeFeatures lode = new LodeFeatures(new LodeSpec(EXPONENTS, RADII, 1e-14), 2);
        double[] f = LodeFixtures.features(lode, X, TYPE, CELL, POOL);
        double worst = 0;
        // window r0 = 36, sigma = 5.5: w(0) = 1 to 1e-19 and exp(-G^2 sigma^2 / 4) ~ 1e-11 at the smallest G of the cell
        for (int i : new int[] {0, 1, 5}) {
            double[][][] sums = LodeFixtures.directSums(CELL, X, TYPE, 2, i, EXPONENTS, RADII, 36, 5.5);
            for (int pi = 0; pi < EXPONENTS.length; pi++) {
                int p = EXPONENTS[pi];
                for (int ai = 0; ai < RADII.length; ai++) {
                    double[] ref = sums[pi][ai];
                    double[] got = {f[i * lode.featuresPerAtom() + index(pi, ai, 0)],
                        f[i * lode.featuresPerAtom() + index(pi, ai, 1)]};
                    String where = "p=" + p + " a=" + RADII[ai] + " atom " + i;
                    if (p > 3) {
                        for (int s = 0; s < 2; s++) {
                            double err = Math.abs(got[s] - ref[s]) / Math.abs(ref[s]);
                            worst = Math.max(worst, err);
                            assertEquals(ref[s], got[s], 1e-10 * Math.abs(ref[s]), where + " s=" + s);
                        }
                    } else {
                        double r = ref[0] - ref[1];
                        double g = got[0] - got[1];
                        // scale: the largest single-species value, so the test is not loosened by a small difference
                        double scale = Math.max(Math.abs(got[0]), Math.abs(got[1]));
                        worst = Math.max(worst, Math.abs(g - r) / scale);
                        assertEquals(r, g, 1e-10 * scale, where + " neutral combination");
                    }
                }
            }
        }
        System.out.printf("LODE vs direct image sums: worst relative deviation %.2e%n", worst);
    }

    /**
     * NaCl (nearest-neighbour distance 1, conventional cubic cell): for p = 1, feature(Na sources) minus
     * feature(Cl sources) is the potential of the smeared unit charges; adding the short-range remainder
     * sum_j q_j erfc(alpha r)/r gives the Madelung potential -M at every ion (sign by its charge), for any radius.
     */
    @Test
    void naclMadelungConstantForEveryRadius() {
        final double madelung = 1.7475645946331821906;
        Box box = Box.orthorhombic(2, 2, 2);
        double[] x = new double[24];
        int[] type = new int[8];
        double[][] fcc = {{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
        for (int k = 0; k < 4; k++) {
            for (int d = 0; d < 3; d++) {
                x[3 * k + d] = fcc[k][d];
                x[3 * (k + 4) + d] = fcc[k][d] + (d == 0 ? 1 : 0);
            }
            type[k + 4] = 1;
        }
        for (double a : new double[] {0.25, 0.5, 0.8}) {
            LodeFeatures lode = new LodeFeatures(new LodeSpec(new int[] {1}, new double[] {a}, 1e-15), 2);
            double[] f = LodeFixtures.features(lode, x, type, box, POOL);
            EwaldKernel kern = new EwaldKernel(1, 1 / (Math.sqrt(2) * a));
            for (int i = 0; i < 8; i++) {
                double phi = f[2 * i] - f[2 * i + 1];
                for (int n1 = -6; n1 <= 6; n1++) {
                    for (int n2 = -6; n2 <= 6; n2++) {
                        for (int n3 = -6; n3 <= 6; n3++) {
                            for (int j = 0; j < 8; j++) {
                                if (j == i && n1 == 0 && n2 == 0 && n3 == 0) {
                                    continue;
                                }
                                double dx = x[3 * j] + 2 * n1 - x[3 * i];
                                double dy = x[3 * j + 1] + 2 * n2 - x[3 * i + 1];
                                double dz = x[3 * j + 2] + 2 * n3 - x[3 * i + 2];
                                double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                                phi += (type[j] == 0 ? 1 : -1) * kern.realSpace(r);
                            }
                        }
                    }
                }
                double expected = type[i] == 0 ? -madelung : madelung;
                assertEquals(expected, phi, 1e-10 * madelung, "a=" + a + " ion " + i);
            }
        }
    }

    /**
     * Truncating at 1e-6 instead of 1e-12 changes no feature by more than about 1e-6 of its channel's scale
     * (the largest |feature| of that channel; measured 1.3e-6 at worst, for p = 3 whose background nearly
     * cancels the sum here, and 1e-7 to 9e-7 elsewhere).
     */
    @Test
    void accuracyControlsTheTruncation() {
        LodeFeatures loose = new LodeFeatures(new LodeSpec(EXPONENTS, RADII, 1e-6), 2);
        LodeFeatures tight = new LodeFeatures(new LodeSpec(EXPONENTS, RADII, 1e-12), 2);
        double[] fl = LodeFixtures.features(loose, X, TYPE, CELL, POOL);
        double[] ft = LodeFixtures.features(tight, X, TYPE, CELL, POOL);
        assertTrue(loose.kVectorCount() < tight.kVectorCount());
        int nc = tight.featuresPerAtom();
        double worst = 0;
        double worstBoth = 0;
        for (int c = 0; c < nc; c++) {
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < N; i++) {
                scale = Math.max(scale, Math.abs(ft[i * nc + c]));
                diff = Math.max(diff, Math.abs(fl[i * nc + c] - ft[i * nc + c]));
            }
            worst = Math.max(worst, diff / scale);
        }
        System.out.printf("LODE accuracy 1e-6 vs 1e-12: worst deviation %.2e of the channel scale (%d vs %d k-vectors)%n",
                worst, loose.kVectorCount(), tight.kVectorCount());
        assertTrue(worst < 2e-6, "worst relative deviation " + worst);
    }
}

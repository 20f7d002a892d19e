package org.a2imd.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class BoxTest {
    /** A random cell with tilts up to {@code tilt} lattice lengths, randomly oriented. */
    static Box randomCell(Random rnd, double tilt) {
        double lx = 2 + 3 * rnd.nextDouble();
        double ly = 2 + 3 * rnd.nextDouble();
        double lz = 2 + 3 * rnd.nextDouble();
        double[][] v = {{lx, 0, 0}, {tilt * (2 * rnd.nextDouble() - 1) * lx, ly, 0},
            {tilt * (2 * rnd.nextDouble() - 1) * lx, tilt * (2 * rnd.nextDouble() - 1) * ly, lz}};
        // Random rotation from a unit quaternion keeps the handedness.
        double q0 = rnd.nextGaussian();
        double q1 = rnd.nextGaussian();
        double q2 = rnd.nextGaussian();
        double q3 = rnd.nextGaussian();
        double qn = Math.sqrt(q0 * q0 + q1 * q1 + q2 * q2 + q3 * q3);
        q0 /= qn;
        q1 /= qn;
        q2 /= qn;
        q3 /= qn;
        double[] r = {1 - 2 * (q2 * q2 + q3 * q3), 2 * (q1 * q2 - q0 * q3), 2 * (q1 * q3 + q0 * q2),
            2 * (q1 * q2 + q0 * q3), 1 - 2 * (q1 * q1 + q3 * q3), 2 * (q2 * q3 - q0 * q1),
            2 * (q1 * q3 - q0 * q2), 2 * (q2 * q3 + q0 * q1), 1 - 2 * (q1 * q1 + q2 * q2)};
        double[][] out = new double[3][3];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 3; i++) {
                out[k][i] = r[3 * i] * v[k][0] + r[3 * i + 1] * v[k][1] + r[3 * i + 2] * v[k][2];
            }
        }
        return Box.of(out[0], out[1], out[2]);
    }

    @Test
    void wrapIsIdempotentAndKeepsUnwrappedPositions() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 50; trial++) {
            Box box = randomCell(rnd, 1.0);
            int n = 200;
            double[] pos = new double[3 * n];
            int[] image = new int[3 * n];
            double[] p = new double[3];
            for (int i = 0; i < n; i++) {
                // Mostly far outside; some exactly on faces and a hair off them.
                double[] s = {-5 + 10 * rnd.nextDouble(), -5 + 10 * rnd.nextDouble(), -5 + 10 * rnd.nextDouble()};
                if (i % 10 == 0) {
                    s[i % 3] = (i / 10) % 2 == 0 ? 1.0 : Math.nextDown(0.0);
                }
                box.toCartesian(s[0], s[1], s[2], p);
                System.arraycopy(p, 0, pos, 3 * i, 3);
                image[3 * i] = rnd.nextInt(5) - 2;
            }
            double[] before = pos.clone();
            int[] imageBefore = image.clone();
            box.wrap(pos, image, n);
            double scale = 0;
            for (int k = 0; k < 3; k++) {
                scale += 6 * Math.sqrt(sq(box.vector(k)));
            }
            double[] f = new double[3];
            for (int i = 0; i < n; i++) {
                box.toFractional(pos[3 * i], pos[3 * i + 1], pos[3 * i + 2], f);
                for (int k = 0; k < 3; k++) {
                    assertTrue(f[k] >= 0 && f[k] < 1, "wrapped fractional coordinate " + f[k]);
                }
                for (int c = 0; c < 3; c++) {
                    double unwrapped = pos[3 * i + c];
                    double old = before[3 * i + c];
                    for (int k = 0; k < 3; k++) {
                        unwrapped += image[3 * i + k] * box.vectorComponent(k, c);
                        old += imageBefore[3 * i + k] * box.vectorComponent(k, c);
                    }
                    assertEquals(old, unwrapped, 1e-14 * scale, "pos + image.L changed for atom " + i);
                }
            }
            double[] once = pos.clone();
            int[] imageOnce = image.clone();
            box.wrap(pos, image, n);
            assertArrayEquals(once, pos, "wrapping twice moved an atom");
            assertArrayEquals(imageOnce, image);
        }
    }

    @Test
    void minimumImageMatchesSearchOverImages() {
        Random rnd = new Random(2);
        for (int trial = 0; trial < 300; trial++) {
            Box box = randomCell(rnd, trial < 100 ? 0.5 : trial < 200 ? 1.0 : 2.5);
            double[] w = box.perpendicularWidths();
            double[] d = new double[3];
            double[] p = new double[3];
            box.toCartesian(-3 + 6 * rnd.nextDouble(), -3 + 6 * rnd.nextDouble(), -3 + 6 * rnd.nextDouble(), p);
            System.arraycopy(p, 0, d, 0, 3);
            // Brute force: any image shorter than |d| has |fractional_k| <= |d| / w_k.
            double[] s = new double[3];
            box.toFractional(d[0], d[1], d[2], s);
            double bound = Math.sqrt(sq(d));
            double best = Double.POSITIVE_INFINITY;
            int[] lo = new int[3];
            int[] hi = new int[3];
            for (int k = 0; k < 3; k++) {
                lo[k] = (int) Math.floor(-s[k] - bound / w[k]) - 1;
                hi[k] = (int) Math.ceil(-s[k] + bound / w[k]) + 1;
            }
            for (int a = lo[0]; a <= hi[0]; a++) {
                for (int b = lo[1]; b <= hi[1]; b++) {
                    for (int c = lo[2]; c <= hi[2]; c++) {
                        double r2 = 0;
                        for (int x = 0; x < 3; x++) {
                            double v = d[x] + a * box.vectorComponent(0, x) + b * box.vectorComponent(1, x)
                                    + c * box.vectorComponent(2, x);
                            r2 += v * v;
                        }
                        best = Math.min(best, r2);
                    }
                }
            }
            double[] m = d.clone();
            box.minimumImage(m);
            assertEquals(Math.sqrt(best), Math.sqrt(sq(m)), 1e-12 * bound, "trial " + trial + " " + box);
            // The result must still be d shifted by a lattice vector.
            double[] diff = {m[0] - d[0], m[1] - d[1], m[2] - d[2]};
            box.toFractional(diff[0], diff[1], diff[2], s);
            for (int k = 0; k < 3; k++) {
                assertEquals(Math.rint(s[k]), s[k], 1e-9);
            }
        }
    }

    @Test
    void perpendicularWidthsAreInverseReciprocalLengths() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            Box box = randomCell(rnd, 1.0);
            // Width along k = 1 / |k-th reciprocal vector| = 1 / |row k of M^-1|.
            RealMatrix m = MatrixUtils.createRealMatrix(3, 3);
            for (int k = 0; k < 3; k++) {
                for (int c = 0; c < 3; c++) {
                    m.setEntry(c, k, box.vectorComponent(k, c));
                }
            }
            RealMatrix inv = new LUDecomposition(m).getSolver().getInverse();
            double[] w = box.perpendicularWidths();
            for (int k = 0; k < 3; k++) {
                assertEquals(1 / inv.getRowVector(k).getNorm(), w[k], 1e-12 * w[k]);
            }
        }
        assertArrayEquals(new double[] {2, 3, 4}, Box.orthorhombic(2, 3, 4).perpendicularWidths(), 1e-15);
        // Tilting b along a keeps the c width and shrinks the a width.
        Box tilted = Box.of(new double[] {2, 0, 0}, new double[] {1.5, 3, 0}, new double[] {0, 0, 4});
        double[] w = tilted.perpendicularWidths();
        assertEquals(2 * 3 / Math.hypot(3, 1.5), w[0], 1e-14);
        assertEquals(3, w[1], 1e-14);
        assertEquals(4, w[2], 1e-14);
    }

    @Test
    void deformedMapsVectorsAndPointsByTheStrain() {
        Random rnd = new Random(4);
        for (int trial = 0; trial < 30; trial++) {
            Box box = randomCell(rnd, 0.8);
            double[] e = new double[9];
            for (int k = 0; k < 9; k++) {
                e[k] = 0.1 * (2 * rnd.nextDouble() - 1);
            }
            Box d = box.deformed(e);
            for (int k = 0; k < 3; k++) {
                double[] v = box.vector(k);
                double[] expect = new double[3];
                for (int r = 0; r < 3; r++) {
                    expect[r] = v[r] + e[3 * r] * v[0] + e[3 * r + 1] * v[1] + e[3 * r + 2] * v[2];
                }
                assertArrayEquals(expect, d.vector(k), 1e-14 * 10);
            }
            // A point at fixed fractional coordinates moves as x -> (I + e) x.
            double[] x = new double[3];
            double[] y = new double[3];
            double sa = rnd.nextDouble();
            double sb = rnd.nextDouble();
            double sc = rnd.nextDouble();
            box.toCartesian(sa, sb, sc, x);
            d.toCartesian(sa, sb, sc, y);
            for (int r = 0; r < 3; r++) {
                assertEquals(x[r] + e[3 * r] * x[0] + e[3 * r + 1] * x[1] + e[3 * r + 2] * x[2], y[r], 1e-12);
            }
            // The volume scales by det(I + e).
            RealMatrix f = MatrixUtils.createRealIdentityMatrix(3).add(MatrixUtils.createRealMatrix(
                    new double[][] {{e[0], e[1], e[2]}, {e[3], e[4], e[5]}, {e[6], e[7], e[8]}}));
            assertEquals(box.volume() * new LUDecomposition(f).getDeterminant(), d.volume(), 1e-12 * d.volume());
        }
    }

    private static double sq(double[] v) {
        return v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
    }
}

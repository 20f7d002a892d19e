package org.a2imd.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.a2imd.core.Box;
import org.a2imd.core.Lattice;
import org.a2imd.core.Rng;
import org.junit.jupiter.api.Test;

/** RDF, bond angles and MSD against values known exactly or statistically. */
class StructureAnalysisTest {

    /** Uniform random points: g(r) = 1 in every bin within 5 Poisson standard deviations. */
    @Test
    void idealGasRdfIsOneForLikeAndUnlikePairs() {
        int n = 1500;
        double l = 10;
        Box box = Box.orthorhombic(l, l, l);
        Rng rng = new Rng(42);
        int[] type = new int[n];
        for (int i = 0; i < n; i++) {
            type[i] = i % 3 == 0 ? 1 : 0;
        }
        Rdf rdf = new Rdf(2, 5.0, 10);
        int frames = 3;
        for (int f = 0; f < frames; f++) {
            double[] pos = new double[3 * n];
            for (int k = 0; k < 3 * n; k++) {
                pos[k] = l * rng.nextDouble();
            }
            rdf.add(box, pos, type, n);
        }
        int nb = n / 3;
        int na = n - nb;
        checkIdeal(rdf.gTotal(), frames * 0.5 * n * (n - 1.0) / (l * l * l));
        checkIdeal(rdf.g(0, 0), frames * 0.5 * na * (na - 1.0) / (l * l * l));
        checkIdeal(rdf.g(0, 1), frames * (double) na * nb / (l * l * l));
        checkIdeal(rdf.g(1, 0), frames * (double) na * nb / (l * l * l));
    }

    private static void checkIdeal(double[] g, double pairsPerVolume) {
        double dr = 0.5;
        for (int k = 0; k < g.length; k++) {
            double shell = 4.0 / 3.0 * Math.PI * (Math.pow((k + 1) * dr, 3) - Math.pow(k * dr, 3));
            double sigma = 1 / Math.sqrt(pairsPerVolume * shell);
            assertEquals(1.0, g[k], 5 * sigma, "bin " + k);
        }
    }

    /** fcc: the first shell holds exactly 12 neighbours at a / sqrt(2), the second 6 at a. */
    @Test
    void fccRdfCountsTwelveNearestNeighbours() {
        Lattice lat = Lattice.withConstant(Lattice.Kind.FCC, 1.6, 4, 4, 4);
        int n = lat.count();
        Rdf rdf = new Rdf(1, 3.0, 300);
        rdf.add(lat.box(), lat.positions(), new int[n], n);
        double[] g = rdf.g(0, 0);
        double[] r = rdf.r();
        double rho = n / lat.box().volume();
        double dr = 3.0 / 300;
        double first = 0;
        double second = 0;
        for (int k = 0; k < g.length; k++) {
            double shell = 4.0 / 3.0 * Math.PI * (Math.pow((k + 1) * dr, 3) - Math.pow(k * dr, 3));
            double count = rho * g[k] * shell * (n - 1.0) / n;
            if (r[k] < 1.3) {
                first += count;
            } else if (r[k] < 1.8) {
                second += count;
            }
            if (g[k] > 0) {
                assertTrue(Math.abs(r[k] - 1.6 / Math.sqrt(2)) < dr || Math.abs(r[k] - 1.6) < dr
                        || r[k] > 1.8, "unexpected pair distance " + r[k]);
            }
        }
        assertEquals(12.0, first, 1e-9);
        assertEquals(6.0, second, 1e-9);
    }

    /** Diamond: 4 neighbours, every angle the tetrahedral 109.47 degrees. */
    @Test
    void diamondAnglesAreTetrahedral() {
        Lattice lat = Lattice.withConstant(Lattice.Kind.DIAMOND, 5.431, 3, 3, 3);
        BondAngles angles = new BondAngles(3.0, 180);
        angles.add(lat.box(), lat.positions(), lat.count());
        assertEquals(4.0, angles.coordination(), 1e-12);
        double[] p = angles.density();
        double tetra = Math.toDegrees(Math.acos(-1.0 / 3.0));
        assertEquals(1.0, p[(int) tetra], 1e-12); // all weight in the 109-110 degree bin (width 1)
    }

    /** Ballistic motion x = v t: MSD(lag) = |v|^2 (lag dt)^2 exactly. */
    @Test
    void msdOfBallisticMotionIsQuadratic() {
        int n = 5;
        int nf = 20;
        double dt = 0.1;
        double[][] frames = new double[nf][3 * n];
        double v2 = 0;
        for (int i = 0; i < n; i++) {
            double[] v = {0.3 * i, -0.2, 1.0 + i};
            v2 += v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
            for (int f = 0; f < nf; f++) {
                for (int c = 0; c < 3; c++) {
                    frames[f][3 * i + c] = 7.0 + v[c] * f * dt;
                }
            }
        }
        double[] msd = Msd.compute(frames, 10);
        for (int lag = 0; lag <= 10; lag++) {
            assertEquals(v2 / n * lag * dt * lag * dt, msd[lag], 1e-12);
        }
    }

    /** Gaussian random walk with variance s^2 per coordinate per frame: D = s^2 / (2 dt). */
    @Test
    void randomWalkDiffusionCoefficient() {
        int n = 400;
        int nf = 400;
        double s = 0.05;
        double dt = 0.5;
        Rng rng = new Rng(7);
        double[][] frames = new double[nf][3 * n];
        for (int f = 1; f < nf; f++) {
            for (int k = 0; k < 3 * n; k++) {
                frames[f][k] = frames[f - 1][k] + s * rng.nextGaussian();
            }
        }
        double[] msd = Msd.compute(frames, 50);
        double d = Msd.diffusion(msd, dt);
        assertEquals(s * s / (2 * dt), d, 0.05 * s * s / (2 * dt));
    }

    @Test
    void rdfDifferenceIsRelativeL1() {
        assertEquals(0.0, Rdf.relativeDifference(new double[] {1, 2}, new double[] {1, 2}), 0);
        assertEquals(0.25, Rdf.relativeDifference(new double[] {1.5, 2.5}, new double[] {1, 3}), 1e-15);
    }
}

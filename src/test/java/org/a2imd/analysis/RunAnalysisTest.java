package org.a2imd.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.a2imd.core.Box;
import org.a2imd.core.Lattice;
import org.a2imd.core.Rng;
import org.junit.jupiter.api.Test;

/** What analyze adds to the shared computations: coordination, first minima, unwrapping, block averages. */
class RunAnalysisTest {

    /** fcc: the first minimum of g lies between the shells and the coordination number there is exactly 12. */
    @Test
    void fccCoordinationIsTwelve() {
        Lattice lat = Lattice.withConstant(Lattice.Kind.FCC, 1.6, 4, 4, 4);
        int n = lat.count();
        Rdf rdf = new Rdf(1, 3.2, 320);
        rdf.add(lat.box(), lat.positions(), new int[n], n);
        double rMin = rdf.firstMinimum(rdf.gTotal());
        assertTrue(rMin > 1.6 / Math.sqrt(2) && rMin < 1.6, "first minimum at " + rMin);
        assertEquals(12.0, rdf.coordination(-1, -1, rMin), 1e-12);
        assertEquals(12.0, rdf.coordination(0, 0, 1.4), 1e-12);
        assertEquals(18.0, rdf.coordination(0, 0, 1.8), 1e-12); // + 6 second neighbours at a
        // Bond angles of the first shell: of the 66 pairs of 12 neighbours, 24 at 60, 12 at 90, 24 at 120 and
        // 6 at 180 degrees.
        BondAngles ang = new BondAngles(rMin, 180);
        ang.add(lat.box(), lat.positions(), n);
        double[] p = ang.density();
        assertEquals(24.0 / 66, p[60] + p[59], 1e-12);
        assertEquals(12.0 / 66, p[90] + p[89], 1e-12);
        assertEquals(24.0 / 66, p[120] + p[119], 1e-12);
        assertEquals(6.0 / 66, p[179], 1e-12);
    }

    /** Rock salt (simple cubic, alternating species): 6 unlike first neighbours, 12 like ones further out. */
    @Test
    void rockSaltPartialCoordination() {
        int m = 6;
        double d = 1.0;
        int n = m * m * m;
        double[] pos = new double[3 * n];
        int[] type = new int[n];
        int i = 0;
        for (int x = 0; x < m; x++) {
            for (int y = 0; y < m; y++) {
                for (int z = 0; z < m; z++) {
                    pos[3 * i] = x * d;
                    pos[3 * i + 1] = y * d;
                    pos[3 * i + 2] = z * d;
                    type[i++] = (x + y + z) % 2;
                }
            }
        }
        Box box = Box.orthorhombic(m * d, m * d, m * d);
        Rdf rdf = new Rdf(2, 3.0, 300);
        rdf.add(box, pos, type, n);
        assertEquals(6.0, rdf.coordination(0, 1, rdf.firstMinimum(rdf.g(0, 1))), 1e-12);
        assertEquals(6.0, rdf.coordination(1, 0, rdf.firstMinimum(rdf.g(1, 0))), 1e-12);
        assertEquals(12.0, rdf.coordination(0, 0, rdf.firstMinimum(rdf.g(0, 0))), 1e-12);
        assertEquals(6.0, rdf.coordination(-1, -1, rdf.firstMinimum(rdf.gTotal())), 1e-12);
        // The coordination number is the integral of rho_b g_ab 4 pi r^2 dr (rho_b = N_b / V).
        double[] g = rdf.g(0, 1);
        double rho = (n / 2.0) / box.volume();
        double integral = 0;
        for (int k = 0; k < 150; k++) {
            double lo = k * 0.01;
            double hi = lo + 0.01;
            integral += rho * g[k] * 4.0 / 3.0 * Math.PI * (hi * hi * hi - lo * lo * lo);
        }
        assertEquals(integral, rdf.coordination(0, 1, 1.5), 1e-9);
    }

    /**
     * Ballistic motion x = x0 + v t written wrapped into the cell (as a trajectory stores it): unwrapping by
     * the minimum image recovers MSD(t) = <v^2> t^2 exactly, and the Einstein fit of MSD = 6 D t is exact.
     */
    @Test
    void ballisticMotionThroughWrappedFrames() {
        int n = 6;
        int nf = 40;
        double dt = 0.05;
        double l = 4.0;
        Box box = Box.orthorhombic(l, l, l);
        Rng rng = new Rng(11);
        double[] x0 = new double[3 * n];
        double[] v = new double[3 * n];
        double v2 = 0;
        for (int k = 0; k < 3 * n; k++) {
            x0[k] = l * rng.nextDouble();
            v[k] = 6 * (rng.nextDouble() - 0.5); // |v dt| < 0.15: far below half the cell per frame
            v2 += v[k] * v[k];
        }
        v2 /= n;
        StructureSeries s = new StructureSeries(new Rdf(1, 2.0, 10), null);
        for (int f = 0; f < nf; f++) {
            double[] pos = new double[3 * n];
            for (int k = 0; k < 3 * n; k++) {
                pos[k] = x0[k] + v[k] * f * dt;
            }
            box.wrap(pos, null, n);
            s.addWrapped(box, pos, new int[n], n);
        }
        double[] msd = s.msd();
        assertEquals(nf / 2 + 1, msd.length);
        for (int lag = 0; lag < msd.length; lag++) {
            double t = lag * dt;
            assertEquals(v2 * t * t, msd[lag], 1e-9 * (1 + v2 * t * t), "lag " + lag);
        }
        double fastest = 0;
        for (int i = 0; i < n; i++) {
            fastest = Math.max(fastest, Math.sqrt(v[3 * i] * v[3 * i] + v[3 * i + 1] * v[3 * i + 1]
                    + v[3 * i + 2] * v[3 * i + 2]));
        }
        assertTrue(fastest * (nf - 1) * dt > l, "an atom crosses the whole cell: the test covers unwrapping");
        double[] linear = new double[21];
        for (int k = 0; k < linear.length; k++) {
            linear[k] = 6 * 0.7 * k * dt + 0.3;
        }
        Msd.Fit fit = Msd.fit(linear, dt);
        assertEquals(0.7, fit.diffusion(), 1e-12);
        assertEquals(0.3, fit.intercept(), 1e-12);
        assertEquals(10, fit.fromLag());
        assertEquals(20, fit.toLag());
    }

    /** Blocks of known means: the error is std(block means) / sqrt(blocks), computed here by hand. */
    @Test
    void blockAveragesOfAKnownSeries() {
        // 4 blocks of 3 samples with means 1, 2, 3, 6 (a leading sample is dropped: 13 = 4 * 3 + 1).
        double[] x = {100, 0, 1, 2, 2, 2, 2, 3, 3, 3, 5, 6, 7};
        BlockAverage b = BlockAverage.of(x, 4);
        assertEquals(4, b.blocks());
        double mean = (100 + 0 + 1 + 2 + 2 + 2 + 2 + 3 + 3 + 3 + 5 + 6 + 7) / 13.0;
        assertEquals(mean, b.mean(), 1e-12);
        double bm = (1 + 2 + 3 + 6) / 4.0; // 3
        double var = ((1 - bm) * (1 - bm) + (2 - bm) * (2 - bm) + 0 + (6 - bm) * (6 - bm)) / 3.0; // 14 / 3
        assertEquals(Math.sqrt(var / 4), b.stdError(), 1e-12);
    }

    /**
     * g(r) of a small two-species configuration in a triclinic and an orthorhombic cell against a
     * brute-force count over all periodic images written here (no minimum image): equal bin by bin.
     */
    @Test
    void rdfMatchesBruteForceOverAllImages() {
        rdfMatchesBruteForce(Box.fromRows(new double[] {5.0, 0, 0, 1.2, 4.6, 0, -0.8, 0.9, 5.3}));
        rdfMatchesBruteForce(Box.orthorhombic(5.0, 4.4, 6.1));
    }

    private static void rdfMatchesBruteForce(Box box) {
        int n = 24;
        Rng rng = new Rng(5);
        double[] pos = new double[3 * n];
        int[] type = new int[n];
        double[] h = box.rows();
        for (int i = 0; i < n; i++) {
            double a = rng.nextDouble();
            double b = rng.nextDouble();
            double c = rng.nextDouble();
            for (int k = 0; k < 3; k++) {
                pos[3 * i + k] = a * h[k] + b * h[3 + k] + c * h[6 + k];
            }
            type[i] = i % 3 == 0 ? 1 : 0;
        }
        double[] w = box.perpendicularWidths();
        double rMax = 0.5 * Math.min(w[0], Math.min(w[1], w[2]));
        int bins = 40;
        Rdf rdf = new Rdf(2, rMax, bins);
        rdf.add(box, pos, type, n);
        double dr = rMax / bins;
        double[][] counts = new double[4][bins];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int p = -2; p <= 2; p++) {
                    for (int q = -2; q <= 2; q++) {
                        for (int s = -2; s <= 2; s++) {
                            if (i == j && p == 0 && q == 0 && s == 0) {
                                continue;
                            }
                            double r2 = 0;
                            for (int k = 0; k < 3; k++) {
                                double d = pos[3 * j + k] + p * h[k] + q * h[3 + k] + s * h[6 + k] - pos[3 * i + k];
                                r2 += d * d;
                            }
                            double r = Math.sqrt(r2);
                            if (r < rMax) {
                                counts[type[i] * 2 + type[j]][(int) (r / dr)]++;
                            }
                        }
                    }
                }
            }
        }
        int[] count = {0, 0};
        for (int t : type) {
            count[t]++;
        }
        double v = box.volume();
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double[] g = rdf.g(a, b);
                double pairDensity = count[a] * (a == b ? count[b] - 1.0 : count[b]) / v;
                for (int k = 0; k < bins; k++) {
                    double shell = 4.0 / 3.0 * Math.PI * (Math.pow((k + 1) * dr, 3) - Math.pow(k * dr, 3));
                    assertEquals(counts[a * 2 + b][k] / (pairDensity * shell), g[k], 1e-9, a + "-" + b + " bin " + k);
                }
            }
        }
    }

    /**
     * A committee's thermo file after a restart: units from the bracketed headers (carried to the columns
     * without one), repeated steps replaced by the later rows, --skip by step.
     */
    @Test
    void thermoFileUnitsRestartAndSkip(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String header = org.a2imd.run.ThermoObserver.header("eV", "A", "K", "bar", true);
        java.nio.file.Path f = dir.resolve("t.thermo");
        java.nio.file.Files.writeString(f, "# a2imd thermo, units metal, energies are totals over 64 atoms; devi_*\n"
                + header + "\n"
                + "0 0 300 -10 2 -8 -8 100 1 0.1 0.05 0.01 0.001\n"
                + "10 0.01 310 -10 2 -8 -8 110 1 0.2 0.05 0.01 0.001\n"
                + "20 0.02 320 -10 2 -8 -8 120 1 0.3 0.05 0.01 0.001\n"
                + "10 0.01 311 -10 2 -8 -8 111 1 0.2 0.05 0.01 0.001\n"
                + "20 0.02 321 -10 2 -8 -8 121 1 0.3 0.05 0.01 0.001\n"
                + "30 0.03 331 -10 2 -8 -8 131 1 0.3 0.05 0.01 0.001\n");
        ThermoFile t = ThermoFile.read(f, 10, null);
        assertEquals(org.a2imd.core.Units.METAL, t.units());
        assertEquals(64, t.atoms());
        assertEquals(3, t.rows());
        assertEquals(311, t.column(t.find("Temp"))[0], 0);
        assertEquals(331, t.column(t.find("Temp"))[2], 0);
        assertEquals("K", t.unit(t.find("Temp")));
        assertEquals("eV", t.unit(t.find("TotEng")));
        assertEquals("ps", t.unit(t.find("Time")));
        assertEquals("bar", t.unit(t.find("Press")));
        assertEquals("eV/A", t.unit(t.find("devi_f_min")));
        assertEquals("eV/atom", t.unit(t.find("devi_e")));
    }

    @Test
    void plotAxesEndOnRoundNumbers() {
        double[] r = Plot.niceRange(0.0063, 2.4);
        assertEquals(0.5, r[2], 1e-15);
        assertEquals(0.0, r[0], 1e-15);
        assertEquals(2.5, r[1], 1e-12);
        assertEquals(-1.5, Plot.niceRange(-1.234, 0.4)[0], 1e-12);
        assertEquals("0.###", Plot.pattern(0.5, 3));
        assertEquals("0.##", Plot.pattern(1, 5));
        assertEquals("0.##", Plot.pattern(20, 100));
        assertEquals("0.0##E0", Plot.pattern(1e4, 1e6));
    }
}

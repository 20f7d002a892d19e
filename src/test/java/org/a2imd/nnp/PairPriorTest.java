package org.a2imd.nnp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.InputException;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The short-range prior: forces and virial against finite differences, invariances, the model file. */
class PairPriorTest {
    private static WorkerPool pool;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(2);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    /** Two species: onsets 1.1, 1.2, 1.3 (all reached by the random states below, dmin 0.75). */
    static PairPrior wall() {
        return new PairPrior(PairPrior.Form.WALL, 2, new double[][] {{1.1, 0.7}, {1.2, 1.3}, {1.3, 0.4}});
    }

    /** Si and C numbers, switched off between 0.6 and 1.4 (lengths as if Angstrom). */
    static PairPrior zbl() {
        return new PairPrior(PairPrior.Form.ZBL, 2, new double[][] {{14, 14, 0.6, 1.4}, {14, 6, 0.6, 1.4},
            {6, 6, 0.6, 1.4}});
    }

    static A2IModel model(PairPrior p) {
        A2IModel m = A2ITestSupport.smallModel(2, 2.0, 21);
        m.setPrior(p);
        return m;
    }

    static AtomState state(A2IModel m, long seed) {
        SpeciesSet sp = A2ITestSupport.speciesSet(m);
        return A2ITestSupport.randomState(sp, A2ITestSupport.triclinic(3.3, 3.5, 3.4), 10, 0.75, seed);
    }

    @Test
    void forcesAndVirialMatchFiniteDifferences() {
        for (PairPrior p : List.of(wall(), zbl())) {
            A2IModel m = model(p);
            A2IForceField ff = new A2IForceField(m);
            AtomState s = state(m, 3);
            A2IModel bare = m.copy();
            bare.setPrior(null);
            double withPrior = A2ITestSupport.energy(ff, s, pool);
            double without = A2ITestSupport.energy(new A2IForceField(bare), s, pool);
            // The wall is steep (r^-12): a smaller step than A2IForceTest's 2e-4 keeps the h^4 truncation down.
            double ef = A2IForceTest.forceError(ff, s, pool, 5e-5);
            double ev = virialError(ff, s, 5e-5);
            System.out.printf("prior %s: E prior part %.4g, force error %.2e, virial error %.2e%n", p.form().id,
                    withPrior - without, ef, ev);
            assertTrue(Math.abs(withPrior - without) > 0.1, "the states must reach into the prior");
            assertTrue(ef < 1e-8, "relative force error " + ef);
            assertTrue(ev < 1e-8, "relative virial error " + ev);
        }
    }

    /** As A2IForceTest.virialError with step h. */
    static double virialError(A2IForceField ff, AtomState s, double h) {
        double[] vir = A2ITestSupport.evaluate(ff, s, pool).virial();
        double worst = 0;
        for (int c = 0; c < 9; c++) {
            double[] ep = new double[4];
            double[] steps = {-2, -1, 1, 2};
            for (int t = 0; t < 4; t++) {
                double[] e = new double[9];
                e[c] = steps[t] * h;
                AtomState p = A2ITestSupport.copy(s);
                p.deform(e);
                ep[t] = A2ITestSupport.energy(ff, p, pool);
            }
            double fd = -(ep[0] - 8 * ep[1] + 8 * ep[2] - ep[3]) / (12 * h);
            worst = Math.max(worst, Math.abs(fd - vir[c]));
        }
        return worst / A2ITestSupport.maxAbs(vir);
    }

    @Test
    void newtonTranslationAndAtomEnergies() {
        for (PairPrior p : List.of(wall(), zbl())) {
            A2IModel m = model(p);
            A2IForceField ff = new A2IForceField(m);
            AtomState s = state(m, 4);
            A2ITestSupport.Eval e = A2ITestSupport.evaluate(ff, s, pool);
            double[] sum = new double[3];
            for (int i = 0; i < s.n; i++) {
                for (int c = 0; c < 3; c++) {
                    sum[c] += e.force()[3 * i + c];
                }
            }
            double scale = A2ITestSupport.maxAbs(e.force());
            for (int c = 0; c < 3; c++) {
                assertEquals(0, sum[c], 1e-12 * scale * s.n, "net force " + Arrays.toString(sum));
            }
            double atoms = 0;
            for (int i = 0; i < s.n; i++) {
                atoms += e.atomEnergy()[i];
            }
            assertEquals(e.energy(), atoms, 1e-12 * Math.abs(e.energy()));
            AtomState t = A2ITestSupport.copy(s);
            for (int i = 0; i < s.n; i++) {
                t.pos[3 * i] += 0.37;
                t.pos[3 * i + 1] -= 0.21;
                t.pos[3 * i + 2] += 0.05;
            }
            assertEquals(e.energy(), A2ITestSupport.energy(ff, t, pool), 1e-11 * Math.abs(e.energy()));
        }
    }

    @Test
    void pairFormsAreContinuousAndMatchTheirDefinitions() {
        PairPrior w = wall();
        // WCA shape: E(R) = 0 with zero slope, A at r = R / 2^(1/6) (where (R/r)^6 = 2), (R/r)^12 growth.
        assertEquals(0, w.energy(0, 1, 1.2), 0);
        assertEquals(0, w.derivative(0, 1, 1.2 * (1 - 1e-9)), 1e-6);
        assertEquals(1.3, w.energy(0, 1, 1.2 / Math.pow(2, 1.0 / 6)), 1e-12);
        assertEquals(1.3 * (Math.pow(4, 6) - 1) * (Math.pow(4, 6) - 1), w.energy(1, 0, 0.3), 1e-6);
        PairPrior z = zbl();
        // Unswitched region: the ZBL formula evaluated independently, plus the switch constant C.
        double r = 0.4;
        double a = 0.46850 / (Math.pow(14, 0.23) + Math.pow(6, 0.23));
        double x = r / a;
        double phi = 0.18175 * Math.exp(-3.19980 * x) + 0.50986 * Math.exp(-0.94229 * x)
                + 0.28022 * Math.exp(-0.40290 * x) + 0.02817 * Math.exp(-0.20162 * x);
        double c = z.energy(0, 1, 0.59999999) - 14 * 6 * 14.399645 / 0.59999999 * zblPhi(0.59999999 / a);
        assertEquals(14 * 6 * 14.399645 / r * phi + c, z.energy(0, 1, r), 1e-9 * z.energy(0, 1, r));
        // E, E' and E'' vanish at the outer radius (LAMMPS switching), so E ~ (outer - r)^3 just inside.
        double h = 1e-3;
        double e1 = z.energy(0, 0, 1.4 - h);
        double e2 = z.energy(0, 0, 1.4 - 2 * h);
        assertEquals(0, z.energy(0, 0, 1.4), 0);
        assertEquals(8, e2 / e1, 0.05, "cubic onset: E(2h) / E(h) = 8, found " + e2 / e1);
        // Continuity of E and E' at the inner radius.
        assertEquals(z.energy(0, 0, 0.6 - 1e-9), z.energy(0, 0, 0.6 + 1e-9), 2e-9 * 2 * Math.abs(z.derivative(0, 0, 0.6)));
        assertEquals(z.derivative(0, 0, 0.6 - 1e-9), z.derivative(0, 0, 0.6 + 1e-9), 1e-7 * Math.abs(z.derivative(0, 0, 0.6)));
        // Derivative against a central difference in the switching region.
        double fd = (z.energy(1, 1, 1.0 + 1e-6) - z.energy(1, 1, 1.0 - 1e-6)) / 2e-6;
        assertEquals(fd, z.derivative(1, 1, 1.0), 1e-6 * Math.abs(fd));
    }

    private static double zblPhi(double x) {
        return 0.18175 * Math.exp(-3.19980 * x) + 0.50986 * Math.exp(-0.94229 * x)
                + 0.28022 * Math.exp(-0.40290 * x) + 0.02817 * Math.exp(-0.20162 * x);
    }

    @Test
    void modelFileRoundTripIsBitIdentical() throws Exception {
        for (PairPrior p : List.of(wall(), zbl())) {
            A2IModel m = model(p);
            Path f = dir.resolve("p.model");
            A2IModelFile.write(m, f);
            A2IModel r = A2IModelFile.read(f);
            assertEquals(p.form(), r.prior().form());
            assertEquals(A2IModelFile.format(m), A2IModelFile.format(r));
            AtomState s = state(m, 5);
            A2ITestSupport.Eval a = A2ITestSupport.evaluate(new A2IForceField(m), s, pool);
            A2ITestSupport.Eval b = A2ITestSupport.evaluate(new A2IForceField(r), A2ITestSupport.copy(s), pool);
            assertEquals(Double.doubleToRawLongBits(a.energy()), Double.doubleToRawLongBits(b.energy()));
            assertArrayEquals(a.force(), b.force());
            assertArrayEquals(a.virial(), b.virial());
        }
    }

    @Test
    void shippedModelsReadUnchanged() throws Exception {
        for (String name : List.of("a2i-lj", "a2i-ka", "a2i-si-sw", "a2i-ion-gas-lode")) {
            Path f = Path.of("potentials", name + ".model");
            A2IModel m = A2IModelFile.read(f);
            assertNull(m.prior());
            assertEquals(Files.readString(f), A2IModelFile.format(m), name + " is written back byte for byte");
        }
    }

    private static List<String> lines(A2IModel m) {
        String text = A2IModelFile.format(m);
        return new ArrayList<>(Arrays.asList(text.split("\n")));
    }

    private static InputException reject(List<String> l) {
        return assertThrows(InputException.class, () -> A2IModelFile.parse("p.model", l));
    }

    private static int find(List<String> l, String prefix) {
        for (int k = 0; k < l.size(); k++) {
            if (l.get(k).startsWith(prefix)) {
                return k;
            }
        }
        throw new AssertionError(prefix);
    }

    @Test
    void badPriorLinesAreFileLineErrors() {
        List<String> good = lines(model(wall()));
        int k = find(good, "prior_pair Ar Kr1");
        List<String> l = new ArrayList<>(good);
        l.set(k, "prior_pair Ar Kr1 onset -1.2 strength 1.3");
        InputException e = reject(l);
        assertEquals(k + 1, e.line());
        assertTrue(e.getMessage().contains("onset must be positive"), e.getMessage());

        l = new ArrayList<>(good);
        l.remove(k);
        e = reject(l);
        assertEquals(find(good, "prior wall") + 1, e.line());
        assertTrue(e.getMessage().contains("prior_pair Ar Kr1"), e.getMessage());

        l = new ArrayList<>(good);
        l.set(k, "prior_pair Ar Kr1 onset 2.5 strength 1.3");
        assertTrue(reject(l).getMessage().contains("beyond the model cutoff"));

        l = new ArrayList<>(good);
        l.set(k, "prior_pair Ar Kr1 strength 1.3 onset 1.2");
        assertTrue(reject(l).getMessage().contains("onset R strength A"));

        l = new ArrayList<>(good);
        l.set(k, "prior_pair Ar Xe onset 1.2 strength 1.3");
        assertTrue(reject(l).getMessage().contains("Xe"));

        l = new ArrayList<>(good);
        l.add(k, good.get(k));
        e = reject(l);
        assertTrue(e.getMessage().contains("appears twice") && e.line() == k + 2, e.getMessage());

        l = new ArrayList<>(good);
        l.set(find(good, "prior wall"), "prior morse");
        assertTrue(reject(l).getMessage().contains("unknown prior form 'morse'"));

        l = new ArrayList<>(good);
        l.remove(find(good, "prior wall"));
        assertTrue(reject(l).getMessage().contains("without a 'prior FORM'"));

        List<String> z = lines(model(zbl()));
        int q = find(z, "prior_pair Ar Ar");
        z.set(q, "prior_pair Ar Ar z 14.5 14 inner 0.6 outer 1.4");
        assertTrue(reject(z).getMessage().contains("atomic numbers"));
        z.set(q, "prior_pair Ar Ar z 14 14 inner 1.6 outer 1.4");
        assertTrue(reject(z).getMessage().contains("above the inner radius"));

        // A valid edit that bypasses the writer still fails on the checksum.
        l = new ArrayList<>(good);
        l.set(k, "prior_pair Ar Kr1 onset 1.25 strength 1.3");
        assertTrue(reject(l).getMessage().contains("checksum mismatch"));
    }
}

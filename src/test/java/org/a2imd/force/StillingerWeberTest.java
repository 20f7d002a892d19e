package org.a2imd.force;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.io.SwFile;
import org.a2imd.neighbor.BruteForcePairFinder;
import org.a2imd.neighbor.NeighborList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StillingerWeberTest {
    private static final SpeciesSet SI = SpeciesSet.of(new Species("Si", 28.0855));
    private static final SpeciesSet AB = SpeciesSet.of(new Species("A", 28.0), new Species("B", 72.6));

    /**
     * Two species, every ordered triplet different in every parameter: (a,b,b) two-body parameters
     * differ from (b,a,a), (i,j,k) differs from (i,k,j), p and q non-integer for some pairs, and one
     * entry has tol &gt; 0 (a shortened cutoff).
     */
    private static final String AB_SW = String.join("\n",
            "# two-element test file: every entry different",
            "A A A  2.1683 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0",
            "A A B  1.90 2.02 1.77 19.0 1.15 -0.25 6.8 0.61 3.9 0.1 0.0",
            "A B A  2.05 2.11 1.83 23.5 1.25 -0.41 7.3 0.58 4.2 0.3 0.0",
            "A B B  2.30 2.15 1.79 18.2 1.22 -0.30 7.1 0.64 4.5 0.5 0.0",
            "B A A  2.20 2.05 1.76 20.5 1.18 -0.36 6.9 0.59 3.7 0.2 1.0e-5",
            "B A B  1.85 2.08 1.81 22.7 1.11 -0.28 7.2 0.63 4.1 0.0 0.0",
            "B B A  2.40 1.98 1.85 17.3 1.28 -0.38 7.0 0.57 4.0 0.4 0.0",
            "B B B  1.95 2.18 1.78 24.1 1.21 -0.33 6.7 0.62 4.4 0.6 0.0",
            "");

    private static WorkerPool pool1;
    private static WorkerPool pool2;

    @BeforeAll
    static void pools() {
        pool1 = new WorkerPool(1);
        pool2 = new WorkerPool(2);
    }

    @AfterAll
    static void close() {
        pool1.close();
        pool2.close();
    }

    // ------------------------------------------------------------------ reference data from LAMMPS

    @Test
    void perfectDiamondMatchesLammps() throws IOException {
        Frame ref = Frame.read("si_diamond216_a5.431_perfect.extxyz");
        Result r = compareWithReference(ref, pool1);
        assertEquals(-4.3365999950, r.energy / ref.n, 1e-9, "E/atom of perfect diamond Si at a = 5.431");
        for (int i = 0; i < ref.n; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(0.0, r.force[3 * i + c], 1e-12, "perfect crystal has zero force");
            }
        }
    }

    @Test
    void displacedDiamondMatchesLammps() throws IOException {
        Frame ref = Frame.read("si_diamond216_a5.431_disp0.1.extxyz");
        compareWithReference(ref, pool1);
        compareWithReference(ref, pool2);
    }

    private Result compareWithReference(Frame ref, WorkerPool pool) throws IOException {
        StillingerWeber sw = new StillingerWeber(SwFile.parse(resource("Si.sw"), "Si.sw", SI));
        int[] type = new int[ref.n];
        Result r = evaluate(sw, SI, ref.box, type, ref.pos, pool);
        assertEquals(ref.energy, r.energy, 1e-11 * Math.abs(ref.energy), "total energy");
        double maxF = 0;
        double maxE = 0;
        for (int i = 0; i < ref.n; i++) {
            for (int c = 0; c < 3; c++) {
                maxF = Math.max(maxF, Math.abs(r.force[3 * i + c] - ref.forces[3 * i + c]));
            }
            maxE = Math.max(maxE, Math.abs(r.atomEnergy[i] - ref.energies[i]));
        }
        assertTrue(maxF < 1e-12, "max force deviation " + maxF);
        assertTrue(maxE < 1e-12, "max per-atom energy deviation " + maxE);
        double sumE = 0;
        for (double e : r.atomEnergy) {
            sumE += e;
        }
        assertEquals(r.energy, sumE, 1e-11 * Math.abs(r.energy), "per-atom energies sum to the total");
        double scale = 0;
        for (double v : ref.virial) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int c = 0; c < 9; c++) {
            assertEquals(ref.virial[c], r.virial[c], 1e-10 * Math.max(scale, 1.0), "virial component " + c);
        }
        return r;
    }

    @Test
    void cutoffAndList() throws IOException {
        StillingerWeber sw = new StillingerWeber(SwFile.parse(resource("Si.sw"), "Si.sw", SI));
        assertEquals(1.80 * 2.0951, sw.cutoff(), 1e-15);
        assertEquals(NeighborNeeds.FULL, sw.neighborNeeds());
        StillingerWeber ab = new StillingerWeber(SwFile.parse(AB_SW, "ab.sw", AB));
        // (B,A,A) has tol 1e-5: a*sigma + sigma / ln(tol) is shorter than a*sigma.
        double rcBAA = 1.76 * 2.05 + 2.05 / Math.log(1e-5);
        double rcMax = Math.max(Math.max(1.80 * 2.0951, 1.79 * 2.15), Math.max(rcBAA, 1.78 * 2.18));
        assertEquals(rcMax, ab.cutoff(), 1e-14);
    }

    // ------------------------------------------------------------------ brute force, two species

    @Test
    void twoSpeciesMatchesBruteForceInSmallTriclinicCells() {
        SwParameters p = SwFile.parse(AB_SW, "ab.sw", AB);
        StillingerWeber sw = new StillingerWeber(p);
        Random rnd = new Random(20240611L);
        // Perpendicular widths about 5.5-6 A: below twice the cutoff (about 7.7 A).
        Box medium = Box.of(new double[] {6.1, 0, 0}, new double[] {1.3, 5.7, 0}, new double[] {-0.9, 1.1, 6.4});
        // Widths about 3.9 A, below the cutoff itself: atoms see their own images, three-body terms
        // through two images of one atom.
        Box tiny = Box.of(new double[] {4.0, 0.2, 0}, new double[] {0.8, 4.1, 0}, new double[] {0.5, -0.6, 4.3});
        Box large = Box.of(new double[] {9.6, 0, 0}, new double[] {1.1, 9.3, 0}, new double[] {0.7, -1.2, 9.9});
        checkAgainstBruteForce(p, sw, medium, 11, rnd, true);
        checkAgainstBruteForce(p, sw, tiny, 3, rnd, true);
        checkAgainstBruteForce(p, sw, large, 40, rnd, false);
    }

    private void checkAgainstBruteForce(SwParameters p, StillingerWeber sw, Box box, int n, Random rnd,
            boolean finiteDifferences) {
        int[] type = new int[n];
        double[] pos = randomPositions(box, n, 2.0, rnd);
        for (int i = 0; i < n; i++) {
            type[i] = i % 2 == 0 ? 0 : 1;
        }
        if (n > 3) {
            type[1] = 0; // unequal counts
        }
        Result r = evaluate(sw, AB, box, type, pos, pool1);
        double[] bfAtom = new double[n];
        double bf = bruteForceEnergy(p, box, type, pos, bfAtom);
        assertTrue(Math.abs(bf) > 1, "configuration has interactions: " + bf);
        assertEquals(bf, r.energy, 1e-12 * Math.abs(bf), "energy vs brute force");
        for (int i = 0; i < n; i++) {
            assertEquals(bfAtom[i], r.atomEnergy[i], 1e-12 * Math.abs(bf), "atom energy " + i);
        }
        // Two threads agree with one.
        Result r2 = evaluate(sw, AB, box, type, pos, pool2);
        assertEquals(r.energy, r2.energy, 1e-12 * Math.abs(r.energy));
        for (int c = 0; c < 3 * n; c++) {
            assertEquals(r.force[c], r2.force[c], 1e-12 * maxAbs(r.force));
        }
        for (int c = 0; c < 9; c++) {
            assertEquals(r.virial[c], r2.virial[c], 1e-12 * maxAbs(r.virial));
        }
        if (!finiteDifferences) {
            return;
        }
        // Forces: central differences of the brute-force energy.
        double h = 1e-5;
        double[] q = pos.clone();
        for (int c = 0; c < 3 * n; c++) {
            q[c] = pos[c] + h;
            double ep = bruteForceEnergy(p, box, type, q, null);
            q[c] = pos[c] - h;
            double em = bruteForceEnergy(p, box, type, q, null);
            q[c] = pos[c];
            double fd = -(ep - em) / (2 * h);
            assertEquals(fd, r.force[c], 1e-6 * Math.max(1, Math.abs(fd)), "force component " + c);
        }
        // Virial: W = -dE/d(strain), by finite strain of cell and positions together.
        double hs = 1e-6;
        for (int c = 0; c < 9; c++) {
            double[] e = new double[9];
            e[c] = hs;
            double ep = strainedEnergy(sw, box, type, pos, e);
            e[c] = -hs;
            double em = strainedEnergy(sw, box, type, pos, e);
            double fd = -(ep - em) / (2 * hs);
            assertEquals(fd, r.virial[c], 1e-6 * Math.max(1, maxAbs(r.virial)), "virial component " + c);
        }
    }

    private double strainedEnergy(StillingerWeber sw, Box box, int[] type, double[] pos, double[] e) {
        AtomState s = new AtomState(Units.METAL, AB, box, type, pos);
        s.deform(e);
        return evaluate(sw, AB, s.box(), type, s.pos, pool1).energy;
    }

    @Test
    void invariantUnderPermutationAndTranslation() throws IOException {
        Frame ref = Frame.read("si_diamond216_a5.431_disp0.1.extxyz");
        SwParameters p = SwFile.parse(AB_SW, "ab.sw", AB);
        StillingerWeber sw = new StillingerWeber(p);
        int n = ref.n;
        int[] type = new int[n];
        Random rnd = new Random(7);
        for (int i = 0; i < n; i++) {
            type[i] = rnd.nextInt(2);
        }
        Result base = evaluate(sw, AB, ref.box, type, ref.pos, pool1);
        // Permutation: a random shuffle of the atoms.
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] ptype = new int[n];
        double[] ppos = new double[3 * n];
        for (int i = 0; i < n; i++) {
            ptype[i] = type[perm[i]];
            System.arraycopy(ref.pos, 3 * perm[i], ppos, 3 * i, 3);
        }
        Result permuted = evaluate(sw, AB, ref.box, ptype, ppos, pool2);
        assertEquals(base.energy, permuted.energy, 1e-12 * Math.abs(base.energy));
        double fs = maxAbs(base.force);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(base.force[3 * perm[i] + c], permuted.force[3 * i + c], 1e-12 * fs);
            }
            assertEquals(base.atomEnergy[perm[i]], permuted.atomEnergy[i], 1e-12 * Math.abs(base.energy) / n);
        }
        // Translation by an arbitrary vector (positions are wrapped back into the cell by the list).
        double[] tpos = ref.pos.clone();
        for (int i = 0; i < n; i++) {
            tpos[3 * i] += 3.21;
            tpos[3 * i + 1] -= 7.7;
            tpos[3 * i + 2] += 0.123;
        }
        Result moved = evaluate(sw, AB, ref.box, type, tpos, pool1);
        assertEquals(base.energy, moved.energy, 1e-12 * Math.abs(base.energy));
        for (int c = 0; c < 3 * n; c++) {
            assertEquals(base.force[c], moved.force[c], 1e-11 * fs);
        }
        for (int c = 0; c < 9; c++) {
            assertEquals(base.virial[c], moved.virial[c], 1e-11 * maxAbs(base.virial));
        }
        // Total force vanishes (Newton's third law through ghosts).
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += base.force[3 * i + c];
            }
            assertEquals(0.0, sum, 1e-11 * fs * n);
        }
        // The virial of a rotationally invariant potential is symmetric.
        double vs = maxAbs(base.virial);
        assertEquals(base.virial[1], base.virial[3], 1e-11 * vs);
        assertEquals(base.virial[2], base.virial[6], 1e-11 * vs);
        assertEquals(base.virial[5], base.virial[7], 1e-11 * vs);
    }

    @Test
    void addsToExistingOutputAndIsRepeatable() throws IOException {
        Frame ref = Frame.read("si_diamond216_a5.431_disp0.1.extxyz");
        StillingerWeber sw = new StillingerWeber(SwFile.parse(resource("Si.sw"), "Si.sw", SI));
        AtomState s = new AtomState(Units.METAL, SI, ref.box, new int[ref.n], ref.pos);
        NeighborList list = new NeighborList(sw.cutoff(), 0.5, false, true, new BruteForcePairFinder());
        list.build(s);
        ForceOutput out = new ForceOutput();
        out.reset(list.nLocal, list.nAll, false);
        sw.compute(list, s.box(), out, pool2);
        double e1 = out.energy;
        double[] f1 = out.force.clone();
        sw.compute(list, s.box(), out, pool2);
        assertEquals(2 * e1, out.energy, 1e-12 * Math.abs(e1), "a second call adds");
        for (int c = 0; c < 3 * list.nAll; c++) {
            assertEquals(2 * f1[c], out.force[c], 1e-12);
        }
    }

    @Test
    void worksThroughTheForceEvaluatorWithCellLists() throws IOException {
        Frame ref = Frame.read("si_diamond216_a5.431_disp0.1.extxyz");
        StillingerWeber sw = new StillingerWeber(SwFile.parse(resource("Si.sw"), "Si.sw", SI));
        AtomState s = new AtomState(Units.METAL, SI, ref.box, new int[ref.n], ref.pos);
        ForceEvaluator ev = new ForceEvaluator(sw, 0.3, pool2);
        ev.evaluate(s, true);
        assertEquals(ref.energy, ev.energy(), 1e-11 * Math.abs(ref.energy));
        for (int c = 0; c < 3 * ref.n; c++) {
            assertEquals(ref.forces[c], s.force[c], 1e-11);
        }
        assertTrue(sw.describe().startsWith("sw file Si.sw species Si cutoff 3.77"), sw.describe());
    }

    // ------------------------------------------------------------------ helpers

    static final class Result {
        double energy;
        double[] force;
        double[] atomEnergy;
        double[] virial;
    }

    static Result evaluate(ForceField ff, SpeciesSet species, Box box, int[] type, double[] pos, WorkerPool pool) {
        AtomState s = new AtomState(Units.METAL, species, box, type, pos);
        NeighborList list = new NeighborList(ff.cutoff(), 0.5, false, true, new BruteForcePairFinder());
        list.build(s);
        ForceOutput out = new ForceOutput();
        out.reset(list.nLocal, list.nAll, true);
        ff.compute(list, s.box(), out, pool);
        list.foldGhostForces(out.force, s.force);
        Result r = new Result();
        r.energy = out.energy;
        r.force = s.force.clone();
        r.atomEnergy = out.atomEnergy.clone();
        r.virial = out.virial.clone();
        return r;
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static double[] randomPositions(Box box, int n, double minDist, Random rnd) {
        double[] pos = new double[3 * n];
        double[] x = new double[3];
        double[] d = new double[3];
        int placed = 0;
        for (int tries = 0; placed < n; tries++) {
            if (tries > 100000) {
                throw new IllegalStateException("cannot place atoms");
            }
            box.toCartesian(rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), x);
            boolean ok = true;
            for (int j = 0; j < placed && ok; j++) {
                for (int c = 0; c < 3; c++) {
                    d[c] = x[c] - pos[3 * j + c];
                }
                box.minimumImage(d);
                ok = d[0] * d[0] + d[1] * d[1] + d[2] * d[2] > minDist * minDist;
            }
            // An atom must also stay clear of its own images.
            double[] w = box.perpendicularWidths();
            ok &= Math.min(w[0], Math.min(w[1], w[2])) > minDist;
            if (ok) {
                System.arraycopy(x, 0, pos, 3 * placed, 3);
                placed++;
            }
        }
        return pos;
    }

    /**
     * Stillinger-Weber energy straight from its definition, by looping over periodic images of every atom
     * (no neighbour list, no ghosts). Pair terms are the average of the (a,b,b) and (b,a,a) forms; each
     * three-body term the average over the (i,j,k) and (i,k,j) entries. Per-atom energies (when
     * atomEnergy is not null): 1/2 of a pair term to each atom, 1/3 of a three-body term to each atom.
     */
    static double bruteForceEnergy(SwParameters p, Box box, int[] type, double[] pos, double[] atomEnergy) {
        int n = type.length;
        int nt = p.size();
        double rcMax = 0;
        for (int a = 0; a < nt; a++) {
            for (int b = 0; b < nt; b++) {
                rcMax = Math.max(rcMax, rangeOf(p.get(a, b, b)));
            }
        }
        double[] w = box.perpendicularWidths();
        int[] reach = new int[3];
        for (int k = 0; k < 3; k++) {
            reach[k] = (int) Math.ceil(rcMax / w[k]) + 1;
        }
        double[] a0 = box.vector(0);
        double[] b0 = box.vector(1);
        double[] c0 = box.vector(2);
        if (atomEnergy != null) {
            java.util.Arrays.fill(atomEnergy, 0);
        }
        double energy = 0;
        List<double[]> nb = new ArrayList<>(); // {dx, dy, dz, r, owner, type}
        for (int i = 0; i < n; i++) {
            int ti = type[i];
            nb.clear();
            for (int j = 0; j < n; j++) {
                for (int na = -reach[0]; na <= reach[0]; na++) {
                    for (int nbb = -reach[1]; nbb <= reach[1]; nbb++) {
                        for (int nc = -reach[2]; nc <= reach[2]; nc++) {
                            if (j == i && na == 0 && nbb == 0 && nc == 0) {
                                continue;
                            }
                            double[] d = new double[3];
                            for (int c = 0; c < 3; c++) {
                                d[c] = pos[3 * j + c] + na * a0[c] + nbb * b0[c] + nc * c0[c] - pos[3 * i + c];
                            }
                            double r = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                            if (r < rcMax) {
                                nb.add(new double[] {d[0], d[1], d[2], r, j, type[j]});
                            }
                        }
                    }
                }
            }
            // Pairs, seen once from each side: half of the symmetric pair energy each time.
            for (double[] u : nb) {
                int tj = (int) u[5];
                double r = u[3];
                double e = 0.5 * (phi2(p.get(ti, tj, tj), r) + phi2(p.get(tj, ti, ti), r));
                energy += 0.5 * e;
                if (atomEnergy != null) {
                    atomEnergy[i] += 0.5 * e;
                }
            }
            // Three-body terms over ordered pairs of distinct neighbours, weight 1/2.
            for (double[] u : nb) {
                for (double[] v : nb) {
                    if (u == v) {
                        continue;
                    }
                    int tj = (int) u[5];
                    int tk = (int) v[5];
                    SwParameters.Entry ij = p.get(ti, tj, tj);
                    SwParameters.Entry ik = p.get(ti, tk, tk);
                    if (u[3] >= rangeOf(ij) || v[3] >= rangeOf(ik)) {
                        continue;
                    }
                    SwParameters.Entry ijk = p.get(ti, tj, tk);
                    double cos = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (u[3] * v[3]);
                    double dc = cos - ijk.cosTheta0();
                    double h = ijk.lambda() * ijk.epsilon() * dc * dc
                            * Math.exp(ij.gamma() * ij.sigma() / (u[3] - ij.a() * ij.sigma()))
                            * Math.exp(ik.gamma() * ik.sigma() / (v[3] - ik.a() * ik.sigma()));
                    energy += 0.5 * h;
                    if (atomEnergy != null) {
                        atomEnergy[i] += h / 6;
                        atomEnergy[(int) u[4]] += h / 6;
                        atomEnergy[(int) v[4]] += h / 6;
                    }
                }
            }
        }
        return energy;
    }

    /** LAMMPS's range of an entry: a*sigma, shortened by sigma/ln(tol) (gamma*sigma if gamma &lt; 1). */
    static double rangeOf(SwParameters.Entry e) {
        double rc = e.a() * e.sigma();
        if (e.tol() > 0) {
            rc += (e.gamma() < 1 ? e.gamma() : 1) * e.sigma() / Math.log(Math.min(e.tol(), 0.01));
        }
        return rc;
    }

    static double phi2(SwParameters.Entry e, double r) {
        if (r >= rangeOf(e)) {
            return 0;
        }
        double sr = e.sigma() / r;
        return e.bigA() * e.epsilon() * (e.bigB() * Math.pow(sr, e.p()) - Math.pow(sr, e.q()))
                * Math.exp(e.sigma() / (r - e.a() * e.sigma()));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = StillingerWeberTest.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Minimal single-frame extxyz parser for the reference files (a full reader lives in io). */
    static final class Frame {
        int n;
        Box box;
        double energy;
        double[] virial;
        double[] pos;
        double[] forces;
        double[] energies;

        static Frame read(String name) throws IOException {
            String[] lines = resource(name).split("\n");
            Frame f = new Frame();
            f.n = Integer.parseInt(lines[0].trim());
            Map<String, String> keys = parseKeys(lines[1]);
            f.box = Box.fromRows(numbers(keys.get("Lattice")));
            f.energy = Double.parseDouble(keys.get("energy"));
            f.virial = numbers(keys.get("virial"));
            String[] props = keys.get("Properties").split(":");
            Map<String, int[]> columns = new LinkedHashMap<>();
            int col = 0;
            for (int k = 0; k < props.length; k += 3) {
                int width = Integer.parseInt(props[k + 2]);
                columns.put(props[k], new int[] {col, width});
                col += width;
            }
            f.pos = new double[3 * f.n];
            f.forces = new double[3 * f.n];
            f.energies = new double[f.n];
            for (int i = 0; i < f.n; i++) {
                String[] w = lines[2 + i].trim().split("\\s+");
                for (int c = 0; c < 3; c++) {
                    f.pos[3 * i + c] = Double.parseDouble(w[columns.get("pos")[0] + c]);
                    f.forces[3 * i + c] = Double.parseDouble(w[columns.get("forces")[0] + c]);
                }
                f.energies[i] = Double.parseDouble(w[columns.get("energies")[0]]);
            }
            return f;
        }

        private static Map<String, String> parseKeys(String line) {
            Map<String, String> m = new LinkedHashMap<>();
            int p = 0;
            while (p < line.length()) {
                while (p < line.length() && line.charAt(p) == ' ') {
                    p++;
                }
                int eq = line.indexOf('=', p);
                if (eq < 0) {
                    break;
                }
                String key = line.substring(p, eq);
                int end;
                String value;
                if (line.charAt(eq + 1) == '"') {
                    end = line.indexOf('"', eq + 2);
                    value = line.substring(eq + 2, end);
                    end++;
                } else {
                    end = line.indexOf(' ', eq);
                    if (end < 0) {
                        end = line.length();
                    }
                    value = line.substring(eq + 1, end);
                }
                m.put(key, value);
                p = end;
            }
            return m;
        }

        private static double[] numbers(String s) {
            String[] w = s.trim().split("\\s+");
            double[] v = new double[w.length];
            for (int k = 0; k < w.length; k++) {
                v[k] = Double.parseDouble(w[k]);
            }
            return v;
        }
    }
}

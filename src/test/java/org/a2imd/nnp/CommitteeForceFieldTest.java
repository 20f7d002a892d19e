package org.a2imd.nnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.a2imd.analysis.EnergyDrift;
import org.a2imd.core.AtomState;
import org.a2imd.core.Lattice;
import org.a2imd.core.Rng;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.force.ForceField;
import org.a2imd.force.ForceOutput;
import org.a2imd.force.LennardJones;
import org.a2imd.force.SumForceField;
import org.a2imd.integrate.Velocities;
import org.a2imd.integrate.VelocityVerlet;
import org.a2imd.neighbor.BruteForcePairFinder;
import org.a2imd.neighbor.NeighborList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committee is its members' mean (energy, forces, virial, per-atom energies), its forces are minus
 * the gradient of that mean energy, NVE on it conserves energy as a single member does, and its model
 * deviation is DeePMD-kit's: checked against a direct computation from the members evaluated alone,
 * and exactly zero for identical members.
 */
class CommitteeForceFieldTest {
    private static WorkerPool pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(1);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    /** Energy, folded forces, virial and per-atom energies of any force field, with a fresh list. */
    private static A2ITestSupport.Eval eval(ForceField ff, AtomState s) {
        NeighborList list = new NeighborList(ff.cutoff(), 0.3, false, true, new BruteForcePairFinder());
        list.build(s);
        ForceOutput out = new ForceOutput();
        out.reset(list.nLocal, list.nAll, true);
        ff.compute(list, s.box(), out, pool);
        double[] f = new double[3 * s.n];
        list.foldGhostForces(out.force, f);
        return new A2ITestSupport.Eval(out.energy, f, out.virial.clone(), out.atomEnergy.clone());
    }

    private static AtomState frame(SpeciesSet species) {
        return A2ITestSupport.randomState(species, A2ITestSupport.triclinic(5.0, 4.6, 4.8), 30, 0.85, 21);
    }

    @Test
    void committeeIsTheMeanAndItsDeviationIsDeePMDs() {
        // Three different models, cutoffs differing too (the committee lists to the largest).
        A2IModel[] models = {A2ITestSupport.smallModel(2, 2.2, 5), A2ITestSupport.smallModel(2, 2.6, 9),
            A2ITestSupport.smallModel(2, 2.4, 13)};
        SpeciesSet species = A2ITestSupport.speciesSet(models[0]);
        AtomState s = frame(species);
        int k = models.length;
        A2ITestSupport.Eval[] alone = new A2ITestSupport.Eval[k];
        for (int m = 0; m < k; m++) {
            alone[m] = eval(new A2IForceField(models[m]), A2ITestSupport.copy(s));
        }
        CommitteeForceField c = new CommitteeForceField(List.of(new A2IForceField(models[0]),
                new A2IForceField(models[1]), new A2IForceField(models[2])));
        assertEquals(2.6, c.cutoff());
        A2ITestSupport.Eval mean = eval(c, A2ITestSupport.copy(s));

        double eMean = (alone[0].energy() + alone[1].energy() + alone[2].energy()) / k;
        assertEquals(eMean, mean.energy(), 1e-12 * Math.abs(eMean));
        double fScale = A2ITestSupport.maxAbs(mean.force());
        double worstF = 0;
        for (int j = 0; j < 3 * s.n; j++) {
            double fm = (alone[0].force()[j] + alone[1].force()[j] + alone[2].force()[j]) / k;
            worstF = Math.max(worstF, Math.abs(fm - mean.force()[j]));
        }
        assertTrue(worstF < 1e-12 * fScale, "force differs from the members' mean by " + worstF);
        for (int c9 = 0; c9 < 9; c9++) {
            double w = (alone[0].virial()[c9] + alone[1].virial()[c9] + alone[2].virial()[c9]) / k;
            assertEquals(w, mean.virial()[c9], 1e-12 * A2ITestSupport.maxAbs(mean.virial()), "virial " + c9);
        }
        for (int i = 0; i < s.n; i++) {
            double e = (alone[0].atomEnergy()[i] + alone[1].atomEnergy()[i] + alone[2].atomEnergy()[i]) / k;
            assertEquals(e, mean.atomEnergy()[i], 1e-12 * Math.abs(eMean), "atom energy " + i);
        }

        // Direct deviation: sigma_i^2 = mean over members of |F_i^m - <F_i>|^2.
        ModelDeviation d = c.deviation();
        double max = -1;
        double min = Double.MAX_VALUE;
        double sum = 0;
        int arg = -1;
        for (int i = 0; i < s.n; i++) {
            double s2 = 0;
            for (int m = 0; m < k; m++) {
                for (int a = 0; a < 3; a++) {
                    int j = 3 * i + a;
                    double fm = (alone[0].force()[j] + alone[1].force()[j] + alone[2].force()[j]) / k;
                    s2 += Math.pow(alone[m].force()[j] - fm, 2);
                }
            }
            double sigma = Math.sqrt(s2 / k);
            assertEquals(sigma, d.perAtom()[i], 1e-10 * fScale, "sigma of atom " + i);
            if (sigma > max) {
                max = sigma;
                arg = i;
            }
            min = Math.min(min, sigma);
            sum += sigma;
        }
        assertTrue(max > 1e-3 * fScale, "different models must deviate: max " + max + ", forces " + fScale);
        assertEquals(max, d.maxForce(), 1e-10 * fScale);
        assertEquals(arg, d.atomOfMax());
        assertEquals(min, d.minForce(), 1e-10 * fScale);
        assertEquals(sum / s.n, d.meanForce(), 1e-10 * fScale);
        double em = eMean / s.n;
        double v = 0;
        for (int m = 0; m < k; m++) {
            v += Math.pow(alone[m].energy() / s.n - em, 2);
        }
        assertEquals(Math.sqrt(v / k), d.energy(), 1e-10 * Math.abs(em));

        // The frame API outside MD gives the same numbers, and keeps them when the committee moves on.
        ModelDeviation frameDev = ModelDeviation.of(c, s, pool);
        assertEquals(d.maxForce(), frameDev.maxForce(), 1e-12 * fScale);
        assertEquals(d.energy(), frameDev.energy(), 1e-12 * Math.abs(em));
    }

    @Test
    void twoMembersDeviateByHalfTheirForceDifference() {
        A2IModel a = A2ITestSupport.smallModel(1, 2.4, 31);
        A2IModel b = A2ITestSupport.smallModel(1, 2.4, 32);
        AtomState s = frame(A2ITestSupport.speciesSet(a));
        A2ITestSupport.Eval ea = eval(new A2IForceField(a), A2ITestSupport.copy(s));
        A2ITestSupport.Eval eb = eval(new A2IForceField(b), A2ITestSupport.copy(s));
        CommitteeForceField c = new CommitteeForceField(List.of(new A2IForceField(a), new A2IForceField(b)));
        eval(c, A2ITestSupport.copy(s));
        double scale = A2ITestSupport.maxAbs(ea.force());
        for (int i = 0; i < s.n; i++) {
            double dx = ea.force()[3 * i] - eb.force()[3 * i];
            double dy = ea.force()[3 * i + 1] - eb.force()[3 * i + 1];
            double dz = ea.force()[3 * i + 2] - eb.force()[3 * i + 2];
            assertEquals(0.5 * Math.sqrt(dx * dx + dy * dy + dz * dz), c.deviation().perAtom()[i], 1e-10 * scale);
        }
        assertEquals(Math.abs(ea.energy() - eb.energy()) / (2 * s.n), c.deviation().energy(),
                1e-10 * Math.abs(ea.energy() / s.n));
    }

    @Test
    void identicalMemberFilesDeviateByExactlyZero() throws IOException {
        A2IModel m = A2ITestSupport.smallModel(2, 2.5, 41);
        Path f1 = dir.resolve("a.model");
        Path f2 = dir.resolve("b.model");
        A2IModelFile.write(m, f1);
        A2IModelFile.write(m, f2);
        CommitteeForceField c = new CommitteeForceField(List.of(new A2IForceField(A2IModelFile.read(f1)),
                new A2IForceField(A2IModelFile.read(f2)), new A2IForceField(A2IModelFile.read(f1))));
        AtomState s = frame(A2ITestSupport.speciesSet(m));
        A2ITestSupport.Eval one = eval(new A2IForceField(m), A2ITestSupport.copy(s));
        A2ITestSupport.Eval three = eval(c, A2ITestSupport.copy(s));
        ModelDeviation d = c.deviation();
        assertEquals(0.0, d.maxForce());
        assertEquals(0.0, d.minForce());
        assertEquals(0.0, d.meanForce());
        assertEquals(0.0, d.energy());
        for (double x : d.perAtom()) {
            assertEquals(0.0, x);
        }
        assertEquals(one.energy(), three.energy(), 1e-13 * Math.abs(one.energy()));
        for (int j = 0; j < 3 * s.n; j++) {
            assertEquals(one.force()[j], three.force()[j], 1e-13 * A2ITestSupport.maxAbs(one.force()));
        }
    }

    /** 4th-order central differences of the committee's (mean) energy against its forces. */
    @Test
    void forcesAreMinusTheGradientOfTheMeanEnergy() {
        A2IModel a = A2ITestSupport.smallModel(2, 2.2, 51);
        A2IModel b = A2ITestSupport.smallModel(2, 2.5, 52);
        CommitteeForceField c = new CommitteeForceField(List.of(new A2IForceField(a), new A2IForceField(b)));
        AtomState s = A2ITestSupport.randomState(A2ITestSupport.speciesSet(a), A2ITestSupport.triclinic(4.4, 4.2, 4.3),
                16, 0.85, 7);
        double[] f = eval(c, A2ITestSupport.copy(s)).force();
        double h = 2e-4;
        double worst = 0;
        double[] steps = {-2, -1, 1, 2};
        for (int j = 0; j < 3 * s.n; j++) {
            double[] ep = new double[4];
            for (int t = 0; t < 4; t++) {
                AtomState p = A2ITestSupport.copy(s);
                p.pos[j] += steps[t] * h;
                ep[t] = eval(c, p).energy();
            }
            double fd = -(ep[0] - 8 * ep[1] + 8 * ep[2] - ep[3]) / (12 * h);
            worst = Math.max(worst, Math.abs(fd - f[j]));
        }
        double rel = worst / A2ITestSupport.maxAbs(f);
        assertTrue(rel < 1e-8, "relative force error " + rel);
    }

    /**
     * NVE on LJ + a committee of two close random A2I models conserves energy as well as LJ + one of them: the
     * rms fluctuation of the total energy within 3x, and no drift beyond twice the fluctuation over the run.
     */
    @Test
    void nveOnTheCommitteeConservesEnergyLikeOneMember() {
        SpeciesSet species = SpeciesSet.of(new Species("Ar", 1.0));
        Lattice lat = Lattice.withDensity(Lattice.Kind.FCC, 0.85, 2, 2, 2);
        AtomState s = new AtomState(Units.LJ, species, lat.box(), new int[lat.count()], lat.positions());
        Velocities.maxwellBoltzmann(s, 2.0, new Rng(11));
        LennardJones lj = new LennardJones.Builder(species).cutoff(2.5).shift(true).pair("Ar", "Ar", 1.0, 1.0).build();
        double dt = 0.004;
        int steps = 120;
        ForceEvaluator melt = new ForceEvaluator(lj, 0.3, pool);
        VelocityVerlet vv = new VelocityVerlet(dt);
        vv.init(s, melt);
        for (int k = 0; k < 150; k++) {
            vv.step(s, melt);
        }
        AtomState s2 = copyWithVelocities(s);
        A2IForceField m1 = new A2IForceField(nveModel(77));
        EnergyDrift one = A2ITestSupport.nve(s, new SumForceField(List.of(lj, m1)), dt, steps, pool);
        // A second member as training with another seed gives: close to the first, not equal.
        A2IModel m2 = nveModel(77);
        Rng noise = new Rng(78);
        double[] w = m2.weights();
        for (int j = 0; j < w.length; j++) {
            w[j] *= 1 + 0.05 * noise.nextGaussian();
        }
        CommitteeForceField c = new CommitteeForceField(List.of(new A2IForceField(nveModel(77)),
                new A2IForceField(m2)));
        EnergyDrift com = A2ITestSupport.nve(s2, new SumForceField(List.of(lj, c)), dt, steps, pool);
        System.out.printf("NVE %d atoms, dt %.3f, %d steps: one member rms %.2e drift %.2e; committee rms %.2e "
                + "drift %.2e (eps/atom, eps/tau/atom); final max_devi_f %.3g%n", s.n, dt, steps, one.rmsPerAtom(),
                one.slopePerAtom(), com.rmsPerAtom(), com.slopePerAtom(), c.deviation().maxForce());
        assertTrue(c.deviation().maxForce() > 0, "the members differ");
        assertTrue(com.rmsPerAtom() < 3 * one.rmsPerAtom() + 1e-6,
                "fluctuation " + com.rmsPerAtom() + " vs one member " + one.rmsPerAtom());
        double span = steps * dt;
        assertTrue(Math.abs(com.slopePerAtom()) * span < 2 * com.rmsPerAtom(),
                "drift " + com.slopePerAtom() + " over " + span + " vs rms " + com.rmsPerAtom());
    }

    /** As A2INveTest's model: forces a sizeable fraction of LJ's. */
    private static A2IModel nveModel(long seed) {
        A2IArchitecture a = new A2IArchitecture(1, 2.5, 8, 8, 2, 2, 8, 8, 8, 6, 8.0);
        A2IModel m = new A2IModel(a, Units.LJ, List.of("Ar"), 50.0);
        m.initialise(seed);
        m.setEnergyScale(80.0);
        return m;
    }

    private static AtomState copyWithVelocities(AtomState s) {
        AtomState c = new AtomState(s.units, s.species, s.box(), s.type, s.pos);
        System.arraycopy(s.vel, 0, c.vel, 0, s.vel.length);
        System.arraycopy(s.image, 0, c.image, 0, s.image.length);
        return c;
    }
}

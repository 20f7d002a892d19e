package org.a2imd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.nnp.A2IForceField;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.A2IModelFile;
import org.a2imd.nnp.PairPrior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dimer pushed together by a constant force F along the bond stops where the model's repulsion reaches F;
 * with the fitted wall that happens at a finite distance for any F, without a prior the network's bounded
 * short-range energy lets a strong enough push drive the atoms through each other. Both models are trained
 * here, on the same tiny LJ data, with the same seeds.
 */
class PriorDemoTest {
    @TempDir
    static Path dir;

    static Trainer trainer(Path data, Path out, PairPrior prior, WorkerPool pool) {
        List<DataReader.Raw> raw = DataReader.read(data);
        Dataset all = new Dataset(DataReader.convert(raw, List.of("Ar"), TrainTestData.CUTOFF, Units.LJ, true, true,
                false, pool));
        Dataset.Split split = all.split(0.25, 0.0, 5);
        Trainer t = new Trainer(Units.LJ, List.of("Ar"), TrainTestData.tinyModel(3), new LossWeights(1.0, 1.0, 0),
                OptimizerSettings.cosine(1e-2, 8, 2, 9), split, new Trainer.Outputs(out.resolve("m.a2i"),
                        out.resolve("curve.csv"), out.resolve("m.chk")), pool);
        if (prior != null) {
            t.setPrior(prior);
        }
        return t;
    }

    /**
     * Distance at which a dimer starting at r0, pushed inward by F, stops: the first r (scanning inward in steps
     * of dr) where the model's repulsive force -dE/dr reaches F (overdamped motion stops there); 0 when none
     * down to dr, i.e. the atoms pass through each other.
     */
    static double stop(A2IForceField ff, double r0, double push, WorkerPool pool) {
        SpeciesSet sp = new SpeciesSet(List.of(new Species("Ar", 1.0)));
        ForceEvaluator ev = new ForceEvaluator(ff, 0.3, pool);
        double dr = 0.002;
        for (double r = r0; r > dr; r -= dr) {
            AtomState s = new AtomState(Units.LJ, sp, Box.orthorhombic(12, 12, 12), new int[2],
                    new double[] {6, 6, 6, 6 + r, 6, 6});
            ev.evaluateFreshList(s, false);
            double repulsion = s.force[3]; // force on atom 2 along +x: -dE/dr
            if (repulsion >= push) {
                return r;
            }
        }
        return 0;
    }

    @Test
    void pushedDimerStopsWithThePriorAndCollapsesWithout() throws Exception {
        Path data = dir.resolve("lj.extxyz");
        TrainTestData.writeLj(data, 16, 11, 0.06, "Ar");
        try (WorkerPool pool = new WorkerPool(2)) {
            Trainer probe = trainer(data, dir, null, pool);
            PairPrior prior = PriorFit.fit(PriorSettings.wall(), List.of("Ar"), probe.data().train());
            double onset = prior.parameters(0, 0)[0];
            double fmax = PriorFit.largestForce(probe.data().train());
            Path a = Files.createDirectories(dir.resolve("without"));
            Path b = Files.createDirectories(dir.resolve("with"));
            trainer(data, a, null, pool).run(false);
            trainer(data, b, prior, pool).run(false);
            A2IModel without = A2IModelFile.read(a.resolve("m.a2i"));
            A2IModel with = A2IModelFile.read(b.resolve("m.a2i"));
            assertEquals(onset, with.prior().parameters(0, 0)[0], 0, "the file carries the fitted wall");
            A2IForceField ffWithout = new A2IForceField(without);
            A2IForceField ffWith = new A2IForceField(with);
            System.out.printf("wall onset %.4f (smallest training distance), strength %.4f, F_max %.3f%n", onset,
                    prior.parameters(0, 0)[1], fmax);
            double last = onset;
            boolean collapsed = false;
            for (double k : new double[] {1, 3, 10, 30, 100}) {
                double rw = stop(ffWith, onset, k * fmax, pool);
                double ro = stop(ffWithout, onset, k * fmax, pool);
                System.out.printf("push %5.0f F_max: stops at r = %.3f with the prior, %s without%n", k, rw,
                        ro > 0 ? String.format("%.3f", ro) : "never (atoms pass through)");
                assertTrue(rw > 0.3 * onset, "with the prior the dimer stops at a finite distance: " + rw);
                assertTrue(rw <= last, "a stronger push gets closer");
                last = rw;
                collapsed |= ro == 0;
            }
            assertTrue(collapsed, "without a prior some push drives the atoms through each other");
        }
    }
}

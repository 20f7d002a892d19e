package org.a2imd.nnp;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.a2imd.force.LennardJones;
import org.a2imd.force.SumForceField;
import org.a2imd.force.ewald.LodeSpec;
import org.a2imd.integrate.VelocityVerlet;
import org.a2imd.integrate.Velocities;
import org.junit.jupiter.api.Test;

/**
 * NVE with LJ + A2I with the long-range channel (random smooth weights) on a small two-species liquid:
 * the total energy fluctuates no more than with LJ alone (within a factor) and does not drift, while
 * the channel contributes a sizeable part of the forces.
 */
class A2ILongRangeNveTest {
    private static final int STEPS = 200;
    private static final double DT = 0.004;

    @Test
    void energyIsConserved() {
        SpeciesSet species = SpeciesSet.of(new Species("Ar", 1.0), new Species("Kr", 1.5));
        Lattice lat = Lattice.withDensity(Lattice.Kind.FCC, 0.85, 2, 2, 2);
        int n = lat.count();
        int[] type = new int[n];
        for (int i = 0; i < n; i++) {
            type[i] = i % 3 == 0 ? 1 : 0;
        }
        AtomState s = new AtomState(Units.LJ, species, lat.box(), type, lat.positions());
        Velocities.maxwellBoltzmann(s, 1.5, new Rng(21));
        LennardJones lj = new LennardJones.Builder(species).cutoff(2.5).shift(true).pair("Ar", "Ar", 1.0, 1.0)
                .pair("Kr", "Kr", 1.0, 1.0).pair("Ar", "Kr", 1.0, 1.0).build();
        try (WorkerPool pool = new WorkerPool(1)) {
            ForceEvaluator melt = new ForceEvaluator(lj, 0.3, pool);
            VelocityVerlet vv = new VelocityVerlet(DT);
            vv.init(s, melt);
            for (int k = 0; k < 200; k++) {
                vv.step(s, melt);
            }
            A2IModel model = model();
            LongRangeTestSupport.fitNormalisation(model, s, pool);
            // The channel's readout rows start at zero; give them random weights, large enough that its forces
            // are a sizeable part of the total (the test must exercise them).
            A2IModel.Segment w1 = model.segment("readout.W1");
            Rng rows = new Rng(79);
            double sd = 4 * Math.sqrt(2.0 / model.architecture().readoutInputs());
            for (int k = w1.offset() + model.architecture().width() * w1.cols(); k < w1.offset() + w1.size(); k++) {
                model.weights()[k] = sd * rows.nextGaussian();
            }
            A2IForceField a2i = LongRangeTestSupport.field(model);
            A2IModel off = model.copy();
            java.util.Arrays.fill(off.weights(), w1.offset() + model.architecture().width() * w1.cols(),
                    w1.offset() + w1.size(), 0.0);
            double[] fOn = forces(s, a2i, pool);
            double[] fOff = forces(s, LongRangeTestSupport.field(off), pool);
            double[] fLj = forces(s, lj, pool);
            double[] dl = new double[fOn.length];
            for (int k = 0; k < dl.length; k++) {
                dl[k] = fOn[k] - fOff[k];
            }
            double channelRatio = rms(dl) / rms(fLj);
            double a2iRatio = rms(fOn) / rms(fLj);

            AtomState s2 = copyWithVelocities(s);
            EnergyDrift ref = A2ITestSupport.nve(s, lj, DT, STEPS, pool);
            long t0 = System.nanoTime();
            EnergyDrift nn = A2ITestSupport.nve(s2, new SumForceField(List.of(lj, a2i)), DT, STEPS, pool);
            System.out.printf("NVE %d atoms, dt %.3f, %d steps (LJ + A2I + channel: %.1f s); force rms / LJ's: "
                    + "A2I %.2f, its long-range channel %.2f%n", n, DT, STEPS, (System.nanoTime() - t0) * 1e-9,
                    a2iRatio, channelRatio);
            System.out.printf("  LJ            : drift %.2e eps/tau/atom, rms %.2e eps/atom%n", ref.slopePerAtom(),
                    ref.rmsPerAtom());
            System.out.printf("  LJ + A2I + LR : drift %.2e eps/tau/atom, rms %.2e eps/atom%n", nn.slopePerAtom(),
                    nn.rmsPerAtom());
            assertTrue(channelRatio > 0.05, "the channel must matter: its force rms / LJ's = " + channelRatio);
            assertTrue(nn.rmsPerAtom() < 3 * ref.rmsPerAtom() + 1e-6,
                    "fluctuation " + nn.rmsPerAtom() + " vs LJ " + ref.rmsPerAtom());
            double span = STEPS * DT;
            assertTrue(Math.abs(nn.slopePerAtom()) * span < 2 * nn.rmsPerAtom(),
                    "drift " + nn.slopePerAtom() + " over " + span + " vs rms " + nn.rmsPerAtom());
        }
    }

    /** K 6, d 8, L 1, r_c 2.5, channel with exponent 1 and radius 1.0 (F = 2). */
    private static A2IModel model() {
        A2IArchitecture a = new A2IArchitecture(2, 2.5, 6, 8, 2, 1, 8, 8, 8, 6, 8.0)
                .withLode(new LodeSpec(new int[] {1}, new double[] {1.0}, 1e-8));
        A2IModel m = new A2IModel(a, Units.LJ, List.of("Ar", "Kr"), 50.0);
        m.initialise(78);
        m.setEnergyScale(5.0);
        return m;
    }

    private static double[] forces(AtomState s, ForceField ff, WorkerPool pool) {
        AtomState c = copyWithVelocities(s);
        new ForceEvaluator(ff, 0.3, pool).evaluate(c, false);
        return c.force.clone();
    }

    private static double rms(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum / v.length);
    }

    private static AtomState copyWithVelocities(AtomState s) {
        AtomState c = new AtomState(s.units, s.species, s.box(), s.type, s.pos);
        System.arraycopy(s.vel, 0, c.vel, 0, s.vel.length);
        System.arraycopy(s.image, 0, c.image, 0, s.image.length);
        return c;
    }
}

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
import org.a2imd.integrate.VelocityVerlet;
import org.a2imd.integrate.Velocities;
import org.junit.jupiter.api.Test;

/**
 * NVE with the A2I network conserves energy as well as plain LJ does at the same timestep: a 256-atom
 * LJ liquid (fcc rho* 0.85 melted at T* 1.2) with a random-weights A2I term added to shifted LJ (LJ
 * keeps the liquid physical; the network adds forces about a third the size of LJ's, with angles and
 * attention). Both runs start from the same state; the fluctuation of the total energy per atom must stay
 * within a small factor of LJ's (the integrator's own error) and the fitted drift over the run below
 * twice that fluctuation. Measured: LJ rms 1.2e-4, LJ + A2I rms 1.5e-4 eps/atom, drift 1.2e-4 vs 3e-5
 * eps/tau/atom (0.72 tau, dt 0.004).
 */
class A2INveTest {
    private static final int STEPS = 180;
    private static final double DT = 0.004;

    @Test
    void energyDriftComparableToLennardJones() {
        SpeciesSet species = SpeciesSet.of(new Species("Ar", 1.0));
        Lattice lat = Lattice.withDensity(Lattice.Kind.FCC, 0.85, 4, 4, 4);
        AtomState s = new AtomState(Units.LJ, species, lat.box(), new int[lat.count()], lat.positions());
        Velocities.maxwellBoltzmann(s, 2.0, new Rng(11));
        LennardJones lj = new LennardJones.Builder(species).cutoff(2.5).shift(true).pair("Ar", "Ar", 1.0, 1.0).build();
        try (WorkerPool pool = new WorkerPool(1)) {
            ForceEvaluator melt = new ForceEvaluator(lj, 0.3, pool);
            VelocityVerlet vv = new VelocityVerlet(DT);
            vv.init(s, melt);
            for (int k = 0; k < 300; k++) {
                vv.step(s, melt);
            }
            A2IModel model = smallRandomModel();
            AtomState s2 = copyWithVelocities(s);
            EnergyDrift ref = A2ITestSupport.nve(s, lj, DT, STEPS, pool);
            A2IForceField a2i = new A2IForceField(model);
            long t0 = System.nanoTime();
            EnergyDrift nn = A2ITestSupport.nve(s2, new SumForceField(List.of(lj, a2i)), DT, STEPS, pool);
            System.out.printf("  (LJ + A2I run took %.1f s)%n", (System.nanoTime() - t0) * 1e-9);
            double ratioF = forceRatio(s2, lj, a2i, pool);
            System.out.printf("NVE %d atoms, dt %.3f, %d steps; A2I/LJ force rms ratio %.2f%n", s.n, DT, STEPS, ratioF);
            System.out.printf("  LJ      : drift %.2e eps/tau/atom, rms %.2e eps/atom%n", ref.slopePerAtom(),
                    ref.rmsPerAtom());
            System.out.printf("  LJ + A2I: drift %.2e eps/tau/atom, rms %.2e eps/atom%n", nn.slopePerAtom(),
                    nn.rmsPerAtom());
            assertTrue(ratioF > 0.1, "the network must matter: force ratio " + ratioF);
            assertTrue(nn.rmsPerAtom() < 3 * ref.rmsPerAtom() + 1e-6,
                    "fluctuation " + nn.rmsPerAtom() + " vs LJ " + ref.rmsPerAtom());
            // A run this short cannot resolve a slope well (LJ's own varies by 3x between seeds), so
            // the drift test is that the energy change over the run stays below twice the fluctuation.
            double span = STEPS * DT;
            assertTrue(Math.abs(nn.slopePerAtom()) * span < 2 * nn.rmsPerAtom(),
                    "drift " + nn.slopePerAtom() + " over " + span + " vs rms " + nn.rmsPerAtom());
        }
    }

    /** K 8, d 8, H 2, L 2, r_c 2.5; s_E chosen so the forces are a sizeable fraction of LJ's. */
    static A2IModel smallRandomModel() {
        A2IArchitecture a = new A2IArchitecture(1, 2.5, 8, 8, 2, 2, 8, 8, 8, 6, 8.0);
        A2IModel m = new A2IModel(a, Units.LJ, List.of("Ar"), 50.0);
        m.initialise(77);
        m.setEnergyScale(80.0);
        return m;
    }

    private static double forceRatio(AtomState s, ForceField lj, ForceField a2i, WorkerPool pool) {
        ForceEvaluator f = new ForceEvaluator(lj, 0.3, pool);
        f.evaluate(s, false);
        double a = rms(s.force);
        f = new ForceEvaluator(a2i, 0.3, pool);
        f.evaluate(s, false);
        return rms(s.force) / a;
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

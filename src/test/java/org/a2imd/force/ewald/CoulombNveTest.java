package org.a2imd.force.ewald;

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
import org.a2imd.integrate.Velocities;
import org.a2imd.integrate.VelocityVerlet;
import org.junit.jupiter.api.Test;

/**
 * A molten-salt-like liquid (216 LJ atoms carrying +-1, reduced units, rho* = 0.8, T* about 1.5) with
 * LJ + Ewald Coulomb (accuracy 1e-6, the deck default) conserves energy in NVE over 1500 steps of 0.002:
 * fluctuation below 1e-4 eps/atom (it scales as dt^2: 2.1e-4 at dt 0.004, 5.0e-5 at 0.002) and no
 * fitted drift above 3e-5 eps/tau/atom (measured 7.8e-6; over a 3 tau window of a 216-atom system the
 * fitted slope is itself noisy at the 1e-5 level).
 */
class CoulombNveTest {
    @Test
    void moltenSaltConservesEnergy() {
        SpeciesSet sp = SpeciesSet.of(new Species("A", 1.0), new Species("B", 1.0));
        Lattice lat = Lattice.withDensity(Lattice.Kind.SC, 0.8, 6, 6, 6);
        int[] type = Lattice.assignSpecies(lat.count(), new double[] {0.5, 0.5}, new Rng(7));
        AtomState s = new AtomState(Units.LJ, sp, lat.box(), type, lat.positions());
        Velocities.maxwellBoltzmann(s, 1.5, new Rng(11));
        s.removeCentreOfMassMomentum();
        LennardJones lj = new LennardJones.Builder(sp).cutoff(2.5).shift(true).pair("A", "A", 1, 1)
                .pair("B", "B", 1, 1).build();
        CoulombForceField coul = new CoulombForceField(sp, new double[] {1, -1},
                EwaldParameters.automatic(1, 3.0, 1e-6), 1.0, false);
        ForceField field = new SumForceField(List.of(lj, coul));
        double dt = 0.002;
        try (WorkerPool pool = new WorkerPool(2)) {
            ForceEvaluator f = new ForceEvaluator(field, 0.3, pool);
            VelocityVerlet vv = new VelocityVerlet(dt);
            vv.init(s, f);
            for (int k = 0; k < 500; k++) { // melt (the sc start with random charges is far from equilibrium)
                vv.step(s, f);
            }
            int samples = 151;
            double[] t = new double[samples];
            double[] e = new double[samples];
            double[] ke = new double[samples];
            for (int k = 0; k < samples; k++) {
                if (k > 0) {
                    for (int m = 0; m < 10; m++) {
                        vv.step(s, f);
                    }
                }
                t[k] = k * 10 * dt;
                ke[k] = s.kineticEnergy();
                e[k] = f.energy() + ke[k];
            }
            EnergyDrift d = EnergyDrift.of(t, e, ke, s.n);
            String msg = String.format("drift %.3e eps/tau/atom, rms %.3e eps/atom, T %.3f, %d k-vectors",
                    d.slopePerAtom(), d.rmsPerAtom(), s.temperature(), coul.ewald().kVectorCount());
            System.out.println("CoulombNveTest: " + msg);
            assertTrue(d.rmsPerAtom() < 1e-4, msg);
            assertTrue(Math.abs(d.slopePerAtom()) < 3e-5, msg);
            assertTrue(d.rmsPerAtom() > 1e-8, "a fluctuation of exactly zero means the test measures nothing: " + msg);
        }
    }
}

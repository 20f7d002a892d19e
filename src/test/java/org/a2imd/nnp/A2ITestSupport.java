package org.a2imd.nnp;

import java.util.ArrayList;
import java.util.List;
import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.Rng;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceOutput;
import org.a2imd.neighbor.BruteForcePairFinder;
import org.a2imd.neighbor.NeighborList;

/** Small random models and configurations, and one-call evaluation, for the A2I tests. */
final class A2ITestSupport {
    private A2ITestSupport() {
    }

    /** d = 8, H = 2, L = 2, K = 6, with every weight (biases and angular terms too) made non-trivial. */
    static A2IModel smallModel(int species, double cutoff, long seed) {
        return smallModel(species, cutoff, seed, false);
    }

    /** As above, with or without the polynomial angular factor (whose alphas are then non-zero too). */
    static A2IModel smallModel(int species, double cutoff, long seed, boolean angularFactor) {
        A2IArchitecture a = new A2IArchitecture(species, cutoff, 6, 8, 2, 2, 8, 8, 6, 6, 3.0)
                .withAngularFactor(angularFactor);
        List<String> names = new ArrayList<>();
        for (int s = 0; s < species; s++) {
            names.add(s == 0 ? "Ar" : "Kr" + s);
        }
        A2IModel m = new A2IModel(a, Units.LJ, names, 6.0);
        m.initialise(seed);
        Rng rng = new Rng(seed + 1);
        double[] w = m.weights();
        for (int k = 0; k < w.length; k++) {
            w[k] += 0.25 * rng.nextGaussian();
        }
        for (int s = 0; s < species; s++) {
            m.e0()[s] = 0.3 - 0.5 * s;
        }
        m.setEnergyScale(0.7);
        return m;
    }

    static SpeciesSet speciesSet(A2IModel m) {
        List<Species> list = new ArrayList<>();
        for (String n : m.species()) {
            list.add(new Species(n, 1.0));
        }
        return new SpeciesSet(list);
    }

    /** n atoms at random positions in the cell, no two closer than dmin (periodic distance). */
    static AtomState randomState(SpeciesSet species, Box box, int n, double dmin, long seed) {
        Rng rng = new Rng(seed);
        double[] pos = new double[3 * n];
        int[] type = new int[n];
        double[] xyz = new double[3];
        double[] d = new double[3];
        int placed = 0;
        int tries = 0;
        while (placed < n) {
            if (++tries > 1_000_000) {
                throw new IllegalStateException("could not place atoms");
            }
            box.toCartesian(rng.nextDouble(), rng.nextDouble(), rng.nextDouble(), xyz);
            boolean ok = true;
            for (int j = 0; j < placed && ok; j++) {
                for (int c = 0; c < 3; c++) {
                    d[c] = xyz[c] - pos[3 * j + c];
                }
                box.minimumImage(d);
                ok = d[0] * d[0] + d[1] * d[1] + d[2] * d[2] >= dmin * dmin;
            }
            if (ok) {
                System.arraycopy(xyz, 0, pos, 3 * placed, 3);
                type[placed] = rng.nextInt(species.size());
                placed++;
            }
        }
        return new AtomState(Units.LJ, species, box, type, pos);
    }

    static Box triclinic(double a, double b, double c) {
        return Box.of(new double[] {a, 0, 0}, new double[] {0.31 * a, b, 0}, new double[] {-0.22 * a, 0.17 * b, c});
    }

    /** Result of one evaluation. */
    record Eval(double energy, double[] force, double[] virial, double[] atomEnergy) {
    }

    /** Energy, folded forces (3n) and virial of a state, with a fresh brute-force list. */
    static Eval evaluate(A2IForceField ff, AtomState s, WorkerPool pool) {
        NeighborList list = new NeighborList(ff.cutoff(), 0.3, false, true, new BruteForcePairFinder());
        list.build(s);
        ForceOutput out = new ForceOutput();
        out.reset(list.nLocal, list.nAll, true);
        ff.compute(list, s.box(), out, pool);
        list.foldGhostForces(out.force, s.force);
        return new Eval(out.energy, s.force.clone(), out.virial.clone(), out.atomEnergy.clone());
    }

    static double energy(A2IForceField ff, AtomState s, WorkerPool pool) {
        return evaluate(ff, s, pool).energy();
    }

    static AtomState copy(AtomState s) {
        AtomState c = new AtomState(s.units, s.species, s.box(), s.type, s.pos);
        System.arraycopy(s.image, 0, c.image, 0, s.image.length);
        return c;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /**
     * Velocity-Verlet NVE of {@code s} with {@code ff} for {@code steps} steps of {@code dt} (skin 0.3),
     * sampling the total energy every 4 steps (which must stay finite); the drift and fluctuation.
     */
    static org.a2imd.analysis.EnergyDrift nve(AtomState s, org.a2imd.force.ForceField ff, double dt, int steps,
            org.a2imd.core.WorkerPool pool) {
        org.a2imd.force.ForceEvaluator f = new org.a2imd.force.ForceEvaluator(ff, 0.3, pool);
        org.a2imd.integrate.VelocityVerlet vv = new org.a2imd.integrate.VelocityVerlet(dt);
        vv.init(s, f);
        int every = 4;
        int m = steps / every + 1;
        double[] t = new double[m];
        double[] e = new double[m];
        double[] ke = new double[m];
        int k = 0;
        for (int step = 0; step <= steps; step++) {
            if (step > 0) {
                vv.step(s, f);
            }
            if (step % every == 0) {
                t[k] = step * dt;
                ke[k] = s.kineticEnergy();
                e[k] = f.energy() + ke[k];
                org.junit.jupiter.api.Assertions.assertTrue(Double.isFinite(e[k]), "energy became " + e[k]);
                k++;
            }
        }
        return org.a2imd.analysis.EnergyDrift.of(t, e, ke, s.n);
    }
}

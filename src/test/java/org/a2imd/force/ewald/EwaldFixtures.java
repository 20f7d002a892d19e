package org.a2imd.force.ewald;

import org.a2imd.core.AtomState;
import org.a2imd.core.Box;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceOutput;
import org.a2imd.neighbor.CellListPairFinder;
import org.a2imd.neighbor.NeighborList;

/** Evaluates an {@link EwaldSum} on a configuration the way the force evaluator does (ghosts folded). */
final class EwaldFixtures {
    static final SpeciesSet ONE = SpeciesSet.of(new Species("X", 1.0));

    private EwaldFixtures() {
    }

    record Result(double energy, double[] force, double[] virial, double[] atomEnergy) {
    }

    static Result evaluate(EwaldSum sum, Box box, double[] pos, double[] q, WorkerPool pool) {
        int n = q.length;
        AtomState s = new AtomState(Units.LJ, ONE, box, new int[n], pos);
        NeighborList nl = new NeighborList(sum.cutoff(), 0.0, true, false, new CellListPairFinder(pool));
        nl.build(s);
        ForceOutput out = new ForceOutput();
        out.reset(nl.nLocal, nl.nAll, true);
        sum.compute(nl, box, q, out, pool);
        double[] f = new double[3 * n];
        nl.foldGhostForces(out.force, f);
        return new Result(out.energy, f, out.virial.clone(), out.atomEnergy.clone());
    }

    static double energy(EwaldSum sum, Box box, double[] pos, double[] q, WorkerPool pool) {
        return evaluate(sum, box, pos, q, pool).energy;
    }

    /** Cartesian positions from fractional ones in the cell. */
    static double[] cartesian(Box box, double[][] frac) {
        double[] x = new double[3 * frac.length];
        double[] o = new double[3];
        for (int i = 0; i < frac.length; i++) {
            box.toCartesian(frac[i][0], frac[i][1], frac[i][2], o);
            System.arraycopy(o, 0, x, 3 * i, 3);
        }
        return x;
    }
}

package org.a2imd.nnp;

import java.util.HashSet;
import java.util.List;
import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceField;
import org.a2imd.force.ForceOutput;
import org.a2imd.force.NeighborNeeds;
import org.a2imd.force.SumForceField;
import org.a2imd.neighbor.NeighborList;

/**
 * A committee of k >= 2 A2I models of the same species and units. Dynamics runs on the mean energy,
 * so energy, forces, virial and per-atom energies are the members' means and the forces stay
 * conservative. Each evaluation also refreshes the {@link ModelDeviation} (DeePMD-kit's model
 * deviation), which outputs and stop conditions read.
 *
 * <p>Members evaluate one after another, each with all threads, into their own reused buffers; the
 * mean is then added to the caller's output. Members may differ in cutoff: the committee's is the
 * largest, and each member ignores neighbours beyond its own.
 */
public final class CommitteeForceField implements ForceField {
    private final A2IForceField[] members;
    private final ForceOutput[] memberOut;
    private final double[][] memberForce;
    private final double[] memberEnergy;
    private final ModelDeviation deviation = new ModelDeviation();
    private final double cutoff;

    /**
     * @throws IllegalArgumentException with fewer than two members, or members of different units or
     *     species
     */
    public CommitteeForceField(List<A2IForceField> members) {
        if (members.size() < 2) {
            throw new IllegalArgumentException("a committee needs at least two models, got " + members.size());
        }
        this.members = members.toArray(new A2IForceField[0]);
        A2IModel first = this.members[0].model();
        double rc = 0;
        for (int m = 0; m < this.members.length; m++) {
            A2IModel mod = this.members[m].model();
            if (mod.units() != first.units()) {
                throw new IllegalArgumentException("committee member " + (m + 1) + " is in units " + mod.units().id
                        + ", member 1 in " + first.units().id);
            }
            if (!new HashSet<>(mod.species()).equals(new HashSet<>(first.species()))) {
                throw new IllegalArgumentException("committee member " + (m + 1) + " has species "
                        + String.join(", ", mod.species()) + ", member 1 has " + String.join(", ", first.species()));
            }
            rc = Math.max(rc, mod.cutoff());
        }
        cutoff = rc;
        int k = this.members.length;
        memberOut = new ForceOutput[k];
        memberForce = new double[k][0];
        memberEnergy = new double[k];
        for (int m = 0; m < k; m++) {
            memberOut[m] = new ForceOutput();
        }
    }

    /** The committee in a force field (itself, or a term of a sum), or null when there is none. */
    public static CommitteeForceField in(ForceField f) {
        if (f instanceof CommitteeForceField c) {
            return c;
        }
        if (f instanceof SumForceField s) {
            for (ForceField t : s.terms()) {
                CommitteeForceField c = in(t);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    public int size() {
        return members.length;
    }

    public A2IForceField member(int m) {
        return members[m];
    }

    /** The deviation of the last evaluation (live; refreshed by every compute). */
    public ModelDeviation deviation() {
        return deviation;
    }

    /** Total energy of member m at the last evaluation. */
    public double memberEnergy(int m) {
        return memberEnergy[m];
    }

    /** Forces of member m on the local atoms at the last evaluation (3 * nLocal, ghosts folded; live). */
    public double[] memberForces(int m) {
        return memberForce[m];
    }

    @Override
    public double cutoff() {
        return cutoff;
    }

    @Override
    public NeighborNeeds neighborNeeds() {
        return NeighborNeeds.FULL;
    }

    @Override
    public void compute(NeighborList nl, Box box, ForceOutput out, WorkerPool pool) {
        int k = members.length;
        int nLocal = nl.nLocal;
        int nAll = nl.nAll;
        for (int m = 0; m < k; m++) {
            ForceOutput o = memberOut[m];
            o.wantEnergy = true; // members' energies give the energy deviation
            o.reset(nLocal, nAll, out.wantAtomEnergy);
            members[m].compute(nl, box, o, pool);
            memberEnergy[m] = o.energy;
            if (memberForce[m].length != 3 * nLocal) {
                memberForce[m] = new double[3 * nLocal];
            }
            nl.foldGhostForces(o.force, memberForce[m]);
        }
        double inv = 1.0 / k;
        double[] f = out.force;
        for (int j = 0; j < 3 * nAll; j++) {
            double s = 0;
            for (int m = 0; m < k; m++) {
                s += memberOut[m].force[j];
            }
            f[j] += s * inv;
        }
        double e = 0;
        for (int m = 0; m < k; m++) {
            e += memberEnergy[m];
        }
        out.energy += e * inv;
        for (int c = 0; c < 9; c++) {
            double s = 0;
            for (int m = 0; m < k; m++) {
                s += memberOut[m].virial[c];
            }
            out.virial[c] += s * inv;
        }
        if (out.wantAtomEnergy) {
            for (int i = 0; i < nLocal; i++) {
                double s = 0;
                for (int m = 0; m < k; m++) {
                    s += memberOut[m].atomEnergy[i];
                }
                out.atomEnergy[i] += s * inv;
            }
        }
        deviation.compute(memberForce, memberEnergy, k, nLocal);
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("committee of " + members.length + " (mean energy):");
        for (int m = 0; m < members.length; m++) {
            sb.append(m == 0 ? " " : " | ").append(members[m].describe());
        }
        return sb.toString();
    }
}

package org.a2imd.force;

import java.util.List;
import org.a2imd.core.Box;
import org.a2imd.core.WorkerPool;
import org.a2imd.neighbor.NeighborList;

/** A sum of force fields is a force field: every term adds into the same output. */
public final class SumForceField implements ForceField {
    private final List<ForceField> terms;

    public SumForceField(List<ForceField> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a sum of force fields needs at least one term");
        }
        this.terms = List.copyOf(terms);
    }

    public List<ForceField> terms() {
        return terms;
    }

    @Override
    public double cutoff() {
        double c = 0;
        for (ForceField t : terms) {
            c = Math.max(c, t.cutoff());
        }
        return c;
    }

    @Override
    public NeighborNeeds neighborNeeds() {
        NeighborNeeds n = NeighborNeeds.NONE;
        for (ForceField t : terms) {
            n = n.union(t.neighborNeeds());
        }
        return n;
    }

    @Override
    public void compute(NeighborList nl, Box box, ForceOutput out, WorkerPool pool) {
        for (ForceField t : terms) {
            t.compute(nl, box, out, pool);
        }
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (ForceField t : terms) {
            if (sb.length() > 0) {
                sb.append(" + ");
            }
            sb.append(t.describe());
        }
        return sb.toString();
    }
}

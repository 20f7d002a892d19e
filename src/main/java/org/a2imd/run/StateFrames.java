package org.a2imd.run;

import org.a2imd.core.AtomState;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.io.ExtXyzColumn;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.nnp.CommitteeForceField;
import org.a2imd.nnp.ModelDeviation;

/** Turns the current state into an extended-XYZ frame (positions wrapped into the cell). */
public final class StateFrames {
    /** Name of the per-atom force-deviation column (as DeePMD-kit's force deviation, in force units). */
    public static final String FORCE_DEVIATION = "force_devi";

    private StateFrames() {
    }

    /**
     * Which optional per-atom columns a frame carries; deviation: the committee's per-atom force
     * deviation (column force_devi, header max_devi_f).
     */
    public record Columns(boolean velocities, boolean forces, boolean energies, boolean deviation) {
        public Columns(boolean velocities, boolean forces, boolean energies) {
            this(velocities, forces, energies, false);
        }
    }

    /** Species, wrapped positions and cell only (frames to be labelled elsewhere). */
    public static ExtXyzFrame structure(AtomState s) {
        String[] species = new String[s.n];
        for (int i = 0; i < s.n; i++) {
            species[i] = s.species.name(s.type[i]);
        }
        double[] pos = s.pos.clone();
        s.box().wrap(pos, null, s.n);
        return new ExtXyzFrame(s.box(), species, pos);
    }

    /** Adds the per-atom column force_devi and the header key max_devi_f of a committee's deviation. */
    public static void addDeviation(ExtXyzFrame frame, ModelDeviation d) {
        if (d.atoms() != frame.size()) {
            throw new IllegalStateException("the deviation covers " + d.atoms() + " atoms, the frame "
                    + frame.size());
        }
        frame.info.put("max_devi_f", Double.toString(d.maxForce()));
        frame.extraColumns.add(new ExtXyzColumn(FORCE_DEVIATION, 'R', 1, d.perAtom().clone(), null));
    }

    /**
     * A frame of the state with the evaluator's energy and virial (and stress) in the header. Per-atom
     * energies are included only when requested and computed.
     */
    public static ExtXyzFrame of(AtomState s, ForceEvaluator f, Columns columns) {
        ExtXyzFrame frame = structure(s);
        if (columns.velocities()) {
            frame.velocities = s.vel.clone();
        }
        if (columns.forces()) {
            frame.forces = s.force.clone();
        }
        if (columns.energies()) {
            double[] e = f.atomEnergies();
            if (e == null) {
                throw new IllegalStateException("per-atom energies were not computed for this frame");
            }
            frame.energies = e.clone();
        }
        if (columns.deviation()) {
            CommitteeForceField c = CommitteeForceField.in(f.field());
            if (c == null) {
                throw new IllegalStateException("a force deviation column needs a committee force field");
            }
            addDeviation(frame, c.deviation());
        }
        frame.setEnergy(f.energy());
        frame.setVirial(f.virial().clone());
        frame.info.put("units", s.units.id);
        return frame;
    }
}

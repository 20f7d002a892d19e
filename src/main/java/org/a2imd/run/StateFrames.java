package org.a2imd.run;

import org.a2imd.core.AtomState;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.io.ExtXyzFrame;

/** Turns the current state into an extended-XYZ frame (positions wrapped into the cell). */
public final class StateFrames {
    private StateFrames() {
    }

    /** Which optional per-atom columns a frame carries. */
    public record Columns(boolean velocities, boolean forces, boolean energies) {
    }

    /**
     * A frame of the state with the evaluator's energy and virial (and stress) in the header. Per-atom
     * energies are included only when requested and computed.
     */
    public static ExtXyzFrame of(AtomState s, ForceEvaluator f, Columns columns) {
        String[] species = new String[s.n];
        for (int i = 0; i < s.n; i++) {
            species[i] = s.species.name(s.type[i]);
        }
        double[] pos = s.pos.clone();
        s.box().wrap(pos, null, s.n);
        ExtXyzFrame frame = new ExtXyzFrame(s.box(), species, pos);
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
        frame.setEnergy(f.energy());
        frame.setVirial(f.virial().clone());
        frame.info.put("units", s.units.id);
        return frame;
    }
}

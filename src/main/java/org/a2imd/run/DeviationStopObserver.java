package org.a2imd.run;

import java.util.Locale;
import org.a2imd.core.AtomState;
import org.a2imd.nnp.CommitteeForceField;
import org.a2imd.nnp.ModelDeviation;

/**
 * Stops the run when the committee's largest force deviation exceeds a bound: the models disagree so
 * much that the trajectory is no longer trustworthy. Checked at every step (the deviation comes with
 * each force evaluation), and handled like a blow-up: exit status 3, the last good checkpoint kept.
 * Add it after the output observers, so that the files show the offending step.
 */
public final class DeviationStopObserver implements Observer {
    private final double above;
    private ModelDeviation deviation;

    public DeviationStopObserver(double above) {
        this.above = above;
    }

    @Override
    public void start(Simulation sim) {
        CommitteeForceField c = CommitteeForceField.in(sim.forces().field());
        if (c == null) {
            throw new IllegalStateException("deviation_stop needs a committee force field");
        }
        deviation = c.deviation();
    }

    @Override
    public void observe(Simulation sim) {
        double max = deviation.maxForce();
        if (max > above || Double.isNaN(max)) {
            int atom = deviation.atomOfMax();
            AtomState s = sim.state();
            String species = atom >= 0 ? s.species.name(s.type[atom]) : "?";
            var u = s.units;
            throw SimulationFailure.stopped(sim.step(), atom, String.format(Locale.ROOT,
                    "model deviation too large at step %d: max_devi_f %.6g %s/%s on atom %d (%s) exceeds "
                            + "deviation_stop above %.6g; the committee disagrees here, so the trajectory is not "
                            + "trustworthy (label frames like this one and retrain, or raise the bound)",
                    sim.step(), max, u.energy, u.length, atom + 1, species, above));
        }
    }
}

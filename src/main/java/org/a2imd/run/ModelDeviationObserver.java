package org.a2imd.run;

import java.io.IOException;
import java.util.Locale;
import org.a2imd.nnp.CommitteeForceField;
import org.a2imd.nnp.ModelDeviation;

/**
 * The committee's model deviation every N steps (and at the start) as whitespace columns under a '#'
 * header, like DeePMD-kit's model_devi.out: step, devi_e, devi_f_max, devi_f_min, devi_f_mean and the
 * 1-based atom of the largest force deviation. Active-learning loops read it to sort frames.
 */
public final class ModelDeviationObserver implements Observer, WritesFile {
    /** Column names of the header line, in order. */
    public static final String COLUMNS = "step devi_e devi_f_max devi_f_min devi_f_mean atom_of_max";
    private static final String ROW_FORMAT = "%12d %14.6e %14.6e %14.6e %14.6e %10d\n";

    private final OutputFile file;
    private final long every;
    private final boolean resumed;
    private ModelDeviation deviation;

    /** resumed: the file already has its header (a restart appends to it). */
    public ModelDeviationObserver(OutputFile file, long every, boolean resumed) {
        if (every < 1) {
            throw new IllegalArgumentException("model_deviation interval must be at least 1");
        }
        this.file = file;
        this.every = every;
        this.resumed = resumed;
    }

    @Override
    public OutputFile outputFile() {
        return file;
    }

    @Override
    public void start(Simulation sim) throws IOException {
        CommitteeForceField c = CommitteeForceField.in(sim.forces().field());
        if (c == null) {
            throw new IllegalStateException("model_deviation needs a committee force field");
        }
        deviation = c.deviation();
        if (!resumed) {
            var u = sim.state().units;
            file.record().write("# a2imd model deviation of a committee of " + c.size() + " models, "
                    + sim.state().n + " atoms; devi_f in " + u.energy + "/" + u.length + ", devi_e in " + u.energy
                    + "/atom\n");
            file.record().write("# " + COLUMNS + "\n");
            file.commit();
        }
    }

    @Override
    public void observe(Simulation sim) throws IOException {
        if (sim.step() % every != 0) {
            return;
        }
        ModelDeviation d = deviation;
        file.record().write(String.format(Locale.ROOT, ROW_FORMAT, sim.step(), d.energy(), d.maxForce(),
                d.minForce(), d.meanForce(), d.atomOfMax() + 1));
        file.commit();
    }

    @Override
    public void finish(Simulation sim) throws IOException {
        file.commit();
        file.sync();
    }
}

package org.a2imd.run;

import java.io.IOException;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzWriter;
import org.a2imd.nnp.CommitteeForceField;
import org.a2imd.nnp.ModelDeviation;

/**
 * Every N steps, appends the configuration (species, wrapped positions, cell; step, time and
 * max_devi_f in the header) to an extended-XYZ file when the committee's largest force deviation lies
 * in the selection window lo <= max_devi_f < hi: frames worth labelling in an active-learning loop.
 * No energies or forces are written: the committee's would only be mistaken for labels.
 */
public final class CandidatesObserver implements Observer, WritesFile {
    private final OutputFile file;
    private final double lo;
    private final double hi;
    private final long every;
    private final ExtXyzWriter writer;
    private ModelDeviation deviation;
    private long written;

    public CandidatesObserver(OutputFile file, double lo, double hi, long every) {
        if (every < 1) {
            throw new IllegalArgumentException("candidates interval must be at least 1");
        }
        if (!(lo < hi)) {
            throw new IllegalArgumentException("candidate window needs lo < hi, got " + lo + ", " + hi);
        }
        this.file = file;
        this.lo = lo;
        this.hi = hi;
        this.every = every;
        this.writer = new ExtXyzWriter(file.record());
    }

    @Override
    public OutputFile outputFile() {
        return file;
    }

    /** Frames written by this run (not counting those of the run a restart continues). */
    public long written() {
        return written;
    }

    @Override
    public void start(Simulation sim) {
        CommitteeForceField c = CommitteeForceField.in(sim.forces().field());
        if (c == null) {
            throw new IllegalStateException("candidates needs a committee force field");
        }
        deviation = c.deviation();
    }

    @Override
    public void observe(Simulation sim) throws IOException {
        if (sim.step() % every != 0) {
            return;
        }
        double max = deviation.maxForce();
        if (!(lo <= max && max < hi)) {
            return;
        }
        ExtXyzFrame frame = StateFrames.structure(sim.state());
        frame.info.put("step", Long.toString(sim.step()));
        frame.info.put("time", Double.toString(sim.time()));
        frame.info.put("max_devi_f", Double.toString(max));
        frame.info.put("units", sim.state().units.id);
        writer.write(frame);
        file.commit();
        written++;
    }

    @Override
    public void finish(Simulation sim) throws IOException {
        file.commit();
        file.sync();
    }
}

package org.a2imd.run;

import java.io.IOException;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzWriter;

/**
 * Writes an extended-XYZ frame every N steps (and the starting configuration): positions wrapped into the
 * cell, optional velocities, forces and per-atom energies; energy, virial, stress, step and time in the
 * header. Each frame reaches the file in one write.
 */
public final class TrajectoryObserver implements Observer, WritesFile {
    private final OutputFile file;
    private final long every;
    private final StateFrames.Columns columns;
    private final ExtXyzWriter writer;

    public TrajectoryObserver(OutputFile file, long every, StateFrames.Columns columns) {
        if (every < 1) {
            throw new IllegalArgumentException("trajectory interval must be at least 1");
        }
        this.file = file;
        this.every = every;
        this.columns = columns;
        this.writer = new ExtXyzWriter(file.record());
    }

    @Override
    public OutputFile outputFile() {
        return file;
    }

    @Override
    public boolean wantsAtomEnergies(long step) {
        return columns.energies() && step % every == 0;
    }

    @Override
    public boolean wantsEnergy(Simulation sim, long step) {
        return step % every == 0;
    }

    @Override
    public void observe(Simulation sim) throws IOException {
        if (sim.step() % every != 0) {
            return;
        }
        ExtXyzFrame frame = StateFrames.of(sim.state(), sim.forces(), columns);
        frame.info.put("step", Long.toString(sim.step()));
        frame.info.put("time", Double.toString(sim.time()));
        writer.write(frame);
        file.commit();
    }

    @Override
    public void finish(Simulation sim) throws IOException {
        file.commit();
        file.sync();
    }
}

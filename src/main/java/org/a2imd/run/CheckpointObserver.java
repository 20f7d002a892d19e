package org.a2imd.run;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a checkpoint every N steps and at the end of the run (also after an interruption). */
public final class CheckpointObserver implements Observer {
    private final Path path;
    private final long every;
    private long lastWritten = -1;
    private final RunRecord record;

    public CheckpointObserver(Path path, long every) {
        this(path, every, new RunRecord(null, java.util.List.of()));
    }

    public CheckpointObserver(Path path, long every, RunRecord record) {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoint interval must be at least 1");
        }
        this.path = path;
        this.every = every;
        this.record = record;
    }

    public Path path() {
        return path;
    }

    @Override
    public void observe(Simulation sim) throws IOException {
        if (sim.step() % every == 0 && sim.step() != lastWritten) {
            write(sim);
        }
    }

    @Override
    public void finish(Simulation sim) throws IOException {
        if (!sim.failed() && sim.step() != lastWritten) {
            write(sim);
        }
    }

    private void write(Simulation sim) throws IOException {
        Checkpoint.write(path, sim, record);
        lastWritten = sim.step();
    }
}

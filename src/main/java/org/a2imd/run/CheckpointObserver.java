package org.a2imd.run;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a checkpoint every N steps and at the end of the run (also after an interruption). */
public final class CheckpointObserver implements Observer {
    private final Path path;
    private final long every;
    private long lastWritten = -1;

    public CheckpointObserver(Path path, long every) {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoint interval must be at least 1");
        }
        this.path = path;
        this.every = every;
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
        Checkpoint.write(path, sim);
        lastWritten = sim.step();
    }
}

package org.a2imd.run;

import java.io.IOException;
import java.nio.file.Path;
import org.a2imd.io.ExtXyzWriter;

/**
 * Writes the final configuration (positions, velocities, forces) as extended XYZ when the run ends,
 * also after an interruption, but not after a blow-up. A deck can read it back with read_extxyz.
 */
public final class FinalConfigurationObserver implements Observer {
    private final Path path;

    public FinalConfigurationObserver(Path path) {
        this.path = path;
    }

    @Override
    public void observe(Simulation sim) {
    }

    @Override
    public void finish(Simulation sim) throws IOException {
        if (sim.failed()) {
            return;
        }
        var frame = StateFrames.of(sim.state(), sim.forces(), new StateFrames.Columns(true, true, false));
        frame.info.put("step", Long.toString(sim.step()));
        frame.info.put("time", Double.toString(sim.time()));
        java.io.StringWriter text = new java.io.StringWriter();
        new ExtXyzWriter(text).write(frame);
        Checkpoint.writeAtomically(path, text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

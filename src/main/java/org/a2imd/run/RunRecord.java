package org.a2imd.run;

import java.nio.file.Path;
import java.util.List;

/**
 * What a checkpoint records about its run besides the state: the deck's folder, against which output
 * files are named (so a run folder moved or copied as a whole still matches), and the deck's physics as
 * "key value" lines (timestep, integrator, force field and its files' hashes, skin, output intervals),
 * so that a restart with a changed deck is refused instead of silently continuing another run.
 */
public record RunRecord(Path baseDir, List<String> physics) {
    public RunRecord {
        baseDir = baseDir == null ? null : baseDir.toAbsolutePath().normalize();
        physics = List.copyOf(physics);
    }

    /** The name a checkpoint stores for an output file: relative to the deck's folder when inside it. */
    public String nameOf(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (baseDir != null && abs.startsWith(baseDir)) {
            return baseDir.relativize(abs).toString().replace('\\', '/');
        }
        return abs.toString();
    }
}

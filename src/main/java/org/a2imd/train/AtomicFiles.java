package org.a2imd.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Whole-file writes that never leave a torn file: temporary file, flushed to disk, then renamed. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path path, String text) throws IOException {
        write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path path, byte[] bytes) throws IOException {
        // One implementation for every atomic write: names the file and reason on failure, removes the .tmp.
        org.a2imd.core.AtomicFile.write(path, bytes);
    }
}

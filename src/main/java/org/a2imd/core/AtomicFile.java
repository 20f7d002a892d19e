package org.a2imd.core;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Whole-file writes that never leave a torn file (checkpoints, final frames, models, training state). */
public final class AtomicFile {
    private AtomicFile() {
    }

    /**
     * Writes a temporary file beside {@code path}, then renames it: a crash never leaves a torn file, and a
     * failed write (disk full, permission) leaves no temporary file behind and names the file and reason.
     */
    public static void write(Path path, byte[] content) throws IOException {
        Path abs = path.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        try {
            if (Files.isDirectory(abs)) {
                throw new IOException("cannot write " + path + ": it is a directory");
            }
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                var buf = java.nio.ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            FileProblems.deleteQuietly(tmp);
            throw e.getMessage() != null && e.getMessage().startsWith("cannot write ") ? e
                    : FileProblems.writing(path, e);
        }
    }

}

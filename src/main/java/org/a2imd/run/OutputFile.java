package org.a2imd.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A text output file written in whole records (a thermo line, a trajectory frame): each record reaches
 * the file in one write, so an interrupted run never leaves half a frame. Knows its length, which
 * checkpoints record, so that a restart can cut the file back to the checkpoint and append from there.
 */
public final class OutputFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final StringBuilder record = new StringBuilder(1 << 16);
    private final Writer recordWriter = new Writer() {
        @Override
        public void write(char[] cbuf, int off, int len) {
            record.append(cbuf, off, len);
        }

        @Override
        public void write(String str) {
            record.append(str);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** SHA-256 of everything the file holds, kept up to date by {@link #commit}; checkpoints record it. */
    private final java.security.MessageDigest digest = ContentHash.newDigest();

    private OutputFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** A new, empty file (an existing one is replaced). */
    public static OutputFile create(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException("cannot write " + path + ": it is a directory");
        }
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new OutputFile(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING));
        } catch (IOException e) {
            throw org.a2imd.core.FileProblems.writing(path, e);
        }
    }

    /** An existing file cut back to {@code length} bytes, written on from there (restarts). */
    public static OutputFile resume(Path path, long length) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("output file " + path + " of the interrupted run is missing; cannot append to it");
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (ch.size() < length) {
            ch.close();
            throw new IOException("output file " + path + " is shorter than when the checkpoint was written");
        }
        ch.truncate(length);
        OutputFile f = new OutputFile(path, ch);
        ContentHash.update(f.digest, ch, length);
        ch.position(length);
        return f;
    }

    public Path path() {
        return path;
    }

    /** A writer that collects the current record; {@link #commit()} writes it out. */
    public Writer record() {
        return recordWriter;
    }

    /** Writes the collected record to the file in one piece. */
    public void commit() throws IOException {
        if (record.length() == 0) {
            return;
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(record));
        digest.update(bytes.duplicate());
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw org.a2imd.core.FileProblems.writing(path, e);
        }
        record.setLength(0);
    }

    /** Bytes written so far. */
    public long length() throws IOException {
        return channel.position();
    }

    /** SHA-256 of the file's content so far (committed records). */
    public byte[] contentHash() {
        try {
            return ((java.security.MessageDigest) digest.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable in every JDK", e);
        }
    }

    /** Forces the data to disk (at checkpoints). */
    public void sync() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        commit();
        channel.close();
    }
}

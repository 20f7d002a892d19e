package org.a2imd.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of file contents (output files up to a checkpoint, potential files of a deck). */
public final class ContentHash {
    private ContentHash() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Feeds the first {@code length} bytes of a channel to a digest (reads from position 0). */
    static void update(MessageDigest d, FileChannel ch, long length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long pos = 0;
        while (pos < length) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), length - pos));
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file while hashing");
            }
            buf.flip();
            d.update(buf);
            pos += n;
        }
    }

    /** SHA-256 of the first {@code length} bytes of a file. */
    public static byte[] ofPrefix(Path p, long length) throws IOException {
        MessageDigest d = newDigest();
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            update(d, ch, length);
        }
        return d.digest();
    }

    /** Hex SHA-256 of a whole file. */
    public static String hexOf(Path p) throws IOException {
        return HexFormat.of().formatHex(ofPrefix(p, java.nio.file.Files.size(p)));
    }
}

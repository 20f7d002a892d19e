package org.a2imd.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Messages for files that cannot be read or written, so that every error names the file and the reason
 * (Java's own messages are often the bare path, or the reason without the path).
 *
 * <p>The exit-status rule (README): an input that is missing, a folder or unreadable is bad input (2),
 * like any other mistake in what the user gave; a failure to write an output (disk full, permission,
 * a parent that is a file) or a read failing half way is an I/O error (1).
 */
public final class FileProblems {
    private FileProblems() {
    }

    /** Why {@code p} cannot be read as a file ("not found", "is a directory", ...), or null when it can. */
    public static String unreadable(Path p) {
        if (!Files.exists(p)) {
            Path parent = p.toAbsolutePath().getParent();
            if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
                return "not found (" + parent + " is a file, not a folder)";
            }
            return "not found";
        }
        if (Files.isDirectory(p)) {
            return "is a directory, not a file";
        }
        if (!Files.isReadable(p)) {
            return "cannot be read (permission denied)";
        }
        return null;
    }

    /** Refuses an input file that cannot be read, as bad input naming it and the reason. */
    public static void requireReadable(Path p, String what) {
        String why = unreadable(p);
        if (why != null) {
            throw new InputException(p.toString(), 0, what + " " + why);
        }
    }

    /** The reason of an I/O failure in words, without the path. */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way (a folder was expected)";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return lower(f.getReason());
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : lower(m);
    }

    /** An I/O error of writing {@code p}, naming the file (and a parent in the way) and the reason. */
    public static IOException writing(Path p, IOException e) {
        String where = p.toString();
        for (Path a = p.toAbsolutePath().getParent(); a != null; a = a.getParent()) {
            if (Files.exists(a) && !Files.isDirectory(a)) {
                return new IOException("cannot write " + where + ": " + a + " is a file, not a folder", e);
            }
        }
        if (e instanceof FileSystemException f && f.getFile() != null && !Path.of(f.getFile()).equals(p)) {
            if (e instanceof FileAlreadyExistsException) {
                return new IOException("cannot write " + where + ": " + f.getFile() + " is a file, not a folder", e);
            }
            return new IOException("cannot write " + where + ": " + f.getFile() + ": " + reason(e), e);
        }
        Path parent = p.toAbsolutePath().getParent();
        if (e instanceof NoSuchFileException && parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            return new IOException("cannot write " + where + ": " + parent + " is a file, not a folder", e);
        }
        if (e instanceof FileSystemException && Files.isDirectory(p)) {
            return new IOException("cannot write " + where + ": it is a directory", e);
        }
        return new IOException("cannot write " + where + ": " + reason(e), e);
    }

    /**
     * A text file that is not UTF-8, refused at the line and column of its first bad byte (Java's decoder
     * says only "Input length = 1"); {@code expected} says what the file should be.
     */
    public static InputException notUtf8(Path p, String expected) {
        byte[] b;
        try {
            b = Files.readAllBytes(p);
        } catch (IOException e) {
            return new InputException(p.toString(), 0, "not UTF-8 text: " + expected + " was expected");
        }
        java.nio.charset.CharsetDecoder d = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(b.length + 1);
        java.nio.charset.CoderResult r = d.decode(in, out, true);
        int bad = r.isError() ? in.position() : b.length;
        int line = 1;
        int column = 1;
        for (int k = 0; k < out.position(); k++) {
            if (out.get(k) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new InputException(p.toString(), line, column, String.format("byte 0x%02x (offset %d) is not UTF-8 text: "
                + "%s was expected (a binary or wrongly encoded file?)", bad < b.length ? b[bad] & 0xff : 0, bad, expected));
    }

    /** Deletes a temporary file after a failure, quietly: the failure is what must be reported. */
    public static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException | RuntimeException ignored) {
            // Nothing more can be done; the original error follows.
        }
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}

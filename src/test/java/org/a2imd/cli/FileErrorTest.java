package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit-status rule of the README: an input that is missing, a folder or unreadable is bad input (2);
 * an output that cannot be written (disk full, parent that is a file) is an I/O error (1). Every message
 * names the file and the reason; no temporary file is left behind.
 */
class FileErrorTest {
    @TempDir
    Path dir;

    static final String EVAL_DECK = "units lj\nspecies Ar mass 1.0\npotential lj cutoff 2.5\npair_coeff Ar Ar epsilon 1 sigma 1\n";
    static final String XYZ = "inputs/lj-liquid-256-T1.2.extxyz";

    private Path deck(String text) throws IOException {
        Path d = dir.resolve("e.in");
        Files.writeString(d, text);
        return d;
    }

    private static void assertError(Cli.Result r, int code, String... words) {
        assertEquals(code, r.code(), r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "message should say '" + w + "': " + r.err());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void unreadableInputsAreBadInput() throws IOException {
        Path d = deck(EVAL_DECK);
        Path missing = dir.resolve("none.extxyz");
        Path out = dir.resolve("o.extxyz");
        assertError(Cli.run("eval", d.toString(), missing.toString(), out.toString()), 2, missing.toString(), "not found");
        assertError(Cli.run("eval", d.toString(), dir.toString(), out.toString()), 2, dir.toString(), "is a directory");
        assertError(Cli.run("eval", dir.resolve("no.in").toString(), XYZ, out.toString()), 2, "no.in", "not found");
        assertError(Cli.run("run", dir.toString()), 2, dir.toString(), "is a directory");
        Files.createDirectories(dir.resolve("sub"));
        Path a2i = dir.resolve("a2i.in");
        Files.writeString(a2i, EVAL_DECK.replace("potential lj cutoff 2.5\npair_coeff Ar Ar epsilon 1 sigma 1",
                "potential a2i file sub"));
        assertError(Cli.run("eval", a2i.toString(), XYZ, out.toString()), 2, "sub");
        assertError(Cli.run("eval", d.toString(), XYZ, out.toString()), 0);
        Path run = dir.resolve("r.in");
        Files.writeString(run, BadInputTest.GOOD);
        assertError(Cli.run("run", "--no-progress", run.toString(), "--restart", dir.resolve("x.chk").toString()), 2,
                "x.chk", "not found");
        assertError(Cli.run("run", "--no-progress", run.toString(), "--restart", dir.toString()), 2, "is a directory");
    }

    @Test
    void evalNeverOverwritesItsInputOrADirectory() throws IOException {
        Path d = deck(EVAL_DECK);
        Path in = dir.resolve("in.extxyz");
        Files.copy(Path.of(XYZ), in);
        byte[] before = Files.readAllBytes(in);
        assertError(Cli.run("eval", d.toString(), in.toString(), in.toString()), 2, "input");
        assertError(Cli.run("eval", d.toString(), in.toString(), dir.resolve(".").resolve("in.extxyz").toString()), 2,
                "input");
        assertEquals(before.length, Files.readAllBytes(in).length);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertError(Cli.run("eval", d.toString(), in.toString(), empty.toString()), 2, "directory");
        assertTrue(Files.isDirectory(empty));
        assertError(Cli.run("eval", d.toString(), in.toString(), d.toString()), 2, "deck");
    }

    @Test
    void outputFailuresNameTheFileAndTheReason() throws IOException {
        Path d = deck(EVAL_DECK);
        Path blocker = dir.resolve("afile");
        Files.writeString(blocker, "x");
        Path out = blocker.resolve("o.extxyz");
        assertError(Cli.run("eval", d.toString(), XYZ, out.toString()), 1, out.toString(), "afile is a file, not a folder");

        // A run whose thermo file is on a full disk.
        Path run = dir.resolve("r.in");
        Files.writeString(run, BadInputTest.GOOD + "thermo every 1 file /dev/full\n");
        assertError(Cli.run("run", "--no-progress", run.toString()), 1, "/dev/full", "no space left");
        Files.writeString(run, BadInputTest.GOOD + "thermo every 1 file afile/t.dat\n");
        assertError(Cli.run("run", "--no-progress", run.toString()), 1, "afile is a file, not a folder");
        Files.writeString(run, BadInputTest.GOOD + "checkpoint file afile/r.chk every 2\n");
        assertError(Cli.run("run", "--no-progress", run.toString()), 1, "r.chk", "afile is a file, not a folder");
        Files.writeString(run, BadInputTest.GOOD + "write_final file afile/f.extxyz\n");
        assertError(Cli.run("run", "--no-progress", run.toString()), 1, "f.extxyz", "afile is a file, not a folder");
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(0, files.filter(p -> p.toString().endsWith(".tmp")).count(), "temporary files left behind");
        }
    }

    @Test
    void failedAtomicWritesLeaveNoTemporaryFile() throws IOException {
        Path run = dir.resolve("r.in");
        Files.createDirectories(dir.resolve("r.chk"));
        Files.writeString(run, BadInputTest.GOOD + "checkpoint file r.chk every 2\n");
        assertError(Cli.run("run", "--no-progress", run.toString()), 1, "r.chk", "directory");
        Files.delete(dir.resolve("r.chk"));
        Files.createDirectories(dir.resolve("f.extxyz"));
        Files.writeString(run, BadInputTest.GOOD + "write_final file f.extxyz\n");
        assertError(Cli.run("run", "--no-progress", run.toString()), 1, "f.extxyz", "directory");
        assertFalse(Files.exists(dir.resolve("r.chk.tmp")));
        assertFalse(Files.exists(dir.resolve("f.extxyz.tmp")));
    }

    @Test
    void runOutputsNeverReplaceInputs() throws IOException {
        Path xyz = dir.resolve("start.extxyz");
        Files.copy(Path.of(XYZ), xyz);
        long size = Files.size(xyz);
        String deck = BadInputTest.GOOD.replace("lattice fcc density 0.8442 replicate 4 4 4 species Ar", "read_extxyz start.extxyz");
        Path run = dir.resolve("r.in");
        for (String out : new String[] {"trajectory file start.extxyz every 1", "thermo every 1 file ./start.extxyz",
            "checkpoint file r.in every 1", "trajectory file r.in every 1"}) {
            Files.writeString(run, deck + out + "\n");
            Cli.Result r = Cli.run("run", "--no-progress", run.toString());
            assertError(r, 2, "r.in:10", "overwrite the input");
            assertEquals(size, Files.size(xyz));
        }
        Files.writeString(run, deck + "write_final file start.extxyz\n");
        assertError(Cli.run("run", "--no-progress", run.toString()), 2, "overwrite the input");
    }
}

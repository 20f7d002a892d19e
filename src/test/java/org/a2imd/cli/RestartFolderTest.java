package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart continues the run's output files only when they hold what the checkpoint recorded and the deck
 * has the same physics: a run folder moved or copied as a whole continues seamlessly; missing, truncated or
 * edited outputs and a changed deck are refused with what differs; --new-outputs starts new files.
 */
class RestartFolderTest {
    @TempDir
    Path dir;

    static String deck(long steps) {
        return RestartTest.deck("nve", steps, "out").replace("threads 2", "threads 1");
    }

    private Path orig;

    /** A run of 130 steps (checkpoint at 130) in its own folder, the deck beside its outputs. */
    @BeforeEach
    void firstPart() throws IOException {
        orig = Files.createDirectories(dir.resolve("orig"));
        Files.writeString(orig.resolve("run.in"), deck(130));
        assertEquals(0, Cli.run("run", "--no-progress", orig.resolve("run.in").toString()).code());
    }

    private static Cli.Result restart(Path folder, String... extra) throws IOException {
        Files.writeString(folder.resolve("run.in"), deck(300).replace("timestep 0.005", "timestep 0.005"));
        String[] args = Stream.concat(Stream.of("run", "--no-progress", folder.resolve("run.in").toString(), "--restart",
                folder.resolve("out/run.chk").toString()), Stream.of(extra)).toArray(String[]::new);
        return Cli.run(args);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    private static void assertRefused(Cli.Result r, String... words) {
        assertEquals(Main.EXIT_INPUT, r.code(), r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "message should say '" + w + "': " + r.err());
        }
        assertTrue(r.err().contains("--new-outputs"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void aCopiedFolderContinuesItsHistoryExactly() throws IOException {
        Path straight = Files.createDirectories(dir.resolve("straight"));
        Files.writeString(straight.resolve("run.in"), deck(300));
        assertEquals(0, Cli.run("run", "--no-progress", straight.resolve("run.in").toString()).code());
        Path copy = dir.resolve("elsewhere/copy");
        copyTree(orig, copy);
        Cli.Result r = restart(copy);
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(straight.resolve("out/thermo.txt")), Files.readString(copy.resolve("out/thermo.txt")));
        assertEquals(Files.readString(straight.resolve("out/traj.extxyz")), Files.readString(copy.resolve("out/traj.extxyz")));
        // A checkpoint written by the continued run is continued as well.
        Files.writeString(copy.resolve("run.in"), deck(400));
        assertEquals(0, Cli.run("run", "--no-progress", copy.resolve("run.in").toString(), "--restart",
                copy.resolve("out/run.chk").toString()).code());
    }

    @Test
    void missingTruncatedOrEditedOutputsAreRefused() throws IOException {
        // Only the checkpoint copied to a new folder: the history is not there.
        Path bare = Files.createDirectories(dir.resolve("bare/out"));
        Files.copy(orig.resolve("out/run.chk"), bare.resolve("run.chk"));
        assertRefused(restart(bare.getParent()), "out/thermo.txt: missing", "out/traj.extxyz: missing", "step 130");

        Path cut = dir.resolve("cut");
        copyTree(orig, cut);
        Path traj = cut.resolve("out/traj.extxyz");
        byte[] t = Files.readAllBytes(traj);
        Files.write(traj, java.util.Arrays.copyOf(t, t.length - 100));
        assertRefused(restart(cut), "out/traj.extxyz: truncated");

        Path edited = dir.resolve("edited");
        copyTree(orig, edited);
        Path thermo = edited.resolve("out/thermo.txt");
        String text = Files.readString(thermo);
        int k = text.lastIndexOf('.') + 1;
        char c = text.charAt(k);
        Files.writeString(thermo, text.substring(0, k) + (c == '1' ? '2' : '1') + text.substring(k + 1));
        assertRefused(restart(edited), "out/thermo.txt", "differ");
        // Nothing was cut or replaced by the refusals.
        assertEquals(t.length - 100, Files.size(traj));
    }

    @Test
    void aChangedDeckIsRefused() throws IOException {
        for (String[] change : new String[][] {{"timestep 0.005", "timestep 0.004", "timestep: 0.005"},
            {"cutoff 2.5", "cutoff 3.0", "force field"}, {"thermo every 10", "thermo every 20", "thermo every: 10"},
            {"every 20 velocities", "every 40 velocities", "trajectory out/traj.extxyz"},
            {"skin 0.3", "skin 0.4", "neighbor skin"}}) {
            Path f = dir.resolve("changed-" + change[0].replace(' ', '_'));
            copyTree(orig, f);
            Files.writeString(f.resolve("run.in"), deck(300).replace(change[0], change[1]));
            Cli.Result r = Cli.run("run", "--no-progress", f.resolve("run.in").toString(), "--restart",
                    f.resolve("out/run.chk").toString());
            assertRefused(r, change[2], "restore the deck");
        }
    }

    @Test
    void newOutputsStartFreshFilesFromTheCheckpoint() throws IOException {
        Path bare = Files.createDirectories(dir.resolve("bare/out"));
        Files.copy(orig.resolve("out/run.chk"), bare.resolve("run.chk"));
        Cli.Result r = restart(bare.getParent(), "--new-outputs");
        assertEquals(0, r.code(), r.err());
        List<String> thermo = Files.readAllLines(bare.resolve("thermo.txt"));
        assertTrue(thermo.get(0).startsWith("#"), "a new thermo file has its header: " + thermo.get(0));
        String firstRow = thermo.stream().filter(l -> l.trim().matches("\\d.*")).findFirst().orElseThrow();
        assertEquals("140", firstRow.trim().split("\\s+")[0], "first row after the checkpoint at 130");
        Cli.Result alone = Cli.run("run", "--no-progress", orig.resolve("run.in").toString(), "--new-outputs");
        assertEquals(2, alone.code(), "--new-outputs without --restart is refused: " + alone.err());
    }
}

package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzReader;
import org.a2imd.run.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A blowing-up run stops with step and atom named; a terminated run leaves a restartable checkpoint. */
class FailureAndSignalTest {
    @TempDir
    Path dir;

    @Test
    void blowUpNamesStepAndAtomAndKeepsLastGoodCheckpoint() throws IOException {
        Path deck = dir.resolve("boom.in");
        // A timestep 40 times too large: atoms collide within a few steps.
        Files.writeString(deck, RestartTest.deck("nve", 1000, "boom").replace("timestep 0.005", "timestep 0.2")
                .replace("checkpoint file boom/run.chk every 50", "checkpoint file boom/run.chk every 2"));
        Cli.Result r = Cli.run("run", "--no-progress", deck.toString());
        assertEquals(Main.EXIT_BLOWUP, r.code(), r.out() + r.err());
        Matcher m = Pattern.compile("blew up at step (\\d+) \\(atom (\\d+)\\)").matcher(r.err());
        assertTrue(m.find(), r.err());
        long failedAt = Long.parseLong(m.group(1));
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        Checkpoint chk = Checkpoint.read(dir.resolve("boom/run.chk"));
        assertTrue(chk.step() < failedAt && chk.step() >= failedAt - 2,
                "last good checkpoint at step " + chk.step() + ", failure at " + failedAt);
        // The trajectory up to the failure is intact (every frame complete).
        List<ExtXyzFrame> frames = ExtXyzReader.readAll(dir.resolve("boom/traj.extxyz"));
        assertFalse(frames.isEmpty());
    }

    @Test
    void sigtermWritesCheckpointAndRestartContinuesBitIdentically() throws Exception {
        Path deck = dir.resolve("long.in");
        Files.writeString(deck, RestartTest.deck("langevin temperature 1.2 damping 0.5 seed 3", 10_000_000, "k")
                .replace("every 50", "every 100000000"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--no-progress", deck.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("k.log").toFile()).start();
        Path thermo = dir.resolve("k/thermo.txt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && (!Files.exists(thermo) || Files.readAllLines(thermo).size() < 40)) {
            Thread.sleep(50);
        }
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "process ended after SIGTERM");
        String log = Files.readString(dir.resolve("k.log"));
        assertTrue(log.contains("interrupted at step"), log);
        Checkpoint chk = Checkpoint.read(dir.resolve("k/run.chk"));
        long stopped = chk.step();
        assertTrue(stopped > 0, "checkpoint at step " + stopped);
        // Every trajectory frame is whole, and the last is not past the checkpoint.
        List<ExtXyzFrame> frames = ExtXyzReader.readAll(dir.resolve("k/traj.extxyz"));
        assertTrue(Long.parseLong(frames.get(frames.size() - 1).info.get("step")) <= stopped);

        long end = stopped + 60;
        Path resume = dir.resolve("resume.in");
        Files.writeString(resume, Files.readString(deck).replace("run 10000000", "run " + end));
        Cli.Result r = Cli.run("run", "--no-progress", resume.toString(), "--restart", dir.resolve("k/run.chk").toString());
        assertEquals(0, r.code(), r.err());
        Path straight = dir.resolve("straight.in");
        Files.writeString(straight, Files.readString(resume).replace(" k/", " s/"));
        assertEquals(0, Cli.run("run", "--no-progress", straight.toString()).code());
        assertEquals(Files.readString(dir.resolve("s/traj.extxyz")), Files.readString(dir.resolve("k/traj.extxyz")));
        assertEquals(Files.readString(dir.resolve("s/thermo.txt")), Files.readString(dir.resolve("k/thermo.txt")));
        assertTrue(new File(dir.resolve("k/final.extxyz").toString()).exists());
    }
}

package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Run 2N steps straight, or N steps, stop, restart from the checkpoint and run N more: final positions
 * and velocities are identical to the bit, and so are the trajectory and thermo files.
 */
class RestartTest {
    @TempDir
    Path dir;

    static String deck(String integrator, long steps, String tag) {
        return String.join("\n",
                "units lj",
                "species Ar mass 1.0",
                "lattice fcc density 0.8442 replicate 4 4 4 species Ar",
                "velocity temperature 1.5 seed 4242",
                "potential lj cutoff 2.5 shift yes",
                "pair_coeff Ar Ar epsilon 1.0 sigma 1.0",
                "neighbor skin 0.3",
                "timestep 0.005",
                "integrator " + integrator,
                "threads 2",
                "thermo every 10 file " + tag + "/thermo.txt",
                "trajectory file " + tag + "/traj.extxyz every 20 velocities yes forces yes energies yes",
                "checkpoint file " + tag + "/run.chk every 50",
                "write_final file " + tag + "/final.extxyz",
                "run " + steps, "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nve", "langevin temperature 1.2 damping 0.5 seed 9", "csvr temperature 1.2 tau 0.2 seed 9"})
    void restartIsBitIdentical(String integrator) throws IOException {
        Path straight = dir.resolve("straight.in");
        Files.writeString(straight, deck(integrator, 300, "a"));
        assertEquals(0, Cli.run("run", "--no-progress", straight.toString()).code());

        // 130 steps (not a multiple of the checkpoint interval), then continue to 300.
        Path first = dir.resolve("first.in");
        Files.writeString(first, deck(integrator, 130, "b"));
        assertEquals(0, Cli.run("run", "--no-progress", first.toString()).code());
        Path second = dir.resolve("second.in");
        Files.writeString(second, deck(integrator, 300, "b"));
        Cli.Result r = Cli.run("run", "--no-progress", second.toString(), "--restart", dir.resolve("b/run.chk").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("continuing from"), r.out());

        ExtXyzFrame a = ExtXyzReader.readFirst(dir.resolve("a/final.extxyz"));
        ExtXyzFrame b = ExtXyzReader.readFirst(dir.resolve("b/final.extxyz"));
        assertEquals("300", b.info.get("step"));
        assertArrayEquals(a.pos, b.pos, "positions");
        assertArrayEquals(a.velocities, b.velocities, "velocities");
        assertArrayEquals(a.forces, b.forces, "forces");
        assertEquals(Files.readString(dir.resolve("a/traj.extxyz")), Files.readString(dir.resolve("b/traj.extxyz")));
        assertEquals(Files.readString(dir.resolve("a/thermo.txt")), Files.readString(dir.resolve("b/thermo.txt")));
        List<ExtXyzFrame> frames = ExtXyzReader.readAll(dir.resolve("b/traj.extxyz"));
        assertEquals(16, frames.size(), "frames at steps 0, 20, ..., 300");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nve"})
    void restartAfterCrashCutsOutputsBackToTheCheckpoint(String integrator) throws IOException {
        Path straight = dir.resolve("straight.in");
        Files.writeString(straight, deck(integrator, 200, "a"));
        assertEquals(0, Cli.run("run", "--no-progress", straight.toString()).code());

        // A run that wrote frames past its last checkpoint (step 100) and then died: simulate by
        // keeping the step-100 checkpoint of a longer run and its longer outputs.
        Path longer = dir.resolve("longer.in");
        Files.writeString(longer, deck(integrator, 100, "c"));
        assertEquals(0, Cli.run("run", "--no-progress", longer.toString()).code());
        Path chk = dir.resolve("c/run.chk");
        Path saved = dir.resolve("saved.chk");
        Files.copy(chk, saved);
        Files.writeString(longer, deck(integrator, 160, "c"));
        assertEquals(0, Cli.run("run", "--no-progress", longer.toString(), "--restart", saved.toString()).code());
        // Outputs now reach step 160; the saved checkpoint is at step 100.
        Path resume = dir.resolve("resume.in");
        Files.writeString(resume, deck(integrator, 200, "c"));
        assertEquals(0, Cli.run("run", "--no-progress", resume.toString(), "--restart", saved.toString()).code());
        assertEquals(Files.readString(dir.resolve("a/traj.extxyz")), Files.readString(dir.resolve("c/traj.extxyz")));
        assertEquals(Files.readString(dir.resolve("a/thermo.txt")), Files.readString(dir.resolve("c/thermo.txt")));
    }
}

package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.a2imd.run.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The energy watchdog stops runs whose conserved energy drifts (exit 3, drift and step named, last good
 * checkpoint kept) and leaves sound runs alone.
 */
class WatchdogTest {
    @TempDir
    Path dir;

    static String deck(String potential, double temperature, double dt, String integrator, int steps) {
        return String.join("\n",
                "units lj",
                "species Ar mass 1.0",
                "read_extxyz " + Path.of("inputs/lj-liquid-256-T1.2.extxyz").toAbsolutePath(),
                potential,
                "velocity temperature " + temperature + " seed 5",
                "timestep " + dt,
                "integrator " + integrator,
                "threads 1",
                "thermo every 10 file out/thermo.txt",
                "checkpoint file out/run.chk every 20",
                "run " + steps, "");
    }

    static final String A2I = "potential a2i file " + Path.of("potentials/a2i-lj.model").toAbsolutePath();
    static final String LJ = "potential lj cutoff 2.5 shift yes\npair_coeff Ar Ar epsilon 1 sigma 1";

    private Cli.Result run(String text) throws IOException {
        Path d = dir.resolve("w.in");
        Files.writeString(d, text);
        return Cli.run("run", "--no-progress", d.toString());
    }

    private static long stopStep(Cli.Result r) {
        String m = r.err().replaceAll("(?s).*energy watchdog at step (\\d+).*", "$1");
        return Long.parseLong(m);
    }

    @Test
    void aLearnedPotentialOffItsDataIsStopped() throws IOException {
        // a2i-lj was trained near T* = 1.2; at T* = 20 its energy is not conserved (LJ's is, below).
        Cli.Result r = run(deck(A2I, 20, 0.005, "nve", 400));
        assertEquals(Main.EXIT_BLOWUP, r.code(), r.err());
        assertTrue(r.err().contains("energy watchdog") && r.err().contains("k_B T per atom")
                && r.err().contains("learned potential"), r.err());
        long stop = stopStep(r);
        assertTrue(stop < 400, r.err());
        // The last good checkpoint is kept: written before the alarm, not overwritten at it.
        long chk = Checkpoint.read(dir.resolve("out/run.chk")).step();
        assertTrue(chk < stop && chk >= stop - 20, "checkpoint at " + chk + ", stop at " + stop);

        Cli.Result lj = run(deck(LJ, 20, 0.005, "nve", 400));
        assertEquals(0, lj.code(), lj.err());
    }

    @Test
    void tooLargeATimestepIsStopped() throws IOException {
        Cli.Result r = run(deck(LJ, 1.2, 0.03, "nve", 2000));
        assertEquals(Main.EXIT_BLOWUP, r.code(), r.err());
        assertTrue(r.err().contains("energy watchdog") && r.err().contains("timestep"), r.err());
    }

    @Test
    void thermostattedRunsAreWatchedOnTheirConservedQuantity() throws IOException {
        assertEquals(0, run(deck(LJ, 1.2, 0.005, "langevin temperature 1.2 damping 0.5 seed 3", 600)).code());
        assertEquals(0, run(deck(LJ, 1.2, 0.005, "csvr temperature 1.2 tau 0.2 seed 3", 600)).code());
        // At 4 times the usual timestep Langevin dynamics runs on, but its conserved quantity (energy minus
        // the heat exchanged) drifts steadily: 0.42 k_B T per atom after 2000 steps, past 0.5 at 2380.
        Cli.Result r = run(deck(LJ, 1.2, 0.02, "langevin temperature 1.2 damping 0.5 seed 3", 5000));
        assertEquals(Main.EXIT_BLOWUP, r.code(), r.err());
        assertTrue(r.err().contains("energy watchdog"), r.err());
        Cli.Result off = run(deck(LJ, 1.2, 0.02, "langevin temperature 1.2 damping 0.5 seed 3", 2500) + "watchdog off\n");
        assertEquals(0, off.code(), "with the watchdog off the same run goes on: " + off.err());
        // A tight limit set in the deck applies.
        Cli.Result tight = run(deck(LJ, 1.2, 0.005, "nve", 200) + "watchdog drift 1e-9 every 5\n");
        assertEquals(Main.EXIT_BLOWUP, tight.code(), tight.err());
        assertEquals(0, stopStep(tight) % 5);
    }

    @Test
    void badWatchdogLinesAreRefused() throws IOException {
        Cli.Result r = run(deck(LJ, 1.2, 0.005, "nve", 10) + "watchdog drift -1\n");
        assertEquals(Main.EXIT_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("w.in:13"), r.err());
    }
}

package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.a2imd.analysis.EnergySeries;
import org.a2imd.analysis.PowerLawFit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code a2imd bench drift} and {@code bench plot-sweep} end to end on a 256-atom LJ liquid. */
class BenchDriftCliTest {
    @TempDir
    Path dir;

    private EnergySeries sweepPoint(double dt, String... extra) throws Exception {
        Path f = dir.resolve("lj-" + dt + ".dat");
        String[] base = {"bench", "drift", "--system", "lj", "--atoms", "256", "--threads", "1", "--equilibrate", "300",
            "--dt", Double.toString(dt), "--time", "2", "--sample-interval", "0.02", "--series", f.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().startsWith("lj-nve atoms 256 "), r.out());
        return EnergySeries.read(f);
    }

    /**
     * Velocity Verlet conserves a shadow Hamiltonian that differs from H by O(dt^2): from the same
     * start over the same time, the RMS fluctuation of the total energy grows as dt^2.
     */
    @Test
    void fluctuationGrowsAsTimestepSquared() throws Exception {
        Path data = dir.resolve("lj.data");
        EnergySeries a = sweepPoint(0.001, "--write-data", data.toString());
        EnergySeries b = sweepPoint(0.002);
        EnergySeries c = sweepPoint(0.004);
        assertEquals(101, a.samples());
        assertEquals(101, c.samples());
        assertEquals(a.energy()[0], c.energy()[0], 1e-13, "every timestep starts from the same state");
        double[] dt = {0.001, 0.002, 0.004};
        double[] rms = {a.drift().rmsPerAtom(), b.drift().rmsPerAtom(), c.drift().rmsPerAtom()};
        double p = PowerLawFit.of(dt, rms).exponent();
        System.out.printf("bench drift, 256-atom LJ liquid, dt 0.001/0.002/0.004 over 2 tau: RMS %.3e %.3e %.3e, ~ dt^%.3f%n",
                rms[0], rms[1], rms[2], p);
        assertEquals(2.0, p, 0.25, "fitted exponent of RMS against dt");

        // The LAMMPS data file holds that start: its velocities give the series' first KE/N.
        List<String> lines = Files.readAllLines(data);
        assertTrue(lines.contains("256 atoms"), lines.get(2));
        int v = lines.indexOf("Velocities");
        double ke = 0;
        for (int i = v + 2; i < v + 2 + 256; i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            for (int k = 1; k <= 3; k++) {
                ke += 0.5 * Double.parseDouble(f[k]) * Double.parseDouble(f[k]);
            }
        }
        assertEquals(a.kinetic()[0], ke / 256, 1e-12);

        Path png = dir.resolve("png");
        Cli.Result r = Cli.run("bench", "plot-sweep", "--out", png.toString(), dir.resolve("lj-0.001.dat").toString(),
                dir.resolve("lj-0.002.dat").toString(), dir.resolve("lj-0.004.dat").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| lj | a2imd | 0.002 tau | 256 | 101 | "), r.out());
        assertTrue(r.out().contains("lj a2imd: RMS ~ dt^"), r.out());
        assertTrue(Files.size(png.resolve("lj-energy.png")) > 1000);
        assertTrue(Files.size(png.resolve("lj-fluctuation.png")) > 1000);
    }

    @Test
    void deckModeRunsAnNveDeckAndRefusesAThermostat() {
        Cli.Result r = Cli.run("bench", "drift", "--deck", "inputs/lj-nve-256.in", "--threads", "1", "--steps", "40",
                "--every", "10", "--dt", "0.004");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("lj-nve-256-nve atoms 256 dt 0.004"), r.out());
        Cli.Result bad = Cli.run("bench", "drift", "--deck", "inputs/lj-langevin.in", "--threads", "1", "--steps", "40");
        assertEquals(Main.EXIT_INPUT, bad.code(), bad.out());
        assertTrue(bad.err().contains("lj-langevin.in:") && bad.err().contains("needs an NVE deck"), bad.err());
    }
}

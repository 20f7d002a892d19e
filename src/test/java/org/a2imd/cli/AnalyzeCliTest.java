package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.a2imd.core.Box;
import org.a2imd.core.Rng;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code a2imd analyze} and {@code compare --trajectories} end to end on files the test writes. */
class AnalyzeCliTest {
    @TempDir
    Path dir;

    private Path deck(String name, String shift) throws Exception {
        Path p = dir.resolve(name);
        String stem = name.replace(".in", "");
        Files.writeString(p, String.join("\n",
                "units lj", "species Ar mass 1.0", "lattice fcc density 0.8442 replicate 3 3 3",
                "potential lj cutoff 2.5 shift " + shift, "pair_coeff Ar Ar epsilon 1.0 sigma 1.0",
                "velocity temperature 1.5 seed 3", "integrator nve", "timestep 0.005",
                "thermo every 10 file " + stem + ".thermo",
                "trajectory file " + stem + ".extxyz every 10 velocities yes", "run 200", ""));
        Cli.Result r = Cli.run("run", p.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        return p;
    }

    @Test
    void analyzesTheFilesOfARun() throws Exception {
        deck("lj.in", "yes");
        Path out = dir.resolve("an");
        Cli.Result r = Cli.run("analyze", dir.resolve("lj.extxyz").toString(), dir.resolve("lj.thermo").toString(),
                "--out", out.toString(), "--skip", "50");
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"rdf.csv", "rdf.png", "coordination.csv", "angles.csv", "angles.png", "msd.csv",
            "msd.png", "frames.csv", "frames-energy.png", "thermo.csv", "thermo-Temp.png", "thermo-PotEng.png",
            "thermo-Press.png", "summary.md", "summary.json"}) {
            assertTrue(Files.size(out.resolve(f)) > (f.endsWith(".png") ? 1000 : 40), f);
        }
        assertTrue(Files.readAllLines(out.resolve("rdf.csv")).get(0).startsWith("r [sigma],g total [1]"));
        assertTrue(Files.readAllLines(out.resolve("msd.csv")).get(0).startsWith("t [tau],MSD [sigma^2]"));
        // The thermo mean is the plain mean of the Temp column over the rows from step 50 on, read here.
        double sum = 0;
        int rows = 0;
        for (String line : Files.readAllLines(dir.resolve("lj.thermo"))) {
            String[] f = line.trim().split("\\s+");
            if (line.startsWith("#") || f[0].equals("Step") || Long.parseLong(f[0]) < 50) {
                continue;
            }
            sum += Double.parseDouble(f[2]);
            rows++;
        }
        assertEquals(16, rows); // steps 50, 60, ..., 200
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains(String.format(Locale.ROOT, "| Temp | %.5g |", sum / rows)), md);
        assertTrue(md.contains("(16 rows kept)") && md.contains("(16 frames kept, 108 atoms)"), md);
        // A dense LJ liquid (just melted from fcc) has 11-13.5 neighbours in its first shell.
        String json = Files.readString(out.resolve("summary.json"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"quantity\": \"all neighbours within r_cut = "
                + "[^\"]+\", \"value\": ([^,]+), \"std_error\": null, \"unit\": \"atoms\"").matcher(json);
        assertTrue(m.find(), json);
        double z = Double.parseDouble(m.group(1));
        assertTrue(z > 11 && z < 13.5, "coordination " + z);
        assertTrue(json.contains("\"quantity\": \"diffusion coefficient D\"") && json.contains("\"unit\": \"sigma^2/tau\""),
                json);
        // Frames every 0.05 tau from step 50: 16 frames, lags up to 8; the default fit is over lags 4..8.
        assertTrue(md.contains("| fit window start | 0.20000 |") && md.contains("| fit window end | 0.40000 |"), md);
        r = Cli.run("analyze", dir.resolve("lj.extxyz").toString(), "--out", out.toString(), "--msd-fit", "0.1", "0.3");
        assertEquals(0, r.code(), r.err());
        md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| fit window start | 0.10000 |") && md.contains("| fit window end | 0.30000 |"), md);
    }

    /**
     * Uniform random positions written as a trajectory: every bin of g(r) in rdf.csv is 1 within 5 of its
     * Poisson standard deviations 1/sqrt(expected pair count in the bin).
     */
    @Test
    void idealGasThroughATrajectoryFileIsOne() throws Exception {
        int n = 800;
        int frames = 4;
        double l = 10;
        Box box = Box.orthorhombic(l, l, l);
        Rng rng = new Rng(3);
        Path gas = dir.resolve("gas.extxyz");
        try (Writer w = Files.newBufferedWriter(gas)) {
            ExtXyzWriter xw = new ExtXyzWriter(w);
            for (int f = 0; f < frames; f++) {
                double[] pos = new double[3 * n];
                for (int k = 0; k < pos.length; k++) {
                    pos[k] = l * rng.nextDouble();
                }
                String[] species = new String[n];
                java.util.Arrays.fill(species, "X");
                ExtXyzFrame frame = new ExtXyzFrame(box, species, pos);
                frame.info.put("units", "lj");
                frame.info.put("time", Double.toString(f * 1.0));
                xw.write(frame);
            }
        }
        Path out = dir.resolve("gas");
        Cli.Result r = Cli.run("analyze", gas.toString(), "--out", out.toString(), "--rmax", "5", "--bins", "10");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("rdf.csv"));
        assertEquals(11, lines.size());
        double dr = 0.5;
        for (int k = 0; k < 10; k++) {
            double g = Double.parseDouble(lines.get(k + 1).split(",")[1]);
            double shell = 4.0 / 3.0 * Math.PI * (Math.pow((k + 1) * dr, 3) - Math.pow(k * dr, 3));
            double expectedPairs = frames * 0.5 * n * (n - 1.0) / (l * l * l) * shell;
            assertEquals(1.0, g, 5 / Math.sqrt(expectedPairs), "bin " + k);
        }
    }

    @Test
    void comparesTwoExistingTrajectories() throws Exception {
        deck("a.in", "yes");
        deck("b.in", "no");
        Path out = dir.resolve("cmp");
        Cli.Result r = Cli.run("compare", "--trajectories", dir.resolve("a.extxyz").toString(),
                dir.resolve("b.extxyz").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(out.resolve("report.md"));
        // The energy shift changes no force: the same trajectory, so identical RDF and MSD.
        assertTrue(md.contains("| Ar-Ar | 0.00% |"), md);
        assertTrue(md.matches("(?s).*\\| diffusion coefficient D \\[sigma\\^2/tau\\] \\| (\\S+) \\| \\1 \\| 0\\.0+ \\|.*"), md);
        assertTrue(md.contains("samples (interval 0.050000 tau) | 21 | 21"), md);
        for (String f : new String[] {"rdf.csv", "rdf.png", "msd.csv", "msd.png", "pe.csv", "pe.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        Cli.Result both = Cli.run("compare", dir.resolve("a.in").toString(), "--trajectories",
                dir.resolve("a.extxyz").toString(), dir.resolve("b.extxyz").toString(), "--out", out.toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("not both"), both.err());
    }

    @Test
    void badInputsNameTheFile() throws Exception {
        Path missing = dir.resolve("nothing.extxyz");
        Cli.Result r = Cli.run("analyze", missing.toString(), "--out", dir.resolve("o1").toString());
        assertEquals(Main.EXIT_INPUT, r.code());
        assertTrue(r.err().contains(missing + ": no such trajectory file"), r.err());

        Path notThermo = dir.resolve("notes.txt");
        Files.writeString(notThermo, "hello\n1 2 3\n");
        r = Cli.run("analyze", notThermo.toString(), "--out", dir.resolve("o2").toString());
        assertEquals(Main.EXIT_INPUT, r.code());
        assertTrue(r.err().contains(notThermo + ":1: not an a2imd thermo file"), r.err());

        Path ragged = dir.resolve("ragged.extxyz");
        List<String> lines = new ArrayList<>();
        String lattice = "Lattice=\"5 0 0 0 5 0 0 0 5\" Properties=species:S:1:pos:R:3 units=lj";
        lines.add("2");
        lines.add(lattice);
        lines.add("Ar 0 0 0");
        lines.add("Ar 1 1 1");
        lines.add("3");
        lines.add(lattice);
        lines.add("Ar 0 0 0");
        lines.add("Ar 1 1 1");
        lines.add("Ar 2 2 2");
        Files.write(ragged, lines);
        r = Cli.run("analyze", ragged.toString(), "--out", dir.resolve("o3").toString());
        assertEquals(Main.EXIT_INPUT, r.code());
        assertTrue(r.err().contains(ragged + ":5: this frame has 3 atoms, the first has 2"), r.err());

        r = Cli.run("analyze", dir.resolve("x.extxyz").toString(), dir.resolve("y.extxyz").toString(), "--out",
                dir.resolve("o4").toString());
        assertEquals(Main.EXIT_INPUT, r.code());
        assertTrue(r.err().contains("two trajectories"), r.err());
    }
}

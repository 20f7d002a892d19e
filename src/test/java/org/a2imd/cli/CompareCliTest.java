package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code a2imd compare} end to end on tiny LJ runs. */
class CompareCliTest {
    @TempDir
    Path dir;

    private Path deck(String name, String shift, String timestep) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n",
                "units lj", "species Ar mass 1.0", "lattice fcc density 0.8442 replicate 3 3 3",
                "potential lj cutoff 2.5 shift " + shift, "pair_coeff Ar Ar epsilon 1.0 sigma 1.0",
                "velocity temperature 1.5 seed 3", "integrator nve", "timestep " + timestep, "run 200", ""));
        return p;
    }

    /**
     * Shifting the LJ energy changes no force: the two runs are the same trajectory, so the RDF, MSD and
     * drift agree exactly while the mean potential energy differs by the shift.
     */
    @Test
    void shiftedAndUnshiftedLjHaveIdenticalStructureAndDynamics() throws Exception {
        Path out = dir.resolve("cmp");
        Cli.Result r = Cli.run("compare", deck("a.in", "yes", "0.005").toString(), deck("b.in", "no", "0.005").toString(),
                "--out", out.toString(), "--every", "5", "--no-progress");
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| Ar-Ar | 0.00% |"), md);
        assertTrue(md.contains("| diffusion coefficient D [sigma^2/tau] | "), md);
        assertTrue(md.matches("(?s).*\\| diffusion coefficient D \\[sigma\\^2/tau\\] \\| (\\S+) \\| \\1 \\| 0\\.0+ \\|.*"), md);
        // Every pair within the cutoff is lowered by 4 (2.5^-12 - 2.5^-6) = -0.0163 per pair: a negative offset.
        assertTrue(md.matches("(?s).*\\| mean potential energy per atom \\[epsilon\\] \\| \\S+ \\| \\S+ \\| -0\\.\\d+.*"), md);
        // The shift changes no force and no virial: the same mean pressure, with a block-average error.
        assertTrue(md.matches("(?s).*\\| mean pressure \\[[^]]+\\] \\| (\\S+) ± (\\S+) \\| \\1 ± \\2 \\| 0\\.0+ ± .*"), md);
        assertTrue(md.contains("10 block averages"), md);
        for (String png : new String[] {"rdf.png", "pe.png", "msd.png", "energy.png"}) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
            // The data behind each plot, units in the header.
            String csv = png.replace(".png", ".csv");
            assertTrue(Files.readAllLines(out.resolve(csv)).get(0).matches(".*\\[[^]]+\\].*"), csv);
        }
        assertTrue(Files.readAllLines(out.resolve("rdf.csv")).get(0)
                .equals("r [sigma],g Ar-Ar reference [1],g Ar-Ar model [1]"));
    }

    @Test
    void differentTimestepsAreAnInputError() throws Exception {
        Cli.Result r = Cli.run("compare", deck("a.in", "yes", "0.005").toString(), deck("b.in", "yes", "0.002").toString(),
                "--out", dir.resolve("x").toString(), "--no-progress");
        assertEquals(Main.EXIT_INPUT, r.code());
        assertTrue(r.err().contains("b.in:8") && r.err().contains("timestep differs"), r.err());
    }
}

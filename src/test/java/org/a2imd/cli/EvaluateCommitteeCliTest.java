package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.a2imd.core.Units;
import org.a2imd.nnp.A2IArchitecture;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.A2IModelFile;
import org.a2imd.train.TrainTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code a2imd evaluate M1 M2 ... DATA}: a committee's errors with its deviation, and bad committees. */
class EvaluateCommitteeCliTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void files() throws Exception {
        data = dir.resolve("lj.extxyz");
        TrainTestData.writeLj(data, 8, 23, 0.08, "Ar", true);
        model(Units.LJ, List.of("Ar"), 1, "m1");
        model(Units.LJ, List.of("Ar"), 2, "m2");
        model(Units.LJ, List.of("Ar"), 3, "m3");
        model(Units.LJ, List.of("Kr"), 4, "kr");
        model(Units.METAL, List.of("Ar"), 5, "metal");
    }

    static Path model(Units units, List<String> species, long seed, String name) throws Exception {
        A2IModel m = new A2IModel(new A2IArchitecture(species.size(), TrainTestData.CUTOFF, 6, 8, 2, 1, 8, 8, 8, 6, 8.0),
                units, species, 50.0);
        m.initialise(seed);
        m.setEnergyScale(20.0);
        Path f = dir.resolve(name + ".model");
        A2IModelFile.write(m, f);
        return f;
    }

    static String f(String name) {
        return dir.resolve(name + ".model").toString();
    }

    @Test
    void committeeWritesErrorsDeviationCsvAndScatter() throws Exception {
        Path out = dir.resolve("c");
        Cli.Result r = Cli.run("evaluate", f("m1"), f("m2"), f("m3"), data.toString(), "--also", f("m1"), "--out",
                out.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("A2I committee of 3") && r.out().contains("force component"), r.out());
        assertTrue(r.out().contains("per frame, max_devi_f vs max force error (8 frames): Spearman"), r.out());
        assertTrue(r.out().contains("(median max force error)"), r.out());
        String json = Files.readString(dir.resolve("c.json"));
        for (String key : List.of("\"committee_members\"", "\"deviation\"", "\"spearman_max_devi_f_vs_max_force_error\"",
                "\"flagged_fraction\"", "\"false_alarm_fraction\"", "\"per_frame_csv\": \"c-deviation.csv\"",
                "\"forces\"")) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        List<String> csv = Files.readAllLines(dir.resolve("c-deviation.csv"));
        assertEquals(9, csv.size());
        assertEquals("frame,atoms,max_devi_f,max_force_error,devi_e,energy_error_per_atom", csv.get(0));
        assertEquals(6, csv.get(8).split(",").length);
        byte[] png = Files.readAllBytes(dir.resolve("c-deviation.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
        // --also still evaluates a single model alongside; its JSON has no deviation.
        String also = Files.readString(dir.resolve("c.also-1.json"));
        assertTrue(also.contains("\"forces\"") && !also.contains("deviation"), also);

        Cli.Result single = Cli.run("evaluate", f("m1"), data.toString(), "--out", dir.resolve("s").toString(),
                "--threads", "1");
        assertEquals(0, single.code(), single.err());
        assertEquals(also.replace("c.also-1", "s"), Files.readString(dir.resolve("s.json")));
        assertFalse(Files.exists(dir.resolve("s-deviation.csv")));

        Cli.Result given = Cli.run("evaluate", f("m1"), f("m2"), data.toString(), "--error-threshold", "0.5",
                "--deviation-threshold", "0.25", "--threads", "1");
        assertEquals(0, given.code(), given.err());
        assertTrue(given.out().contains("error threshold 0.50000 epsilon/sigma (given), deviation threshold 0.25000 "
                + "epsilon/sigma (given)"), given.out());
    }

    @Test
    void badCommitteesNameTheFile() {
        Cli.Result species = Cli.run("evaluate", f("m1"), f("kr"), data.toString(), "--threads", "1");
        assertEquals(Main.EXIT_INPUT, species.code());
        assertTrue(species.err().contains(f("kr")) && species.err().contains("committee member 2 has species Kr"),
                species.err());
        Cli.Result units = Cli.run("evaluate", f("m1"), f("m2"), f("metal"), data.toString(), "--threads", "1");
        assertEquals(Main.EXIT_INPUT, units.code());
        assertTrue(units.err().contains(f("metal")) && units.err().contains("committee member 3 is in units 'metal'"),
                units.err());
        String missing = dir.resolve("nope.model").toString();
        Cli.Result gone = Cli.run("evaluate", f("m1"), missing, data.toString(), "--threads", "1");
        assertEquals(Main.EXIT_INPUT, gone.code());
        assertTrue(gone.err().contains(missing) && gone.err().contains("not found"), gone.err());
        Cli.Result lone = Cli.run("evaluate", f("m1"), data.toString(), "--error-threshold", "0.1");
        assertEquals(2, lone.code());
        assertTrue(lone.err().contains("need a committee"), lone.err());
    }
}

package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.a2imd.core.AtomState;
import org.a2imd.core.Species;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzReader;
import org.a2imd.nnp.A2IForceField;
import org.a2imd.nnp.A2IModel;
import org.a2imd.nnp.A2IModelFile;
import org.a2imd.train.TrainTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code a2imd train} and {@code a2imd evaluate} end to end, and the errors users see for bad decks and data. */
class TrainCliTest {
    @TempDir
    static Path dir;

    static final String DECK = """
            units lj
            species Ar mass 1.0
            data file lj.extxyz
            split validation 0.25 test 0.25 seed 3
            model cutoff 2.0 radial 6 width 8 heads 2 layers 1 ffn 8 hidden 8 8 seed 1
            loss energy 1 forces 1 atom_energies 0.1
            optimizer adam lr 0.01 schedule cosine epochs 2 batch 2 seed 4
            output model lj.a2i curve curve.csv checkpoint lj.chk
            threads 2
            """;

    @BeforeAll
    static void data() throws Exception {
        TrainTestData.writeLj(dir.resolve("lj.extxyz"), 12, 31, 0.06, "Ar");
    }

    @Test
    void trainThenEvaluateMatchesADirectComputation() throws Exception {
        Path deck = dir.resolve("train.in");
        Files.writeString(deck, DECK);
        Cli.Result r = Cli.run("train", deck.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("test frames"), r.out());
        byte[] model = Files.readAllBytes(dir.resolve("lj.a2i"));
        assertEquals(4, Files.readAllLines(dir.resolve("curve.csv")).size(), "header + epochs 0, 1, 2");
        Cli.Result again = Cli.run("train", deck.toString(), "--no-progress", "--resume");
        assertEquals(0, again.code(), again.err());
        assertArrayEquals(model, Files.readAllBytes(dir.resolve("lj.a2i")), "resuming a finished training changes nothing");

        Path data = dir.resolve("lj.extxyz");
        Cli.Result ev = Cli.run("evaluate", dir.resolve("lj.a2i").toString(), data.toString(), "--out",
                dir.resolve("report").toString(), "--threads", "1");
        assertEquals(0, ev.code(), ev.err());
        assertTrue(ev.out().contains("force component"), ev.out());
        String json = Files.readString(dir.resolve("report.json"));
        assertTrue(Files.readString(dir.resolve("report.txt")).contains("offset removed"));
        // The plots are PNG files (drawn headless).
        for (String png : List.of("curve.png", "report-forces.png", "report-energy.png", "report-atom_energies.png")) {
            byte[] b = Files.readAllBytes(dir.resolve(png));
            assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', png);
        }

        // A second model on the same data (--also): its errors follow, its JSON is separate, plots show both.
        Files.copy(dir.resolve("lj.a2i"), dir.resolve("twin.a2i"));
        Cli.Result both = Cli.run("evaluate", dir.resolve("lj.a2i").toString(), data.toString(), "--also",
                dir.resolve("twin.a2i").toString(), "--out", dir.resolve("both").toString(), "--threads", "1");
        assertEquals(0, both.code(), both.err());
        String bothText = Files.readString(dir.resolve("both.txt"));
        assertTrue(bothText.contains("lj.a2i on") && bothText.contains("twin.a2i on"), bothText);
        assertEquals(json.replace("lj.a2i", "twin.a2i"), Files.readString(dir.resolve("both.also-1.json")),
                "the same weights give the same errors");
        assertTrue(Files.size(dir.resolve("both-energy.png")) > 1000);

        // Direct computation through the engine's own path: ForceEvaluator with a skin and cell lists.
        A2IModel m = A2IModelFile.read(dir.resolve("lj.a2i"));
        SpeciesSet species = new SpeciesSet(List.of(new Species("Ar", 1.0)));
        List<ExtXyzFrame> frames = ExtXyzReader.readAll(data);
        double[] eErr = new double[frames.size()];
        double[] eRef = new double[frames.size()];
        double fSq = 0;
        double fAbs = 0;
        double fRef = 0;
        double fRefSq = 0;
        long comps = 0;
        double aSq = 0;
        long atoms = 0;
        try (WorkerPool pool = new WorkerPool(1)) {
            ForceEvaluator fe = new ForceEvaluator(new A2IForceField(m), 0.3, pool);
            for (int k = 0; k < frames.size(); k++) {
                ExtXyzFrame f = frames.get(k);
                AtomState s = new AtomState(Units.LJ, species, f.box, new int[f.size()], f.pos);
                fe.evaluateFreshList(s, true);
                eErr[k] = (fe.energy() - f.energy()) / f.size();
                eRef[k] = f.energy() / f.size();
                for (int c = 0; c < 3 * f.size(); c++) {
                    double d = s.force[c] - f.forces[c];
                    fSq += d * d;
                    fAbs += Math.abs(d);
                    fRef += f.forces[c];
                    fRefSq += f.forces[c] * f.forces[c];
                    comps++;
                }
                for (int i = 0; i < f.size(); i++) {
                    double d = fe.atomEnergies()[i] - f.energies[i];
                    aSq += d * d;
                    atoms++;
                }
            }
        }
        double eRmse = 0;
        double eMean = 0;
        double refMean = 0;
        for (int k = 0; k < eErr.length; k++) {
            eRmse += eErr[k] * eErr[k];
            eMean += eErr[k];
            refMean += eRef[k];
        }
        int nf = eErr.length;
        eRmse = Math.sqrt(eRmse / nf);
        eMean /= nf;
        refMean /= nf;
        double centred = 0;
        double eStd = 0;
        for (int k = 0; k < nf; k++) {
            centred += (eErr[k] - eMean) * (eErr[k] - eMean);
            eStd += (eRef[k] - refMean) * (eRef[k] - refMean);
        }
        centred = Math.sqrt(centred / nf);
        eStd = Math.sqrt(eStd / nf);
        double fStd = Math.sqrt(fRefSq / comps - Math.pow(fRef / comps, 2));
        close(eRmse, value(json, "energy_per_atom", "rmse"));
        close(eMean, value(json, "energy_per_atom", "mean_offset"));
        close(centred, value(json, "energy_per_atom", "rmse_offset_removed"));
        close(eRmse / eStd, value(json, "energy_per_atom", "rmse_ratio"));
        close(Math.sqrt(fSq / comps), value(json, "forces", "rmse"));
        close(fAbs / comps, value(json, "forces", "mae"));
        close(fStd, value(json, "forces", "std_reference"));
        close(Math.sqrt(aSq / atoms), value(json, "atom_energies", "rmse"));
        assertEquals(frames.size(), (int) value(json, null, "frames"));
    }

    private static void close(double expected, double actual) {
        assertEquals(expected, actual, 1e-9 * Math.abs(expected) + 1e-12);
    }

    /** A number of the report's JSON: key inside the object of section (or at the top level). */
    private static double value(String json, String section, String key) {
        String body = json;
        if (section != null) {
            Matcher s = Pattern.compile("\"" + section + "\": \\{([^}]*)\\}").matcher(json);
            assertTrue(s.find(), section + " in " + json);
            body = s.group(1);
        }
        Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE]+)").matcher(body);
        assertTrue(m.find(), key + " in " + body);
        return Double.parseDouble(m.group(1));
    }

    private static Cli.Result train(String name, String deck) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, deck);
        return Cli.run("train", p.toString(), "--no-progress");
    }

    private static void fails(Cli.Result r, String... parts) {
        assertEquals(Main.EXIT_INPUT, r.code(), r.err() + r.out());
        for (String s : parts) {
            assertTrue(r.err().contains(s), "expected \"" + s + "\" in: " + r.err());
        }
        assertTrue(!r.err().contains("Exception"), r.err());
    }

    @Test
    void missingForcesWithTheForceLossOn() throws Exception {
        Files.writeString(dir.resolve("noforces.extxyz"), """
                2
                Lattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1:pos:R:3 energy=-1.5 pbc="T T T"
                Ar 0 0 0
                Ar 1.1 0 0
                """);
        fails(train("nf.in", DECK.replace("data file lj.extxyz", "data file lj.extxyz\ndata file noforces.extxyz")),
                "noforces.extxyz:2:", "no forces column", "loss forces 0");
        // With the force loss off, the same data trains.
        String noForceLoss = DECK.replace("data file lj.extxyz", "data file noforces.extxyz role train\n"
                + "data file lj.extxyz").replace("forces 1 atom_energies 0.1", "forces 0").replace("epochs 2", "epochs 1")
                .replace("lj.a2i", "nf.a2i").replace("lj.chk", "nf.chk").replace("curve.csv", "nf.csv");
        Cli.Result ok = train("nf2.in", noForceLoss);
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void speciesAbsentFromTheModel() throws Exception {
        Files.writeString(dir.resolve("kr.extxyz"), """
                2
                Lattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1:pos:R:3:forces:R:3 energy=-1.5
                Ar 0 0 0 0 0 0
                Kr 1.1 0 0 0 0 0
                """);
        fails(train("kr.in", DECK.replace("data file lj.extxyz", "data file kr.extxyz role train\ndata file lj.extxyz")),
                "kr.extxyz:4:", "species \"Kr\" of atom 2 is not a species of the model", "Ar");
    }

    @Test
    void emptyDataAndBadDecks() throws Exception {
        Files.writeString(dir.resolve("empty.extxyz"), "\n");
        fails(train("empty.in", DECK.replace("lj.extxyz", "empty.extxyz")), "empty.extxyz:1:", "no frames");
        fails(train("run.in", DECK + "run 100\n"), "run.in:10:1:", "no meaning in a training deck");
        fails(train("noopt.in", DECK.replace("optimizer adam", "# optimizer adam")), "noopt.in", "no \"optimizer\"");
        fails(train("heads.in", DECK.replace("heads 2", "heads 3")), "heads.in:5:", "multiple of heads");
        fails(train("split.in", DECK.replace("split validation 0.25 test 0.25", "split validation 0.6 test 0.5")),
                "split.in:4:", "add up to");
        fails(train("twice.in", DECK.replace("data file lj.extxyz", "data file lj.extxyz\ndata file lj.extxyz role validation")),
                "twice.in:5:", "role validation");
        fails(train("sgd.in", DECK.replace("optimizer adam", "optimizer sgd")), "sgd.in:7:11:", "optimizer adam");
        fails(train("weights.in", DECK.replace("loss energy 1 forces 1 atom_energies 0.1",
                "loss energy 0 forces 0")), "weights.in:6:", "all loss weights are zero");
        fails(Cli.run("train", dir.resolve("nothing-here.in").toString()), "nothing-here.in");
        Path resume = dir.resolve("resume.in");
        Files.writeString(resume, DECK.replace("lj.chk", "never-written.chk"));
        fails(Cli.run("train", resume.toString(), "--resume", "--no-progress"), "never-written.chk",
                "nothing to resume");
    }

    /** Validation E/N and force RMSE (columns 9 and 10 of the learning curve) of an epoch. */
    private static double[] validationErrors(List<String> curve, int epoch) {
        String[] t = curve.get(1 + epoch).split(",");
        return new double[] {Double.parseDouble(t[8]), Double.parseDouble(t[9])};
    }

    /** The last epoch flagged best (its model is the one written). */
    private static int bestEpoch(List<String> curve) {
        int column = List.of(curve.get(0).split(",")).indexOf("best");
        int best = -1;
        for (int e = 0; e + 1 < curve.size(); e++) {
            if (curve.get(1 + e).split(",")[column].equals("1")) {
                best = e;
            }
        }
        return best;
    }

    @Test
    void initialModelContinuesFromTheTrainedWeights() throws Exception {
        Path start = dir.resolve("ft-start.a2i");
        String first = DECK.replace("lj.a2i", "ft-start.a2i").replace("lj.chk", "ft-start.chk")
                .replace("curve.csv", "ft-start.csv");
        assertEquals(0, train("ft-start.in", first).code());
        // Fine-tuning: no "model" line; other loss weights and learning rate.
        String second = DECK.replace("model cutoff 2.0 radial 6 width 8 heads 2 layers 1 ffn 8 hidden 8 8 seed 1",
                "initial_model file ft-start.a2i").replace("loss energy 1 forces 1", "loss energy 10 forces 1")
                .replace("lr 0.01", "lr 0.001").replace("lj.a2i", "ft.a2i").replace("lj.chk", "ft.chk")
                .replace("curve.csv", "ft.csv");
        Cli.Result r = train("ft.in", second);
        assertEquals(0, r.code(), r.err() + r.out());
        A2IModel a = A2IModelFile.read(start);
        A2IModel b = A2IModelFile.read(dir.resolve("ft.a2i"));
        assertEquals(a.architecture(), b.architecture());
        assertEquals(a.n0(), b.n0());
        assertArrayEquals(a.e0(), b.e0());
        assertTrue(!java.util.Arrays.equals(a.weights(), b.weights()), "fine-tuning changed no weight");
        assertEquals("ft-start.a2i", b.provenance().get("initial_model"));
        // Epoch 0 of the fine-tuning is the initial model: same validation errors as the best epoch of the first
        // training (same frames, same split), whatever the loss weights.
        List<String> startCurve = Files.readAllLines(dir.resolve("ft-start.csv"));
        assertTrue(startCurve.get(0).startsWith("epoch,step,lr,train_loss,val_loss,train_energy_rmse,train_force_rmse,"
                + "train_atom_energy_rmse,val_energy_rmse,val_force_rmse,"), startCurve.get(0));
        assertArrayEquals(validationErrors(startCurve, bestEpoch(startCurve)),
                validationErrors(Files.readAllLines(dir.resolve("ft.csv")), 0));

        fails(train("ft-both.in", second.replace("initial_model file ft-start.a2i", "initial_model file ft-start.a2i\n"
                + "model cutoff 2.0 seed 1")), "ft-both.in:6:", "either \"model\"", "line 5");
        fails(train("ft-units.in", second.replace("units lj", "units metal")), "ft-units.in:5:", "units 'lj'",
                "'metal'");
        fails(train("ft-species.in", second.replace("species Ar mass 1.0", "species Ar mass 1.0\nspecies Kr mass 2.0")),
                "ft-species.in:6:", "Kr", "does not know");
        fails(train("ft-missing.in", second.replace("ft-start.a2i", "no-such.a2i")), "no-such.a2i");
    }

    @Test
    void runDecksRejectTrainingCommands() throws Exception {
        Path p = dir.resolve("md.in");
        Files.writeString(p, """
                units lj
                species Ar mass 1.0
                lattice fcc density 0.8442 replicate 2 2 2
                potential lj cutoff 2.5
                pair_coeff Ar Ar epsilon 1 sigma 1
                timestep 0.005
                run 10
                optimizer adam epochs 5 seed 1
                """);
        Cli.Result r = Cli.run("run", p.toString(), "--no-progress");
        fails(r, "md.in:8:1:", "belongs in a training deck");
    }
}

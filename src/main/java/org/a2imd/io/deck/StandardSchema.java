package org.a2imd.io.deck;

import static org.a2imd.io.deck.ValueType.bool;
import static org.a2imd.io.deck.ValueType.inputFile;
import static org.a2imd.io.deck.ValueType.integer;
import static org.a2imd.io.deck.ValueType.list;
import static org.a2imd.io.deck.ValueType.longInteger;
import static org.a2imd.io.deck.ValueType.nonNegative;
import static org.a2imd.io.deck.ValueType.outputFile;
import static org.a2imd.io.deck.ValueType.pairs;
import static org.a2imd.io.deck.ValueType.positive;
import static org.a2imd.io.deck.ValueType.real;
import static org.a2imd.io.deck.ValueType.several;
import static org.a2imd.io.deck.ValueType.speciesName;
import static org.a2imd.io.deck.ValueType.word;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.a2imd.core.Units;

/** The commands of an a2imd deck. Each is documented, with examples, in docs/deck.md. */
final class StandardSchema {
    /** Tolerance on the sum of lattice composition fractions. */
    static final double COMPOSITION_TOLERANCE = 1e-9;

    static final Schema SCHEMA = build();

    private StandardSchema() {
    }

    private static Schema build() {
        Map<String, CommandSpec> c = new LinkedHashMap<>();
        add(c, CommandSpec.builder("units").signature(s -> s.arg("style", "unit style",
                word(List.of("lj", "metal"), Map.of("real", "a2imd supports lj and metal units")))));
        add(c, CommandSpec.builder("species").repeatable().signature(s -> s
                .arg("name", "name", ValueType.identifier())
                .required("mass", positive())));
        add(c, CommandSpec.builder("lattice").signature(s -> s
                .arg("style", "style", word("sc", "bcc", "fcc", "diamond"))
                .option("density", positive())
                .option("constant", positive())
                .required("replicate", list(integer(1), 3))
                .option("composition", pairs(speciesName(), nonNegative()))
                .option("seed", longInteger(0))
                .option("species", speciesName())
                .exactlyOne("density", "constant")
                .atMostOne("composition", "species")
                .allOrNone("composition", "seed")
                .check(StandardSchema::checkComposition)));
        add(c, CommandSpec.builder("read_extxyz").signature(s -> s
                .arg("file", "file", inputFile())
                .option("frame", integer(Integer.MIN_VALUE), -1)));
        add(c, CommandSpec.builder("potential").repeatable().variantLabel("style")
                .variant("lj", s -> s
                        .required("cutoff", positive())
                        .option("shift", bool(), false)
                        .option("tail", bool(), false)
                        .option("mixing", word(List.of("lorentz-berthelot", "geometric"),
                                Map.of("arithmetic", "the arithmetic rule is called lorentz-berthelot")),
                                "geometric"))
                .variant("coulomb", s -> s
                        .required("cutoff", positive())
                        .required("charges", pairs(speciesName(), real()))
                        .option("accuracy", positive())
                        .option("alpha", positive())
                        .option("kmax", positive())
                        .option("background", bool(), false)
                        .allOrNone("alpha", "kmax")
                        .atMostOne("accuracy", "alpha")
                        .check(StandardSchema::checkEwaldAccuracy))
                .variant("dispersion", s -> s
                        .required("cutoff", positive())
                        .required("c6", pairs(speciesName(), nonNegative()))
                        .option("accuracy", positive())
                        .option("alpha", positive())
                        .option("kmax", positive())
                        .allOrNone("alpha", "kmax")
                        .atMostOne("accuracy", "alpha")
                        .check(StandardSchema::checkEwaldAccuracy))
                .variant("sw", s -> s.required("file", inputFile()))
                .variant("a2i", s -> s.required("file", several(inputFile())))
                .variantHint("lj/cut", "write \"potential lj cutoff RC\"")
                .variantHint("coul/long", "write \"potential coulomb cutoff RC charges A qA B qB\"")
                .variantHint("ewald", "write \"potential coulomb cutoff RC charges A qA B qB\"")
                .build());
        add(c, CommandSpec.builder("pair_coeff").repeatable().signature(s -> s
                .arg("a", "first species", speciesName())
                .arg("b", "second species", speciesName())
                .required("epsilon", nonNegative())
                .required("sigma", positive())
                .option("cutoff", positive())));
        add(c, CommandSpec.builder("velocity").signature(s -> s
                .required("temperature", nonNegative())
                .required("seed", longInteger(0))));
        add(c, CommandSpec.builder("timestep").signature(s -> s.arg("dt", "time step", positive())));
        add(c, CommandSpec.builder("run").signature(s -> s.arg("steps", "number of steps", longInteger(0))));
        String thermostat = "for constant temperature use \"langevin\" or \"csvr\"";
        add(c, CommandSpec.builder("integrator")
                .variant("nve", s -> {
                })
                .variant("langevin", s -> s
                        .required("temperature", nonNegative())
                        .required("damping", positive())
                        .required("seed", longInteger(0)))
                .variant("csvr", s -> s
                        .required("temperature", nonNegative())
                        .required("tau", positive())
                        .required("seed", longInteger(0)))
                .variantHint("nvt", thermostat)
                .variantHint("nose-hoover", thermostat)
                .variantHint("berendsen", thermostat)
                .build());
        add(c, CommandSpec.builder("neighbor").signature(s -> s
                .option("skin", nonNegative(), Map.of(Units.LJ, 0.3, Units.METAL, 1.0))));
        add(c, CommandSpec.builder("threads").signature(s -> s.arg("n", "number of threads", integer(1))));
        add(c, CommandSpec.builder("thermo").signature(s -> s
                .required("every", integer(1))
                .option("file", outputFile())));
        add(c, CommandSpec.builder("trajectory").repeatable().signature(s -> s
                .required("file", outputFile())
                .required("every", integer(1))
                .option("velocities", bool(), false)
                .option("forces", bool(), false)
                .option("energies", bool(), false)
                .option("deviation", bool(), false)));
        add(c, CommandSpec.builder("model_deviation").signature(s -> s
                .required("file", outputFile())
                .required("every", integer(1))));
        add(c, CommandSpec.builder("candidates").signature(s -> s
                .required("file", outputFile())
                .required("lo", nonNegative())
                .required("hi", positive())
                .required("every", integer(1))
                .check(StandardSchema::checkCandidateWindow)));
        add(c, CommandSpec.builder("deviation_stop").signature(s -> s.required("above", positive())));
        add(c, CommandSpec.builder("watchdog")
                .variant("drift", s -> s
                        .arg("limit", "the limit (k_B T per atom)", positive())
                        .option("every", integer(1), org.a2imd.run.EnergyWatchdog.DEFAULT_EVERY))
                .variant("off", s -> {
                })
                .build());
        add(c, CommandSpec.builder("checkpoint").signature(s -> s
                .required("file", outputFile())
                .required("every", integer(1))));
        add(c, CommandSpec.builder("write_final").signature(s -> s.required("file", outputFile())));
        add(c, CommandSpec.builder("minimize").signature(s -> s
                .option("style", word(List.of("fire", "cg"),
                        Map.of("sd", "a2imd minimises with \"fire\" or \"cg\"",
                                "lbfgs", "a2imd minimises with \"fire\" or \"cg\"")), "cg")
                .option("etol", nonNegative(), 0.0)
                .option("ftol", nonNegative(), 1e-8)
                .option("maxiter", integer(1), 10000)
                .option("cell", word("none", "iso", "aniso"), "none")
                .option("pressure", real())
                .option("dmax", positive(), 0.1)
                .check(StandardSchema::checkMinimize)));
        add(c, CommandSpec.builder("elastic").signature(s -> s
                .required("strain", positive())
                .option("relax", bool(), true)
                .option("ftol", positive(), 1e-10)
                .option("maxiter", integer(1), 10000)
                .check(StandardSchema::checkElastic)));
        add(c, CommandSpec.builder("strain").signature(s -> s
                .option("xx", real(), 0.0)
                .option("yy", real(), 0.0)
                .option("zz", real(), 0.0)
                .option("yz", real(), 0.0)
                .option("xz", real(), 0.0)
                .option("xy", real(), 0.0)
                .check(StandardSchema::checkStrain)));
        add(c, CommandSpec.builder("min_distance").signature(s -> s.arg("distance", "distance", positive())));
        addTraining(c);
        addLearning(c);

        Map<String, String> hints = new LinkedHashMap<>();
        hints.put("pair_style", "a2imd uses \"potential\", e.g. \"potential lj cutoff 2.5\"");
        hints.put("fix", "a2imd sets the dynamics with \"integrator nve|langevin|csvr\"");
        hints.put("dump", "a2imd writes trajectories with \"trajectory file F every N\"");
        hints.put("read_data", "a2imd reads structures with \"read_extxyz FILE\"");
        hints.put("mass", "a2imd gives masses with \"species NAME mass M\"");
        for (String k : List.of("create_atoms", "create_box", "region")) {
            hints.put(k, "a2imd builds crystals with \"lattice STYLE density RHO replicate NX NY NZ\"");
        }
        hints.put("min_style", "a2imd minimises with \"minimize style fire|cg etol E ftol F maxiter N\"");
        hints.put("neigh_modify", "a2imd sets the neighbour list with \"neighbor skin S\"");
        hints.put("thermo_style", "\"thermo every N [file F]\" prints a fixed set of quantities");
        hints.put("write_data", "a2imd writes the final structure with \"write_final file F\"");
        hints.put("write_restart", "a2imd writes restart files with \"checkpoint file F every N\"");
        for (String k : List.of("atom_style", "boundary", "dimension")) {
            hints.put(k, "a2imd systems are always atomic, 3-d and fully periodic; remove this line");
        }
        return new Schema(c, hints);
    }

    /** The selection window [lo, hi) must hold something. */
    private static void checkCandidateWindow(Command c) {
        if (c.getDouble("lo") >= c.getDouble("hi")) {
            throw c.error("hi", "the candidate window needs lo < hi (frames are kept when lo <= max_devi_f < hi); "
                    + "got lo " + c.getDouble("lo") + ", hi " + c.getDouble("hi"));
        }
    }

    /** The commands of a training deck ({@code a2imd train}); see docs/deck.md, "Training decks". */
    private static void addTraining(Map<String, CommandSpec> c) {
        add(c, CommandSpec.builder("data").repeatable().signature(s -> s
                .required("file", inputFile())
                .option("role", word("split", "train", "validation", "test"), "split")));
        add(c, CommandSpec.builder("split").signature(s -> s
                .option("validation", nonNegative(), 0.1)
                .option("test", nonNegative(), 0.1)
                .required("seed", longInteger(0))
                .check(StandardSchema::checkSplit)));
        add(c, CommandSpec.builder("model").signature(s -> s
                .required("cutoff", positive())
                .option("radial", integer(1), 16)
                .option("width", integer(1), 32)
                .option("heads", integer(1), 4)
                .option("layers", integer(0), 2)
                .option("ffn", integer(1))
                .option("hidden", list(integer(1), 2), List.of(32, 32))
                .option("envelope_p", integer(1), 6)
                .option("logit_bound", positive(), 8.0)
                .required("seed", longInteger(0))
                .option("lode_exponents", several(integer(1)))
                .option("lode_radii", several(positive()))
                .option("lode_accuracy", positive())
                .option("angular_factor", bool(), false)
                .allOrNone("lode_exponents", "lode_radii")
                .check(StandardSchema::checkModel)));
        add(c, CommandSpec.builder("prior").variantLabel("form")
                .variant("wall", s -> s
                        .option("onset", positive())
                        .option("strength", positive()))
                .variant("zbl", s -> s
                        .required("inner", positive())
                        .required("outer", positive())
                        .option("z", pairs(ValueType.identifier(), integer(1)))
                        .check(StandardSchema::checkZbl))
                .build());
        add(c, CommandSpec.builder("initial_model").signature(s -> s
                .required("file", several(inputFile()))));
        add(c, CommandSpec.builder("loss").signature(s -> s
                .option("energy", nonNegative(), 1.0)
                .option("forces", nonNegative(), 1.0)
                .option("atom_energies", nonNegative(), 0.0)
                .option("virial", nonNegative(), 0.0)
                .check(StandardSchema::checkLoss)));
        add(c, CommandSpec.builder("committee").signature(s -> s
                .required("members", integer(2))
                .option("bootstrap", bool(), false)
                .option("threads_per_member", integer(1))));
        add(c, CommandSpec.builder("optimizer").variantLabel("method")
                .variant("adam", s -> s
                        .option("lr", positive(), 1e-3)
                        .option("schedule", word("cosine", "plateau", "constant"), "cosine")
                        .required("epochs", integer(1))
                        .option("batch", integer(1), 4)
                        .option("patience", integer(0), 0)
                        .required("seed", longInteger(0))
                        .option("warmup", integer(0), 0)
                        .option("min_lr", nonNegative())
                        .option("factor", positive(), 0.5)
                        .option("decay_patience", integer(0), 5)
                        .check(StandardSchema::checkAdam))
                .variantHint("sgd", "a2imd trains with \"optimizer adam ...\"")
                .build());
        add(c, CommandSpec.builder("output").signature(s -> s
                .required("model", outputFile())
                .option("curve", outputFile())
                .option("checkpoint", outputFile())));
    }

    /** The commands of an active-learning deck ({@code a2imd learn}); see docs/deck.md, "Active-learning decks". */
    private static void addLearning(Map<String, CommandSpec> c) {
        add(c, CommandSpec.builder("explore").repeatable().signature(s -> s
                .required("name", ValueType.identifier())
                .required("deck", inputFile())
                .option("every", integer(1), 10)
                .option("stop", positive())));
        add(c, CommandSpec.builder("select").signature(s -> s
                .required("lo", nonNegative())
                .required("hi", positive())
                .option("max", integer(1), 50)
                .check(StandardSchema::checkSelect)));
        add(c, CommandSpec.builder("learn").signature(s -> s
                .required("folder", outputFile())
                .option("iterations", integer(1), 5)
                .option("accurate", positive(), 0.95)
                .option("mode", word("retrain", "finetune"), "retrain")
                .option("finetune_epochs", integer(1))
                .check(StandardSchema::checkLearn)));
        add(c, CommandSpec.builder("start_committee").signature(s -> s
                .required("file", several(inputFile()))));
        add(c, CommandSpec.builder("label").signature(s -> s
                .required("command", ValueType.text())));
    }

    private static void checkSelect(Command select) {
        if (!(select.getDouble("lo") < select.getDouble("hi"))) {
            throw select.error("hi", "the selection window needs lo < hi, found lo " + select.getDouble("lo")
                    + " and hi " + select.getDouble("hi"));
        }
    }

    private static void checkLearn(Command learn) {
        if (learn.has("finetune_epochs") && !learn.getWord("mode").equals("finetune")) {
            throw learn.error("finetune_epochs", "finetune_epochs needs \"mode finetune\"");
        }
        if (learn.getDouble("accurate") > 1) {
            throw learn.error("accurate", "accurate is the fraction of explored frames below lo that ends the loop "
                    + "(0 to 1), found " + learn.getDouble("accurate"));
        }
    }

    private static void checkSplit(Command split) {
        double v = split.getDouble("validation");
        double t = split.getDouble("test");
        if (v + t >= 1) {
            throw split.error(split.has("test") ? "test" : "validation", "validation and test fractions add up to "
                    + (v + t) + ": they must leave frames for training (sum below 1)");
        }
    }

    private static void checkModel(Command model) {
        int width = model.getInt("width");
        int heads = model.getInt("heads");
        if (width % heads != 0) {
            throw model.error(model.has("heads") ? "heads" : "width", "width " + width
                    + " must be a multiple of heads " + heads);
        }
        if (model.has("lode_accuracy") && !model.has("lode_exponents")) {
            throw model.error("lode_accuracy", "lode_accuracy needs the long-range channel: give lode_exponents and "
                    + "lode_radii too");
        }
        if (model.has("lode_accuracy") && !(model.getDouble("lode_accuracy") < 1)) {
            throw model.error("lode_accuracy", "lode_accuracy is a relative truncation error and must be below 1, "
                    + "found " + model.getDouble("lode_accuracy"));
        }
        if (model.has("lode_exponents")) {
            for (int p : model.getInts("lode_exponents")) {
                if (p > 12) {
                    throw model.error("lode_exponents", "LODE exponents p (of the 1/r^p kernel) must be 1 to 12, "
                            + "found " + p);
                }
            }
        }
    }

    private static void checkZbl(Command zbl) {
        if (!(zbl.getDouble("outer") > zbl.getDouble("inner"))) {
            throw zbl.error("outer", "the switching region needs outer above inner, found inner "
                    + zbl.getDouble("inner") + " outer " + zbl.getDouble("outer"));
        }
        if (zbl.has("z")) {
            for (double z : zbl.getPairs("z").values()) {
                if (z > 118) {
                    throw zbl.error("z", "atomic numbers run from 1 to 118, found " + (int) z);
                }
            }
        }
    }

    private static void checkLoss(Command loss) {
        if (loss.getDouble("energy") == 0 && loss.getDouble("forces") == 0 && loss.getDouble("atom_energies") == 0
                && loss.getDouble("virial") == 0) {
            throw loss.error("all loss weights are zero: give at least one of energy, forces, atom_energies, virial "
                    + "a positive weight");
        }
    }

    private static void checkAdam(Command adam) {
        if (adam.getDouble("factor") >= 1) {
            throw adam.error("factor", "factor must be below 1 (the plateau schedule multiplies the rate by it), "
                    + "found " + adam.getDouble("factor"));
        }
        if (adam.has("min_lr") && adam.getDouble("min_lr") > adam.getDouble("lr")) {
            throw adam.error("min_lr", "min_lr " + adam.getDouble("min_lr") + " is above lr " + adam.getDouble("lr"));
        }
        if (adam.getInt("warmup") >= adam.getInt("epochs")) {
            throw adam.error("warmup", "warmup (" + adam.getInt("warmup") + " epochs) must be shorter than epochs ("
                    + adam.getInt("epochs") + ")");
        }
    }

    private static void add(Map<String, CommandSpec> commands, CommandSpec.Builder b) {
        add(commands, b.build());
    }

    private static void add(Map<String, CommandSpec> commands, CommandSpec spec) {
        commands.put(spec.name(), spec);
    }

    /** Largest finite strain for elastic constants: beyond it anharmonic terms spoil C. */
    static final double MAX_ELASTIC_STRAIN = 0.05;

    private static void checkMinimize(Command m) {
        if (m.has("pressure") && "none".equals(m.getWord("cell"))) {
            throw m.error("pressure", "minimize pressure needs a cell to relax: add \"cell iso\" or \"cell aniso\"");
        }
    }

    private static void checkElastic(Command e) {
        if (e.getDouble("strain") > MAX_ELASTIC_STRAIN) {
            throw e.error("strain", "elastic strain must be at most " + MAX_ELASTIC_STRAIN
                    + " (typical: 1e-4 to 1e-3), found " + e.getDouble("strain"));
        }
    }

    /** A strain of the starting structure must keep the cell right-handed and not crush it. */
    private static void checkStrain(Command c) {
        for (String k : List.of("xx", "yy", "zz", "yz", "xz", "xy")) {
            if (c.has(k) && Math.abs(c.getDouble(k)) > 0.5) {
                throw c.error(k, "strain components must lie between -0.5 and 0.5, got " + c.getDouble(k));
            }
        }
    }

    /** An Ewald accuracy is a relative error: between 0 and 1. */
    private static void checkEwaldAccuracy(Command c) {
        if (c.has("accuracy") && !(c.getDouble("accuracy") < 1)) {
            throw c.error("accuracy", "accuracy is a relative error and must be below 1 (e.g. 1e-6), got "
                    + c.getDouble("accuracy"));
        }
    }

    private static void checkComposition(Command lattice) {
        if (!lattice.has("composition")) {
            return;
        }
        double sum = 0;
        for (double f : lattice.getPairs("composition").values()) {
            sum += f;
        }
        if (Math.abs(sum - 1.0) > COMPOSITION_TOLERANCE) {
            throw lattice.error("composition", "lattice composition fractions must add up to 1, they add up to "
                    + sum);
        }
    }
}

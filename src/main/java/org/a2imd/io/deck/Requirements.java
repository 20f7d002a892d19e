package org.a2imd.io.deck;

import java.util.List;
import java.util.Optional;

/** Which commands a task needs; errors name the command that needs the missing one, at its line. */
final class Requirements {
    private Requirements() {
    }

    /** Commands of a training deck; only these (and units, species, threads) may appear in one. */
    static final List<String> TRAINING = List.of("data", "split", "model", "initial_model", "prior", "loss",
            "optimizer", "output", "committee");

    /** Commands only an active-learning deck has. */
    static final List<String> LEARNING = List.of("explore", "select", "learn", "label", "start_committee");

    static void forEval(Deck deck) {
        rejectTraining(deck, "an eval or run");
        if (deck.all("units").isEmpty()) {
            throw deck.error("the deck has no \"units\" command; add \"units lj\" or \"units metal\"");
        }
        List<Command> species = deck.all("species");
        List<Command> potentials = deck.all("potential");
        if (potentials.isEmpty()) {
            throw deck.error("the deck has no \"potential\" command; add e.g. \"potential lj cutoff 2.5\"");
        }
        if (species.isEmpty()) {
            throw potentials.get(0).error("potential needs species: add \"species NAME mass M\" lines");
        }
        for (Command p : potentials) {
            if (p.is("potential", "lj")) {
                checkLjCoverage(deck, p, species);
            }
        }
        committee(deck);
    }

    /**
     * The committee potential ("potential a2i file M1 M2 ..." with two or more files), or null. A deck
     * may hold one: the model deviation is that of one committee.
     */
    static Command committee(Deck deck) {
        Command found = null;
        for (Command p : deck.all("potential")) {
            if (p.is("potential", "a2i") && p.getPaths("file").size() >= 2) {
                if (found != null) {
                    throw p.error("a deck may hold one committee (potential a2i with several files); another is on line "
                            + found.line() + ": put all members on one line");
                }
                found = p;
            }
        }
        return found;
    }

    /** Outputs of the model deviation need a committee to deviate. */
    private static void checkDeviationOutputs(Deck deck) {
        if (committee(deck) != null) {
            return;
        }
        String why = " needs a committee: give two or more model files, \"potential a2i file M1.model M2.model ...\"";
        for (String k : List.of("model_deviation", "candidates", "deviation_stop")) {
            for (Command c : deck.all(k)) {
                throw c.error("\"" + k + "\"" + why);
            }
        }
        for (Command t : deck.all("trajectory")) {
            if (t.getBool("deviation")) {
                throw t.error("deviation", "\"trajectory ... deviation yes\"" + why);
            }
        }
    }

    static void forRun(Deck deck) {
        forEval(deck);
        checkDeviationOutputs(deck);
        Optional<Command> run = deck.optional("run");
        // minimize and elastic are static calculations: a deck may do them without any dynamics.
        Optional<Command> action = deck.optional("minimize").or(() -> deck.optional("elastic"));
        if (run.isEmpty() && action.isEmpty()) {
            throw deck.error("the deck has no \"run\" command; add e.g. \"run 10000\" (or \"minimize\" / "
                    + "\"elastic\" for a static calculation)");
        }
        if (run.isPresent() && deck.all("timestep").isEmpty()) {
            throw run.get().error("run needs a \"timestep\" command, e.g. \"timestep 0.005\"");
        }
        if (deck.all("lattice").isEmpty() && deck.all("read_extxyz").isEmpty()) {
            Command needer = action.orElseGet(run::get);
            throw needer.error(needer.name() + " needs atoms: add a \"lattice\" or a \"read_extxyz\" command");
        }
    }

    /**
     * A training deck: units, at least one "data" file that is not only validation or test, a model, an
     * optimizer and an output; the commands of simulations are rejected rather than ignored.
     */
    static void forTrain(Deck deck) {
        for (Command c : deck.commands()) {
            String k = c.name();
            if (!TRAINING.contains(k) && !k.equals("units") && !k.equals("species") && !k.equals("threads")) {
                throw c.error("\"" + k + "\" has no meaning in a training deck (a2imd train uses units, species, "
                        + "threads, " + String.join(", ", TRAINING) + "); remove it");
            }
        }
        if (deck.all("units").isEmpty()) {
            throw deck.error("the deck has no \"units\" command; add \"units lj\" or \"units metal\"");
        }
        List<Command> data = deck.all("data");
        if (data.isEmpty()) {
            throw deck.error("the deck has no \"data\" command; add e.g. \"data file train.extxyz\"");
        }
        boolean training = false;
        boolean validationFile = false;
        boolean testFile = false;
        for (Command d : data) {
            String role = d.getWord("role");
            training |= role.equals("split") || role.equals("train");
            validationFile |= role.equals("validation");
            testFile |= role.equals("test");
        }
        if (!training) {
            throw data.get(0).error("no data file provides training frames: give at least one \"data file F\" "
                    + "with role split (the default) or train");
        }
        Optional<Command> split = deck.optional("split");
        if (split.isPresent()) {
            Command s = split.get();
            if (validationFile && s.getDouble("validation") > 0) {
                throw s.error(s.has("validation") ? "validation" : "seed", "validation frames come from a data file "
                        + "with role validation; write \"split validation 0 ...\" so none are split off as well");
            }
            if (testFile && s.getDouble("test") > 0) {
                throw s.error(s.has("test") ? "test" : "seed", "test frames come from a data file with role test; "
                        + "write \"split test 0 ...\" so none are split off as well");
            }
        }
        Optional<Command> initial = deck.optional("initial_model");
        if (initial.isPresent() && !deck.all("model").isEmpty()) {
            throw deck.all("model").get(0).error("give either \"model\" (train a new network) or \"initial_model\" "
                    + "(continue from a model file, line " + initial.get().line() + "), not both");
        }
        Optional<Command> prior = deck.optional("prior");
        if (prior.isPresent() && initial.isPresent()) {
            throw prior.get().error("a prior is fixed before training and kept in the model file: the initial model "
                    + "(line " + initial.get().line() + ") keeps its own; remove \"prior\"");
        }
        if (prior.isPresent() && prior.get().variant().equals("zbl") && !deck.all("units").isEmpty()
                && deck.units() != org.a2imd.core.Units.METAL) {
            throw prior.get().error("the zbl prior is in eV and Angstrom and needs \"units metal\"; in other units "
                    + "use \"prior wall\"");
        }
        for (String k : List.of("model", "optimizer", "output")) {
            if (k.equals("model") && initial.isPresent()) {
                continue;
            }
            if (deck.all(k).isEmpty()) {
                throw deck.error("the deck has no \"" + k + "\" command, which a training deck needs; "
                        + switch (k) {
                            case "model" -> "add e.g. \"model cutoff 2.5 seed 1\" (or \"initial_model file F\" to "
                                    + "continue from a trained model)";
                            case "optimizer" -> "add e.g. \"optimizer adam epochs 100 seed 1\"";
                            default -> "add e.g. \"output model lj.a2i curve curve.csv\"";
                        });
            }
        }
    }

    private static void rejectTraining(Deck deck, String what) {
        for (Command c : deck.commands()) {
            if (TRAINING.contains(c.name())) {
                throw c.error("\"" + c.name() + "\" belongs in a training deck (a2imd train), not in " + what
                        + " deck");
            }
            if (LEARNING.contains(c.name())) {
                throw c.error("\"" + c.name() + "\" belongs in an active-learning deck (a2imd learn), not in " + what
                        + " deck");
            }
        }
    }

    /**
     * An active-learning deck: units and species; the reference that labels frames (potential lines, or a
     * label command, not both); the training commands of a training deck without output (the loop names its
     * files) and with a committee of at least two members; one or more explore state points, select and
     * learn. Commands of a single simulation are rejected: they belong in the explore decks.
     */
    static void forLearn(Deck deck) {
        List<String> allowed = new java.util.ArrayList<>(List.of("units", "species", "threads", "potential",
                "pair_coeff", "neighbor", "committee"));
        allowed.addAll(TRAINING);
        allowed.addAll(LEARNING);
        allowed.remove("output");
        allowed.remove("initial_model");
        for (Command c : deck.commands()) {
            if (!allowed.contains(c.name())) {
                String where = c.name().equals("output") ? "a2imd learn names its own output files "
                        + "inside the learn folder" : "a learn deck uses " + String.join(", ", allowed)
                        + "; the dynamics of each state point go in its explore deck";
                throw c.error("\"" + c.name() + "\" has no meaning in an active-learning deck (" + where + "); remove it");
            }
        }
        if (deck.all("units").isEmpty()) {
            throw deck.error("the deck has no \"units\" command; add \"units lj\" or \"units metal\"");
        }
        if (deck.all("species").isEmpty()) {
            throw deck.error("the deck has no \"species\" command; add \"species NAME mass M\" lines");
        }
        Optional<Command> label = deck.optional("label");
        List<Command> potentials = deck.all("potential");
        if (label.isEmpty() && potentials.isEmpty()) {
            throw deck.error("the deck has no reference to label frames with: add the reference force field "
                    + "(\"potential ...\" lines, as in a run deck) or \"label command \\\"CMD {in} {out}\\\"\"");
        }
        if (label.isPresent() && !potentials.isEmpty()) {
            throw label.get().error("give either a reference potential (line " + potentials.get(0).line()
                    + ") or a label command, not both");
        }
        for (Command p : potentials) {
            if (p.is("potential", "lj")) {
                checkLjCoverage(deck, p, deck.all("species"));
            }
        }
        for (String k : List.of("data", "model", "optimizer", "committee", "explore", "select", "learn")) {
            if (deck.all(k).isEmpty()) {
                throw deck.error("the deck has no \"" + k + "\" command, which an active-learning deck needs; "
                        + switch (k) {
                            case "data" -> "add the initial labelled frames, e.g. \"data file init.extxyz\"";
                            case "model" -> "add e.g. \"model cutoff 2.5 seed 1\"";
                            case "optimizer" -> "add e.g. \"optimizer adam epochs 20 seed 1\"";
                            case "committee" -> "add e.g. \"committee members 4\"";
                            case "explore" -> "add e.g. \"explore name T1 deck explore-T1.in every 10\"";
                            case "select" -> "add e.g. \"select lo 0.05 hi 0.3 max 20\"";
                            default -> "add e.g. \"learn folder learn-out iterations 5 accurate 0.95\"";
                        });
            }
        }
        Command learn = deck.one("learn");
        int warmup = deck.one("optimizer").getInt("warmup");
        if (learn.has("finetune_epochs") && learn.getInt("finetune_epochs") <= warmup) {
            throw learn.error("finetune_epochs", "finetune_epochs (" + learn.getInt("finetune_epochs") + ") must be longer "
                    + "than the optimizer's warmup (" + warmup + " epochs, line " + deck.one("optimizer").line() + ")");
        }
        Optional<Command> start = deck.optional("start_committee");
        int members = deck.one("committee").getInt("members");
        if (start.isPresent() && start.get().getPaths("file").size() != members) {
            throw start.get().error("file", "start_committee names " + start.get().getPaths("file").size()
                    + " model files, the committee has " + members + " members");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Command e : deck.all("explore")) {
            if (!names.add(e.getWord("name"))) {
                throw e.error("name", "two explore lines are named " + e.getWord("name") + "; give each state point "
                        + "its own name");
            }
        }
    }

    /**
     * Every pair of species needs coefficients: given by its own pair_coeff, or, for unlike pairs, mixed
     * from the pair_coeff lines of both like pairs.
     */
    private static void checkLjCoverage(Deck deck, Command lj, List<Command> species) {
        List<Command> coeffs = deck.pairCoeffs(lj);
        for (int i = 0; i < species.size(); i++) {
            String a = species.get(i).getWord("name");
            for (int j = i; j < species.size(); j++) {
                String b = species.get(j).getWord("name");
                boolean ok = given(coeffs, a, b) || (i != j && given(coeffs, a, a) && given(coeffs, b, b));
                if (!ok) {
                    String problem = "potential lj has no coefficients for the pair " + a + " " + b + ": add \"pair_coeff "
                            + a + " " + b + " epsilon E sigma S\" after it";
                    if (i != j) {
                        problem += ", or pair_coeff lines for " + a + " " + a + " and " + b + " " + b
                                + " so the mixing rule can derive it";
                    }
                    throw lj.error(problem);
                }
            }
        }
    }

    private static boolean given(List<Command> coeffs, String a, String b) {
        for (Command c : coeffs) {
            String x = c.getWord("a");
            String y = c.getWord("b");
            if ((x.equals(a) && y.equals(b)) || (x.equals(b) && y.equals(a))) {
                return true;
            }
        }
        return false;
    }
}

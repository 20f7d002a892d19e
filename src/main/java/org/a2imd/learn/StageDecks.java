package org.a2imd.learn;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.a2imd.core.InputException;
import org.a2imd.io.deck.Command;
import org.a2imd.io.deck.Deck;

/**
 * The text of the decks the loop's stages run: a training deck per iteration, a run deck per state point
 * and iteration (the user's explore deck with the committee as its potential and the deviation outputs), and
 * the reference deck that labels frames with {@code a2imd eval}. Files they read are absolute paths; files they
 * write are relative, so they land beside the deck.
 */
final class StageDecks {
    /** Names of the files the stage decks write, relative to their folder. */
    static final String DEVIATION = "devi.txt";
    static final String CANDIDATES = "candidates.extxyz";
    static final String MODEL = "model.model";

    private StageDecks() {
    }

    /**
     * The training deck of iteration i: the deck's data plus every labelled file so far; with {@code previous}
     * (fine-tuning) member m starts from the m-th of those models instead of a new network.
     */
    static String training(LearnPlan plan, int iteration, List<Path> labelled, List<Path> previous) {
        StringBuilder sb = new StringBuilder();
        sb.append("# a2imd learn: training deck of iteration ").append(iteration).append('\n');
        lines(sb, plan.headerLines());
        sb.append("threads ").append(plan.threads()).append('\n');
        lines(sb, plan.dataLines());
        for (Path p : labelled) {
            sb.append("data file ").append(quote(p)).append('\n');
        }
        for (String line : plan.trainingLines()) {
            if (!previous.isEmpty() && (line.startsWith("model ") || line.startsWith("prior "))) {
                continue; // the architecture and the prior come with the initial model
            }
            if (!previous.isEmpty() && plan.finetuneEpochs() > 0 && line.startsWith("optimizer ")) {
                line = withEpochs(line, plan.finetuneEpochs());
            }
            sb.append(line).append('\n');
        }
        if (!previous.isEmpty()) {
            sb.append("initial_model file");
            for (Path p : previous) {
                sb.append(' ').append(quote(p));
            }
            sb.append('\n');
        }
        sb.append("output model ").append(MODEL).append(" curve curve.csv checkpoint train.chk\n");
        return sb.toString();
    }

    /**
     * The run deck of a state point: every command of the user's explore deck, then the committee and the
     * deviation outputs. The explore deck must not name a potential of its own.
     */
    static String explore(LearnPlan plan, LearnPlan.ExplorePoint point, List<Path> committee) {
        Deck user = Deck.parse(point.deck());
        StringBuilder sb = new StringBuilder();
        sb.append("# a2imd learn: state point ").append(point.name()).append(" from ").append(point.deck()).append('\n');
        for (Command c : user.commands()) {
            if (c.name().equals("potential") || c.name().equals("pair_coeff")) {
                throw c.error("an explore deck runs on the committee that a2imd learn trains: remove \"" + c.name()
                        + "\" (the reference force field goes in the learn deck, " + point.where() + ")");
            }
            if (c.name().equals("units") && !c.getWord("style").equals(plan.units().id)) {
                throw c.error("the explore deck is in " + c.getWord("style") + " units, the learn deck ("
                        + point.where() + ") in " + plan.units().id);
            }
            sb.append(c.toPortableLine()).append('\n');
        }
        if (user.all("run").isEmpty()) {
            throw new InputException(point.deck().toString(), 1, "an explore deck needs a \"run\" command (and "
                    + "timestep, integrator and atoms), as a run deck does");
        }
        sb.append("potential a2i file");
        for (Path m : committee) {
            sb.append(' ').append(quote(m));
        }
        sb.append('\n');
        sb.append("model_deviation file ").append(DEVIATION).append(" every ").append(point.every()).append('\n');
        sb.append(String.format(Locale.ROOT, "candidates file %s lo %s hi %s every %d%n", CANDIDATES,
                num(plan.lo()), num(plan.hi()), point.every()));
        if (!Double.isNaN(point.stopAbove())) {
            sb.append("deviation_stop above ").append(num(point.stopAbove())).append('\n');
        }
        return sb.toString();
    }

    /** Steps of the explore deck's run (for counting frames a stopped run did not reach). */
    static long runSteps(LearnPlan.ExplorePoint point) {
        return Deck.parse(point.deck()).one("run").getLong("steps");
    }

    /** The reference deck for {@code a2imd eval}: the learn deck's units, species and force field. */
    static String reference(LearnPlan plan) {
        StringBuilder sb = new StringBuilder("# a2imd learn: the reference force field that labels frames\n");
        lines(sb, plan.headerLines());
        lines(sb, plan.referenceLines());
        return sb.toString();
    }

    /** An optimizer line (as {@link org.a2imd.io.deck.Command#toPortableLine} writes it) with another epoch count. */
    static String withEpochs(String optimizerLine, int epochs) {
        String out = optimizerLine.replaceFirst(" epochs [0-9]+( |$)", " epochs " + epochs + "$1");
        if (out.equals(optimizerLine) && !optimizerLine.contains(" epochs " + epochs)) {
            throw new IllegalStateException("no epochs in " + optimizerLine);
        }
        return out;
    }

    private static void lines(StringBuilder sb, List<String> lines) {
        for (String l : lines) {
            sb.append(l).append('\n');
        }
    }

    static String quote(Path p) {
        return Deck.quote(p.toAbsolutePath().toString());
    }

    private static String num(double v) {
        return Double.toString(v);
    }
}

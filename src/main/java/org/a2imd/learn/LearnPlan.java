package org.a2imd.learn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.a2imd.core.Units;
import org.a2imd.io.deck.Command;
import org.a2imd.io.deck.Deck;

/**
 * What an active-learning deck asks for, read once: the deck lines that the loop's stage decks copy
 * (written with absolute paths for the files they read, so that the stage decks mean the same in the learn
 * folder), the state points to explore, the selection window and when to stop.
 *
 * @param folder        where every stage's files go
 * @param iterations    at most this many explore rounds
 * @param accurateTarget the loop ends when every state point has at least this fraction of accurate frames
 * @param finetune      later iterations continue each member from its previous model instead of retraining
 * @param finetuneEpochs epochs of those later iterations (0: the optimizer's)
 * @param lo            frames with max force deviation below lo are accurate
 * @param hi            at or above hi they are failed (too far off to label usefully)
 * @param maxSelect     at most this many candidates are labelled per iteration
 * @param members       committee size
 * @param headerLines   units and species lines of every stage deck
 * @param referenceLines the reference force field (potential, pair_coeff, neighbor), or empty with a label command
 * @param labelCommand  external labelling command with {in} and {out}, or null
 * @param dataLines     the deck's data lines (initial frames, validation and test files)
 * @param trainingLines split, model, prior, loss, optimizer, committee: copied into every training deck
 * @param testFiles     data files with role test: the members' held-out errors per iteration
 * @param threads       threads of every stage
 * @param startCommittee models that are the committee of iteration 0 instead of a training (empty: train it)
 */
public record LearnPlan(Path folder, int iterations, double accurateTarget, boolean finetune, int finetuneEpochs,
        double lo, double hi,
        int maxSelect, int members, Units units, List<String> headerLines, List<String> referenceLines,
        String labelCommand, List<String> dataLines, List<String> trainingLines, List<Path> testFiles,
        List<ExplorePoint> explore, int threads, List<Path> startCommittee) {

    /** One state point: a run deck without a potential, the deviation sampling interval, an optional stop. */
    public record ExplorePoint(String name, Path deck, int every, double stopAbove, String where) {
    }

    /** The plan of a deck that passed {@link Deck#requireForLearn()}. */
    public static LearnPlan of(Deck deck, int threads) {
        Command learn = deck.one("learn");
        Command select = deck.one("select");
        List<String> header = new ArrayList<>();
        header.add(deck.one("units").toPortableLine());
        for (Command s : deck.all("species")) {
            header.add(s.toPortableLine());
        }
        List<String> reference = new ArrayList<>();
        for (Command c : deck.commands()) {
            if (List.of("potential", "pair_coeff", "neighbor").contains(c.name())) {
                reference.add(c.toPortableLine());
            }
        }
        List<String> data = new ArrayList<>();
        List<Path> test = new ArrayList<>();
        for (Command d : deck.all("data")) {
            data.add(d.toPortableLine());
            if (d.getWord("role").equals("test")) {
                test.add(d.getPath("file"));
            }
        }
        List<String> training = new ArrayList<>();
        for (String k : List.of("split", "model", "prior", "loss", "optimizer", "committee")) {
            for (Command c : deck.all(k)) {
                training.add(c.toPortableLine());
            }
        }
        List<ExplorePoint> points = new ArrayList<>();
        for (Command e : deck.all("explore")) {
            points.add(new ExplorePoint(e.getWord("name"), e.getPath("deck"), e.getInt("every"),
                    e.has("stop") ? e.getDouble("stop") : Double.NaN, e.file() + ":" + e.line()));
        }
        Optional<Command> label = deck.optional("label");
        return new LearnPlan(learn.getPath("folder"), learn.getInt("iterations"), learn.getDouble("accurate"),
                learn.getWord("mode").equals("finetune"),
                learn.has("finetune_epochs") ? learn.getInt("finetune_epochs") : 0, select.getDouble("lo"), select.getDouble("hi"),
                select.getInt("max"), deck.one("committee").getInt("members"), deck.units(), List.copyOf(header),
                List.copyOf(reference), label.map(c -> c.getWord("command")).orElse(null), List.copyOf(data),
                List.copyOf(training), List.copyOf(test), List.copyOf(points), threads,
                deck.optional("start_committee").map(c -> c.getPaths("file")).orElse(List.of()));
    }
}

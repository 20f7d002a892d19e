package org.a2imd.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.a2imd.io.deck.Deck;
import org.a2imd.learn.LearnFailure;
import org.a2imd.learn.LearnLoop;
import org.a2imd.learn.LearnPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a2imd learn DECK [--resume]}: the active-learning loop of an active-learning deck (docs/deck.md):
 * train a committee, explore the state points with MD on it, select the frames the committee disagrees on,
 * label them with the reference, repeat. Every stage is an a2imd command on files in the learn folder; Ctrl-C
 * stops the running stage cleanly and {@code --resume} continues where the loop stopped.
 */
@Command(name = "learn", mixinStandardHelpOptions = true,
        description = "Active learning: train a committee, explore with MD, select uncertain frames, label them, repeat.")
final class LearnCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DECK", description = "the active-learning deck")
    Path deckFile;

    @Option(names = "--resume", description = "continue the loop in the deck's learn folder where it stopped")
    boolean resume;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads of every stage (default: the deck's, "
            + "else all cores)")
    Integer threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Deck deck = Deck.parse(deckFile).requireForLearn();
        int n = threads != null ? Main.checkThreads(spec, threads)
                : deck.optional("threads").map(c -> c.getInt("n")).orElse(Runtime.getRuntime().availableProcessors());
        LearnPlan plan = LearnPlan.of(deck, n);
        LearnLoop loop = new LearnLoop(plan, Main::execute);
        loop.checkExploreDecks();
        try {
            LearnLoop.Outcome outcome = StopOnSignal.run("a2imd-learn-shutdown", loop::requestStop,
                    () -> loop.run(resume));
            if (outcome == LearnLoop.Outcome.INTERRUPTED) {
                spec.commandLine().getErr().println("a2imd learn: interrupted; finished stages are kept in "
                        + loop.folder().root() + ": continue with --resume");
                return Main.EXIT_INTERRUPTED;
            }
            return 0;
        } catch (LearnFailure e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return e.status();
        }
    }
}

package org.a2imd.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.a2imd.core.InputException;
import org.a2imd.io.deck.Deck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Active-learning decks: what they must contain, their errors (file:line), and the documented example. */
class LearnDeckTest {
    @TempDir
    Path dir;

    static final String GOOD = """
            units lj
            species Ar mass 1.0
            potential lj cutoff 2.5 shift yes
            pair_coeff Ar Ar epsilon 1.0 sigma 1.0
            data file init.extxyz
            model cutoff 2.5 width 8 heads 2 layers 1 radial 4 hidden 8 8 seed 1
            optimizer adam epochs 2 seed 2
            committee members 2
            explore name liquid deck explore.in every 5
            select lo 0.05 hi 0.5 max 4
            learn folder out iterations 2
            """;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("init.extxyz"), "1\nPBC\nAr 0 0 0\n");
        Files.writeString(dir.resolve("explore.in"), """
                units lj
                species Ar mass 1.0
                lattice fcc density 0.8442 replicate 2 2 2 species Ar
                velocity temperature 1.0 seed 1
                timestep 0.005
                integrator langevin temperature 1.0 damping 0.5 seed 3
                run 50
                """);
    }

    private InputException error(String deck) {
        return assertThrows(InputException.class, () -> Deck.parse(deck, "learn.in", dir).requireForLearn());
    }

    @Test
    void goodDeckGivesItsPlan() {
        LearnPlan plan = LearnPlan.of(Deck.parse(GOOD, "learn.in", dir).requireForLearn(), 1);
        assertEquals(2, plan.members());
        assertEquals(0.05, plan.lo());
        assertEquals(0.5, plan.hi());
        assertEquals(4, plan.maxSelect());
        assertEquals(1, plan.explore().size());
        assertEquals(dir.resolve("out"), plan.folder());
        assertTrue(plan.dataLines().get(0).contains(dir.resolve("init.extxyz").toAbsolutePath().toString()),
                plan.dataLines().toString());
    }

    @Test
    void windowWithLoNotBelowHiIsAnErrorAtItsLine() {
        InputException e = error(GOOD.replace("select lo 0.05 hi 0.5", "select lo 0.5 hi 0.5"));
        assertTrue(e.getMessage().startsWith("learn.in:10:"), e.getMessage());
        assertTrue(e.getMessage().contains("lo < hi"), e.getMessage());
    }

    @Test
    void noReferenceAndNoLabelCommandIsAnError() {
        InputException e = error(GOOD.replace("potential lj cutoff 2.5 shift yes\n", "")
                .replace("pair_coeff Ar Ar epsilon 1.0 sigma 1.0\n", ""));
        assertTrue(e.getMessage().contains("reference"), e.getMessage());
    }

    @Test
    void referenceAndLabelCommandTogetherIsAnError() {
        InputException e = error(GOOD + "label command \"sh x.sh {in} {out}\"\n");
        assertTrue(e.getMessage().startsWith("learn.in:12:"), e.getMessage());
    }

    @Test
    void missingCommitteeAndDuplicateStatePointsAreErrors() {
        assertTrue(error(GOOD.replace("committee members 2\n", "")).getMessage().contains("committee members"));
        InputException e = error(GOOD + "explore name liquid deck explore.in\n");
        assertTrue(e.getMessage().startsWith("learn.in:12:"), e.getMessage());
        assertTrue(error(GOOD.replace("committee members 2", "committee members 1")).getMessage()
                .startsWith("learn.in:8:"));
    }

    @Test
    void startCommitteeNeedsOneFilePerMember() throws IOException {
        Files.writeString(dir.resolve("a.model"), "x\n");
        InputException e = error(GOOD + "start_committee file a.model\n");
        assertTrue(e.getMessage().startsWith("learn.in:12:") && e.getMessage().contains("2 members"), e.getMessage());
        LearnPlan plan = LearnPlan.of(Deck.parse(GOOD + "start_committee file a.model a.model\n", "learn.in", dir)
                .requireForLearn(), 1);
        assertEquals(2, plan.startCommittee().size());
    }

    @Test
    void finetuneEpochsReplaceTheOptimizersInLaterIterations() {
        LearnPlan plan = LearnPlan.of(Deck.parse(GOOD.replace("learn folder out iterations 2",
                "learn folder out iterations 2 mode finetune finetune_epochs 3") + "prior wall\n", "learn.in", dir)
                .requireForLearn(), 1);
        assertEquals(3, plan.finetuneEpochs());
        String deck = StageDecks.training(plan, 1, List.of(), List.of(dir.resolve("a.model"), dir.resolve("b.model")));
        assertTrue(deck.contains("optimizer adam epochs 3 seed 2\n"), deck);
        assertTrue(!deck.contains("\nmodel ") && !deck.contains("\nprior ") && deck.contains("initial_model file"), deck);
        String first = StageDecks.training(plan, 0, List.of(), List.of());
        assertTrue(first.contains("optimizer adam epochs 2 seed 2\n") && first.contains("\nprior wall\n"), first);
        assertTrue(error(GOOD.replace("learn folder out iterations 2", "learn folder out finetune_epochs 3"))
                .getMessage().contains("mode finetune"));
        assertTrue(error(GOOD.replace("optimizer adam epochs 2 seed 2", "optimizer adam epochs 9 warmup 3 seed 2")
                .replace("learn folder out iterations 2", "learn folder out mode finetune finetune_epochs 3"))
                .getMessage().contains("warmup"));
    }

    @Test
    void simulationAndOutputCommandsAreRejected() {
        assertTrue(error(GOOD + "run 100\n").getMessage().startsWith("learn.in:12:"));
        assertTrue(error(GOOD + "output model m.model\n").getMessage().contains("names its own output"));
    }

    @Test
    void exploreDeckWithItsOwnPotentialIsAnErrorInThatDeck() throws IOException {
        Files.writeString(dir.resolve("explore.in"), Files.readString(dir.resolve("explore.in"))
                + "potential lj cutoff 2.5\npair_coeff Ar Ar epsilon 1 sigma 1\n");
        LearnPlan plan = LearnPlan.of(Deck.parse(GOOD, "learn.in", dir).requireForLearn(), 1);
        LearnLoop loop = new LearnLoop(plan, args -> 0);
        InputException e = assertThrows(InputException.class, loop::checkExploreDecks);
        assertTrue(e.getMessage().contains("explore.in:8:"), e.getMessage());
    }

    @Test
    void runDeckRejectsLearnCommands() {
        String run = """
                units lj
                species Ar mass 1.0
                lattice fcc density 0.8442 replicate 2 2 2 species Ar
                potential lj cutoff 2.5
                pair_coeff Ar Ar epsilon 1 sigma 1
                timestep 0.005
                run 10
                select lo 0.1 hi 0.2
                """;
        InputException e = assertThrows(InputException.class, () -> Deck.parse(run, "run.in", dir).requireForRun());
        assertTrue(e.getMessage().startsWith("run.in:8:") && e.getMessage().contains("a2imd learn"), e.getMessage());
    }

    @Test
    void documentedLearnDeckParses() throws IOException {
        List<String> blocks = new ArrayList<>();
        StringBuilder body = null;
        for (String line : Files.readAllLines(Path.of("docs/deck.md"))) {
            if (body == null && line.equals("```learn-deck")) {
                body = new StringBuilder();
            } else if (body != null && line.equals("```")) {
                blocks.add(body.toString());
                body = null;
            } else if (body != null) {
                body.append(line).append('\n');
            }
        }
        assertEquals(1, blocks.size());
        for (String f : List.of("init.extxyz", "test.extxyz", "explore-liquid.in", "explore-hot.in")) {
            Files.writeString(dir.resolve(f), "x\n");
        }
        LearnPlan plan = LearnPlan.of(Deck.parse(blocks.get(0), "doc.in", dir).requireForLearn(), 2);
        assertEquals(4, plan.members());
        assertEquals(2, plan.explore().size());
        assertEquals(1, plan.testFiles().size());
    }
}

package org.a2imd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.a2imd.io.deck.Deck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The complete training deck of docs/deck.md parses, passes the training requirements and maps as documented. */
class TrainDeckDocsTest {
    @TempDir
    Path dir;

    @Test
    void documentedTrainingDeckIsValid() throws Exception {
        List<String> decks = new ArrayList<>();
        StringBuilder body = null;
        for (String line : Files.readAllLines(Path.of("docs/deck.md"))) {
            if (body == null && line.equals("```train-deck")) {
                body = new StringBuilder();
            } else if (body != null && line.equals("```")) {
                decks.add(body.toString());
                body = null;
            } else if (body != null) {
                body.append(line).append('\n');
            }
        }
        assertEquals(1, decks.size());
        Files.writeString(dir.resolve("lj_frames.extxyz"), "1\nPBC\nA 0 0 0\n");
        Files.writeString(dir.resolve("lj_extra.extxyz"), "1\nPBC\nA 0 0 0\n");
        Deck d = Deck.parse(decks.get(0), "train.in", dir).requireForTrain();
        ModelSettings m = TrainingSetup.model(d.one("model"));
        assertEquals(new ModelSettings(2.5, 16, 32, 4, 2, 32, 32, 32, 6, 8.0, 7), m);
        OptimizerSettings o = TrainingSetup.optimizer(d.one("optimizer"));
        assertEquals(new OptimizerSettings(0.003, LearningRate.Kind.COSINE, 200, 4, 30, 11, 2, 0.003 / 100, 0.5, 5), o);
        assertEquals(new LossWeights(1, 1, 0), TrainingSetup.loss(d));
        Trainer.Outputs out = TrainingSetup.outputs(d);
        assertTrue(out.checkpoint().endsWith("lj_train.chk"));
        assertTrue(out.curve().endsWith("lj_curve.csv"));
    }
}

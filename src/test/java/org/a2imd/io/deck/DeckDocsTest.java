package org.a2imd.io.deck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decks and snippets in docs/deck.md are read from the markdown and must parse. */
class DeckDocsTest {
    static final Path DOC = Path.of("docs/deck.md");

    @TempDir
    static Path dir;

    @BeforeAll
    static void inputFiles() throws IOException {
        // input files the examples name, so that existence checks pass
        Files.createDirectories(dir.resolve("potentials"));
        Files.copy(Path.of("potentials/Si.sw"), dir.resolve("potentials/Si.sw"));
        Files.writeString(dir.resolve("start.extxyz"), "1\nPBC\nA 0 0 0\n");
        Files.writeString(dir.resolve("explore-liquid.in"), "units lj\n"); // named by the explore snippet
        for (int m = 1; m <= 4; m++) {
            Files.writeString(dir.resolve("lj.m" + m + ".model"), "x\n"); // named by the start_committee snippet
        }
        Files.copy(Path.of("potentials/a2i-lj.model"), dir.resolve("a2i-si-sw-stage1.model")); // only has to exist
    }

    /** The bodies of the fenced blocks of the given info string, in order. */
    static List<String> blocks(String info) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder body = null;
        for (String line : Files.readAllLines(DOC)) {
            if (body == null && line.equals("```" + info)) {
                body = new StringBuilder();
            } else if (body != null && line.equals("```")) {
                out.add(body.toString());
                body = null;
            } else if (body != null) {
                body.append(line).append('\n');
            }
        }
        return out;
    }

    @Test
    void completeExampleDecksParseAndAreRunnable() throws IOException {
        List<String> decks = blocks("deck");
        assertTrue(decks.size() >= 5, "melt + LJ NVE + LJ Langevin + Kob-Andersen + Si, found " + decks.size());
        for (int i = 0; i < decks.size(); i++) {
            Deck.parse(decks.get(i), "example" + i + ".in", dir).requireForRun();
        }
    }

    @Test
    void kobAndersenDeckHasTheModelParameters() throws IOException {
        String ka = blocks("deck").stream().filter(d -> d.contains("composition A 0.8 B 0.2")).findFirst()
                .orElseThrow();
        Deck d = Deck.parse(ka, "ka.in", dir).requireForRun();
        assertEquals("langevin", d.one("integrator").variant());
        Command lj = d.one("potential");
        List<Command> pcs = d.pairCoeffs(lj);
        assertEquals(3, pcs.size());
        double[][] expected = {{1.0, 1.0, 2.5}, {1.5, 0.8, 2.0}, {0.5, 0.88, 2.2}};
        for (int k = 0; k < 3; k++) {
            Command pc = pcs.get(k);
            assertEquals(expected[k][0], pc.getDouble("epsilon"));
            assertEquals(expected[k][1], pc.getDouble("sigma"));
            assertEquals(expected[k][2], pc.getDouble("cutoff"));
            assertEquals(2.5 * pc.getDouble("sigma"), pc.getDouble("cutoff"), 1e-12);
        }
        assertEquals(0.8, d.one("lattice").getPairs("composition").get("A"));
        int[] rep = d.one("lattice").getInts("replicate");
        int n = 4 * rep[0] * rep[1] * rep[2];
        assertEquals(0.0, 0.8 * n - Math.round(0.8 * n), 1e-9, "80:20 must give whole numbers of atoms");
    }

    /** Every command section has a snippet, and each snippet parses in a minimal context deck. */
    @Test
    void snippetsParseAndCoverEveryCommand() throws IOException {
        List<String> snippets = blocks("deck-snippet");
        Set<String> covered = new LinkedHashSet<>();
        String[] context = {"units lj", "species A mass 1", "species B mass 1", "potential lj cutoff 2.5"};
        for (String s : snippets) {
            Set<String> keywords = new LinkedHashSet<>();
            for (List<Token> line : Lexer.tokenize(s, "snippet")) {
                keywords.add(line.get(0).text());
            }
            covered.addAll(keywords);
            StringBuilder text = new StringBuilder();
            for (String c : context) {
                if (!keywords.contains(c.substring(0, c.indexOf(' ')))) {
                    text.append(c).append('\n');
                }
            }
            text.append(s);
            Deck.parse(text.toString(), "snippet.in", dir);
        }
        assertEquals(Schema.standard().keywords(), covered);
    }
}

package org.a2imd.io.deck;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.a2imd.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random damage to the documented example decks: whatever the text, reading it either succeeds
 * or fails with an InputException that has a location inside the text; never any other exception.
 */
class DeckFuzzTest {
    static final int CASES = 1500;
    static final String[] JUNK = {"\"", "&", "#", "\t", "\r", "\u0000", "\u00e9", "\uFEFF", "-", "1e999", "NaN",
        "99999999999999999999", " ", "\n", "&\n", "\"\"", "..", "/", "\\", "\u2028", "0x10", "+", "e5", "yes"};

    @TempDir
    Path dir;

    @Test
    void mutatedDecksFailOnlyWithInputException() throws IOException {
        Files.createDirectories(dir.resolve("potentials"));
        Files.copy(Path.of("potentials/Si.sw"), dir.resolve("potentials/Si.sw"));
        List<String> seeds = DeckDocsTest.blocks("deck");
        Random rng = new Random(20240611L);
        int parsed = 0;
        int rejected = 0;
        for (int c = 0; c < CASES; c++) {
            String text = seeds.get(rng.nextInt(seeds.size()));
            int mutations = 1 + rng.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                text = mutate(text, rng);
            }
            try {
                Deck d = Deck.parse(text, "fuzz.in", dir);
                readEverything(d);
                d.requireForEval();
                d.requireForRun();
                parsed++;
            } catch (InputException e) {
                rejected++;
                int lines = text.split("\n", -1).length;
                assertTrue(e.line() >= 0 && e.line() <= lines, "line out of range: " + e.getMessage());
                assertTrue(e.getMessage().startsWith("fuzz.in"), e.getMessage());
                assertTrue(!e.problem().isBlank(), e.getMessage());
            } catch (RuntimeException e) {
                fail("case " + c + " threw " + e + " for deck:\n" + text, e);
            }
        }
        System.out.printf("deck fuzz: %d cases, %d parsed, %d rejected with InputException%n", CASES, parsed,
                rejected);
        // both outcomes must occur, or the mutations test nothing
        assertTrue(parsed > CASES / 20, "parsed " + parsed);
        assertTrue(rejected > CASES / 2, "rejected " + rejected);
    }

    /** Every value of every command, given or default, through the generic getter. */
    private static void readEverything(Deck d) {
        for (Command c : d.commands()) {
            for (Param p : c.signature().args()) {
                c.get(p.name());
            }
            for (Param p : c.signature().options().values()) {
                if (c.has(p.name()) || p.hasDefault()) {
                    c.get(p.name());
                }
            }
            c.toString();
        }
    }

    static String mutate(String text, Random rng) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int li = rng.nextInt(lines.size());
        List<String> toks = new ArrayList<>(Arrays.asList(lines.get(li).trim().split("\\s+")));
        int ti = rng.nextInt(toks.size());
        switch (rng.nextInt(11)) {
            case 0 -> toks.remove(ti);
            case 1 -> toks.add(ti, toks.get(ti));
            case 2 -> {
                int tj = rng.nextInt(toks.size());
                String t = toks.get(ti);
                toks.set(ti, toks.get(tj));
                toks.set(tj, t);
            }
            case 3 -> toks.set(ti, garble(toks.get(ti), rng));
            case 4 -> {
                return text.substring(0, rng.nextInt(text.length() + 1));
            }
            case 5 -> {
                int at = rng.nextInt(text.length() + 1);
                return text.substring(0, at) + JUNK[rng.nextInt(JUNK.length)] + text.substring(at);
            }
            case 6 -> {
                lines.add(li, rng.nextBoolean() ? "" : "   \t ");
                return String.join("\n", lines);
            }
            case 7 -> {
                lines.add(li, lines.get(rng.nextInt(lines.size())));
                return String.join("\n", lines);
            }
            case 8 -> {
                lines.remove(li);
                return String.join("\n", lines);
            }
            case 9 -> toks.set(ti, JUNK[rng.nextInt(JUNK.length)]);
            default -> {
                // move a token to another line
                String t = toks.remove(ti);
                int lj = rng.nextInt(lines.size());
                lines.set(lj, lines.get(lj) + " " + t);
            }
        }
        lines.set(li, String.join(" ", toks));
        return String.join("\n", lines);
    }

    private static String garble(String token, Random rng) {
        if (token.isEmpty()) {
            return "x";
        }
        char[] cs = token.toCharArray();
        int k = rng.nextInt(cs.length);
        switch (rng.nextInt(3)) {
            case 0 -> cs[k] = (char) (32 + rng.nextInt(95));
            case 1 -> {
                return token.substring(0, k) + token.substring(k + 1);
            }
            default -> {
                return token.substring(0, k) + (char) rng.nextInt(0x3000) + token.substring(k);
            }
        }
        return new String(cs);
    }
}

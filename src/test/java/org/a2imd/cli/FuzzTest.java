package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates the shipped decks and reference extxyz files many hundreds of times (deleted, duplicated,
 * swapped and garbled tokens, truncation, junk) and runs the real commands on them: the program may
 * succeed, or fail with its own clear error (exit 2 for input, 3 for a blow-up), but never with an
 * uncaught exception (exit 70).
 */
class FuzzTest {
    private static final String[] JUNK = {"-1", "0", "1e400", "nan", "abc", "#", "&", "\"", "2.5", "-0.0", "1e-300",
        "yes", "Ar", "fcc", "=", "1 2", "\t", "\u00e9", "999"};

    @TempDir
    Path dir;

    /** Shipped decks, shrunk to a few hundred atoms and a few steps so hundreds of runs stay cheap. */
    static List<String> shippedDecks() throws IOException {
        List<String> decks = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("inputs"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".in")).sorted().toList()) {
                String text = Files.readString(p)
                        .replaceAll("replicate\\s+\\d+\\s+\\d+\\s+\\d+", "replicate 4 4 4")
                        .replaceAll("(?m)^run\\s+\\d+", "run 3");
                decks.add(text);
            }
        }
        assertTrue(decks.size() >= 4, "shipped decks found: " + decks.size());
        return decks;
    }

    static String mutate(String text, Random rnd) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int kinds = rnd.nextInt(8);
        int li = rnd.nextInt(lines.size());
        String line = lines.get(li);
        String[] tok = line.trim().isEmpty() ? new String[0] : line.trim().split("\\s+");
        switch (kinds) {
            case 0 -> lines.remove(li);
            case 1 -> lines.add(li, line);
            case 2 -> {
                if (tok.length > 0) {
                    int t = rnd.nextInt(tok.length);
                    List<String> l = new ArrayList<>(Arrays.asList(tok));
                    l.remove(t);
                    lines.set(li, String.join(" ", l));
                }
            }
            case 3 -> {
                if (tok.length > 0) {
                    int t = rnd.nextInt(tok.length);
                    List<String> l = new ArrayList<>(Arrays.asList(tok));
                    l.add(t, tok[t]);
                    lines.set(li, String.join(" ", l));
                }
            }
            case 4 -> {
                if (tok.length > 1) {
                    int t = rnd.nextInt(tok.length - 1);
                    String a = tok[t];
                    tok[t] = tok[t + 1];
                    tok[t + 1] = a;
                    lines.set(li, String.join(" ", tok));
                }
            }
            case 5 -> {
                if (tok.length > 0) {
                    tok[rnd.nextInt(tok.length)] = JUNK[rnd.nextInt(JUNK.length)];
                    lines.set(li, String.join(" ", tok));
                }
            }
            case 6 -> {
                if (!line.isEmpty()) {
                    int at = rnd.nextInt(line.length());
                    char c = (char) (33 + rnd.nextInt(94));
                    lines.set(li, line.substring(0, at) + c + line.substring(at + 1));
                }
            }
            default -> {
                String all = String.join("\n", lines);
                return all.substring(0, rnd.nextInt(all.length() + 1));
            }
        }
        return String.join("\n", lines);
    }

    static void assertClean(Cli.Result r, String what) {
        if (r.code() != 0 && r.code() != Main.EXIT_INPUT && r.code() != Main.EXIT_BLOWUP) {
            fail("unexpected exit " + r.code() + " for\n" + what + "\n" + r.err());
        }
        if (r.err().contains("internal error") || r.err().contains("\tat ")) {
            fail("uncaught exception for\n" + what + "\n" + r.err());
        }
    }

    @Test
    void mutatedDecksFailOnlyWithClearErrors() throws IOException {
        List<String> decks = shippedDecks();
        Random rnd = new Random(20261125);
        int failures = 0;
        int runs = 400;
        for (int k = 0; k < runs; k++) {
            String text = decks.get(k % decks.size());
            int n = 1 + rnd.nextInt(3);
            for (int m = 0; m < n; m++) {
                text = mutate(text, rnd);
            }
            Path deck = dir.resolve("fuzz" + k + ".in");
            Files.writeString(deck, text, StandardCharsets.UTF_8);
            Cli.Result r = Cli.run("run", "--no-progress", "--threads", "1", deck.toString());
            assertClean(r, text);
            if (r.code() != 0) {
                failures++;
            }
        }
        // The mutations must actually break most decks, or this test tests nothing.
        assertTrue(failures > runs / 3, "only " + failures + " of " + runs + " mutated decks failed");
    }

    @Test
    void mutatedExtxyzFailOnlyWithClearErrors() throws IOException {
        Path deck = dir.resolve("eval.in");
        Files.writeString(deck, "units lj\nspecies Ar mass 1\npotential lj cutoff 2.5\npair_coeff Ar Ar epsilon 1 sigma 1\n");
        String base;
        try (InputStream in = getClass().getResourceAsStream("/reference/lj_small100_cubic5.2_rc2.5_noshift.extxyz")) {
            base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Random rnd = new Random(7);
        int failures = 0;
        int runs = 300;
        for (int k = 0; k < runs; k++) {
            String text = base;
            int n = 1 + rnd.nextInt(2);
            for (int m = 0; m < n; m++) {
                text = mutate(text, rnd);
            }
            Path in = dir.resolve("fuzz" + k + ".extxyz");
            Files.writeString(in, text, StandardCharsets.UTF_8);
            Cli.Result r = Cli.run("eval", "--threads", "1", deck.toString(), in.toString(), dir.resolve("out.extxyz").toString());
            assertClean(r, text.length() > 2000 ? text.substring(0, 2000) : text);
            if (r.code() != 0) {
                failures++;
            }
        }
        assertTrue(failures > runs / 3, "only " + failures + " of " + runs + " mutated files failed");
    }

    @Test
    void damagedCheckpointsAreRefusedClearly() throws IOException {
        Path deck = dir.resolve("d.in");
        Files.writeString(deck, RestartTest.deck("nve", 20, "c"));
        Cli.Result first = Cli.run("run", "--no-progress", deck.toString());
        assertTrue(first.code() == 0, first.err());
        byte[] good = Files.readAllBytes(dir.resolve("c/run.chk"));
        Random rnd = new Random(3);
        for (int k = 0; k < 40; k++) {
            byte[] bad = k % 2 == 0 ? Arrays.copyOf(good, rnd.nextInt(good.length)) : good.clone();
            if (k % 2 == 1) {
                bad[rnd.nextInt(bad.length)] ^= (byte) (1 + rnd.nextInt(255));
            }
            Path chk = dir.resolve("bad" + k + ".chk");
            Files.write(chk, bad);
            Cli.Result r = Cli.run("run", "--no-progress", deck.toString(), "--restart", chk.toString());
            assertClean(r, "checkpoint mutation " + k);
            assertTrue(r.code() == Main.EXIT_INPUT, "damaged checkpoint " + k + " accepted: " + r.err());
        }
    }
}

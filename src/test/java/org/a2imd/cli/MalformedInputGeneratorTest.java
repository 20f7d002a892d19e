package org.a2imd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded generator of malformed inputs over every file kind the program reads (decks, extxyz, .sw,
 * model files; checkpoints are damaged in {@link FuzzTest}). Two families:
 * <ul>
 * <li>invalid values (a size, scale, distance or encoding that cannot be meant, put into an otherwise good
 * file): each must be refused with exit status 2, never accepted silently, never a crash, hang or
 * out-of-memory;</li>
 * <li>random damage (tokens, lines, bytes): the program may run or refuse, but only with an exit status
 * of the README's list and without a stack trace.</li>
 * </ul>
 * Every case runs under a time bound; the whole class takes a few seconds.
 */
class MalformedInputGeneratorTest {
    private static final long SEED = 20261208L;
    private static final Duration BOUND = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    static final String SW_ENTRY = "Si Si Si 2.1683 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0";
    static final String SW_DECK = "units metal\nspecies Si mass 28.0855\nlattice diamond constant 5.431 replicate 2 2 2\n"
            + "velocity temperature 300 seed 1\npotential sw file si.sw\ntimestep 0.001\nthreads 1\nrun 3\n";
    static final String EVAL_A2I = "units lj\nspecies Ar mass 1\npotential a2i file m.model\n";
    static final String EVAL_LJ = "units lj\nspecies Ar mass 1\npotential lj cutoff 2.5\npair_coeff Ar Ar epsilon 1 sigma 1\n";

    /** An invalid value: where it goes (token index or key) and the candidates. */
    private record Field(String name, int index, String[] values) {
    }

    private Cli.Result bounded(String... args) {
        return assertTimeoutPreemptively(BOUND, () -> Cli.run(args), () -> "hang: " + String.join(" ", args));
    }

    private static void assertRefused(Cli.Result r, String what) {
        FuzzTest.assertClean(r, what);
        assertEquals(Main.EXIT_INPUT, r.code(), "invalid input accepted or misreported: " + what + "\n" + r.err());
    }

    private static <T> T pick(T[] a, Random rnd) {
        return a[rnd.nextInt(a.length)];
    }

    private static String referenceXyz() throws IOException {
        try (InputStream in = MalformedInputGeneratorTest.class.getResourceAsStream(
                "/reference/lj_small100_cubic5.2_rc2.5_noshift.extxyz")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void invalidSwValuesAreRefused() throws IOException {
        Field[] fields = {
            new Field("epsilon", 3, new String[] {"-1", "nan", "1e400", "x"}),
            new Field("sigma", 4, new String[] {"0", "-0.0", "-2.0951", "0.0", "nan", "1e400"}),
            new Field("a", 5, new String[] {"0", "0.0", "-1.8"}),
            new Field("lambda", 6, new String[] {"0", "0.0", "-21"}),
            new Field("costheta0", 8, new String[] {"5", "-1.0001", "1.5", "1e300", "-2"}),
            new Field("p", 11, new String[] {"-4"}),
        };
        Files.writeString(dir.resolve("run.in"), SW_DECK);
        Random rnd = new Random(SEED);
        for (int k = 0; k < 40; k++) {
            Field f = pick(fields, rnd);
            String v = pick(f.values(), rnd);
            String[] t = SW_ENTRY.split(" ");
            t[f.index()] = v;
            // Entries may run over several lines: break at a random place as LAMMPS files do.
            List<String> tokens = new ArrayList<>(Arrays.asList(t));
            tokens.add(3 + rnd.nextInt(11), "\n   ");
            Files.writeString(dir.resolve("si.sw"), "# generated\n" + String.join(" ", tokens) + "\n");
            Cli.Result r = bounded("run", "--no-progress", dir.resolve("run.in").toString());
            assertRefused(r, f.name() + " " + v);
            assertTrue(r.err().contains("si.sw:") && r.err().contains(f.name()), r.err());
        }
    }

    @Test
    void invalidModelValuesAreRefused() throws IOException {
        List<String> good = Files.readAllLines(Path.of("potentials/a2i-lj.model"));
        String[][] fields = {
            {"energy_scale", "0", "0.0", "-1", "nan", "inf"},
            {"rbf_scale", "0", "-1.0", "nan"},
            {"n0", "0", "-5"},
            {"width", "100000", "0", "-3", "2147483647", "65536"},
            {"radial", "2000000000", "0", "1000000"},
            {"cutoff", "0", "-1", "nan", "1e6", "1e300", "5e3"},
            {"heads", "0", "1000000"},
            {"layers", "-1", "100000"},
            {"ffn", "2000000000"},
            {"hidden", "2000000000 2000000000", "0 8"},
            {"species", "5 Ar", "0", "1 Ar Ar"},
        };
        Path xyz = dir.resolve("in.extxyz");
        Files.writeString(xyz, referenceXyz());
        Files.writeString(dir.resolve("eval.in"), EVAL_A2I);
        Random rnd = new Random(SEED + 1);
        for (int k = 0; k < 40; k++) {
            String[] f = pick(fields, rnd);
            String v = f[1 + rnd.nextInt(f.length - 1)];
            List<String> l = new ArrayList<>(good);
            for (int i = 0; i < l.size(); i++) {
                if (l.get(i).startsWith(f[0] + " ")) {
                    String[] t = l.get(i).split(" ", 2);
                    // Vectors keep their other values: only the first is replaced.
                    String rest = f[0].equals("rbf_scale") ? t[1].substring(t[1].indexOf(' ') < 0 ? t[1].length()
                            : t[1].indexOf(' ')) : "";
                    l.set(i, f[0] + " " + v + rest);
                }
            }
            boolean fix = rnd.nextBoolean();
            Files.writeString(dir.resolve("m.model"), fix ? MalformedSizeTest.withChecksum(l) : String.join("\n", l) + "\n");
            Cli.Result r = bounded("eval", "--threads", "1", dir.resolve("eval.in").toString(), xyz.toString(),
                    dir.resolve("out.extxyz").toString());
            assertRefused(r, f[0] + " " + v + (fix ? " (checksum fixed)" : ""));
        }
    }

    @Test
    void invalidExtxyzValuesAreRefused() throws IOException {
        String base = referenceXyz();
        Files.writeString(dir.resolve("eval.in"), EVAL_LJ);
        List<Function<Random, String>> damage = List.of(
            rnd -> pick(new String[] {"2147483647", "400000000", "-1", "99999999999", "1.5", "abc", "101"}, rnd)
                    + base.substring(base.indexOf('\n')),
            rnd -> replaceToken(base, 2 + rnd.nextInt(100), 2 + rnd.nextInt(3),
                    pick(new String[] {"1e20", "1e308", "-1e300", "nan", "inf", "1e400", "-6e4"}, rnd)),
            rnd -> base.replaceFirst("energy=", pick(new String[] {"units=metal ", "units= ", "units=real "}, rnd)
                    + "energy="),
            rnd -> base.replaceFirst("Lattice=\"[^\"]*\"", pick(new String[] {"Lattice=\"0 0 0 0 0 0 0 0 0\"",
                "Lattice=\"5 0 0 0 5 0 0 0 nan\"", "Lattice=\"5 0 0 0 5 0\"", "Lattice=\"1 0 0 1 0 0 0 0 1\""}, rnd)),
            rnd -> base.replaceFirst("Properties=species:S:1", pick(new String[] {"Properties=species:S:2",
                "Properties=species:R:1", "Properties=species:S:0"}, rnd)));
        Random rnd = new Random(SEED + 2);
        for (int k = 0; k < 40; k++) {
            String text = damage.get(rnd.nextInt(damage.size())).apply(rnd);
            Path in = dir.resolve("in" + k + ".extxyz");
            Files.writeString(in, text);
            Cli.Result r = bounded("eval", "--threads", "1", dir.resolve("eval.in").toString(), in.toString(),
                    dir.resolve("out.extxyz").toString());
            assertRefused(r, text.substring(0, Math.min(400, text.length())));
        }
    }

    @Test
    void invalidDeckValuesAreRefused() throws IOException {
        String[][] edits = {
            {"cutoff 2.5", "cutoff 1000", "cutoff 300", "cutoff 1e6", "cutoff 0", "cutoff -1", "cutoff nan"},
            {"timestep 0.005", "timestep 0", "timestep -1", "timestep nan", "timestep 1e400"},
            {"run 5", "run -1", "run 1.5"},
            {"density 0.8442", "density 0", "density -1", "density 1e400"},
            {"replicate 4 4 4", "replicate 0 4 4", "replicate 100000 100000 100000", "replicate 4 4"},
            {"temperature 1.0", "temperature -1", "temperature nan"},
            {"epsilon 1.0", "epsilon -1", "epsilon nan"},
            {"run 5", "run 5\nmin_distance 1e5", "run 5\nwatchdog drift 0", "run 5\nwatchdog drift -1",
                "run 5\nwatchdog every 5"},
        };
        Random rnd = new Random(SEED + 3);
        for (int k = 0; k < 30; k++) {
            String[] e = pick(edits, rnd);
            String text = BadInputTest.GOOD.replace(e[0], e[1 + rnd.nextInt(e.length - 1)]);
            Path deck = dir.resolve("d" + k + ".in");
            Files.writeString(deck, text);
            assertRefused(bounded("run", "--no-progress", "--threads", "1", deck.toString()), text);
        }
    }

    /** Bytes that are not UTF-8, at a random place of any text input: refused with the file named. */
    @Test
    void nonUtf8BytesAreRefusedInEveryTextInput() throws IOException {
        Random rnd = new Random(SEED + 4);
        byte[] xyz = referenceXyz().getBytes(StandardCharsets.UTF_8);
        byte[] model = Files.readAllBytes(Path.of("potentials/a2i-lj.model"));
        byte[] sw = ("# generated\n" + SW_ENTRY + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] deck = BadInputTest.GOOD.getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < 24; k++) {
            byte bad = pick(new Byte[] {(byte) 0xe9, (byte) 0xff, (byte) 0xc3, (byte) 0x80}, rnd);
            Cli.Result r;
            String name;
            int at;
            byte[] original;
            switch (k % 4) {
                case 0 -> {
                    name = "in.extxyz";
                    original = xyz;
                    at = rnd.nextInt(xyz.length);
                    Files.write(dir.resolve(name), insert(xyz, at, bad));
                    Files.writeString(dir.resolve("eval.in"), EVAL_LJ);
                    r = bounded("eval", "--threads", "1", dir.resolve("eval.in").toString(), dir.resolve(name).toString(),
                            dir.resolve("out.extxyz").toString());
                }
                case 1 -> {
                    name = "m.model";
                    original = model;
                    at = rnd.nextInt(model.length);
                    Files.write(dir.resolve(name), insert(model, at, bad));
                    Files.writeString(dir.resolve("eval.in"), EVAL_A2I);
                    r = bounded("eval", "--threads", "1", dir.resolve("eval.in").toString(), "inputs/lj-liquid-256-T1.2.extxyz",
                            dir.resolve("out.extxyz").toString());
                }
                case 2 -> {
                    name = "si.sw";
                    original = sw;
                    at = rnd.nextInt(sw.length);
                    Files.write(dir.resolve(name), insert(sw, at, bad));
                    Files.writeString(dir.resolve("run.in"), SW_DECK);
                    r = bounded("run", "--no-progress", dir.resolve("run.in").toString());
                }
                default -> {
                    name = "run.in";
                    original = deck;
                    at = rnd.nextInt(deck.length);
                    Files.write(dir.resolve(name), insert(deck, at, bad));
                    r = bounded("run", "--no-progress", dir.resolve(name).toString());
                }
            }
            assertRefused(r, name + " with byte " + (bad & 0xff));
            // The inputs are ASCII, so the bad byte's line and column follow from where it was put.
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (original[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            String where = name + ":" + line + ":" + (at - lineStart + 1) + ":";
            assertTrue(r.err().contains(where) && r.err().contains("not UTF-8"), "expected " + where + " in " + r.err());
        }
    }

    /** Random damage to .sw and model files (decks, extxyz and checkpoints: {@link FuzzTest}). */
    @Test
    void randomDamageFailsOnlyWithListedExitStatuses() throws IOException {
        Random rnd = new Random(SEED + 5);
        String model = Files.readString(Path.of("potentials/a2i-lj.model"));
        List<String> modelLines = Arrays.asList(model.split("\n"));
        // The header and the first rows only: the weights are thousands of lines of numbers.
        String header = String.join("\n", modelLines.subList(0, 40));
        String tail = String.join("\n", modelLines.subList(40, modelLines.size()));
        Files.writeString(dir.resolve("eval.in"), EVAL_A2I);
        Files.writeString(dir.resolve("run.in"), SW_DECK);
        String sw = Files.readString(Path.of("potentials/Si.sw"));
        for (int k = 0; k < 60; k++) {
            Cli.Result r;
            String what;
            if (k % 2 == 0) {
                String damaged = FuzzTest.mutate(header, rnd) + "\n" + tail + "\n";
                List<String> l = Arrays.asList(damaged.split("\n"));
                Files.writeString(dir.resolve("m.model"), rnd.nextBoolean() ? MalformedSizeTest.withChecksum(l) : damaged);
                what = "model: " + damaged.substring(0, Math.min(1500, damaged.length()));
                r = bounded("eval", "--threads", "1", dir.resolve("eval.in").toString(), "inputs/lj-liquid-256-T1.2.extxyz",
                        dir.resolve("out.extxyz").toString());
            } else {
                String damaged = FuzzTest.mutate(FuzzTest.mutate(sw, rnd), rnd);
                Files.writeString(dir.resolve("si.sw"), damaged);
                what = "sw: " + damaged;
                r = bounded("run", "--no-progress", dir.resolve("run.in").toString());
            }
            FuzzTest.assertClean(r, what);
        }
    }

    private static byte[] insert(byte[] a, int at, byte b) {
        byte[] out = new byte[a.length + 1];
        System.arraycopy(a, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(a, at, out, at + 1, a.length - at);
        return out;
    }

    /** Replaces token {@code tok} (0-based) of line {@code line} (0-based). */
    private static String replaceToken(String text, int line, int tok, String value) {
        String[] lines = text.split("\n", -1);
        String[] t = lines[line].trim().split("\\s+");
        t[tok] = value;
        lines[line] = String.join(" ", t);
        return String.join("\n", lines);
    }
}

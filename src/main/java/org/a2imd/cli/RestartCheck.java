package org.a2imd.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.a2imd.core.InputException;
import org.a2imd.force.ForceField;
import org.a2imd.integrate.Integrator;
import org.a2imd.io.deck.Command;
import org.a2imd.io.deck.Deck;
import org.a2imd.run.Checkpoint;
import org.a2imd.run.ContentHash;
import org.a2imd.run.RunRecord;

/**
 * Decides whether a restart may append to the run's output files. The checkpoint recorded each output's
 * length and content hash and the deck's physics; a restart whose outputs are missing, truncated or
 * different, or whose deck changed its physics, is refused with what differs, instead of cutting the
 * history off or continuing another run under the old name. {@code --new-outputs} starts new files.
 */
final class RestartCheck {
    private RestartCheck() {
    }

    /** The run's record: its deck folder and physics lines "key\tvalue". */
    static RunRecord record(Deck deck, ForceField field, Integrator integrator, double skin) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("timestep", Double.toString(deck.one("timestep").getDouble("dt")));
        p.put("integrator", integrator.describe());
        String ff = field.describe();
        for (Command c : deck.all("potential")) {
            if (c.variant().equals("sw") || c.variant().equals("a2i")) {
                for (Path f : c.getPaths("file")) {
                    // Named by file name, so a run folder moved as a whole keeps its fingerprint.
                    ff = ff.replace(f.toAbsolutePath().toString(), f.getFileName().toString())
                            .replace(f.toString(), f.getFileName().toString());
                    p.put("potential file " + f.getFileName(), ContentHash.hexOf(f));
                }
            }
        }
        p.put("force field", ff);
        p.put("neighbor skin", Double.toString(skin));
        RunRecord names = new RunRecord(deck.baseDir(), List.of());
        deck.optional("thermo").ifPresent(c -> p.put("thermo every", Integer.toString(c.getInt("every"))));
        for (Command t : deck.all("trajectory")) {
            p.put("trajectory " + names.nameOf(t.getPath("file")), "every " + t.getInt("every") + " velocities "
                    + t.getBool("velocities") + " forces " + t.getBool("forces") + " energies " + t.getBool("energies")
                    + " deviation " + t.getBool("deviation"));
        }
        deck.optional("model_deviation").ifPresent(c -> p.put("model_deviation every", Integer.toString(c.getInt("every"))));
        deck.optional("candidates").ifPresent(c -> p.put("candidates", "lo " + c.getDouble("lo") + " hi "
                + c.getDouble("hi") + " every " + c.getInt("every")));
        List<String> lines = new ArrayList<>();
        p.forEach((k, v) -> lines.add(k + "\t" + v));
        return new RunRecord(deck.baseDir(), lines);
    }

    /**
     * Refuses a deck whose outputs (thermo, trajectory, model_deviation, candidates, checkpoint) would
     * replace one of its inputs: the deck itself, or an input reached through another path (a link). The
     * deck layer (DeckChecks) already refuses an output named exactly as an input of the deck.
     */
    static void checkOutputsAreNotInputs(Deck deck, Path deckFile) throws IOException {
        List<Path> inputs = new ArrayList<>();
        inputs.add(deckFile);
        deck.optional("read_extxyz").ifPresent(c -> inputs.add(c.getPath("file")));
        for (Command c : deck.all("potential")) {
            if (c.variant().equals("sw") || c.variant().equals("a2i")) {
                inputs.addAll(c.getPaths("file"));
            }
        }
        List<Command> writers = new ArrayList<>();
        deck.optional("thermo").filter(c -> c.has("file")).ifPresent(writers::add);
        writers.addAll(deck.all("trajectory"));
        deck.optional("model_deviation").ifPresent(writers::add);
        deck.optional("candidates").ifPresent(writers::add);
        deck.optional("checkpoint").ifPresent(writers::add);
        for (Command w : writers) {
            Path out = w.getPath("file");
            for (Path in : inputs) {
                boolean same = out.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize())
                        || (Files.exists(out) && Files.exists(in) && Files.isSameFile(out, in));
                if (same) {
                    throw w.error("file", w.name() + " would overwrite the input " + in
                            + " (output files are emptied when the run starts); give another name");
                }
            }
        }
    }

    /** The output files a run deck writes and a checkpoint records. */
    static List<Path> outputs(Deck deck) {
        List<Path> out = new ArrayList<>();
        deck.optional("thermo").filter(c -> c.has("file")).ifPresent(c -> out.add(c.getPath("file")));
        for (Command t : deck.all("trajectory")) {
            out.add(t.getPath("file"));
        }
        deck.optional("model_deviation").ifPresent(c -> out.add(c.getPath("file")));
        deck.optional("candidates").ifPresent(c -> out.add(c.getPath("file")));
        return out;
    }

    /**
     * Checks the outputs and the physics against the checkpoint; returns, per output file to continue, its
     * length at the checkpoint (files absent from the map start anew). With {@code newOutputs} nothing is
     * continued and nothing is checked but the physics, whose changes are then only reported back.
     *
     * @throws InputException naming the checkpoint, every difference and how to proceed
     */
    static Map<Path, Long> verify(Checkpoint chk, Path chkFile, RunRecord run, List<Path> outputs, boolean newOutputs,
            List<String> notes) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, String> was = split(chk.physics());
        Map<String, String> now = split(run.physics());
        if (chk.version() >= 2) {
            for (String k : union(was, now)) {
                String a = was.get(k);
                String b = now.get(k);
                if (a == null || b == null || !a.equals(b)) {
                    problems.add(k + ": " + (a == null ? "absent" : a) + " at the checkpoint, " + (b == null ? "absent" : b)
                            + " in the deck");
                }
            }
        }
        Map<Path, Long> resume = new LinkedHashMap<>();
        if (newOutputs) {
            notes.addAll(problems);
            return resume;
        }
        int physicsProblems = problems.size();
        for (Path p : outputs) {
            Checkpoint.OutputRecord r = chk.output(p, run);
            String name = run.nameOf(p);
            if (r == null) {
                if (Files.exists(p) && Files.size(p) > 0) {
                    problems.add(name + ": the checkpoint does not record this file, which already holds "
                            + Files.size(p) + " bytes (of another run?)");
                }
                continue;
            }
            if (!Files.exists(p)) {
                problems.add(name + ": missing (the checkpoint recorded " + r.length() + " bytes)");
            } else if (Files.isDirectory(p)) {
                problems.add(name + ": is a directory");
            } else if (Files.size(p) < r.length()) {
                problems.add(name + ": truncated to " + Files.size(p) + " bytes (the checkpoint recorded " + r.length()
                        + ")");
            } else if (r.hash() != null && !java.util.Arrays.equals(r.hash(), ContentHash.ofPrefix(p, r.length()))) {
                problems.add(name + ": its first " + r.length() + " bytes differ from what the run had written by the "
                        + "checkpoint (SHA-256 " + HexFormat.of().formatHex(r.hash()).substring(0, 12) + "...)");
            } else {
                resume.put(p, r.length());
            }
        }
        if (!problems.isEmpty()) {
            String advice = physicsProblems > 0
                    ? "restore the deck as it was, or"
                    : "restore the output files as they were at the checkpoint (the same layout relative to the deck), or";
            throw new InputException(chkFile.toString(), 0, "cannot continue the run from this checkpoint (step "
                    + chk.step() + "): " + String.join("; ", problems) + ". To continue, " + advice
                    + " add --new-outputs to start new output files from the checkpoint (existing ones are replaced)");
        }
        return resume;
    }

    private static Map<String, String> split(List<String> lines) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String l : lines) {
            int tab = l.indexOf('\t');
            m.put(tab < 0 ? l : l.substring(0, tab), tab < 0 ? "" : l.substring(tab + 1));
        }
        return m;
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        for (String k : b.keySet()) {
            if (!a.containsKey(k)) {
                keys.add(k);
            }
        }
        return keys;
    }
}

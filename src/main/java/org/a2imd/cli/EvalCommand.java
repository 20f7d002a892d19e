package org.a2imd.cli;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.a2imd.core.AtomState;
import org.a2imd.core.SpeciesSet;
import org.a2imd.core.Units;
import org.a2imd.core.WorkerPool;
import org.a2imd.force.ForceEvaluator;
import org.a2imd.force.ForceField;
import org.a2imd.io.ExtXyzFrame;
import org.a2imd.io.ExtXyzReader;
import org.a2imd.io.ExtXyzWriter;
import org.a2imd.io.deck.Deck;
import org.a2imd.nnp.CommitteeForceField;
import org.a2imd.run.StateFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a2imd eval DECK IN OUT}: evaluates the deck's force field on every frame of IN and writes OUT
 * with energy, virial, stress, forces and per-atom energies, named as ASE names them. With a committee
 * potential these are the members' means, and each frame also gets the model deviation: per-atom column
 * force_devi and header keys max_devi_f and devi_e.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate the deck's force field on every frame of an extended-XYZ file.",
            "With a committee (potential a2i file M1 M2 ...) the results are the members' means, and each frame "
                    + "also gets the model deviation: column force_devi, header keys max_devi_f and devi_e."})
final class EvalCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(EvalCommand.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DECK", description = "deck with units, species and potential(s)")
    Path deckFile;

    @Parameters(index = "1", paramLabel = "IN", description = "extended-XYZ input (one or more frames)")
    Path input;

    @Parameters(index = "2", paramLabel = "OUT", description = "extended-XYZ output")
    Path output;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        Deck deck = Deck.parse(deckFile).requireForEval();
        checkFiles(input, output);
        if (Files.exists(output) && Files.isSameFile(deckFile, output)) {
            throw new org.a2imd.core.InputException(output.toString(), 0, "the output is the deck; give another name");
        }
        Units units = deck.units();
        SpeciesSet species = deck.species();
        ForceField field = SimulationSetup.forceField(deck, species);
        int nThreads = threads != null ? Main.checkThreads(spec, threads) : Runtime.getRuntime().availableProcessors();
        Path abs = output.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            Files.newBufferedWriter(tmp).close();
        } catch (java.io.IOException e) {
            org.a2imd.core.FileProblems.deleteQuietly(tmp);
            throw org.a2imd.core.FileProblems.writing(output, e);
        }
        int frames = 0;
        try (WorkerPool pool = new WorkerPool(nThreads);
                ExtXyzReader reader = ExtXyzReader.open(input);
                Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                        new WriteErrorsName(Files.newOutputStream(tmp), output), java.nio.charset.StandardCharsets.UTF_8))) {
            ForceEvaluator evaluator = new ForceEvaluator(field, 0.0, pool);
            CommitteeForceField committee = CommitteeForceField.in(field);
            ExtXyzWriter writer = new ExtXyzWriter(w);
            while (true) {
                int line = reader.line() + 1;
                ExtXyzFrame frame = reader.next();
                if (frame == null) {
                    break;
                }
                AtomState s = SimulationSetup.stateOf(frame, units, species, input.toString(), line);
                SimulationSetup.checkCharges(deck, s);
                try {
                    evaluator.neighborList().checkSize(s.box(), s.n);
                } catch (org.a2imd.neighbor.ListTooLargeException e) {
                    throw new org.a2imd.core.InputException(input.toString(), line, "this frame's cell is too small for "
                            + "the deck's cutoff: " + e.getMessage());
                }
                evaluator.evaluateFreshList(s, true);
                frame.setEnergy(evaluator.energy());
                frame.setVirial(evaluator.virial().clone());
                frame.forces = s.force.clone();
                frame.energies = evaluator.atomEnergies().clone();
                if (committee != null) {
                    StateFrames.addDeviation(frame, committee.deviation());
                    frame.info.put("devi_e", Double.toString(committee.deviation().energy()));
                }
                writer.write(frame);
                frames++;
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            org.a2imd.core.FileProblems.deleteQuietly(tmp);
            throw e;
        }
        LOG.info("evaluated {} frame(s) of {} with {}; wrote {}", frames, input, field.describe(), output);
        return 0;
    }

    /**
     * Refuses an output that would destroy an input or a folder: OUT = IN (also through another path to the
     * same file), OUT = the deck, or OUT an existing directory. Bad command-line input: exit status 2.
     */
    static void checkFiles(Path in, Path out) throws java.io.IOException {
        org.a2imd.core.FileProblems.requireReadable(in, "input file");
        if (Files.isDirectory(out)) {
            throw new org.a2imd.core.InputException(out.toString(), 0, "the output is an existing directory; give a "
                    + "file name (a2imd never replaces a directory)");
        }
        if (Files.exists(out) && Files.isSameFile(in, out)) {
            throw new org.a2imd.core.InputException(out.toString(), 0, "the output is the input file " + in
                    + "; give another name (a2imd never overwrites its input)");
        }
    }

    /** Names the output file in a write error (disk full reports only "No space left on device"). */
    private static final class WriteErrorsName extends java.io.FilterOutputStream {
        private final Path name;

        WriteErrorsName(java.io.OutputStream out, Path name) {
            super(out);
            this.name = name;
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            try {
                out.write(b, off, len);
            } catch (java.io.IOException e) {
                throw org.a2imd.core.FileProblems.writing(name, e);
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            try {
                out.flush();
            } catch (java.io.IOException e) {
                throw org.a2imd.core.FileProblems.writing(name, e);
            }
        }
    }
}

package org.a2imd.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.a2imd.core.InputException;
import org.a2imd.run.SimulationFailure;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The a2imd command line. */
@Command(name = "a2imd", mixinStandardHelpOptions = true, version = "a2imd 0.1.0",
        description = "Molecular dynamics with Lennard-Jones, Stillinger-Weber and learned A2I potentials.",
        subcommands = {RunCommand.class, EvalCommand.class, BenchCommand.class, TrainCommand.class,
            EvaluateCommand.class, CompareCommand.class, AnalyzeCommand.class, LearnCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit status for bad input (deck, data, model files). */
    public static final int EXIT_INPUT = 2;
    /** Exit status for a simulation that blew up. */
    public static final int EXIT_BLOWUP = 3;
    /** Exit status for a run interrupted by a signal (after its checkpoint was written). */
    public static final int EXIT_INTERRUPTED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A thread-count option: at least 1, or a usage error that names the option. */
    static int checkThreads(CommandLine.Model.CommandSpec spec, int value) {
        if (value < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, got " + value);
        }
        return value;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status (no System.exit; tests call this). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handle);
        return cl.execute(args);
    }

    /** Users see one clear line for their errors; only a bug in a2imd shows a stack trace. */
    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof InputException) {
            err.println("error: " + e.getMessage());
            err.flush();
            return EXIT_INPUT;
        }
        if (e instanceof org.a2imd.neighbor.ListTooLargeException) {
            // A cutoff against a cell that the set-up checks could not tie to a deck line (a cell changed later).
            err.println("error: " + e.getMessage());
            err.flush();
            return EXIT_INPUT;
        }
        if (e instanceof SimulationFailure) {
            err.println("error: " + e.getMessage());
            err.flush();
            return EXIT_BLOWUP;
        }
        if (e instanceof IOException || e instanceof java.io.UncheckedIOException) {
            IOException io = e instanceof IOException x ? x : ((java.io.UncheckedIOException) e).getCause();
            // Java's file-system messages are often the bare path: add the reason.
            String msg = io instanceof java.nio.file.FileSystemException f && f.getFile() != null
                    && !String.valueOf(io.getMessage()).startsWith("cannot ")
                    ? f.getFile() + ": " + org.a2imd.core.FileProblems.reason(io) : io.getMessage();
            err.println("error: " + msg);
            err.flush();
            return 1;
        }
        err.println("internal error in a2imd (please report it with the deck that caused it):");
        e.printStackTrace(err);
        err.flush();
        return 70;
    }
}

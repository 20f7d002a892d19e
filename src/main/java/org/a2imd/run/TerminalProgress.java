package org.a2imd.run;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar (steps, rate, time left) on stderr. Only for interactive terminals: {@link #forConsole}
 * returns {@link ProgressListener#NONE} when output is redirected or under CI, so nothing of it lands in
 * files or logs.
 */
public final class TerminalProgress implements ProgressListener {
    private final String task;
    private ProgressBar bar;
    private long first;

    private TerminalProgress(String task) {
        this.task = task;
    }

    /** A progress bar if stderr looks like a terminal, otherwise a listener that does nothing. */
    public static ProgressListener forConsole(String task) {
        boolean ci = System.getenv("CI") != null;
        return stderrIsTerminal() && !ci ? new TerminalProgress(task) : ProgressListener.NONE;
    }

    /** On Linux, stderr's file descriptor names the terminal device; elsewhere ask for a console. */
    static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    @Override
    public void started(long step, long lastStep) {
        first = step;
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(lastStep - step)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).setUnit(" steps", 1)
                .showSpeed().setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    @Override
    public void advanced(long step) {
        bar.stepTo(step - first);
    }

    @Override
    public void finished() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}

package org.a2imd.core;

/**
 * A user's input is wrong: a deck, a data file, a model or parameter file. The message names the file,
 * the line (and column when known) and what was expected, and is meant to be shown as it is, without a
 * stack trace.
 */
public class InputException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    /** line and column are 1-based; 0 means unknown. */
    public InputException(String file, int line, int column, String problem) {
        super(format(file, line, column, problem));
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public InputException(String file, int line, String problem) {
        this(file, line, 0, problem);
    }

    private static String format(String file, int line, int column, String problem) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<input>" : file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(problem).toString();
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the location prefix. */
    public String problem() {
        return problem;
    }
}

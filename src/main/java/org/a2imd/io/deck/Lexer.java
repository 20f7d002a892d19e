package org.a2imd.io.deck;

import java.util.ArrayList;
import java.util.List;

import org.a2imd.core.InputException;

/**
 * Splits deck text into logical lines of tokens. Rules: whitespace separates tokens; {@code #} outside
 * quotes starts a comment; a {@code &} that is the last thing on a line (comments aside) joins the next
 * line to this one; {@code "double quotes"} make one token of text with spaces (no escapes, no line
 * breaks inside). Tokens keep their own physical line and column, so errors in continued lines point to
 * the right place.
 */
final class Lexer {
    private final String file;
    private final List<List<Token>> logicalLines = new ArrayList<>();
    private List<Token> current = new ArrayList<>();
    private boolean continued;
    private int continuedLine;
    private int continuedColumn;

    private Lexer(String file) {
        this.file = file;
    }

    /** The non-empty logical lines of {@code text}, in order. */
    static List<List<Token>> tokenize(String text, String file) {
        Lexer lexer = new Lexer(file);
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lexer.line(lines[i], i + 1);
        }
        if (lexer.continued) {
            throw new InputException(file, lexer.continuedLine, lexer.continuedColumn,
                    "the line ends with '&' (continue on the next line) but the file ends there");
        }
        lexer.flush();
        return lexer.logicalLines;
    }

    /** {@code text} as one quoted token; the deck language has no escapes, so a quote or line break cannot be written. */
    static String quote(String text) {
        if (text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a deck cannot hold a value with a quote or line break: " + text);
        }
        return "\"" + text + "\"";
    }

    private void line(String s, int lineNo) {
        continued = false;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '#') {
                break;
            } else if (c == '&' && restIsBlank(s, i + 1)) {
                markContinued(lineNo, i);
                break;
            } else if (c == '"') {
                i = quoted(s, i, lineNo);
            } else {
                i = bare(s, i, lineNo);
            }
        }
        if (!continued) {
            flush();
        }
    }

    private int quoted(String s, int start, int lineNo) {
        int close = s.indexOf('"', start + 1);
        if (close < 0) {
            throw new InputException(file, lineNo, start + 1,
                    "unterminated string: this \" has no closing \" on the same line");
        }
        current.add(new Token(s.substring(start + 1, close), lineNo, start + 1, true));
        int after = close + 1;
        if (after < s.length()) {
            char c = s.charAt(after);
            boolean ok = isSpace(c) || c == '#' || (c == '&' && restIsBlank(s, after + 1));
            if (!ok) {
                throw new InputException(file, lineNo, after + 1,
                        "expected a space after the closing quote, found '" + printable(c) + "'");
            }
        }
        return after;
    }

    private int bare(String s, int start, int lineNo) {
        int i = start;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isSpace(c) || c == '#' || (c == '&' && restIsBlank(s, i + 1))) {
                break;
            }
            if (c == '"') {
                throw new InputException(file, lineNo, i + 1, "unexpected quote inside "
                        + Token.show(s.substring(start, i)) + "; put the whole value in quotes");
            }
            i++;
        }
        current.add(new Token(s.substring(start, i), lineNo, start + 1, false));
        return i;
    }

    private void markContinued(int lineNo, int index) {
        continued = true;
        continuedLine = lineNo;
        continuedColumn = index + 1;
    }

    private void flush() {
        if (!current.isEmpty()) {
            logicalLines.add(current);
            current = new ArrayList<>();
        }
    }

    /** Only blanks, or a comment, follow position i. */
    private static boolean restIsBlank(String s, int i) {
        for (int k = i; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '#') {
                return true;
            }
            if (!isSpace(c)) {
                return false;
            }
        }
        return true;
    }

    /** Space, tab, CR (Windows line ends), form feed and other ASCII blanks separate tokens. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}

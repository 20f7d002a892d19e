package org.a2imd.io.deck;

/**
 * One word of a deck with the place it was read from. {@code quoted} tokens came from "double quotes":
 * they are always values, never keywords, so a species may even be called "seed".
 */
public record Token(String text, int line, int column, boolean quoted) {

    /** The token as the user typed it, quoted and escaped for an error message. */
    public String shown() {
        return show(text);
    }

    /** Text in double quotes with control characters escaped and long text cut, for messages. */
    static String show(String text) {
        StringBuilder sb = new StringBuilder("\"");
        int limit = Math.min(text.length(), 40);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > limit) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }
}

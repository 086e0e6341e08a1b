package dev.jnetlab.commands.text;

/**
 * Breaks a line of text between words so that no line is wider than a terminal's 80 columns;
 * the lines after the first start with a hanging indent (under the usage's first word, under
 * a table's second column). A word longer than a line stays whole.
 */
public final class Wrap {
    /** The width help is written for: a terminal's default. */
    public static final int WIDTH = 80;

    private Wrap() {
    }

    /** {@code line} in lines of at most {@code width} columns, those after the first indented by {@code indent}. */
    public static String line(String line, int width, int indent) {
        if (line.length() <= width) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length() + 16);
        int column = 0;
        int i = 0;
        while (i < line.length()) {
            int spaces = i;
            while (spaces < line.length() && line.charAt(spaces) == ' ') {
                spaces++;
            }
            int end = spaces;
            while (end < line.length() && line.charAt(end) != ' ') {
                end++;
            }
            int word = end - spaces;
            // The spaces before a word stay as they were (a table's columns), unless the word starts a line.
            if (column > indent && i > 0 && column + (spaces - i) + word > width) {
                out.append('\n').append(" ".repeat(indent));
                column = indent;
            } else {
                out.append(line, i, spaces);
                column += spaces - i;
            }
            out.append(line, spaces, end);
            column += word;
            i = end;
        }
        return out.toString();
    }
}

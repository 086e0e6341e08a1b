package dev.jnetlab.commands.text;

/**
 * Breaks a line of text between words so that no line is wider than a terminal's 80 columns;
 * the lines after the first start with a hanging indent (under the usage's first word, under
 * a table's second column). A word longer than a line stays whole.
 */
public final class Wrap {
    /** The width help is written for: a terminal's default. */
    public static final int WIDTH = 80;
    /** Holds a form's words together while {@link #usage} breaks the rest; no usage line has one. */
    private static final char GLUE = '\u00A0';

    private Wrap() {
    }

    /**
     * A usage line of forms joined by {@code |} ({@code lab retry | lab run FILE --solution}),
     * broken between forms only, so that no form is split over two lines; a form too wide for a
     * line of its own is broken between words as {@link #line} does. A {@code |} inside brackets
     * joins options, not forms.
     */
    public static String usage(String line, int width, int indent) {
        StringBuilder glued = new StringBuilder(line.length());
        int depth = 0;
        int formStart = 0;
        for (int i = 0; i <= line.length(); i++) {
            boolean formEnds = i == line.length() || depth == 0 && line.startsWith(" | ", i);
            if (formEnds) {
                String form = line.substring(formStart, i);
                glued.append(form.length() <= width - indent ? form.replace(' ', GLUE) : form);
                if (i == line.length()) {
                    break;
                }
                glued.append(GLUE).append("| "); // the bar ends its form's line, as a line of help is read
                formStart = i + 3;
                i += 2;
                continue;
            }
            char c = line.charAt(i);
            depth += c == '[' || c == '(' ? 1 : c == ']' || c == ')' ? -1 : 0;
        }
        return line(glued.toString(), width, indent).replace(GLUE, ' ');
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

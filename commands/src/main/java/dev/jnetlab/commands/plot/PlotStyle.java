package dev.jnetlab.commands.plot;

import dev.jnetlab.host.plot.TerminalChart;
import java.nio.charset.Charset;
import java.util.function.IntSupplier;

/**
 * How a chart is drawn in the terminal when no option says: braille in colour on a colour
 * terminal whose character set has braille, plain ASCII without one, with {@code NO_COLOR} set
 * (as the shell decides its own colour, no-color.org) or on a terminal that cannot show braille
 * (an ASCII locale), as wide as the console's terminal is now (the shell tells,
 * {@link #useTerminal}), else as {@code COLUMNS} says, else {@value #DEFAULT_COLUMNS}.
 *
 * @param style   braille in colour, or ASCII letters
 * @param columns the terminal's width
 */
public record PlotStyle(TerminalChart.Style style, int columns) {
    public static final int DEFAULT_COLUMNS = 100;

    /** The width of the process' one terminal while the shell has it; null otherwise. Like System.console(), process-wide. */
    private static volatile IntSupplier terminalColumns;
    /** The character set of that terminal, while the shell has it. */
    private static volatile Charset terminalCharset;

    /** The shell has the terminal: plots follow its width and its character set ({@code null}s: it has let it go). */
    public static void useTerminal(IntSupplier columns, Charset charset) {
        terminalColumns = columns;
        terminalCharset = charset;
    }

    /** The style of this process' terminal. */
    public static PlotStyle ofEnvironment() {
        IntSupplier columns = terminalColumns;
        String width = columns == null || columns.getAsInt() <= 0 ? System.getenv("COLUMNS")
                : String.valueOf(columns.getAsInt());
        Charset charset = terminalCharset;
        boolean braille = (charset == null ? Charset.defaultCharset() : charset).newEncoder().canEncode('\u2801');
        return of(System.getenv("NO_COLOR"), System.console() != null && braille, System.getenv("TERM"), width);
    }

    /**
     * @param console whether a terminal that can show braille is there
     */
    static PlotStyle of(String noColor, boolean console, String term, String columns) {
        boolean colour = noColor == null && console && term != null && !term.startsWith("dumb");
        int width = DEFAULT_COLUMNS;
        if (columns != null && columns.matches("[0-9]{1,4}")) {
            width = Math.max(TerminalChart.MIN_COLUMNS, Integer.parseInt(columns));
        }
        return new PlotStyle(colour ? TerminalChart.Style.COLOUR : TerminalChart.Style.ASCII, width);
    }

    /** This style, {@code width} columns wide when given. */
    PlotStyle width(Integer width) {
        return width == null ? this : new PlotStyle(style, width);
    }

    /** This style in ASCII when {@code ascii}. */
    PlotStyle ascii(boolean ascii) {
        return ascii ? new PlotStyle(TerminalChart.Style.ASCII, columns) : this;
    }
}

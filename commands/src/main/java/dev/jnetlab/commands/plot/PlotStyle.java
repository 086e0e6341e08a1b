package dev.jnetlab.commands.plot;

import dev.jnetlab.host.plot.TerminalChart;

/**
 * How a chart is drawn in the terminal when no option says: braille in colour on a colour
 * terminal, plain ASCII without one or with {@code NO_COLOR} set (as the shell decides its own
 * colour, no-color.org), as wide as {@code COLUMNS} says or {@value #DEFAULT_COLUMNS}.
 *
 * @param style   braille in colour, or ASCII letters
 * @param columns the terminal's width
 */
public record PlotStyle(TerminalChart.Style style, int columns) {
    public static final int DEFAULT_COLUMNS = 100;

    /** The style of this process' terminal. */
    public static PlotStyle ofEnvironment() {
        return of(System.getenv("NO_COLOR"), System.console() != null, System.getenv("TERM"), System.getenv("COLUMNS"));
    }

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

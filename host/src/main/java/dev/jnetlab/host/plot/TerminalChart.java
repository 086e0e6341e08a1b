package dev.jnetlab.host.plot;

import java.util.List;

/**
 * Draws a {@link Chart} in a terminal as many columns wide as it is given: the y axis' labels
 * on the left, the plot in braille dots (colour terminal) or ASCII letters (plain terminal,
 * {@code NO_COLOR}), the x axis' labels under it, and a legend of the inks it used.
 */
public final class TerminalChart {
    /** The narrowest chart drawn; a narrower terminal gets this width all the same. */
    public static final int MIN_COLUMNS = 40;
    /** Plot rows, whatever the width. */
    public static final int ROWS = 16;

    /** How the plot is drawn. */
    public enum Style {
        /** Braille dots in colour. */
        COLOUR,
        /** Plain ASCII letters, one per cell. */
        ASCII
    }

    private TerminalChart() {
    }

    public static String render(Chart chart, int columns, Style style) {
        boolean colour = style == Style.COLOUR;
        columns = Math.max(MIN_COLUMNS, columns);
        double[] ys = chart.yRange();
        double[] xs = chart.xRange();
        Axis probe = Axis.covering(ys[0], ys[1], 2);
        int margin = 1 + Math.max(probe.label(probe.min()).length(), probe.label(probe.max()).length());
        int plotColumns = columns - margin - 1;
        TextCanvas canvas = new TextCanvas(plotColumns, ROWS, colour);
        Axis x = Axis.covering(xs[0], xs[1], canvas.width());
        Axis y = Axis.covering(ys[0], ys[1], canvas.height());
        draw(chart, canvas, x, y);

        StringBuilder out = new StringBuilder();
        out.append(chart.title()).append(" (").append(chart.yUnit()).append(" over time, ").append(chart.xUnit()).append(")\n");
        String[] yLabels = new String[ROWS];
        for (double tick : y.ticks()) {
            int row = ROWS - 1 - y.dot(tick) / (colour ? 4 : 1);
            yLabels[row] = y.label(tick);
        }
        for (int row = 0; row < ROWS; row++) {
            String label = yLabels[row] == null ? "" : yLabels[row];
            out.append(" ".repeat(margin - label.length())).append(label).append(yLabels[row] == null ? '|' : '+')
                    .append(canvas.row(row, colour)).append('\n');
        }
        out.append(" ".repeat(margin)).append('+').append("-".repeat(plotColumns)).append('\n');
        char[] xLabels = " ".repeat(columns).toCharArray();
        int free = 0;
        for (double tick : x.ticks()) {
            String label = x.label(tick);
            int at = margin + 1 + x.dot(tick) / (colour ? 2 : 1) - label.length() / 2;
            if (at >= free && at + label.length() <= xLabels.length) {
                label.getChars(0, label.length(), xLabels, at);
                free = at + label.length() + 1;
            }
        }
        out.append(new String(xLabels).stripTrailing()).append('\n');
        out.append(legend(chart, colour, columns));
        return out.toString();
    }

    /** Puts every layer's marks on the canvas, scaled by the axes. */
    static void draw(Chart chart, TextCanvas canvas, Axis x, Axis y) {
        for (Chart.Layer layer : chart.layers()) {
            if (layer instanceof Chart.Bars bars) {
                for (Chart.Bar bar : bars.bars()) {
                    int at = x.dot(bar.x());
                    canvas.line(at, y.dot(bar.low()), at, y.dot(bar.high()), bars.ink());
                }
            } else if (layer instanceof Chart.Steps steps) {
                List<Chart.Point> points = steps.points();
                for (int i = 0; i < points.size(); i++) {
                    Chart.Point p = points.get(i);
                    int px = x.dot(p.x());
                    int py = y.dot(p.y());
                    if (i + 1 < points.size()) {
                        Chart.Point q = points.get(i + 1);
                        int qx = x.dot(q.x());
                        canvas.line(px, py, qx, py, steps.ink());
                        canvas.line(qx, py, qx, y.dot(q.y()), steps.ink());
                    } else {
                        canvas.dot(px, py, steps.ink());
                    }
                }
            }
        }
    }

    /** The inks used, as many to a line as fit in {@code columns} (escape codes take no room). */
    private static String legend(Chart chart, boolean colour, int columns) {
        StringBuilder out = new StringBuilder();
        int lineWidth = 0;
        for (Chart.Layer layer : chart.layers()) {
            if (layer.isEmpty()) {
                continue;
            }
            Ink ink = layer.ink();
            int itemWidth = 2 + ink.label().length();
            if (lineWidth > 0 && lineWidth + 3 + itemWidth > columns) {
                out.append('\n');
                lineWidth = 0;
            } else if (lineWidth > 0) {
                out.append("   ");
                lineWidth += 3;
            }
            if (colour) {
                out.append("\u001b[").append(ink.ansi()).append("m\u28ff\u001b[0m ");
            } else {
                out.append(ink.ascii()).append(' ');
            }
            out.append(ink.label());
            lineWidth += itemWidth;
        }
        return out.length() == 0 ? "(nothing to draw yet)" : out.toString();
    }
}

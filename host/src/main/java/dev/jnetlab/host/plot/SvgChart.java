package dev.jnetlab.host.plot;

import java.util.List;

/**
 * Draws a {@link Chart} as a standalone SVG picture: axes with round ticks and a light grid,
 * each layer in its ink's colour (bars as lines, steps as one path), a letter over each
 * retransmission-like bar as tcptrace marks them, the legend under the plot. The text depends
 * on the chart alone.
 */
public final class SvgChart {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 440;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 36;
    private static final int BOTTOM = 80;

    private SvgChart() {
    }

    public static String render(Chart chart) {
        StringBuilder out = new StringBuilder(4096);
        out.append(Svg.open(WIDTH, HEIGHT, chart.title()));
        appendBody(chart, out);
        return out.append("</svg>\n").toString();
    }

    /** The chart's elements without the {@code svg} element around them, for embedding. */
    static void appendBody(Chart chart, StringBuilder out) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double[] xs = chart.xRange();
        double[] ys = chart.yRange();
        Axis x = Axis.covering(xs[0], xs[1], plotWidth);
        Axis y = Axis.covering(ys[0], ys[1], plotHeight);
        out.append("<text class=\"chart-title\" x=\"").append(WIDTH / 2).append("\" y=\"20\" text-anchor=\"middle\" "
                + "font-size=\"15\">").append(Svg.escape(chart.title())).append("</text>\n");
        out.append("<g class=\"grid\" stroke=\"#e5e5e5\" stroke-width=\"1\">\n");
        for (double tick : x.ticks()) {
            double px = LEFT + x.fraction(tick) * plotWidth;
            out.append("<line x1=\"").append(Svg.n(px)).append("\" y1=\"").append(TOP).append("\" x2=\"").append(Svg.n(px))
                    .append("\" y2=\"").append(TOP + plotHeight).append("\"/>\n");
        }
        for (double tick : y.ticks()) {
            double py = TOP + (1 - y.fraction(tick)) * plotHeight;
            out.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(Svg.n(py)).append("\" x2=\"")
                    .append(LEFT + plotWidth).append("\" y2=\"").append(Svg.n(py)).append("\"/>\n");
        }
        out.append("</g>\n<g class=\"axes\" fill=\"#333\">\n");
        out.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotWidth)
                .append("\" height=\"").append(plotHeight).append("\" fill=\"none\" stroke=\"#333\"/>\n");
        for (double tick : x.ticks()) {
            double px = LEFT + x.fraction(tick) * plotWidth;
            out.append("<text x=\"").append(Svg.n(px)).append("\" y=\"").append(TOP + plotHeight + 16)
                    .append("\" text-anchor=\"middle\">").append(x.label(tick)).append("</text>\n");
        }
        for (double tick : y.ticks()) {
            double py = TOP + (1 - y.fraction(tick)) * plotHeight;
            out.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(Svg.n(py + 4))
                    .append("\" text-anchor=\"end\">").append(y.label(tick)).append("</text>\n");
        }
        out.append("<text x=\"").append(LEFT + plotWidth / 2).append("\" y=\"").append(TOP + plotHeight + 34)
                .append("\" text-anchor=\"middle\">time (").append(Svg.escape(chart.xUnit())).append(")</text>\n");
        out.append("<text transform=\"translate(14 ").append(TOP + plotHeight / 2).append(") rotate(-90)\" "
                + "text-anchor=\"middle\">").append(Svg.escape(chart.yUnit())).append("</text>\n</g>\n");
        for (Chart.Layer layer : chart.layers()) {
            if (layer.isEmpty()) {
                continue;
            }
            String colour = layer.ink().colour();
            String name = layer.ink().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            if (layer instanceof Chart.Bars bars) {
                boolean lettered = layer.ink().ordinal() >= Ink.RETRANSMISSION.ordinal();
                out.append("<g class=\"").append(name).append("\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"2\" fill=\"").append(colour).append("\">\n");
                for (Chart.Bar bar : bars.bars()) {
                    double px = LEFT + x.fraction(bar.x()) * plotWidth;
                    double low = TOP + (1 - y.fraction(bar.low())) * plotHeight;
                    double high = TOP + (1 - y.fraction(bar.high())) * plotHeight;
                    out.append("<line x1=\"").append(Svg.n(px)).append("\" y1=\"").append(Svg.n(low)).append("\" x2=\"")
                            .append(Svg.n(px)).append("\" y2=\"").append(Svg.n(Math.min(high, low - 1))).append("\"/>\n");
                    if (lettered) {
                        out.append("<text x=\"").append(Svg.n(px + 3)).append("\" y=\"").append(Svg.n(high - 2))
                                .append("\" stroke=\"none\" font-size=\"10\">").append(layer.ink().ascii()).append("</text>\n");
                    }
                }
                out.append("</g>\n");
            } else if (layer instanceof Chart.Steps steps) {
                out.append("<path class=\"").append(name).append("\" fill=\"none\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"1.5\" d=\"");
                List<Chart.Point> points = steps.points();
                double lastY = 0;
                for (int i = 0; i < points.size(); i++) {
                    double px = LEFT + x.fraction(points.get(i).x()) * plotWidth;
                    double py = TOP + (1 - y.fraction(points.get(i).y())) * plotHeight;
                    if (i == 0) {
                        out.append('M').append(Svg.n(px)).append(' ').append(Svg.n(py));
                    } else {
                        out.append(" H").append(Svg.n(px)).append(" V").append(Svg.n(py));
                    }
                    lastY = py;
                }
                if (points.size() == 1) {
                    out.append(" h1 V").append(Svg.n(lastY));
                }
                out.append("\"/>\n");
            }
        }
        out.append("<g class=\"legend\">\n");
        int lx = LEFT;
        int ly = HEIGHT - 20;
        for (Chart.Layer layer : chart.layers()) {
            if (layer.isEmpty()) {
                continue;
            }
            Ink ink = layer.ink();
            out.append("<rect x=\"").append(lx).append("\" y=\"").append(ly - 9).append("\" width=\"12\" height=\"10\" fill=\"")
                    .append(ink.colour()).append("\"/><text x=\"").append(lx + 16).append("\" y=\"").append(ly).append("\">")
                    .append(Svg.escape(ink.label())).append("</text>\n");
            lx += 28 + ink.label().length() * 7;
        }
        out.append("</g>\n");
    }
}

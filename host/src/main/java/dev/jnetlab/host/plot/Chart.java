package dev.jnetlab.host.plot;

import java.util.List;
import java.util.Objects;

/**
 * A chart to draw, in the terminal ({@link TerminalChart}) or as SVG ({@link SvgChart}): its
 * layers of marks over an x axis of seconds and a y axis of some unit.
 *
 * @param title  what it shows
 * @param xUnit  the x axis' unit, for its label
 * @param yUnit  the y axis' unit
 * @param layers drawn in order, later over earlier
 */
public record Chart(String title, String xUnit, String yUnit, List<Layer> layers) {
    public Chart {
        Objects.requireNonNull(title, "title");
        layers = List.copyOf(layers);
    }

    /** One kind of mark on a chart. */
    public sealed interface Layer permits Bars, Steps {
        Ink ink();

        boolean isEmpty();
    }

    /** Vertical bars: a segment sent, from its first sequence number to its last (tcptrace's time-sequence bars). */
    public record Bars(Ink ink, List<Bar> bars) implements Layer {
        public Bars {
            bars = List.copyOf(bars);
        }

        @Override
        public boolean isEmpty() {
            return bars.isEmpty();
        }
    }

    /** A line that holds its value until the next point: the ACK line, the window, cwnd. */
    public record Steps(Ink ink, List<Point> points) implements Layer {
        public Steps {
            points = List.copyOf(points);
        }

        @Override
        public boolean isEmpty() {
            return points.isEmpty();
        }
    }

    public record Bar(double x, double low, double high) {
    }

    public record Point(double x, double y) {
    }

    /** Whether there is nothing to draw. */
    public boolean isEmpty() {
        return layers.stream().allMatch(Layer::isEmpty);
    }

    /** The smallest and largest x of any mark; {0, 1} when there is none. */
    public double[] xRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Layer layer : layers) {
            if (layer instanceof Bars b) {
                for (Bar bar : b.bars()) {
                    lo = Math.min(lo, bar.x());
                    hi = Math.max(hi, bar.x());
                }
            } else if (layer instanceof Steps s) {
                for (Point p : s.points()) {
                    lo = Math.min(lo, p.x());
                    hi = Math.max(hi, p.x());
                }
            }
        }
        return lo > hi ? new double[] {0, 1} : new double[] {lo, hi};
    }

    /** The smallest and largest y of any mark; {0, 1} when there is none. */
    public double[] yRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Layer layer : layers) {
            if (layer instanceof Bars b) {
                for (Bar bar : b.bars()) {
                    lo = Math.min(lo, bar.low());
                    hi = Math.max(hi, bar.high());
                }
            } else if (layer instanceof Steps s) {
                for (Point p : s.points()) {
                    lo = Math.min(lo, p.y());
                    hi = Math.max(hi, p.y());
                }
            }
        }
        return lo > hi ? new double[] {0, 1} : new double[] {lo, hi};
    }
}

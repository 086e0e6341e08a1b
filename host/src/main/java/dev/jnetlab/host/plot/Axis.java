package dev.jnetlab.host.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * One axis of a chart: a range of values stretched over a number of dots, widened to round
 * ends, and its ticks at a round step (1, 2 or 5 times a power of ten), as a person labels a
 * graph by hand.
 *
 * @param min  the value at dot 0
 * @param max  the value at the last dot
 * @param step the distance between ticks
 * @param dots how many dots the axis has
 */
public record Axis(double min, double max, double step, int dots) {
    /** Ticks the axis aims for; it gets between about half and twice as many. */
    static final int TICKS = 5;

    public Axis {
        if (dots < 2 || !(max > min) || !(step > 0)) {
            throw new IllegalArgumentException("an axis from " + min + " to " + max + " step " + step + " over " + dots);
        }
    }

    /** An axis covering {@code [low, high]} over {@code dots}, widened to whole ticks; an empty range is widened to one unit. */
    public static Axis covering(double low, double high, int dots) {
        if (!(high > low)) {
            high = low + 1;
        }
        double step = roundStep((high - low) / TICKS);
        double min = Math.floor(low / step) * step;
        double max = Math.ceil(high / step) * step;
        if (max <= min) {
            max = min + step;
        }
        return new Axis(min, max, step, dots);
    }

    /** The round number (1, 2 or 5 times a power of ten) nearest above {@code rough}. */
    static double roundStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        double round = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return round * power;
    }

    /** The dot of {@code value}, from 0 at {@link #min} to {@code dots - 1} at {@link #max}, clamped. */
    public int dot(double value) {
        double at = Math.round((value - min) / (max - min) * (dots - 1));
        return (int) Math.max(0, Math.min(dots - 1, at));
    }

    /** The fraction of the axis at {@code value}: 0 at {@link #min}, 1 at {@link #max} (for vector drawing). */
    public double fraction(double value) {
        return (value - min) / (max - min);
    }

    /** The tick values from {@link #min} to {@link #max}. */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long count = Math.round((max - min) / step);
        for (long i = 0; i <= count; i++) {
            ticks.add(min + i * step);
        }
        return ticks;
    }

    /** A tick's label: no more decimals than the step needs. */
    public String label(double value) {
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    }
}

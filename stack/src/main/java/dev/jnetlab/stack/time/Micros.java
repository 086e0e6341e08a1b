package dev.jnetlab.stack.time;

/**
 * Arithmetic and printing for stack time.
 *
 * <p>Every instant and duration in the stack is a {@code long} count of microseconds: an
 * instant counts from its {@link Clock}'s epoch, a duration is a difference of two instants.
 * They are primitives rather than value objects because the packet path stores deadlines
 * (retransmission, delayed ACK, ARP expiry) once per segment, and a stored object is an
 * allocation per segment (ARCHITECTURE.md §4). Parameters named {@code now}, {@code at} or ending
 * in {@code Micros} carry this unit; this class is the one place that converts it.
 */
public final class Micros {
    public static final long PER_MILLI = 1_000L;
    public static final long PER_SECOND = 1_000_000L;

    /** An instant later than any the stack reaches: "no deadline". */
    public static final long NEVER = Long.MAX_VALUE;

    private Micros() {
    }

    public static long ofMillis(long millis) {
        return Math.multiplyExact(millis, PER_MILLI);
    }

    public static long ofSeconds(long seconds) {
        return Math.multiplyExact(seconds, PER_SECOND);
    }

    /** Seconds given as a decimal (a console's {@code -i 0.2}), rounded to the microsecond. */
    public static long ofSeconds(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0 || seconds > Long.MAX_VALUE / (double) PER_SECOND) {
            throw new IllegalArgumentException("not a duration in seconds: " + seconds);
        }
        return Math.round(seconds * PER_SECOND);
    }

    public static long toMillis(long micros) {
        return micros / PER_MILLI;
    }

    /** {@code a + b}, saturating at {@link #NEVER} so a deadline far away never wraps into the past. */
    public static long plus(long at, long duration) {
        long sum = at + duration;
        return ((at ^ sum) & (duration ^ sum)) < 0 ? NEVER : sum;
    }

    /**
     * A duration the way a person reads it: {@code 850us}, {@code 12.5ms}, {@code 1.204s},
     * {@code never} for {@link #NEVER}.
     */
    public static String format(long micros) {
        StringBuilder out = new StringBuilder(12);
        appendTo(out, micros);
        return out.toString();
    }

    public static StringBuilder appendTo(StringBuilder out, long micros) {
        if (micros == NEVER) {
            return out.append("never");
        }
        long magnitude = Math.abs(micros);
        if (micros < 0) {
            out.append('-');
        }
        if (magnitude < PER_MILLI) {
            return out.append(magnitude).append("us");
        }
        if (magnitude < PER_SECOND) {
            return appendDecimal(out, magnitude, PER_MILLI, 1).append("ms");
        }
        return appendDecimal(out, magnitude, PER_SECOND, 3).append('s');
    }

    /** {@code value / unit} with {@code digits} decimals, trailing zeros dropped. */
    private static StringBuilder appendDecimal(StringBuilder out, long value, long unit, int digits) {
        long scale = 1;
        for (int i = 0; i < digits; i++) {
            scale *= 10;
        }
        long scaled = Math.round((double) value * scale / unit);
        out.append(scaled / scale);
        long fraction = scaled % scale;
        if (fraction != 0) {
            // Digit by digit, leading zeros kept and trailing ones dropped, allocating nothing:
            // fault reports on the packet path print through here.
            out.append('.');
            for (long digit = scale / 10; fraction != 0; digit /= 10) {
                out.append((char) ('0' + fraction / digit));
                fraction %= digit;
            }
        }
        return out;
    }
}

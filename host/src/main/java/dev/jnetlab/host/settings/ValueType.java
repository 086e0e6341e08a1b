package dev.jnetlab.host.settings;

import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.time.Micros;
import java.util.Locale;

/**
 * How the value of a {@link SocketOption} is written, read and shown. Every value is held as a
 * {@code long}: a switch as 1 or 0, a duration in microseconds ({@link Micros#NEVER} for
 * {@code off}), a size in octets, a count, an algorithm as its ordinal.
 */
public enum ValueType {
    /** {@code on} or {@code off}. */
    SWITCH("on or off"),
    /** A duration with a unit: {@code 200ms}, {@code 1.5s}, {@code 500us}; a bare number is milliseconds. */
    DURATION("a duration such as 200ms, 1.5s or 500us"),
    /** A duration, or {@code off}. */
    DURATION_OR_OFF("a duration such as 75s or 200ms, or off"),
    /** Octets with an optional binary suffix: {@code 65536}, {@code 64K}, {@code 1M}. */
    SIZE("a size such as 65536, 64K or 1M (K, M, G are 2^10, 2^20, 2^30)"),
    /** Octets, or {@code off}. */
    SIZE_OR_OFF("a size in octets such as 1200, or off"),
    /** A whole number. */
    COUNT("a whole number"),
    /** A whole number, or {@code auto} (the standard's own choice, held as {@link #COUNT_AUTO}). */
    COUNT_OR_AUTO("a whole number, or auto"),
    /** A congestion control algorithm. */
    ALGORITHM("none, reno or cubic");

    /** Held for {@code off} in a {@link #SIZE_OR_OFF} value. */
    public static final long SIZE_OFF = 0;
    /** Held for {@code auto} in a {@link #COUNT_OR_AUTO} value. */
    public static final long COUNT_AUTO = 0;

    private final String expected;

    ValueType(String expected) {
        this.expected = expected;
    }

    /** What a value of this type looks like, for messages. */
    public String expected() {
        return expected;
    }

    /**
     * The value {@code text} stands for, checked against {@code min} and {@code max} (in the
     * type's units; {@code off} is outside any range).
     *
     * @throws SettingException naming {@code name}, what was typed and what would be right
     */
    public long parse(String name, String text, long min, long max) throws SettingException {
        String word = text.strip().toLowerCase(Locale.ROOT);
        long value = switch (this) {
            case SWITCH -> switchValue(word);
            case DURATION -> duration(word);
            case DURATION_OR_OFF -> word.equals("off") ? Micros.NEVER : duration(word);
            case SIZE -> size(word);
            case SIZE_OR_OFF -> word.equals("off") ? SIZE_OFF : size(word);
            case COUNT -> count(word);
            case COUNT_OR_AUTO -> word.equals("auto") ? COUNT_AUTO : count(word);
            case ALGORITHM -> algorithm(word);
        };
        if (value == -1) {
            throw new SettingException(name + ": '" + text + "' is not " + expected);
        }
        boolean off = (this == DURATION_OR_OFF && value == Micros.NEVER) || (this == SIZE_OR_OFF && value == SIZE_OFF)
                || (this == COUNT_OR_AUTO && value == COUNT_AUTO && word.equals("auto"));
        if (!off && (value < min || value > max)) {
            throw new SettingException(name + ": '" + text + "' is out of range (" + format(min) + " to " + format(max)
                    + ")");
        }
        return value;
    }

    /** The value as {@code set} shows it and {@link #parse} reads it back: {@code on}, {@code 200ms}, {@code 64K}. */
    public String format(long value) {
        return switch (this) {
            case SWITCH -> value != 0 ? "on" : "off";
            case DURATION, DURATION_OR_OFF -> value == Micros.NEVER ? "off" : Micros.format(value);
            case SIZE, SIZE_OR_OFF -> this == SIZE_OR_OFF && value == SIZE_OFF ? "off" : size(value);
            case COUNT -> Long.toString(value);
            case COUNT_OR_AUTO -> value == COUNT_AUTO ? "auto" : Long.toString(value);
            case ALGORITHM -> CongestionControl.Algorithm.values()[(int) value].label();
        };
    }

    private static long switchValue(String word) {
        return switch (word) {
            case "on" -> 1;
            case "off" -> 0;
            default -> -1;
        };
    }

    /** Microseconds, or -1: digits with an optional fraction and a unit (us, ms, s, min; none: ms). */
    private static long duration(String word) {
        int end = 0;
        while (end < word.length() && (Character.isDigit(word.charAt(end)) || word.charAt(end) == '.')) {
            end++;
        }
        String number = word.substring(0, end);
        long unit = switch (word.substring(end)) {
            case "", "ms" -> Micros.PER_MILLI;
            case "us" -> 1;
            case "s" -> Micros.PER_SECOND;
            case "min" -> 60 * Micros.PER_SECOND;
            default -> -1;
        };
        // Ten digits bound the value far below overflow in microseconds.
        if (unit < 0 || number.isEmpty() || number.length() > 10 || number.equals(".")
                || number.indexOf('.') != number.lastIndexOf('.')) {
            return -1;
        }
        return Math.round(Double.parseDouble(number) * unit);
    }

    /** Octets, or -1: digits with an optional K, M or G. */
    private static long size(String word) {
        int shift = 0;
        String digits = word;
        if (!word.isEmpty()) {
            shift = switch (word.charAt(word.length() - 1)) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                default -> 0;
            };
            if (shift != 0) {
                digits = word.substring(0, word.length() - 1);
            }
        }
        long value = count(digits);
        return value < 0 ? -1 : value << shift;
    }

    private static String size(long octets) {
        if (octets >= 1024 && octets % (1 << 30) == 0) {
            return (octets >> 30) + "G";
        }
        if (octets >= 1024 && octets % (1 << 20) == 0) {
            return (octets >> 20) + "M";
        }
        if (octets >= 1024 && octets % 1024 == 0) {
            return (octets >> 10) + "K";
        }
        return Long.toString(octets);
    }

    /** A whole number of at most ten digits, or -1. */
    private static long count(String word) {
        if (word.isEmpty() || word.length() > 10 || !word.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(word);
    }

    private static long algorithm(String word) {
        for (CongestionControl.Algorithm algorithm : CongestionControl.Algorithm.values()) {
            if (algorithm.label().equals(word)) {
                return algorithm.ordinal();
            }
        }
        return -1;
    }
}

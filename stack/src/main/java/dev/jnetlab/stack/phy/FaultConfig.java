package dev.jnetlab.stack.phy;

import dev.jnetlab.stack.time.Micros;

/**
 * What a {@link FaultInjector} does to the frames crossing it: an immutable value, replaced
 * whole at run time ({@code fault drop 10}, {@code fault off}).
 *
 * <p>The first five options are smoltcp's fault injector's; the last four are the vocabulary of
 * Linux netem (tc-netem(8)). Which directions each acts on:
 * <ul>
 * <li>{@code dropPercent}, {@code corruptPercent}, {@code sizeLimit}: both, rx and tx, as in
 *     smoltcp.
 * <li>{@code txRateLimit}: tx only; a frame over the limit is held back ({@code transmit}
 *     returns false and the stack sends it later). {@code rxRateLimit}: rx only; a frame over
 *     the limit is dropped, since nothing can push back on a sender across the link.
 * <li>{@code delayMicros} with {@code jitterMicros}, {@code reorderPercent},
 *     {@code duplicatePercent}: both directions, each frame on its own. netem acts on one
 *     interface's egress; here the injector is a bad cable, so the delay is one-way and a
 *     ping's round trip grows by twice the delay, while reordering and duplication happen to
 *     what the stack sends and to what it receives alike.
 * </ul>
 *
 * @param dropPercent           chance, in percent, that a frame is lost
 * @param corruptPercent        chance, in percent, that one random octet of a frame is changed
 * @param sizeLimit             frames longer than this many octets are dropped; 0 for no limit
 * @param txRateLimit           frames the stack may send per shaping interval; 0 for no limit
 * @param rxRateLimit           frames the stack may receive per shaping interval; 0 for no limit
 * @param shapingIntervalMicros the token buckets of both rate limits refill at every multiple
 *                              of this interval on the stack clock
 * @param delayMicros           one-way delay added to every frame
 * @param jitterMicros          the delay varies uniformly within plus or minus this much
 *                              (never below zero); frames whose delays cross are reordered,
 *                              as netem does
 * @param reorderPercent        chance, in percent, that a frame skips the delay and goes ahead
 *                              of the delayed ones (netem's {@code reorder}; needs a delay)
 * @param duplicatePercent      chance, in percent, that a frame is delivered twice
 */
public record FaultConfig(
        double dropPercent,
        double corruptPercent,
        int sizeLimit,
        int txRateLimit,
        int rxRateLimit,
        long shapingIntervalMicros,
        long delayMicros,
        long jitterMicros,
        double reorderPercent,
        double duplicatePercent) {

    /** The shaping interval unless one is given: a bare rate limit then reads as frames per second. */
    public static final long DEFAULT_SHAPING_INTERVAL = Micros.PER_SECOND;

    /**
     * The longest delay and jitter accepted. Far beyond any lab (netem's own limit is about
     * 4295 s), and it keeps deadline arithmetic nowhere near overflow.
     */
    public static final long MAX_DELAY = Micros.ofSeconds(3600);

    /** No faults: every frame passes untouched. */
    public static final FaultConfig NONE = new FaultConfig(0, 0, 0, 0, 0, DEFAULT_SHAPING_INTERVAL, 0, 0, 0, 0);

    /** The options, named as a person would, for errors and for the console to map to its words. */
    public enum Option {
        DROP("drop chance"),
        CORRUPT("corrupt chance"),
        SIZE_LIMIT("size limit"),
        TX_RATE_LIMIT("tx rate limit"),
        RX_RATE_LIMIT("rx rate limit"),
        SHAPING_INTERVAL("shaping interval"),
        DELAY("delay"),
        JITTER("jitter"),
        REORDER("reorder chance"),
        DUPLICATE("duplicate chance");

        private final String label;

        Option(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** @throws FaultConfigException naming the first option out of range */
    public FaultConfig {
        percent(Option.DROP, dropPercent);
        percent(Option.CORRUPT, corruptPercent);
        notNegative(Option.SIZE_LIMIT, sizeLimit, "octets");
        notNegative(Option.TX_RATE_LIMIT, txRateLimit, "frames");
        notNegative(Option.RX_RATE_LIMIT, rxRateLimit, "frames");
        if (shapingIntervalMicros <= 0) {
            throw new FaultConfigException(Option.SHAPING_INTERVAL,
                    "the shaping interval must be positive, not " + Micros.format(shapingIntervalMicros));
        }
        duration(Option.DELAY, delayMicros);
        duration(Option.JITTER, jitterMicros);
        percent(Option.REORDER, reorderPercent);
        percent(Option.DUPLICATE, duplicatePercent);
        if (reorderPercent > 0 && delayMicros == 0) {
            // tc-netem(8): "to use reordering, a delay option must be specified". A reordered
            // frame is one sent ahead of the delayed ones; with no delay there is nothing to overtake.
            throw new FaultConfigException(Option.REORDER,
                    "reordering needs a delay: a reordered frame is one sent ahead of the delayed ones; set a delay first");
        }
    }

    public FaultConfig withDropPercent(double percent) {
        return new FaultConfig(percent, corruptPercent, sizeLimit, txRateLimit, rxRateLimit,
                shapingIntervalMicros, delayMicros, jitterMicros, reorderPercent, duplicatePercent);
    }

    public FaultConfig withCorruptPercent(double percent) {
        return new FaultConfig(dropPercent, percent, sizeLimit, txRateLimit, rxRateLimit,
                shapingIntervalMicros, delayMicros, jitterMicros, reorderPercent, duplicatePercent);
    }

    public FaultConfig withSizeLimit(int octets) {
        return new FaultConfig(dropPercent, corruptPercent, octets, txRateLimit, rxRateLimit,
                shapingIntervalMicros, delayMicros, jitterMicros, reorderPercent, duplicatePercent);
    }

    public FaultConfig withTxRateLimit(int frames) {
        return new FaultConfig(dropPercent, corruptPercent, sizeLimit, frames, rxRateLimit,
                shapingIntervalMicros, delayMicros, jitterMicros, reorderPercent, duplicatePercent);
    }

    public FaultConfig withRxRateLimit(int frames) {
        return new FaultConfig(dropPercent, corruptPercent, sizeLimit, txRateLimit, frames,
                shapingIntervalMicros, delayMicros, jitterMicros, reorderPercent, duplicatePercent);
    }

    public FaultConfig withShapingInterval(long micros) {
        return new FaultConfig(dropPercent, corruptPercent, sizeLimit, txRateLimit, rxRateLimit,
                micros, delayMicros, jitterMicros, reorderPercent, duplicatePercent);
    }

    public FaultConfig withDelay(long micros, long jitter) {
        return new FaultConfig(dropPercent, corruptPercent, sizeLimit, txRateLimit, rxRateLimit,
                shapingIntervalMicros, micros, jitter, reorderPercent, duplicatePercent);
    }

    public FaultConfig withReorderPercent(double percent) {
        return new FaultConfig(dropPercent, corruptPercent, sizeLimit, txRateLimit, rxRateLimit,
                shapingIntervalMicros, delayMicros, jitterMicros, percent, duplicatePercent);
    }

    public FaultConfig withDuplicatePercent(double percent) {
        return new FaultConfig(dropPercent, corruptPercent, sizeLimit, txRateLimit, rxRateLimit,
                shapingIntervalMicros, delayMicros, jitterMicros, reorderPercent, percent);
    }

    /**
     * True when no option is set, so every frame passes untouched. The shaping interval alone
     * does nothing without a rate limit, so it does not count.
     */
    public boolean isOff() {
        return dropPercent == 0 && corruptPercent == 0 && sizeLimit == 0 && txRateLimit == 0 && rxRateLimit == 0
                && delayMicros == 0 && jitterMicros == 0 && reorderPercent == 0 && duplicatePercent == 0;
    }

    /**
     * True when an option acts on received frames: every option but the tx rate limit (and the
     * interval, which only paces the rate limits).
     */
    public boolean actsOnReceive() {
        return dropPercent != 0 || corruptPercent != 0 || sizeLimit != 0 || rxRateLimit != 0
                || delayMicros != 0 || jitterMicros != 0 || reorderPercent != 0 || duplicatePercent != 0;
    }

    /**
     * The options that are set, as the console shows them: {@code off}, or for example
     * {@code drop 10%, size-limit 600, tx-rate 10 per 1s, delay 20ms jitter 5ms}.
     */
    public String describe() {
        if (isOff()) {
            return "off";
        }
        StringBuilder out = new StringBuilder(96);
        if (dropPercent > 0) {
            appendPercent(item(out, "drop "), dropPercent);
        }
        if (corruptPercent > 0) {
            appendPercent(item(out, "corrupt "), corruptPercent);
        }
        if (sizeLimit > 0) {
            item(out, "size-limit ").append(sizeLimit);
        }
        if (txRateLimit > 0) {
            Micros.appendTo(item(out, "tx-rate ").append(txRateLimit).append(" per "), shapingIntervalMicros);
        }
        if (rxRateLimit > 0) {
            Micros.appendTo(item(out, "rx-rate ").append(rxRateLimit).append(" per "), shapingIntervalMicros);
        }
        if (delayMicros > 0 || jitterMicros > 0) {
            Micros.appendTo(item(out, "delay "), delayMicros);
            if (jitterMicros > 0) {
                Micros.appendTo(out.append(" jitter "), jitterMicros);
            }
        }
        if (reorderPercent > 0) {
            appendPercent(item(out, "reorder "), reorderPercent);
        }
        if (duplicatePercent > 0) {
            appendPercent(item(out, "duplicate "), duplicatePercent);
        }
        return out.toString();
    }

    private static StringBuilder item(StringBuilder out, String name) {
        return (out.length() == 0 ? out : out.append(", ")).append(name);
    }

    private static void appendPercent(StringBuilder out, double percent) {
        if (percent == Math.rint(percent)) {
            out.append((long) percent);
        } else {
            out.append(percent);
        }
        out.append('%');
    }

    private static void percent(Option option, double value) {
        if (!(value >= 0 && value <= 100)) {
            throw new FaultConfigException(option,
                    "the " + option.label() + " must be a percentage from 0 to 100, not " + shown(value));
        }
    }

    /** A percentage as typed: {@code 1000}, not {@code 1000.0}. */
    private static String shown(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static void notNegative(Option option, int value, String unit) {
        if (value < 0) {
            throw new FaultConfigException(option,
                    "the " + option.label() + " must be 0 (none) or a positive number of " + unit + ", not " + value);
        }
    }

    private static void duration(Option option, long micros) {
        if (micros < 0 || micros > MAX_DELAY) {
            throw new FaultConfigException(option, "the " + option.label() + " must be from 0 to "
                    + Micros.format(MAX_DELAY) + ", not " + Micros.format(micros));
        }
    }
}

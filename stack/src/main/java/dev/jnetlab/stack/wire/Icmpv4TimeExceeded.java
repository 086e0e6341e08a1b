package dev.jnetlab.stack.wire;

import java.util.Locale;
import java.util.Optional;

/** The codes of an ICMP time exceeded message (RFC 792). */
public enum Icmpv4TimeExceeded {
    /** A router decremented the TTL to zero. */
    TTL_EXCEEDED_IN_TRANSIT,
    /** A host gave up reassembling the fragments of a datagram. */
    FRAGMENT_REASSEMBLY_TIME_EXCEEDED;

    private static final Icmpv4TimeExceeded[] VALUES = values();

    private final String words = name().toLowerCase(Locale.ROOT).replace('_', ' ');

    public int code() {
        return ordinal();
    }

    public static Optional<Icmpv4TimeExceeded> ofCode(int code) {
        return code >= 0 && code < VALUES.length ? Optional.of(VALUES[code]) : Optional.empty();
    }

    /** The code in words, as the nested printer shows it: {@code port unreachable}. */
    @Override
    public String toString() {
        return words;
    }
}

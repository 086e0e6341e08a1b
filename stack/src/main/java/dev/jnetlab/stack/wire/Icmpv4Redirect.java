package dev.jnetlab.stack.wire;

import java.util.Locale;
import java.util.Optional;

/** The codes of an ICMP redirect message (RFC 792): what the better gateway is for. */
public enum Icmpv4Redirect {
    NET,
    HOST,
    TOS_AND_NET,
    TOS_AND_HOST;

    private static final Icmpv4Redirect[] VALUES = values();

    private final String words = name().toLowerCase(Locale.ROOT).replace('_', ' ');

    public int code() {
        return ordinal();
    }

    public static Optional<Icmpv4Redirect> ofCode(int code) {
        return code >= 0 && code < VALUES.length ? Optional.of(VALUES[code]) : Optional.empty();
    }

    /** The code in words, as the nested printer shows it: {@code port unreachable}. */
    @Override
    public String toString() {
        return words;
    }
}

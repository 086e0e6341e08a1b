package dev.jnetlab.stack.wire;

import java.util.Locale;
import java.util.Optional;

/**
 * The codes of an ICMP destination unreachable message: 0 to 5 from RFC 792, 6 to 12 from
 * RFC 1122 section 3.2.2.1, 13 to 15 from RFC 1812 section 5.2.7.1.
 */
public enum Icmpv4DstUnreachable {
    NET_UNREACHABLE,
    HOST_UNREACHABLE,
    PROTOCOL_UNREACHABLE,
    PORT_UNREACHABLE,
    /** Fragmentation needed and DF set; the message carries the next-hop MTU (RFC 1191 section 4). */
    FRAGMENTATION_NEEDED,
    SOURCE_ROUTE_FAILED,
    DST_NET_UNKNOWN,
    DST_HOST_UNKNOWN,
    SOURCE_HOST_ISOLATED,
    NET_PROHIBITED,
    HOST_PROHIBITED,
    NET_UNREACHABLE_FOR_TOS,
    HOST_UNREACHABLE_FOR_TOS,
    COMMUNICATION_PROHIBITED,
    HOST_PRECEDENCE_VIOLATION,
    PRECEDENCE_CUTOFF;

    private static final Icmpv4DstUnreachable[] VALUES = values();

    private final String words = name().toLowerCase(Locale.ROOT).replace('_', ' ');

    public int code() {
        return ordinal();
    }

    public static Optional<Icmpv4DstUnreachable> ofCode(int code) {
        return code >= 0 && code < VALUES.length ? Optional.of(VALUES[code]) : Optional.empty();
    }

    /** The code in words, as the nested printer shows it: {@code port unreachable}. */
    @Override
    public String toString() {
        return words;
    }
}

package dev.jnetlab.stack.wire;

import java.util.Locale;
import java.util.Optional;

/** The codes of an ICMP parameter problem message: 0 from RFC 792, 1 from RFC 1108, 2 from RFC 1812 section 5.2.7.3. */
public enum Icmpv4ParamProblem {
    /** The pointer gives the octet of the quoted header where the problem is. */
    POINTER_INDICATES_ERROR,
    MISSING_REQUIRED_OPTION,
    BAD_LENGTH;

    private static final Icmpv4ParamProblem[] VALUES = values();

    private final String words = name().toLowerCase(Locale.ROOT).replace('_', ' ');

    public int code() {
        return ordinal();
    }

    public static Optional<Icmpv4ParamProblem> ofCode(int code) {
        return code >= 0 && code < VALUES.length ? Optional.of(VALUES[code]) : Optional.empty();
    }

    /** The code in words, as the nested printer shows it: {@code port unreachable}. */
    @Override
    public String toString() {
        return words;
    }
}

package dev.jnetlab.stack.wire;

/** The record types this stack reads and writes by name (RFC 1035 section 3.2.2, RFC 3596, RFC 6891). */
public enum DnsType {
    A(1), NS(2), CNAME(5), SOA(6), PTR(12), MX(15), TXT(16), AAAA(28), OPT(41), ANY(255);

    /** {@code values()} copies its array on every call; the printer looks types up per frame. */
    private static final DnsType[] VALUES = values();

    private final int value;

    DnsType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The type of {@code value}, or null for one not listed here. */
    public static DnsType of(int value) {
        for (DnsType type : VALUES) {
            if (type.value == value) {
                return type;
            }
        }
        return null;
    }

    /** The name tcpdump and dig print: {@code A}, {@code CNAME}, or {@code TYPE99} for one not listed (RFC 3597). */
    public static String nameOf(int value) {
        DnsType type = of(value);
        return type == null ? "TYPE" + value : type.name();
    }

    /** The type a person types ({@code a}, {@code AAAA}, {@code type99}), or null. */
    public static Integer parse(String text) {
        String upper = text.toUpperCase(java.util.Locale.ROOT);
        for (DnsType type : values()) {
            if (type.name().equals(upper)) {
                return type.value;
            }
        }
        if (upper.startsWith("TYPE")) {
            try {
                int value = Integer.parseInt(upper.substring(4));
                return value >= 0 && value <= 0xFFFF ? value : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}

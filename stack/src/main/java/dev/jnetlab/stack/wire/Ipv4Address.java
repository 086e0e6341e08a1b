package dev.jnetlab.stack.wire;

/**
 * An IPv4 address. Views hand addresses around as the {@code int} in {@link #bits()} so the
 * packet path allocates nothing; this record is that {@code int} given a type, for the API,
 * reprs and printing.
 *
 * @param bits the address in network order: {@code 192.168.69.1} is {@code 0xC0A84501}
 */
public record Ipv4Address(int bits) implements IpAddress {
    public static final Ipv4Address UNSPECIFIED = new Ipv4Address(0);
    /** The limited broadcast address 255.255.255.255 (RFC 919). */
    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);

    public static Ipv4Address of(int bits) {
        return new Ipv4Address(bits);
    }

    public static Ipv4Address of(int a, int b, int c, int d) {
        if ((a | b | c | d) >>> 8 != 0) {
            throw new IllegalArgumentException("an IPv4 address has four octets 0-255: " + a + "." + b + "." + c + "." + d);
        }
        return new Ipv4Address(a << 24 | b << 16 | c << 8 | d);
    }

    /** Parses four decimal octets separated by dots, e.g. {@code 192.168.69.1}. */
    public static Ipv4Address parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw notAnAddress(text);
        }
        int bits = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                throw notAnAddress(text);
            }
            int octet = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < '0' || c > '9') {
                    throw notAnAddress(text);
                }
                octet = octet * 10 + (c - '0');
            }
            if (octet > 255) {
                throw notAnAddress(text);
            }
            bits = bits << 8 | octet;
        }
        return new Ipv4Address(bits);
    }

    private static IllegalArgumentException notAnAddress(String text) {
        return new IllegalArgumentException(
                "not an IPv4 address: '" + text + "' (four numbers 0-255 separated by dots, like 192.168.69.1)");
    }

    public boolean isUnspecified() {
        return bits == 0;
    }

    public boolean isBroadcast() {
        return bits == -1;
    }

    /** 224.0.0.0/4 (RFC 5771). */
    public boolean isMulticast() {
        return isMulticast(bits);
    }

    /** 127.0.0.0/8 (RFC 1122 section 3.2.1.3). */
    public boolean isLoopback() {
        return isLoopback(bits);
    }

    /** Whether the address in {@code bits} is in 224.0.0.0/4, for code that holds no object. */
    public static boolean isMulticast(int bits) {
        return (bits & 0xF000_0000) == 0xE000_0000;
    }

    /** Whether the address in {@code bits} is in 127.0.0.0/8, for code that holds no object. */
    public static boolean isLoopback(int bits) {
        return (bits & 0xFF00_0000) == 0x7F00_0000;
    }

    /**
     * Whether {@code bits} can be one host's address anywhere: not 0.0.0.0, loopback,
     * multicast, class E or the limited broadcast (RFC 1122 section 3.2.1.3). A directed
     * broadcast depends on a prefix, which only the interface knows.
     */
    public static boolean isUnicast(int bits) {
        return bits != 0 && bits >>> 28 < 14 && !isLoopback(bits);
    }

    /** Appends {@code bits} as {@code 192.168.69.1} without allocating. */
    public static StringBuilder appendTo(StringBuilder out, int bits) {
        return out.append(bits >>> 24).append('.').append(bits >>> 16 & 0xFF).append('.')
                .append(bits >>> 8 & 0xFF).append('.').append(bits & 0xFF);
    }

    /** The dotted-quad form, {@code 192.168.69.1}. */
    @Override
    public String toString() {
        return appendTo(new StringBuilder(15), bits).toString();
    }
}

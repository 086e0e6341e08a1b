package dev.jnetlab.stack.wire;

/**
 * An IEEE 802 MAC address (EUI-48). Views hand addresses around as the {@code long} in
 * {@link #bits()} so the packet path allocates nothing; this record is that {@code long} given
 * a type, for the API, reprs and printing.
 *
 * @param bits the 48 address bits, first octet in bits 40..47
 */
public record MacAddress(long bits) {
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);
    /** All zeros: the target hardware address of an ARP request (RFC 826). */
    public static final MacAddress UNSPECIFIED = new MacAddress(0);

    public MacAddress {
        if (bits >>> 48 != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits: 0x" + Long.toHexString(bits));
        }
    }

    public static MacAddress of(long bits) {
        return new MacAddress(bits);
    }

    /** Parses six hex octets separated by colons, e.g. {@code 02:00:00:00:00:01}. */
    public static MacAddress parse(String text) {
        String[] parts = text.split(":", -1);
        long bits = 0;
        if (parts.length != 6) {
            throw notAnAddress(text);
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 2) {
                throw notAnAddress(text);
            }
            int octet = 0;
            for (int i = 0; i < part.length(); i++) {
                int digit = Character.digit(part.charAt(i), 16);
                if (digit < 0) {
                    throw notAnAddress(text);
                }
                octet = octet * 16 + digit;
            }
            bits = bits << 8 | octet;
        }
        return new MacAddress(bits);
    }

    private static IllegalArgumentException notAnAddress(String text) {
        return new IllegalArgumentException(
                "not a MAC address: '" + text + "' (six hex octets separated by colons, like 02:00:00:00:00:01)");
    }

    public boolean isBroadcast() {
        return bits == BROADCAST.bits;
    }

    /** The group bit, the low bit of the first octet (IEEE 802-2014 section 8.2); broadcast is a group address too. */
    public boolean isMulticast() {
        return (bits & 0x0100_0000_0000L) != 0;
    }

    public boolean isUnicast() {
        return !isMulticast();
    }

    /** Appends {@code bits} as {@code 02:00:00:00:00:01} without allocating. */
    public static StringBuilder appendTo(StringBuilder out, long bits) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            Hex.append(out, bits >>> shift, 2);
            if (shift > 0) {
                out.append(':');
            }
        }
        return out;
    }

    /** The canonical form, {@code 02:00:00:00:00:01}. */
    @Override
    public String toString() {
        return appendTo(new StringBuilder(17), bits).toString();
    }
}

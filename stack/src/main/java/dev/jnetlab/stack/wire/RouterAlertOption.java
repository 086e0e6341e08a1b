package dev.jnetlab.stack.wire;

/**
 * The IPv6 Router Alert option (RFC 2711) in a hop-by-hop options header of its own, as MLD
 * sends every message (RFC 3810 section 5): the routers on the path look at the packet even
 * though it is not addressed to them. The header is eight octets: next header, length 0,
 * the option (type 5, length 2, value 0 for MLD), and a PadN of two octets to fill it.
 */
public final class RouterAlertOption {
    /** The hop-by-hop header that carries the option, padded to its eight octets. */
    public static final int HOP_BY_HOP_LEN = 8;
    /** The option's type (RFC 2711 section 2.1): action 00, not changed on the way, number 5. */
    public static final int TYPE = 5;
    /** The option's value for an MLD message (RFC 2711 section 2.1). */
    public static final int MLD = 0;

    private RouterAlertOption() {
    }

    /** Writes the hop-by-hop header with the option at {@code at}, {@code nextHeader} after it; returns its length. */
    public static int writeHopByHop(byte[] buf, int at, int nextHeader) {
        Bytes.put8(buf, at, nextHeader);
        Bytes.put8(buf, at + 1, 0);
        Bytes.put8(buf, at + 2, TYPE);
        Bytes.put8(buf, at + 3, 2);
        Bytes.put16(buf, at + 4, MLD);
        Bytes.put8(buf, at + 6, 1); // PadN
        Bytes.put8(buf, at + 7, 0);
        return HOP_BY_HOP_LEN;
    }

    /**
     * Whether the hop-by-hop options header at {@code at} holds a router alert option; the
     * header must have passed {@link Ipv6HeaderChain#walk}, which checked every option's length.
     */
    public static boolean isIn(byte[] buf, int at) {
        int end = at + (Bytes.u8(buf, at + 1) + 1) * 8;
        int option = at + 2;
        while (option < end) {
            int type = Bytes.u8(buf, option);
            if (type == TYPE) {
                return true;
            }
            option += type == 0 ? 1 : 2 + Bytes.u8(buf, option + 1);
        }
        return false;
    }
}

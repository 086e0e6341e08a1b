package dev.jnetlab.stack.wire;

/**
 * Reads the options of a Neighbor Discovery message (RFC 4861 section 4.6): a flyweight over
 * the octets after the message's fixed part, stepped through with {@link #next()}. Each
 * option is a type, a length in units of 8 octets, and a body; {@link #check()} refuses a
 * length of zero (which RFC 4861 says makes the whole message invalid) and one that runs past
 * the message. The static accessors read one option's fields at the offset {@link #at()}
 * gave, after its {@link #type()} and {@link #length()} were checked against the layout.
 */
public final class NdpOptions {
    public static final int SOURCE_LINK_LAYER = 1;
    public static final int TARGET_LINK_LAYER = 2;
    public static final int PREFIX_INFORMATION = 3;
    public static final int REDIRECTED_HEADER = 4;
    public static final int MTU = 5;
    /** A link-layer address option for Ethernet: type, length 1, six octets (RFC 4861 section 4.6.1). */
    public static final int LINK_LAYER_LEN = 8;
    /** A prefix information option is 32 octets (RFC 4861 section 4.6.2). */
    public static final int PREFIX_INFORMATION_LEN = 32;
    public static final int MTU_LEN = 8;
    /** Lifetimes of all ones mean forever (RFC 4861 section 4.6.2). */
    public static final long INFINITE = 0xFFFF_FFFFL;

    private static final int PREFIX_FLAG_ON_LINK = 0x80;
    private static final int PREFIX_FLAG_AUTONOMOUS = 0x40;

    private byte[] buf;
    private int start;
    private int end;
    private int at;
    private int next;

    /** Points the reader at the options of {@code message}, before the first. */
    public NdpOptions wrap(Icmpv6Packet message) {
        return wrap(message.buffer(), message.ndpOptionsOffset(), message.ndpOptionsLength());
    }

    public NdpOptions wrap(byte[] buffer, int offset, int length) {
        this.buf = buffer;
        this.start = offset;
        this.end = offset + Math.max(0, length);
        this.at = -1;
        this.next = offset;
        return this;
    }

    /** Null if every option has a nonzero length and ends inside the message, else {@link WireError#BAD_NDP_OPTION}. */
    public WireError check() {
        for (int option = start; option < end; ) {
            if (end - option < 2) {
                return WireError.BAD_NDP_OPTION;
            }
            int length = Bytes.u8(buf, option + 1) * 8;
            if (length == 0 || length > end - option) {
                return WireError.BAD_NDP_OPTION;
            }
            option += length;
        }
        return null;
    }

    /** The problem {@link #check()} found, in words. */
    public String explain() {
        for (int option = start; option < end; ) {
            if (end - option < 2) {
                return "NDP: option at " + (option - start) + " is cut short";
            }
            int length = Bytes.u8(buf, option + 1) * 8;
            if (length == 0) {
                return "NDP: option " + Bytes.u8(buf, option) + " has length 0";
            }
            if (length > end - option) {
                return "NDP: option " + Bytes.u8(buf, option) + " of " + length + " octets runs past the message";
            }
            option += length;
        }
        return "NDP: options fine";
    }

    /** The array the options are in. */
    public byte[] buffer() {
        return buf;
    }

    /** Moves to the next option; false after the last. Call only after {@link #check()} passed. */
    public boolean next() {
        if (next >= end) {
            return false;
        }
        at = next;
        next += length();
        return true;
    }

    /** Where the current option starts in the buffer. */
    public int at() {
        return at;
    }

    public int type() {
        return Bytes.u8(buf, at);
    }

    /** The current option's length in octets. */
    public int length() {
        return Bytes.u8(buf, at + 1) * 8;
    }

    /** The offset of the first option of {@code type}, or -1. Call only after {@link #check()} passed. */
    public int find(int type) {
        for (int option = start; option < end; option += Bytes.u8(buf, option + 1) * 8) {
            if (Bytes.u8(buf, option) == type) {
                return option;
            }
        }
        return -1;
    }

    /** A link-layer address option's Ethernet address. */
    public static long linkLayerAddress(byte[] buf, int option) {
        return Bytes.u48(buf, option + 2);
    }

    public static void writeLinkLayer(byte[] buf, int option, int type, long mac) {
        Bytes.put8(buf, option, type);
        Bytes.put8(buf, option + 1, 1);
        Bytes.put48(buf, option + 2, mac);
    }

    public static int prefixLength(byte[] buf, int option) {
        return Bytes.u8(buf, option + 2);
    }

    /** The L flag: the prefix is on this link. */
    public static boolean onLink(byte[] buf, int option) {
        return (Bytes.u8(buf, option + 3) & PREFIX_FLAG_ON_LINK) != 0;
    }

    /** The A flag: hosts may form addresses in the prefix (SLAAC, RFC 4862 section 5.5.3). */
    public static boolean autonomous(byte[] buf, int option) {
        return (Bytes.u8(buf, option + 3) & PREFIX_FLAG_AUTONOMOUS) != 0;
    }

    /** Seconds; {@link #INFINITE} for ever. */
    public static long validLifetime(byte[] buf, int option) {
        return Bytes.i32(buf, option + 4) & 0xFFFF_FFFFL;
    }

    public static long preferredLifetime(byte[] buf, int option) {
        return Bytes.i32(buf, option + 8) & 0xFFFF_FFFFL;
    }

    public static long prefixHigh(byte[] buf, int option) {
        return Ipv6Address.high(buf, option + 16);
    }

    public static long prefixLow(byte[] buf, int option) {
        return Ipv6Address.low(buf, option + 16);
    }

    public static void writePrefixInformation(byte[] buf, int option, int prefixLength, boolean onLink, boolean autonomous,
            long valid, long preferred, long high, long low) {
        Bytes.put8(buf, option, PREFIX_INFORMATION);
        Bytes.put8(buf, option + 1, PREFIX_INFORMATION_LEN / 8);
        Bytes.put8(buf, option + 2, prefixLength);
        Bytes.put8(buf, option + 3, (onLink ? PREFIX_FLAG_ON_LINK : 0) | (autonomous ? PREFIX_FLAG_AUTONOMOUS : 0));
        Bytes.put32(buf, option + 4, (int) valid);
        Bytes.put32(buf, option + 8, (int) preferred);
        Bytes.put32(buf, option + 12, 0);
        Ipv6Address.write(buf, option + 16, high, low);
    }

    /** An MTU option's MTU (RFC 4861 section 4.6.4). */
    public static long mtu(byte[] buf, int option) {
        return Bytes.i32(buf, option + 4) & 0xFFFF_FFFFL;
    }

    public static void writeMtu(byte[] buf, int option, long mtu) {
        Bytes.put8(buf, option, MTU);
        Bytes.put8(buf, option + 1, 1);
        Bytes.put16(buf, option + 2, 0);
        Bytes.put32(buf, option + 4, (int) mtu);
    }
}

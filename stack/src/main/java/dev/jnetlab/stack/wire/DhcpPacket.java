package dev.jnetlab.stack.wire;

/**
 * A view of a DHCP message (RFC 2131 section 2): the fixed BOOTP part of 236 octets (RFC 951),
 * the magic cookie, then options of code, length and value (RFC 2132) up to the End option.
 * After {@link #check()} every option lies inside the view, so {@link #findOption} and the
 * getters cannot fail.
 *
 * <pre>
 *  0 op | htype | hlen | hops      4 xid        8 secs | flags
 * 12 ciaddr  16 yiaddr  20 siaddr  24 giaddr  28 chaddr (16)  44 sname (64)  108 file (128)
 * 236 magic cookie 99.130.83.99   240 options
 * </pre>
 */
public final class DhcpPacket extends PacketView {
    /** The fixed part, the cookie, and no option: the shortest message this view accepts. */
    public static final int OPTIONS = 240;
    /** What RFC 2131 section 2 says a client must be able to take, and what BOOTP relays pad to. */
    public static final int MIN_LEN = 300;
    public static final int MAGIC_COOKIE = 0x6382_5363;
    public static final int OP_REQUEST = 1;
    public static final int OP_REPLY = 2;
    /** The BROADCAST bit of the flags field (RFC 2131 section 2, figure 2). */
    public static final int FLAG_BROADCAST = 0x8000;

    public static final int OPTION_PAD = 0;
    public static final int OPTION_SUBNET_MASK = 1;
    public static final int OPTION_ROUTER = 3;
    public static final int OPTION_DNS_SERVERS = 6;
    public static final int OPTION_HOST_NAME = 12;
    public static final int OPTION_REQUESTED_ADDRESS = 50;
    public static final int OPTION_LEASE_TIME = 51;
    public static final int OPTION_MESSAGE_TYPE = 53;
    public static final int OPTION_SERVER_ID = 54;
    public static final int OPTION_PARAMETER_REQUEST_LIST = 55;
    public static final int OPTION_MESSAGE = 56;
    public static final int OPTION_MAX_MESSAGE_SIZE = 57;
    public static final int OPTION_RENEWAL_TIME = 58;
    public static final int OPTION_REBINDING_TIME = 59;
    public static final int OPTION_CLIENT_ID = 61;
    public static final int OPTION_END = 255;

    private static final int OP = 0;
    private static final int HTYPE = 1;
    private static final int HLEN = 2;
    private static final int HOPS = 3;
    private static final int XID = 4;
    private static final int SECS = 8;
    private static final int FLAGS = 10;
    private static final int CIADDR = 12;
    private static final int YIADDR = 16;
    private static final int SIADDR = 20;
    private static final int GIADDR = 24;
    private static final int CHADDR = 28;
    private static final int COOKIE = 236;

    /** Where the last check found fault, for {@link #explain}. */
    private int faultAt;

    public DhcpPacket wrap(byte[] buffer, int offset, int length) {
        window(buffer, offset, length);
        return this;
    }

    /** Checks the length, the cookie and that every option lies inside the message; never allocates. */
    @Override
    public WireError check() {
        MessageError reason = checkMessage();
        return reason == null ? null : reason == MessageError.TRUNCATED ? WireError.TRUNCATED : WireError.UNSUPPORTED;
    }

    /** The reason to refuse the message, or null; the DHCP-level form of {@link #check()}. */
    public MessageError checkMessage() {
        if (len < OPTIONS) {
            faultAt = len;
            return MessageError.TRUNCATED;
        }
        if (Bytes.i32(buf, off + COOKIE) != MAGIC_COOKIE) {
            faultAt = COOKIE;
            return MessageError.BAD_MAGIC_COOKIE;
        }
        int at = OPTIONS;
        while (at < len) {
            int code = Bytes.u8(buf, off + at);
            if (code == OPTION_END) {
                return null;
            }
            if (code == OPTION_PAD) {
                at++;
                continue;
            }
            if (at + 2 > len || at + 2 + Bytes.u8(buf, off + at + 1) > len) {
                faultAt = at;
                return MessageError.TRUNCATED;
            }
            at += 2 + Bytes.u8(buf, off + at + 1);
        }
        return null; // no End option: RFC 2131 wants one, but what is there is readable
    }

    @Override
    String explain(WireError reason) {
        return explainMessage(checkMessage());
    }

    String explainMessage(MessageError reason) {
        if (reason == MessageError.BAD_MAGIC_COOKIE) {
            return "DHCP: magic cookie 0x" + Integer.toHexString(Bytes.i32(buf, off + COOKIE)) + ", not 0x63825363";
        }
        return faultAt < OPTIONS
                ? "DHCP: " + len + " octets, shorter than the 240 of BOOTP and the cookie"
                : "DHCP: option " + Bytes.u8(buf, off + faultAt) + " at octet " + faultAt + " runs past the end (" + len + " octets)";
    }

    /** Returns this view if it is sound, else throws the reason with a message. */
    public DhcpPacket validate() throws MessageException {
        MessageError reason = checkMessage();
        if (reason != null) {
            throw new MessageException(reason, explainMessage(reason));
        }
        return this;
    }

    public int op() {
        return Bytes.u8(buf, off + OP);
    }

    public int hardwareType() {
        return Bytes.u8(buf, off + HTYPE);
    }

    public int hardwareLength() {
        return Bytes.u8(buf, off + HLEN);
    }

    public int hops() {
        return Bytes.u8(buf, off + HOPS);
    }

    public int xid() {
        return Bytes.i32(buf, off + XID);
    }

    public int secs() {
        return Bytes.u16(buf, off + SECS);
    }

    public int flags() {
        return Bytes.u16(buf, off + FLAGS);
    }

    public int clientAddress() {
        return Bytes.i32(buf, off + CIADDR);
    }

    public int yourAddress() {
        return Bytes.i32(buf, off + YIADDR);
    }

    public int serverAddress() {
        return Bytes.i32(buf, off + SIADDR);
    }

    public int relayAddress() {
        return Bytes.i32(buf, off + GIADDR);
    }

    /** The first six octets of chaddr: the client's MAC on Ethernet. */
    public long clientHardwareAddress() {
        return Bytes.u48(buf, off + CHADDR);
    }

    /** Where option {@code code}'s value starts in {@link #buffer()}, or -1 if the message has none. */
    public int findOption(int code) {
        int at = off + OPTIONS;
        int end = off + len;
        while (at < end) {
            int c = Bytes.u8(buf, at);
            if (c == OPTION_END) {
                return -1;
            }
            if (c == OPTION_PAD) {
                at++;
                continue;
            }
            if (c == code) {
                return at + 2;
            }
            at += 2 + Bytes.u8(buf, at + 1);
        }
        return -1;
    }

    /** The length of the option whose value starts at {@code valueAt} (from {@link #findOption}). */
    public int optionLength(int valueAt) {
        return Bytes.u8(buf, valueAt - 1);
    }

    /** The message type (option 53) as its number, or 0 when it is absent or empty (a BOOTP message). */
    public int messageTypeValue() {
        int at = findOption(OPTION_MESSAGE_TYPE);
        return at < 0 || optionLength(at) < 1 ? 0 : Bytes.u8(buf, at);
    }

    // ---- setters, for emit ----

    void setFixed(int op, int xid, int secs, int flags, int ciaddr, int yiaddr, int siaddr, int giaddr, long chaddr) {
        java.util.Arrays.fill(buf, off, off + OPTIONS, (byte) 0);
        Bytes.put8(buf, off + OP, op);
        Bytes.put8(buf, off + HTYPE, 1);
        Bytes.put8(buf, off + HLEN, 6);
        Bytes.put32(buf, off + XID, xid);
        Bytes.put16(buf, off + SECS, secs);
        Bytes.put16(buf, off + FLAGS, flags);
        Bytes.put32(buf, off + CIADDR, ciaddr);
        Bytes.put32(buf, off + YIADDR, yiaddr);
        Bytes.put32(buf, off + SIADDR, siaddr);
        Bytes.put32(buf, off + GIADDR, giaddr);
        Bytes.put48(buf, off + CHADDR, chaddr);
        Bytes.put32(buf, off + COOKIE, MAGIC_COOKIE);
    }
}

package dev.jnetlab.stack.wire;

/**
 * A view of an ICMPv6 message (RFC 4443), Neighbor Discovery's (RFC 4861 section 4) included
 * (MLD's body is {@link MldMessage}'s to read): type, code, checksum, then a body whose
 * layout depends on the type. {@link #check()} makes sure the fixed part of the message's
 * type is in the view, so that after it no accessor of that type can fail; which accessors
 * mean something for which type is said on each. The checksum covers IPv6's pseudo-header
 * ({@link Ipv6Packet#pseudoHeaderSum}). NDP options start at {@link #ndpOptionsOffset()}:
 * {@link NdpOptions} reads them.
 */
public final class Icmpv6Packet extends PacketView {
    public static final int HEADER_LEN = 8;

    public static final int TYPE_DST_UNREACHABLE = 1;
    public static final int TYPE_PACKET_TOO_BIG = 2;
    public static final int TYPE_TIME_EXCEEDED = 3;
    public static final int TYPE_PARAM_PROBLEM = 4;
    public static final int TYPE_ECHO_REQUEST = 128;
    public static final int TYPE_ECHO_REPLY = 129;
    public static final int TYPE_ROUTER_SOLICIT = 133;
    public static final int TYPE_ROUTER_ADVERT = 134;
    public static final int TYPE_NEIGHBOR_SOLICIT = 135;
    public static final int TYPE_NEIGHBOR_ADVERT = 136;
    public static final int TYPE_REDIRECT = 137;
    public static final int TYPE_MLDV2_REPORT = 143;

    private static final int TYPE = 0;
    private static final int CODE = 1;
    private static final int CHECKSUM = 2;
    private static final int ECHO_IDENTIFIER = 4;
    private static final int ECHO_SEQUENCE = 6;
    private static final int MTU = 4;
    private static final int POINTER = 4;
    private static final int RA_HOP_LIMIT = 4;
    private static final int RA_FLAGS = 5;
    private static final int RA_ROUTER_LIFETIME = 6;
    private static final int RA_REACHABLE_TIME = 8;
    private static final int RA_RETRANS_TIMER = 12;
    private static final int NA_FLAGS = 4;
    private static final int TARGET = 8;
    private static final int REDIRECT_DESTINATION = 24;

    private static final int RA_MANAGED = 0x80;
    private static final int RA_OTHER = 0x40;
    private static final int NA_ROUTER = 0x80;
    private static final int NA_SOLICITED = 0x40;
    private static final int NA_OVERRIDE = 0x20;

    /** Points this view at {@code length} octets from {@code offset}; checks only that they lie in the array. */
    public Icmpv6Packet wrap(byte[] buffer, int offset, int length) {
        window(buffer, offset, length);
        return this;
    }

    /** The octets of a message of {@code type} before its options or data. */
    public static int fixedLength(int type) {
        switch (type) {
            case TYPE_ROUTER_ADVERT:
                return 16;
            case TYPE_NEIGHBOR_SOLICIT:
            case TYPE_NEIGHBOR_ADVERT:
                return 24;
            case TYPE_REDIRECT:
                return 40;
            default:
                return HEADER_LEN;
        }
    }

    /** Checks that the fixed part of the message's type is present; the checksum is {@link #verifyChecksum}'s job. */
    @Override
    public WireError check() {
        if (len < 4) {
            return WireError.TRUNCATED;
        }
        return len < fixedLength(type()) ? WireError.TRUNCATED : null;
    }

    @Override
    String explain(WireError reason) {
        if (len < 4) {
            return "ICMPv6: " + len + " octets, shorter than the 4-octet header";
        }
        return "ICMPv6: " + len + " octets, shorter than the " + fixedLength(type()) + " octets of type " + type();
    }

    /** Returns this view if {@link #check()} passes, else throws its reason with a message. */
    public Icmpv6Packet validate() throws WireException {
        checkOrThrow();
        return this;
    }

    public int type() {
        return Bytes.u8(buf, off + TYPE);
    }

    public Icmpv6Packet setType(int type) {
        Bytes.put8(buf, off + TYPE, type);
        return this;
    }

    public int code() {
        return Bytes.u8(buf, off + CODE);
    }

    public Icmpv6Packet setCode(int code) {
        Bytes.put8(buf, off + CODE, code);
        return this;
    }

    /** Error messages are types 0 to 127 (RFC 4443 section 2.1). */
    public boolean isError() {
        return type() < 128;
    }

    /** Whether the type is one of Neighbor Discovery's, 133 to 137 (RFC 4861 section 4). */
    public boolean isNdp() {
        int type = type();
        return type >= TYPE_ROUTER_SOLICIT && type <= TYPE_REDIRECT;
    }

    public int checksum() {
        return Bytes.u16(buf, off + CHECKSUM);
    }

    public Icmpv6Packet setChecksum(int checksum) {
        Bytes.put16(buf, off + CHECKSUM, checksum);
        return this;
    }

    /** Whether the checksum verifies, with {@code pseudoHeaderSum} from {@link Ipv6Packet#pseudoHeaderSum}. */
    public boolean verifyChecksum(int pseudoHeaderSum) {
        return Checksum.add(pseudoHeaderSum, Checksum.sum(buf, off, len)) == 0xFFFF;
    }

    /** The checksum the field should hold. */
    public int expectedChecksum(int pseudoHeaderSum) {
        return Checksum.expected(Checksum.add(pseudoHeaderSum, Checksum.sum(buf, off, len)), checksum());
    }

    /** Computes the checksum over the pseudo-header and the whole view and writes it; call it after the last change. */
    public Icmpv6Packet fillChecksum(int pseudoHeaderSum) {
        setChecksum(0);
        return setChecksum(Checksum.finish(Checksum.add(pseudoHeaderSum, Checksum.sum(buf, off, len))));
    }

    /** Echo request and reply: the identifier. */
    public int echoIdentifier() {
        return Bytes.u16(buf, off + ECHO_IDENTIFIER);
    }

    public Icmpv6Packet setEchoIdentifier(int identifier) {
        Bytes.put16(buf, off + ECHO_IDENTIFIER, identifier);
        return this;
    }

    /** Echo request and reply: the sequence number. */
    public int echoSequence() {
        return Bytes.u16(buf, off + ECHO_SEQUENCE);
    }

    public Icmpv6Packet setEchoSequence(int sequence) {
        Bytes.put16(buf, off + ECHO_SEQUENCE, sequence);
        return this;
    }

    /** Packet too big: the MTU of the next hop (RFC 4443 section 3.2). */
    public long mtu() {
        return Bytes.i32(buf, off + MTU) & 0xFFFF_FFFFL;
    }

    public Icmpv6Packet setMtu(long mtu) {
        Bytes.put32(buf, off + MTU, (int) mtu);
        return this;
    }

    /** Parameter problem: the octet of the quoted packet where the problem is (RFC 4443 section 3.4). */
    public long pointer() {
        return Bytes.i32(buf, off + POINTER) & 0xFFFF_FFFFL;
    }

    public Icmpv6Packet setPointer(long pointer) {
        Bytes.put32(buf, off + POINTER, (int) pointer);
        return this;
    }

    /** The four octets after the checksum as one word; zero where reserved. */
    public int restOfHeader() {
        return Bytes.i32(buf, off + 4);
    }

    public Icmpv6Packet setRestOfHeader(int word) {
        Bytes.put32(buf, off + 4, word);
        return this;
    }

    /** Where the echo data or the quoted packet of an error starts in {@link #buffer()}. */
    public int dataOffset() {
        return off + HEADER_LEN;
    }

    public int dataLength() {
        return len - HEADER_LEN;
    }

    /** Router advertisement: the hop limit hosts should use, 0 if the router does not say. */
    public int currentHopLimit() {
        return Bytes.u8(buf, off + RA_HOP_LIMIT);
    }

    public Icmpv6Packet setCurrentHopLimit(int hopLimit) {
        Bytes.put8(buf, off + RA_HOP_LIMIT, hopLimit);
        return this;
    }

    /** Router advertisement: addresses are available by DHCPv6 (the M flag). */
    public boolean managed() {
        return (Bytes.u8(buf, off + RA_FLAGS) & RA_MANAGED) != 0;
    }

    /** Router advertisement: other configuration is available by DHCPv6 (the O flag). */
    public boolean otherConfig() {
        return (Bytes.u8(buf, off + RA_FLAGS) & RA_OTHER) != 0;
    }

    public Icmpv6Packet setRouterFlags(boolean managed, boolean other) {
        Bytes.put8(buf, off + RA_FLAGS, (managed ? RA_MANAGED : 0) | (other ? RA_OTHER : 0));
        return this;
    }

    /** Router advertisement: seconds this router is a default router; 0: it is not one. */
    public int routerLifetime() {
        return Bytes.u16(buf, off + RA_ROUTER_LIFETIME);
    }

    public Icmpv6Packet setRouterLifetime(int seconds) {
        Bytes.put16(buf, off + RA_ROUTER_LIFETIME, seconds);
        return this;
    }

    /** Router advertisement: milliseconds a neighbor is reachable after a confirmation; 0: unspecified. */
    public long reachableTime() {
        return Bytes.i32(buf, off + RA_REACHABLE_TIME) & 0xFFFF_FFFFL;
    }

    public Icmpv6Packet setReachableTime(long millis) {
        Bytes.put32(buf, off + RA_REACHABLE_TIME, (int) millis);
        return this;
    }

    /** Router advertisement: milliseconds between neighbor solicitations; 0: unspecified. */
    public long retransTimer() {
        return Bytes.i32(buf, off + RA_RETRANS_TIMER) & 0xFFFF_FFFFL;
    }

    public Icmpv6Packet setRetransTimer(long millis) {
        Bytes.put32(buf, off + RA_RETRANS_TIMER, (int) millis);
        return this;
    }

    /** Neighbor advertisement: the sender is a router (R). */
    public boolean routerFlag() {
        return (Bytes.u8(buf, off + NA_FLAGS) & NA_ROUTER) != 0;
    }

    /** Neighbor advertisement: sent in answer to a solicitation (S). */
    public boolean solicitedFlag() {
        return (Bytes.u8(buf, off + NA_FLAGS) & NA_SOLICITED) != 0;
    }

    /** Neighbor advertisement: the link-layer address should replace a cached one (O). */
    public boolean overrideFlag() {
        return (Bytes.u8(buf, off + NA_FLAGS) & NA_OVERRIDE) != 0;
    }

    /** Writes the R, S and O flags and clears the rest of the reserved word. */
    public Icmpv6Packet setAdvertFlags(boolean router, boolean solicited, boolean override) {
        Bytes.put32(buf, off + NA_FLAGS, ((router ? NA_ROUTER : 0) | (solicited ? NA_SOLICITED : 0)
                | (override ? NA_OVERRIDE : 0)) << 24);
        return this;
    }

    /** Neighbor solicitation and advertisement, redirect: the target address's high bits. */
    public long targetHigh() {
        return Ipv6Address.high(buf, off + TARGET);
    }

    public long targetLow() {
        return Ipv6Address.low(buf, off + TARGET);
    }

    /** Where the target address is in {@link #buffer()}. */
    public int targetOffset() {
        return off + TARGET;
    }

    public Icmpv6Packet setTarget(long high, long low) {
        Ipv6Address.write(buf, off + TARGET, high, low);
        return this;
    }

    /** Redirect: where the redirected packets were going. */
    public int redirectDestinationOffset() {
        return off + REDIRECT_DESTINATION;
    }

    public Icmpv6Packet setRedirectDestination(long high, long low) {
        Ipv6Address.write(buf, off + REDIRECT_DESTINATION, high, low);
        return this;
    }

    /** Where an NDP message's options start in {@link #buffer()}. */
    public int ndpOptionsOffset() {
        return off + fixedLength(type());
    }

    public int ndpOptionsLength() {
        return len - fixedLength(type());
    }

    /** One line with the header fields; a message that fails {@link #check()} says why instead. */
    public StringBuilder appendTo(StringBuilder out) {
        out.append("ICMPv6 ");
        WireError reason = check();
        if (reason != null) {
            return out.append('[').append(explain(reason)).append(']');
        }
        out.append("type ").append(type()).append(" (").append(Icmpv6Names.type(type())).append("), code ").append(code())
                .append(", checksum 0x");
        return Hex.append(out, checksum(), 4).append(", length ").append(len);
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(80)).toString();
    }
}

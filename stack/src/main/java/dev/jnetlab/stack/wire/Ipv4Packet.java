package dev.jnetlab.stack.wire;

/**
 * A view of an IPv4 datagram (RFC 791 section 3.1). After {@link #check()} the header,
 * options included, lies inside the view, {@link #totalLength()} octets are present, and the
 * payload is {@link #payloadLength()} octets from {@link #payloadOffset()}; octets beyond the
 * total length (Ethernet padding) are not the datagram's.
 */
public final class Ipv4Packet extends PacketView {
    /** The header without options. */
    public static final int HEADER_LEN = 20;
    /** The largest datagram: the total length is a 16-bit field. */
    public static final int MAX_LEN = 65535;
    /** The time to live this stack sends with (RFC 1700's recommendation, as Linux does). */
    public static final int DEFAULT_TTL = 64;

    private static final int VERSION_IHL = 0;
    private static final int TOS = 1;
    private static final int TOTAL_LENGTH = 2;
    private static final int IDENTIFICATION = 4;
    private static final int FLAGS_FRAGMENT = 6;
    private static final int TTL = 8;
    private static final int PROTOCOL = 9;
    private static final int CHECKSUM = 10;
    private static final int SOURCE = 12;
    private static final int DESTINATION = 16;

    private static final int FLAG_RESERVED = 0x8000;
    private static final int FLAG_DONT_FRAGMENT = 0x4000;
    private static final int FLAG_MORE_FRAGMENTS = 0x2000;
    private static final int FRAGMENT_OFFSET_MASK = 0x1FFF;

    /** Points this view at {@code length} octets from {@code offset}; checks only that they lie in the array. */
    public Ipv4Packet wrap(byte[] buffer, int offset, int length) {
        window(buffer, offset, length);
        return this;
    }

    /**
     * Checks the whole datagram: {@link #checkHeader()}, then that the total length fits in
     * the view and that a fragment ends within the largest datagram. The checksum is
     * {@link #verifyChecksum()}'s job.
     */
    @Override
    public WireError check() {
        WireError reason = checkHeader();
        if (reason != null) {
            return reason;
        }
        if (totalLength() > len) {
            return WireError.BAD_TOTAL_LENGTH;
        }
        return fragmentOffset() + payloadLength() > MAX_LEN ? WireError.BAD_FRAGMENT_OFFSET : null;
    }

    /**
     * Checks the header alone: version 4, at least 5 words, all of them in the view, and a
     * total length that covers them. This is all that holds for the datagram an ICMP error
     * quotes, which is cut short on purpose (RFC 792; RFC 1812 section 4.3.2.3).
     */
    public WireError checkHeader() {
        if (len < HEADER_LEN) {
            return WireError.TRUNCATED;
        }
        if (version() != 4) {
            return WireError.BAD_VERSION;
        }
        if (ihl() < 5) {
            return WireError.BAD_IHL;
        }
        if (headerLength() > len) {
            return WireError.TRUNCATED;
        }
        return totalLength() < headerLength() ? WireError.BAD_TOTAL_LENGTH : null;
    }

    @Override
    String explain(WireError reason) {
        switch (reason) {
            case TRUNCATED:
                return len < HEADER_LEN
                        ? "IPv4: " + len + " octets, shorter than the 20-octet header"
                        : "IPv4: " + len + " octets, shorter than the " + headerLength() + "-octet header (IHL " + ihl() + ")";
            case BAD_VERSION:
                return "IPv4: version " + version() + ", not 4";
            case BAD_IHL:
                return "IPv4: IHL " + ihl() + " < 5";
            case BAD_TOTAL_LENGTH:
                return totalLength() < headerLength()
                        ? "IPv4: total length " + totalLength() + " < header length " + headerLength()
                        : "IPv4: total length " + totalLength() + " > " + len + " octets available";
            case BAD_FRAGMENT_OFFSET:
                return "IPv4: fragment at offset " + fragmentOffset() + " with " + payloadLength()
                        + " octets ends beyond " + MAX_LEN;
            default:
                throw new AssertionError(reason);
        }
    }

    /** Returns this view if {@link #check()} passes, else throws its reason with a message. */
    public Ipv4Packet validate() throws WireException {
        checkOrThrow();
        return this;
    }

    /** Returns this view if {@link #checkHeader()} passes, else throws its reason with a message. */
    public Ipv4Packet validateHeader() throws WireException {
        WireError reason = checkHeader();
        if (reason != null) {
            throw new WireException(reason, explain(reason));
        }
        return this;
    }

    public int version() {
        return Bytes.u8(buf, off + VERSION_IHL) >>> 4;
    }

    public Ipv4Packet setVersion(int version) {
        Bytes.requireUnsigned(version, 4, "IPv4 version");
        Bytes.put8(buf, off + VERSION_IHL, version << 4 | ihl());
        return this;
    }

    /** The Internet Header Length, in 32-bit words. */
    public int ihl() {
        return Bytes.u8(buf, off + VERSION_IHL) & 0x0F;
    }

    public Ipv4Packet setIhl(int words) {
        Bytes.requireUnsigned(words, 4, "IPv4 IHL");
        Bytes.put8(buf, off + VERSION_IHL, version() << 4 | words);
        return this;
    }

    /** The header length in octets, {@code 4 * ihl()}. */
    public int headerLength() {
        return ihl() * 4;
    }

    /** Differentiated Services Code Point, the high six bits of the old TOS octet (RFC 2474). */
    public int dscp() {
        return Bytes.u8(buf, off + TOS) >>> 2;
    }

    public Ipv4Packet setDscp(int dscp) {
        Bytes.requireUnsigned(dscp, 6, "DSCP");
        Bytes.put8(buf, off + TOS, dscp << 2 | ecn());
        return this;
    }

    /** Explicit Congestion Notification, the low two bits of the old TOS octet (RFC 3168). */
    public int ecn() {
        return Bytes.u8(buf, off + TOS) & 0x03;
    }

    public Ipv4Packet setEcn(int ecn) {
        Bytes.requireUnsigned(ecn, 2, "ECN");
        Bytes.put8(buf, off + TOS, dscp() << 2 | ecn);
        return this;
    }

    /** The datagram's length, header included. */
    public int totalLength() {
        return Bytes.u16(buf, off + TOTAL_LENGTH);
    }

    public Ipv4Packet setTotalLength(int octets) {
        Bytes.put16(buf, off + TOTAL_LENGTH, octets);
        return this;
    }

    public int identification() {
        return Bytes.u16(buf, off + IDENTIFICATION);
    }

    public Ipv4Packet setIdentification(int id) {
        Bytes.put16(buf, off + IDENTIFICATION, id);
        return this;
    }

    /** Bit 0 of the flags, which RFC 791 reserves and requires to be zero. */
    public boolean reservedFlag() {
        return (flagsAndOffset() & FLAG_RESERVED) != 0;
    }

    public Ipv4Packet setReservedFlag(boolean value) {
        return setFlag(FLAG_RESERVED, value);
    }

    public boolean dontFragment() {
        return (flagsAndOffset() & FLAG_DONT_FRAGMENT) != 0;
    }

    public Ipv4Packet setDontFragment(boolean value) {
        return setFlag(FLAG_DONT_FRAGMENT, value);
    }

    public boolean moreFragments() {
        return (flagsAndOffset() & FLAG_MORE_FRAGMENTS) != 0;
    }

    public Ipv4Packet setMoreFragments(boolean value) {
        return setFlag(FLAG_MORE_FRAGMENTS, value);
    }

    /** Where this fragment's data lies in the original datagram's payload, in octets (a multiple of 8). */
    public int fragmentOffset() {
        return (flagsAndOffset() & FRAGMENT_OFFSET_MASK) * 8;
    }

    /** Sets the fragment offset in octets, which must be a multiple of 8 below 65536. */
    public Ipv4Packet setFragmentOffset(int octets) {
        if (octets % 8 != 0 || octets < 0 || octets > FRAGMENT_OFFSET_MASK * 8) {
            throw new IllegalArgumentException("a fragment offset is a multiple of 8 from 0 to 65528: " + octets);
        }
        Bytes.put16(buf, off + FLAGS_FRAGMENT, flagsAndOffset() & ~FRAGMENT_OFFSET_MASK | octets / 8);
        return this;
    }

    /** Whether this is one fragment of a larger datagram: more follow, or others come before it. */
    public boolean isFragment() {
        return (flagsAndOffset() & (FLAG_MORE_FRAGMENTS | FRAGMENT_OFFSET_MASK)) != 0;
    }

    private int flagsAndOffset() {
        return Bytes.u16(buf, off + FLAGS_FRAGMENT);
    }

    private Ipv4Packet setFlag(int flag, boolean value) {
        int field = flagsAndOffset();
        Bytes.put16(buf, off + FLAGS_FRAGMENT, value ? field | flag : field & ~flag);
        return this;
    }

    public int ttl() {
        return Bytes.u8(buf, off + TTL);
    }

    public Ipv4Packet setTtl(int ttl) {
        Bytes.put8(buf, off + TTL, ttl);
        return this;
    }

    public int protocolValue() {
        return Bytes.u8(buf, off + PROTOCOL);
    }

    public IpProtocol protocol() {
        return IpProtocol.of(protocolValue());
    }

    public Ipv4Packet setProtocolValue(int protocol) {
        Bytes.put8(buf, off + PROTOCOL, protocol);
        return this;
    }

    public int checksum() {
        return Bytes.u16(buf, off + CHECKSUM);
    }

    public Ipv4Packet setChecksum(int checksum) {
        Bytes.put16(buf, off + CHECKSUM, checksum);
        return this;
    }

    /** Whether the header checksum verifies (RFC 791 section 3.1, computed as RFC 1071 says). */
    public boolean verifyChecksum() {
        return Checksum.sum(buf, off, headerLength()) == 0xFFFF;
    }

    /** The checksum the field should hold, for saying what a bad one should have been. */
    int expectedChecksum() {
        return Checksum.expected(Checksum.sum(buf, off, headerLength()), checksum());
    }

    /** Computes the header checksum and writes it; call it after the last change to the header. */
    public Ipv4Packet fillChecksum() {
        setChecksum(0);
        return setChecksum(Checksum.finish(Checksum.sum(buf, off, headerLength())));
    }

    public int source() {
        return Bytes.i32(buf, off + SOURCE);
    }

    public Ipv4Packet setSource(int ip) {
        Bytes.put32(buf, off + SOURCE, ip);
        return this;
    }

    public int destination() {
        return Bytes.i32(buf, off + DESTINATION);
    }

    public Ipv4Packet setDestination(int ip) {
        Bytes.put32(buf, off + DESTINATION, ip);
        return this;
    }

    /** Where the options start in {@link #buffer()}; they run to the end of the header. */
    public int optionsOffset() {
        return off + HEADER_LEN;
    }

    /** The options' length in octets, {@code headerLength() - 20}: up to 40, a multiple of 4. */
    public int optionsLength() {
        return headerLength() - HEADER_LEN;
    }

    /** Where the payload starts in {@link #buffer()}. */
    public int payloadOffset() {
        return off + headerLength();
    }

    /**
     * The payload octets present: {@code totalLength() - headerLength()} for a checked
     * datagram, fewer for a quoted one that only passed {@link #checkHeader()}.
     */
    public int payloadLength() {
        return Math.min(totalLength(), len) - headerLength();
    }

    /** One line with every field; a datagram whose header fails {@link #checkHeader()} says why instead. */
    public StringBuilder appendTo(StringBuilder out) {
        out.append("IPv4 ");
        WireError reason = checkHeader();
        if (reason != null) {
            return out.append('[').append(explain(reason)).append(']');
        }
        Ipv4Address.appendTo(out, source()).append(" > ");
        Ipv4Address.appendTo(out, destination()).append(", version ").append(version())
                .append(", header ").append(headerLength()).append(", dscp ").append(dscp()).append(", ecn ").append(ecn())
                .append(", total length ").append(totalLength()).append(", id ").append(identification())
                .append(", flags [");
        appendFlags(out).append("], offset ").append(fragmentOffset()).append(", ttl ").append(ttl())
                .append(", protocol ");
        IpProtocol protocol = protocol();
        out.append(protocol instanceof IpProtocol.Known ? protocol.toString() : "unknown").append(" (")
                .append(protocolValue()).append("), checksum 0x");
        Hex.append(out, checksum(), 4).append(verifyChecksum() ? " (correct)" : " (incorrect)");
        if (optionsLength() > 0) {
            out.append(", options ");
            Hex.appendOctets(out, buf, optionsOffset(), optionsLength());
        }
        return out;
    }

    private StringBuilder appendFlags(StringBuilder out) {
        int start = out.length();
        if (reservedFlag()) {
            out.append("reserved");
        }
        if (dontFragment()) {
            out.append(out.length() > start ? ", DF" : "DF");
        }
        if (moreFragments()) {
            out.append(out.length() > start ? ", MF" : "MF");
        }
        return out.length() > start ? out : out.append("none");
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(160)).toString();
    }
}

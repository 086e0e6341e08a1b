package dev.jnetlab.stack.wire;

/**
 * A view of an IPv6 packet's fixed header (RFC 8200 section 3). After {@link #check()} the
 * 40-octet header lies inside the view and {@link #payloadLength()} octets follow it; octets
 * beyond them (Ethernet padding) are not the packet's. The extension headers are in the
 * payload: {@link Ipv6HeaderChain} walks them.
 */
public final class Ipv6Packet extends PacketView {
    public static final int HEADER_LEN = 40;
    /** The hop limit this stack sends with (Linux's default). */
    public static final int DEFAULT_HOP_LIMIT = 64;
    /** The smallest MTU every IPv6 link has (RFC 8200 section 5). */
    public static final int MIN_MTU = 1280;

    private static final int VERSION_CLASS_FLOW = 0;
    private static final int PAYLOAD_LENGTH = 4;
    private static final int NEXT_HEADER = 6;
    private static final int HOP_LIMIT = 7;
    /** Where the source address is, from the start of the header. */
    public static final int SOURCE = 8;
    /** Where the destination address is, from the start of the header. */
    public static final int DESTINATION = 24;

    /** Points this view at {@code length} octets from {@code offset}; checks only that they lie in the array. */
    public Ipv6Packet wrap(byte[] buffer, int offset, int length) {
        window(buffer, offset, length);
        return this;
    }

    /** Checks the header and that the payload length fits in the view. */
    @Override
    public WireError check() {
        WireError reason = checkHeader();
        if (reason != null) {
            return reason;
        }
        return HEADER_LEN + payloadLength() > len ? WireError.BAD_PAYLOAD_LENGTH : null;
    }

    /** Checks the fixed header alone, all that holds for the packet an ICMPv6 error quotes, which is cut short. */
    public WireError checkHeader() {
        if (len < HEADER_LEN) {
            return WireError.TRUNCATED;
        }
        return version() != 6 ? WireError.BAD_VERSION : null;
    }

    @Override
    String explain(WireError reason) {
        switch (reason) {
            case TRUNCATED:
                return "IPv6: " + len + " octets, shorter than the 40-octet header";
            case BAD_VERSION:
                return "IPv6: version " + version() + ", not 6";
            case BAD_PAYLOAD_LENGTH:
                return "IPv6: payload length " + payloadLength() + " > " + (len - HEADER_LEN) + " octets available";
            default:
                throw new AssertionError(reason);
        }
    }

    /** Returns this view if {@link #check()} passes, else throws its reason with a message. */
    public Ipv6Packet validate() throws WireException {
        checkOrThrow();
        return this;
    }

    /** Returns this view if {@link #checkHeader()} passes, else throws its reason with a message. */
    public Ipv6Packet validateHeader() throws WireException {
        WireError reason = checkHeader();
        if (reason != null) {
            throw new WireException(reason, explain(reason));
        }
        return this;
    }

    public int version() {
        return Bytes.u8(buf, off + VERSION_CLASS_FLOW) >>> 4;
    }

    public Ipv6Packet setVersion(int version) {
        Bytes.requireUnsigned(version, 4, "IPv6 version");
        int word = Bytes.i32(buf, off + VERSION_CLASS_FLOW);
        Bytes.put32(buf, off + VERSION_CLASS_FLOW, word & 0x0FFF_FFFF | version << 28);
        return this;
    }

    /** The traffic class: DSCP in the high six bits, ECN in the low two (RFC 8200 section 7). */
    public int trafficClass() {
        return Bytes.i32(buf, off + VERSION_CLASS_FLOW) >>> 20 & 0xFF;
    }

    public Ipv6Packet setTrafficClass(int trafficClass) {
        Bytes.requireUnsigned(trafficClass, 8, "IPv6 traffic class");
        int word = Bytes.i32(buf, off + VERSION_CLASS_FLOW);
        Bytes.put32(buf, off + VERSION_CLASS_FLOW, word & 0xF00F_FFFF | trafficClass << 20);
        return this;
    }

    /** The flow label (RFC 6437), 20 bits. */
    public int flowLabel() {
        return Bytes.i32(buf, off + VERSION_CLASS_FLOW) & 0xF_FFFF;
    }

    public Ipv6Packet setFlowLabel(int label) {
        Bytes.requireUnsigned(label, 20, "IPv6 flow label");
        int word = Bytes.i32(buf, off + VERSION_CLASS_FLOW);
        Bytes.put32(buf, off + VERSION_CLASS_FLOW, word & 0xFFF0_0000 | label);
        return this;
    }

    /** The octets after the fixed header, extension headers included. */
    public int payloadLength() {
        return Bytes.u16(buf, off + PAYLOAD_LENGTH);
    }

    public Ipv6Packet setPayloadLength(int octets) {
        Bytes.put16(buf, off + PAYLOAD_LENGTH, octets);
        return this;
    }

    /** The type of the first header after this one: an extension header or the upper layer. */
    public int nextHeader() {
        return Bytes.u8(buf, off + NEXT_HEADER);
    }

    public Ipv6Packet setNextHeader(int value) {
        Bytes.put8(buf, off + NEXT_HEADER, value);
        return this;
    }

    public int hopLimit() {
        return Bytes.u8(buf, off + HOP_LIMIT);
    }

    public Ipv6Packet setHopLimit(int hopLimit) {
        Bytes.put8(buf, off + HOP_LIMIT, hopLimit);
        return this;
    }

    public long sourceHigh() {
        return Ipv6Address.high(buf, off + SOURCE);
    }

    public long sourceLow() {
        return Ipv6Address.low(buf, off + SOURCE);
    }

    public long destinationHigh() {
        return Ipv6Address.high(buf, off + DESTINATION);
    }

    public long destinationLow() {
        return Ipv6Address.low(buf, off + DESTINATION);
    }

    /** The source address as a value; allocates, so not for the packet path. */
    public Ipv6Address source() {
        return Ipv6Address.read(buf, off + SOURCE);
    }

    public Ipv6Address destination() {
        return Ipv6Address.read(buf, off + DESTINATION);
    }

    public Ipv6Packet setSource(long high, long low) {
        Ipv6Address.write(buf, off + SOURCE, high, low);
        return this;
    }

    public Ipv6Packet setDestination(long high, long low) {
        Ipv6Address.write(buf, off + DESTINATION, high, low);
        return this;
    }

    /** Where the payload (the first extension header, or the upper layer) starts in {@link #buffer()}. */
    public int payloadOffset() {
        return off + HEADER_LEN;
    }

    /**
     * The checksum sum of the pseudo-header of RFC 8200 section 8.1 for an upper-layer
     * message of {@code upperLength} octets and type {@code nextHeader}: both addresses, the
     * 32-bit length and the next header in a 32-bit word.
     */
    public int pseudoHeaderSum(int nextHeader, int upperLength) {
        return Checksum.add(Checksum.sum(buf, off + SOURCE, 2 * Ipv6Address.LENGTH),
                Checksum.pseudoHeaderTail(nextHeader, upperLength));
    }

    /** One line with every field; a packet whose header fails {@link #checkHeader()} says why instead. */
    public StringBuilder appendTo(StringBuilder out) {
        out.append("IPv6 ");
        WireError reason = checkHeader();
        if (reason != null) {
            return out.append('[').append(explain(reason)).append(']');
        }
        Ipv6Address.appendTo(out, buf, off + SOURCE).append(" > ");
        Ipv6Address.appendTo(out, buf, off + DESTINATION).append(", traffic class 0x");
        Hex.append(out, trafficClass(), 2).append(", flow label 0x");
        Hex.append(out, flowLabel(), 5).append(", payload length ").append(payloadLength())
                .append(", next header ").append(nextHeader()).append(", hop limit ").append(hopLimit());
        return out;
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(120)).toString();
    }
}

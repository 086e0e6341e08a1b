package dev.jnetlab.stack.wire;

/**
 * A view of a UDP datagram (RFC 768). The view spans what IPv4 delivered; after
 * {@link #check()} the datagram's own length lies between the header and that, and the
 * payload is {@link #payloadLength()} octets from {@link #payloadOffset()}. Octets beyond the
 * UDP length are ignored, as RFC 1122 section 4.1.3.4 lets a host do.
 */
public final class UdpPacket extends PacketView {
    public static final int HEADER_LEN = 8;

    private static final int SRC_PORT = 0;
    private static final int DST_PORT = 2;
    private static final int LENGTH = 4;
    private static final int CHECKSUM = 6;

    /** Points this view at {@code length} octets from {@code offset}; checks only that they lie in the array. */
    public UdpPacket wrap(byte[] buffer, int offset, int length) {
        window(buffer, offset, length);
        return this;
    }

    /** Checks the header and the length field; the checksum is {@link #verifyChecksum}'s job. */
    @Override
    public WireError check() {
        if (len < HEADER_LEN) {
            return WireError.TRUNCATED;
        }
        int datagramLength = datagramLength();
        return datagramLength < HEADER_LEN || datagramLength > len ? WireError.BAD_UDP_LENGTH : null;
    }

    @Override
    String explain(WireError reason) {
        if (reason == WireError.TRUNCATED) {
            return "UDP: " + len + " octets, shorter than the 8-octet header";
        }
        return datagramLength() < HEADER_LEN
                ? "UDP: length " + datagramLength() + " < 8"
                : "UDP: length " + datagramLength() + " > " + len + " octets available";
    }

    /** Returns this view if {@link #check()} passes, else throws its reason with a message. */
    public UdpPacket validate() throws WireException {
        checkOrThrow();
        return this;
    }

    public int srcPort() {
        return Bytes.u16(buf, off + SRC_PORT);
    }

    public UdpPacket setSrcPort(int port) {
        Bytes.put16(buf, off + SRC_PORT, port);
        return this;
    }

    public int dstPort() {
        return Bytes.u16(buf, off + DST_PORT);
    }

    public UdpPacket setDstPort(int port) {
        Bytes.put16(buf, off + DST_PORT, port);
        return this;
    }

    /** The length field: header and payload, in octets. */
    public int datagramLength() {
        return Bytes.u16(buf, off + LENGTH);
    }

    public UdpPacket setDatagramLength(int octets) {
        Bytes.put16(buf, off + LENGTH, octets);
        return this;
    }

    public int checksum() {
        return Bytes.u16(buf, off + CHECKSUM);
    }

    public UdpPacket setChecksum(int checksum) {
        Bytes.put16(buf, off + CHECKSUM, checksum);
        return this;
    }

    /**
     * Whether the checksum over the pseudo-header and the datagram verifies. A checksum field
     * of zero means the sender computed none (RFC 768), which verifies.
     */
    public boolean verifyChecksum(int srcAddr, int dstAddr) {
        return checksum() == 0 || sum(srcAddr, dstAddr) == 0xFFFF;
    }

    /**
     * Computes the checksum over the pseudo-header and the datagram and writes it, as 0xFFFF
     * if it comes out as zero, since zero would mean "no checksum" (RFC 768). The length field
     * and the payload must be in place.
     */
    public UdpPacket fillChecksum(int srcAddr, int dstAddr) {
        setChecksum(0);
        int checksum = Checksum.finish(sum(srcAddr, dstAddr));
        return setChecksum(checksum == 0 ? 0xFFFF : checksum);
    }

    /**
     * Whether the checksum over IPv6's pseudo-header (its sum, {@link Ipv6Packet#pseudoHeaderSum})
     * and the datagram verifies. Over IPv6 a checksum of zero is not "none": RFC 8200 section 8.1
     * makes it mandatory, so a zero field fails.
     */
    public boolean verifyChecksumIpv6(int pseudoHeaderSum) {
        int length = datagramLength();
        return checksum() != 0 && Checksum.add(pseudoHeaderSum, Checksum.sum(buf, off, length)) == 0xFFFF;
    }

    /** Computes the checksum over IPv6's pseudo-header sum and the datagram and writes it (0xFFFF for a zero result). */
    public UdpPacket fillChecksumIpv6(int pseudoHeaderSum) {
        setChecksum(0);
        int checksum = Checksum.finish(Checksum.add(pseudoHeaderSum, Checksum.sum(buf, off, datagramLength())));
        return setChecksum(checksum == 0 ? 0xFFFF : checksum);
    }

    /** The checksum the field should hold, for saying what a bad one should have been. */
    int expectedChecksum(int srcAddr, int dstAddr) {
        return Checksum.expected(sum(srcAddr, dstAddr), checksum());
    }

    private int sum(int srcAddr, int dstAddr) {
        int length = datagramLength();
        return Checksum.add(Checksum.pseudoHeader(srcAddr, dstAddr, IpProtocol.UDP.value(), length),
                Checksum.sum(buf, off, length));
    }

    /** Where the payload starts in {@link #buffer()}. */
    public int payloadOffset() {
        return off + HEADER_LEN;
    }

    /** The payload's length by the length field. */
    public int payloadLength() {
        return datagramLength() - HEADER_LEN;
    }

    /** One line with every field; a datagram that fails {@link #check()} says why instead. */
    public StringBuilder appendTo(StringBuilder out) {
        return append(out, false, 0, 0);
    }

    /** As {@link #appendTo(StringBuilder)}, and whether the checksum verifies for these pseudo-header addresses. */
    public StringBuilder appendTo(StringBuilder out, int srcAddr, int dstAddr) {
        return append(out, true, srcAddr, dstAddr);
    }

    private StringBuilder append(StringBuilder out, boolean verify, int srcAddr, int dstAddr) {
        out.append("UDP ");
        WireError reason = check();
        if (reason != null) {
            return out.append('[').append(explain(reason)).append(']');
        }
        out.append(srcPort()).append(" > ").append(dstPort()).append(", length ").append(datagramLength())
                .append(", checksum 0x");
        Hex.append(out, checksum(), 4);
        if (verify) {
            out.append(checksum() == 0 ? " (none)" : verifyChecksum(srcAddr, dstAddr) ? " (correct)" : " (incorrect)");
        }
        return out.append(", payload ").append(payloadLength()).append(" octets");
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(64)).toString();
    }
}

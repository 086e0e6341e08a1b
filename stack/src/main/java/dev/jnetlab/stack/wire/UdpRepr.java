package dev.jnetlab.stack.wire;

/**
 * A UDP header as a value (RFC 768). The payload is not part of the value: it is
 * {@code payloadLength} octets after the header.
 */
public record UdpRepr(int srcPort, int dstPort, int payloadLength) {
    public UdpRepr {
        Bytes.requireUnsigned(srcPort, 16, "source port");
        Bytes.requireUnsigned(dstPort, 16, "destination port");
        if (payloadLength < 0 || payloadLength > 0xFFFF - UdpPacket.HEADER_LEN) {
            throw new IllegalArgumentException("a UDP payload is 0 to 65527 octets, not " + payloadLength);
        }
    }

    /**
     * Parses a received datagram: {@link UdpPacket#check()}, then the checksum over the
     * pseudo-header of {@code srcAddr} and {@code dstAddr} unless the sender sent none (0).
     */
    public static UdpRepr parse(UdpPacket packet, Ipv4Address srcAddr, Ipv4Address dstAddr) throws WireException {
        packet.validate();
        if (!packet.verifyChecksum(srcAddr.bits(), dstAddr.bits())) {
            throw new WireException(WireError.BAD_CHECKSUM, "UDP: bad checksum " + Hex.field16(packet.checksum())
                    + ", should be " + Hex.field16(packet.expectedChecksum(srcAddr.bits(), dstAddr.bits())));
        }
        return new UdpRepr(packet.srcPort(), packet.dstPort(), packet.payloadLength());
    }

    /** The datagram's length: header and payload. */
    public int bufferLen() {
        return UdpPacket.HEADER_LEN + payloadLength;
    }

    /**
     * Writes the header and the checksum, which covers the payload: the payload must already
     * be at {@link UdpPacket#payloadOffset()} (or call {@link UdpPacket#fillChecksum} after
     * writing it). The view must span exactly {@link #bufferLen()} octets.
     */
    public void emit(UdpPacket packet, Ipv4Address srcAddr, Ipv4Address dstAddr) {
        if (packet.length() != bufferLen()) {
            throw new IllegalArgumentException("a view of " + packet.length() + " octets for a datagram of " + bufferLen());
        }
        packet.setSrcPort(srcPort).setDstPort(dstPort).setDatagramLength(bufferLen())
                .fillChecksum(srcAddr.bits(), dstAddr.bits());
    }
}

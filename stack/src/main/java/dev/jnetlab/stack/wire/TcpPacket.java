package dev.jnetlab.stack.wire;

/**
 * A view of a TCP segment (RFC 9293 section 3.1). The view spans what IPv4 delivered; after
 * {@link #check()} the header lies inside it, its options are well formed (walk them with a
 * {@link TcpOptionReader}), the control bits make sense, and the payload is the rest of the
 * view.
 */
public final class TcpPacket extends PacketView {
    /** The header without options. */
    public static final int HEADER_LEN = 20;

    private static final int SRC_PORT = 0;
    private static final int DST_PORT = 2;
    private static final int SEQ_NUMBER = 4;
    private static final int ACK_NUMBER = 8;
    private static final int OFFSET_AND_FLAGS = 12;
    private static final int WINDOW = 14;
    /** Where the checksum field is, from the start of the header (a device told to finish it needs this). */
    public static final int CHECKSUM = 16;
    private static final int URGENT_POINTER = 18;

    private static final int FLAGS_MASK = 0x01FF;
    private static final int RESERVED_MASK = 0x0E00;

    /** Points this view at {@code length} octets from {@code offset}; checks only that they lie in the array. */
    public TcpPacket wrap(byte[] buffer, int offset, int length) {
        window(buffer, offset, length);
        return this;
    }

    /**
     * Checks, in this order: the fixed header is present, the data offset is at least 5
     * words and within the view, SYN comes with neither RST nor FIN, every option is well
     * formed. The checksum is {@link #verifyChecksum}'s job.
     */
    @Override
    public WireError check() {
        if (len < HEADER_LEN) {
            return WireError.TRUNCATED;
        }
        int headerLength = headerLength();
        if (headerLength < HEADER_LEN || headerLength > len) {
            return WireError.BAD_DATA_OFFSET;
        }
        int flags = flags();
        if ((flags & TcpFlags.SYN) != 0 && (flags & (TcpFlags.RST | TcpFlags.FIN)) != 0) {
            return WireError.BAD_FLAGS;
        }
        return TcpOptionReader.firstMalformed(buf, optionsOffset(), optionsLength()) >= 0 ? WireError.BAD_OPTION : null;
    }

    @Override
    String explain(WireError reason) {
        switch (reason) {
            case TRUNCATED:
                return "TCP: " + len + " octets, shorter than the 20-octet header";
            case BAD_DATA_OFFSET:
                return dataOffset() < 5
                        ? "TCP: data offset " + dataOffset() + " < 5"
                        : "TCP: data offset " + dataOffset() + " (" + headerLength() + " octets) > " + len + " octets in the segment";
            case BAD_FLAGS:
                return (flags() & TcpFlags.RST) != 0 ? "TCP: SYN with RST" : "TCP: SYN with FIN";
            case BAD_OPTION:
                int start = optionsOffset();
                int end = start + optionsLength();
                return TcpOptionReader.describe(buf, TcpOptionReader.firstMalformed(buf, start, optionsLength()), end, start);
            default:
                throw new AssertionError(reason);
        }
    }

    /** Returns this view if {@link #check()} passes, else throws its reason with a message. */
    public TcpPacket validate() throws WireException {
        checkOrThrow();
        return this;
    }

    public int srcPort() {
        return Bytes.u16(buf, off + SRC_PORT);
    }

    public TcpPacket setSrcPort(int port) {
        Bytes.put16(buf, off + SRC_PORT, port);
        return this;
    }

    public int dstPort() {
        return Bytes.u16(buf, off + DST_PORT);
    }

    public TcpPacket setDstPort(int port) {
        Bytes.put16(buf, off + DST_PORT, port);
        return this;
    }

    /** The sequence number, a 32-bit bit pattern: compare with modular arithmetic, print unsigned. */
    public int seqNumber() {
        return Bytes.i32(buf, off + SEQ_NUMBER);
    }

    public TcpPacket setSeqNumber(int seq) {
        Bytes.put32(buf, off + SEQ_NUMBER, seq);
        return this;
    }

    /** The acknowledgment number; it means something only with {@link TcpFlags#ACK}. */
    public int ackNumber() {
        return Bytes.i32(buf, off + ACK_NUMBER);
    }

    public TcpPacket setAckNumber(int ack) {
        Bytes.put32(buf, off + ACK_NUMBER, ack);
        return this;
    }

    /** The data offset: the header length in 32-bit words. */
    public int dataOffset() {
        return offsetAndFlags() >>> 12;
    }

    public TcpPacket setDataOffset(int words) {
        Bytes.requireUnsigned(words, 4, "TCP data offset");
        Bytes.put16(buf, off + OFFSET_AND_FLAGS, offsetAndFlags() & 0x0FFF | words << 12);
        return this;
    }

    /** The header length in octets, {@code 4 * dataOffset()}. */
    public int headerLength() {
        return dataOffset() * 4;
    }

    /** The three bits between the data offset and NS, which RFC 9293 reserves. */
    public int reservedBits() {
        return (offsetAndFlags() & RESERVED_MASK) >>> 9;
    }

    public TcpPacket setReservedBits(int bits) {
        Bytes.requireUnsigned(bits, 3, "TCP reserved bits");
        Bytes.put16(buf, off + OFFSET_AND_FLAGS, offsetAndFlags() & ~RESERVED_MASK | bits << 9);
        return this;
    }

    /** The nine control bits, a union of the {@link TcpFlags} constants. */
    public int flags() {
        return offsetAndFlags() & FLAGS_MASK;
    }

    public TcpPacket setFlags(int flags) {
        Bytes.requireUnsigned(flags, 9, "TCP flags");
        Bytes.put16(buf, off + OFFSET_AND_FLAGS, offsetAndFlags() & ~FLAGS_MASK | flags);
        return this;
    }

    public boolean fin() {
        return (flags() & TcpFlags.FIN) != 0;
    }

    public TcpPacket setFin(boolean value) {
        return setFlag(TcpFlags.FIN, value);
    }

    public boolean syn() {
        return (flags() & TcpFlags.SYN) != 0;
    }

    public TcpPacket setSyn(boolean value) {
        return setFlag(TcpFlags.SYN, value);
    }

    public boolean rst() {
        return (flags() & TcpFlags.RST) != 0;
    }

    public TcpPacket setRst(boolean value) {
        return setFlag(TcpFlags.RST, value);
    }

    public boolean psh() {
        return (flags() & TcpFlags.PSH) != 0;
    }

    public TcpPacket setPsh(boolean value) {
        return setFlag(TcpFlags.PSH, value);
    }

    public boolean ack() {
        return (flags() & TcpFlags.ACK) != 0;
    }

    public TcpPacket setAck(boolean value) {
        return setFlag(TcpFlags.ACK, value);
    }

    public boolean urg() {
        return (flags() & TcpFlags.URG) != 0;
    }

    public TcpPacket setUrg(boolean value) {
        return setFlag(TcpFlags.URG, value);
    }

    public boolean ece() {
        return (flags() & TcpFlags.ECE) != 0;
    }

    public TcpPacket setEce(boolean value) {
        return setFlag(TcpFlags.ECE, value);
    }

    public boolean cwr() {
        return (flags() & TcpFlags.CWR) != 0;
    }

    public TcpPacket setCwr(boolean value) {
        return setFlag(TcpFlags.CWR, value);
    }

    public boolean ns() {
        return (flags() & TcpFlags.NS) != 0;
    }

    public TcpPacket setNs(boolean value) {
        return setFlag(TcpFlags.NS, value);
    }

    private int offsetAndFlags() {
        return Bytes.u16(buf, off + OFFSET_AND_FLAGS);
    }

    private TcpPacket setFlag(int flag, boolean value) {
        int field = offsetAndFlags();
        Bytes.put16(buf, off + OFFSET_AND_FLAGS, value ? field | flag : field & ~flag);
        return this;
    }

    /** The receive window as sent, before any window scaling (RFC 7323 section 2.2). */
    public int window() {
        return Bytes.u16(buf, off + WINDOW);
    }

    public TcpPacket setWindow(int window) {
        Bytes.put16(buf, off + WINDOW, window);
        return this;
    }

    public int checksum() {
        return Bytes.u16(buf, off + CHECKSUM);
    }

    public TcpPacket setChecksum(int checksum) {
        Bytes.put16(buf, off + CHECKSUM, checksum);
        return this;
    }

    /** Whether the checksum over the pseudo-header and the whole segment (the view) verifies. */
    public boolean verifyChecksum(int srcAddr, int dstAddr) {
        return sum(srcAddr, dstAddr) == 0xFFFF;
    }

    /** Computes the checksum over the pseudo-header and the whole segment and writes it; the payload must be in place. */
    public TcpPacket fillChecksum(int srcAddr, int dstAddr) {
        setChecksum(0);
        return setChecksum(Checksum.finish(sum(srcAddr, dstAddr)));
    }

    /**
     * Writes the partial checksum a device finishes (checksum offload): the pseudo-header sum
     * alone, not complemented, so that the device's one's complement sum from the TCP header
     * on, complemented, is the checksum (Linux leaves the same in a CHECKSUM_PARTIAL segment;
     * include/uapi/linux/virtio_net.h, VIRTIO_NET_HDR_F_NEEDS_CSUM). The length is this
     * segment's, also for one the device will cut into several: it adjusts each.
     */
    public TcpPacket setPartialChecksum(int srcAddr, int dstAddr) {
        return setChecksum(Checksum.pseudoHeader(srcAddr, dstAddr, IpProtocol.TCP.value(), len));
    }

    /** Whether the checksum field holds the partial checksum of {@link #setPartialChecksum}: one left to a device. */
    public boolean hasPartialChecksum(int srcAddr, int dstAddr) {
        return checksum() == Checksum.pseudoHeader(srcAddr, dstAddr, IpProtocol.TCP.value(), len);
    }

    /** Whether the checksum over IPv6's pseudo-header (its sum, {@link Ipv6Packet#pseudoHeaderSum}) and the segment verifies. */
    public boolean verifyChecksumIpv6(int pseudoHeaderSum) {
        return Checksum.add(pseudoHeaderSum, Checksum.sum(buf, off, len)) == 0xFFFF;
    }

    /** Computes the checksum over IPv6's pseudo-header sum and the whole segment and writes it. */
    public TcpPacket fillChecksumIpv6(int pseudoHeaderSum) {
        setChecksum(0);
        return setChecksum(Checksum.finish(Checksum.add(pseudoHeaderSum, Checksum.sum(buf, off, len))));
    }

    /** The checksum the field should hold, for saying what a bad one should have been. */
    int expectedChecksum(int srcAddr, int dstAddr) {
        return Checksum.expected(sum(srcAddr, dstAddr), checksum());
    }

    private int sum(int srcAddr, int dstAddr) {
        return Checksum.add(Checksum.pseudoHeader(srcAddr, dstAddr, IpProtocol.TCP.value(), len),
                Checksum.sum(buf, off, len));
    }

    /** The urgent pointer; it means something only with {@link TcpFlags#URG}. */
    public int urgentPointer() {
        return Bytes.u16(buf, off + URGENT_POINTER);
    }

    public TcpPacket setUrgentPointer(int pointer) {
        Bytes.put16(buf, off + URGENT_POINTER, pointer);
        return this;
    }

    /** Where the options start in {@link #buffer()}; they run to the end of the header. */
    public int optionsOffset() {
        return off + HEADER_LEN;
    }

    public int optionsLength() {
        return headerLength() - HEADER_LEN;
    }

    /** Where the payload starts in {@link #buffer()}. */
    public int payloadOffset() {
        return off + headerLength();
    }

    public int payloadLength() {
        return len - headerLength();
    }

    /** SEG.LEN of RFC 9293 section 3.4: the sequence space the segment occupies, payload plus one each for SYN and FIN. */
    public int segmentLength() {
        return payloadLength() + (syn() ? 1 : 0) + (fin() ? 1 : 0);
    }

    /** One line with every header field but the options; a segment that fails {@link #check()} says why instead. */
    public StringBuilder appendTo(StringBuilder out) {
        return append(out, false, 0, 0);
    }

    /** As {@link #appendTo(StringBuilder)}, and whether the checksum verifies for these pseudo-header addresses. */
    public StringBuilder appendTo(StringBuilder out, int srcAddr, int dstAddr) {
        return append(out, true, srcAddr, dstAddr);
    }

    private StringBuilder append(StringBuilder out, boolean verify, int srcAddr, int dstAddr) {
        out.append("TCP ");
        WireError reason = check();
        if (reason != null) {
            return out.append('[').append(explain(reason)).append(']');
        }
        out.append(srcPort()).append(" > ").append(dstPort()).append(", seq ")
                .append(seqNumber() & 0xFFFF_FFFFL).append(", ack ")
                .append(ackNumber() & 0xFFFF_FFFFL).append(", data offset ").append(dataOffset())
                .append(", reserved ").append(reservedBits()).append(", flags [");
        TcpFlags.appendTcpdump(out, flags()).append("], window ").append(window()).append(", checksum 0x");
        Hex.append(out, checksum(), 4);
        if (verify) {
            out.append(verifyChecksum(srcAddr, dstAddr) ? " (correct)"
                    : hasPartialChecksum(srcAddr, dstAddr) ? " (offloaded)" : " (incorrect)");
        }
        out.append(", urgent pointer ").append(urgentPointer());
        return out.append(", payload ").append(payloadLength()).append(" octets");
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(160)).toString();
    }
}

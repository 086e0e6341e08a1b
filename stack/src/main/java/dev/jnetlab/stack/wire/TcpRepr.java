package dev.jnetlab.stack.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A TCP header as a value (RFC 9293 section 3.1). The acknowledgment number means something
 * only with ACK and the urgent pointer only with URG, so without them they are 0 here (and
 * ignored when parsing, as RFC 9293 lets a receiver). The payload is not part of the value:
 * it is {@code payloadLength} octets after the header.
 *
 * @param seqNumber    a 32-bit bit pattern
 * @param ackNumber    a 32-bit bit pattern; 0 unless {@code flags} has ACK
 * @param window       the window field as sent, before scaling
 * @param options      the options in order, NOPs included; see {@link TcpOption} about EOL
 */
public record TcpRepr(
        int srcPort,
        int dstPort,
        int seqNumber,
        int ackNumber,
        TcpFlags flags,
        int window,
        int urgentPointer,
        List<TcpOption> options,
        int payloadLength) {

    private static final int MAX_OPTIONS_LEN = 40;

    public TcpRepr {
        Bytes.requireUnsigned(srcPort, 16, "source port");
        Bytes.requireUnsigned(dstPort, 16, "destination port");
        Objects.requireNonNull(flags, "flags");
        Bytes.requireUnsigned(window, 16, "window");
        Bytes.requireUnsigned(urgentPointer, 16, "urgent pointer");
        options = List.copyOf(options);
        if (flags.has(TcpFlags.SYN) && (flags.bits() & (TcpFlags.RST | TcpFlags.FIN)) != 0) {
            throw new IllegalArgumentException("SYN with RST or FIN: " + flags);
        }
        if (ackNumber != 0 && !flags.has(TcpFlags.ACK)) {
            throw new IllegalArgumentException("an acknowledgment number without ACK");
        }
        if (urgentPointer != 0 && !flags.has(TcpFlags.URG)) {
            throw new IllegalArgumentException("an urgent pointer without URG");
        }
        int optionsLen = 0;
        for (TcpOption option : options) {
            optionsLen += option.length();
        }
        if (optionsLen > MAX_OPTIONS_LEN) {
            throw new IllegalArgumentException("TCP options take " + optionsLen + " octets, more than 40");
        }
        if (payloadLength < 0 || payloadLength > Ipv4Packet.MAX_LEN - Ipv4Packet.HEADER_LEN - TcpPacket.HEADER_LEN) {
            throw new IllegalArgumentException("a TCP payload of " + payloadLength + " octets does not fit in IPv4");
        }
    }

    /**
     * Parses a received segment: {@link TcpPacket#check()}, then the checksum over the
     * pseudo-header of {@code srcAddr} and {@code dstAddr}.
     */
    public static TcpRepr parse(TcpPacket packet, Ipv4Address srcAddr, Ipv4Address dstAddr) throws WireException {
        packet.validate();
        if (!packet.verifyChecksum(srcAddr.bits(), dstAddr.bits())) {
            throw new WireException(WireError.BAD_CHECKSUM, "TCP: bad checksum " + Hex.field16(packet.checksum())
                    + ", should be " + Hex.field16(packet.expectedChecksum(srcAddr.bits(), dstAddr.bits())));
        }
        TcpFlags flags = TcpFlags.of(packet.flags());
        return new TcpRepr(packet.srcPort(), packet.dstPort(), packet.seqNumber(),
                flags.has(TcpFlags.ACK) ? packet.ackNumber() : 0, flags, packet.window(),
                flags.has(TcpFlags.URG) ? packet.urgentPointer() : 0, readOptions(packet), packet.payloadLength());
    }

    private static List<TcpOption> readOptions(TcpPacket packet) {
        List<TcpOption> options = new ArrayList<>();
        TcpOptionReader reader = new TcpOptionReader().wrap(packet);
        while (reader.next()) {
            switch (reader.kind()) {
                case TcpOptionReader.KIND_EOL:
                    break;
                case TcpOptionReader.KIND_NOP:
                    options.add(TcpOption.NOP);
                    break;
                case TcpOptionReader.KIND_MSS:
                    options.add(new TcpOption.MaxSegmentSize(reader.mss()));
                    break;
                case TcpOptionReader.KIND_WINDOW_SCALE:
                    options.add(new TcpOption.WindowScale(reader.windowScale()));
                    break;
                case TcpOptionReader.KIND_SACK_PERMITTED:
                    options.add(TcpOption.SACK_PERMITTED);
                    break;
                case TcpOptionReader.KIND_SACK:
                    List<SackRange> blocks = new ArrayList<>(reader.sackCount());
                    for (int i = 0; i < reader.sackCount(); i++) {
                        blocks.add(new SackRange(reader.sackLeft(i), reader.sackRight(i)));
                    }
                    options.add(new TcpOption.Sack(blocks));
                    break;
                case TcpOptionReader.KIND_TIMESTAMPS:
                    options.add(new TcpOption.Timestamps(reader.tsVal(), reader.tsEcr()));
                    break;
                default:
                    options.add(new TcpOption.Unknown(reader.kind(),
                            Octets.copyOf(packet.buffer(), reader.dataOffset(), reader.dataLength())));
            }
        }
        return options;
    }

    /** The options' length on the wire, padded with zeros to a whole number of words. */
    public int optionsLen() {
        int length = 0;
        for (TcpOption option : options) {
            length += option.length();
        }
        return (length + 3) & ~3;
    }

    public int headerLen() {
        return TcpPacket.HEADER_LEN + optionsLen();
    }

    /** The segment's length: header and payload. */
    public int bufferLen() {
        return headerLen() + payloadLength;
    }

    /**
     * Writes the header, options and the checksum, which covers the payload: the payload must
     * already be at {@code headerLen()} into the view (or call {@link TcpPacket#fillChecksum}
     * after writing it). The view must span exactly {@link #bufferLen()} octets.
     */
    public void emit(TcpPacket packet, Ipv4Address srcAddr, Ipv4Address dstAddr) {
        if (packet.length() != bufferLen()) {
            throw new IllegalArgumentException("a view of " + packet.length() + " octets for a segment of " + bufferLen());
        }
        packet.setSrcPort(srcPort).setDstPort(dstPort).setSeqNumber(seqNumber).setAckNumber(ackNumber)
                .setDataOffset(headerLen() / 4).setReservedBits(0).setFlags(flags.bits()).setWindow(window)
                .setUrgentPointer(urgentPointer);
        byte[] buffer = packet.buffer();
        int at = packet.optionsOffset();
        for (TcpOption option : options) {
            at += option.writeTo(buffer, at);
        }
        for (int end = packet.payloadOffset(); at < end; at++) {
            buffer[at] = TcpOptionReader.KIND_EOL;
        }
        packet.fillChecksum(srcAddr.bits(), dstAddr.bits());
    }
}

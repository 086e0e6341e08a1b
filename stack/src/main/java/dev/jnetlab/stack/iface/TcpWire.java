package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.socket.tcp.TcpSegment;
import dev.jnetlab.stack.wire.Bytes;
import dev.jnetlab.stack.wire.TcpOptionReader;
import dev.jnetlab.stack.wire.TcpPacket;

/**
 * Between the wire's TCP header and the socket's {@link TcpSegment} descriptor, both ways,
 * without allocating: {@link #read} fills a descriptor from a checked {@link TcpPacket} (the
 * payload lent in place), {@link #write} writes a descriptor's header and options into a frame.
 *
 * <p><b>Option layout.</b> Options go out in the order and packing Linux uses, so a capture of
 * the stack reads like one of any host: in a SYN, MSS, then SACK-permitted and timestamps
 * sharing one 12-octet block ({@code 04 02 08 0a ...}: SACK-permitted fills the two octets the
 * timestamps would otherwise pad with NOPs), then NOP and window scale; in other segments,
 * NOP NOP timestamps, then NOP NOP SACK. Every option group is a whole number of 32-bit words,
 * so no end-of-list padding is ever needed. This is never longer than the socket's own budget
 * ({@link TcpSegment#optionsLength()}, which aligns each option alone), so a segment the
 * socket sized to the MSS fits the MTU.
 */
final class TcpWire {
    /** The most option octets a header can carry. */
    static final int MAX_OPTIONS = 40;

    private TcpWire() {
    }

    /** The option octets {@link #write} puts in the header of {@code segment}. */
    static int optionsLength(TcpSegment segment) {
        int length = 0;
        if (segment.hasMss()) {
            length += 4;
        }
        if (segment.hasTimestamps()) {
            length += 12; // SACK-permitted, if present, rides in the timestamps' padding
        } else if (segment.sackPermitted()) {
            length += 4;
        }
        if (segment.hasWindowScale()) {
            length += 4;
        }
        if (segment.sackBlockCount() > 0) {
            length += 4 + 8 * segment.sackBlockCount();
        }
        return length;
    }

    /**
     * Writes the TCP header of {@code segment} with its options at {@code view}'s offset, the
     * checksum zero (the caller fills it once the payload is in place). The view must span the
     * header and the payload. Returns the header length.
     *
     * @throws IllegalStateException if the options would exceed 40 octets (the socket never asks for that)
     */
    static int write(TcpSegment segment, TcpPacket view) {
        int options = optionsLength(segment);
        if (options > MAX_OPTIONS) {
            throw new IllegalStateException("TCP options of " + options + " octets: " + segment);
        }
        int headerLength = TcpPacket.HEADER_LEN + options;
        view.setSrcPort(segment.sourcePort()).setDstPort(segment.destinationPort()).setSeqNumber(segment.seq())
                .setAckNumber(segment.isAck() ? segment.ackNumber() : 0).setDataOffset(headerLength / 4)
                .setReservedBits(0).setFlags(segment.flags()).setWindow(segment.window()).setChecksum(0)
                .setUrgentPointer(segment.isUrg() ? segment.urgentPointer() : 0);
        byte[] buf = view.buffer();
        int at = view.optionsOffset();
        if (segment.hasMss()) {
            buf[at] = (byte) TcpOptionReader.KIND_MSS;
            buf[at + 1] = 4;
            Bytes.put16(buf, at + 2, segment.mss());
            at += 4;
        }
        if (segment.hasTimestamps()) {
            if (segment.sackPermitted()) {
                buf[at] = (byte) TcpOptionReader.KIND_SACK_PERMITTED;
                buf[at + 1] = 2;
            } else {
                buf[at] = (byte) TcpOptionReader.KIND_NOP;
                buf[at + 1] = (byte) TcpOptionReader.KIND_NOP;
            }
            buf[at + 2] = (byte) TcpOptionReader.KIND_TIMESTAMPS;
            buf[at + 3] = 10;
            Bytes.put32(buf, at + 4, segment.tsVal());
            Bytes.put32(buf, at + 8, segment.tsEcr());
            at += 12;
        } else if (segment.sackPermitted()) {
            buf[at] = (byte) TcpOptionReader.KIND_NOP;
            buf[at + 1] = (byte) TcpOptionReader.KIND_NOP;
            buf[at + 2] = (byte) TcpOptionReader.KIND_SACK_PERMITTED;
            buf[at + 3] = 2;
            at += 4;
        }
        if (segment.hasWindowScale()) {
            buf[at] = (byte) TcpOptionReader.KIND_NOP;
            buf[at + 1] = (byte) TcpOptionReader.KIND_WINDOW_SCALE;
            buf[at + 2] = 3;
            buf[at + 3] = (byte) segment.windowScale();
            at += 4;
        }
        int blocks = segment.sackBlockCount();
        if (blocks > 0) {
            buf[at] = (byte) TcpOptionReader.KIND_NOP;
            buf[at + 1] = (byte) TcpOptionReader.KIND_NOP;
            buf[at + 2] = (byte) TcpOptionReader.KIND_SACK;
            buf[at + 3] = (byte) (2 + 8 * blocks);
            at += 4;
            for (int i = 0; i < blocks; i++) {
                Bytes.put32(buf, at, segment.sackLeft(i));
                Bytes.put32(buf, at + 4, segment.sackRight(i));
                at += 8;
            }
        }
        return headerLength;
    }

    /**
     * Fills {@code into} from a segment that passed {@link TcpPacket#check()}: ports, numbers,
     * the nine flag bits as they are, the raw window, the options the socket understands
     * (others are skipped; of a repeated option the last counts; SACK blocks beyond four,
     * which a 40-octet header cannot hold anyway, are ignored) and the payload, lent in place.
     */
    static TcpSegment read(TcpPacket segment, TcpOptionReader options, int srcAddr, int dstAddr, TcpSegment into) {
        into.clear();
        into.sourceAddress(srcAddr).destinationAddress(dstAddr)
                .sourcePort(segment.srcPort()).destinationPort(segment.dstPort())
                .seq(segment.seqNumber()).flags(segment.flags()).window(segment.window());
        if (segment.ack()) {
            into.ack(segment.ackNumber());
        }
        if (segment.urg()) {
            into.urgentPointer(segment.urgentPointer());
        }
        for (options.wrap(segment); options.next(); ) {
            switch (options.kind()) {
                case TcpOptionReader.KIND_MSS -> into.mss(options.mss());
                case TcpOptionReader.KIND_WINDOW_SCALE -> into.windowScale(options.windowScale());
                case TcpOptionReader.KIND_SACK_PERMITTED -> into.sackPermitted(true);
                case TcpOptionReader.KIND_TIMESTAMPS -> into.timestamps(options.tsVal(), options.tsEcr());
                case TcpOptionReader.KIND_SACK -> {
                    for (int i = 0; i < options.sackCount() && into.sackBlockCount() < TcpSegment.MAX_SACK_BLOCKS; i++) {
                        into.addSackBlock(options.sackLeft(i), options.sackRight(i));
                    }
                }
                default -> {
                    // EOL, NOP and options this stack does not speak
                }
            }
        }
        into.payload(segment.buffer(), segment.payloadOffset(), segment.payloadLength());
        return into;
    }
}

package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.tcp.TcpSegment;
import dev.jnetlab.stack.wire.HexBytes;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.TcpOption;
import dev.jnetlab.stack.wire.TcpOptionReader;
import dev.jnetlab.stack.wire.TcpPacket;
import dev.jnetlab.stack.wire.TcpRepr;
import dev.jnetlab.stack.wire.WireException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TCP header between the wire and the socket's descriptor, both ways. */
class TcpWireTest {
    private static final Ipv4Address SRC = Ipv4Address.parse("192.168.69.1");
    private static final Ipv4Address DST = Ipv4Address.parse("192.168.69.100");

    private static byte[] written(TcpSegment segment, int payload) {
        byte[] buf = new byte[TcpPacket.HEADER_LEN + TcpWire.optionsLength(segment) + payload];
        TcpPacket view = new TcpPacket().wrap(buf, 0, buf.length);
        TcpWire.write(segment, view);
        view.fillChecksum(SRC.bits(), DST.bits());
        return buf;
    }

    private static byte[] options(byte[] header) {
        int length = (header[12] >>> 4 & 0xF) * 4;
        return Arrays.copyOfRange(header, TcpPacket.HEADER_LEN, length);
    }

    @Test
    void aSynCarriesItsOptionsPackedAsLinuxPacksThem() {
        TcpSegment syn = new TcpSegment().sourcePort(49152).destinationPort(80).seq(0x01020304).flags(TcpSegment.SYN)
                .window(64240).mss(1460).sackPermitted(true).timestamps(0x11223344, 0).windowScale(7);

        byte[] header = written(syn, 0);

        assertEquals(40, header.length, "20 octets of options, as a Linux SYN");
        assertArrayEquals(HexBytes.parse("02 04 05 b4  04 02 08 0a 11 22 33 44 00 00 00 00  01 03 03 07"), options(header));
    }

    @Test
    void aDataSegmentPutsTimestampsThenSackBlocksAfterTwoNops() {
        TcpSegment ack = new TcpSegment().seq(1).ack(2).window(501).timestamps(7, 8).addSackBlock(100, 200).addSackBlock(300, 400);

        assertArrayEquals(HexBytes.parse("01 01 08 0a 00 00 00 07 00 00 00 08  01 01 05 12 00 00 00 64 00 00 00 c8"
                + " 00 00 01 2c 00 00 01 90"), options(written(ack, 0)));
    }

    @Test
    void optionsAloneAreAlignedWithNops() {
        TcpSegment segment = new TcpSegment().flags(TcpSegment.SYN).sackPermitted(true).windowScale(0);

        assertArrayEquals(HexBytes.parse("01 01 04 02  01 03 03 00"), options(written(segment, 0)));
    }

    @Test
    void neverTakesMoreRoomThanTheSocketBudgeted() {
        for (int mask = 0; mask < 16; mask++) {
            for (int blocks = 0; blocks <= 3; blocks++) {
                TcpSegment segment = new TcpSegment();
                if ((mask & 1) != 0) {
                    segment.mss(1460);
                }
                if ((mask & 2) != 0) {
                    segment.windowScale(5);
                }
                if ((mask & 4) != 0) {
                    segment.sackPermitted(true);
                }
                if ((mask & 8) != 0) {
                    segment.timestamps(1, 2);
                }
                for (int i = 0; i < blocks; i++) {
                    segment.addSackBlock(i * 10, i * 10 + 5);
                }
                assertTrue(TcpWire.optionsLength(segment) <= segment.optionsLength(), segment::toString);
                assertEquals(0, TcpWire.optionsLength(segment) % 4, segment::toString);
            }
        }
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameSegment() throws WireException {
        TcpSegment out = new TcpSegment().sourcePort(6969).destinationPort(40000).seq(-5).ack(77)
                .flags(TcpSegment.ACK | TcpSegment.PSH | TcpSegment.NS).window(0xFFFF).timestamps(-1, 3)
                .addSackBlock(-100, -50).addSackBlock(10, 20).addSackBlock(30, 40);
        byte[] buf = written(out, 5);
        byte[] payload = {1, 2, 3, 4, 5};
        System.arraycopy(payload, 0, buf, buf.length - 5, 5);
        TcpPacket view = new TcpPacket().wrap(buf, 0, buf.length);
        view.fillChecksum(SRC.bits(), DST.bits());
        assertNull(view.check());
        TcpRepr.parse(view, SRC, DST);

        TcpSegment in = TcpWire.read(view, new TcpOptionReader(), SRC.bits(), DST.bits(), new TcpSegment());

        assertEquals(6969, in.sourcePort());
        assertEquals(40000, in.destinationPort());
        assertEquals(-5, in.seq());
        assertEquals(77, in.ackNumber());
        assertEquals(out.flags(), in.flags());
        assertEquals(0xFFFF, in.window());
        assertTrue(in.hasTimestamps());
        assertEquals(-1, in.tsVal());
        assertEquals(3, in.tsEcr());
        assertEquals(3, in.sackBlockCount());
        assertEquals(-100, in.sackLeft(0));
        assertEquals(40, in.sackRight(2));
        assertFalse(in.hasMss());
        assertEquals(5, in.payloadLength());
        assertArrayEquals(payload, Arrays.copyOfRange(in.payload(), in.payloadOffset(), in.payloadOffset() + 5));
        assertEquals(SRC.bits(), in.sourceAddress());
    }

    @Test
    void readingSkipsOptionsTheSocketDoesNotSpeakAndTakesTheLastOfARepeatedOne() {
        TcpRepr repr = new TcpRepr(1, 2, 3, 0, dev.jnetlab.stack.wire.TcpFlags.of(TcpSegment.SYN), 100, 0,
                List.of(new TcpOption.MaxSegmentSize(1000), new TcpOption.Unknown(30, dev.jnetlab.stack.wire.Octets.of(new byte[] {9, 9})),
                        new TcpOption.MaxSegmentSize(1200)), 0);
        byte[] buf = new byte[repr.bufferLen()];
        TcpPacket view = new TcpPacket().wrap(buf, 0, buf.length);
        repr.emit(view, SRC, DST);

        TcpSegment in = TcpWire.read(view, new TcpOptionReader(), SRC.bits(), DST.bits(), new TcpSegment());

        assertTrue(in.hasMss());
        assertEquals(1200, in.mss());
        assertTrue(in.isSyn());
        assertFalse(in.hasTimestamps() || in.hasWindowScale() || in.sackPermitted());
    }
}

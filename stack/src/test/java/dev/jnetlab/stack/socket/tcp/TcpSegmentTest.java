package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The segment descriptor: SEG.LEN, flags, options with presence flags, printing. */
class TcpSegmentTest {

    @Test
    void segLenCountsSynAndFin() {
        TcpSegment segment = new TcpSegment().payload(new byte[10], 2, 5);
        assertEquals(5, segment.segmentLength());
        segment.set(TcpSegment.SYN);
        assertEquals(6, segment.segmentLength());
        segment.set(TcpSegment.FIN);
        assertEquals(7, segment.segmentLength());
        assertEquals(0, new TcpSegment().flags(TcpSegment.ACK | TcpSegment.PSH | TcpSegment.RST).segmentLength());
    }

    @Test
    void flagsReadAsTheyWereSet() {
        TcpSegment segment = new TcpSegment().flags(0xFF);
        assertTrue(segment.isSyn() && segment.isAck() && segment.isFin() && segment.isRst() && segment.isPsh()
                && segment.isUrg() && segment.isEce() && segment.isCwr());
        assertEquals(0x1FF, segment.flags(0x1FF).flags());
        assertEquals(dev.jnetlab.stack.wire.TcpFlags.NS, TcpSegment.NS);
        assertEquals(dev.jnetlab.stack.wire.TcpFlags.CWR, TcpSegment.CWR);
        assertThrows(IllegalArgumentException.class, () -> segment.flags(0x200));
        TcpSegment ack = new TcpSegment().ack(42);
        assertTrue(ack.isAck());
        assertEquals(42, ack.ackNumber());
    }

    @Test
    void optionsAreAbsentUntilSet() {
        TcpSegment segment = new TcpSegment();
        assertFalse(segment.hasMss() || segment.hasWindowScale() || segment.hasTimestamps() || segment.sackPermitted());
        assertEquals(0, segment.sackBlockCount());
        assertEquals(0, segment.optionsLength());
        segment.mss(0);
        assertTrue(segment.hasMss());
        assertEquals(0, segment.mss());
        segment.windowScale(0);
        assertTrue(segment.hasWindowScale());
    }

    @Test
    void theOptionsBudgetAlignsEachOption() {
        assertEquals(24, new TcpSegment().mss(1460).windowScale(7).sackPermitted(true).timestamps(1, 0).optionsLength());
        assertEquals(12, new TcpSegment().timestamps(1, 2).optionsLength());
        TcpSegment sack = new TcpSegment();
        for (int i = 0; i < 4; i++) {
            sack.addSackBlock(i, i + 1);
        }
        assertEquals(36, sack.optionsLength());
        assertThrows(IllegalStateException.class, () -> sack.addSackBlock(9, 10));
        assertEquals(3, sack.clearSackBlocks().addSackBlock(1, 2).addSackBlock(3, 4).addSackBlock(5, 6).sackBlockCount());
        assertTrue(sack.timestamps(1, 1).optionsLength() <= TcpSegment.MAX_OPTIONS_LENGTH);
    }

    @Test
    void sackBlocksAreIndexedWithinTheirCount() {
        TcpSegment segment = new TcpSegment().addSackBlock(100, 200);
        assertEquals(100, segment.sackLeft(0));
        assertEquals(200, segment.sackRight(0));
        assertThrows(IndexOutOfBoundsException.class, () -> segment.sackLeft(1));
    }

    @Test
    void fieldsAreRangeChecked() {
        TcpSegment segment = new TcpSegment();
        assertThrows(IllegalArgumentException.class, () -> segment.window(65536));
        assertThrows(IllegalArgumentException.class, () -> segment.window(-1));
        assertThrows(IllegalArgumentException.class, () -> segment.sourcePort(70000));
        assertThrows(IllegalArgumentException.class, () -> segment.mss(-1));
        assertThrows(IllegalArgumentException.class, () -> segment.windowScale(256));
        assertThrows(IndexOutOfBoundsException.class, () -> segment.payload(new byte[4], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> segment.payloadLength(-1));
    }

    @Test
    void clearForgetsEverythingAndCopyFromCopiesEverything() {
        byte[] data = {1, 2, 3};
        TcpSegment original = new TcpSegment().sourceAddress(1).destinationAddress(2).sourcePort(3).destinationPort(4)
                .seq(5).ack(6).window(7).urgentPointer(8).mss(9).windowScale(10).sackPermitted(true)
                .addSackBlock(11, 12).timestamps(13, 14).payload(data, 1, 2).set(TcpSegment.SYN);
        TcpSegment copy = new TcpSegment().copyFrom(original);
        assertEquals(original.toString(), copy.toString());
        assertEquals(2, copy.destinationAddress());
        assertEquals(12, copy.sackRight(0));
        assertEquals(data, copy.payload());
        copy.clear();
        assertEquals(0, copy.flags());
        assertEquals(0, copy.optionsLength());
        assertNull(copy.payload());
        assertEquals(0, copy.seq());
    }

    @Test
    void itPrintsLikeTcpdump() {
        TcpSegment segment = new TcpSegment().sourcePort(49152).destinationPort(6969).seq(1000).ack(-1)
                .flags(TcpSegment.SYN | TcpSegment.ACK).window(64240).mss(1460).windowScale(7).sackPermitted(true)
                .timestamps(5, 0);
        assertEquals("49152 > 6969 [SYN,ACK] seq=1000 ack=4294967295 win=64240 len=0 mss=1460 ws=7 sackOK ts=5/0",
                segment.appendTo(new StringBuilder()).toString());
        assertEquals("0 > 0 [-] seq=0 win=0 len=0 sack=[1-2)",
                new TcpSegment().addSackBlock(1, 2).appendTo(new StringBuilder()).toString());
    }
}

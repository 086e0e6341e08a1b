package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UdpPacketTest {
    private static final int UDP_AT = EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN;
    private static final int PEER = Ipv4Address.parse("192.168.69.100").bits();
    private static final int HOST = Ipv4Address.parse("192.168.69.1").bits();

    private final UdpPacket datagram = new UdpPacket();

    private UdpPacket wrap(byte[] frame) {
        return datagram.wrap(frame, UDP_AT, frame.length - UDP_AT);
    }

    @Test
    void readsEveryFieldOfARealDatagram() {
        wrap(WireVectors.UDP_DATAGRAM);
        assertNull(datagram.check());
        assertEquals(40000, datagram.srcPort());
        assertEquals(6969, datagram.dstPort());
        assertEquals(15, datagram.datagramLength());
        assertTrue(datagram.verifyChecksum(PEER, HOST));
        assertEquals(7, datagram.payloadLength());
        assertEquals("yo dawg", new String(datagram.buffer(), datagram.payloadOffset(), datagram.payloadLength(),
                StandardCharsets.US_ASCII));
    }

    @Test
    void isWrittenByTheSettersOctetForOctet() {
        byte[] built = Arrays.copyOf(WireVectors.UDP_DATAGRAM, WireVectors.UDP_DATAGRAM.length);
        Arrays.fill(built, UDP_AT, UDP_AT + 8, (byte) 0);
        wrap(built).setSrcPort(40000).setDstPort(6969).setDatagramLength(15).fillChecksum(PEER, HOST);
        assertArrayEquals(WireVectors.UDP_DATAGRAM, built);
    }

    @Nested
    class TheChecksum {
        @Test
        void coversThePseudoHeader() {
            wrap(WireVectors.UDP_DATAGRAM);
            assertFalse(datagram.verifyChecksum(PEER, HOST + 1));
            assertFalse(datagram.verifyChecksum(HOST, PEER + 1));
        }

        @Test
        void ofZeroMeansTheSenderComputedNone() {
            // RFC 768: "An all zero transmitted checksum value means that the transmitter generated no checksum".
            byte[] frame = Arrays.copyOf(WireVectors.UDP_DATAGRAM, WireVectors.UDP_DATAGRAM.length);
            frame[frame.length - 1] ^= 0x55;
            wrap(frame).setChecksum(0);
            assertTrue(datagram.verifyChecksum(PEER, HOST));
        }

        @Test
        void thatComputesToZeroIsSentAsAllOnes() {
            // Choose the last payload word so that the sum comes to 0xFFFF and its complement to zero.
            byte[] frame = Arrays.copyOf(WireVectors.UDP_DATAGRAM, UDP_AT + 8 + 2);
            wrap(frame).setDatagramLength(10).setChecksum(0);
            Bytes.put16(frame, UDP_AT + 8, 0);
            int sum = Checksum.add(Checksum.pseudoHeader(PEER, HOST, 17, 10), Checksum.sum(frame, UDP_AT, 10));
            Bytes.put16(frame, UDP_AT + 8, 0xFFFF - sum);
            datagram.fillChecksum(PEER, HOST);
            assertEquals(0xFFFF, datagram.checksum());
            assertTrue(datagram.verifyChecksum(PEER, HOST));
        }
    }

    @Nested
    class Checking {
        @Test
        void refusesEveryLengthShorterThanTheHeader() {
            for (int length = 0; length < UdpPacket.HEADER_LEN; length++) {
                datagram.wrap(WireVectors.UDP_DATAGRAM, UDP_AT, length);
                assertEquals(WireError.TRUNCATED, datagram.check(), "length " + length);
            }
        }

        @Test
        void refusesALengthFieldBelowTheHeader() {
            wrap(Arrays.copyOf(WireVectors.UDP_DATAGRAM, WireVectors.UDP_DATAGRAM.length)).setDatagramLength(7);
            WireException e = assertThrows(WireException.class, datagram::validate);
            assertEquals(WireError.BAD_UDP_LENGTH, e.reason());
            assertEquals("UDP: length 7 < 8", e.getMessage());
        }

        @Test
        void refusesALengthFieldBeyondWhatArrived() {
            wrap(Arrays.copyOf(WireVectors.UDP_DATAGRAM, WireVectors.UDP_DATAGRAM.length)).setDatagramLength(16);
            WireException e = assertThrows(WireException.class, datagram::validate);
            assertEquals(WireError.BAD_UDP_LENGTH, e.reason());
            assertEquals("UDP: length 16 > 15 octets available", e.getMessage());
        }

        @Test
        void ignoresOctetsBeyondTheLengthField() {
            // RFC 1122 section 4.1.3.4 lets the host ignore what follows the UDP length.
            byte[] frame = Arrays.copyOf(WireVectors.UDP_DATAGRAM, WireVectors.UDP_DATAGRAM.length + 4);
            wrap(frame);
            assertNull(datagram.check());
            assertEquals(7, datagram.payloadLength());
            assertTrue(datagram.verifyChecksum(PEER, HOST));
        }
    }

    @Test
    void printsEveryFieldOnOneLine() {
        wrap(WireVectors.UDP_DATAGRAM);
        assertEquals("UDP 40000 > 6969, length 15, checksum 0xda54, payload 7 octets", datagram.toString());
        assertEquals("UDP 40000 > 6969, length 15, checksum 0xda54 (correct), payload 7 octets",
                datagram.appendTo(new StringBuilder(), PEER, HOST).toString());
    }
}

package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TcpPacketTest {
    private static final int TCP_AT = EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN;
    private static final int PEER = Ipv4Address.parse("192.168.69.100").bits();
    private static final int HOST = Ipv4Address.parse("192.168.69.1").bits();

    private final TcpPacket segment = new TcpPacket();

    private TcpPacket wrap(byte[] frame) {
        return segment.wrap(frame, TCP_AT, frame.length - TCP_AT);
    }

    private static byte[] copy(byte[] frame) {
        return Arrays.copyOf(frame, frame.length);
    }

    @Nested
    class RealSegments {
        @Test
        void theSynOpensWithOptionsAndTakesOneSequenceNumber() {
            wrap(WireVectors.TCP_SYN);
            assertNull(segment.check());
            assertEquals(51234, segment.srcPort());
            assertEquals(6969, segment.dstPort());
            assertEquals(708541127, segment.seqNumber());
            assertEquals(0, segment.ackNumber());
            assertEquals(10, segment.dataOffset());
            assertEquals(40, segment.headerLength());
            assertEquals(0, segment.reservedBits());
            assertEquals(TcpFlags.SYN, segment.flags());
            assertTrue(segment.syn());
            assertFalse(segment.ack());
            assertEquals(64240, segment.window());
            assertEquals(0x15BD, segment.checksum());
            assertTrue(segment.verifyChecksum(PEER, HOST));
            assertEquals(0, segment.urgentPointer());
            assertEquals(TCP_AT + 20, segment.optionsOffset());
            assertEquals(20, segment.optionsLength());
            assertEquals(0, segment.payloadLength());
            assertEquals(1, segment.segmentLength());
        }

        @Test
        void theSynAckAcknowledgesTheSyn() {
            wrap(WireVectors.TCP_SYN_ACK);
            assertEquals(TcpFlags.SYN | TcpFlags.ACK, segment.flags());
            assertEquals((int) 3802825045L, segment.seqNumber(), "a sequence number past 2^31");
            assertEquals(708541128, segment.ackNumber());
            assertEquals(65160, segment.window());
            assertTrue(segment.verifyChecksum(HOST, PEER));
        }

        @Test
        void aDataSegmentCarriesItsPayloadAfterTheOptions() {
            wrap(WireVectors.TCP_DATA);
            assertTrue(segment.psh());
            assertTrue(segment.ack());
            assertEquals(32, segment.headerLength());
            assertEquals(6, segment.payloadLength());
            assertEquals(6, segment.segmentLength());
            assertEquals("hello\n", new String(segment.buffer(), segment.payloadOffset(), segment.payloadLength(),
                    StandardCharsets.US_ASCII));
        }

        @Test
        void aFinTakesOneSequenceNumber() {
            wrap(WireVectors.TCP_FIN);
            assertEquals(TcpFlags.FIN | TcpFlags.ACK, segment.flags());
            assertEquals(1, segment.segmentLength());
        }

        @Test
        void theResetForAClosedPortAcknowledgesTheSynWithoutOptions() {
            // RFC 9293 section 3.10.7.1: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
            wrap(WireVectors.TCP_RST);
            assertEquals(TcpFlags.RST | TcpFlags.ACK, segment.flags());
            assertEquals(0, segment.seqNumber());
            assertEquals(1576475400, segment.ackNumber());
            assertEquals(0, segment.window());
            assertEquals(5, segment.dataOffset());
            assertEquals(0, segment.optionsLength());
            assertTrue(segment.verifyChecksum(HOST, PEER));
        }

        @Test
        void theSynIsWrittenByTheSettersOctetForOctet() {
            byte[] built = copy(WireVectors.TCP_SYN);
            Arrays.fill(built, TCP_AT, TCP_AT + 20, (byte) 0);
            wrap(built).setSrcPort(51234).setDstPort(6969).setSeqNumber(708541127).setAckNumber(0).setDataOffset(10)
                    .setSyn(true).setWindow(64240).setUrgentPointer(0).fillChecksum(PEER, HOST);
            assertArrayEquals(WireVectors.TCP_SYN, built);
        }
    }

    @Nested
    class TheControlBits {
        @ParameterizedTest(name = "{0}")
        @CsvSource({
            // Where RFC 9293 section 3.1, RFC 3168 section 6.1 and RFC 3540 section 5 put each bit: octet 12 or 13 of the header.
            "FIN, 1, 13, 0x01", "SYN, 2, 13, 0x02", "RST, 4, 13, 0x04", "PSH, 8, 13, 0x08", "ACK, 16, 13, 0x10",
            "URG, 32, 13, 0x20", "ECE, 64, 13, 0x40", "CWR, 128, 13, 0x80", "NS, 256, 12, 0x01",
        })
        void eachSitsAtItsBitInTheHeader(String name, int flag, int octet, String bitHex) {
            byte[] header = new byte[20];
            segment.wrap(header, 0, 20).setFlags(flag);
            byte[] expected = new byte[20];
            expected[octet] = (byte) Integer.parseInt(bitHex.substring(2), 16);
            assertArrayEquals(expected, header);
            assertEquals(flag, segment.flags());
        }

        @Test
        void eachHasItsOwnGetterAndSetter() {
            segment.wrap(new byte[20], 0, 20).setFin(true).setSyn(true).setRst(true).setPsh(true).setAck(true)
                    .setUrg(true).setEce(true).setCwr(true).setNs(true);
            assertEquals(0x1FF, segment.flags());
            assertTrue(segment.fin() && segment.syn() && segment.rst() && segment.psh() && segment.ack() && segment.urg()
                    && segment.ece() && segment.cwr() && segment.ns());
            segment.setSyn(false).setNs(false);
            assertEquals(0x1FF & ~TcpFlags.SYN & ~TcpFlags.NS, segment.flags());
        }

        @Test
        void shareTheirWordWithTheDataOffsetAndReservedBits() {
            segment.wrap(new byte[20], 0, 20).setDataOffset(15).setReservedBits(7).setFlags(0x1FF);
            assertEquals(15, segment.dataOffset());
            assertEquals(7, segment.reservedBits());
            segment.setDataOffset(5).setReservedBits(0);
            assertEquals(0x1FF, segment.flags());
            assertThrows(IllegalArgumentException.class, () -> segment.setFlags(0x200));
            assertThrows(IllegalArgumentException.class, () -> segment.setDataOffset(16));
        }
    }

    @Test
    void theChecksumCoversThePseudoHeaderAndThePayload() {
        wrap(WireVectors.TCP_DATA);
        assertFalse(segment.verifyChecksum(PEER, HOST + 1));
        byte[] frame = copy(WireVectors.TCP_DATA);
        frame[frame.length - 2] ^= 0x20;
        assertFalse(wrap(frame).verifyChecksum(PEER, HOST));
        segment.fillChecksum(PEER, HOST);
        assertTrue(segment.verifyChecksum(PEER, HOST));
    }

    static Stream<Arguments> malformedSegments() {
        return Stream.of(
                malformed("a header cut short", WireError.TRUNCATED, (s, f) -> s.wrap(f, TCP_AT, 19),
                        "TCP: 19 octets, shorter than the 20-octet header"),
                malformed("data offset 4", WireError.BAD_DATA_OFFSET, (s, f) -> s.setDataOffset(4),
                        "TCP: data offset 4 < 5"),
                malformed("data offset 0", WireError.BAD_DATA_OFFSET, (s, f) -> s.setDataOffset(0),
                        "TCP: data offset 0 < 5"),
                malformed("data offset beyond the segment", WireError.BAD_DATA_OFFSET, (s, f) -> s.setDataOffset(11),
                        "TCP: data offset 11 (44 octets) > 40 octets in the segment"),
                malformed("SYN with RST", WireError.BAD_FLAGS, (s, f) -> s.setRst(true), "TCP: SYN with RST"),
                malformed("SYN with FIN", WireError.BAD_FLAGS, (s, f) -> s.setFin(true), "TCP: SYN with FIN"),
                malformed("an option of length 0", WireError.BAD_OPTION, (s, f) -> f[TCP_AT + 21] = 0,
                        "TCP: option mss at octet 20: length 0 < 2"),
                malformed("an option of length 1", WireError.BAD_OPTION, (s, f) -> f[TCP_AT + 25] = 1,
                        "TCP: option sackOK at octet 24: length 1 < 2"),
                malformed("an option beyond the header", WireError.BAD_OPTION, (s, f) -> f[TCP_AT + 27] = 15,
                        "TCP: option TS at octet 26: length 15 runs beyond the header (14 octets left)"),
                malformed("mss of length 3", WireError.BAD_OPTION, (s, f) -> f[TCP_AT + 21] = 3,
                        "TCP: option mss at octet 20: length 3, should be 4"),
                malformed("timestamps of length 8", WireError.BAD_OPTION, (s, f) -> f[TCP_AT + 27] = 8,
                        "TCP: option TS at octet 26: length 8, should be 10"),
                malformed("a last kind without its length octet", WireError.BAD_OPTION, (s, f) -> {
                    f[TCP_AT + 37] = 1;
                    f[TCP_AT + 38] = 1;
                    f[TCP_AT + 39] = 2;
                }, "TCP: option mss at octet 39: no room for its length octet"));
    }

    private static Arguments malformed(String what, WireError reason, BiConsumer<TcpPacket, byte[]> breakIt, String message) {
        return Arguments.of(what, reason, breakIt, message);
    }

    /** Each starts from the real SYN: options mss (20), sackOK (24), TS (26), nop (36), wscale (37). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedSegments")
    void refusesAMalformedSegmentWithItsReason(String what, WireError reason, BiConsumer<TcpPacket, byte[]> breakIt,
            String message) {
        byte[] frame = copy(WireVectors.TCP_SYN);
        wrap(frame);
        breakIt.accept(segment, frame);
        assertEquals(reason, segment.check());
        WireException e = assertThrows(WireException.class, segment::validate);
        assertEquals(reason, e.reason());
        assertEquals(message, e.getMessage());
    }

    @Test
    void acceptsUnknownOptionKindsAndAnythingAfterTheEndOfTheList() {
        byte[] frame = copy(WireVectors.TCP_SYN);
        System.arraycopy(HexBytes.parse("fd04 abcd 00 ff ff ff"), 0, frame, TCP_AT + 20, 8);
        assertNull(wrap(frame).check());
    }

    @Test
    void printsEveryHeaderFieldOnOneLine() {
        wrap(WireVectors.TCP_SYN);
        assertEquals("TCP 51234 > 6969, seq 708541127, ack 0, data offset 10, reserved 0, flags [S], window 64240, "
                + "checksum 0x15bd (correct), urgent pointer 0, payload 0 octets",
                segment.appendTo(new StringBuilder(), PEER, HOST).toString());
    }
}

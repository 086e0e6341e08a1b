package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The one TCP representation: parsed from a checked view, emitted into one, reused per segment. */
class TcpReprTest {
    private static final int TCP_AT = EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN;
    private static final int PEER = Ipv4Address.parse("192.168.69.100").bits();
    private static final int HOST = Ipv4Address.parse("192.168.69.1").bits();

    private final TcpPacket view = new TcpPacket();
    private final TcpRepr repr = new TcpRepr();

    private TcpPacket checked(byte[] frame) {
        view.wrap(frame, TCP_AT, frame.length - TCP_AT);
        assertNull(view.check());
        return view;
    }

    /** {@code repr} written into a segment of its own with {@code payload}, the checksum filled. */
    private static byte[] emitted(TcpRepr repr, byte[] payload) {
        byte[] segment = new byte[repr.headerLength() + payload.length];
        TcpPacket out = new TcpPacket().wrap(segment, 0, segment.length);
        int headerLength = repr.emit(out);
        System.arraycopy(payload, 0, segment, headerLength, payload.length);
        out.fillChecksum(repr.sourceAddress(), repr.destinationAddress());
        return segment;
    }

    private static byte[] options(byte[] segment) {
        return Arrays.copyOfRange(segment, TcpPacket.HEADER_LEN, (segment[12] >>> 4 & 0xF) * 4);
    }

    /** Every field of {@code expected} in {@code actual}, the payload octets compared, not the arrays. */
    static void assertSameSegment(TcpRepr expected, TcpRepr actual) {
        assertAll(expected.toString(),
                () -> assertEquals(expected.toString(), actual.toString()),
                () -> assertEquals(expected.sourceAddress(), actual.sourceAddress()),
                () -> assertEquals(expected.destinationAddress(), actual.destinationAddress()),
                () -> assertEquals(expected.ackNumber(), actual.ackNumber()),
                () -> assertEquals(expected.urgentPointer(), actual.urgentPointer()),
                () -> assertEquals(expected.tsEcr(), actual.tsEcr()),
                () -> assertArrayEquals(
                        Arrays.copyOfRange(expected.payload(), expected.payloadOffset(), expected.payloadOffset() + expected.payloadLength()),
                        Arrays.copyOfRange(actual.payload(), actual.payloadOffset(), actual.payloadOffset() + actual.payloadLength())));
    }

    @Nested
    class ParsesRealSegments {
        @Test
        void theSynWithEveryOptionLinuxOffers() {
            repr.parse(checked(WireVectors.TCP_SYN), PEER, HOST);

            assertEquals("51234 > 6969 [SYN] seq=708541127 win=64240 len=0 mss=1460 ws=10 sackOK ts=165058916/0",
                    repr.toString());
            assertEquals(PEER, repr.sourceAddress());
            assertEquals(HOST, repr.destinationAddress());
            assertEquals(1, repr.segmentLength(), "a SYN takes one sequence number");
        }

        @Test
        void aDataSegmentWithItsPayloadLentInPlace() {
            byte[] frame = WireVectors.TCP_DATA;
            repr.parse(checked(frame), PEER, HOST);

            assertEquals("51234 > 6969 [PSH,ACK] seq=708541128 ack=3802825046 win=63 len=6 ts=165058916/2434747395",
                    repr.toString().replaceAll(" data=.*", ""));
            assertSame(frame, repr.payload(), "not copied");
            assertEquals(frame.length - 6, repr.payloadOffset());
            assertEquals(6, repr.segmentLength());
        }

        @Test
        void aResetWithoutOptions() {
            repr.parse(checked(WireVectors.TCP_RST), HOST, PEER);

            assertEquals("7 > 51235 [RST,ACK] seq=0 ack=1576475400 win=0 len=0", repr.toString());
            assertEquals(0, repr.optionsLength());
        }

        @Test
        void aSackBlock() {
            repr.parse(checked(WireVectors.TCP_SACK), HOST, Ipv4Address.parse("192.168.69.101").bits());

            assertEquals(1, repr.sackBlockCount());
            assertEquals(1011, repr.sackLeft(0));
            assertEquals(1021, repr.sackRight(0));
            assertEquals(1001, repr.ackNumber());
        }

        @Test
        void theAcknowledgmentAndUrgentFieldsAreZeroWithoutTheirFlags() {
            // RFC 9293 section 3.1: the acknowledgment number is meaningful only with ACK, the urgent pointer only with URG.
            byte[] frame = Arrays.copyOf(WireVectors.TCP_SYN, WireVectors.TCP_SYN.length);
            checked(frame).setAckNumber(12345).setUrgentPointer(9);

            repr.parse(view, PEER, HOST);

            assertEquals(0, repr.ackNumber());
            assertEquals(0, repr.urgentPointer());
        }

        @Test
        void parsingAgainForgetsTheLastSegment() {
            repr.parse(checked(WireVectors.TCP_SYN), PEER, HOST);
            repr.parse(checked(WireVectors.TCP_RST), HOST, PEER);

            assertFalse(repr.hasMss() || repr.hasWindowScale() || repr.sackPermitted() || repr.hasTimestamps());
        }
    }

    @Nested
    class EmitsAsLinuxDoes {
        @Test
        void theSynOctetForOctet() {
            repr.parse(checked(WireVectors.TCP_SYN), PEER, HOST);
            byte[] built = Arrays.copyOf(WireVectors.TCP_SYN, WireVectors.TCP_SYN.length);
            Arrays.fill(built, TCP_AT, built.length, (byte) 0x33);

            assertEquals(40, repr.headerLength());
            assertEquals(40, repr.emit(view.wrap(built, TCP_AT, built.length - TCP_AT)));
            view.fillChecksum(PEER, HOST);

            assertArrayEquals(WireVectors.TCP_SYN, built);
        }

        @Test
        void aDataSegmentOctetForOctetOnceThePayloadIsIn() {
            byte[] frame = WireVectors.TCP_DATA;
            repr.parse(checked(frame), PEER, HOST);
            byte[] built = new byte[frame.length];
            System.arraycopy(frame, 0, built, 0, TCP_AT);

            int headerLength = repr.emit(view.wrap(built, TCP_AT, built.length - TCP_AT));
            System.arraycopy(frame, repr.payloadOffset(), built, TCP_AT + headerLength, repr.payloadLength());
            view.fillChecksum(PEER, HOST);

            assertArrayEquals(frame, built);
        }

        @Test
        void aSynPacksSackPermittedIntoTheTimestampsPadding() {
            TcpRepr syn = new TcpRepr().sourcePort(49152).destinationPort(80).seq(0x01020304).flags(TcpFlags.SYN)
                    .window(64240).mss(1460).sackPermitted(true).timestamps(0x11223344, 0).windowScale(7);

            byte[] segment = emitted(syn, new byte[0]);

            assertEquals(40, segment.length, "20 octets of options, as a Linux SYN");
            assertArrayEquals(HexBytes.parse("02 04 05 b4  04 02 08 0a 11 22 33 44 00 00 00 00  01 03 03 07"), options(segment));
        }

        @Test
        void aDataSegmentPutsTimestampsThenSackBlocksAfterTwoNops() {
            TcpRepr ack = new TcpRepr().seq(1).ack(2).window(501).timestamps(7, 8).addSackBlock(100, 200).addSackBlock(300, 400);

            assertArrayEquals(HexBytes.parse("01 01 08 0a 00 00 00 07 00 00 00 08  01 01 05 12 00 00 00 64 00 00 00 c8"
                    + " 00 00 01 2c 00 00 01 90"), options(emitted(ack, new byte[0])));
        }

        @Test
        void optionsAloneAreAlignedWithNops() {
            TcpRepr syn = new TcpRepr().flags(TcpFlags.SYN).sackPermitted(true).windowScale(0);

            assertArrayEquals(HexBytes.parse("01 01 04 02  01 03 03 00"), options(emitted(syn, new byte[0])));
        }

        @Test
        void theOptionsLengthIsWhatIsWrittenInWholeWords() {
            for (int mask = 0; mask < 16; mask++) {
                for (int blocks = 0; blocks <= 3; blocks++) {
                    TcpRepr segment = new TcpRepr();
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
                    if (segment.optionsLength() > TcpRepr.MAX_OPTIONS_LENGTH) {
                        assertThrows(IllegalStateException.class, segment::headerLength, segment::toString);
                        continue;
                    }
                    byte[] written = emitted(segment, new byte[0]);
                    assertEquals(segment.optionsLength(), options(written).length, segment::toString);
                    assertEquals(0, segment.optionsLength() % 4, segment::toString);
                    assertNull(view.wrap(written, 0, written.length).check(), segment::toString);
                }
            }
        }

        @Test
        void refusesMoreOptionsThanFortyOctetsHold() {
            TcpRepr segment = new TcpRepr().timestamps(1, 2);
            for (int i = 0; i < TcpRepr.MAX_SACK_BLOCKS; i++) {
                segment.addSackBlock(i, i + 1);
            }

            assertEquals(48, segment.optionsLength());
            assertThrows(IllegalStateException.class, segment::headerLength);
            assertEquals(40, segment.clearSackBlocks().addSackBlock(1, 2).addSackBlock(3, 4).addSackBlock(5, 6).optionsLength(),
                    "three blocks with timestamps fit (RFC 2018 section 3)");
        }
    }

    @Nested
    class OptionsItDoesNotSpeak {
        private TcpRepr parsed(List<TcpOption> options) {
            TcpRepr fields = new TcpRepr().sourcePort(1).destinationPort(2).seq(3).flags(TcpFlags.SYN).window(100)
                    .sourceAddress(PEER).destinationAddress(HOST);
            byte[] segment = TcpSegments.segment(fields, options, new byte[0]);
            view.wrap(segment, 0, segment.length);
            assertNull(view.check());
            return repr.parse(view, PEER, HOST);
        }

        @Test
        void areSkippedAndOfARepeatedOneTheLastCounts() {
            TcpRepr in = parsed(List.of(new TcpOption.MaxSegmentSize(1000), new TcpOption.Unknown(30, Octets.of(new byte[] {9, 9})),
                    new TcpOption.MaxSegmentSize(1200)));

            assertTrue(in.hasMss());
            assertEquals(1200, in.mss());
            assertTrue(in.isSyn());
            assertFalse(in.hasTimestamps() || in.hasWindowScale() || in.sackPermitted());
        }

        @Test
        void endAtTheEndOfTheList() {
            TcpRepr in = parsed(List.of(TcpOption.NOP, new TcpOption.WindowScale(3)));

            assertTrue(in.hasWindowScale(), "padded with EOL after it");
            assertEquals(3, in.windowScale());
        }

        @Test
        void sackBlocksOfTwoOptionsAddUpToFour() {
            TcpRepr in = parsed(List.of(
                    new TcpOption.Sack(List.of(new SackRange(1, 2), new SackRange(3, 4), new SackRange(5, 6))),
                    new TcpOption.Sack(List.of(new SackRange(7, 8)))));

            assertEquals(4, in.sackBlockCount());
            assertEquals(7, in.sackLeft(3));
        }
    }

    @Test
    void parsesWhatItEmits() {
        Random random = new Random(9293);
        RandomReprs reprs = new RandomReprs(random);
        for (int i = 0; i < 5000; i++) {
            byte[] payload = new byte[random.nextInt(600)];
            random.nextBytes(payload);
            TcpRepr out = reprs.tcp().payload(payload, 0, payload.length);
            byte[] segment = emitted(out, payload);
            view.wrap(segment, 0, segment.length);
            assertNull(view.check(), out::toString);
            assertTrue(view.verifyChecksum(out.sourceAddress(), out.destinationAddress()));

            assertSameSegment(out, repr.parse(view, out.sourceAddress(), out.destinationAddress()));
        }
    }

    @Nested
    class AsAValue {
        @Test
        void segLenCountsSynAndFin() {
            TcpRepr segment = new TcpRepr().payload(new byte[10], 2, 5);
            assertEquals(5, segment.segmentLength());
            segment.set(TcpFlags.SYN);
            assertEquals(6, segment.segmentLength());
            segment.set(TcpFlags.FIN);
            assertEquals(7, segment.segmentLength());
            assertEquals(0, new TcpRepr().flags(TcpFlags.ACK | TcpFlags.PSH | TcpFlags.RST).segmentLength());
        }

        @Test
        void flagsReadAsTheyWereSet() {
            TcpRepr segment = new TcpRepr().flags(0xFF);
            assertTrue(segment.isSyn() && segment.isAck() && segment.isFin() && segment.isRst() && segment.isPsh()
                    && segment.isUrg() && segment.isEce() && segment.isCwr());
            assertEquals(0x1FF, segment.flags(0x1FF).flags());
            assertThrows(IllegalArgumentException.class, () -> segment.flags(0x200));
            TcpRepr ack = new TcpRepr().ack(42);
            assertTrue(ack.isAck());
            assertEquals(42, ack.ackNumber());
        }

        @Test
        void optionsAreAbsentUntilSet() {
            TcpRepr segment = new TcpRepr();
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
        void sackBlocksAreIndexedWithinTheirCount() {
            TcpRepr segment = new TcpRepr().addSackBlock(100, 200);
            assertEquals(100, segment.sackLeft(0));
            assertEquals(200, segment.sackRight(0));
            assertThrows(IndexOutOfBoundsException.class, () -> segment.sackLeft(1));
            for (int i = 1; i < TcpRepr.MAX_SACK_BLOCKS; i++) {
                segment.addSackBlock(i, i + 1);
            }
            assertThrows(IllegalStateException.class, () -> segment.addSackBlock(9, 10));
        }

        @Test
        void fieldsAreRangeChecked() {
            TcpRepr segment = new TcpRepr();
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
            TcpRepr original = new TcpRepr().sourceAddress(1).destinationAddress(2).sourcePort(3).destinationPort(4)
                    .seq(5).ack(6).window(7).urgentPointer(8).mss(9).windowScale(10).sackPermitted(true)
                    .addSackBlock(11, 12).timestamps(13, 14).payload(data, 1, 2).set(TcpFlags.SYN).segmentSize(15);
            TcpRepr copy = new TcpRepr().copyFrom(original);
            assertSameSegment(original, copy);
            assertEquals(15, copy.segmentSize());
            assertSame(data, copy.payload());
            copy.clear();
            assertEquals(0, copy.flags());
            assertEquals(0, copy.optionsLength());
            assertNull(copy.payload());
            assertEquals(0, copy.seq());
            assertEquals(0, copy.segmentSize());
        }

        @Test
        void printsOnOneLineWithFlagsByName() {
            TcpRepr segment = new TcpRepr().sourcePort(49152).destinationPort(6969).seq(1000).ack(-1)
                    .flags(TcpFlags.SYN | TcpFlags.ACK).window(64240).mss(1460).windowScale(7).sackPermitted(true)
                    .timestamps(5, 0);
            assertEquals("49152 > 6969 [SYN,ACK] seq=1000 ack=4294967295 win=64240 len=0 mss=1460 ws=7 sackOK ts=5/0",
                    segment.toString());
            assertEquals("0 > 0 [-] seq=0 win=0 len=0 sack=[1-2)", new TcpRepr().addSackBlock(1, 2).toString());
        }
    }
}

package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TcpReprTest {
    private static final int TCP_AT = EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN;
    private static final Ipv4Address PEER = Ipv4Address.parse("192.168.69.100");
    private static final Ipv4Address HOST = Ipv4Address.parse("192.168.69.1");
    private static final TcpFlags SYN = TcpFlags.of(TcpFlags.SYN);
    private static final TcpFlags ACK = TcpFlags.of(TcpFlags.ACK);

    private final TcpPacket segment = new TcpPacket();

    private TcpPacket wrap(byte[] frame) {
        return segment.wrap(frame, TCP_AT, frame.length - TCP_AT);
    }

    @Nested
    class RealSegments {
        @Test
        void theSynWithEveryOptionLinuxOffersInItsOrder() throws WireException {
            assertEquals(new TcpRepr(51234, 6969, 708541127, 0, SYN, 64240, 0, List.of(new TcpOption.MaxSegmentSize(1460),
                    TcpOption.SACK_PERMITTED, new TcpOption.Timestamps(165058916, 0), TcpOption.NOP, new TcpOption.WindowScale(10)),
                    0), TcpRepr.parse(wrap(WireVectors.TCP_SYN), PEER, HOST));
        }

        @Test
        void aDataSegment() throws WireException {
            assertEquals(new TcpRepr(51234, 6969, 708541128, (int) 3802825046L, TcpFlags.of(TcpFlags.PSH | TcpFlags.ACK), 63, 0,
                    List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps(165058916, (int) 2434747395L)), 6),
                    TcpRepr.parse(wrap(WireVectors.TCP_DATA), PEER, HOST));
        }

        @Test
        void aResetWithoutOptions() throws WireException {
            assertEquals(new TcpRepr(7, 51235, 0, 1576475400, TcpFlags.of(TcpFlags.RST | TcpFlags.ACK), 0, 0, List.of(), 0),
                    TcpRepr.parse(wrap(WireVectors.TCP_RST), HOST, PEER));
        }

        @Test
        void aSackBlock() throws WireException {
            Ipv4Address client = Ipv4Address.parse("192.168.69.101");
            TcpRepr repr = TcpRepr.parse(wrap(WireVectors.TCP_SACK), HOST, client);
            assertEquals(List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Sack(List.of(new SackRange(1011, 1021)))),
                    repr.options());
            assertEquals(ACK, repr.flags());
            assertEquals(1001, repr.ackNumber());
        }

        @Test
        void emitsTheSynOctetForOctet() throws WireException {
            TcpRepr repr = TcpRepr.parse(wrap(WireVectors.TCP_SYN), PEER, HOST);
            byte[] built = Arrays.copyOf(WireVectors.TCP_SYN, WireVectors.TCP_SYN.length);
            Arrays.fill(built, TCP_AT, built.length, (byte) 0x33);
            assertEquals(40, repr.headerLen());
            repr.emit(segment.wrap(built, TCP_AT, repr.bufferLen()), PEER, HOST);
            assertArrayEquals(WireVectors.TCP_SYN, built);
        }
    }

    @Nested
    class Options {
        @Test
        void arePaddedWithZerosToAWholeWordWhichReadsAsTheEndOfTheList() throws WireException {
            TcpRepr repr = new TcpRepr(1, 2, 3, 0, SYN, 4, 0, List.of(new TcpOption.MaxSegmentSize(536), TcpOption.NOP), 0);
            assertEquals(8, repr.optionsLen());
            byte[] buffer = new byte[repr.bufferLen()];
            Arrays.fill(buffer, (byte) 0xFF);
            repr.emit(segment.wrap(buffer, 0, buffer.length), PEER, HOST);
            assertArrayEquals(HexBytes.parse("0204 0218 0100 0000"), Arrays.copyOfRange(buffer, 20, 28));
            assertEquals(repr, TcpRepr.parse(segment, PEER, HOST));
        }

        @Test
        void ofAnUnknownKindAreCarriedRaw() throws WireException {
            TcpRepr repr = new TcpRepr(1, 2, 3, 0, SYN, 4, 0, List.of(new TcpOption.Unknown(34, Octets.of(new byte[] {9, 8}))), 0);
            byte[] buffer = new byte[repr.bufferLen()];
            repr.emit(segment.wrap(buffer, 0, buffer.length), PEER, HOST);
            assertArrayEquals(HexBytes.parse("2204 0908"), Arrays.copyOfRange(buffer, 20, 24));
            assertEquals(repr, TcpRepr.parse(segment, PEER, HOST));
        }

        @Test
        void mayNotTakeMoreThanFortyOctets() {
            List<TcpOption> tooMany = List.of(new TcpOption.Timestamps(1, 2), new TcpOption.Timestamps(1, 2),
                    new TcpOption.Timestamps(1, 2), new TcpOption.Timestamps(1, 2), new TcpOption.MaxSegmentSize(1));
            assertThrows(IllegalArgumentException.class, () -> new TcpRepr(1, 2, 3, 0, SYN, 4, 0, tooMany, 0));
            assertThrows(IllegalArgumentException.class, () -> new TcpOption.Sack(List.of()));
            assertThrows(IllegalArgumentException.class, () -> new TcpOption.Unknown(2, Octets.EMPTY));
        }
    }

    @Nested
    class Refuses {
        private WireException refusal(byte[] frame) {
            return assertThrows(WireException.class, () -> TcpRepr.parse(wrap(frame), PEER, HOST));
        }

        @Test
        void aBadChecksumAndSaysWhatItShouldBe() {
            byte[] frame = Arrays.copyOf(WireVectors.TCP_SYN, WireVectors.TCP_SYN.length);
            Bytes.put16(frame, TCP_AT + 16, 0xABCD);
            WireException e = refusal(frame);
            assertEquals(WireError.BAD_CHECKSUM, e.reason());
            assertEquals("TCP: bad checksum 0xabcd, should be 0x15bd", e.getMessage());
        }

        @Test
        void synWithRstOrFin() {
            byte[] frame = Arrays.copyOf(WireVectors.TCP_SYN, WireVectors.TCP_SYN.length);
            wrap(frame).setRst(true).fillChecksum(PEER.bits(), HOST.bits());
            assertEquals(WireError.BAD_FLAGS, refusal(frame).reason());
            assertThrows(IllegalArgumentException.class,
                    () -> new TcpRepr(1, 2, 3, 0, TcpFlags.of(TcpFlags.SYN | TcpFlags.FIN), 4, 0, List.of(), 0));
        }

        @Test
        void aDataOffsetBelowFive() {
            byte[] frame = Arrays.copyOf(WireVectors.TCP_RST, WireVectors.TCP_RST.length);
            wrap(frame).setDataOffset(4);
            WireException e = refusal(frame);
            assertEquals(WireError.BAD_DATA_OFFSET, e.reason());
            assertEquals("TCP: data offset 4 < 5", e.getMessage());
        }

        @Test
        void aMalformedOption() {
            byte[] frame = Arrays.copyOf(WireVectors.TCP_SYN, WireVectors.TCP_SYN.length);
            frame[TCP_AT + 21] = 5;
            assertEquals(WireError.BAD_OPTION, refusal(frame).reason());
        }

        @Test
        void toRepresentAnAcknowledgmentWithoutAckOrAnUrgentPointerWithoutUrg() {
            assertThrows(IllegalArgumentException.class, () -> new TcpRepr(1, 2, 3, 4, SYN, 5, 0, List.of(), 0));
            assertThrows(IllegalArgumentException.class, () -> new TcpRepr(1, 2, 3, 0, ACK, 5, 6, List.of(), 0));
        }
    }

    @Test
    void ignoresTheAcknowledgmentAndUrgentFieldsWithoutTheirFlags() throws WireException {
        // RFC 9293 section 3.1: the acknowledgment number is meaningful only with ACK, the urgent pointer only with URG.
        byte[] frame = Arrays.copyOf(WireVectors.TCP_SYN, WireVectors.TCP_SYN.length);
        wrap(frame).setAckNumber(12345).setUrgentPointer(9).fillChecksum(PEER.bits(), HOST.bits());
        TcpRepr repr = TcpRepr.parse(segment, PEER, HOST);
        assertEquals(0, repr.ackNumber());
        assertEquals(0, repr.urgentPointer());
    }

    @Test
    void parsesWhatItEmits() throws WireException {
        Random random = new Random(9293);
        RandomReprs reprs = new RandomReprs(random);
        byte[] buffer = new byte[700];
        for (int i = 0; i < 5000; i++) {
            TcpRepr repr = reprs.tcp(random.nextInt(600));
            random.nextBytes(buffer);
            Ipv4Address src = reprs.ipv4Address();
            Ipv4Address dst = reprs.ipv4Address();
            repr.emit(segment.wrap(buffer, 0, repr.bufferLen()), src, dst);
            assertEquals(repr, TcpRepr.parse(segment, src, dst));
        }
    }
}

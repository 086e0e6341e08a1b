package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UdpReprTest {
    private static final int UDP_AT = EthernetFrame.HEADER_LEN + Ipv4Packet.HEADER_LEN;
    private static final Ipv4Address PEER = Ipv4Address.parse("192.168.69.100");
    private static final Ipv4Address HOST = Ipv4Address.parse("192.168.69.1");

    private final UdpPacket datagram = new UdpPacket();

    private UdpPacket wrap(byte[] frame) {
        return datagram.wrap(frame, UDP_AT, frame.length - UDP_AT);
    }

    @Test
    void parsesARealDatagram() throws WireException {
        assertEquals(new UdpRepr(40000, 6969, 7), UdpRepr.parse(wrap(WireVectors.UDP_DATAGRAM), PEER, HOST));
    }

    @Test
    void emitsHeaderAndChecksumOverThePayloadInPlace() {
        byte[] built = Arrays.copyOf(WireVectors.UDP_DATAGRAM, WireVectors.UDP_DATAGRAM.length);
        Arrays.fill(built, UDP_AT, UDP_AT + 8, (byte) 0x77);
        UdpRepr repr = new UdpRepr(40000, 6969, 7);
        repr.emit(datagram.wrap(built, UDP_AT, repr.bufferLen()), PEER, HOST);
        assertArrayEquals(WireVectors.UDP_DATAGRAM, built);
    }

    @Test
    void acceptsADatagramWithoutAChecksum() throws WireException {
        byte[] frame = Arrays.copyOf(WireVectors.UDP_DATAGRAM, WireVectors.UDP_DATAGRAM.length);
        wrap(frame).setChecksum(0);
        assertEquals(new UdpRepr(40000, 6969, 7), UdpRepr.parse(datagram, PEER, HOST));
    }

    @Nested
    class Refuses {
        @Test
        void aBadChecksumAndSaysWhatItShouldBe() {
            byte[] frame = Arrays.copyOf(WireVectors.UDP_DATAGRAM, WireVectors.UDP_DATAGRAM.length);
            wrap(frame).setChecksum(0x0BAD);
            WireException e = assertThrows(WireException.class, () -> UdpRepr.parse(datagram, PEER, HOST));
            assertEquals(WireError.BAD_CHECKSUM, e.reason());
            assertEquals("UDP: bad checksum 0x0bad, should be 0xda54", e.getMessage());
        }

        @Test
        void aChecksumForOtherAddresses() {
            WireException e = assertThrows(WireException.class,
                    () -> UdpRepr.parse(wrap(WireVectors.UDP_DATAGRAM), PEER, Ipv4Address.parse("192.168.69.2")));
            assertEquals(WireError.BAD_CHECKSUM, e.reason());
        }

        @Test
        void aLengthThatLies() {
            byte[] frame = Arrays.copyOf(WireVectors.UDP_DATAGRAM, WireVectors.UDP_DATAGRAM.length);
            wrap(frame).setDatagramLength(100);
            assertEquals(WireError.BAD_UDP_LENGTH, assertThrows(WireException.class, () -> UdpRepr.parse(datagram, PEER, HOST))
                    .reason());
            datagram.setDatagramLength(3);
            assertEquals(WireError.BAD_UDP_LENGTH, assertThrows(WireException.class, () -> UdpRepr.parse(datagram, PEER, HOST))
                    .reason());
        }

        @Test
        void aDatagramShorterThanItsHeader() {
            WireException e = assertThrows(WireException.class,
                    () -> UdpRepr.parse(datagram.wrap(WireVectors.UDP_DATAGRAM, UDP_AT, 7), PEER, HOST));
            assertEquals(WireError.TRUNCATED, e.reason());
        }

        @Test
        void toRepresentPortsOrPayloadsThatDoNotFit() {
            assertThrows(IllegalArgumentException.class, () -> new UdpRepr(65536, 1, 0));
            assertThrows(IllegalArgumentException.class, () -> new UdpRepr(1, 1, 65528));
            assertThrows(IllegalArgumentException.class, () -> new UdpRepr(1, 1, -1));
        }
    }

    @Test
    void parsesWhatItEmits() throws WireException {
        Random random = new Random(768);
        RandomReprs reprs = new RandomReprs(random);
        byte[] buffer = new byte[600];
        for (int i = 0; i < 2000; i++) {
            UdpRepr repr = reprs.udp(random.nextInt(592));
            random.nextBytes(buffer);
            Ipv4Address src = reprs.ipv4Address();
            Ipv4Address dst = reprs.ipv4Address();
            repr.emit(datagram.wrap(buffer, 0, repr.bufferLen()), src, dst);
            assertEquals(repr, UdpRepr.parse(datagram, src, dst));
        }
    }
}

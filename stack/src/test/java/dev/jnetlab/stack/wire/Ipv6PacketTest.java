package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class Ipv6PacketTest {
    private static final int IP_AT = EthernetFrame.HEADER_LEN;

    private final Ipv6Packet packet = new Ipv6Packet();

    private Ipv6Packet wrap(byte[] frame) {
        return packet.wrap(frame, IP_AT, frame.length - IP_AT);
    }

    @Nested
    class ARealPacket {
        @Test
        void readsEveryFieldOfThePingRequest() {
            wrap(Ipv6Vectors.ECHO_REQUEST);
            assertNull(packet.check());
            assertEquals(6, packet.version());
            assertEquals(0, packet.trafficClass());
            assertEquals(0x7CD3E, packet.flowLabel());
            assertEquals(64, packet.payloadLength());
            assertEquals(58, packet.nextHeader());
            assertEquals(64, packet.hopLimit());
            assertEquals(Ipv6Address.parse("fd00::100"), packet.source());
            assertEquals(Ipv6Address.parse("fd00::1"), packet.destination());
            assertEquals(IP_AT + 40, packet.payloadOffset());
        }

        @Test
        void isWrittenByTheReprOctetForOctet() throws WireException {
            byte[] original = Ipv6Vectors.ECHO_REQUEST;
            Ipv6Repr repr = Ipv6Repr.parse(wrap(original));
            byte[] built = original.clone();
            Arrays.fill(built, IP_AT, IP_AT + Ipv6Packet.HEADER_LEN, (byte) 0xA5);
            repr.emit(packet.wrap(built, IP_AT, built.length - IP_AT));
            assertArrayEquals(original, built);
            assertEquals(Ipv6Packet.HEADER_LEN + 64, repr.bufferLen());
        }

        @Test
        void thePseudoHeaderSumMakesTheKernelsChecksumVerify() {
            wrap(Ipv6Vectors.UDP);
            int length = packet.payloadLength();
            int sum = Checksum.add(packet.pseudoHeaderSum(17, length), Checksum.sum(packet.buffer(), packet.payloadOffset(), length));
            assertEquals(0xFFFF, sum);
        }
    }

    @Nested
    class Refusals {
        @Test
        void everyShorterLengthThanTheHeaderIsTruncated() {
            for (int length = 0; length < Ipv6Packet.HEADER_LEN; length++) {
                assertEquals(WireError.TRUNCATED, packet.wrap(Ipv6Vectors.ECHO_REQUEST, IP_AT, length).check());
            }
        }

        @Test
        void aPayloadLengthBeyondTheOctetsThatArrived() {
            byte[] frame = Arrays.copyOf(Ipv6Vectors.ECHO_REQUEST, Ipv6Vectors.ECHO_REQUEST.length - 1);
            WireException e = assertThrows(WireException.class, () -> wrap(frame).validate());
            assertEquals(WireError.BAD_PAYLOAD_LENGTH, e.reason());
            assertEquals("IPv6: payload length 64 > 63 octets available", e.getMessage());
        }

        @Test
        void anotherVersion() {
            byte[] frame = Ipv6Vectors.ECHO_REQUEST.clone();
            wrap(frame).setVersion(4);
            assertEquals(WireError.BAD_VERSION, packet.check());
        }

        @Test
        void paddingBeyondThePayloadIsNotThePackets() {
            byte[] frame = Arrays.copyOf(Ipv6Vectors.UDP, Ipv6Vectors.UDP.length + 6);
            assertNull(wrap(frame).check());
            assertEquals(10, packet.payloadLength());
        }
    }

    @Test
    void settersKeepTheirNeighboursInTheFirstWord() {
        byte[] buf = new byte[40];
        packet.wrap(buf, 0, 40).setVersion(6).setTrafficClass(0xAB).setFlowLabel(0xFFFFF);
        assertEquals(6, packet.version());
        assertEquals(0xAB, packet.trafficClass());
        assertEquals(0xFFFFF, packet.flowLabel());
        packet.setTrafficClass(0);
        assertEquals(0xFFFFF, packet.flowLabel());
        assertEquals(6, packet.version());
        assertThrows(IllegalArgumentException.class, () -> packet.setFlowLabel(0x100000));
    }
}

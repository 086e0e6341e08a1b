package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class Ipv4ReprTest {
    private static final int IP_AT = EthernetFrame.HEADER_LEN;
    private static final Ipv4Address PEER = Ipv4Address.parse("192.168.69.100");
    private static final Ipv4Address HOST = Ipv4Address.parse("192.168.69.1");

    private final Ipv4Packet packet = new Ipv4Packet();

    private Ipv4Packet wrap(byte[] frame) {
        return packet.wrap(frame, IP_AT, frame.length - IP_AT);
    }

    @Nested
    class RealDatagrams {
        @Test
        void thePingRequest() throws WireException {
            assertEquals(new Ipv4Repr(PEER, HOST, IpProtocol.ICMP, 64, 64, 0, 0, 25411, true, false, 0, Octets.EMPTY),
                    Ipv4Repr.parse(wrap(WireVectors.PING_REQUEST)));
        }

        @Test
        void anIcmpErrorFromLinuxWithItsClassOfService() throws WireException {
            assertEquals(new Ipv4Repr(HOST, PEER, IpProtocol.ICMP, 41, 64, 48, 0, 28299, false, false, 0, Octets.EMPTY),
                    Ipv4Repr.parse(wrap(WireVectors.ICMP_PORT_UNREACHABLE)));
        }

        @Test
        void theTwoFragmentsOfALargePing() throws WireException {
            assertEquals(new Ipv4Repr(PEER, HOST, IpProtocol.ICMP, 1480, 64, 0, 0, 25483, false, true, 0, Octets.EMPTY),
                    Ipv4Repr.parse(wrap(WireVectors.FRAGMENTED_PING_REQUEST_FIRST)));
            assertEquals(new Ipv4Repr(PEER, HOST, IpProtocol.ICMP, 528, 64, 0, 0, 25483, false, false, 1480, Octets.EMPTY),
                    Ipv4Repr.parse(wrap(WireVectors.FRAGMENTED_PING_REQUEST_LAST)));
        }

        @Test
        void aRecordRouteOptionKeptAsItsOctets() throws WireException {
            // Record route (RFC 791 section 3.1): type 7, length 39, pointer 16 past three recorded
            // addresses, six free slots, then the end-of-options octet.
            Ipv4Repr repr = Ipv4Repr.parse(wrap(WireVectors.PING_RECORD_ROUTE_REPLY));
            assertEquals(40, repr.options().length());
            assertEquals(Octets.of(HexBytes.parse("0727 10c0 a845 64c0 a845 01c0 a845 01" + "00".repeat(25))),
                    repr.options());
            assertEquals(60, repr.headerLen());
            assertEquals(124, repr.bufferLen());
        }

        @Test
        void anUnknownProtocolIsRepresented() throws WireException {
            assertEquals(IpProtocol.of(253), Ipv4Repr.parse(wrap(WireVectors.IP_PROTOCOL_253)).protocol());
        }

        @Test
        void emitsTheHeaderWithOptionsAndChecksumOctetForOctet() throws WireException {
            byte[] frame = WireVectors.PING_RECORD_ROUTE_REQUEST;
            Ipv4Repr repr = Ipv4Repr.parse(wrap(frame));
            byte[] built = Arrays.copyOf(frame, frame.length);
            Arrays.fill(built, IP_AT, IP_AT + 60, (byte) 0xEE);
            repr.emit(packet.wrap(built, IP_AT, repr.bufferLen()));
            assertArrayEquals(frame, built);
        }
    }

    @Nested
    class Refuses {
        @Test
        void aBadHeaderChecksumAndSaysWhatItShouldBe() {
            byte[] frame = Arrays.copyOf(WireVectors.PING_REQUEST, WireVectors.PING_REQUEST.length);
            Bytes.put16(frame, IP_AT + 10, 0x1234);
            WireException e = assertThrows(WireException.class, () -> Ipv4Repr.parse(wrap(frame)));
            assertEquals(WireError.BAD_CHECKSUM, e.reason());
            assertEquals("IPv4: bad header checksum 0x1234, should be 0xcbaf", e.getMessage());
        }

        @Test
        void whatTheViewRefusesWithTheSameReason() {
            byte[] frame = Arrays.copyOf(WireVectors.PING_REQUEST, WireVectors.PING_REQUEST.length);
            wrap(frame).setVersion(6).fillChecksum();
            WireException e = assertThrows(WireException.class, () -> Ipv4Repr.parse(packet));
            assertEquals(WireError.BAD_VERSION, e.reason());
        }

        @Test
        void toRepresentAHeaderThatCannotBeWritten() {
            assertThrows(IllegalArgumentException.class, () -> repr(0, 7, Octets.EMPTY), "offset not a multiple of 8");
            assertThrows(IllegalArgumentException.class, () -> repr(0, 0, Octets.of(new byte[3])), "options not in words");
            assertThrows(IllegalArgumentException.class, () -> repr(0, 0, Octets.of(new byte[44])), "options beyond 40");
            assertThrows(IllegalArgumentException.class, () -> repr(65516, 0, Octets.EMPTY), "datagram beyond 65535");
            assertThrows(IllegalArgumentException.class, () -> repr(100, 65440, Octets.EMPTY), "fragment beyond 65535");
            assertThrows(IllegalArgumentException.class,
                    () -> new Ipv4Repr(PEER, HOST, IpProtocol.TCP, 0, 256, 0, 0, 0, false, false, 0, Octets.EMPTY));
        }

        private Ipv4Repr repr(int payloadLength, int fragmentOffset, Octets options) {
            return new Ipv4Repr(PEER, HOST, IpProtocol.UDP, payloadLength, 64, 0, 0, 0, false, false, fragmentOffset, options);
        }
    }

    @Test
    void ofGivesAnUnfragmentedDatagramWithTheDefaultTtl() {
        Ipv4Repr repr = Ipv4Repr.of(HOST, PEER, IpProtocol.UDP, 100);
        assertEquals(new Ipv4Repr(HOST, PEER, IpProtocol.UDP, 100, 64, 0, 0, 0, false, false, 0, Octets.EMPTY), repr);
        assertEquals(120, repr.bufferLen());
    }

    @Test
    void parsesWhatItEmits() throws WireException {
        Random random = new Random(791);
        RandomReprs reprs = new RandomReprs(random);
        byte[] buffer = new byte[2048];
        for (int i = 0; i < 2000; i++) {
            Ipv4Repr repr = reprs.ipv4(IpProtocol.of(random.nextInt(256)), random.nextInt(1900));
            repr.emit(packet.wrap(buffer, 0, repr.bufferLen()));
            assertEquals(repr, Ipv4Repr.parse(packet));
        }
    }
}

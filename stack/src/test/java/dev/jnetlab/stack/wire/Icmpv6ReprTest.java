package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * ICMPv6 and NDP messages: the kernel's are read field by field and written back octet for
 * octet by their repr; a router advertisement (which the kernel sends only as a router) is
 * written, read back and checked field by field; a message cut short at any length, with a bad
 * checksum or a bad option is refused with its reason.
 */
class Icmpv6ReprTest {
    private static final int IP_AT = EthernetFrame.HEADER_LEN;
    private static final Ipv6Address HOST = Ipv6Address.parse("fd00::1");
    private static final Ipv6Address PEER = Ipv6Address.parse("fd00::100");
    private static final MacAddress PEER_MAC = MacAddress.parse("02:00:00:00:00:02");

    private final Ipv6Packet ip = new Ipv6Packet();
    private final Icmpv6Packet message = new Icmpv6Packet();

    private Icmpv6Repr parse(byte[] frame) throws WireException {
        ip.wrap(frame, IP_AT, frame.length - IP_AT).validate();
        message.wrap(frame, ip.payloadOffset(), ip.payloadLength());
        return Icmpv6Repr.parse(ip, message);
    }

    /** Emits {@code repr} over a copy of {@code frame} whose ICMPv6 part is scribbled over, and expects the frame back. */
    private void assertWritesBack(Icmpv6Repr repr, byte[] frame) {
        byte[] built = frame.clone();
        Arrays.fill(built, IP_AT + Ipv6Packet.HEADER_LEN, built.length, (byte) 0x5A);
        ip.wrap(built, IP_AT, built.length - IP_AT);
        assertEquals(ip.payloadLength(), repr.bufferLen());
        repr.emit(ip, message.wrap(built, ip.payloadOffset(), repr.bufferLen()));
        assertArrayEquals(frame, built);
    }

    @Nested
    class Echo {
        @Test
        void theKernelsRequestRoundTrips() throws WireException {
            Icmpv6Repr repr = parse(Ipv6Vectors.ECHO_REQUEST);
            Icmpv6Repr.EchoRequest echo = assertInstanceOf(Icmpv6Repr.EchoRequest.class, repr);
            assertEquals(11734, echo.identifier());
            assertEquals(1, echo.sequence());
            assertEquals(56, echo.data().length());
            assertWritesBack(repr, Ipv6Vectors.ECHO_REQUEST);
        }

        @Test
        void theKernelsReplyRoundTrips() throws WireException {
            Icmpv6Repr.EchoReply echo = assertInstanceOf(Icmpv6Repr.EchoReply.class, parse(Ipv6Vectors.ECHO_REPLY));
            assertEquals(12081, echo.identifier());
            assertWritesBack(echo, Ipv6Vectors.ECHO_REPLY);
        }

        @Test
        void aFlippedBitIsABadChecksumThatSaysWhatItShouldBe() {
            byte[] frame = Ipv6Vectors.ECHO_REQUEST.clone();
            frame[frame.length - 1] ^= 1;
            WireException e = assertThrows(WireException.class, () -> parse(frame));
            assertEquals(WireError.BAD_CHECKSUM, e.reason());
            assertTrue(e.getMessage().startsWith("ICMPv6: bad checksum 0x22de, should be 0x"), e.getMessage());
        }

        @Test
        void theChecksumCoversThePseudoHeader() {
            byte[] frame = Ipv6Vectors.ECHO_REQUEST.clone();
            frame[IP_AT + Ipv6Packet.DESTINATION + 15] = 2; // fd00::2: the ICMPv6 octets are unchanged
            assertEquals(WireError.BAD_CHECKSUM, assertThrows(WireException.class, () -> parse(frame)).reason());
        }
    }

    @Nested
    class Errors {
        @Test
        void portUnreachableQuotesTheDatagram() throws WireException {
            Icmpv6Repr.Error error = assertInstanceOf(Icmpv6Repr.Error.class, parse(Ipv6Vectors.PORT_UNREACHABLE));
            assertEquals(Icmpv6Packet.TYPE_DST_UNREACHABLE, error.type());
            assertEquals(4, error.code());
            assertEquals(50, error.quoted().length());
            assertEquals(0x60, error.quoted().get(0));
            assertWritesBack(error, Ipv6Vectors.PORT_UNREACHABLE);
        }

        @Test
        void packetTooBigCarriesTheMtuAndParameterProblemThePointer() throws WireException {
            for (Icmpv6Repr.Error error : List.of(
                    new Icmpv6Repr.Error(Icmpv6Packet.TYPE_PACKET_TOO_BIG, 0, 1280, Octets.of(new byte[48])),
                    new Icmpv6Repr.Error(Icmpv6Packet.TYPE_PARAM_PROBLEM, 1, 40, Octets.of(new byte[48])),
                    new Icmpv6Repr.Error(Icmpv6Packet.TYPE_TIME_EXCEEDED, 1, 0, Octets.of(new byte[48])))) {
                assertEquals(error, parse(frame(error, HOST, PEER, 64)));
            }
        }
    }

    @Nested
    class NeighborDiscovery {
        @Test
        void theKernelsSolicitationNamesTheTargetAndItsOwnMac() throws WireException {
            Icmpv6Repr.NeighborSolicit ns = assertInstanceOf(Icmpv6Repr.NeighborSolicit.class, parse(Ipv6Vectors.NEIGHBOR_SOLICIT));
            assertEquals(HOST, ns.target());
            assertEquals(Optional.of(PEER_MAC), ns.sourceLinkLayer());
            assertEquals(255, ip.hopLimit());
            assertWritesBack(ns, Ipv6Vectors.NEIGHBOR_SOLICIT);
        }

        @Test
        void dadHasNoLinkLayerAddressAndItsNonceOptionIsSkipped() throws WireException {
            Icmpv6Repr.NeighborSolicit ns = assertInstanceOf(Icmpv6Repr.NeighborSolicit.class, parse(Ipv6Vectors.DAD_SOLICIT));
            assertEquals(Ipv6Address.parse("fe80::ff:fe00:2"), ns.target());
            assertEquals(Optional.empty(), ns.sourceLinkLayer());
            assertTrue(ip.source().isUnspecified());
        }

        @Test
        void theKernelsAdvertisementIsSolicitedAndOverrides() throws WireException {
            Icmpv6Repr.NeighborAdvert na = assertInstanceOf(Icmpv6Repr.NeighborAdvert.class, parse(Ipv6Vectors.NEIGHBOR_ADVERT));
            assertFalse(na.router());
            assertTrue(na.solicited());
            assertTrue(na.override());
            assertEquals(HOST, na.target());
            assertEquals(Optional.of(MacAddress.parse("02:00:00:00:00:01")), na.targetLinkLayer());
            assertWritesBack(na, Ipv6Vectors.NEIGHBOR_ADVERT);
        }

        @Test
        void theKernelsRouterSolicitation() throws WireException {
            Icmpv6Repr.RouterSolicit rs = assertInstanceOf(Icmpv6Repr.RouterSolicit.class, parse(Ipv6Vectors.ROUTER_SOLICIT));
            assertEquals(Optional.of(PEER_MAC), rs.sourceLinkLayer());
            assertWritesBack(rs, Ipv6Vectors.ROUTER_SOLICIT);
        }

        @Test
        void aRouterAdvertisementWithEveryOptionRoundTrips() throws WireException {
            Icmpv6Repr.RouterAdvert ra = new Icmpv6Repr.RouterAdvert(64, false, true, 1800, 30_000, 1000, Optional.of(PEER_MAC),
                    OptionalLong.of(1500), List.of(new Icmpv6Repr.PrefixInformation(Ipv6Address.parse("fd00:1::"), 64, true, true,
                            NdpOptions.INFINITE, 3600)));
            byte[] frame = frame(ra, Ipv6Address.parse("fe80::ff:fe00:2"), Ipv6Address.ALL_NODES, 255);
            assertEquals(ra, parse(frame));
            assertEquals(16 + 8 + 8 + 32, ra.bufferLen());
            // The fields where RFC 4861 section 4.2 puts them.
            int at = IP_AT + Ipv6Packet.HEADER_LEN;
            assertEquals(134, frame[at] & 0xFF);
            assertEquals(0x40, frame[at + 5]);
            assertEquals(1800, Bytes.u16(frame, at + 6));
            assertEquals(30_000, Bytes.i32(frame, at + 8));
            assertEquals(NdpOptions.PREFIX_INFORMATION, frame[at + 32]);
            assertEquals(0xC0, frame[at + 35] & 0xFF);
        }

        @Test
        void aRedirectRoundTrips() throws WireException {
            Icmpv6Repr.Redirect redirect = new Icmpv6Repr.Redirect(Ipv6Address.parse("fe80::2"), Ipv6Address.parse("fd00:2::5"),
                    Optional.of(PEER_MAC));
            assertEquals(redirect, parse(frame(redirect, Ipv6Address.parse("fe80::1"), HOST, 255)));
        }

        @Test
        void anOptionOfLengthZeroMakesTheMessageInvalid() {
            byte[] frame = Ipv6Vectors.NEIGHBOR_SOLICIT.clone();
            int option = IP_AT + Ipv6Packet.HEADER_LEN + 24;
            frame[option + 1] = 0;
            refix(frame);
            WireException e = assertThrows(WireException.class, () -> parse(frame));
            assertEquals(WireError.BAD_NDP_OPTION, e.reason());
            assertEquals("NDP: option 1 has length 0", e.getMessage());
        }

        @Test
        void anOptionRunningPastTheMessage() {
            byte[] frame = Ipv6Vectors.NEIGHBOR_SOLICIT.clone();
            frame[IP_AT + Ipv6Packet.HEADER_LEN + 25] = 2;
            refix(frame);
            assertEquals(WireError.BAD_NDP_OPTION, assertThrows(WireException.class, () -> parse(frame)).reason());
        }
    }

    @Test
    void everyShorterMessageIsRefusedCleanly() {
        for (byte[] vector : Ipv6Vectors.ALL.values()) {
            ip.wrap(vector, IP_AT, vector.length - IP_AT);
            if (ip.nextHeader() != 58) {
                continue;
            }
            int fixed = Icmpv6Packet.fixedLength(vector[IP_AT + Ipv6Packet.HEADER_LEN] & 0xFF);
            for (int length = 0; length < fixed; length++) {
                assertEquals(WireError.TRUNCATED, message.wrap(vector, ip.payloadOffset(), length).check());
            }
            assertNull(message.wrap(vector, ip.payloadOffset(), fixed).check());
        }
    }

    @Test
    void anUnknownTypeIsUnsupported() {
        byte[] frame = frame(new Icmpv6Repr.EchoRequest(1, 1, Octets.EMPTY), PEER, HOST, 64);
        frame[IP_AT + Ipv6Packet.HEADER_LEN] = (byte) 200;
        refix(frame);
        WireException e = assertThrows(WireException.class, () -> parse(frame));
        assertEquals(WireError.UNSUPPORTED, e.reason());
    }

    /** A frame with {@code repr} in an IPv6 packet from {@code source} to {@code destination}. */
    static byte[] frame(Icmpv6Repr repr, Ipv6Address source, Ipv6Address destination, int hopLimit) {
        byte[] frame = new byte[IP_AT + Ipv6Packet.HEADER_LEN + repr.bufferLen()];
        new EthernetRepr(MacAddress.parse("02:00:00:00:00:02"), MacAddress.parse("33:33:00:00:00:01"), EtherType.IPV6)
                .emit(new EthernetFrame().wrap(frame, 0, frame.length));
        Ipv6Packet ip = new Ipv6Packet().wrap(frame, IP_AT, frame.length - IP_AT);
        new Ipv6Repr(source, destination, 58, repr.bufferLen(), hopLimit, 0, 0).emit(ip);
        repr.emit(ip, new Icmpv6Packet().wrap(frame, ip.payloadOffset(), repr.bufferLen()));
        return frame;
    }

    /** Recomputes the ICMPv6 checksum after a test changed the message. */
    private static void refix(byte[] frame) {
        Ipv6Packet ip = new Ipv6Packet().wrap(frame, IP_AT, frame.length - IP_AT);
        new Icmpv6Packet().wrap(frame, ip.payloadOffset(), ip.payloadLength()).fillChecksum(ip.pseudoHeaderSum(58, ip.payloadLength()));
    }
}

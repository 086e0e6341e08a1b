package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.DIRECTED_BROADCAST;
import static dev.jnetlab.stack.iface.Frames.GATEWAY_IP;
import static dev.jnetlab.stack.iface.Frames.OTHER_IP;
import static dev.jnetlab.stack.iface.Frames.PEER_IP;
import static dev.jnetlab.stack.iface.Frames.PEER_MAC;
import static dev.jnetlab.stack.iface.Frames.STACK_IP;
import static dev.jnetlab.stack.iface.Frames.STACK_MAC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.IcmpMessage;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.EthernetRepr;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.Icmpv4DstUnreachable;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.Icmpv4Repr;
import dev.jnetlab.stack.wire.Icmpv4TimeExceeded;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv4Repr;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.Octets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** ICMP (RFC 792, RFC 1122 section 3.2.2): echo, the errors this host sends and those it never sends, the rate limit, ICMP sockets. */
class IcmpTest {
    private final Harness h = new Harness();

    @BeforeEach
    void knowThePeer() {
        h.knowPeer();
    }

    private static byte[] udpTo(Ipv4Address dst, MacAddress ethDst, int port, byte[] payload) {
        byte[] udp = Frames.udp(PEER_IP, 4000, dst, port, payload);
        return Frames.ipv4(PEER_MAC, ethDst, Ipv4Repr.of(PEER_IP, dst, IpProtocol.UDP, udp.length), udp);
    }

    @Nested
    class Echo {
        @Test
        void aRequestGetsAReplyWithItsIdentifierSequenceAndData() {
            byte[] data = Frames.pattern(56, 0);
            h.receive(Frames.fromPeer(IpProtocol.ICMP, Frames.echoRequest(0x1234, 7, data)));

            Frame reply = h.sentOne();
            assertEquals(new EthernetRepr(STACK_MAC, PEER_MAC, EtherType.IPV4), reply.eth());
            Ipv4Repr header = reply.ip();
            assertEquals(STACK_IP, header.source());
            assertEquals(PEER_IP, header.destination());
            assertEquals(64, header.ttl());
            assertEquals(new Icmpv4Repr.EchoReply(0x1234, 7, Octets.of(data)), reply.icmp());
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ECHO_REQUESTS_IN));
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ECHO_REPLIES_OUT));
        }

        @Test
        void aRequestWithABadChecksumIsDropped() {
            byte[] message = Frames.echoRequest(1, 1, new byte[8]);
            message[2] ^= 1;
            h.receive(Frames.fromPeer(IpProtocol.ICMP, message));

            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_BAD_CHECKSUM));
        }

        @Test
        void aRequestToASecondAddressIsAnsweredFromIt() {
            Ipv4Address second = Ipv4Address.parse("192.168.69.2");
            h.iface.addAddress(new Ipv4Cidr(second, 24));
            byte[] message = Frames.echoRequest(1, 1, new byte[8]);
            h.receive(Frames.ipv4(PEER_MAC, STACK_MAC, Ipv4Repr.of(PEER_IP, second, IpProtocol.ICMP, message.length), message));

            assertEquals(second, h.sentOne().ip().source());
        }

        @Test
        void canBeSwitchedOff() {
            h.iface.setEchoReplies(false);
            h.receive(Frames.fromPeer(IpProtocol.ICMP, Frames.echoRequest(1, 1, new byte[8])));

            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ECHO_REQUESTS_IGNORED));
        }

        @Test
        void aBroadcastRequestIsIgnoredByDefault() {
            byte[] message = Frames.echoRequest(1, 1, new byte[8]);
            h.receive(Frames.ipv4(PEER_MAC, MacAddress.BROADCAST,
                    Ipv4Repr.of(PEER_IP, DIRECTED_BROADCAST, IpProtocol.ICMP, message.length), message));

            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ECHO_REQUESTS_IGNORED));
        }

        @Test
        void aBroadcastRequestIsAnsweredFromItsOwnAddressWhenAllowed() {
            h.iface.setBroadcastEchoReplies(true);
            byte[] message = Frames.echoRequest(1, 1, new byte[8]);
            h.receive(Frames.ipv4(PEER_MAC, MacAddress.BROADCAST,
                    Ipv4Repr.of(PEER_IP, Ipv4Address.BROADCAST, IpProtocol.ICMP, message.length), message));

            Frame reply = h.sentOne();
            assertEquals(STACK_IP, reply.ip().source());
            assertEquals(PEER_MAC, reply.eth().destination());
        }

        @Test
        void anUnsupportedTypeIsCounted() {
            byte[] timestamp = new byte[20];
            timestamp[0] = 13;
            new Icmpv4Packet().wrap(timestamp, 0, timestamp.length).fillChecksum();
            h.receive(Frames.fromPeer(IpProtocol.ICMP, timestamp));

            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_UNSUPPORTED));
        }
    }

    @Nested
    class Errors {
        @Test
        void aDatagramToAClosedPortGetsPortUnreachableQuotingHeaderAndData() {
            byte[] payload = Frames.pattern(100, 0);
            byte[] frame = udpTo(STACK_IP, STACK_MAC, 9999, payload);
            h.receive(frame);

            Frame error = h.sentOne();
            assertEquals(PEER_IP, error.ip().destination());
            assertEquals(STACK_IP, error.ip().source());
            Icmpv4Repr.DstUnreachable message = (Icmpv4Repr.DstUnreachable) error.icmp();
            assertEquals(Icmpv4DstUnreachable.PORT_UNREACHABLE, message.reason());
            byte[] original = Arrays.copyOfRange(frame, 14, frame.length);
            assertArrayEquals(original, error.ipPayload().length == 8 + original.length
                    ? Arrays.copyOfRange(error.ipPayload(), 8, error.ipPayload().length) : null, "the whole datagram, as it fits in 576");
            assertEquals(1, h.counter(InterfaceCounter.DROP_NO_SOCKET));
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ERRORS_OUT));
        }

        @Test
        void theQuoteStopsAt576OctetsInAll() {
            h.receive(udpTo(STACK_IP, STACK_MAC, 9999, new byte[1000]));

            Frame error = h.sentOne();
            assertEquals(576, error.ip().bufferLen());
            assertEquals(548, ((Icmpv4Repr.DstUnreachable) error.icmp()).header().headerLen()
                    + ((Icmpv4Repr.DstUnreachable) error.icmp()).data().length());
        }

        @Test
        void anUnknownProtocolGetsProtocolUnreachable() {
            h.receive(Frames.fromPeer(IpProtocol.of(253), new byte[12]));

            Icmpv4Repr.DstUnreachable message = (Icmpv4Repr.DstUnreachable) h.sentOne().icmp();
            assertEquals(Icmpv4DstUnreachable.PROTOCOL_UNREACHABLE, message.reason());
            assertEquals(IpProtocol.of(253), message.header().protocol());
        }

        @Test
        void neverAboutABroadcast() {
            h.receive(udpTo(DIRECTED_BROADCAST, MacAddress.BROADCAST, 9999, new byte[4]));
            h.receive(udpTo(Ipv4Address.BROADCAST, MacAddress.BROADCAST, 9999, new byte[4]));

            h.sentNothing();
            assertEquals(2, h.counter(InterfaceCounter.ICMP_ERRORS_SUPPRESSED));
        }

        @Test
        void neverAboutAnIcmpError() {
            // A fragment of a destination unreachable; its datagram never completes, so it
            // would earn a time exceeded, but an error is never sent about an error.
            byte[] error = Frames.icmp(new Icmpv4Repr.DstUnreachable(Icmpv4DstUnreachable.HOST_UNREACHABLE, 0,
                    Ipv4Repr.of(STACK_IP, OTHER_IP, IpProtocol.UDP, 8), Octets.of(new byte[8])));
            byte[] first = Arrays.copyOf(error, 16);
            h.receive(Frames.ipv4(PEER_MAC, STACK_MAC, Frames.fragmentHeader(PEER_IP, STACK_IP, IpProtocol.ICMP, 3, 0, true, 16),
                    first));
            h.advance(Micros.ofSeconds(30));

            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_FRAGMENT_TIMEOUT));
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ERRORS_SUPPRESSED));
        }

        @Test
        void neverAboutANonFirstFragment() {
            // Only a reassembly timeout is about a fragment here, and it quotes fragment zero;
            // without it, nothing is said.
            h.receive(Frames.ipv4(PEER_MAC, STACK_MAC, Frames.fragmentHeader(PEER_IP, STACK_IP, IpProtocol.UDP, 3, 1480, false, 8),
                    new byte[8]));
            h.advance(Micros.ofSeconds(30));

            h.sentNothing();
        }

        @Test
        void neverToASourceThatIsNotOneHost() {
            byte[] udp = Frames.udp(Ipv4Address.parse("0.0.0.0"), 68, STACK_IP, 9999, new byte[4]);
            h.receive(Frames.ipv4(PEER_MAC, STACK_MAC, Ipv4Repr.of(Ipv4Address.UNSPECIFIED, STACK_IP, IpProtocol.UDP, udp.length),
                    udp));

            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_BAD_SOURCE));
        }

        @Test
        void areRateLimitedByATokenBucket() {
            h.iface.setIcmpErrorRate(new IcmpRateLimit(2, 1));
            for (int i = 0; i < 4; i++) {
                h.receive(udpTo(STACK_IP, STACK_MAC, 9999, new byte[4]));
            }
            assertEquals(2, h.sent().size(), "the burst");
            assertEquals(2, h.counter(InterfaceCounter.ICMP_ERRORS_RATE_LIMITED));

            h.clock.advance(Micros.ofMillis(999));
            h.receive(udpTo(STACK_IP, STACK_MAC, 9999, new byte[4]));
            h.sentNothing();
            h.clock.advance(Micros.ofMillis(1));
            h.receive(udpTo(STACK_IP, STACK_MAC, 9999, new byte[4]));
            assertEquals(1, h.sent().size(), "one token a second");
            h.receive(udpTo(STACK_IP, STACK_MAC, 9999, new byte[4]));
            h.sentNothing();
        }

        @Test
        void echoRepliesAreNotRateLimited() {
            h.iface.setIcmpErrorRate(IcmpRateLimit.NONE);
            for (int i = 0; i < 20; i++) {
                h.receive(Frames.fromPeer(IpProtocol.ICMP, Frames.echoRequest(1, i, new byte[8])));
            }

            assertEquals(20, h.sent().size());
        }
    }

    @Nested
    class Sockets {
        private IcmpSocket ping;

        @BeforeEach
        void bind() {
            ping = h.icmp(0x4a4a);
        }

        @Test
        void sendsAnEchoRequestWithItsIdentifier() throws Exception {
            ping.setTtl(5);
            ping.sendEcho(PEER_IP, 3, "abc".getBytes());
            h.poll();

            Frame request = h.sentOne();
            assertEquals(new Icmpv4Repr.EchoRequest(0x4a4a, 3, Octets.of("abc".getBytes())), request.icmp());
            assertEquals(5, request.ip().ttl());
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ECHO_REQUESTS_OUT));
        }

        @Test
        void receivesTheReplyOfItsIdentifierWithTtlAndAddresses() throws Exception {
            byte[] reply = Frames.echoReply(0x4a4a, 3, "abc".getBytes());
            Ipv4Repr header = new Ipv4Repr(PEER_IP, STACK_IP, IpProtocol.ICMP, reply.length, 61, 0, 0, 0, false, false, 0, Octets.EMPTY);
            h.receive(Frames.ipv4(PEER_MAC, STACK_MAC, header, reply));

            IcmpMessage message = ping.recv();
            assertTrue(message.isEchoReply());
            assertEquals(PEER_IP, message.from());
            assertEquals(STACK_IP, message.to());
            assertEquals(61, message.ttl());
            assertEquals(3, message.sequence());
            assertEquals(0x4a4a, message.identifier());
            assertEquals(Octets.of("abc".getBytes()), message.data());
        }

        @Test
        void receivesIntoAnArrayWithoutAllocating() throws Exception {
            h.receive(Frames.fromPeer(IpProtocol.ICMP, Frames.echoReply(0x4a4a, 9, "xyz".getBytes())));
            byte[] into = new byte[10];

            assertEquals(3, ping.recv(into, 1, 9));
            assertArrayEquals("xyz".getBytes(), Arrays.copyOfRange(into, 1, 4));
            assertEquals(9, ping.lastSequence());
            assertEquals(PEER_IP.bits(), ping.lastSource());
            assertEquals(Icmpv4Packet.TYPE_ECHO_REPLY, ping.lastType());
        }

        @Test
        void doesNotSeeAnotherIdentifiersReply() {
            h.receive(Frames.fromPeer(IpProtocol.ICMP, Frames.echoReply(0x1111, 3, new byte[4])));

            assertFalse(ping.canRecv());
            assertEquals(1, h.counter(InterfaceCounter.DROP_NO_SOCKET));
        }

        @Test
        void receivesAnErrorAboutOneOfItsRequestsFromARouter() throws Exception {
            byte[] request = Frames.echoRequest(0x4a4a, 12, new byte[56]);
            Ipv4Repr quotedHeader = Ipv4Repr.of(STACK_IP, Frames.REMOTE_IP, IpProtocol.ICMP, request.length);
            byte[] error = Frames.icmp(new Icmpv4Repr.TimeExceeded(Icmpv4TimeExceeded.TTL_EXCEEDED_IN_TRANSIT, quotedHeader,
                    Octets.of(Arrays.copyOf(request, 8))));
            h.receive(Frames.ipv4(Frames.GATEWAY_MAC, STACK_MAC, Ipv4Repr.of(GATEWAY_IP, STACK_IP, IpProtocol.ICMP, error.length),
                    error));

            IcmpMessage message = ping.recv();
            assertEquals("Time to live exceeded", message.describe());
            assertEquals(GATEWAY_IP, message.from());
            assertEquals(12, message.sequence());
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ERRORS_IN));
        }

        @Test
        void ignoresAnErrorAboutAnotherIdentifier() {
            byte[] request = Frames.echoRequest(0x0001, 12, new byte[8]);
            byte[] error = Frames.icmp(new Icmpv4Repr.DstUnreachable(Icmpv4DstUnreachable.HOST_UNREACHABLE, 0,
                    Ipv4Repr.of(STACK_IP, OTHER_IP, IpProtocol.ICMP, request.length), Octets.of(request)));
            h.receive(Frames.fromPeer(IpProtocol.ICMP, error));

            assertFalse(ping.canRecv());
        }

        @Test
        void countsWhatItsFullBufferDrops() {
            IcmpSocket tiny = new IcmpSocket(1, 64, 1, 64);
            h.sockets.add(tiny);
            try {
                tiny.bind(0x0707);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            h.receive(Frames.fromPeer(IpProtocol.ICMP, Frames.echoReply(0x0707, 1, new byte[4])));
            h.receive(Frames.fromPeer(IpProtocol.ICMP, Frames.echoReply(0x0707, 2, new byte[4])));

            assertEquals(1, tiny.recvDropped());
            assertEquals(1, h.counter(InterfaceCounter.DROP_SOCKET_BUFFER_FULL));
        }

        @Test
        void pingsItsOwnAddressThroughTheLoopback() throws Exception {
            ping.sendEcho(STACK_IP, 1, "self".getBytes());
            for (int i = 0; i < 3; i++) {
                h.poll();
            }

            h.sentNothing();
            IcmpMessage reply = ping.recv();
            assertTrue(reply.isEchoReply());
            assertEquals(STACK_IP, reply.from());
        }

        @Test
        void describesErrorsAsPingDoes() {
            assertEquals(List.of("Destination Net Unreachable", "Destination Host Unreachable", "Destination Protocol Unreachable",
                            "Destination Port Unreachable", "Frag needed and DF set (mtu = 1400)"),
                    List.of(describe(3, 0, 0), describe(3, 1, 0), describe(3, 2, 0), describe(3, 3, 0), describe(3, 4, 1400)));
            assertEquals("Frag reassembly time exceeded", describe(11, 1, 0));
        }

        private String describe(int type, int code, int rest) {
            return new IcmpMessage(PEER_IP, STACK_IP, 64, type, code, rest, 1, 1, Octets.EMPTY).describe();
        }
    }
}

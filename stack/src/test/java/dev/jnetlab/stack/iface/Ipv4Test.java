package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.DIRECTED_BROADCAST;
import static dev.jnetlab.stack.iface.Frames.GATEWAY_IP;
import static dev.jnetlab.stack.iface.Frames.GATEWAY_MAC;
import static dev.jnetlab.stack.iface.Frames.OTHER_IP;
import static dev.jnetlab.stack.iface.Frames.PEER_IP;
import static dev.jnetlab.stack.iface.Frames.PEER_MAC;
import static dev.jnetlab.stack.iface.Frames.REMOTE_IP;
import static dev.jnetlab.stack.iface.Frames.STACK_IP;
import static dev.jnetlab.stack.iface.Frames.STACK_MAC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.ChecksumCapabilities;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.UdpDatagram;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.wire.ArpOperation;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv4Repr;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.Octets;
import dev.jnetlab.stack.wire.WireError;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** IPv4 (RFC 791, RFC 1122): what is for this host, broadcast, malformed datagrams, routes and source addresses. */
class Ipv4Test {
    private final Harness h = new Harness();

    private static byte[] udpFromPeer(Ipv4Address dst, int port, String text) {
        byte[] payload = Frames.udp(PEER_IP, 4000, dst, port, text.getBytes());
        return Frames.ipv4(PEER_MAC, STACK_MAC, Ipv4Repr.of(PEER_IP, dst, IpProtocol.UDP, payload.length), payload);
    }

    @Nested
    class Receiving {
        @Test
        void deliversADatagramForItsAddressWithTheSenderAndTheAddressItCameTo() throws Exception {
            UdpSocket socket = h.udp(6969);
            h.receive(udpFromPeer(STACK_IP, 6969, "hello"));

            UdpDatagram datagram = socket.recvFrom();
            assertArrayEquals("hello".getBytes(), datagram.data());
            assertEquals(IpEndpoint.of(new Endpoint(PEER_IP.bits(), 4000)), datagram.remote());
            assertEquals(IpEndpoint.of(new Endpoint(STACK_IP.bits(), 6969)), datagram.local());
            assertEquals(1, h.counter(InterfaceCounter.IPV4_IN));
            assertEquals(1, h.counter(InterfaceCounter.UDP_IN));
        }

        @Test
        void dropsADatagramForAnotherHost() {
            h.udp(6969);
            h.receive(udpFromPeer(OTHER_IP, 6969, "not mine"));

            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_NOT_FOR_US));
        }

        @Test
        void countsADatagramForAnotherHostWhoseTtlRanOutApart() {
            byte[] payload = Frames.udp(PEER_IP, 4000, REMOTE_IP, 1, new byte[0]);
            Ipv4Repr header = new Ipv4Repr(PEER_IP, REMOTE_IP, IpProtocol.UDP, payload.length, 1, 0, 0, 0, false, false, 0,
                    Octets.EMPTY);
            h.receive(Frames.ipv4(PEER_MAC, STACK_MAC, header, payload));

            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_TTL_EXPIRED));
        }

        @Test
        void dropsAFrameForAnotherMacAddress() {
            byte[] frame = udpFromPeer(STACK_IP, 6969, "x");
            System.arraycopy(new byte[] {2, 0, 0, 0, 0, 9}, 0, frame, 0, 6);
            h.udp(6969);
            h.receive(frame);

            assertEquals(1, h.counter(InterfaceCounter.DROP_NOT_FOR_US));
        }

        @Test
        void dropsAUnicastDatagramSentAsALinkBroadcast() {
            UdpSocket socket = h.udp(6969);
            byte[] frame = udpFromPeer(STACK_IP, 6969, "x");
            Arrays.fill(frame, 0, 6, (byte) 0xFF);
            h.receive(frame);

            assertFalse(socket.canRecv(), "RFC 1122 section 3.3.6");
            assertEquals(1, h.counter(InterfaceCounter.DROP_NOT_FOR_US));
        }

        @Test
        void dropsAnotherEtherType() {
            h.receive(Frames.ethernet(PEER_MAC, STACK_MAC, EtherType.of(0x88CC), new byte[40]));

            assertEquals(1, h.counter(InterfaceCounter.DROP_UNSUPPORTED));
        }

        @Test
        void dropsAFrameShorterThanAnEthernetHeader() {
            h.receive(new byte[10]);

            assertEquals(1, h.counter(InterfaceCounter.DROP_TRUNCATED));
            assertEquals(1, h.counter(InterfaceCounter.FRAMES_IN));
            assertEquals(10, h.counter(InterfaceCounter.OCTETS_IN));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.jnetlab.stack.iface.Ipv4Test#badSources")
        void dropsADatagramFromASourceThatIsNotOneHost(String source) {
            UdpSocket socket = h.udp(6969);
            Ipv4Address from = Ipv4Address.parse(source);
            byte[] payload = Frames.udp(from, 4000, STACK_IP, 6969, new byte[1]);
            h.receive(Frames.ipv4(PEER_MAC, STACK_MAC, Ipv4Repr.of(from, STACK_IP, IpProtocol.UDP, payload.length), payload));

            assertFalse(socket.canRecv());
            assertEquals(1, h.counter(InterfaceCounter.DROP_BAD_SOURCE));
            h.sentNothing();
        }

        @Test
        void ignoresOptionsButKeepsThemInTheDatagram() throws Exception {
            UdpSocket socket = h.udp(6969);
            byte[] payload = Frames.udp(PEER_IP, 4000, STACK_IP, 6969, "opt".getBytes());
            // Record route (type 7), length 7, pointer 4, one empty slot; then end of options.
            Octets options = Octets.of(new byte[] {7, 7, 4, 0, 0, 0, 0, 0});
            Ipv4Repr header = new Ipv4Repr(PEER_IP, STACK_IP, IpProtocol.UDP, payload.length, 64, 0, 0, 1, false, false, 0, options);
            h.receive(Frames.ipv4(PEER_MAC, STACK_MAC, header, payload));

            assertArrayEquals("opt".getBytes(), socket.recvFrom().data());
        }

        @Test
        void ignoresPaddingAfterTheDatagram() throws Exception {
            UdpSocket socket = h.udp(6969);
            byte[] frame = udpFromPeer(STACK_IP, 6969, "p");
            h.receive(Arrays.copyOf(frame, 60)); // Ethernet's minimum frame, zero padded

            assertArrayEquals("p".getBytes(), socket.recvFrom().data());
        }

        @Test
        void acceptsABadChecksumWhenTheDeviceVerifiesThem() throws Exception {
            h.device.setChecksums(ChecksumCapabilities.IGNORED);
            UdpSocket socket = h.udp(6969);
            byte[] frame = udpFromPeer(STACK_IP, 6969, "c");
            frame[14 + 10] ^= 0x55; // the IP header checksum
            frame[14 + 20 + 6] ^= 0x55; // the UDP checksum
            h.receive(frame);

            assertArrayEquals("c".getBytes(), socket.recvFrom().data());
        }
    }

    static Stream<String> badSources() {
        return Stream.of("0.0.0.0", "255.255.255.255", "224.0.0.1", "240.0.0.1", "127.0.0.1", "192.168.69.255",
                "192.168.69.1");
    }

    /** One malformed datagram per reason of the wire layer, each dropped and counted as that reason. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(WireError.TRUNCATED, (Consumer<byte[]>) f -> { }, 14 + 19),
                Arguments.of(WireError.BAD_VERSION, (Consumer<byte[]>) f -> f[14] = 0x65, 0),
                Arguments.of(WireError.BAD_IHL, (Consumer<byte[]>) f -> f[14] = 0x44, 0),
                Arguments.of(WireError.BAD_TOTAL_LENGTH, (Consumer<byte[]>) f -> f[14 + 3] = (byte) 200, 0),
                Arguments.of(WireError.BAD_CHECKSUM, (Consumer<byte[]>) f -> f[14 + 10] ^= 1, 0),
                Arguments.of(WireError.BAD_UDP_LENGTH, (Consumer<byte[]>) f -> {
                    f[14 + 20 + 5] = 100;
                    fixIpChecksum(f);
                }, 0));
    }

    static void fixIpChecksum(byte[] frame) {
        new dev.jnetlab.stack.wire.Ipv4Packet().wrap(frame, 14, frame.length - 14).fillChecksum();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void dropsAMalformedDatagramAndCountsItsReason(WireError reason, Consumer<byte[]> damage, int truncateTo) {
        UdpSocket socket = h.udp(6969);
        byte[] frame = udpFromPeer(STACK_IP, 6969, "payload");
        damage.accept(frame);
        h.receive(truncateTo > 0 ? Arrays.copyOf(frame, truncateTo) : frame);

        assertFalse(socket.canRecv());
        h.sentNothing();
        assertEquals(1, h.counter(InterfaceCounter.of(reason)));
        assertEquals(1, h.iface.stats().totalDrops());
    }

    @Test
    void dropsAUdpDatagramWithABadChecksum() {
        UdpSocket socket = h.udp(6969);
        byte[] frame = udpFromPeer(STACK_IP, 6969, "payload");
        frame[frame.length - 1] ^= 1;
        h.receive(frame);

        assertFalse(socket.canRecv());
        assertEquals(1, h.counter(InterfaceCounter.DROP_BAD_CHECKSUM));
    }

    @Test
    void acceptsAUdpDatagramWithoutAChecksum() throws Exception {
        UdpSocket socket = h.udp(6969);
        byte[] frame = udpFromPeer(STACK_IP, 6969, "none");
        frame[14 + 20 + 6] = 0;
        frame[14 + 20 + 7] = 0;
        h.receive(frame);

        assertArrayEquals("none".getBytes(), socket.recvFrom().data());
    }

    @Test
    void anotherProtocolIsCounted() {
        h.knowPeer();
        h.receive(Frames.fromPeer(IpProtocol.of(253), new byte[8]));

        assertEquals(1, h.counter(InterfaceCounter.DROP_UNKNOWN_PROTOCOL));
    }

    @Nested
    class Broadcast {
        @Test
        void theLimitedBroadcastReachesASocketBoundToEveryAddress() throws Exception {
            UdpSocket socket = h.udp(67);
            byte[] payload = Frames.udp(PEER_IP, 68, Ipv4Address.BROADCAST, 67, "all".getBytes());
            h.receive(Frames.ipv4(PEER_MAC, MacAddress.BROADCAST,
                    Ipv4Repr.of(PEER_IP, Ipv4Address.BROADCAST, IpProtocol.UDP, payload.length), payload));

            UdpDatagram datagram = socket.recvFrom();
            assertArrayEquals("all".getBytes(), datagram.data());
            assertEquals(Ipv4Address.BROADCAST, datagram.local().address(), "it says it came to the broadcast address");
        }

        @Test
        void theDirectedBroadcastToo() throws Exception {
            UdpSocket socket = h.udp(9);
            byte[] payload = Frames.udp(PEER_IP, 9, DIRECTED_BROADCAST, 9, "net".getBytes());
            h.receive(Frames.ipv4(PEER_MAC, MacAddress.BROADCAST,
                    Ipv4Repr.of(PEER_IP, DIRECTED_BROADCAST, IpProtocol.UDP, payload.length), payload));

            assertArrayEquals("net".getBytes(), socket.recvFrom().data());
        }

        @Test
        void butNotASocketBoundToOneAddress() throws Exception {
            UdpSocket socket = new UdpSocket();
            h.sockets.add(socket);
            socket.bind(new Endpoint(STACK_IP.bits(), 9));
            byte[] payload = Frames.udp(PEER_IP, 9, DIRECTED_BROADCAST, 9, "net".getBytes());
            h.receive(Frames.ipv4(PEER_MAC, MacAddress.BROADCAST,
                    Ipv4Repr.of(PEER_IP, DIRECTED_BROADCAST, IpProtocol.UDP, payload.length), payload));

            assertFalse(socket.canRecv());
            assertEquals(1, h.counter(InterfaceCounter.DROP_NO_SOCKET));
            h.sentNothing(); // and no port unreachable about a broadcast
        }

        @Test
        void aSocketSendsToTheLimitedBroadcastAsALinkBroadcast() throws Exception {
            UdpSocket socket = h.udp(68);
            socket.sendTo(-1, 67, new byte[] {1}, 0, 1);
            h.poll();

            Frame frame = h.sentOne();
            assertEquals(MacAddress.BROADCAST, frame.eth().destination());
            assertEquals(STACK_IP, frame.ip().source());
            assertEquals(Ipv4Address.BROADCAST, frame.ip().destination());
        }

        @Test
        void andToAMulticastGroupAtItsMacAddress() throws Exception {
            UdpSocket socket = h.udp(5353);
            socket.sendTo(Ipv4Address.parse("224.0.0.251").bits(), 5353, new byte[] {1}, 0, 1);
            h.poll();

            assertEquals(MacAddress.parse("01:00:5e:00:00:fb"), h.sentOne().eth().destination(), "RFC 1112 section 6.4");
        }
    }

    @Nested
    class Routing {
        private byte[] sendAndResolve(Ipv4Address destination) throws Exception {
            UdpSocket socket = h.sockets.udpCount() == 0 ? h.udp(5000) : h.sockets.udpAt(0);
            socket.sendTo(destination.bits(), 7, new byte[] {1}, 0, 1);
            h.poll();
            return null;
        }

        private Ipv4Address arpTarget() {
            return h.sentOne().arp().targetProtocolAddr();
        }

        @Test
        void aHostOnAConnectedNetworkIsItsOwnNextHop() throws Exception {
            sendAndResolve(OTHER_IP);

            assertEquals(OTHER_IP, arpTarget());
        }

        @Test
        void aDistantHostGoesThroughTheDefaultGateway() throws Exception {
            h.iface.setDefaultGateway(GATEWAY_IP);
            sendAndResolve(REMOTE_IP);

            assertEquals(GATEWAY_IP, arpTarget());
        }

        @Test
        void theLongestPrefixWins() throws Exception {
            h.iface.setDefaultGateway(GATEWAY_IP);
            h.iface.addRoute(Ipv4Cidr.parse("10.0.0.0/8"), OTHER_IP);
            h.iface.addRoute(Ipv4Cidr.parse("10.0.0.0/24"), PEER_IP);

            sendAndResolve(REMOTE_IP);
            assertEquals(PEER_IP, arpTarget());
            sendAndResolve(Ipv4Address.parse("10.1.0.1"));
            assertEquals(OTHER_IP, arpTarget());
            sendAndResolve(Ipv4Address.parse("172.16.0.1"));
            assertEquals(GATEWAY_IP, arpTarget());
        }

        @Test
        void withoutARouteTheDatagramIsDroppedAndCounted() throws Exception {
            UdpSocket socket = h.udp(5000);
            socket.sendTo(REMOTE_IP.bits(), 7, new byte[] {1}, 0, 1);
            h.poll();

            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_NO_ROUTE));
            assertEquals(1, socket.sendDropped());
        }

        @Test
        void theSourceIsTheAddressOnTheNextHopsNetwork() throws Exception {
            h.iface.addAddress(Ipv4Cidr.parse("10.0.0.1/24"));
            h.iface.addStaticNeighbor(REMOTE_IP, PEER_MAC);
            h.iface.addStaticNeighbor(OTHER_IP, PEER_MAC);
            sendAndResolve(REMOTE_IP);
            assertEquals(Ipv4Address.parse("10.0.0.1"), h.sentOne().ip().source());
            sendAndResolve(OTHER_IP);
            assertEquals(STACK_IP, h.sentOne().ip().source());
        }

        @Test
        void aSocketBoundToOneAddressSendsFromIt() throws Exception {
            h.iface.addAddress(Ipv4Cidr.parse("192.168.69.2/24"));
            h.iface.addStaticNeighbor(PEER_IP, PEER_MAC);
            UdpSocket socket = new UdpSocket();
            h.sockets.add(socket);
            socket.bind(new Endpoint(Ipv4Address.parse("192.168.69.2").bits(), 5000));
            socket.sendTo(PEER_IP.bits(), 7, new byte[] {1}, 0, 1);
            h.poll();

            assertEquals(Ipv4Address.parse("192.168.69.2"), h.sentOne().ip().source());
        }

        @Test
        void aGatewayMustBeANeighbor() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> h.iface.addRoute(Ipv4Cidr.parse("10.0.0.0/8"), Ipv4Address.parse("172.16.0.1")));
            assertTrue(e.getMessage().contains("must be a neighbor"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> h.iface.setDefaultGateway(STACK_IP));
        }

        @Test
        void aRouteWhoseGatewayIsNoLongerANeighborIsKeptButNotUsed() throws Exception {
            h.iface.addAddress(Ipv4Cidr.parse("10.0.0.1/24"));
            h.iface.addRoute(Ipv4Cidr.parse("172.16.0.0/12"), Ipv4Address.parse("10.0.0.254"));
            h.iface.removeAddress(Ipv4Address.parse("10.0.0.1"));

            Route route = h.iface.routes().get(1);
            assertFalse(route.usable());
            UdpSocket socket = h.udp(5000);
            socket.sendTo(Ipv4Address.parse("172.16.0.1").bits(), 7, new byte[] {1}, 0, 1);
            h.poll();
            assertEquals(1, h.counter(InterfaceCounter.DROP_NO_ROUTE));
        }

        @Test
        void listsConnectedRoutesThenStaticOnesLongestFirst() {
            h.iface.setDefaultGateway(GATEWAY_IP);
            h.iface.addRoute(Ipv4Cidr.parse("10.1.2.3/16"), PEER_IP);

            assertEquals(List.of(
                    new Route(Ipv4Cidr.parse("192.168.69.0/24"), Optional.empty(), RouteOrigin.CONNECTED, true),
                    new Route(Ipv4Cidr.parse("10.1.0.0/16"), Optional.of(PEER_IP), RouteOrigin.STATIC, true),
                    new Route(Ipv4Cidr.parse("0.0.0.0/0"), Optional.of(GATEWAY_IP), RouteOrigin.STATIC, true)),
                    h.iface.routes());
            assertEquals(Optional.of(GATEWAY_IP), h.iface.defaultGateway());
            assertTrue(h.iface.removeRoute(Ipv4Cidr.parse("0.0.0.0/0")));
            assertEquals(Optional.empty(), h.iface.defaultGateway());
            assertFalse(h.iface.removeRoute(Ipv4Cidr.parse("0.0.0.0/0")));
        }

        @Test
        void theDefaultGatewayOfTheConfiguration() {
            Interface configured = new Interface(InterfaceConfig.of(STACK_MAC, Ipv4Cidr.parse("192.168.69.1/24"))
                    .withDefaultGateway(GATEWAY_IP));

            assertEquals(Optional.of(GATEWAY_IP), configured.defaultGateway());
        }
    }

    @Nested
    class Addresses {
        @Test
        void canBeAddedAndRemoved() throws Exception {
            UdpSocket socket = h.udp(6969);
            Ipv4Address second = Ipv4Address.parse("10.0.0.1");
            assertTrue(h.iface.addAddress(Ipv4Cidr.parse("10.0.0.1/8")));
            assertFalse(h.iface.addAddress(Ipv4Cidr.parse("10.0.0.1/16")), "already there");
            assertEquals(List.of(Ipv4Cidr.parse("192.168.69.1/24"), Ipv4Cidr.parse("10.0.0.1/8")), h.iface.addresses());

            h.receive(udpFromPeer(second, 6969, "two"));
            assertEquals(second, socket.recvFrom().local().address());

            assertTrue(h.iface.removeAddress(second));
            h.receive(udpFromPeer(second, 6969, "gone"));
            assertFalse(socket.canRecv());
            assertEquals(1, h.counter(InterfaceCounter.DROP_NOT_FOR_US));
        }

        @Test
        void mustBeHostAddresses() {
            for (String bad : List.of("0.0.0.0/8", "224.0.0.1/4", "127.0.0.1/8", "192.168.69.0/24", "192.168.69.255/24",
                    "255.255.255.255/32")) {
                assertThrows(IllegalArgumentException.class, () -> h.iface.addAddress(Ipv4Cidr.parse(bad)), bad);
            }
            assertTrue(h.iface.addAddress(Ipv4Cidr.parse("10.0.0.0/31")), "RFC 3021: both ends of a /31 are hosts");
        }
    }

    @Test
    void answersTheArpOfAnAddressAddedLater() {
        h.iface.addAddress(Ipv4Cidr.parse("10.0.0.1/8"));
        h.receive(Frames.arp(ArpOperation.REQUEST, MacAddress.BROADCAST, PEER_MAC, Ipv4Address.parse("10.0.0.2"),
                MacAddress.UNSPECIFIED, Ipv4Address.parse("10.0.0.1")));

        assertEquals(Ipv4Address.parse("10.0.0.1"), h.sentOne().arp().senderProtocolAddr());
    }

    @Test
    void aSocketsTtlGoesOnTheWireAndDefaultsTo64() throws Exception {
        h.knowPeer();
        UdpSocket socket = h.udp(5000);
        socket.sendTo(PEER_IP.bits(), 7, new byte[1], 0, 1);
        socket.setTtl(3);
        socket.sendTo(PEER_IP.bits(), 7, new byte[1], 0, 1);
        h.poll();

        List<Frame> frames = h.sent();
        assertEquals(64, frames.get(0).ip().ttl());
        assertEquals(3, frames.get(1).ip().ttl());
    }

    @Test
    void socketSetsMadeByTheInterfaceTakeTheirPortsFromItsSeed() throws Exception {
        InterfaceConfig config = InterfaceConfig.of(STACK_MAC, Ipv4Cidr.parse("192.168.69.1/24")).withSeed(99);
        int[] ports = new int[2];
        for (int i = 0; i < 2; i++) {
            dev.jnetlab.stack.iface.SocketSet set = new Interface(config).newSocketSet();
            UdpSocket socket = new UdpSocket();
            set.add(socket);
            socket.bind(0);
            ports[i] = socket.localPort();
        }
        assertEquals(ports[0], ports[1]);
    }

    @Test
    void aDatagramToItselfGoesRoundTheLoopback() throws Exception {
        UdpSocket server = h.udp(6969);
        UdpSocket client = h.udp(5000);
        client.sendTo(STACK_IP.bits(), 6969, "me".getBytes(), 0, 2);
        h.poll();
        assertTrue(h.iface.pollAt(h.now(), h.sockets) <= h.now(), "the looped frame wants the next poll");
        h.poll();

        h.sentNothing();
        UdpDatagram datagram = server.recvFrom();
        assertEquals(IpEndpoint.of(new Endpoint(STACK_IP.bits(), 5000)), datagram.remote());
        assertEquals(0, h.counter(InterfaceCounter.FRAMES_OUT));
    }
}

package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.UdpDatagram;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.CloseReason;
import dev.jnetlab.stack.socket.tcp.ConnectError;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * TCP and UDP over IPv6 between two stacks on a virtual wire (A is fd00::a, B fd00::b), on the
 * virtual clock: the addresses pass DAD first, then every exchange begins with NDP, whose
 * first packet (the SYN, the first datagram) waits in the neighbor cache rather than being lost.
 */
class TransportOverIpv6Test {
    static final Ipv6Address A6 = Ipv6Address.parse("fd00::a");
    static final Ipv6Address B6 = Ipv6Address.parse("fd00::b");
    static final int PORT = 7;

    private final TwoStacks net = new TwoStacks();
    /** What the hosts dropped and solicited while DAD ran (the other's groups are not theirs). */
    private long dropsBefore;
    private long solicitsBefore;

    @BeforeEach
    void addressesPastDad() {
        net.a.addAddress(A6, 64);
        net.b.addAddress(B6, 64);
        net.idle(Micros.ofSeconds(2));
        assertTrue(net.a.sourceAddressFor(B6).isPresent() && net.b.sourceAddressFor(A6).isPresent(), "DAD is over");
        dropsBefore = drops();
        solicitsBefore = net.a.stats().get(InterfaceCounter.NDP_SOLICITS_OUT);
    }

    private long drops() {
        return net.a.stats().totalDrops() + net.b.stats().totalDrops();
    }

    private TcpSocket accepted(SocketHandle<TcpListener> listener) {
        SocketHandle<?>[] got = new SocketHandle<?>[1];
        assertTrue(net.runUntil(() -> (got[0] = net.bSockets.accept(listener).orElse(null)) != null, Micros.ofSeconds(1)));
        return (TcpSocket) net.bSockets.get(got[0]);
    }

    private SocketHandle<TcpListener> listen(int port) {
        return net.bSockets.add(new TcpListener(new Endpoint(0, port), 4, () -> new TcpSocket(65536, 65536)));
    }

    private TcpSocket connect(IpEndpoint to) throws TcpException.Connect {
        TcpSocket client = new TcpSocket(65536, 65536);
        SocketHandle<TcpSocket> handle = net.aSockets.add(client);
        net.a.connect(net.clock.now(), net.aSockets, handle, to, 0);
        return client;
    }

    private static byte[] pattern(int length, int seed) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 31 + seed);
        }
        return data;
    }

    /** Sends {@code data} from {@code from} and reads all of it on {@code to}. */
    private byte[] transfer(TcpSocket from, TcpSocket to, byte[] data) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int[] sent = {0};
        byte[] chunk = new byte[8192];
        assertTrue(net.runUntil(() -> {
            try {
                if (sent[0] < data.length && from.canSend()) {
                    sent[0] += from.send(data, sent[0], data.length - sent[0]);
                }
                while (to.canRecv()) {
                    got.write(chunk, 0, to.recv(chunk, 0, chunk.length));
                }
            } catch (TcpException e) {
                throw new AssertionError(e);
            }
            return got.size() == data.length;
        }, Micros.ofSeconds(30)), "only " + got.size() + " of " + data.length + " octets arrived");
        return got.toByteArray();
    }

    @Nested
    class Tcp {
        @Test
        void theHandshakeGoesThroughNdpWithTheSynHeldNotLost() throws Exception {
            SocketHandle<TcpListener> listener = listen(PORT);
            TcpSocket client = connect(new IpEndpoint(B6, PORT));

            assertTrue(net.runUntil(() -> client.state() == TcpState.ESTABLISHED, Micros.ofSeconds(1)));
            assertEquals(0, client.controlBlock(net.clock.now()).retransmissions(), "the SYN waited for NDP, it was not resent");
            assertEquals(1, net.a.stats().get(InterfaceCounter.NDP_SOLICITS_OUT) - solicitsBefore);
            TcpSocket server = accepted(listener);
            assertEquals(new IpEndpoint(B6, PORT), client.remote());
            assertEquals(A6, client.local().address());
            assertEquals(new IpEndpoint(A6, client.localPort()), server.remote());
            assertTrue(server.isIpv6() && client.isIpv6());
            assertEquals(dropsBefore, drops());
        }

        @Test
        void theMssIsTheMtuLessSixtyBothWays() throws Exception {
            SocketHandle<TcpListener> listener = listen(PORT);
            TcpSocket client = connect(new IpEndpoint(B6, PORT));
            assertTrue(net.runUntil(() -> client.state() == TcpState.ESTABLISHED, Micros.ofSeconds(1)));
            TcpSocket server = accepted(listener);

            assertEquals(1440, client.controlBlock(net.clock.now()).receiveMss());
            assertEquals(1440, client.controlBlock(net.clock.now()).peerMss(), "the listener's SYN,ACK said 1500 - 60");
            assertEquals(1440, server.controlBlock(net.clock.now()).peerMss());
        }

        @Test
        void dataGoesBothWaysByteExactThenBothClose() throws Exception {
            SocketHandle<TcpListener> listener = listen(PORT);
            TcpSocket client = connect(new IpEndpoint(B6, PORT));
            assertTrue(net.runUntil(() -> client.state() == TcpState.ESTABLISHED, Micros.ofSeconds(1)));
            TcpSocket server = accepted(listener);

            byte[] up = pattern(300_000, 1);
            byte[] down = pattern(200_000, 2);
            assertArrayEquals(up, transfer(client, server, up));
            assertArrayEquals(down, transfer(server, client, down));

            client.close();
            assertTrue(net.runUntil(() -> server.state() == TcpState.CLOSE_WAIT, Micros.ofSeconds(1)));
            server.close();
            assertTrue(net.runUntil(() -> server.state() == TcpState.CLOSED
                    && (client.state() == TcpState.TIME_WAIT || client.state() == TcpState.CLOSED), Micros.ofSeconds(1)));
            assertEquals(dropsBefore, drops());
        }

        @Test
        void aSynToAClosedPortIsAnsweredWithAReset() throws Exception {
            TcpSocket client = connect(new IpEndpoint(B6, 9));

            assertTrue(net.runUntil(() -> client.state() == TcpState.CLOSED, Micros.ofSeconds(1)));
            assertEquals(CloseReason.REFUSED, client.closeReason());
            assertEquals(1, net.b.stats().get(InterfaceCounter.TCP_RESETS_OUT));
        }

        @Test
        void oneListenerOnEveryAddressTakesBothFamilies() throws Exception {
            SocketHandle<TcpListener> listener = listen(PORT);
            TcpSocket over6 = connect(new IpEndpoint(B6, PORT));
            TcpSocket over4 = connect(IpEndpoint.of(new Endpoint(TwoStacks.B_IP.bits(), PORT)));

            assertTrue(net.runUntil(() -> over6.state() == TcpState.ESTABLISHED && over4.state() == TcpState.ESTABLISHED,
                    Micros.ofSeconds(1)));
            assertTrue(accepted(listener).isIpv6() ^ accepted(listener).isIpv6(), "one of each family");
            assertFalse(over4.isIpv6());
        }

        @Test
        void aListenerOnAnIpv4AddressDoesNotTakeIpv6() throws Exception {
            net.bSockets.add(new TcpListener(new Endpoint(TwoStacks.B_IP.bits(), PORT), 4, () -> new TcpSocket(4096, 4096)));
            TcpSocket client = connect(new IpEndpoint(B6, PORT));

            assertTrue(net.runUntil(() -> client.state() == TcpState.CLOSED, Micros.ofSeconds(1)));
            assertEquals(CloseReason.REFUSED, client.closeReason());
        }

        @Test
        void aListenerOnAnIpv6AddressTakesThatAddressOnlyAndNotIpv4() throws Exception {
            Ipv6Address other = Ipv6Address.parse("fd00::b2");
            net.b.addAddress(other, 64);
            net.idle(Micros.ofSeconds(2));
            SocketHandle<TcpListener> listener = net.bSockets.add(
                    new TcpListener(new IpEndpoint(B6, PORT), 4, 8, () -> new TcpSocket(4096, 4096)));
            TcpSocket toOther = connect(new IpEndpoint(other, PORT));
            TcpSocket over4 = connect(IpEndpoint.of(new Endpoint(TwoStacks.B_IP.bits(), PORT)));
            TcpSocket toIt = connect(new IpEndpoint(B6, PORT));

            assertTrue(net.runUntil(() -> toIt.state() == TcpState.ESTABLISHED && toOther.state() == TcpState.CLOSED
                    && over4.state() == TcpState.CLOSED, Micros.ofSeconds(1)));
            assertEquals(CloseReason.REFUSED, toOther.closeReason());
            assertEquals(new IpEndpoint(B6, PORT), accepted(listener).local());
            assertEquals(new IpEndpoint(B6, PORT), net.bSockets.get(listener).local());
        }

        @Test
        void listenersCollideOnAPortWhenOneIsOnEveryAddressOrBothOnOne() {
            net.bSockets.add(new TcpListener(new IpEndpoint(B6, PORT), 4, 8, () -> new TcpSocket(64, 64)));
            assertThrows(IllegalArgumentException.class, () -> net.bSockets.add(
                    new TcpListener(new Endpoint(0, PORT), () -> new TcpSocket(64, 64))));
            assertThrows(IllegalArgumentException.class, () -> net.bSockets.add(
                    new TcpListener(new IpEndpoint(B6, PORT), 4, 8, () -> new TcpSocket(64, 64))));
            net.bSockets.add(new TcpListener(new IpEndpoint(Ipv6Address.parse("fd00::b2"), PORT), 4, 8,
                    () -> new TcpSocket(64, 64)));
            net.bSockets.add(new TcpListener(new Endpoint(TwoStacks.B_IP.bits(), PORT), () -> new TcpSocket(64, 64)));
        }

        @Test
        void aConnectionToAnAddressWithNoRouteIsRefusedAtOnce() {
            TcpSocket client = new TcpSocket(4096, 4096);
            SocketHandle<TcpSocket> handle = net.aSockets.add(client);

            TcpException.Connect e = assertThrows(TcpException.Connect.class, () -> net.a.connect(net.clock.now(),
                    net.aSockets, handle, new IpEndpoint(Ipv6Address.parse("2001:db8::1"), PORT), 0));
            assertEquals(ConnectError.NO_ROUTE, e.error());
        }
    }

    @Nested
    class Udp {
        private UdpSocket bound(SocketHandleSet set, int port) throws Exception {
            UdpSocket socket = new UdpSocket();
            (set == SocketHandleSet.A ? net.aSockets : net.bSockets).add(socket);
            socket.bind(port);
            return socket;
        }

        @Test
        void aDatagramGoesThereAndTheAnswerComesBack() throws Exception {
            UdpSocket server = bound(SocketHandleSet.B, 6969);
            UdpSocket client = bound(SocketHandleSet.A, 0);

            client.sendTo(new IpEndpoint(B6, 6969), "question".getBytes(), 0, 8);
            assertTrue(net.runUntil(server::canRecv, Micros.ofSeconds(1)));
            UdpDatagram question = server.recvFrom();
            assertArrayEquals("question".getBytes(), question.data());
            assertEquals(new IpEndpoint(A6, client.localPort()), question.remote());
            assertEquals(new IpEndpoint(B6, 6969), question.local());

            server.sendTo(question.remote(), "answer".getBytes(), 0, 6);
            assertTrue(net.runUntil(client::canRecv, Micros.ofSeconds(1)));
            assertArrayEquals("answer".getBytes(), client.recvFrom().data());
            assertEquals(new IpEndpoint(B6, 6969), client.lastSender());
            assertEquals(dropsBefore, drops());
        }

        @Test
        void aDatagramLargerThanTheMtuGoesInFragmentsAndReachesTheSocketWhole() throws Exception {
            UdpSocket server = bound(SocketHandleSet.B, 6969);
            UdpSocket client = bound(SocketHandleSet.A, 0);
            byte[] big = pattern(4000, 9);

            client.sendTo(new IpEndpoint(B6, 6969), big, 0, big.length);
            assertTrue(net.runUntil(server::canRecv, Micros.ofSeconds(1)));

            assertArrayEquals(big, server.recvFrom().data());
            assertEquals(3, net.a.stats().get(InterfaceCounter.FRAGMENTS_OUT), "4008 octets of UDP in 1448-octet runs");
            assertEquals(dropsBefore, drops());
        }

        @Test
        void aDatagramToAClosedPortIsAnsweredWithPortUnreachable() throws Exception {
            UdpSocket client = bound(SocketHandleSet.A, 1000);

            client.sendTo(new IpEndpoint(B6, 9), new byte[4], 0, 4);
            net.idle(Micros.ofSeconds(1));

            assertEquals(1, net.b.stats().get(InterfaceCounter.ICMP_ERRORS_OUT));
            assertEquals(1, net.b.stats().get(InterfaceCounter.DROP_NO_SOCKET));
        }

        @Test
        void aSocketBoundToAnIpv6AddressTakesTheDatagramsToItNotToAnotherAddressOfTheHost() throws Exception {
            Ipv6Address other = Ipv6Address.parse("fd00::b2");
            net.b.addAddress(other, 64);
            net.idle(Micros.ofSeconds(2));
            UdpSocket server = new UdpSocket();
            net.bSockets.add(server);
            server.bind(new IpEndpoint(B6, 6969));
            UdpSocket client = bound(SocketHandleSet.A, 0);
            long noSocket = net.b.stats().get(InterfaceCounter.DROP_NO_SOCKET);

            client.sendTo(new IpEndpoint(other, 6969), "elsewhere".getBytes(), 0, 9);
            net.idle(Micros.ofMillis(100));
            assertFalse(server.canRecv());
            assertEquals(noSocket + 1, net.b.stats().get(InterfaceCounter.DROP_NO_SOCKET));

            client.sendTo(new IpEndpoint(B6, 6969), "here".getBytes(), 0, 4);
            assertTrue(net.runUntil(server::canRecv, Micros.ofSeconds(1)));
            UdpDatagram got = server.recvFrom();
            assertArrayEquals("here".getBytes(), got.data());
            assertEquals(new IpEndpoint(B6, 6969), got.local());
            assertEquals(new IpEndpoint(B6, 6969), server.local());
        }

        @Test
        void aSocketBoundToAnIpv6AddressSendsFromItAndNeverOverIpv4() throws Exception {
            Ipv6Address other = Ipv6Address.parse("fd00::a2");
            net.a.addAddress(other, 64);
            net.idle(Micros.ofSeconds(2));
            UdpSocket server = bound(SocketHandleSet.B, 6969);
            UdpSocket client = new UdpSocket();
            net.aSockets.add(client);
            client.bind(new IpEndpoint(other, 1000));

            client.sendTo(new IpEndpoint(B6, 6969), "from-a2".getBytes(), 0, 7);
            assertTrue(net.runUntil(server::canRecv, Micros.ofSeconds(1)));
            assertEquals(new IpEndpoint(other, 1000), server.recvFrom().remote());
            assertThrows(dev.jnetlab.stack.socket.SocketException.Send.class,
                    () -> client.sendTo(new Endpoint(TwoStacks.B_IP.bits(), 6969), new byte[1], 0, 1));
        }

        @Test
        void bindingToAnIpv6AddressRefusesAGroupAndCollidesWithEveryAddressAndItselfOnly() throws Exception {
            UdpSocket first = new UdpSocket();
            net.bSockets.add(first);
            first.bind(new IpEndpoint(B6, 5000));
            UdpSocket group = new UdpSocket();
            net.bSockets.add(group);
            assertThrows(dev.jnetlab.stack.socket.SocketException.Bind.class,
                    () -> group.bind(new IpEndpoint(Ipv6Address.parse("ff02::1"), 5001)));
            UdpSocket any = new UdpSocket();
            net.bSockets.add(any);
            assertThrows(dev.jnetlab.stack.socket.SocketException.Bind.class, () -> any.bind(5000));
            UdpSocket anotherAddress = new UdpSocket();
            net.bSockets.add(anotherAddress);
            anotherAddress.bind(new IpEndpoint(Ipv6Address.parse("fd00::b2"), 5000));
            UdpSocket ipv4 = new UdpSocket();
            net.bSockets.add(ipv4);
            ipv4.bind(TwoStacks.B_IP.bits(), 5000);
        }

        @Test
        void aSocketBoundToAnIpv4AddressCannotSendOverIpv6() throws Exception {
            UdpSocket socket = new UdpSocket();
            net.aSockets.add(socket);
            socket.bind(TwoStacks.A_IP.bits(), 1000);

            assertThrows(dev.jnetlab.stack.socket.SocketException.Send.class,
                    () -> socket.sendTo(new IpEndpoint(B6, 9), new byte[1], 0, 1));
        }
    }

    /** Which of the two hosts' socket sets. */
    private enum SocketHandleSet { A, B }
}

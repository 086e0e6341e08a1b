package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.socket.BindError;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.RecvError;
import dev.jnetlab.stack.socket.SendError;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.SocketSummary;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The socket set's handles and ports, and what UDP and ICMP sockets refuse, without an interface. */
class SocketsTest {
    private static final int PEER = Ipv4Address.parse("192.168.69.100").bits();
    private final SocketSet sockets = new SocketSet(7);

    @Nested
    class Handles {
        @Test
        void areTypedNumberedPerKindAndPrintedWithTheirKind() {
            SocketHandle<UdpSocket> udp = sockets.add(new UdpSocket());
            SocketHandle<IcmpSocket> icmp = sockets.add(new IcmpSocket());
            SocketHandle<UdpSocket> udp2 = sockets.add(new UdpSocket());

            assertEquals("udp#1", udp.toString());
            assertEquals("icmp#1", icmp.toString());
            assertEquals("udp#2", udp2.toString());
            UdpSocket socket = sockets.get(udp);
            assertSame(socket, sockets.get(udp));
            assertEquals(Optional.of(icmp), sockets.handle("icmp", 1));
            assertEquals(Optional.of(udp), sockets.handle("udp", 1));
            assertEquals(Optional.empty(), sockets.handle("tcp", 1));
            assertEquals(List.of(udp, icmp, udp2), sockets.handles());
        }

        @Test
        void tcpConnectionsAndListenersShareTheTcpNumbers() {
            SocketHandle<TcpListener> listener = sockets.add(new TcpListener(new Endpoint(0, 80), 1,
                    () -> new TcpSocket(64, 64)));
            SocketHandle<TcpSocket> connection = sockets.add(new TcpSocket(64, 64));

            assertEquals("tcp#1", listener.toString());
            assertEquals("tcp#2", connection.toString());
            assertEquals(Optional.of(connection), sockets.handle("tcp", 2));
        }

        @Test
        void areNotReusedAfterARemoval() {
            SocketHandle<UdpSocket> first = sockets.add(new UdpSocket());
            assertTrue(sockets.remove(first));
            assertFalse(sockets.remove(first));
            SocketHandle<UdpSocket> second = sockets.add(new UdpSocket());

            assertEquals(2, second.id());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sockets.get(first));
            assertTrue(e.getMessage().contains("udp#1"), e.getMessage());
            assertFalse(sockets.contains(first));
        }

        @Test
        void internalSocketsAreNumberedApartAndLeftOutOfWhatTheUserSees() throws Exception {
            UdpSocket resolver = new UdpSocket();
            SocketHandle<UdpSocket> internal = sockets.addInternal(resolver);
            resolver.bind(0);
            SocketHandle<UdpSocket> user = sockets.add(new UdpSocket());

            assertEquals("internal udp#1", internal.toString());
            assertEquals("udp#1", user.toString());
            assertSame(resolver, sockets.get(internal));
            assertEquals(Optional.of(user), sockets.handle("udp", 1));
            assertEquals(List.of(user), sockets.handles());
            assertEquals(List.of(internal, user), sockets.allHandles());
            assertEquals(List.of(user), sockets.summaries().stream().map(SocketSummary::handle).toList());
            assertEquals(2, sockets.udpCount(), "the packet path serves the internal socket too");
            assertSame(resolver, sockets.findUdp(0x0A000001, resolver.localPort(), false));
        }

        @Test
        void aSocketJoinsOneSetOnce() {
            UdpSocket socket = new UdpSocket();
            sockets.add(socket);
            assertThrows(IllegalArgumentException.class, () -> sockets.add(socket));
            assertThrows(IllegalArgumentException.class, () -> new SocketSet().add(socket));
        }

        @Test
        void summariesSayWhatEachSocketIs() throws Exception {
            UdpSocket udp = new UdpSocket();
            SocketHandle<UdpSocket> handle = sockets.add(udp);
            udp.bind(6969);
            udp.sendTo(PEER, 7, new byte[5], 0, 5);
            IcmpSocket icmp = new IcmpSocket();
            sockets.add(icmp);

            List<SocketSummary> summaries = sockets.summaries();
            assertEquals(new SocketSummary(handle, SocketKind.UDP,
                    IpEndpoint.of(new Endpoint(0, 6969)), IpEndpoint.of(Endpoint.UNSPECIFIED), "bound", 0, 5),
                    summaries.get(0));
            assertEquals("unbound", summaries.get(1).state());
        }

        @Test
        void pollAtIsNowWhileASocketHasSomethingToSend() throws Exception {
            UdpSocket udp = new UdpSocket();
            sockets.add(udp);
            assertEquals(Micros.NEVER, sockets.pollAt(100));
            udp.bind(1);
            udp.sendTo(PEER, 7, new byte[1], 0, 1);
            assertEquals(100, sockets.pollAt(100));
        }
    }

    @Nested
    class Binding {
        @Test
        void portZeroChoosesAnEphemeralPortFromTheSeed() throws Exception {
            UdpSocket a = new UdpSocket();
            sockets.add(a);
            a.bind(0);
            SocketSet same = new SocketSet(7);
            UdpSocket b = new UdpSocket();
            same.add(b);
            b.bind(0);

            assertTrue(a.localPort() >= 49152 && a.localPort() <= 65535, "port " + a.localPort());
            assertEquals(a.localPort(), b.localPort(), "the same seed gives the same port");
        }

        @Test
        void anEphemeralPortSkipsPortsInUse() throws Exception {
            SocketSet probe = new SocketSet(7);
            UdpSocket first = new UdpSocket();
            probe.add(first);
            first.bind(0);
            int chosen = first.localPort();

            UdpSocket holder = new UdpSocket();
            sockets.add(holder);
            holder.bind(chosen);
            UdpSocket next = new UdpSocket();
            sockets.add(next);
            next.bind(0);

            assertEquals(chosen == 65535 ? 49152 : chosen + 1, next.localPort());
        }

        @Test
        void aPortHeldByAnotherSocketIsRefused() throws Exception {
            UdpSocket a = new UdpSocket();
            UdpSocket b = new UdpSocket();
            sockets.add(a);
            sockets.add(b);
            a.bind(6969);

            SocketException.Bind e = assertThrows(SocketException.Bind.class, () -> b.bind(6969));
            assertEquals(BindError.IN_USE, e.error());
            SocketException.Bind specific = assertThrows(SocketException.Bind.class,
                    () -> b.bind(new Endpoint(Ipv4Address.parse("192.168.69.1").bits(), 6969)));
            assertEquals(BindError.IN_USE, specific.error(), "every address includes that one");
        }

        @Test
        void twoAddressesMayShareAPort() throws Exception {
            UdpSocket a = new UdpSocket();
            UdpSocket b = new UdpSocket();
            sockets.add(a);
            sockets.add(b);
            a.bind(new Endpoint(Ipv4Address.parse("192.168.69.1").bits(), 53));
            b.bind(new Endpoint(Ipv4Address.parse("192.168.69.2").bits(), 53));

            assertSame(b, sockets.findUdp(Ipv4Address.parse("192.168.69.2").bits(), 53, false));
        }

        @Test
        void refusesASecondBindABadPortAndABroadcastAddress() throws Exception {
            UdpSocket a = new UdpSocket();
            sockets.add(a);
            assertEquals(BindError.UNADDRESSABLE, assertThrows(SocketException.Bind.class, () -> a.bind(70000)).error());
            assertEquals(BindError.UNADDRESSABLE,
                    assertThrows(SocketException.Bind.class, () -> a.bind(new Endpoint(-1, 5))).error());
            a.bind(5);
            assertEquals(BindError.ALREADY_BOUND, assertThrows(SocketException.Bind.class, () -> a.bind(6)).error());
            a.close();
            a.bind(6);
            assertEquals(6, a.localPort());
        }

        @Test
        void anEphemeralPortNeedsASet() {
            assertThrows(IllegalStateException.class, () -> new UdpSocket().bind(0));
        }

        @Test
        void addingASocketBoundToAPortInUseIsRefused() throws Exception {
            UdpSocket a = new UdpSocket();
            sockets.add(a);
            a.bind(6969);
            UdpSocket b = new UdpSocket();
            b.bind(6969);

            assertThrows(IllegalArgumentException.class, () -> sockets.add(b));
        }

        @Test
        void icmpIdentifiersAreUniqueAndCanBeChosen() throws Exception {
            IcmpSocket a = new IcmpSocket();
            IcmpSocket b = new IcmpSocket();
            sockets.add(a);
            sockets.add(b);
            int id = a.bindAny();
            assertEquals(BindError.IN_USE, assertThrows(SocketException.Bind.class, () -> b.bind(id)).error());
            assertEquals(new Endpoint(0, id), a.localEndpoint());
        }
    }

    @Nested
    class Udp {
        private final UdpSocket socket = new UdpSocket(2, 10, 2, 10);

        @Test
        void refusesToSendUnbound() {
            sockets.add(socket);
            assertEquals(SendError.UNBOUND, assertThrows(SocketException.Send.class,
                    () -> socket.sendTo(PEER, 7, new byte[1], 0, 1)).error());
        }

        @Test
        void refusesAnIncompleteDestination() throws Exception {
            sockets.add(socket);
            socket.bind(1);
            assertEquals(SendError.UNADDRESSABLE, assertThrows(SocketException.Send.class,
                    () -> socket.sendTo(0, 7, new byte[1], 0, 1)).error());
            assertEquals(SendError.UNADDRESSABLE, assertThrows(SocketException.Send.class,
                    () -> socket.sendTo(PEER, 0, new byte[1], 0, 1)).error());
        }

        @Test
        void refusesWhatCannotFitAndWhatDoesNotFitNow() throws Exception {
            sockets.add(socket);
            socket.bind(1);
            assertEquals(SendError.TOO_LARGE, assertThrows(SocketException.Send.class,
                    () -> socket.sendTo(PEER, 7, new byte[11], 0, 11)).error());
            assertEquals(SendError.TOO_LARGE, assertThrows(SocketException.Send.class,
                    () -> socket.sendTo(PEER, 7, new byte[65508], 0, 65508)).error());
            socket.sendTo(PEER, 7, new byte[6], 0, 6);
            assertFalse(socket.canSend(6));
            assertEquals(SendError.BUFFER_FULL, assertThrows(SocketException.Send.class,
                    () -> socket.sendTo(PEER, 7, new byte[6], 0, 6)).error());
            socket.sendTo(PEER, 7, new byte[4], 0, 4);
            assertEquals(SendError.BUFFER_FULL, assertThrows(SocketException.Send.class,
                    () -> socket.sendTo(PEER, 7, new byte[0], 0, 0)).error(), "two datagrams at most");
        }

        @Test
        void countsWhatAFullReceiveBufferDrops() throws Exception {
            sockets.add(socket);
            socket.bind(1);
            assertTrue(socket.deliver(PEER, 9, 1, new byte[8], 0, 8));
            assertFalse(socket.deliver(PEER, 9, 1, new byte[8], 0, 8));
            assertEquals(1, socket.recvDropped());

            byte[] into = new byte[4];
            assertEquals(4, socket.recv(into, 0, 4), "a longer datagram is cut to the array, as recvfrom does");
            assertEquals(PEER, socket.lastRemoteAddress());
            assertEquals(9, socket.lastRemotePort());
            assertEquals(RecvError.EXHAUSTED, assertThrows(SocketException.Recv.class, socket::recvFrom).error());
        }

        @Test
        void aZeroLengthDatagramIsADatagram() throws Exception {
            sockets.add(socket);
            socket.bind(1);
            socket.deliver(PEER, 9, 1, new byte[0], 0, 0);

            assertTrue(socket.canRecv());
            assertArrayEquals(new byte[0], socket.recvFrom().data());
        }

        @Test
        void aTtlOfZeroIsRefused() {
            assertThrows(IllegalArgumentException.class, () -> socket.setTtl(0));
            assertEquals(64, socket.ttl());
        }
    }

    @Test
    void endpointsParseAndPrint() {
        Endpoint endpoint = Endpoint.parse("192.168.69.1:6969");
        assertEquals("192.168.69.1:6969", endpoint.toString());
        assertEquals(Ipv4Address.parse("192.168.69.1").bits(), endpoint.address());
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("192.168.69.1"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("192.168.69.1:70000"));
        assertThrows(IllegalArgumentException.class, () -> new Endpoint(0, -1));
    }
}

package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.SocketSummary;
import dev.jnetlab.stack.socket.tcp.ConnectError;
import dev.jnetlab.stack.socket.tcp.IsnGenerator;
import dev.jnetlab.stack.socket.tcp.IsnSource;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TCP connections and listeners in a socket set, without an interface. */
class TcpSocketSetTest {
    private static final int LOCAL = Ipv4Address.parse("192.168.69.1").bits();
    private static final int OTHER_LOCAL = Ipv4Address.parse("192.168.69.7").bits();
    private static final int PEER = Ipv4Address.parse("192.168.69.100").bits();
    private static final int OTHER_PEER = Ipv4Address.parse("192.168.69.101").bits();

    private final SocketSet sockets = new SocketSet(7);

    private SocketHandle<TcpListener> listener(int address, int port) {
        return sockets.add(new TcpListener(new Endpoint(address, port), 4, () -> new TcpSocket(1024, 1024)));
    }

    private static TcpRepr segment(int from, int to) {
        return new TcpRepr().sourcePort(from).destinationPort(to).flags(TcpFlags.ACK);
    }

    @Nested
    class Membership {
        @Test
        void connectionsAndListenersAreSocketsOfTheirKinds() {
            SocketHandle<TcpSocket> connection = sockets.add(new TcpSocket(1024, 1024));
            SocketHandle<TcpListener> listener = listener(0, 80);

            assertEquals("tcp#1", connection.toString());
            assertEquals(SocketKind.TCP, connection.kind());
            assertEquals("tcp#2", listener.toString());
            assertEquals(SocketKind.TCP_LISTENER, listener.kind());
            List<SocketSummary> summaries = sockets.summaries();
            assertEquals("CLOSED", summaries.get(0).state());
            assertEquals("LISTEN", summaries.get(1).state());
            assertEquals(IpEndpoint.of(new Endpoint(0, 80)), summaries.get(1).local());
            assertEquals(IpEndpoint.of(Endpoint.UNSPECIFIED), summaries.get(1).remote());
            assertEquals(2, sockets.tcpHandlerCount());
            assertSame(sockets.get(connection), sockets.tcpHandlerAt(0), "connections first");
            assertSame(sockets.get(listener), sockets.tcpHandlerAt(1));
            assertEquals(Optional.of(listener), sockets.handleOf(sockets.get(listener)));
        }

        @Test
        void leaveTheHandlerListWhenRemoved() {
            SocketHandle<TcpSocket> connection = sockets.add(new TcpSocket(1024, 1024));
            SocketHandle<TcpListener> listener = listener(0, 80);

            assertTrue(sockets.remove(connection));
            assertEquals(1, sockets.tcpHandlerCount());
            assertTrue(sockets.remove(listener));
            assertEquals(0, sockets.tcpHandlerCount());
            assertEquals(Optional.empty(), sockets.handleOf(new TcpSocket(8, 8)));
        }

        @Test
        void twoListenersCannotShareAPortUnlessBothNameDifferentAddresses() {
            listener(0, 80);
            assertThrows(IllegalArgumentException.class, () -> listener(LOCAL, 80));
            listener(LOCAL, 81);
            listener(OTHER_LOCAL, 81);
            assertThrows(IllegalArgumentException.class, () -> listener(0, 81));
        }

        @Test
        void giveTheirSocketsTheLinkMtuAnIsnSourceAndTheEventListener() throws TcpException {
            TcpSocket plain = new TcpSocket(1024, 1024);
            TcpSocket own = new TcpSocket(1024, 1024).setIsnSource((now, la, lp, ra, rp) -> 12345);
            sockets.add(plain);
            sockets.add(own);
            TcpListener listener = sockets.get(listener(0, 80));
            sockets.setLinkMtu(1280);

            assertTrue(plain.hasIsnSource());
            assertEquals(1280, plain.mtu());
            assertEquals(1280, listener.mtu());
            own.connect(0, new Endpoint(LOCAL, 5000), new Endpoint(PEER, 80));
            assertEquals(12345, own.controlBlock(0).iss(), "a socket's own ISN source stays");

            sockets.setLinkMtu(68);
            assertEquals(TcpSocket.HEADERS_LENGTH + TcpSocket.MIN_PEER_MSS, plain.mtu(), "TCP needs room for headers and an MSS");
        }

        @Test
        void takeTheInterfacesIsnGeneratorWholeSoThatIpv6IsnsHashEveryAddressBit() {
            IsnSource source = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:01"),
                    Ipv4Cidr.parse("192.168.69.1/24"))).isnSource();
            assertInstanceOf(IsnGenerator.class, source, "not a method reference, which would fold IPv6 addresses");
        }

        @Test
        void tellTheSetsListenerOfStateChanges() throws TcpException {
            List<String> events = new ArrayList<>();
            sockets.setTcpEventListener((now, socket, from, to) -> events.add(sockets.handleOf(socket).orElseThrow()
                    + " " + from + " -> " + to));
            SocketHandle<TcpSocket> handle = sockets.add(new TcpSocket(1024, 1024));

            sockets.connect(0, handle, new Endpoint(LOCAL, 0), new Endpoint(PEER, 80));
            sockets.get(handle).abort();

            assertEquals(List.of("tcp#1 CLOSED -> SYN-SENT", "tcp#1 SYN-SENT -> CLOSED"), events);
        }
    }

    @Nested
    class Connecting {
        @Test
        void takesAnEphemeralPortFromTheSeed() throws TcpException {
            int first = connectFrom(new SocketSet(99));
            int again = connectFrom(new SocketSet(99));

            assertEquals(first, again, "the same seed, the same port");
            assertTrue(first >= SocketSet.EPHEMERAL_FIRST && first <= SocketSet.EPHEMERAL_LAST, "port " + first);
        }

        private int connectFrom(SocketSet set) throws TcpException {
            SocketHandle<TcpSocket> handle = set.add(new TcpSocket(1024, 1024));
            set.connect(0, handle, new Endpoint(LOCAL, 0), new Endpoint(PEER, 80));
            TcpSocket socket = set.get(handle);
            assertEquals(TcpState.SYN_SENT, socket.state());
            return socket.localPort();
        }

        @Test
        void needsALocalAddressAndARemoteEndpoint() {
            SocketHandle<TcpSocket> handle = sockets.add(new TcpSocket(1024, 1024));

            assertEquals(ConnectError.UNADDRESSABLE, assertThrows(TcpException.Connect.class,
                    () -> sockets.connect(0, handle, new Endpoint(0, 0), new Endpoint(PEER, 80))).error());
            assertEquals(ConnectError.UNADDRESSABLE, assertThrows(TcpException.Connect.class,
                    () -> sockets.connect(0, handle, new Endpoint(LOCAL, 0), new Endpoint(PEER, 0))).error());
        }

        @Test
        void refusesAPortAListenerHoldsOrAFourTupleInUse() throws TcpException {
            listener(0, 80);
            SocketHandle<TcpSocket> first = sockets.add(new TcpSocket(1024, 1024));
            SocketHandle<TcpSocket> second = sockets.add(new TcpSocket(1024, 1024));

            assertEquals(ConnectError.ADDRESS_IN_USE, assertThrows(TcpException.Connect.class,
                    () -> sockets.connect(0, first, new Endpoint(LOCAL, 80), new Endpoint(PEER, 80))).error());
            sockets.connect(0, first, new Endpoint(LOCAL, 5000), new Endpoint(PEER, 80));
            assertEquals(ConnectError.ADDRESS_IN_USE, assertThrows(TcpException.Connect.class,
                    () -> sockets.connect(0, second, new Endpoint(LOCAL, 5000), new Endpoint(PEER, 80))).error());
            sockets.connect(0, second, new Endpoint(LOCAL, 5000), new Endpoint(PEER, 81));
        }

        @Test
        void anEphemeralPortAvoidsListenersAndConnections() throws TcpException {
            int drawn = new SocketSet(7).ephemeralPort(SocketKind.TCP);
            listener(0, drawn);

            int next = drawn == SocketSet.EPHEMERAL_LAST ? SocketSet.EPHEMERAL_FIRST : drawn + 1;
            assertEquals(next, sockets.ephemeralPort(SocketKind.TCP), "the same draw, then the next free port");
            SocketSet other = new SocketSet(7);
            SocketHandle<TcpSocket> connection = other.add(new TcpSocket(8, 8));
            other.connect(0, connection, new Endpoint(LOCAL, drawn), new Endpoint(PEER, 80));
            assertEquals(next, other.ephemeralPort(SocketKind.TCP));
        }
    }

    @Nested
    class FindingTheHandlerOfASegment {
        @Test
        void prefersTheConnectionThenAListenerThenAListeningSocket() throws TcpException {
            TcpListener listener = sockets.get(listener(0, 80));
            TcpSocket connection = sockets.get(sockets.add(new TcpSocket(1024, 1024)));
            connection.connect(0, new Endpoint(LOCAL, 80), new Endpoint(PEER, 4000)); // as an accepted one would be
            TcpSocket listening = sockets.get(sockets.add(new TcpSocket(1024, 1024)));
            listening.listen(new Endpoint(0, 81));

            assertSame(connection, sockets.findTcp(LOCAL, PEER, segment(4000, 80)));
            assertSame(listener, sockets.findTcp(LOCAL, OTHER_PEER, segment(4000, 80)));
            assertSame(listener, sockets.findTcp(LOCAL, PEER, segment(4001, 80)));
            assertSame(listening, sockets.findTcp(LOCAL, PEER, segment(4000, 81)));
            assertNull(sockets.findTcp(LOCAL, PEER, segment(4000, 82)));
        }

        /** {@code n} connections from PEER's ports 10000 on to LOCAL:80, each made directly on a socket of the set. */
        private List<TcpSocket> connections(int n) throws TcpException {
            List<TcpSocket> made = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                TcpSocket socket = sockets.get(sockets.add(new TcpSocket(64, 64)));
                socket.connect(0, new Endpoint(LOCAL, 80), new Endpoint(PEER, 10000 + i));
                made.add(socket);
            }
            return made;
        }

        /** How many sockets the search for {@code segment}'s handler asks. */
        private long examinedFor(int remote, TcpRepr segment) {
            long before = sockets.tcpSocketsExamined();
            sockets.findTcp(LOCAL, remote, segment);
            return sockets.tcpSocketsExamined() - before;
        }

        @Test
        void findsAConnectionAmongTenThousandByAskingOne() throws TcpException {
            List<TcpSocket> made = connections(10_000);

            for (int i : new int[] {0, 4321, 9999}) {
                assertEquals(1, examinedFor(PEER, segment(10000 + i, 80)), "a hash and the one socket, however many");
                assertSame(made.get(i), sockets.findTcp(LOCAL, PEER, segment(10000 + i, 80)));
            }
        }

        @Test
        void aSegmentForNoConnectionAsksTheListenersOnlyNotTheConnections() throws TcpException {
            listener(0, 80);
            long few = examinedFor(OTHER_PEER, segment(4000, 80));
            connections(10_000);

            assertEquals(few, examinedFor(OTHER_PEER, segment(4000, 80)), "a SYN to a listener costs the same with 10,000 idle connections");
            assertEquals(few, examinedFor(OTHER_PEER, segment(4000, 99)), "and so does one that gets a reset");
        }

        @Test
        void followsAConnectionThroughCloseAndAnotherConnect() throws TcpException {
            TcpSocket socket = connections(1).get(0);
            socket.abort();
            sockets.tcpHandlerAt(0).dispatch(0, new TcpRepr()); // the abort's reset goes; the socket is CLOSED
            assertEquals(TcpState.CLOSED, socket.state());
            assertNull(sockets.findTcp(LOCAL, PEER, segment(10000, 80)), "gone from its old four numbers");

            socket.connect(0, new Endpoint(LOCAL, 81), new Endpoint(OTHER_PEER, 5000));

            assertSame(socket, sockets.findTcp(LOCAL, OTHER_PEER, segment(5000, 81)), "found under its new ones");
            assertEquals(1, examinedFor(OTHER_PEER, segment(5000, 81)));
        }

        @Test
        void stillFindsASocketWhoseStateChangesItCannotHear() throws TcpException {
            TcpSocket own = new TcpSocket(64, 64);
            own.setEventListener((now, socket, from, to) -> { });
            sockets.add(own);
            own.connect(0, new Endpoint(LOCAL, 80), new Endpoint(PEER, 4000));

            assertSame(own, sockets.findTcp(LOCAL, PEER, segment(4000, 80)));
        }

        @Test
        void forgetsARemovedConnection() throws TcpException {
            TcpSocket socket = sockets.get(sockets.add(new TcpSocket(64, 64)));
            SocketHandle<?> handle = sockets.handleOf(socket).orElseThrow();
            socket.connect(0, new Endpoint(LOCAL, 80), new Endpoint(PEER, 4000));

            sockets.remove(handle);

            assertNull(sockets.findTcp(LOCAL, PEER, segment(4000, 80)));
            assertEquals(0, sockets.indexedTcpConnections());
        }

        /** The set keeps nothing of a socket it no longer holds, so the socket and its buffers can go. */
        @Test
        void keepsNoReferenceToARemovedSocket() throws TcpException, InterruptedException {
            TcpSocket socket = new TcpSocket(64, 64);
            java.lang.ref.WeakReference<TcpSocket> gone = new java.lang.ref.WeakReference<>(socket);
            SocketHandle<TcpSocket> handle = sockets.add(socket);
            socket.connect(0, new Endpoint(LOCAL, 80), new Endpoint(PEER, 4000));
            socket = null;

            sockets.remove(handle);

            for (int i = 0; i < 50 && gone.get() != null; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertNull(gone.get(), "still reachable from the set");
        }

        @Test
        void acceptFromAnEmptyBacklogGivesNothing() {
            SocketHandle<TcpListener> handle = listener(0, 80);

            assertEquals(Optional.empty(), sockets.accept(handle));
            assertEquals(1, sockets.size());
            assertFalse(sockets.get(handle).readyCount() > 0);
        }
    }
}

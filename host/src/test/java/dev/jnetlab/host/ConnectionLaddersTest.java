package dev.jnetlab.host;

import static dev.jnetlab.host.testing.TestFrames.PEER;
import static dev.jnetlab.host.testing.TestFrames.STACK;
import static dev.jnetlab.host.testing.TestFrames.STACK6;
import static dev.jnetlab.host.testing.TestFrames.PEER6;
import static dev.jnetlab.host.testing.TestFrames.tcp6;
import static dev.jnetlab.host.testing.TestFrames.tcp;
import static dev.jnetlab.host.testing.TestFrames.udp;
import static dev.jnetlab.stack.wire.TcpFlags.ACK;
import static dev.jnetlab.stack.wire.TcpFlags.PSH;
import static dev.jnetlab.stack.wire.TcpFlags.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.ladder.Ladder;
import dev.jnetlab.host.ladder.LadderRenderer;
import dev.jnetlab.host.ladder.LadderSegment;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FrameMonitor;
import dev.jnetlab.stack.phy.VirtualWire;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.iface.SocketSet;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's connection ladders, fed frames by hand: what is followed, from when, and the bounds. */
class ConnectionLaddersTest {
    private static final IpEndpoint LOCAL = new IpEndpoint(STACK, 49152);
    private static final IpEndpoint ECHO = new IpEndpoint(PEER, 7);
    private static final IpEndpoint ANY_8080 = new IpEndpoint(Ipv4Address.of(0), 8080);

    private final SocketSet sockets = new SocketSet();
    private final FrameMonitor monitor = new FrameMonitor(new VirtualWire().a());
    private final ConnectionLadders ladders = new ConnectionLadders(monitor, 3);
    private final SocketHandle<TcpSocket> connection = sockets.add(new TcpSocket(1024, 1024));

    private void frame(long now, Direction direction, byte[] frame) {
        ladders.frame(now, direction, frame, 0, frame.length);
    }

    private void fromStack(long now, int port, IpEndpoint to, int flags, long seq, long ack, int payload) {
        frame(now, Direction.TX, tcp(STACK, port, PEER, to.port(), flags, seq, ack, 1000, payload));
    }

    private void fromPeer(long now, IpEndpoint from, int port, int flags, long seq, long ack, int payload) {
        frame(now, Direction.RX, tcp(PEER, from.port(), STACK, port, flags, seq, ack, 1000, payload));
    }

    private List<LadderSegment> segments(SocketHandle<?> handle) {
        return ladders.ladder(handle).orElseThrow().segments();
    }

    private SocketHandle<TcpListener> listener8080() {
        SocketHandle<TcpListener> listener = sockets.add(new TcpListener(ANY_8080.toIpv4(), 4, () -> new TcpSocket(64, 64)));
        ladders.listen(listener, ANY_8080);
        return listener;
    }

    @Test
    void followsNothingAtFirstAndLeavesTheMonitorAlone() {
        assertEquals(0, ladders.size());
        assertFalse(monitor.isMonitoring());
        assertTrue(ladders.ladder(connection).isEmpty());
    }

    @Test
    void aFollowedConnectionHasALadderFromItsFirstSegmentAndListensToTheMonitor() {
        ladders.follow(connection, LOCAL, ECHO);
        assertTrue(monitor.isListening(ladders));
        Ladder ladder = ladders.ladder(connection).orElseThrow();
        assertEquals(List.of(), ladder.segments());
        assertEquals(LOCAL, ladder.local());
        assertEquals(ECHO, ladder.remote());
    }

    @Test
    void keepsTheSegmentsOfItsConnectionsAndNothingElse() {
        ladders.follow(connection, LOCAL, ECHO);
        fromStack(0, 49152, ECHO, SYN, 100, 0, 0);
        frame(100, Direction.TX, udp(STACK, 49152, PEER, 7, 4));
        fromStack(200, 49153, ECHO, SYN, 500, 0, 0);
        fromPeer(500, ECHO, 49152, SYN | ACK, 900, 101, 0);
        assertEquals(List.of(Direction.TX, Direction.RX), segments(connection).stream().map(LadderSegment::direction).toList());
        assertEquals(List.of(0L, 500L), segments(connection).stream().map(LadderSegment::time).toList());
    }

    @Test
    void keepsItsLimitOfSegmentsAndCountsTheRestAsOmitted() {
        ladders.follow(connection, LOCAL, ECHO);
        fromStack(0, 49152, ECHO, SYN, 100, 0, 0);
        fromPeer(500, ECHO, 49152, SYN | ACK, 900, 101, 0);
        fromStack(500, 49152, ECHO, ACK, 101, 901, 0);
        fromStack(600, 49152, ECHO, PSH | ACK, 101, 901, 10);
        fromPeer(1100, ECHO, 49152, PSH | ACK, 901, 111, 10);
        Ladder ladder = ladders.ladder(connection).orElseThrow();
        assertEquals(3, ladder.segments().size());
        assertEquals(2, ladder.omitted());
        assertTrue(LadderRenderer.render(ladder, LadderRenderer.Numbering.RELATIVE)
                .endsWith("\n... and 2 more segments, not kept\n"));
    }

    @Test
    void aConnectionArrivingAtAListenedPortIsRecordedFromItsSynAndHandedToItsHandle() {
        listener8080();
        IpEndpoint client = new IpEndpoint(PEER, 40000);
        fromPeer(0, client, 8080, SYN, 300, 0, 0);
        fromStack(0, 8080, client, SYN | ACK, 700, 301, 0);
        assertEquals(1, ladders.size(), "pending");
        SocketHandle<TcpSocket> accepted = sockets.add(new TcpSocket(64, 64));
        ladders.follow(accepted, new IpEndpoint(STACK, 8080), client);
        fromPeer(500, client, 8080, ACK, 301, 701, 0);
        assertEquals(List.of(Direction.RX, Direction.TX, Direction.RX),
                segments(accepted).stream().map(LadderSegment::direction).toList());
        assertEquals(1, ladders.size());
    }

    @Test
    void followsAConnectionOverIpv6AndNotItsIpv4Namesake() {
        IpEndpoint local6 = new IpEndpoint(STACK6, 49152);
        IpEndpoint echo6 = new IpEndpoint(PEER6, 7);
        ladders.follow(connection, local6, echo6);
        frame(0, Direction.TX, tcp6(STACK6, 49152, PEER6, 7, SYN, 100, 0, 1000, 0));
        fromStack(100, 49152, ECHO, SYN, 100, 0, 0);
        frame(500, Direction.RX, tcp6(PEER6, 7, STACK6, 49152, SYN | ACK, 900, 101, 1000, 0));
        Ladder ladder = ladders.ladder(connection).orElseThrow();
        assertEquals(local6, ladder.local());
        assertEquals(echo6, ladder.remote());
        assertEquals(List.of(0L, 500L), ladder.segments().stream().map(LadderSegment::time).toList());
    }

    @Test
    void aListenerOnEveryAddressRecordsAConnectionArrivingOverIpv6() {
        listener8080();
        IpEndpoint client = new IpEndpoint(PEER6, 40000);
        frame(0, Direction.RX, tcp6(PEER6, 40000, STACK6, 8080, SYN, 300, 0, 1000, 0));
        frame(0, Direction.TX, tcp6(STACK6, 8080, PEER6, 40000, SYN | ACK, 700, 301, 1000, 0));
        assertEquals(1, ladders.size(), "pending");
        SocketHandle<TcpSocket> accepted = sockets.add(new TcpSocket(64, 64));
        ladders.follow(accepted, new IpEndpoint(STACK6, 8080), client);
        frame(500, Direction.RX, tcp6(PEER6, 40000, STACK6, 8080, ACK, 301, 701, 1000, 0));
        assertEquals(List.of(Direction.RX, Direction.TX, Direction.RX),
                segments(accepted).stream().map(LadderSegment::direction).toList());
    }

    @Test
    void aListenerOnAnIpv4AddressRecordsNoConnectionOverIpv6() {
        SocketHandle<TcpListener> listener = sockets.add(
                new TcpListener(new IpEndpoint(STACK, 8080).toIpv4(), 4, () -> new TcpSocket(64, 64)));
        ladders.listen(listener, new IpEndpoint(STACK, 8080));
        frame(0, Direction.RX, tcp6(PEER6, 40000, STACK6, 8080, SYN, 300, 0, 1000, 0));
        assertEquals(0, ladders.size());
        fromPeer(0, new IpEndpoint(PEER, 40000), 8080, SYN, 300, 0, 0);
        assertEquals(1, ladders.size());
    }

    @Test
    void onlyASynArrivingAtAListenedPortStartsARecording() {
        listener8080();
        IpEndpoint client = new IpEndpoint(PEER, 40000);
        fromPeer(0, client, 8080, ACK, 300, 1, 0);
        fromPeer(0, client, 8081, SYN, 300, 0, 0);
        fromStack(0, 8080, client, SYN, 300, 0, 0);
        assertEquals(0, ladders.size());
    }

    @Test
    void pendingConnectionsAreBoundedTheOldestForgotten() {
        listener8080();
        for (int i = 0; i <= ConnectionLadders.MAX_PENDING; i++) {
            fromPeer(i, new IpEndpoint(PEER, 40000 + i), 8080, SYN, 300, 0, 0);
        }
        assertEquals(ConnectionLadders.MAX_PENDING, ladders.size());
        SocketHandle<TcpSocket> first = sockets.add(new TcpSocket(64, 64));
        ladders.follow(first, new IpEndpoint(STACK, 8080), new IpEndpoint(PEER, 40000));
        assertEquals(List.of(), segments(first), "its SYN was forgotten with it");
        SocketHandle<TcpSocket> second = sockets.add(new TcpSocket(64, 64));
        ladders.follow(second, new IpEndpoint(STACK, 8080), new IpEndpoint(PEER, 40001));
        assertEquals(1, segments(second).size());
    }

    @Test
    void followedConnectionsAreBoundedTheOldestForgotten() {
        ladders.follow(connection, LOCAL, ECHO);
        SocketHandle<TcpSocket> second = null;
        for (int i = 1; i <= ConnectionLadders.MAX_CONNECTIONS; i++) {
            SocketHandle<TcpSocket> handle = sockets.add(new TcpSocket(64, 64));
            ladders.follow(handle, new IpEndpoint(STACK, 49152 + i), ECHO);
            second = second == null ? handle : second;
        }
        assertEquals(ConnectionLadders.MAX_CONNECTIONS, ladders.size());
        assertTrue(ladders.ladder(connection).isEmpty());
        assertTrue(ladders.ladder(second).isPresent());
    }

    @Test
    void keepsTheLadderOfAClosedConnectionAndThenLetsTheMonitorPassFramesStraightThrough() {
        SocketHandle<TcpListener> listener = listener8080();
        ladders.follow(connection, LOCAL, ECHO);
        fromPeer(0, new IpEndpoint(PEER, 40000), 8080, SYN, 300, 0, 0);
        assertEquals(2, ladders.size());
        sockets.remove(connection);
        ladders.forgetGone(sockets);
        assertTrue(ladders.ladder(connection).isPresent(), "a closed connection's ladder stays");
        assertEquals(java.util.Optional.of(connection), ladders.closed(connection.id()));
        assertEquals(2, ladders.size(), "and the listener's pending connection");
        assertTrue(monitor.isListening(ladders));
        sockets.remove(listener);
        ladders.forgetGone(sockets);
        assertEquals(1, ladders.size(), "only the closed connection's ladder is left");
        assertFalse(monitor.isMonitoring(), "nothing live to follow: frames pass straight through");
        fromPeer(1, new IpEndpoint(PEER, 40001), 8080, SYN, 300, 0, 0);
        assertEquals(1, ladders.size(), "the port is listened to no more: only the closed connection's ladder");
    }

    @Test
    void samplesEachSegmentForThePlotsWithTheCongestionStateOfTheConnectionsSocket() {
        ConnectionLadders sampling = new ConnectionLadders(monitor, 3, sockets);
        sampling.follow(connection, LOCAL, ECHO);
        sampling.frame(0, Direction.TX, tcp(STACK, 49152, PEER, 7, SYN, 100, 0, 1000, 0), 0, 54);
        sampling.frame(1, Direction.RX, tcp(PEER, 7, STACK, 49152, SYN | ACK, 300, 101, 1000, 0), 0, 54);
        var samples = sampling.samples(connection).orElseThrow();
        assertEquals(2, samples.size());
        assertEquals(101, samples.get(1).ack());
        TcpSocket socket = sockets.get(connection);
        assertEquals(socket.congestionControl().window(), samples.get(0).congestion().orElseThrow().cwnd());
        assertEquals(List.of(connection), sampling.handles());
        assertTrue(ladders.samples(connection).isEmpty(), "not followed there: no samples");
    }
}

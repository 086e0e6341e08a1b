package dev.jnetlab.host;

import dev.jnetlab.host.ladder.ConnectionTuple;
import dev.jnetlab.host.ladder.Ladder;
import dev.jnetlab.host.ladder.LadderRecorder;
import dev.jnetlab.host.ladder.TcpFrame;
import dev.jnetlab.host.plot.Sample;
import dev.jnetlab.host.plot.SampleRing;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FaultEvent;
import dev.jnetlab.stack.phy.FaultListener;
import dev.jnetlab.stack.phy.FrameMonitor;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.iface.SocketSet;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.wire.IpAddress;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The segments of the console's own TCP connections, one {@link LadderRecorder} each, for
 * {@code tcp ladder H}: a listener on the link's {@link FrameMonitor}, on it only while it
 * has a connection or a listener to follow, so that traffic costs nothing when there is none.
 *
 * <ul>
 *   <li>{@code tcp connect} follows its socket's 4-tuple as soon as the socket is connected,
 *       before the poll that sends the SYN, so the ladder starts with it.</li>
 *   <li>{@code tcp listen} has its port {@linkplain #listen listened to}: a SYN arriving for it
 *       starts a pending recorder for the new 4-tuple, before the stack answers it, and the
 *       connection the listener then hands over is {@linkplain #follow followed} with that
 *       recorder, its handshake included. At most {@value #MAX_PENDING} connections are pending
 *       (the oldest is forgotten: a SYN flood costs a bounded amount).</li>
 *   <li>Each recorder keeps {@link #segmentLimit()} segments and counts the rest as omitted; at
 *       most {@value #MAX_CONNECTIONS} connections are followed, the oldest forgotten first.</li>
 *   <li>{@link #forgetGone} (every poll) notes the connections whose socket has left the set:
 *       their ladders stay, so that a closed connection (a passive close, whose socket goes at
 *       its last ACK) can still be drawn, among the {@value #MAX_CONNECTIONS} kept, the oldest
 *       forgotten first; it forgets the listeners that are gone.</li>
 *   <li>As a {@link FaultListener} of the link's injector, it hears of each segment the link
 *       dropped: a sent one (seen going out) is marked lost, a received one (which never reached
 *       the monitor) is added, lost.</li>
 *   <li>Beside each ladder, a {@link SampleRing} of as many segments (the newest kept) with this
 *       end's congestion state read from its socket as the segment passes, for {@code tcp plot}:
 *       primitive arrays allocated when the connection is first followed, nothing per frame.</li>
 * </ul>
 *
 * <p>Per frame: a few header reads, and a comparison with each followed 4-tuple; a segment of
 * a followed connection is one small record until its recorder is full, nothing after.
 * Belongs to the stack's thread, like the monitor.
 */
public final class ConnectionLadders implements FrameMonitor.Listener, FaultListener {
    /** Connections followed at once; a new one makes the oldest forgotten. */
    public static final int MAX_CONNECTIONS = 64;
    /** Connections seen arriving at a listened port and not yet handed over by their listener. */
    public static final int MAX_PENDING = 16;


    /** One connection: its ends as numbers, to compare frames without making endpoints. */
    private static final class Followed {
        /** Null while pending: seen arriving at {@link #listener}'s port, not handed over yet. */
        SocketHandle<TcpSocket> handle;
        /** Whether its socket has left the set: the ladder is kept, no frame is matched to it any more. */
        boolean gone;
        final SocketHandle<TcpListener> listener;
        final ConnectionTuple tuple;
        final LadderRecorder recorder;
        final SampleRing samples;

        Followed(SocketHandle<TcpSocket> handle, SocketHandle<TcpListener> listener, ConnectionTuple tuple, int limit) {
            this.handle = handle;
            this.listener = listener;
            this.tuple = tuple;
            this.recorder = LadderRecorder.of(tuple.local(), tuple.remote(), limit);
            this.samples = new SampleRing(limit);
        }

        boolean isPending() {
            return handle == null;
        }

        boolean carries(TcpFrame frame) {
            return tuple.way(frame) != null;
        }

        boolean carries(IpEndpoint local, IpEndpoint remote) {
            return tuple.local().equals(local) && tuple.remote().equals(remote);
        }
    }

    /**
     * A listener whose new connections are recorded from their first SYN: one on every address
     * takes both families, as the listener does; one on an address, that address only.
     */
    private record Listened(SocketHandle<TcpListener> handle, IpEndpoint local) {
        boolean accepts(TcpFrame frame) {
            IpAddress address = local.address();
            return frame.tcp().dstPort() == local.port() && (address.isUnspecified()
                    || frame.isIpv6() == address instanceof Ipv6Address
                    && frame.destinationHigh() == ConnectionTuple.high(address)
                    && frame.destinationLow() == ConnectionTuple.low(address));
        }
    }

    private final FrameMonitor monitor;
    /** Where the followed connections' sockets are read for the plots' samples; null: samples without them. */
    private final SocketSet sockets;
    private final int segmentLimit;
    private final TcpFrame segment = new TcpFrame();
    /** Oldest first. */
    private final List<Followed> connections = new ArrayList<>();
    private final List<Listened> listeners = new ArrayList<>();

    /** Ladders of {@link LadderRecorder#DEFAULT_LIMIT} segments each, fed by {@code monitor}. */
    public ConnectionLadders(FrameMonitor monitor) {
        this(monitor, LadderRecorder.DEFAULT_LIMIT);
    }

    /**
     * Ladders of {@link LadderRecorder#DEFAULT_LIMIT} segments each, fed by {@code monitor}, whose
     * plots' samples read each followed connection's socket in {@code sockets}.
     */
    public ConnectionLadders(FrameMonitor monitor, SocketSet sockets) {
        this(monitor, LadderRecorder.DEFAULT_LIMIT, sockets);
    }

    /** Ladders of {@code segmentLimit} segments each (at least one), fed by {@code monitor}. */
    public ConnectionLadders(FrameMonitor monitor, int segmentLimit) {
        this(monitor, segmentLimit, null);
    }

    /** Ladders of {@code segmentLimit} segments each, their samples reading the sockets in {@code sockets} (or none). */
    public ConnectionLadders(FrameMonitor monitor, int segmentLimit, SocketSet sockets) {
        if (segmentLimit < 1) {
            throw new IllegalArgumentException("a ladder keeps at least one segment, not " + segmentLimit);
        }
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.segmentLimit = segmentLimit;
        this.sockets = sockets;
    }

    /** Segments kept per connection; later ones are counted as omitted. */
    public int segmentLimit() {
        return segmentLimit;
    }

    /**
     * Follows the connection of {@code handle} between {@code local} (this host) and
     * {@code remote}: with the recorder of its first segments if they arrived at a listened port,
     * from its next segment otherwise. Call it before the connection sends anything of its own.
     */
    public void follow(SocketHandle<TcpSocket> handle, IpEndpoint local, IpEndpoint remote) {
        Objects.requireNonNull(handle, "handle");
        connections.removeIf(c -> handle.equals(c.handle));
        for (int i = connections.size() - 1; i >= 0; i--) {
            Followed c = connections.get(i);
            if (c.isPending() && c.carries(local, remote)) {
                connections.remove(i);
                c.handle = handle;
                add(c);
                return;
            }
        }
        add(new Followed(handle, null, new ConnectionTuple(local, remote), segmentLimit));
    }

    /**
     * Follows {@code socket}'s connection, over IPv4 or IPv6 (see
     * {@link #follow(SocketHandle, IpEndpoint, IpEndpoint)}) and asks the socket why it sends each
     * segment, so that the ladder marks tail loss probes and RACK's retransmissions; it stops
     * asking when the socket leaves the set.
     */
    public void follow(SocketHandle<TcpSocket> handle, TcpSocket socket) {
        follow(handle, socket.local(), socket.remote());
        connections.get(connections.size() - 1).recorder.explainedBy(socket);
    }

    /** Records every connection that arrives at {@code local} (address 0: any of this host's) until {@code listener} goes. */
    public void listen(SocketHandle<TcpListener> listener, IpEndpoint local) {
        Objects.requireNonNull(listener, "listener");
        listeners.removeIf(l -> l.handle().equals(listener));
        listeners.add(new Listened(listener, local));
        startListening();
    }

    /** The ladder of {@code handle}'s connection so far (maybe no segment yet); empty if it is not followed. */
    public Optional<Ladder> ladder(SocketHandle<?> handle) {
        for (Followed c : connections) {
            if (handle.equals(c.handle)) {
                return c.recorder.ladder();
            }
        }
        return Optional.empty();
    }

    /** The plots' samples of {@code handle}'s connection so far, oldest first; empty if it is not followed. */
    public Optional<List<Sample>> samples(SocketHandle<?> handle) {
        for (Followed c : connections) {
            if (handle.equals(c.handle)) {
                return Optional.of(c.samples.samples());
            }
        }
        return Optional.empty();
    }

    /** The connections followed now and kept after closing, handed over ones only, oldest first. */
    public List<SocketHandle<TcpSocket>> handles() {
        List<SocketHandle<TcpSocket>> out = new ArrayList<>();
        for (Followed c : connections) {
            if (!c.isPending()) {
                out.add(c.handle);
            }
        }
        return out;
    }

    /** The handle numbered {@code id} of a connection kept after its socket closed, if any. */
    public Optional<SocketHandle<TcpSocket>> closed(int id) {
        for (Followed c : connections) {
            if (c.gone && c.handle.id() == id) {
                return Optional.of(c.handle);
            }
        }
        return Optional.empty();
    }

    /** Connections followed now, pending ones included. */
    public int size() {
        return connections.size();
    }

    /**
     * Forgets the connections and listeners whose socket is no longer in {@code sockets}, and
     * the pending connections of listeners that are gone; stops listening to the monitor when
     * nothing is left.
     */
    public void forgetGone(SocketSet sockets) {
        if (connections.isEmpty() && listeners.isEmpty()) {
            return;
        }
        // Index loops: this runs on every poll, and must allocate nothing.
        boolean live = false;
        for (int i = connections.size() - 1; i >= 0; i--) {
            Followed c = connections.get(i);
            if (c.gone) {
                continue;
            }
            if (c.isPending()) {
                if (!sockets.contains(c.listener)) {
                    connections.remove(i);
                    continue;
                }
            } else if (!sockets.contains(c.handle)) {
                c.gone = true;
                c.recorder.explainedBy(null);
                continue;
            }
            live = true;
        }
        for (int i = listeners.size() - 1; i >= 0; i--) {
            if (!sockets.contains(listeners.get(i).handle())) {
                listeners.remove(i);
            }
        }
        if (!live && listeners.isEmpty()) {
            monitor.remove(this);
        }
    }

    @Override
    public void onFault(FaultEvent event) {
        FaultEvent.Kind kind = event.kind();
        boolean dropped = kind == FaultEvent.Kind.DROPPED || kind == FaultEvent.Kind.OVERSIZE
                || kind == FaultEvent.Kind.QUEUE_FULL
                || kind == FaultEvent.Kind.RATE_LIMITED && event.direction() == Direction.RX;
        if (!dropped || !segment.read(event.frame(), event.offset(), event.length())) {
            return;
        }
        for (int i = connections.size() - 1; i >= 0; i--) {
            Followed c = connections.get(i);
            if (!c.gone && c.carries(segment)) {
                c.recorder.lost(event.at(), event.direction(), segment);
                return;
            }
        }
    }

    @Override
    public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
        if (!segment.read(frame, offset, length)) {
            return;
        }
        TcpPacket tcp = segment.tcp();
        // Newest first: a 4-tuple used again belongs to the newer connection.
        for (int i = connections.size() - 1; i >= 0; i--) {
            Followed c = connections.get(i);
            if (!c.gone && c.carries(segment)) {
                c.recorder.segment(now, direction, segment);
                c.samples.record(now, direction, tcp, socketOf(c));
                return;
            }
        }
        if (direction != Direction.RX || (tcp.flags() & (TcpFlags.SYN | TcpFlags.ACK)) != TcpFlags.SYN) {
            return;
        }
        for (int i = 0; i < listeners.size(); i++) {
            Listened l = listeners.get(i);
            if (l.accepts(segment)) {
                Followed pending = new Followed(null, l.handle(), ConnectionTuple.of(segment, false), segmentLimit);
                add(pending);
                pending.recorder.segment(now, direction, segment);
                pending.samples.record(now, direction, tcp, null);
                return;
            }
        }
    }

    /** The socket of a connection handed over and still in the set, null otherwise. */
    private TcpSocket socketOf(Followed c) {
        return sockets == null || c.isPending() || !sockets.contains(c.handle) ? null : sockets.get(c.handle);
    }

    /** Adds {@code c} as the newest, forgetting the oldest of its kind beyond the bound. */
    private void add(Followed c) {
        connections.add(c);
        int bound = c.isPending() ? MAX_PENDING : MAX_CONNECTIONS;
        int count = 0;
        for (Followed each : connections) {
            count += each.isPending() == c.isPending() ? 1 : 0;
        }
        for (int i = 0; count > bound; i++) {
            if (connections.get(i).isPending() == c.isPending()) {
                connections.remove(i--);
                count--;
            }
        }
        startListening();
    }

    private void startListening() {
        if (!monitor.isListening(this)) {
            monitor.add(this);
        }
    }
}

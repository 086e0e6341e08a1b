package dev.jnetlab.host.ladder;

import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FrameMonitor;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.TcpPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link Ladder} of one TCP connection from raw frames: hand it every frame the
 * interface sees (it is a {@link FrameMonitor.Listener}) and it keeps the segments of its
 * connection, read through the wire layer's views. Frames of other conversations cost a few
 * header reads and allocate nothing; each kept segment is one small record, up to a limit.
 *
 * <p>It follows either one given 4-tuple, or the first TCP connection seen to or from a port
 * (locked on at its first segment, the local end being the sender of a sent frame). Used on
 * one thread, the stack's.
 */
public final class LadderRecorder implements FrameMonitor.Listener {
    /** Segments kept by default; later ones are counted as omitted. */
    public static final int DEFAULT_LIMIT = 1000;


    private final int port;
    private final int limit;
    private final TcpFrame segment = new TcpFrame();
    private final List<LadderSegment> segments = new ArrayList<>();
    private Endpoint local;
    private Endpoint remote;
    private int omitted;

    private LadderRecorder(Endpoint local, Endpoint remote, int port, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a ladder keeps at least one segment, not " + limit);
        }
        this.local = local;
        this.remote = remote;
        this.port = port;
        this.limit = limit;
    }

    /** Records the connection between {@code local} (this stack) and {@code remote}. */
    public static LadderRecorder of(Endpoint local, Endpoint remote) {
        return of(local, remote, DEFAULT_LIMIT);
    }

    public static LadderRecorder of(Endpoint local, Endpoint remote, int limit) {
        if (!local.isSpecified() || !remote.isSpecified()) {
            throw new IllegalArgumentException("a connection has both ends: " + local + " " + remote);
        }
        return new LadderRecorder(local, remote, 0, limit);
    }

    /** Records the first TCP connection seen with {@code port} at either end. */
    public static LadderRecorder firstConnection(int port) {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        return new LadderRecorder(null, null, port, DEFAULT_LIMIT);
    }

    @Override
    public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
        if (segment.read(frame, offset, length)) {
            segment(now, direction, segment.ip(), segment.tcp());
        }
    }

    /**
     * Takes one TCP segment already read from a frame (by a {@link TcpFrame} of the caller's):
     * kept if it is of this recorder's connection.
     */
    public void segment(long now, Direction direction, Ipv4Packet ip, TcpPacket tcp) {
        int src = ip.source();
        int dst = ip.destination();
        int srcPort = tcp.srcPort();
        int dstPort = tcp.dstPort();
        if (local == null) {
            if (srcPort != port && dstPort != port) {
                return;
            }
            boolean sent = direction == Direction.TX;
            local = sent ? new Endpoint(src, srcPort) : new Endpoint(dst, dstPort);
            remote = sent ? new Endpoint(dst, dstPort) : new Endpoint(src, srcPort);
        }
        Direction way;
        if (src == local.address() && srcPort == local.port() && dst == remote.address() && dstPort == remote.port()) {
            way = Direction.TX;
        } else if (src == remote.address() && srcPort == remote.port() && dst == local.address()
                && dstPort == local.port()) {
            way = Direction.RX;
        } else {
            return;
        }
        if (segments.size() >= limit) {
            omitted++;
            return;
        }
        segments.add(LadderSegment.of(now, way, tcp.flags(), tcp.seqNumber(), tcp.ackNumber(), tcp.payloadLength(),
                tcp.window()));
    }

    /** Segments seen so far. */
    public int size() {
        return segments.size() + omitted;
    }

    /** The ladder so far, its states inferred; empty until the connection's first segment. */
    public Optional<Ladder> ladder() {
        if (local == null) {
            return Optional.empty();
        }
        return Optional.of(Ladder.inferred(local, remote, segments, omitted));
    }
}

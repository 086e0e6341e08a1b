package dev.jnetlab.host.ladder;

import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FrameMonitor;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TransmitReason;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpOptionReader;
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
 * (locked on at its first segment, the local end being the sender of a sent frame), over IPv4
 * or IPv6. Used on one thread, the stack's.
 */
public final class LadderRecorder implements FrameMonitor.Listener {
    /** Segments kept by default; later ones are counted as omitted. */
    public static final int DEFAULT_LIMIT = 1000;


    private final int port;
    private final int limit;
    private final TcpFrame segment = new TcpFrame();
    private final List<LadderSegment> segments = new ArrayList<>();
    private final TcpOptionReader options = new TcpOptionReader();
    /** The connection followed; null until the first segment of a {@link #firstConnection}. */
    private ConnectionTuple tuple;
    private int omitted;
    /** The window scale each end's SYN offered (RFC 7323 §2.2), -1 while none was seen; it applies once both have. */
    private int localShift = -1;
    private int remoteShift = -1;
    /** The local end's socket, asked why it sent each segment; null when only frames are known. */
    private TcpSocket sender;

    private LadderRecorder(ConnectionTuple tuple, int port, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a ladder keeps at least one segment, not " + limit);
        }
        this.tuple = tuple;
        this.port = port;
        this.limit = limit;
    }

    /**
     * Asks {@code socket}, this connection's local end, why it sent each segment it sends from
     * now on (a tail loss probe, a loss RACK found...): it is asked while the device takes the
     * frame, which is when the monitor hands it over. Null stops asking, and lets the socket go.
     */
    public void explainedBy(TcpSocket socket) {
        this.sender = socket;
    }

    /** Records the connection between {@code local} (this stack) and {@code remote}. */
    public static LadderRecorder of(IpEndpoint local, IpEndpoint remote) {
        return of(local, remote, DEFAULT_LIMIT);
    }

    public static LadderRecorder of(IpEndpoint local, IpEndpoint remote, int limit) {
        if (!local.isSpecified() || !remote.isSpecified() || local.isIpv6() != remote.isIpv6()) {
            throw new IllegalArgumentException("a connection has both ends, in one family: " + local + " " + remote);
        }
        return new LadderRecorder(new ConnectionTuple(local, remote), 0, limit);
    }

    /** Records the first TCP connection seen with {@code port} at either end. */
    public static LadderRecorder firstConnection(int port) {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        return new LadderRecorder(null, port, DEFAULT_LIMIT);
    }

    @Override
    public void frame(long now, Direction direction, byte[] frame, int offset, int length) {
        if (segment.read(frame, offset, length)) {
            segment(now, direction, segment);
        }
    }

    /**
     * Takes one TCP segment already read from a frame (by a {@link TcpFrame} of the caller's):
     * kept if it is of this recorder's connection.
     */
    public void segment(long now, Direction direction, TcpFrame frame) {
        Direction way = way(direction, frame);
        TcpPacket tcp = frame.tcp();
        if (way == null) {
            return;
        }
        if (segments.size() >= limit) {
            omitted++;
            return;
        }
        segments.add(read(now, way, tcp));
    }

    /**
     * Takes a segment of this connection that the link lost (the fault injector dropped it): a
     * sent one was seen going out and is marked lost; a received one never reached the monitor
     * and is added, lost.
     */
    public void lost(long now, Direction direction, TcpFrame frame) {
        Direction way = way(direction, frame);
        TcpPacket tcp = frame.tcp();
        if (way == null) {
            return;
        }
        if (way == Direction.TX) {
            for (int i = segments.size() - 1; i >= 0; i--) {
                LadderSegment sent = segments.get(i);
                if (sent.direction() == Direction.TX && sent.seq() == tcp.seqNumber() && sent.flags() == tcp.flags()
                        && sent.length() == tcp.payloadLength() && !sent.lost()) {
                    segments.set(i, sent.asLost());
                    return;
                }
            }
            return;
        }
        if (segments.size() >= limit) {
            omitted++;
            return;
        }
        segments.add(read(now, way, tcp).asLost());
    }

    private LadderSegment read(long now, Direction way, TcpPacket tcp) {
        int window = tcp.window();
        if ((tcp.flags() & TcpFlags.SYN) != 0) {
            int shift = windowShift(tcp);
            if (way == Direction.TX) {
                localShift = shift;
            } else {
                remoteShift = shift;
            }
        } else if (localShift >= 0 && remoteShift >= 0) {
            window <<= way == Direction.TX ? localShift : remoteShift;
        }
        LadderSegment kept = LadderSegment.of(now, way, tcp.flags(), tcp.seqNumber(), tcp.ackNumber(),
                tcp.payloadLength(), window);
        if (way != Direction.TX || sender == null || kept.sequenceLength() == 0) {
            return kept;
        }
        TransmitReason reason = sender.transmitReason(tcp.seqNumber(), tcp.payloadLength());
        return reason.recovers() ? kept.because(reason) : kept;
    }

    /** The window scale a SYN offers, or -1 without the option. */
    private int windowShift(TcpPacket tcp) {
        for (options.wrap(tcp); options.next(); ) {
            if (options.kind() == TcpOptionReader.KIND_WINDOW_SCALE) {
                return Math.min(14, options.windowScale());
            }
        }
        return -1;
    }

    /** Which way the segment goes on this connection, or null if it is not of this connection. */
    private Direction way(Direction direction, TcpFrame frame) {
        if (tuple == null) {
            if (frame.tcp().srcPort() != port && frame.tcp().dstPort() != port) {
                return null;
            }
            tuple = ConnectionTuple.of(frame, direction == Direction.TX);
        }
        return tuple.way(frame);
    }

    /** Segments seen so far. */
    public int size() {
        return segments.size() + omitted;
    }

    /** The ladder so far, its states inferred; empty until the connection's first segment. */
    public Optional<Ladder> ladder() {
        if (tuple == null) {
            return Optional.empty();
        }
        return Optional.of(Ladder.inferred(tuple.local(), tuple.remote(), segments, omitted));
    }
}

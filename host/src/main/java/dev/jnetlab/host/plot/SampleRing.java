package dev.jnetlab.host.plot;

import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpOptionReader;
import dev.jnetlab.stack.wire.TcpPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last {@link #capacity()} segments of one connection, with the sender's congestion state at
 * each, for {@code tcp plot}: a ring of primitive arrays allocated once, so recording a segment
 * on the packet path allocates nothing (ARCHITECTURE.md §4); the oldest sample is overwritten
 * when the ring is full. {@link #samples()} makes the records, off the packet path.
 *
 * <p>A sent segment is marked from what the socket says it is sending ({@link TcpSocket#sending()}),
 * or, from a capture, as a retransmission when its sequence space was sent before. Windows are
 * scaled as RFC 7323 §2.3 says, once both SYNs offered a scale. Belongs to the stack's thread.
 */
public final class SampleRing {
    /** Samples kept by default, as many as a ladder's segments. */
    public static final int DEFAULT_CAPACITY = 1000;
    /** SACK blocks kept per segment: the most a TCP option can carry (RFC 2018 §3). */
    public static final int MAX_SACKS = 4;

    private final long[] time;
    private final byte[] direction;
    private final int[] flags;
    private final int[] seq;
    private final int[] length;
    private final int[] ack;
    private final int[] window;
    private final byte[] sackCount;
    private final int[] sackEdges;
    private final byte[] mark;
    private final boolean[] hasCongestion;
    private final long[] cwnd;
    private final long[] ssthresh;
    private final long[] inFlight;
    private final long[] srtt;
    private final long[] rto;
    private final TcpOptionReader options = new TcpOptionReader();
    /** Index of the next sample to write. */
    private int next;
    private long recorded;
    private int localShift = -1;
    private int remoteShift = -1;
    /** End of the highest sequence space sent, valid once {@link #sentAny}. */
    private int highestSent;
    private boolean sentAny;

    public SampleRing() {
        this(DEFAULT_CAPACITY);
    }

    public SampleRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a ring keeps at least one sample, not " + capacity);
        }
        time = new long[capacity];
        direction = new byte[capacity];
        flags = new int[capacity];
        seq = new int[capacity];
        length = new int[capacity];
        ack = new int[capacity];
        window = new int[capacity];
        sackCount = new byte[capacity];
        sackEdges = new int[capacity * MAX_SACKS * 2];
        mark = new byte[capacity];
        hasCongestion = new boolean[capacity];
        cwnd = new long[capacity];
        ssthresh = new long[capacity];
        inFlight = new long[capacity];
        srtt = new long[capacity];
        rto = new long[capacity];
    }

    public int capacity() {
        return time.length;
    }

    /** Samples recorded since the start, the overwritten ones included. */
    public long recorded() {
        return recorded;
    }

    /**
     * Records one segment of the connection going {@code way} (TX: sent by the plotted end).
     *
     * @param socket the plotted end's socket, read for its congestion state and for why it sends;
     *               null when there is none to read (a capture, a connection not handed over yet)
     */
    public void record(long now, Direction way, TcpPacket tcp, TcpSocket socket) {
        int i = next;
        next = next + 1 == time.length ? 0 : next + 1;
        recorded++;
        int segFlags = tcp.flags();
        int segSeq = tcp.seqNumber();
        int payload = tcp.payloadLength();
        int win = tcp.window();
        boolean sent = way == Direction.TX;
        boolean syn = (segFlags & TcpFlags.SYN) != 0;
        int count = 0;
        for (options.wrap(tcp); options.next(); ) {
            if (options.kind() == TcpOptionReader.KIND_WINDOW_SCALE && syn) {
                if (sent) {
                    localShift = Math.min(14, options.windowScale());
                } else {
                    remoteShift = Math.min(14, options.windowScale());
                }
            } else if (options.kind() == TcpOptionReader.KIND_SACK) {
                for (int b = 0; b < options.sackCount() && count < MAX_SACKS; b++, count++) {
                    sackEdges[(i * MAX_SACKS + count) * 2] = options.sackLeft(b);
                    sackEdges[(i * MAX_SACKS + count) * 2 + 1] = options.sackRight(b);
                }
            }
        }
        if (!syn && localShift >= 0 && remoteShift >= 0) {
            win <<= sent ? localShift : remoteShift;
        }
        time[i] = now;
        direction[i] = (byte) way.ordinal();
        flags[i] = segFlags;
        seq[i] = segSeq;
        length[i] = payload;
        ack[i] = tcp.ackNumber();
        window[i] = win;
        sackCount[i] = (byte) count;
        mark[i] = (byte) (sent ? markOf(segSeq, payload, socket) : SampleMark.NONE).ordinal();
        hasCongestion[i] = socket != null;
        if (socket != null) {
            cwnd[i] = socket.congestionControl().window();
            ssthresh[i] = socket.congestionControl().slowStartThreshold();
            inFlight[i] = socket.bytesInFlight();
            srtt[i] = socket.srtt();
            rto[i] = socket.rto();
        }
    }

    private SampleMark markOf(int segSeq, int payload, TcpSocket socket) {
        SampleMark found = SampleMark.NONE;
        if (socket != null) {
            switch (socket.sending()) {
                case FAST_RETRANSMIT -> found = SampleMark.FAST_RETRANSMIT;
                case SACK_RETRANSMIT, RESCUE -> found = SampleMark.RACK;
                case LOSS_PROBE -> found = SampleMark.TLP;
                default -> {
                }
            }
        }
        if (payload == 0) {
            return found;
        }
        int end = segSeq + payload;
        boolean resent = sentAny && segSeq - highestSent < 0;
        if (!sentAny || end - highestSent > 0) {
            highestSent = end;
            sentAny = true;
        }
        return found == SampleMark.NONE && resent ? SampleMark.RETRANSMISSION : found;
    }

    /** The samples kept, oldest first (allocates: for drawing, not for the packet path). */
    public List<Sample> samples() {
        int size = (int) Math.min(recorded, time.length);
        int first = recorded > time.length ? next : 0;
        List<Sample> out = new ArrayList<>(size);
        Direction[] ways = Direction.values();
        SampleMark[] marks = SampleMark.values();
        for (int k = 0; k < size; k++) {
            int i = (first + k) % time.length;
            List<Sample.SackBlock> sacks = new ArrayList<>(sackCount[i]);
            for (int b = 0; b < sackCount[i]; b++) {
                sacks.add(new Sample.SackBlock(sackEdges[(i * MAX_SACKS + b) * 2], sackEdges[(i * MAX_SACKS + b) * 2 + 1]));
            }
            Optional<Sample.Congestion> congestion = hasCongestion[i]
                    ? Optional.of(new Sample.Congestion(cwnd[i], ssthresh[i], inFlight[i], srtt[i], rto[i]))
                    : Optional.empty();
            out.add(new Sample(time[i], ways[direction[i]], flags[i], seq[i], length[i], ack[i], window[i], sacks,
                    marks[mark[i]], congestion));
        }
        return out;
    }
}

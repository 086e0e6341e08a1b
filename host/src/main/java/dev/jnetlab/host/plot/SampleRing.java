package dev.jnetlab.host.plot;

import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpOptionReader;
import dev.jnetlab.stack.wire.TcpPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The last {@link #capacity()} segments of one connection, with the sender's congestion state at
 * each, for {@code tcp plot}: a ring of primitive arrays, {@value #BYTES_PER_SAMPLE} octets a
 * sample, so recording a segment on the packet path allocates nothing (ARCHITECTURE.md §4); the
 * oldest sample is overwritten when the ring is full. {@link #samples()} makes the records, off
 * the packet path.
 *
 * <p>The arrays start at {@value #FIRST_SLOTS} samples and double, before the ring first wraps,
 * up to its capacity: a connection of a few segments (or a SYN that a flood left pending) costs
 * a few kilobytes, not the full ring, and one that runs long reaches the capacity after a
 * handful of copies and then allocates nothing more. A full ring is
 * {@code capacity * BYTES_PER_SAMPLE} octets and never more.
 *
 * <p>A sent segment is marked from what the socket says it is sending ({@link TcpSocket#transmitReason}),
 * or, from a capture, as a retransmission when its sequence space was sent before. Windows are
 * scaled as RFC 7323 §2.3 says, once both SYNs offered a scale. Belongs to the stack's thread.
 */
public final class SampleRing {
    /** Samples kept by default, as many as a ladder's segments. */
    public static final int DEFAULT_CAPACITY = 1000;
    /** SACK blocks kept per segment: the most a TCP option can carry (RFC 2018 §3). */
    public static final int MAX_SACKS = 4;
    /**
     * The arrays' octets per sample: the time, the five congestion values (8 each), flags,
     * sequence number, length, ACK and window (4 each), the SACK edges (4 x 2 x 4), and the
     * direction, SACK count, mark and congestion flag (1 each).
     */
    public static final int BYTES_PER_SAMPLE = 8 + 5 * 8 + 5 * 4 + MAX_SACKS * 2 * 4 + 4;
    /** Samples the arrays hold at first. */
    static final int FIRST_SLOTS = 64;

    private final int capacity;
    private long[] time;
    private byte[] direction;
    private int[] flags;
    private int[] seq;
    private int[] length;
    private int[] ack;
    private int[] window;
    private byte[] sackCount;
    private int[] sackEdges;
    private byte[] mark;
    private boolean[] hasCongestion;
    private long[] cwnd;
    private long[] ssthresh;
    private long[] inFlight;
    private long[] srtt;
    private long[] rto;
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

    /** A ring of at most {@code capacity} samples, holding {@value #FIRST_SLOTS} (or fewer) at first. */
    public SampleRing(int capacity) {
        this(capacity, Math.min(capacity, FIRST_SLOTS));
    }

    /** A ring of at most {@code capacity} samples whose arrays hold {@code slots} at first. */
    SampleRing(int capacity, int slots) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a ring keeps at least one sample, not " + capacity);
        }
        this.capacity = capacity;
        resize(Math.max(1, Math.min(capacity, slots)));
    }

    /** Makes the arrays {@code slots} long, keeping what they hold (the ring has not wrapped yet). */
    private void resize(int slots) {
        time = time == null ? new long[slots] : Arrays.copyOf(time, slots);
        direction = direction == null ? new byte[slots] : Arrays.copyOf(direction, slots);
        flags = flags == null ? new int[slots] : Arrays.copyOf(flags, slots);
        seq = seq == null ? new int[slots] : Arrays.copyOf(seq, slots);
        length = length == null ? new int[slots] : Arrays.copyOf(length, slots);
        ack = ack == null ? new int[slots] : Arrays.copyOf(ack, slots);
        window = window == null ? new int[slots] : Arrays.copyOf(window, slots);
        sackCount = sackCount == null ? new byte[slots] : Arrays.copyOf(sackCount, slots);
        sackEdges = sackEdges == null ? new int[slots * MAX_SACKS * 2] : Arrays.copyOf(sackEdges, slots * MAX_SACKS * 2);
        mark = mark == null ? new byte[slots] : Arrays.copyOf(mark, slots);
        hasCongestion = hasCongestion == null ? new boolean[slots] : Arrays.copyOf(hasCongestion, slots);
        cwnd = cwnd == null ? new long[slots] : Arrays.copyOf(cwnd, slots);
        ssthresh = ssthresh == null ? new long[slots] : Arrays.copyOf(ssthresh, slots);
        inFlight = inFlight == null ? new long[slots] : Arrays.copyOf(inFlight, slots);
        srtt = srtt == null ? new long[slots] : Arrays.copyOf(srtt, slots);
        rto = rto == null ? new long[slots] : Arrays.copyOf(rto, slots);
    }

    /** The most samples kept. */
    public int capacity() {
        return capacity;
    }

    /** Samples the arrays hold now: from {@value #FIRST_SLOTS} up to {@link #capacity()}. */
    public int slots() {
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
        if (next == time.length && recorded == time.length && time.length < capacity) {
            resize((int) Math.min(capacity, 2L * time.length));
        }
        int i = next == time.length ? 0 : next;
        next = i + 1;
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
            switch (socket.transmitReason(segSeq, payload)) {
                case FAST_RETRANSMIT -> found = SampleMark.FAST_RETRANSMIT;
                case SACK_LOSS, RACK_LOSS, RESCUE -> found = SampleMark.RACK;
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
        int first = recorded > time.length ? next % time.length : 0;
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

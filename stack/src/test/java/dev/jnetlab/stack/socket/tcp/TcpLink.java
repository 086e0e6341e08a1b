package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.TcpRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Two sockets back to back over a simulated link on a virtual clock: each segment is delayed,
 * and by a seeded random choice dropped, duplicated or held back (so it overtakes or is
 * overtaken). The applications at both ends write a source buffer as fast as the send queue
 * takes it, read everything, and close when done. Deterministic for a seed.
 */
final class TcpLink {
    static final int A_ADDR = 0x0A000001;
    static final int B_ADDR = 0x0A000002;
    static final Endpoint A = new Endpoint(A_ADDR, 49152);
    static final Endpoint B = new Endpoint(B_ADDR, 6969);

    /** One segment on the wire: a private copy of the header fields and payload. */
    private record Frame(long deliverAt, long order, boolean toB, TcpRepr header, byte[] payload) {
    }

    final TcpSocket a;
    final TcpSocket b;
    final Random random;
    double drop;
    double duplicate;
    double reorder;
    long latency = Micros.ofMillis(5);
    /**
     * A bottleneck from A to B as a {@link dev.jnetlab.stack.phy.ShapedWire}'s: segments are
     * clocked out at this rate (0: none) behind those waiting, and one that finds
     * {@link #bottleneckQueue} waiting behind the one being clocked out is dropped at the tail.
     */
    long bottleneckBitsPerSecond;
    int bottleneckQueue;
    /** Segments the bottleneck's queue dropped. */
    long bottleneckDrops;
    /** When each segment in the bottleneck finishes clocking out, oldest first. */
    private final java.util.ArrayDeque<Long> clockedOutAt = new java.util.ArrayDeque<>();
    long jitter = Micros.ofMillis(2);
    long now;
    long order;
    long segmentsSent;
    long segmentsDropped;
    /** RSTs sent by a live connection (an abort or a timeout): a transfer should have none. */
    final List<String> resets = new ArrayList<>();
    /** RSTs with which a closed port answered a late segment: normal at the end of a lossy transfer. */
    long closedPortResets;
    /** When set, every segment put on the wire and delivered is written here. */
    java.util.ArrayDeque<String> trace;
    int traceLimit = 400;

    private void trace(String line) {
        if (trace != null) {
            trace.add(Micros.format(now) + " " + line);
            if (trace.size() > traceLimit) {
                trace.poll();
            }
        }
    }
    private final PriorityQueue<Frame> wire = new PriorityQueue<>((x, y) ->
            x.deliverAt != y.deliverAt ? Long.compare(x.deliverAt, y.deliverAt) : Long.compare(x.order, y.order));
    private final TcpRepr out = new TcpRepr();
    private final TcpRepr in = new TcpRepr();
    private final TcpRepr reply = new TcpRepr();

    TcpLink(TcpSocket a, TcpSocket b, long seed) {
        this.a = a;
        this.b = b;
        this.random = new Random(seed);
        a.setIsnSource((t, la, lp, ra, rp) -> (int) (seed * 31 + 7));
        b.setIsnSource((t, la, lp, ra, rp) -> (int) (seed * 17 - 1_000_000_000));
    }

    /** Result of a transfer. */
    record Result(byte[] receivedByA, byte[] receivedByB, long virtualMicros, long segments, long dropped) {
    }

    /** Transfers {@code toB} from A to B and {@code toA} from B to A, both closing when done. */
    Result transfer(byte[] toB, byte[] toA, long maxVirtualMicros) throws TcpException {
        b.listen(B);
        a.connect(now, A, B);
        byte[] gotA = new byte[toA.length];
        byte[] gotB = new byte[toB.length];
        int sentA = 0;
        int sentB = 0;
        int recvA = 0;
        int recvB = 0;
        boolean closedA = false;
        boolean closedB = false;
        byte[] chunk = new byte[65536];
        for (long iteration = 0; ; iteration++) {
            if (iteration > 20_000_000 || now > maxVirtualMicros) {
                throw new AssertionError("no progress: " + describe(recvA, recvB));
            }
            // The applications.
            if (a.maySend() && sentA < toB.length) {
                sentA += a.send(toB, sentA, toB.length - sentA);
            }
            if (b.maySend() && sentB < toA.length && b.state() != TcpState.LISTEN) {
                sentB += b.send(toA, sentB, toA.length - sentB);
            }
            recvA += drainInto(a, gotA, recvA, chunk);
            recvB += drainInto(b, gotB, recvB, chunk);
            if (!closedA && sentA == toB.length && a.state() != TcpState.SYN_SENT) {
                a.close();
                closedA = true;
            }
            if (!closedB && sentB == toA.length && b.state().isSynchronized()) {
                b.close();
                closedB = true;
            }
            // The sockets send; the wire delivers what is due.
            pump(a, true);
            pump(b, false);
            boolean delivered = false;
            while (!wire.isEmpty() && wire.peek().deliverAt <= now) {
                deliver(wire.poll());
                delivered = true;
            }
            if (delivered) {
                continue;
            }
            boolean done = finished(a) && finished(b) && recvA == toA.length && recvB == toB.length;
            if (done && wire.isEmpty()) {
                return new Result(gotA, gotB, now, segmentsSent, segmentsDropped);
            }
            long next = Math.min(a.pollAt(now), b.pollAt(now));
            if (!wire.isEmpty()) {
                next = Math.min(next, wire.peek().deliverAt);
            }
            if (next == Micros.NEVER) {
                if (done) {
                    return new Result(gotA, gotB, now, segmentsSent, segmentsDropped);
                }
                throw new AssertionError("stalled: " + describe(recvA, recvB));
            }
            now = Math.max(now, next);
        }
    }

    private static boolean finished(TcpSocket socket) {
        return socket.state() == TcpState.CLOSED || socket.state() == TcpState.TIME_WAIT;
    }

    private int drainInto(TcpSocket socket, byte[] sink, int at, byte[] chunk) throws TcpException {
        int total = 0;
        while (socket.canRecv()) {
            int n = socket.recv(chunk, 0, chunk.length);
            if (at + total + n > sink.length) {
                throw new AssertionError("received more than was sent: " + (at + total + n));
            }
            System.arraycopy(chunk, 0, sink, at + total, n);
            total += n;
        }
        return total;
    }

    private void pump(TcpSocket socket, boolean toB) {
        while (socket.dispatch(now, out)) {
            if (out.isRst()) {
                resets.add((toB ? "A->B " : "B->A ") + out + " in " + socket.state());
            }
            byte[] payload = new byte[out.payloadLength()];
            socket.copyPayload(out, payload, 0);
            socket.sent(now, out);
            put(toB, out, payload);
        }
    }

    private void put(boolean toB, TcpRepr segment, byte[] payload) {
        segmentsSent++;
        trace((toB ? "A->B " : "B->A ") + segment + " [" + (toB ? a.state() : b.state()) + "]");
        if (random.nextDouble() < drop) {
            trace("  dropped");
            segmentsDropped++;
            return;
        }
        long queueing = 0;
        if (toB && bottleneckBitsPerSecond > 0) {
            while (!clockedOutAt.isEmpty() && clockedOutAt.peekFirst() <= now) {
                clockedOutAt.pollFirst();
            }
            if (clockedOutAt.size() > bottleneckQueue) {
                trace("  dropped at the bottleneck's tail");
                bottleneckDrops++;
                segmentsDropped++;
                return;
            }
            long start = clockedOutAt.isEmpty() ? now : Math.max(now, clockedOutAt.peekLast());
            // IPv4 and TCP headers with the options, and the payload.
            long octets = 20 + segment.headerLength() + payload.length;
            long done = start + octets * 8 * Micros.PER_SECOND / bottleneckBitsPerSecond;
            clockedOutAt.addLast(done);
            queueing = done - now;
        }
        int copies = random.nextDouble() < duplicate ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long delay = queueing + latency + (jitter > 0 ? (long) (random.nextDouble() * jitter) : 0);
            if (random.nextDouble() < reorder) {
                delay += latency * 3;
            }
            wire.add(new Frame(now + delay, order++, toB, new TcpRepr().copyFrom(segment), payload));
        }
    }

    private void deliver(Frame frame) {
        TcpSocket target = frame.toB ? b : a;
        int localAddr = frame.toB ? B_ADDR : A_ADDR;
        int remoteAddr = frame.toB ? A_ADDR : B_ADDR;
        in.copyFrom(frame.header);
        in.payload(frame.payload, 0, frame.payload.length);
        boolean replied;
        if (target.accepts(localAddr, remoteAddr, in)) {
            TcpState before = target.state();
            replied = target.process(now, localAddr, remoteAddr, in, reply);
            if (replied) {
                target.replied(now, reply);
            }
            if (replied && reply.isRst()) {
                resets.add((frame.toB ? "B->A " : "A->B ") + reply + " in " + before + " for " + in);
            }
        } else {
            replied = TcpSocket.resetFor(localAddr, remoteAddr, in, reply);
            closedPortResets += replied ? 1 : 0;
        }
        if (replied) {
            put(!frame.toB, reply, new byte[0]);
        }
    }

    private String describe(int recvA, int recvB) {
        return "t=" + Micros.format(now) + " A " + a.state() + " got " + recvA + ", B " + b.state() + " got " + recvB
                + ", wire " + wire.size() + "\nA: " + a.controlBlock(now) + "\nB: " + b.controlBlock(now);
    }
}

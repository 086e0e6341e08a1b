package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.Seg.seg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.TcpRepr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drives one socket (or listener) the way the interface would, on a virtual clock: a test sends
 * it segments from "the remote" and checks exactly which segments come out.
 *
 * <pre>
 * h.send(seg().syn().seq(REMOTE_SEQ).win(256).mss(1460));
 * h.recv(seg().syn().seq(LOCAL_SEQ).ack(REMOTE_SEQ + 1).win(64).mss(1460));
 * h.recvNothing();
 * </pre>
 *
 * Every segment the socket produces must go from LOCAL to REMOTE (addresses and ports); the
 * {@link Seg} values compare everything else.
 */
final class TcpHarness {
    static final int LOCAL_ADDR = 0xC0A84501;   // 192.168.69.1
    static final int REMOTE_ADDR = 0xC0A84502;  // 192.168.69.2
    static final int LOCAL_PORT = 80;
    static final int REMOTE_PORT = 49500;
    static final int LOCAL_SEQ = 10_000;
    static final int REMOTE_SEQ = 20_000;
    static final int REMOTE_WIN = 256;
    static final int BUFFER = 64;
    static final Endpoint LOCAL = new Endpoint(LOCAL_ADDR, LOCAL_PORT);
    static final Endpoint REMOTE = new Endpoint(REMOTE_ADDR, REMOTE_PORT);

    final VirtualClock clock = new VirtualClock();
    final TcpHandler handler;
    final TcpSocket socket;
    final List<TcpState> transitions = new ArrayList<>();
    private final TcpRepr in = new TcpRepr();
    private final TcpRepr reply = new TcpRepr();
    private final TcpRepr out = new TcpRepr();
    private final List<Seg> pending = new ArrayList<>();
    private int remoteAddr = REMOTE_ADDR;
    private int remotePort = REMOTE_PORT;
    /** Every remote endpoint that sent the handler a segment, and the one a connect names. */
    private final Set<Endpoint> peers = new HashSet<>(List.of(REMOTE));
    private final List<Endpoint> pendingDestinations = new ArrayList<>();
    private boolean refuseReplies;

    TcpHarness(TcpSocket socket) {
        this.socket = socket;
        this.handler = socket;
        socket.setEventListener((now, s, from, to) -> transitions.add(to));
    }

    TcpHarness(TcpListener listener) {
        this.socket = null;
        this.handler = listener;
    }

    /**
     * A socket with {@code rx} and {@code tx} octet queues, ISS {@link #LOCAL_SEQ}, ACKs not
     * delayed, and smoltcp's plain settings rather than the defaults: no congestion control and
     * RFC 6298 §2.4's 1 s RTO floor, so that a test of one rule sees the segments of that rule
     * only. Tests of congestion control or of the defaults set their own.
     */
    static TcpSocket newSocket(int rx, int tx) {
        return new TcpSocket(rx, tx).setIsnSource((now, la, lp, ra, rp) -> LOCAL_SEQ).setDelayedAck(false)
                .setCongestionAlgorithm(CongestionControl.Algorithm.NONE).setMinRto(Micros.ofSeconds(1));
    }

    static TcpHarness closed() {
        return new TcpHarness(newSocket(BUFFER, BUFFER));
    }

    static TcpHarness listening() {
        return listening(newSocket(BUFFER, BUFFER));
    }

    static TcpHarness listening(TcpSocket socket) {
        TcpHarness h = new TcpHarness(socket);
        try {
            socket.listen(LOCAL);
        } catch (TcpException e) {
            throw new AssertionError(e);
        }
        h.transitions.clear();
        return h;
    }

    /** LISTEN, then the remote's SYN (window 256, MSS 1460, no other options) and our SYN,ACK. */
    static TcpHarness synReceived() {
        return synReceived(newSocket(BUFFER, BUFFER));
    }

    static TcpHarness synReceived(TcpSocket socket) {
        TcpHarness h = listening(socket);
        h.send(seg().syn().seq(REMOTE_SEQ).win(REMOTE_WIN).mss(1460));
        h.recv(seg().syn().seq(LOCAL_SEQ).ack(REMOTE_SEQ + 1).win(socket.recvCapacity()).mss(1460));
        return h;
    }

    /** A passive open completed: SND.NXT = LOCAL_SEQ + 1, RCV.NXT = REMOTE_SEQ + 1. */
    static TcpHarness established() {
        return established(newSocket(BUFFER, BUFFER));
    }

    static TcpHarness established(TcpSocket socket) {
        TcpHarness h = synReceived(socket);
        h.send(seg().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).win(REMOTE_WIN));
        h.recvNothing();
        assertEquals(TcpState.ESTABLISHED, socket.state());
        h.transitions.clear();
        return h;
    }

    /** LISTEN and the given SYN from the remote; the SYN,ACK is still to be received. */
    static TcpHarness passive(TcpSocket socket, Seg syn) {
        TcpHarness h = listening(socket);
        h.send(syn);
        return h;
    }

    /** An active open: connect, and the SYN (window 64, MSS 1460, no other options offered). */
    static TcpHarness synSent() {
        TcpSocket socket = newSocket(BUFFER, BUFFER).setSackEnabled(false).setTimestampsEnabled(false)
                .setWindowScaleEnabled(false);
        return synSent(socket);
    }

    static TcpHarness synSent(TcpSocket socket) {
        TcpHarness h = new TcpHarness(socket);
        try {
            socket.connect(h.now(), LOCAL, REMOTE);
        } catch (TcpException e) {
            throw new AssertionError(e);
        }
        return h;
    }

    /** ESTABLISHED, then {@code close()}: the FIN (seq LOCAL_SEQ + 1) went out. */
    static TcpHarness finWait1() {
        TcpHarness h = established();
        h.socket.close();
        h.recv(seg().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 1).win(BUFFER));
        assertEquals(TcpState.FIN_WAIT_1, h.socket.state());
        return h;
    }

    static TcpHarness finWait2() {
        TcpHarness h = finWait1();
        h.send(seg().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 2).win(REMOTE_WIN));
        h.recvNothing();
        assertEquals(TcpState.FIN_WAIT_2, h.socket.state());
        return h;
    }

    static TcpHarness closing() {
        TcpHarness h = finWait1();
        h.send(seg().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).win(REMOTE_WIN));
        h.recv(seg().seq(LOCAL_SEQ + 2).ack(REMOTE_SEQ + 2).win(BUFFER));
        assertEquals(TcpState.CLOSING, h.socket.state());
        return h;
    }

    static TcpHarness timeWait() {
        TcpHarness h = finWait2();
        h.send(seg().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 2).win(REMOTE_WIN));
        h.recv(seg().seq(LOCAL_SEQ + 2).ack(REMOTE_SEQ + 2).win(BUFFER));
        assertEquals(TcpState.TIME_WAIT, h.socket.state());
        return h;
    }

    static TcpHarness closeWait() {
        TcpHarness h = established();
        h.send(seg().fin().seq(REMOTE_SEQ + 1).ack(LOCAL_SEQ + 1).win(REMOTE_WIN));
        h.recv(seg().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 2).win(BUFFER));
        assertEquals(TcpState.CLOSE_WAIT, h.socket.state());
        return h;
    }

    static TcpHarness lastAck() {
        TcpHarness h = closeWait();
        h.socket.close();
        h.recv(seg().fin().seq(LOCAL_SEQ + 1).ack(REMOTE_SEQ + 2).win(BUFFER));
        assertEquals(TcpState.LAST_ACK, h.socket.state());
        return h;
    }

    // ---------------------------------------------------------------- time

    long now() {
        return clock.now();
    }

    /** Milliseconds as stack microseconds. */
    static long ms(long millis) {
        return Micros.ofMillis(millis);
    }

    /** Moves the clock to {@code millis} after its epoch. */
    TcpHarness at(long millis) {
        clock.advanceTo(Micros.ofMillis(millis));
        return this;
    }

    /** Moves the clock to {@code micros} after its epoch, for times finer than a millisecond. */
    TcpHarness atMicros(long micros) {
        clock.advanceTo(micros);
        return this;
    }

    TcpHarness advance(long millis) {
        clock.advance(Micros.ofMillis(millis));
        return this;
    }

    /** Moves the clock to the socket's next poll time (which must be armed). */
    TcpHarness toPollAt() {
        long at = handler.pollAt(now());
        if (at == Micros.NEVER) {
            fail("nothing is armed");
        }
        clock.advanceTo(Math.max(at, now()));
        return this;
    }

    /** The TSval the socket sends now (milliseconds since the epoch, offset by the ISS). */
    int tsNow() {
        return (int) (now() / 1000) + LOCAL_SEQ;
    }

    // ---------------------------------------------------------------- segments

    TcpHarness from(int address, int port) {
        this.remoteAddr = address;
        this.remotePort = port;
        return this;
    }

    /**
     * From now on the device refuses the immediate replies of {@link #process} (a full
     * queue): they are lost, and the handler is not told that they went.
     */
    TcpHarness refuseReplies(boolean refuse) {
        this.refuseReplies = refuse;
        return this;
    }

    /** Gives {@code segment} (from the remote) to the socket at the current time. */
    TcpHarness send(Seg segment) {
        segment.fill(in, remotePort, LOCAL_PORT);
        if (!handler.accepts(LOCAL_ADDR, remoteAddr, in)) {
            fail("the socket does not accept " + segment + " in state " + (socket == null ? "?" : socket.state()));
        }
        Endpoint sender = new Endpoint(remoteAddr, remotePort);
        peers.add(sender);
        if (handler.process(now(), LOCAL_ADDR, remoteAddr, in, reply)) {
            assertEquals(0, reply.payloadLength(), "a reply carries no payload");
            checkSource(reply);
            assertEquals(sender, new Endpoint(reply.destinationAddress(), reply.destinationPort()),
                    "a reply goes back to the sender");
            if (!refuseReplies) {
                handler.replied(now(), reply);
                pending.add(Seg.of(reply, new byte[0]));
                pendingDestinations.add(sender);
            }
        }
        return this;
    }

    /** Whether the socket would take {@code segment} at all. */
    boolean accepts(Seg segment) {
        segment.fill(in, remotePort, LOCAL_PORT);
        return handler.accepts(LOCAL_ADDR, remoteAddr, in);
    }

    /** Every segment the socket produces now: replies first, then dispatched ones. */
    List<Seg> drain() {
        List<Seg> all = new ArrayList<>(pending);
        pending.clear();
        pendingDestinations.clear();
        while (handler.dispatch(now(), out)) {
            checkAddressing(out);
            byte[] payload = new byte[out.payloadLength()];
            handler.copyPayload(out, payload, 0);
            handler.sent(now(), out);
            all.add(Seg.of(out, payload));
            if (all.size() > 10_000) {
                fail("the socket does not stop sending: " + all.subList(0, 10));
            }
        }
        return all;
    }

    /** A produced segment with where it goes. */
    record Addressed(int address, int port, Seg seg) {
        @Override
        public String toString() {
            return Integer.toHexString(address) + ":" + port + " " + seg;
        }
    }

    /** Every segment produced now, with its destination (for a listener's many peers). */
    List<Addressed> drainAddressed() {
        List<Addressed> all = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Endpoint to = pendingDestinations.get(i);
            all.add(new Addressed(to.address(), to.port(), pending.get(i)));
        }
        pending.clear();
        pendingDestinations.clear();
        while (handler.dispatch(now(), out)) {
            checkAddressing(out);
            byte[] payload = new byte[out.payloadLength()];
            handler.copyPayload(out, payload, 0);
            handler.sent(now(), out);
            all.add(new Addressed(out.destinationAddress(), out.destinationPort(), Seg.of(out, payload)));
            if (all.size() > 10_000) {
                fail("the handler does not stop sending");
            }
        }
        return all;
    }

    /** Asserts that exactly {@code expected} come out now, in this order. */
    TcpHarness recv(Seg... expected) {
        assertEquals(List.of(expected), drain());
        return this;
    }

    TcpHarness recvNothing() {
        List<Seg> got = drain();
        assertEquals(List.of(), got, "expected no segment");
        return this;
    }

    /** The one segment that comes out now. */
    Seg recvOne() {
        List<Seg> got = drain();
        assertEquals(1, got.size(), () -> "expected one segment, got " + got);
        return got.get(0);
    }

    /** A segment the handler sends: from LOCAL, to a peer that spoke to it (or that it connected to). */
    private void checkAddressing(TcpRepr segment) {
        checkSource(segment);
        Endpoint to = new Endpoint(segment.destinationAddress(), segment.destinationPort());
        if (!peers.contains(to)) {
            fail("a segment to " + to + ", which is none of the peers " + peers + ": " + segment);
        }
    }

    private static void checkSource(TcpRepr segment) {
        assertEquals(LOCAL_ADDR, segment.sourceAddress(), "source address");
        assertEquals(LOCAL_PORT, segment.sourcePort(), "source port");
    }

    // ---------------------------------------------------------------- user calls

    int sendText(String text) {
        byte[] data = text.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return socket.send(data, 0, data.length);
        } catch (TcpException e) {
            throw new AssertionError(e);
        }
    }

    int sendBytes(byte[] data) {
        try {
            return socket.send(data, 0, data.length);
        } catch (TcpException e) {
            throw new AssertionError(e);
        }
    }

    /** Reads everything queued, as text. */
    String recvText() {
        byte[] buffer = new byte[socket.recvCapacity()];
        try {
            int n = socket.recv(buffer, 0, buffer.length);
            return new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        } catch (TcpException e) {
            throw new AssertionError(e);
        }
    }

    void assertState(TcpState expected) {
        assertEquals(expected, socket.state());
    }

    static byte[] bytes(int length, int seed) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (seed + i * 7);
        }
        return data;
    }
}

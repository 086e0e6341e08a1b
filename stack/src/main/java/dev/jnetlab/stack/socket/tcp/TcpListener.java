package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.Socket;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.storage.BufferPool;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.TcpRepr;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A listening port with a backlog: many connections pending on one port, each handed out by
 * {@link #accept()} as its own {@link TcpSocket}. smoltcp has one socket per connection, so a
 * second client has to wait until the application re-arms a socket; its users asked for a
 * backlog (smoltcp issues #441 and #1120).
 *
 * <h2>How it works</h2>
 *
 * <p>A SYN to the port that matches no pending connection gets a fresh socket (from a pool of
 * recycled ones, else from the factory, configured as the application wants: buffers, options,
 * ISN source, congestion control), which is put in LISTEN and given the SYN: it answers with
 * SYN,ACK and is now <em>half-open</em> (SYN-RECEIVED). When the handshake completes it is
 * <em>ready</em> and waits, already receiving data, until {@code accept()} hands it out; from
 * then on the interface drives it directly. A half-open socket that fails (an RST, a new SYN,
 * too many retransmissions) goes back to LISTEN and is recycled at once; so is a ready one that
 * the peer resets before it was accepted.
 *
 * <h2>Bounds, and SYN floods</h2>
 *
 * <ul>
 *   <li>At most {@code backlog} ready connections wait for {@code accept()}. While that many
 *       wait, a new SYN is dropped without an answer (the client retries after its RTO), as
 *       Linux does with a full accept queue. Handshakes already under way may still complete,
 *       so the queue can briefly hold up to {@code backlog + maxHalfOpen}.</li>
 *   <li>At most {@code maxHalfOpen} connections are half-open. When a SYN arrives and that many
 *       are, it is answered with a SYN cookie (RFC 4987 §3.6, {@link SynCookies}), as Linux
 *       does when its SYN queue overflows: a SYN,ACK that keeps nothing here, its ISS (and
 *       TSval) encoding what the connection needs. An ACK that brings a valid cookie back makes
 *       the connection at once, ready to accept. Memory stays bounded whatever the SYN rate,
 *       no half-open connection is ever dropped to make room, and a real client among any
 *       flood completes its handshake whatever its round trip: a full queue never resets or
 *       refuses it. An ACK whose cookie is not ours, or older than {@link SynCookies#MAX_AGE}
 *       minutes, is answered with an RST like any ACK for no connection.</li>
 *   <li>{@link #setSynCookieMode} changes when cookies are sent, as Linux's
 *       {@code tcp_syncookies}: never (a SYN that finds the half-open queue full is dropped and
 *       counted, and the client can only retry until a half-open connection times out), when the
 *       queue is full (the default), or always.</li>
 * </ul>
 *
 * <p>The interface drives a listener exactly like a socket ({@link TcpHandler}), after the
 * exact-match sockets: it {@link #accepts} segments for its port that belong to no accepted
 * connection, and dispatches its half-open and ready connections. Nothing is allocated per
 * segment; a socket is allocated per connection only when the pool of recycled ones is empty.
 *
 * <h2>In a socket set</h2>
 *
 * <p>Added to a {@link dev.jnetlab.stack.iface.SocketSet}, a listener is driven by the
 * interface, and {@code SocketSet.accept(handle)} moves the oldest ready connection into the
 * set under a handle of its own. What the interface knows of the link reaches every connection
 * the listener admits: the MTU ({@link #setMtu}), the ISN source ({@link #setIsnSource}, for
 * sockets the factory made without one) and the state-change listener
 * ({@link #setEventListener}, for sockets that have none).
 */
public final class TcpListener implements TcpHandler, Socket {

    /** The default backlog: Linux's {@code SOMAXCONN} before 5.4, what servers commonly ask for. */
    public static final int DEFAULT_BACKLOG = 128;
    /** The default bound on half-open connections: Linux's {@code tcp_max_syn_backlog} at its least. */
    public static final int DEFAULT_MAX_HALF_OPEN = 128;
    /** How long after the last cookie was sent an unknown ACK is still checked for one (Linux: two minutes too). */
    static final long COOKIE_CHECK_WINDOW = SynCookies.PERIOD * SynCookies.MAX_AGE;

    private final int localAddress;
    private final int localPort;
    private final Endpoint local;
    private final int backlog;
    private final int maxHalfOpen;
    private final Supplier<TcpSocket> factory;

    /** Half-open and ready connections, in no particular order. */
    private final TcpSocket[] members;
    /** Per member: when it was admitted (half-open) or became ready; larger is later. */
    private final long[] order;
    private final boolean[] ready;
    private int count;
    private long counter;
    private final ArrayDeque<TcpSocket> spare = new ArrayDeque<>();
    /** Where the queues of the connections it admits take their arrays (the socket set's); null: their own. */
    private BufferPool bufferPool;
    private int nextDispatch;
    private TcpSocket dispatched;
    /** The member whose reply {@link #process} just returned, until {@link #replied}. */
    private TcpSocket replier;
    private boolean open = true;
    private int mtu = TcpSocket.DEFAULT_MTU;
    private int tsoMaxSize;
    private Ipv6PathMtu ipv6PathMtu;
    private IsnSource isnSource;
    private TcpEventListener eventListener;

    private SynCookies cookies;
    private SynCookieMode cookieMode = SynCookieMode.WHEN_FULL;
    /** Makes the stateless SYN,ACKs; a socket of the factory's that never opens. */
    private TcpSocket cookieTemplate;
    /** The SYN a valid cookie stood for, rebuilt for the connection it opens. */
    private final TcpRepr cookieSyn = new TcpRepr();
    private long lastCookieSentAt;

    private long synsAdmitted;
    private long synsDroppedBacklogFull;
    private long synsDroppedHalfOpenFull;
    private long cookiesSent;
    private long cookiesValidated;
    private long cookiesRejected;
    private long cookieAcksDroppedBacklogFull;
    private long accepted;

    /**
     * Listens on {@code local} (address {@code 0}: every address of the interface).
     *
     * @param backlog how many established connections may wait for {@link #accept()}
     * @param maxHalfOpen how many connections may be half-open (SYN-RECEIVED) at once
     * @param factory makes a closed socket, configured as accepted connections should be
     */
    public TcpListener(Endpoint local, int backlog, int maxHalfOpen, Supplier<TcpSocket> factory) {
        if (local.port() == 0) {
            throw new IllegalArgumentException("a listener needs a port: " + local);
        }
        if (backlog < 1 || maxHalfOpen < 1) {
            throw new IllegalArgumentException("backlog and half-open bound must be positive: "
                    + backlog + ", " + maxHalfOpen);
        }
        this.local = local;
        this.localAddress = local.address();
        this.localPort = local.port();
        this.backlog = backlog;
        this.maxHalfOpen = maxHalfOpen;
        this.factory = Objects.requireNonNull(factory);
        this.members = new TcpSocket[backlog + maxHalfOpen];
        this.order = new long[members.length];
        this.ready = new boolean[members.length];
        this.cookies = SynCookies.withRandomKey();
    }

    /** A listener with the default backlog and half-open bound. */
    public TcpListener(Endpoint local, Supplier<TcpSocket> factory) {
        this(local, DEFAULT_BACKLOG, DEFAULT_MAX_HALF_OPEN, factory);
    }

    /** A listener with the default half-open bound. */
    public TcpListener(Endpoint local, int backlog, Supplier<TcpSocket> factory) {
        this(local, backlog, DEFAULT_MAX_HALF_OPEN, factory);
    }

    // ------------------------------------------------------------------ configuration

    /** The IP MTU every connection admitted from now on is told (our MSS is {@code mtu - 40}). */
    public TcpListener setMtu(int mtu) {
        if (mtu < TcpSocket.HEADERS_LENGTH + TcpSocket.MIN_PEER_MSS || mtu > 0xFFFF) {
            throw new IllegalArgumentException("MTU must be in [" + (TcpSocket.HEADERS_LENGTH + TcpSocket.MIN_PEER_MSS)
                    + ", 65535]: " + mtu);
        }
        this.mtu = mtu;
        for (int i = 0; i < count; i++) {
            members[i].setMtu(mtu);
        }
        if (cookieTemplate != null) {
            cookieTemplate.setMtu(mtu);
        }
        return this;
    }

    public int mtu() {
        return mtu;
    }

    /** Where every connection admitted over IPv6 looks up the path MTU it starts from ({@link TcpSocket#setIpv6PathMtu}). */
    public TcpListener setIpv6PathMtu(Ipv6PathMtu pathMtu) {
        this.ipv6PathMtu = pathMtu;
        for (int i = 0; i < count; i++) {
            members[i].setIpv6PathMtu(pathMtu);
        }
        return this;
    }

    /** The TSO limit every connection admitted from now on is told ({@link TcpSocket#setTsoMaxSize}). */
    public TcpListener setTsoMaxSize(int maxDatagram) {
        TcpSocket.checkTsoMaxSize(maxDatagram);
        this.tsoMaxSize = maxDatagram;
        for (int i = 0; i < count; i++) {
            members[i].setTsoMaxSize(maxDatagram);
        }
        return this;
    }

    /** The keys of the SYN cookies (by default random; from the seed for a reproducible session). */
    public TcpListener setSynCookies(SynCookies cookies) {
        this.cookies = Objects.requireNonNull(cookies);
        return this;
    }

    /** When SYNs are answered with cookies (Linux's {@code tcp_syncookies}); {@link SynCookieMode#WHEN_FULL} by default. */
    public TcpListener setSynCookieMode(SynCookieMode mode) {
        this.cookieMode = Objects.requireNonNull(mode);
        return this;
    }

    public SynCookieMode synCookieMode() {
        return cookieMode;
    }

    /** The ISN source of admitted connections whose socket has none of its own; {@code null} for none. */
    public TcpListener setIsnSource(IsnSource source) {
        this.isnSource = source;
        return this;
    }

    /** The ISN source given to admitted connections, or null. */
    public IsnSource isnSource() {
        return isnSource;
    }

    /** Told about the state changes of admitted connections whose socket has no listener of its own; {@code null} for nobody. */
    public TcpListener setEventListener(TcpEventListener listener) {
        this.eventListener = listener;
        return this;
    }

    public TcpEventListener eventListener() {
        return eventListener;
    }

    // ------------------------------------------------------------------ user API

    /**
     * The oldest established connection not yet accepted, now the caller's to drive; empty when
     * none is waiting. A listener in a socket set is accepted from with
     * {@code SocketSet.accept(handle)}, which also adds the connection to the set, so that the
     * interface keeps driving it: one taken out here and added nowhere is driven by no one.
     */
    public Optional<TcpSocket> accept() {
        int oldest = -1;
        for (int i = 0; i < count; i++) {
            if (ready[i] && (oldest < 0 || order[i] < order[oldest])) {
                oldest = i;
            }
        }
        if (oldest < 0) {
            return Optional.empty();
        }
        TcpSocket socket = members[oldest];
        remove(oldest);
        accepted++;
        return Optional.of(socket);
    }

    /**
     * Stops listening: no new SYN is taken, and every connection not yet accepted is aborted
     * (an RST goes to its peer on the next dispatch).
     */
    public void close() {
        open = false;
        for (int i = 0; i < count; i++) {
            members[i].abort();
        }
        sweep();
    }

    public boolean isOpen() {
        return open;
    }

    @Override
    public Endpoint localEndpoint() {
        return local;
    }

    /** {@link Endpoint#UNSPECIFIED}: a listener has no peer. */
    @Override
    public Endpoint remoteEndpoint() {
        return Endpoint.UNSPECIFIED;
    }

    /** {@link SocketKind#TCP_LISTENER}. */
    @Override
    public SocketKind kind() {
        return SocketKind.TCP_LISTENER;
    }

    /** {@code LISTEN}, or {@code CLOSED} once {@link #close()} was called. */
    @Override
    public String stateName() {
        return open ? TcpState.LISTEN.toString() : TcpState.CLOSED.toString();
    }

    /**
     * Connections established and waiting for accept: for a listener the receive queue is the
     * accept queue, as in the Recv-Q column of Linux's {@code ss} for a listening socket.
     */
    @Override
    public int recvQueue() {
        return readyCount();
    }

    /** Nothing: a listener sends no data of its own. */
    @Override
    public int sendQueue() {
        return 0;
    }

    public int backlog() {
        return backlog;
    }

    public int maxHalfOpen() {
        return maxHalfOpen;
    }

    /** Established connections waiting for {@link #accept()}. */
    public int readyCount() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (ready[i]) {
                n++;
            }
        }
        return n;
    }

    /** Connections in SYN-RECEIVED. */
    public int halfOpenCount() {
        return count - readyCount();
    }

    public long synsAdmitted() {
        return synsAdmitted;
    }

    /** SYNs dropped because the backlog was full. */
    public long synsDroppedBacklogFull() {
        return synsDroppedBacklogFull;
    }

    /** SYNs dropped because the half-open queue was full and cookies are off ({@link SynCookieMode#NEVER}). */
    public long synsDroppedHalfOpenFull() {
        return synsDroppedHalfOpenFull;
    }

    /** SYN,ACKs sent with a cookie: the half-open queue was full, or cookies are always sent (RFC 4987 §3.6). */
    public long cookiesSent() {
        return cookiesSent;
    }

    /** ACKs whose cookie was ours and fresh: each made a connection. */
    public long cookiesValidated() {
        return cookiesValidated;
    }

    /** ACKs checked for a cookie (one was sent lately) that was not ours or too old: answered with an RST. */
    public long cookiesRejected() {
        return cookiesRejected;
    }

    /** ACKs with a valid cookie dropped because the backlog was full (the client sends again). */
    public long cookieAcksDroppedBacklogFull() {
        return cookieAcksDroppedBacklogFull;
    }

    public long acceptedCount() {
        return accepted;
    }

    // ------------------------------------------------------------------ interface API

    @Override
    public boolean accepts(int localAddr, int remoteAddr, TcpRepr segment) {
        // A listener on every address takes both families; one on an IPv4 address, that family only.
        if (segment.destinationPort() != localPort
                || localAddress != 0 && (localAddress != localAddr || segment.isIpv6())) {
            return false;
        }
        return open || find(localAddr, remoteAddr, segment) >= 0;
    }

    @Override
    public boolean process(long now, int localAddr, int remoteAddr, TcpRepr segment, TcpRepr reply) {
        int index = find(localAddr, remoteAddr, segment);
        if (index >= 0) {
            TcpSocket socket = members[index];
            boolean replied = socket.process(now, localAddr, remoteAddr, segment, reply);
            replier = replied ? socket : null;
            update(index);
            sweep();
            return replied;
        }
        reply.clear();
        replier = null;
        if (!open || segment.isRst()) {
            return false;
        }
        if (segment.isAck()) {
            // Linux reads no cookie while tcp_syncookies is 0, even one sent before it was.
            if (!segment.isSyn() && cookieMode != SynCookieMode.NEVER && cookiesSent > 0
                    && now - lastCookieSentAt < COOKIE_CHECK_WINDOW) {
                return openFromCookie(now, localAddr, remoteAddr, segment, reply);
            }
            return TcpSocket.resetFor(localAddr, remoteAddr, segment, reply);
        }
        if (!segment.isSyn()) {
            return false;
        }
        if (readyCount() >= backlog) {
            synsDroppedBacklogFull++;
            return false;
        }
        if (cookieMode == SynCookieMode.ALWAYS) {
            return sendCookie(now, localAddr, remoteAddr, segment, reply);
        }
        if (halfOpenCount() >= maxHalfOpen) {
            if (cookieMode == SynCookieMode.NEVER) {
                synsDroppedHalfOpenFull++;
                return false;
            }
            return sendCookie(now, localAddr, remoteAddr, segment, reply);
        }
        TcpSocket socket = admit();
        boolean replied = socket.process(now, localAddr, remoteAddr, segment, reply);
        replier = replied ? socket : null;
        members[count] = socket;
        order[count] = ++counter;
        ready[count] = false;
        count++;
        synsAdmitted++;
        sweep();
        return replied;
    }

    /** A full half-open queue: the SYN is answered with a cookie, and nothing is kept (RFC 4987 §3.6). */
    private boolean sendCookie(long now, int localAddr, int remoteAddr, TcpRepr syn, TcpRepr reply) {
        if (cookieTemplate == null) {
            cookieTemplate = factory.get();
            cookieTemplate.setMtu(mtu);
        }
        int mss = syn.hasMss() ? syn.mss() : TcpSocket.DEFAULT_PEER_MSS;
        int cookie = cookies.encode(now, localAddr, localPort, remoteAddr, syn.sourcePort(), syn.seq(),
                SynCookies.mssIndex(mss));
        cookieTemplate.fillCookieSynAck(now, localAddr, remoteAddr, syn, cookie, reply);
        lastCookieSentAt = now;
        cookiesSent++;
        return true;
    }

    /**
     * An ACK for no connection while cookies are out: when it carries one of ours, still fresh,
     * the connection it stood for opens, established, with the MSS and (from the echoed TSval)
     * the window shift and SACK the cookie kept; otherwise it gets the RST any stray ACK gets.
     */
    private boolean openFromCookie(long now, int localAddr, int remoteAddr, TcpRepr ack, TcpRepr reply) {
        int peerIsn = ack.seq() - 1;
        int iss = ack.ackNumber() - 1;
        int mssIndex = cookies.decode(now, localAddr, localPort, remoteAddr, ack.sourcePort(), peerIsn, iss);
        boolean timestamps = mssIndex >= 0 && ack.hasTimestamps() && factoryTimestamps();
        int peerShift = timestamps ? SynCookies.peerShift(ack.tsEcr()) : -1;
        if (mssIndex < 0) {
            cookiesRejected++;
            return TcpSocket.resetFor(localAddr, remoteAddr, ack, reply);
        }
        if (readyCount() >= backlog) {
            cookieAcksDroppedBacklogFull++;
            return false;
        }
        cookieSyn.clear();
        // The SYN the cookie stood for came the way the ACK did, in its family.
        cookieSyn.addressedAs(ack, remoteAddr, localAddr).sourcePort(ack.sourcePort()).destinationPort(ack.destinationPort())
                .seq(peerIsn).flags(TcpFlags.SYN).window(ack.window())
                .mss(SynCookies.MSS_TABLE[mssIndex]);
        if (timestamps) {
            if (peerShift >= 0) {
                cookieSyn.windowScale(peerShift);
            }
            cookieSyn.sackPermitted(SynCookies.sackPermitted(ack.tsEcr()));
            cookieSyn.timestamps(ack.tsVal(), 0);
        }
        TcpSocket socket = admit();
        socket.openFromCookie(iss);
        socket.process(now, localAddr, remoteAddr, cookieSyn, reply);
        boolean replied = socket.process(now, localAddr, remoteAddr, ack, reply);
        replier = replied ? socket : null;
        members[count] = socket;
        order[count] = ++counter;
        ready[count] = false;
        count++;
        cookiesValidated++;
        update(count - 1);
        sweep();
        return replied;
    }

    /** Whether the connections this listener makes offer timestamps, which a cookie's options ride on. */
    private boolean factoryTimestamps() {
        return cookieTemplate != null && cookieTemplate.timestampsEnabled();
    }

    /**
     * Where the queues of the connections admitted from now on take their arrays: the socket
     * set's pool, so that a half-open connection holds no buffer ({@code null}: their own).
     */
    public void setBufferPool(BufferPool pool) {
        this.bufferPool = pool;
    }

    /** A socket for a new connection, configured and listening. */
    private TcpSocket admit() {
        TcpSocket socket = spare.isEmpty() ? factory.get() : spare.pop();
        socket.useBufferPool(bufferPool);
        socket.setMtu(mtu);
        socket.setIpv6PathMtu(ipv6PathMtu);
        socket.setTsoMaxSize(tsoMaxSize);
        if (!socket.hasIsnSource() && isnSource != null) {
            socket.setIsnSource(isnSource);
        }
        if (socket.eventListener() == null && eventListener != null) {
            socket.setEventListener(eventListener);
        }
        try {
            socket.listen(local);
        } catch (TcpException.Connect e) {
            throw new IllegalStateException("the factory made a socket that is not closed: " + socket, e);
        }
        return socket;
    }

    @Override
    public void replied(long now, TcpRepr reply) {
        // The listener's own resets commit nothing; a member's reply is committed by the member,
        // unless it was recycled meanwhile (its connection is gone, and so is what it owed).
        if (replier != null) {
            replier.replied(now, reply);
            replier = null;
        }
    }

    /**
     * Which of a listener's connections the interface leaves out for now (one whose next hop
     * ARP is still resolving): each connection waits alone, and the others go on.
     */
    @FunctionalInterface
    public interface ConnectionFilter {
        ConnectionFilter NONE = connection -> false;

        boolean skips(TcpSocket connection);
    }

    @Override
    public boolean dispatch(long now, TcpRepr out) {
        return dispatch(now, out, ConnectionFilter.NONE);
    }

    /** As {@link #dispatch(long, TcpRepr)}, leaving out the connections {@code skipped} names. */
    public boolean dispatch(long now, TcpRepr out, ConnectionFilter skipped) {
        dispatched = null;
        for (int n = 0; n < count; n++) {
            int i = (nextDispatch + n) % count;
            if (skipped.skips(members[i])) {
                continue;
            }
            if (members[i].dispatch(now, out)) {
                dispatched = members[i];
                nextDispatch = (i + 1) % Math.max(count, 1);
                return true;
            }
            update(i);
        }
        sweep();
        return false;
    }

    /** The connection whose segment {@link #dispatch} just described, until it is {@link #sent}. */
    public TcpSocket dispatchedConnection() {
        if (dispatched == null) {
            throw new IllegalStateException("nothing was dispatched");
        }
        return dispatched;
    }

    @Override
    public void copyPayload(TcpRepr out, byte[] dst, int offset) {
        if (dispatched == null) {
            throw new IllegalStateException("nothing was dispatched");
        }
        dispatched.copyPayload(out, dst, offset);
    }

    @Override
    public boolean sent(long now, TcpRepr out) {
        if (dispatched == null) {
            throw new IllegalStateException("nothing was dispatched");
        }
        boolean retransmission = dispatched.sent(now, out);
        dispatched = null;
        for (int i = 0; i < count; i++) {
            update(i);
        }
        sweep();
        return retransmission;
    }

    @Override
    public long pollAt(long now) {
        return pollAt(now, ConnectionFilter.NONE);
    }

    /** As {@link #pollAt(long)}, leaving out the connections {@code skipped} names. */
    public long pollAt(long now, ConnectionFilter skipped) {
        long at = Micros.NEVER;
        for (int i = 0; i < count; i++) {
            if (!skipped.skips(members[i])) {
                at = Math.min(at, members[i].pollAt(now));
            }
        }
        return at;
    }

    // ------------------------------------------------------------------ members

    private int find(int localAddr, int remoteAddr, TcpRepr segment) {
        for (int i = 0; i < count; i++) {
            TcpSocket socket = members[i];
            if (socket.state() != TcpState.LISTEN && socket.accepts(localAddr, remoteAddr, segment)) {
                return i;
            }
        }
        return -1;
    }

    /** A half-open member that completed its handshake becomes ready. */
    private void update(int index) {
        if (!ready[index] && members[index].state().isSynchronized()) {
            ready[index] = true;
            order[index] = ++counter;
        }
    }

    /** Recycles members that went back to LISTEN, or closed with nothing left to send. */
    private void sweep() {
        for (int i = count - 1; i >= 0; i--) {
            TcpSocket socket = members[i];
            TcpState state = socket.state();
            boolean finished = state == TcpState.LISTEN
                    || state == TcpState.CLOSED && !socket.hasSomethingToSend();
            if (finished) {
                forgetReplier(socket);
                remove(i);
                socket.reset();
                spare.push(socket);
            }
        }
    }

    private void forgetReplier(TcpSocket socket) {
        if (replier == socket) {
            replier = null;
        }
    }

    private void remove(int index) {
        count--;
        members[index] = members[count];
        order[index] = order[count];
        ready[index] = ready[count];
        members[count] = null;
        if (nextDispatch >= count) {
            nextDispatch = 0;
        }
    }

    @Override
    public String toString() {
        return "tcp listener " + local + " (" + readyCount() + " ready, " + halfOpenCount() + " half-open, backlog "
                + backlog + ")";
    }
}

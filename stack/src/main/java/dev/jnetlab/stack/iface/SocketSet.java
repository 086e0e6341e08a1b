package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.rand.SplitMix64;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.LocalBindings;
import dev.jnetlab.stack.socket.Socket;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.SocketSummary;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.ConnectError;
import dev.jnetlab.stack.socket.tcp.ConnectionTable;
import dev.jnetlab.stack.socket.tcp.DeadlineHeap;
import dev.jnetlab.stack.socket.tcp.IsnGenerator;
import dev.jnetlab.stack.socket.tcp.IsnSource;
import dev.jnetlab.stack.socket.tcp.Ipv6PathMtu;
import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import dev.jnetlab.stack.socket.tcp.TcpEventListener;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpHandler;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.socket.tcp.TcpTimer;
import dev.jnetlab.stack.socket.tcp.TimeWaitTable;
import dev.jnetlab.stack.storage.BufferPool;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.IpAddress;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.TcpRepr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sockets an interface serves, each under a typed {@link SocketHandle}.
 *
 * <p><b>Handles.</b> {@link #add} gives a socket the next number of its kind (1, 2, 3, ...
 * for each of {@code tcp}, {@code udp} and {@code icmp}; never reused while the set lives) and
 * returns a handle typed by the socket's class, so {@code get(handle)} needs no cast. The
 * console prints handles as {@code udp#3}.
 *
 * <p><b>Internal sockets.</b> {@link #addInternal} takes a socket the host opened for itself
 * (the resolver's, the DHCP client's): the packet path serves it like any other, but it is
 * numbered apart ({@code internal udp#1}), and {@link #handle(String, int)}, {@link #handles()}
 * and {@link #summaries()}, which are what the console shows and types, leave it out. So the
 * user's first socket is {@code udp#1} whatever the host runs, and no {@code udp close 1}
 * takes the resolver's socket from under it.
 *
 * <p><b>Kinds.</b> The set keeps every socket in a table by handle, in the order added (and
 * by identity), so that looking one up, accepting and removing cost the same however many
 * there are; and the sockets of each kind in a list of their own, which the interface walks
 * with plain indexed loops on the packet path ({@link #udpCount()}/{@link #udpAt(int)}, the
 * same for ICMP, {@link #tcpListenerCount()}/{@link #tcpListenerAt(int)} for listeners): no
 * iterator, no allocation. TCP connections are not walked: the interface asks the due ones of
 * {@link #tcpDeadlines()}. Everything else the set needs from a socket is in {@link Socket}.
 *
 * <p><b>TCP.</b> A {@link TcpSocket} is one connection, a {@link TcpListener} a port with a
 * backlog; both are {@link TcpHandler}s the interface drives. A received segment goes to the
 * connection whose four numbers match, else to a listener of its port, else to a socket in
 * LISTEN ({@link #findTcp}): a listener takes anything for its port, so connections are tried
 * first. {@link #accept} moves an established connection out of a listener's backlog into the
 * set under a handle of its own ({@code tcp#N}); until then the listener serves it.
 * {@link #connect} opens a connection from an ephemeral port chosen here. What the set knows
 * reaches every TCP socket and listener it holds, and every connection a listener admits: the
 * link MTU (so the MSS option is {@code MTU - 40}), the ISN source (the interface's RFC 6528
 * generator, seeded by {@code --seed}; for sockets that have none of their own), and the
 * state-change listener set with {@link #setTcpEventListener} (for sockets that have none).
 *
 * <p><b>Ports.</b> The set is where local ports must be unique, so it chooses ephemeral ports
 * ({@link #ephemeralPort(SocketKind)}): a number from 49152 to 65535 (the dynamic range of
 * RFC 6335 section 6) drawn from a generator seeded at construction (the console's
 * {@code --seed}), then the next free one upward if that is taken (RFC 6056 section 3.3.1's
 * simple random choice with a linear search). The same seed gives the same ports every run.
 *
 * <p><b>MTU.</b> The interface tells the set its link MTU on every poll ({@link #setLinkMtu}),
 * so a socket that sets Don't Fragment can refuse an oversize datagram when it is sent, with
 * {@link SendError#FRAGMENTATION_NEEDED}, rather than lose it later.
 *
 * <p>Not thread-safe: the stack's event loop owns the set (ARCHITECTURE.md §2).
 */
public final class SocketSet implements LocalBindings {
    /** The first port of the dynamic range (RFC 6335 section 6). */
    public static final int EPHEMERAL_FIRST = 49152;
    /** The last port of the dynamic range. */
    public static final int EPHEMERAL_LAST = 65535;
    /** The link MTU assumed until an interface says otherwise: Ethernet's. */
    public static final int DEFAULT_LINK_MTU = 1500;

    /**
     * Every socket by its handle, in the order added; and by its identity. Hash tables, so that
     * a service's lookup on every poll, an accept and a close cost the same with 10,000 idle
     * connections as with none.
     */
    private final LinkedHashMap<SocketHandle<?>, Entry> entries = new LinkedHashMap<>();
    private final IdentityHashMap<Socket, Entry> bySocket = new IdentityHashMap<>();
    private UdpSocket[] udp = new UdpSocket[4];
    private int udpCount;
    private IcmpSocket[] icmp = new IcmpSocket[4];
    private int icmpCount;
    private TcpSocket[] tcp = new TcpSocket[4];
    private int tcpCount;
    private TcpListener[] listeners = new TcpListener[2];
    private int listenerCount;
    /**
     * The TCP sockets whose state changes the set hears ({@link #tcpForwarder} installed),
     * each mapped to whether it is in {@link #connections}: the set keeps its indexes from
     * those changes. An {@link IdentityHashMap} allocates nothing per entry.
     */
    private final IdentityHashMap<TcpSocket, Boolean> watched = new IdentityHashMap<>();
    /** The watched sockets that have four numbers (neither CLOSED nor in LISTEN), by them. */
    private final ConnectionTable connections = new ConnectionTable();
    /** The watched sockets in LISTEN, in the order they began to listen. */
    private TcpSocket[] listening = new TcpSocket[2];
    private int listeningCount;
    /** Sockets added with a state-change listener of their own: the set cannot follow them, so asks each, as before. */
    private TcpSocket[] unwatched = new TcpSocket[2];
    private int unwatchedCount;
    /** The TCP sockets by the instant each next wants a dispatch: what a poll asks, instead of every socket. */
    private final DeadlineHeap deadlines = new DeadlineHeap();
    /**
     * The connections something happened to on the network's side (a segment arrived, a timer
     * changed their state) since the owner last {@linkplain #clearTcpActivity cleared} the
     * list: what a server looks at instead of every connection it serves. Each once.
     */
    private TcpSocket[] active = new TcpSocket[16];
    private int activeCount;
    private final IdentityHashMap<TcpSocket, Boolean> isActive = new IdentityHashMap<>();
    /** The arrays behind the TCP connections' queues: taken when data comes, given back when a queue empties. */
    private final BufferPool bufferPool = new BufferPool();
    /** Connections in TIME-WAIT kept as records rather than sockets ({@link #retireToTimeWait}). */
    private final TimeWaitTable timeWaits = new TimeWaitTable();
    /** Sockets and listeners {@link #findTcp} and {@link #findTcpConnection} asked, in all. */
    private long tcpSocketsExamined;
    /** The next handle number of each kind's label ({@code tcp}, {@code udp}, {@code icmp}), by the label's first kind. */
    private final int[] nextIds = new int[SocketKind.values().length];
    /** The same for internal sockets, numbered apart so they take none of the user's numbers. */
    private final int[] nextInternalIds = new int[SocketKind.values().length];
    /** Ephemeral ports and echo identifiers: a sequence fixed by the seed alone. */
    private final SplitMix64 random;
    private int linkMtu = DEFAULT_LINK_MTU;
    private int linkTsoMaxSize;
    /** The interface's IPv6 path MTUs, which its connections over IPv6 start from; null until it polls the set. */
    private Ipv6PathMtu ipv6PathMtu;
    private final IsnSource isnSource;
    private TcpEventListener tcpEvents;
    /** Installed on the TCP sockets of the set: passes their state changes to {@link #tcpEvents}. */
    private final TcpEventListener tcpForwarder = this::forwardTcpEvent;

    private static final class Entry {
        final SocketHandle<?> handle;
        final Socket socket;
        /** Where a TCP connection is in {@link #tcp}, which removes by moving the last one there. */
        int tcpIndex = -1;

        Entry(SocketHandle<?> handle, Socket socket) {
            this.handle = handle;
            this.socket = socket;
        }
    }

    /** A set whose ephemeral ports come from seed 0. */
    public SocketSet() {
        this(0);
    }

    /**
     * A set whose ephemeral ports and identifiers are drawn from {@code seed}, and whose TCP
     * connections take their ISNs from an RFC 6528 generator keyed from it too.
     */
    public SocketSet(long seed) {
        this(seed, IsnGenerator.fromSeed(~seed));
    }

    /**
     * A set whose ephemeral ports and identifiers are drawn from {@code seed} and whose TCP
     * connections take their ISNs from {@code isnSource} (the interface's generator, see
     * {@code Interface.newSocketSet()}).
     */
    public SocketSet(long seed, IsnSource isnSource) {
        this.random = new SplitMix64(seed);
        this.isnSource = Objects.requireNonNull(isnSource, "isnSource");
    }

    private void forwardTcpEvent(long now, TcpSocket socket, TcpState from, TcpState to) {
        Boolean keyed = watched.get(socket);
        if (keyed != null) { // one of the set's own, not one in a listener's backlog
            index(socket, keyed, from, to);
        }
        TcpEventListener listener = tcpEvents;
        if (listener != null) {
            listener.onStateChange(now, socket, from, to);
        }
    }

    /**
     * Who hears about the state changes of every TCP connection in the set, those of its
     * listeners' backlogs included (the console's tracer, the labs); {@code null} for nobody.
     * Called on the event loop, in the middle of a poll or a user call: it must be quick and
     * must not call back into the socket. A socket given a listener of its own
     * ({@link TcpSocket#setEventListener}) before it was added keeps that one instead.
     */
    public void setTcpEventListener(TcpEventListener listener) {
        this.tcpEvents = listener;
    }

    /**
     * Adds {@code socket} and returns its handle. A UDP or ICMP socket belongs to one set: it
     * asks this set for ephemeral ports and checks its bindings here.
     *
     * @throws IllegalArgumentException if the socket is in a set already, or is bound to a
     *     port (identifier) that a socket of its kind here holds
     */
    public <T extends Socket> SocketHandle<T> add(T socket) {
        return add(socket, false);
    }

    /**
     * Adds {@code socket} as {@link #add} does, as one the host opened for itself: it gets an
     * internal handle, out of the user's numbering and listings.
     */
    public <T extends Socket> SocketHandle<T> addInternal(T socket) {
        return add(socket, true);
    }

    private <T extends Socket> SocketHandle<T> add(T socket, boolean internal) {
        Objects.requireNonNull(socket, "socket");
        int tcpIndex = -1;
        Entry present = bySocket.get(socket);
        if (present != null) {
            throw new IllegalArgumentException("the socket is in this set already as " + present.handle);
        }
        if (socket instanceof UdpSocket u) {
            if (u.isAttached()) {
                throw new IllegalArgumentException("the socket belongs to another set");
            }
            if (u.isBound() && findUdpConflict(u.local(), u) != null) {
                throw new IllegalArgumentException("UDP port " + u.localPort() + " is in use on this host");
            }
            u.attach(this);
            udp = grow(udp, udpCount);
            udp[udpCount++] = u;
        } else if (socket instanceof IcmpSocket c) {
            if (c.isAttached()) {
                throw new IllegalArgumentException("the socket belongs to another set");
            }
            if (c.isBound() && findIcmp(c.identifier()) != null) {
                throw new IllegalArgumentException("ICMP identifier " + c.identifier() + " is in use on this host");
            }
            c.attach(this);
            icmp = grow(icmp, icmpCount);
            icmp[icmpCount++] = c;
        } else if (socket instanceof TcpSocket t) {
            deadlines.add(t); // first: it refuses a socket another set holds
            adopt(t);
            tcp = grow(tcp, tcpCount);
            tcpIndex = tcpCount;
            tcp[tcpCount++] = t;
            if (t.eventListener() == tcpForwarder) {
                watched.put(t, Boolean.FALSE);
                index(t, false, TcpState.CLOSED, t.state());
            } else {
                unwatched = grow(unwatched, unwatchedCount);
                unwatched[unwatchedCount++] = t;
            }
        } else if (socket instanceof TcpListener l) {
            TcpListener other = findListenerConflict(l.local());
            if (other != null) {
                throw new IllegalArgumentException("TCP port " + l.local().port() + " is in use on this host by "
                        + handleOf(other).map(String::valueOf).orElse("a listener"));
            }
            l.setMtu(tcpMtu());
            l.setIpv6PathMtu(ipv6PathMtu);
            l.setTsoMaxSize(linkTsoMaxSize);
            l.setBufferPool(bufferPool);
            if (l.isnSource() == null) {
                l.setIsnSource(isnSource);
            }
            if (l.eventListener() == null) {
                l.setEventListener(tcpForwarder);
            }
            listeners = grow(listeners, listenerCount);
            listeners[listenerCount++] = l;
        }
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) socket.getClass();
        SocketHandle<T> handle = new SocketHandle<>(nextId(socket.kind(), internal ? nextInternalIds : nextIds),
                socket.kind(), type, internal);
        Entry entry = new Entry(handle, socket);
        entry.tcpIndex = tcpIndex;
        entries.put(handle, entry);
        bySocket.put(socket, entry);
        return handle;
    }

    /** The next number of the kind's label: connections and listeners share {@code tcp}'s. */
    private static int nextId(SocketKind kind, int[] counters) {
        SocketKind label = kind == SocketKind.TCP_LISTENER ? SocketKind.TCP : kind;
        return ++counters[label.ordinal()];
    }

    /**
     * Keeps the indexes of a watched socket that went from {@code from} to {@code to}: in
     * {@link #connections} while it has four numbers, in {@link #listening} while in LISTEN.
     * A socket changes its numbers only by way of CLOSED or LISTEN, so this is every change.
     */
    private void index(TcpSocket socket, boolean keyed, TcpState from, TcpState to) {
        if (from == TcpState.LISTEN) {
            listeningCount = removeFrom(listening, listeningCount, socket);
        }
        if (to == TcpState.LISTEN) {
            listening = grow(listening, listeningCount);
            listening[listeningCount++] = socket;
        }
        boolean key = to != TcpState.CLOSED && to != TcpState.LISTEN;
        if (key && !keyed) {
            connections.put(socket);
            watched.put(socket, Boolean.TRUE);
        } else if (!key && keyed) {
            connections.remove(socket);
            watched.put(socket, Boolean.FALSE);
        }
    }

    /** What the set gives a TCP socket it takes in: the MTU, the IPv6 path MTUs and TSO limit, and an ISN source and event listener if it has none. */
    private void adopt(TcpSocket socket) {
        socket.setMtu(tcpMtu());
        socket.setIpv6PathMtu(ipv6PathMtu);
        socket.setTsoMaxSize(linkTsoMaxSize);
        socket.useBufferPool(bufferPool);
        if (!socket.hasIsnSource()) {
            socket.setIsnSource(isnSource);
        }
        if (socket.eventListener() == null) {
            socket.setEventListener(tcpForwarder);
        }
    }

    /** The link MTU as TCP takes it: at least 104 octets, the headers and the smallest MSS honoured. */
    private int tcpMtu() {
        return Math.max(linkMtu, TcpSocket.HEADERS_LENGTH + TcpSocket.MIN_PEER_MSS);
    }

    /** The listener whose port and address (either on every address, or the same one) collide with {@code local}'s. */
    private TcpListener findListenerConflict(IpEndpoint local) {
        for (int i = 0; i < listenerCount; i++) {
            IpEndpoint bound = listeners[i].local();
            if (bound.port() == local.port() && (bound.address().isUnspecified() || local.address().isUnspecified()
                    || bound.address().equals(local.address()))) {
                return listeners[i];
            }
        }
        return null;
    }

    private static <S> S[] grow(S[] array, int count) {
        return count < array.length ? array : Arrays.copyOf(array, array.length * 2);
    }

    /**
     * The socket behind {@code handle}.
     *
     * @throws IllegalArgumentException if it was removed, or the handle is another set's
     */
    public <T extends Socket> T get(SocketHandle<T> handle) {
        Entry entry = entry(handle);
        if (entry == null) {
            throw new IllegalArgumentException("no socket " + handle + " (it was closed, or belongs to another set)");
        }
        return handle.type().cast(entry.socket);
    }

    private Entry entry(SocketHandle<?> handle) {
        // Services look their sockets up on every poll: a hash lookup, no iterator.
        return entries.get(handle);
    }

    /** Whether {@code handle} names a socket in this set. */
    public boolean contains(SocketHandle<?> handle) {
        return entry(handle) != null;
    }

    /**
     * The handle numbered {@code id} among the sockets whose kind prints as {@code label}
     * ({@code tcp} takes in connections and listeners): what the console needs for
     * {@code tcp#3}, or a bare {@code 3} in a {@code tcp} command. Internal sockets are not
     * among them.
     */
    public Optional<SocketHandle<?>> handle(String label, int id) {
        for (Entry entry : entries.values()) {
            if (!entry.handle.internal() && entry.handle.id() == id && entry.handle.kind().label().equals(label)) {
                return Optional.of(entry.handle);
            }
        }
        return Optional.empty();
    }

    /**
     * Removes the socket behind {@code handle}, releasing its port; false if it was not here.
     * A TCP connection removed is no longer driven: close or abort it first and poll until it
     * is CLOSED (or TIME-WAIT) if its peer should know. A listener removed takes its backlog
     * with it; {@link TcpListener#close()} and a poll first send its half-open connections
     * their resets.
     */
    public boolean remove(SocketHandle<?> handle) {
        Entry entry = entry(handle);
        if (entry == null) {
            return false;
        }
        entries.remove(handle);
        bySocket.remove(entry.socket);
        if (entry.socket instanceof UdpSocket u) {
            udpCount = removeFrom(udp, udpCount, u);
            u.detach();
        } else if (entry.socket instanceof IcmpSocket c) {
            icmpCount = removeFrom(icmp, icmpCount, c);
            c.detach();
        } else if (entry.socket instanceof TcpSocket t) {
            TcpSocket last = tcp[--tcpCount];
            if (last != t) {
                tcp[entry.tcpIndex] = last;
                bySocket.get(last).tcpIndex = entry.tcpIndex;
            }
            tcp[tcpCount] = null;
            deadlines.remove(t);
            if (isActive.remove(t) != null) {
                activeCount = removeFrom(active, activeCount, t);
            }
            t.useBufferPool(null); // an empty queue's array goes back to the pool now
            Boolean keyed = watched.remove(t);
            if (keyed == null) {
                unwatchedCount = removeFrom(unwatched, unwatchedCount, t);
            } else {
                if (keyed) {
                    connections.remove(t);
                }
                listeningCount = removeFrom(listening, listeningCount, t);
            }
            if (t.eventListener() == tcpForwarder) {
                t.setEventListener(null);
            }
        } else if (entry.socket instanceof TcpListener l) {
            listenerCount = removeFrom(listeners, listenerCount, l);
            l.setBufferPool(null);
            if (l.eventListener() == tcpForwarder) {
                l.setEventListener(null);
            }
        }
        return true;
    }

    private static <S> int removeFrom(S[] array, int count, S socket) {
        for (int i = 0; i < count; i++) {
            if (array[i] == socket) {
                System.arraycopy(array, i + 1, array, i, count - i - 1);
                array[count - 1] = null;
                return count - 1;
            }
        }
        return count;
    }

    /** How many sockets the set holds. */
    public int size() {
        return entries.size();
    }

    /** The handle of {@code socket} if it is in this set (for a TCP state change, say). */
    public Optional<SocketHandle<?>> handleOf(Socket socket) {
        Entry entry = bySocket.get(socket);
        return entry == null ? Optional.empty() : Optional.of(entry.handle);
    }

    /** The handle of every socket the user opened (no internal one), in the order the sockets were added. */
    public List<SocketHandle<?>> handles() {
        return handles(false);
    }

    /** Every handle, internal ones included, in the order the sockets were added: for closing them all. */
    public List<SocketHandle<?>> allHandles() {
        return handles(true);
    }

    private List<SocketHandle<?>> handles(boolean withInternal) {
        List<SocketHandle<?>> handles = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            if (withInternal || !entry.handle.internal()) {
                handles.add(entry.handle);
            }
        }
        return List.copyOf(handles);
    }

    /** A line per socket the user opened (no internal one) for the console's {@code sockets}, in the order they were added. */
    public List<SocketSummary> summaries() {
        List<SocketSummary> summaries = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            if (entry.handle.internal()) {
                continue;
            }
            Socket socket = entry.socket;
            summaries.add(new SocketSummary(entry.handle, socket.kind(), socket.local(), socket.remote(),
                    socket.stateName(), socket.recvQueue(), socket.sendQueue()));
        }
        return List.copyOf(summaries);
    }

    /** The earliest {@link Socket#pollAt} of every socket, or {@link Micros#NEVER}. */
    public long pollAt(long now) {
        long at = Micros.NEVER;
        for (Entry entry : entries.values()) {
            at = Math.min(at, entry.socket.pollAt(now));
        }
        return at;
    }

    /**
     * The earliest {@link Socket#pollAt} of the UDP and ICMP sockets, or {@link Micros#NEVER}:
     * the interface weighs the TCP handlers' own deadlines itself (one waiting for ARP is not
     * due however ready it is).
     */
    public long datagramPollAt(long now) {
        long at = Micros.NEVER;
        for (int i = 0; i < udpCount; i++) {
            at = Math.min(at, udp[i].pollAt(now));
        }
        for (int i = 0; i < icmpCount; i++) {
            at = Math.min(at, icmp[i].pollAt(now));
        }
        return at;
    }

    // ---- for the interface: the packet path walks these without allocating ----

    public int udpCount() {
        return udpCount;
    }

    public UdpSocket udpAt(int index) {
        Objects.checkIndex(index, udpCount);
        return udp[index];
    }

    public int icmpCount() {
        return icmpCount;
    }

    public IcmpSocket icmpAt(int index) {
        Objects.checkIndex(index, icmpCount);
        return icmp[index];
    }

    /**
     * The TCP sockets of the set (not the listeners) by the instant each next wants its
     * dispatch: the interface polls the due ones only, so a poll's cost does not grow with
     * idle connections.
     */
    public DeadlineHeap tcpDeadlines() {
        return deadlines;
    }

    /**
     * The arrays behind the TCP queues of this set, kept for reuse up to
     * {@link BufferPool#DEFAULT_LIMIT} octets: {@code stats} shows what it holds.
     */
    public BufferPool bufferPool() {
        return bufferPool;
    }

    /** The interface saw something happen to {@code socket}: a segment it took, a state a timer changed. */
    public void noteTcpActivity(TcpSocket socket) {
        if (isActive.put(socket, Boolean.TRUE) == null) {
            active = grow(active, activeCount);
            active[activeCount++] = socket;
        }
    }

    /** How many connections something happened to since {@link #clearTcpActivity}. */
    public int tcpActivityCount() {
        return activeCount;
    }

    /** The {@code index}th connection something happened to, in the order noted. */
    public TcpSocket tcpActivityAt(int index) {
        Objects.checkIndex(index, activeCount);
        return active[index];
    }

    /** The owner has served the connections noted so far (the host does, once its services have polled). */
    public void clearTcpActivity() {
        for (int i = 0; i < activeCount; i++) {
            isActive.remove(active[i]);
            active[i] = null;
        }
        activeCount = 0;
    }

    public int tcpListenerCount() {
        return listenerCount;
    }

    public TcpListener tcpListenerAt(int index) {
        Objects.checkIndex(index, listenerCount);
        return listeners[index];
    }

    /** TCP connections and listeners: the connections first (a removal moves the last into its place), then the listeners. */
    public int tcpHandlerCount() {
        return tcpCount + listenerCount;
    }

    public TcpHandler tcpHandlerAt(int index) {
        Objects.checkIndex(index, tcpCount + listenerCount);
        return index < tcpCount ? tcp[index] : listeners[index - tcpCount];
    }

    /**
     * The handler a received segment to {@code localAddr} from {@code remoteAddr} belongs to:
     * the connection whose four numbers match (found by them in a hash table, so the cost does
     * not grow with the connections open or idle); else a listener of its port (which also
     * serves the connections in its backlog); else a socket in LISTEN on the port. Null when
     * there is none, and the segment gets a reset. Allocates nothing.
     */
    public TcpHandler findTcp(int localAddr, int remoteAddr, TcpRepr segment) {
        connections.find(localAddr, segment.destinationPort(), remoteAddr, segment.sourcePort());
        for (TcpSocket socket = connections.next(); socket != null; socket = connections.next()) {
            tcpSocketsExamined++;
            if (socket.accepts(localAddr, remoteAddr, segment)) {
                return socket;
            }
        }
        if (timeWaits.size() > 0 && timeWaits.accepts(localAddr, remoteAddr, segment) && !timeWaits.reopens(segment)) {
            return timeWaits;
        }
        TcpSocket listen = null;
        for (int i = 0; i < unwatchedCount; i++) {
            TcpSocket socket = unwatched[i];
            tcpSocketsExamined++;
            if (socket.state() == TcpState.LISTEN) {
                if (listen == null && socket.accepts(localAddr, remoteAddr, segment)) {
                    listen = socket;
                }
            } else if (socket.accepts(localAddr, remoteAddr, segment)) {
                return socket;
            }
        }
        for (int i = 0; i < listenerCount; i++) {
            tcpSocketsExamined++;
            if (listeners[i].accepts(localAddr, remoteAddr, segment)) {
                return listeners[i];
            }
        }
        for (int i = 0; listen == null && i < listeningCount; i++) {
            tcpSocketsExamined++;
            if (listening[i].accepts(localAddr, remoteAddr, segment)) {
                listen = listening[i];
            }
        }
        return listen;
    }

    /**
     * The connection (not a socket in LISTEN, not one in a listener's backlog) with these four
     * numbers, or null: whom an ICMP error quoting one of its segments is about.
     */
    public TcpSocket findTcpConnection(int localAddr, int localPort, int remoteAddr, int remotePort) {
        connections.find(localAddr, localPort, remoteAddr, remotePort);
        for (TcpSocket socket = connections.next(); socket != null; socket = connections.next()) {
            tcpSocketsExamined++;
            if (isConnection(socket, localAddr, localPort, remoteAddr, remotePort)) {
                return socket;
            }
        }
        for (int i = 0; i < unwatchedCount; i++) {
            tcpSocketsExamined++;
            if (isConnection(unwatched[i], localAddr, localPort, remoteAddr, remotePort)) {
                return unwatched[i];
            }
        }
        return null;
    }

    private static boolean isConnection(TcpSocket socket, int localAddr, int localPort, int remoteAddr, int remotePort) {
        TcpState state = socket.state();
        return state != TcpState.LISTEN && state != TcpState.CLOSED && socket.localPort() == localPort
                && socket.remotePort() == remotePort && socket.localAddress() == localAddr
                && socket.remoteAddress() == remoteAddr;
    }

    /**
     * Replaces {@code socket}, a connection of this set in TIME-WAIT with nothing left to send, by
     * a TIME-WAIT record of a few numbers ({@link TimeWaitTable}): the socket and its buffers
     * leave the set (the handle is gone), and the record answers for its four numbers until
     * the TIME-WAIT ends, as the socket would have. What a server does with the connections it
     * closed (Linux keeps such connections as {@code inet_timewait_sock}). Returns false,
     * changing nothing, if the socket is not here, or not in TIME-WAIT with nothing to send.
     */
    public boolean retireToTimeWait(long now, TcpSocket socket) {
        Optional<SocketHandle<?>> handle = handleOf(socket);
        if (handle.isEmpty() || socket.state() != TcpState.TIME_WAIT || socket.hasSomethingToSend()) {
            return false;
        }
        TcpControlBlock block = socket.controlBlock(now);
        long remaining = socket.timeWaitDuration();
        for (TcpControlBlock.ArmedTimer armed : block.timers()) {
            if (armed.timer() == TcpTimer.TIME_WAIT) {
                remaining = armed.remaining();
            }
        }
        int window = Math.min(0xFFFF, block.rcvWnd() >>> block.rcvWindowShift());
        timeWaits.add(socket, block.sndNxt(), block.rcvNxt(), window, remaining, now);
        remove(handle.get());
        return true;
    }

    /** Forgets the TIME-WAIT records whose time is over; the interface calls it before it looks for a segment's handler. */
    public void expireTimeWaits(long now) {
        timeWaits.expire(now);
    }

    /** How many connections are in TIME-WAIT as records. */
    public int timeWaitRecords() {
        return timeWaits.size();
    }

    /**
     * How many connections the set finds by their four numbers now: those of its sockets that
     * are neither CLOSED nor in LISTEN (a socket removed, or closed, leaves the table; the leak
     * tests count this).
     */
    public int indexedTcpConnections() {
        return connections.size();
    }

    /**
     * How many sockets and listeners the search for a received segment's handler, or for the
     * connection an ICMP error names, has asked in all: with the connection table, a few per
     * search however many connections there are (the cost tests count this, not time).
     */
    public long tcpSocketsExamined() {
        return tcpSocketsExamined;
    }

    /**
     * Moves the oldest established connection waiting in the backlog of the listener behind
     * {@code handle} into the set, and returns its new handle; empty when none is waiting.
     * From then on the interface drives the connection directly, and it is read, written and
     * closed through its handle like any socket.
     *
     * @throws IllegalArgumentException if the handle names no socket here
     */
    public Optional<SocketHandle<TcpSocket>> accept(SocketHandle<TcpListener> handle) {
        TcpListener listener = get(handle);
        Optional<TcpSocket> connection = listener.accept();
        // Not connection.map(this::add): servers ask on every poll, and the method reference would be garbage each time.
        return connection.isEmpty() ? Optional.empty() : Optional.of(add(connection.get(), handle.internal()));
    }

    /**
     * Active open of the connection behind {@code handle}, from {@code local} to
     * {@code remote}. A local port of 0 is replaced by a free ephemeral port (as UDP's bind
     * does); the local address must be given ({@code Interface.connect} chooses it by route).
     * The SYN goes out on the next poll.
     *
     * @throws TcpException.Connect with {@link ConnectError#UNADDRESSABLE} if the local address
     *     or the remote endpoint is missing, {@link ConnectError#ADDRESS_IN_USE} if a listener
     *     here holds the local port or another connection has the same four numbers,
     *     {@link ConnectError#EXHAUSTED} if every ephemeral port is taken,
     *     {@link ConnectError#INVALID_STATE} if the socket is not closed
     */
    public void connect(long now, SocketHandle<TcpSocket> handle, Endpoint local, Endpoint remote)
            throws TcpException.Connect {
        TcpSocket socket = get(handle);
        if (local.address() == 0 || !remote.isSpecified()) {
            throw new TcpException.Connect(ConnectError.UNADDRESSABLE,
                    "a connection needs a local address and a remote address and port: " + local + " -> " + remote);
        }
        int port = local.port();
        if (port == 0) {
            port = ephemeralPort(SocketKind.TCP);
            if (port < 0) {
                throw new TcpException.Connect(ConnectError.EXHAUSTED, "every ephemeral TCP port (49152-65535) is in use");
            }
        } else {
            if (findListenerConflict(IpEndpoint.of(local)) != null) {
                throw new TcpException.Connect(ConnectError.ADDRESS_IN_USE, "TCP port " + port + " is held by a listener");
            }
            TcpSocket other = findTcpConnection(local.address(), port, remote.address(), remote.port());
            if (other != null && other != socket && other.isActive()) {
                throw new TcpException.Connect(ConnectError.ADDRESS_IN_USE, "a connection " + local + " -> " + remote
                        + " exists already (" + handleOf(other).map(String::valueOf).orElse("?") + ")");
            }
        }
        socket.connect(now, new Endpoint(local.address(), port), remote);
    }

    /**
     * Opens the connection of {@code handle} from {@code local} to {@code remote} in either
     * family, as {@link #connect(long, SocketHandle, Endpoint, Endpoint)} does for IPv4 (the
     * local port 0 an ephemeral one; a port a listener holds refused). Over IPv6 the tables
     * file the connection under its addresses' folds ({@link Ipv6Address#fold}).
     */
    public void connect(long now, SocketHandle<TcpSocket> handle, IpEndpoint local, IpEndpoint remote)
            throws TcpException.Connect {
        if (!local.isIpv6() && !remote.isIpv6()) {
            connect(now, handle, local.toIpv4(), remote.toIpv4());
            return;
        }
        TcpSocket socket = get(handle);
        if (local.address().isUnspecified() || !remote.isSpecified() || local.isIpv6() != remote.isIpv6()) {
            throw new TcpException.Connect(ConnectError.UNADDRESSABLE,
                    "a connection needs a local address and a remote address and port of one family: "
                            + local + " -> " + remote);
        }
        int port = local.port();
        if (port == 0) {
            port = ephemeralPort(SocketKind.TCP);
            if (port < 0) {
                throw new TcpException.Connect(ConnectError.EXHAUSTED, "every ephemeral TCP port (49152-65535) is in use");
            }
        } else if (findListenerConflict(new IpEndpoint(Ipv4Address.of(0), port)) != null) {
            throw new TcpException.Connect(ConnectError.ADDRESS_IN_USE, "TCP port " + port + " is held by a listener");
        }
        socket.connect(now, new IpEndpoint(local.address(), port), remote);
    }

    /**
     * The UDP socket a datagram to {@code dstAddr:dstPort} belongs to: bound to that port, and
     * to that address or to every address. For a broadcast destination only sockets bound to
     * every address match. Null when there is none.
     */
    public UdpSocket findUdp(int dstAddr, int dstPort, boolean broadcast) {
        UdpSocket wildcard = null;
        for (int i = 0; i < udpCount; i++) {
            UdpSocket socket = udp[i];
            if (socket.localPort() != dstPort || !socket.isBound()) {
                continue;
            }
            int bound = socket.localAddressBits();
            if (bound == 0) {
                wildcard = socket;
            } else if (bound == dstAddr && !broadcast && !socket.isBoundToIpv6()) {
                return socket;
            }
        }
        return wildcard;
    }

    /**
     * The UDP socket a datagram to the IPv6 address {@code dstHigh:dstLow}, port {@code dstPort},
     * belongs to: bound to that port, and to that address or to every address (of both
     * families). For a multicast destination only sockets bound to every address match. Null
     * when there is none. Allocates nothing.
     */
    public UdpSocket findUdp6(long dstHigh, long dstLow, int dstPort, boolean multicast) {
        UdpSocket wildcard = null;
        for (int i = 0; i < udpCount; i++) {
            UdpSocket socket = udp[i];
            if (socket.localPort() != dstPort || !socket.isBound()) {
                continue;
            }
            if (socket.localAddressBits() == 0) {
                wildcard = socket;
            } else if (socket.isBoundToIpv6() && !multicast && socket.boundHigh() == dstHigh && socket.boundLow() == dstLow) {
                return socket;
            }
        }
        return wildcard;
    }

    /** The ICMP socket bound to echo identifier {@code identifier}, or null. */
    @Override
    public IcmpSocket findIcmp(int identifier) {
        for (int i = 0; i < icmpCount; i++) {
            if (icmp[i].isBound() && icmp[i].identifier() == identifier) {
                return icmp[i];
            }
        }
        return null;
    }

    /** The link MTU the interface last reported (IPv4 datagram size, headers included). */
    @Override
    public int linkMtu() {
        return linkMtu;
    }

    /**
     * Called by the interface on each poll with its device's MTU; a change reaches every TCP
     * socket and listener (allocating nothing).
     */
    public void setLinkMtu(int mtu) {
        if (mtu < 68) {
            throw new IllegalArgumentException("an IPv4 link carries at least 68 octets (RFC 791), not " + mtu);
        }
        if (mtu == linkMtu) {
            return;
        }
        this.linkMtu = mtu;
        int forTcp = tcpMtu();
        for (int i = 0; i < tcpCount; i++) {
            tcp[i].setMtu(forTcp);
        }
        for (int i = 0; i < listenerCount; i++) {
            listeners[i].setMtu(forTcp);
        }
    }

    /**
     * Called by the interface on each poll with its device's TSO limit
     * ({@link dev.jnetlab.stack.phy.DeviceCapabilities#tsoMaxSize()}); a change reaches every
     * TCP socket and listener (allocating nothing).
     */
    public void setLinkTsoMaxSize(int tsoMaxSize) {
        if (tsoMaxSize == linkTsoMaxSize) {
            return;
        }
        this.linkTsoMaxSize = tsoMaxSize;
        for (int i = 0; i < tcpCount; i++) {
            tcp[i].setTsoMaxSize(tsoMaxSize);
        }
        for (int i = 0; i < listenerCount; i++) {
            listeners[i].setTsoMaxSize(tsoMaxSize);
        }
    }

    /**
     * Called by the interface on each poll with its IPv6 path MTUs (RFC 8201), which every TCP
     * socket and listener of the set then asks when a connection over IPv6 opens.
     */
    public void setIpv6PathMtu(Ipv6PathMtu pathMtu) {
        if (pathMtu == ipv6PathMtu) {
            return;
        }
        this.ipv6PathMtu = pathMtu;
        for (int i = 0; i < tcpCount; i++) {
            tcp[i].setIpv6PathMtu(pathMtu);
        }
        for (int i = 0; i < listenerCount; i++) {
            listeners[i].setIpv6PathMtu(pathMtu);
        }
    }

    // ---- ports ----

    /** Whether a socket of {@code kind} here is bound to local port {@code port} (on any address). */
    public boolean isPortInUse(SocketKind kind, int port) {
        for (Entry entry : entries.values()) {
            if (entry.socket.kind() == kind && entry.socket.localEndpoint().port() == port) {
                return true;
            }
        }
        return false;
    }

    /**
     * A free port from 49152 to 65535 for a socket of {@code kind}, drawn from the seeded
     * generator, or -1 if every one is taken. For TCP a port is taken if a connection or a
     * listener has it.
     */
    @Override
    public int ephemeralPort(SocketKind kind) {
        boolean tcpKind = kind == SocketKind.TCP || kind == SocketKind.TCP_LISTENER;
        int range = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
        int start = (int) ((random.nextLong() >>> 33) % range);
        for (int i = 0; i < range; i++) {
            int port = EPHEMERAL_FIRST + (start + i) % range;
            boolean taken = tcpKind ? isPortInUse(SocketKind.TCP, port) || isPortInUse(SocketKind.TCP_LISTENER, port)
                    : isPortInUse(kind, port);
            if (!taken) {
                return port;
            }
        }
        return -1;
    }

    /** A free echo identifier (0 to 65535) drawn from the seeded generator, or -1 if every one is taken. */
    @Override
    public int ephemeralIdentifier() {
        int start = (int) (random.nextLong() >>> 48);
        for (int i = 0; i < 65536; i++) {
            int id = (start + i) & 0xFFFF;
            if (findIcmp(id) == null) {
                return id;
            }
        }
        return -1;
    }

    @Override
    public UdpSocket findUdpConflict(IpEndpoint local, UdpSocket self) {
        for (int i = 0; i < udpCount; i++) {
            UdpSocket other = udp[i];
            if (other != self && other.isBound() && other.localPort() == local.port()) {
                IpAddress bound = other.local().address();
                if (bound.isUnspecified() || local.address().isUnspecified() || bound.equals(local.address())) {
                    return other;
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "SocketSet" + allHandles();
    }
}

package dev.jnetlab.stack.socket;

import dev.jnetlab.stack.time.Micros;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sockets an interface serves, each under a typed {@link SocketHandle}.
 *
 * <p><b>Handles.</b> {@link #add} gives a socket the next number (1, 2, 3, ...; never reused
 * while the set lives) and returns a handle typed by the socket's class, so
 * {@code get(handle)} needs no cast. The console prints handles as {@code udp#3}.
 *
 * <p><b>Kinds.</b> The set keeps every socket in one list, in the order added, and the
 * sockets of each kind in a list of their own, which the interface walks with plain indexed
 * loops on the packet path ({@link #udpCount()}/{@link #udpAt(int)}, and the same for ICMP):
 * no iterator, no allocation. A kind that arrives later (TCP connections and listeners,
 * which live in their own package) gets its own list the same way and goes through the same
 * {@code add}/{@code get}/{@code remove}/{@link #summaries()}, because everything the set
 * needs from a socket is in {@link Socket}.
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
 * <p>Not thread-safe: the stack's event loop owns the set (DESIGN §2).
 */
public final class SocketSet {
    /** The first port of the dynamic range (RFC 6335 section 6). */
    public static final int EPHEMERAL_FIRST = 49152;
    /** The last port of the dynamic range. */
    public static final int EPHEMERAL_LAST = 65535;
    /** The link MTU assumed until an interface says otherwise: Ethernet's. */
    public static final int DEFAULT_LINK_MTU = 1500;

    private final List<Entry> entries = new ArrayList<>();
    private UdpSocket[] udp = new UdpSocket[4];
    private int udpCount;
    private IcmpSocket[] icmp = new IcmpSocket[4];
    private int icmpCount;
    private int nextId = 1;
    private long randomState;
    private int linkMtu = DEFAULT_LINK_MTU;

    private record Entry(SocketHandle<?> handle, Socket socket) {
    }

    /** A set whose ephemeral ports come from seed 0. */
    public SocketSet() {
        this(0);
    }

    /** A set whose ephemeral ports and identifiers are drawn from {@code seed}. */
    public SocketSet(long seed) {
        this.randomState = seed;
    }

    /**
     * Adds {@code socket} and returns its handle. A UDP or ICMP socket belongs to one set: it
     * asks this set for ephemeral ports and checks its bindings here.
     *
     * @throws IllegalArgumentException if the socket is in a set already, or is bound to a
     *     port (identifier) that a socket of its kind here holds
     */
    public <T extends Socket> SocketHandle<T> add(T socket) {
        Objects.requireNonNull(socket, "socket");
        for (Entry entry : entries) {
            if (entry.socket == socket) {
                throw new IllegalArgumentException("the socket is in this set already as " + entry.handle);
            }
        }
        if (socket instanceof UdpSocket u) {
            if (u.owner() != null) {
                throw new IllegalArgumentException("the socket belongs to another set");
            }
            if (u.isBound() && findUdpConflict(u.localAddressBits(), u.localPort(), u) != null) {
                throw new IllegalArgumentException("UDP port " + u.localPort() + " is in use in this set");
            }
            u.attach(this);
            udp = grow(udp, udpCount);
            udp[udpCount++] = u;
        } else if (socket instanceof IcmpSocket c) {
            if (c.owner() != null) {
                throw new IllegalArgumentException("the socket belongs to another set");
            }
            if (c.isBound() && findIcmp(c.identifier()) != null) {
                throw new IllegalArgumentException("ICMP identifier " + c.identifier() + " is in use in this set");
            }
            c.attach(this);
            icmp = grow(icmp, icmpCount);
            icmp[icmpCount++] = c;
        }
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) socket.getClass();
        SocketHandle<T> handle = new SocketHandle<>(nextId++, socket.kind(), type);
        entries.add(new Entry(handle, socket));
        return handle;
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
        for (Entry entry : entries) {
            if (entry.handle.equals(handle)) {
                return entry;
            }
        }
        return null;
    }

    /** Whether {@code handle} names a socket in this set. */
    public boolean contains(SocketHandle<?> handle) {
        return entry(handle) != null;
    }

    /** The handle numbered {@code id}, whatever its kind: what the console needs for a bare {@code 3}. */
    public Optional<SocketHandle<?>> handle(int id) {
        for (Entry entry : entries) {
            if (entry.handle.id() == id) {
                return Optional.of(entry.handle);
            }
        }
        return Optional.empty();
    }

    /** Removes the socket behind {@code handle}, releasing its port; false if it was not here. */
    public boolean remove(SocketHandle<?> handle) {
        Entry entry = entry(handle);
        if (entry == null) {
            return false;
        }
        entries.remove(entry);
        if (entry.socket instanceof UdpSocket u) {
            udpCount = removeFrom(udp, udpCount, u);
            u.detach();
        } else if (entry.socket instanceof IcmpSocket c) {
            icmpCount = removeFrom(icmp, icmpCount, c);
            c.detach();
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

    /** Every handle, in the order the sockets were added. */
    public List<SocketHandle<?>> handles() {
        List<SocketHandle<?>> handles = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            handles.add(entry.handle);
        }
        return List.copyOf(handles);
    }

    /** A line per socket for the console's {@code sockets}, in the order they were added. */
    public List<SocketSummary> summaries() {
        List<SocketSummary> summaries = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            Socket socket = entry.socket;
            summaries.add(new SocketSummary(entry.handle, socket.kind(), socket.localEndpoint(), socket.remoteEndpoint(),
                    socket.stateName(), socket.recvQueue(), socket.sendQueue()));
        }
        return List.copyOf(summaries);
    }

    /** The earliest {@link Socket#pollAt} of every socket, or {@link Micros#NEVER}. */
    public long pollAt(long now) {
        long at = Micros.NEVER;
        for (int i = 0; i < entries.size(); i++) {
            at = Math.min(at, entries.get(i).socket.pollAt(now));
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
            } else if (bound == dstAddr && !broadcast) {
                return socket;
            }
        }
        return wildcard;
    }

    /** The ICMP socket bound to echo identifier {@code identifier}, or null. */
    public IcmpSocket findIcmp(int identifier) {
        for (int i = 0; i < icmpCount; i++) {
            if (icmp[i].isBound() && icmp[i].identifier() == identifier) {
                return icmp[i];
            }
        }
        return null;
    }

    /** The link MTU the interface last reported (IPv4 datagram size, headers included). */
    public int linkMtu() {
        return linkMtu;
    }

    /** Called by the interface on each poll with its device's MTU. */
    public void setLinkMtu(int mtu) {
        if (mtu < 68) {
            throw new IllegalArgumentException("an IPv4 link carries at least 68 octets (RFC 791), not " + mtu);
        }
        this.linkMtu = mtu;
    }

    // ---- ports ----

    /** Whether a socket of {@code kind} here is bound to local port {@code port} (on any address). */
    public boolean isPortInUse(SocketKind kind, int port) {
        for (Entry entry : entries) {
            if (entry.socket.kind() == kind && entry.socket.localEndpoint().port() == port) {
                return true;
            }
        }
        return false;
    }

    /**
     * A free port from 49152 to 65535 for a socket of {@code kind}, drawn from the seeded
     * generator, or -1 if every one is taken.
     */
    public int ephemeralPort(SocketKind kind) {
        int range = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
        int start = (int) ((nextRandom() >>> 33) % range);
        for (int i = 0; i < range; i++) {
            int port = EPHEMERAL_FIRST + (start + i) % range;
            if (!isPortInUse(kind, port)) {
                return port;
            }
        }
        return -1;
    }

    /** A free echo identifier (0 to 65535) drawn from the seeded generator, or -1 if every one is taken. */
    public int ephemeralIdentifier() {
        int start = (int) (nextRandom() >>> 48);
        for (int i = 0; i < 65536; i++) {
            int id = (start + i) & 0xFFFF;
            if (findIcmp(id) == null) {
                return id;
            }
        }
        return -1;
    }

    /** The UDP socket other than {@code self} whose binding collides with {@code address:port}, or null. */
    UdpSocket findUdpConflict(int address, int port, UdpSocket self) {
        for (int i = 0; i < udpCount; i++) {
            UdpSocket other = udp[i];
            if (other != self && other.isBound() && other.localPort() == port) {
                int bound = other.localAddressBits();
                if (bound == 0 || address == 0 || bound == address) {
                    return other;
                }
            }
        }
        return null;
    }

    /** SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): a sequence fixed by the seed alone. */
    private long nextRandom() {
        randomState += 0x9E3779B97F4A7C15L;
        long z = randomState;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "SocketSet" + handles();
    }
}

package dev.jnetlab.stack.socket;

import dev.jnetlab.stack.storage.PacketBuffer;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.UdpPacket;
import java.util.Arrays;

/**
 * A UDP socket (RFC 768): bound to a local port (and optionally one local address), it sends
 * datagrams to any endpoint and receives the datagrams sent to its port.
 *
 * <p><b>Buffers.</b> Each direction is a {@link PacketBuffer}, bounded by datagram count and
 * by payload octets. A datagram that arrives when the receive buffer is full is dropped and
 * counted ({@link #recvDropped()}); a send that does not fit is refused with
 * {@link SendError#BUFFER_FULL} and nothing is queued. Payloads are copied straight between
 * the caller's array, the buffer and the frame: no allocation per datagram, except for the
 * convenience {@link #recvFrom()}, which makes a record.
 *
 * <p><b>Both families.</b> A socket bound to every address (0.0.0.0) takes datagrams over IPv6
 * too, and sends to an IPv6 endpoint ({@link #sendTo(IpEndpoint, byte[], int, int)}); the
 * sender of what it reads is then {@link #lastSender()}, an {@link IpEndpoint} of either family.
 *
 * <p><b>Errors.</b> Operations that can be refused throw a {@link SocketException} whose
 * reason is one of {@link BindError}, {@link SendError}, {@link RecvError}; made only on
 * the error path.
 *
 * <p><b>Interface side.</b> The methods under "for the interface" are how the interface
 * delivers a received datagram and takes the next one to send; an application does not call
 * them.
 *
 * <p>Not thread-safe: the stack's event loop owns every socket (ARCHITECTURE.md §2).
 */
public final class UdpSocket implements Socket {
    /** The largest UDP payload an IPv4 datagram without options can carry: 65535 - 20 - 8. */
    public static final int MAX_PAYLOAD = Ipv4Packet.MAX_LEN - Ipv4Packet.HEADER_LEN - UdpPacket.HEADER_LEN;
    /** Datagrams each way in a socket made with the no-argument constructor. */
    public static final int DEFAULT_PACKETS = 64;
    /** Payload octets each way in a socket made with the no-argument constructor. */
    public static final int DEFAULT_OCTETS = 64 * 1024;


    private final PacketBuffer rx;
    private final OutgoingDatagrams tx;
    /** The local address each queued received datagram was sent to, in step with {@link #rx}. */
    private final IntRing rxLocal;
    /** Over IPv6, the sender and the local address of each queued received datagram ({@code ::} over IPv4). */
    private final Ipv6Ring rxSource6;
    private final Ipv6Ring rxLocal6;

    private LocalBindings owner;
    private boolean bound;
    /** The IPv4 address bound (0: every address of both families), or an IPv6 one's fold. */
    private int localAddress;
    private int localPort;
    /** Whether the socket is bound to one IPv6 address: these halves. */
    private boolean ipv6Bound;
    private long boundHigh;
    private long boundLow;
    private int ttl = Ipv4Packet.DEFAULT_TTL;
    private boolean dontFragment;

    private int lastRemoteAddress;
    private int lastRemotePort;
    private int lastLocalAddress;
    private long lastRemoteHigh;
    private long lastRemoteLow;
    private long lastLocalHigh;
    private long lastLocalLow;

    private long recvDropped;
    private long sendDropped;
    private long datagramsReceived;
    private long datagramsSent;

    /** A socket with {@value #DEFAULT_PACKETS} datagrams and {@value #DEFAULT_OCTETS} octets each way. */
    public UdpSocket() {
        this(DEFAULT_PACKETS, DEFAULT_OCTETS, DEFAULT_PACKETS, DEFAULT_OCTETS);
    }

    /**
     * A socket whose receive buffer holds at most {@code rxPackets} datagrams of together at
     * most {@code rxOctets} payload octets, and likewise for sending.
     */
    public UdpSocket(int rxPackets, int rxOctets, int txPackets, int txOctets) {
        this.rx = new PacketBuffer(rxPackets, rxOctets);
        this.tx = new OutgoingDatagrams(txPackets, txOctets);
        this.rxLocal = new IntRing(rxPackets);
        this.rxSource6 = new Ipv6Ring(rxPackets);
        this.rxLocal6 = new Ipv6Ring(rxPackets);
    }

    @Override
    public SocketKind kind() {
        return SocketKind.UDP;
    }

    // ---- binding ----

    /** Binds to {@code port} on every address of the interface; port 0 picks a free ephemeral port. */
    public void bind(int port) throws SocketException.Bind {
        bind(0, port);
    }

    /** Binds to {@code local}; address 0.0.0.0 means every address, port 0 a free ephemeral port. */
    public void bind(Endpoint local) throws SocketException.Bind {
        bind(local.address(), local.port());
    }

    /**
     * Binds to {@code address:port}. Another UDP socket of the same set may not hold the port
     * on the same address, nor on every address.
     *
     * @throws IllegalStateException if {@code port} is 0 and the socket is in no {@link LocalBindings socket set}
     *     (the set chooses ephemeral ports)
     */
    public void bind(int address, int port) throws SocketException.Bind {
        refuseRebindOrBadPort(port);
        Ipv4Address value = Ipv4Address.of(address);
        if (value.isBroadcast() || value.isMulticast()) {
            throw new SocketException.Bind(BindError.UNADDRESSABLE,
                    "cannot bind to " + value + ": a socket binds to one of its own unicast addresses, or 0.0.0.0");
        }
        bindTo(new IpEndpoint(value, port));
    }

    /**
     * Binds to {@code local} in either family: {@code 0.0.0.0} or {@code ::} is every address
     * of both; an IPv4 address takes and sends IPv4 only; an IPv6 address takes the datagrams to
     * that address only and sends from it, over IPv6 only.
     */
    public void bind(IpEndpoint local) throws SocketException.Bind {
        if (!(local.address() instanceof Ipv6Address v6)) {
            bind(((Ipv4Address) local.address()).bits(), local.port());
        } else if (v6.isUnspecified()) {
            bind(0, local.port());
        } else if (!Ipv6Address.isUnicast(v6.high(), v6.low())) {
            throw new SocketException.Bind(BindError.UNADDRESSABLE,
                    "cannot bind to " + v6 + ": a socket binds to one of its own unicast addresses, or ::");
        } else {
            bindTo(local);
        }
    }

    /** Binds to {@code local}, a unicast address or 0.0.0.0 for every one. */
    private void bindTo(IpEndpoint local) throws SocketException.Bind {
        refuseRebindOrBadPort(local.port());
        int port = local.port();
        if (port == 0) {
            if (owner == null) {
                throw new IllegalStateException("an ephemeral port comes from the socket's set: add the socket to a SocketSet first");
            }
            port = owner.ephemeralPort(SocketKind.UDP);
            if (port < 0) {
                throw new SocketException.Bind(BindError.EXHAUSTED, "every ephemeral UDP port (49152-65535) is in use");
            }
        } else if (owner != null) {
            UdpSocket other = owner.findUdpConflict(local, this);
            if (other != null) {
                throw new SocketException.Bind(BindError.IN_USE, "UDP port " + port + " is in use (bound to "
                        + other.local() + ")");
            }
        }
        ipv6Bound = local.address() instanceof Ipv6Address;
        boundHigh = ipv6Bound ? ((Ipv6Address) local.address()).high() : 0;
        boundLow = ipv6Bound ? ((Ipv6Address) local.address()).low() : 0;
        localAddress = ipv6Bound ? Ipv6Address.fold(boundHigh, boundLow) : ((Ipv4Address) local.address()).bits();
        localPort = port;
        bound = true;
    }

    private void refuseRebindOrBadPort(int port) throws SocketException.Bind {
        if (bound) {
            throw new SocketException.Bind(BindError.ALREADY_BOUND, "the socket is bound to " + local() + " already");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new SocketException.Bind(BindError.UNADDRESSABLE, "not a port: " + port + " (0 to 65535)");
        }
    }

    /** Unbinds and empties both buffers; the socket can be bound again. */
    public void close() {
        bound = false;
        localAddress = 0;
        localPort = 0;
        ipv6Bound = false;
        boundHigh = 0;
        boundLow = 0;
        rx.clear();
        rxLocal.clear();
        rxSource6.clear();
        rxLocal6.clear();
        tx.clear();
    }

    public boolean isBound() {
        return bound;
    }

    @Override
    public Endpoint localEndpoint() {
        return new Endpoint(localAddress, localPort);
    }

    @Override
    public Endpoint remoteEndpoint() {
        return Endpoint.UNSPECIFIED;
    }

    /** The bound port, 0 when unbound. */
    public int localPort() {
        return localPort;
    }

    /** The bound IPv4 address, 0 for every address of the interface (over IPv6, the bound address's fold). */
    public int localAddressBits() {
        return localAddress;
    }

    /** The local endpoint in its family: {@code [fd00::1]:5000} when bound to an IPv6 address. */
    @Override
    public IpEndpoint local() {
        return ipv6Bound ? new IpEndpoint(new Ipv6Address(boundHigh, boundLow), localPort) : IpEndpoint.of(localEndpoint());
    }

    /** Whether the socket is bound to one IPv6 address ({@link #boundHigh()}, {@link #boundLow()}). */
    public boolean isBoundToIpv6() {
        return ipv6Bound;
    }

    public long boundHigh() {
        return boundHigh;
    }

    public long boundLow() {
        return boundLow;
    }

    // ---- options ----

    /** The TTL given to what is sent from now on (each queued datagram keeps the TTL it was sent with). */
    public int ttl() {
        return ttl;
    }

    /**
     * Sets the time to live of the datagrams this socket sends. Zero is refused: a host must
     * not send a datagram with TTL 0 (RFC 1122 section 3.2.1.7).
     */
    public UdpSocket setTtl(int ttl) {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("a TTL is 1 to 255 (RFC 1122 section 3.2.1.7): " + ttl);
        }
        this.ttl = ttl;
        return this;
    }

    /** Whether Don't Fragment is set; like the TTL, it applies to what is sent after it is set. */
    public boolean dontFragment() {
        return dontFragment;
    }

    /**
     * Sets Don't Fragment on the datagrams this socket sends: one that does not fit the link's
     * MTU is then refused by {@code sendTo} with {@link SendError#FRAGMENTATION_NEEDED}.
     */
    public UdpSocket setDontFragment(boolean dontFragment) {
        this.dontFragment = dontFragment;
        return this;
    }

    // ---- sending ----

    /** Whether a datagram of {@code length} octets would be queued by {@code sendTo} now. */
    public boolean canSend(int length) {
        return bound && tx.fits(length);
    }

    /** Queues {@code src[offset .. offset+length)} for {@code remote}. */
    public void sendTo(Endpoint remote, byte[] src, int offset, int length) throws SocketException.Send {
        sendTo(remote.address(), remote.port(), src, offset, length);
    }

    /**
     * Queues {@code src[offset .. offset+length)} for {@code remoteAddress:remotePort}; the
     * next poll of the interface sends it. Allocates nothing unless it throws.
     */
    public void sendTo(int remoteAddress, int remotePort, byte[] src, int offset, int length) throws SocketException.Send {
        if (!bound) {
            throw new SocketException.Send(SendError.UNBOUND, "the socket is not bound: bind it to a port first");
        }
        if (ipv6Bound) {
            throw new SocketException.Send(SendError.UNADDRESSABLE, "the socket is bound to the IPv6 address "
                    + new Ipv6Address(boundHigh, boundLow) + ": to send to " + Ipv4Address.of(remoteAddress)
                    + " bind it to every address");
        }
        if (remoteAddress == 0 || remotePort <= 0 || remotePort > 0xFFFF) {
            throw new SocketException.Send(SendError.UNADDRESSABLE, "cannot send to "
                    + Ipv4Address.of(remoteAddress) + ":" + remotePort + ": it needs an address and a port 1 to 65535");
        }
        if (length > MAX_PAYLOAD) {
            throw new SocketException.Send(SendError.TOO_LARGE, "a UDP payload of " + length
                    + " octets does not fit in an IPv4 datagram (at most " + MAX_PAYLOAD + ")");
        }
        if (dontFragment && owner != null && Ipv4Packet.HEADER_LEN + UdpPacket.HEADER_LEN + length > owner.linkMtu()) {
            throw new SocketException.Send(SendError.FRAGMENTATION_NEEDED, "a datagram of "
                    + (Ipv4Packet.HEADER_LEN + UdpPacket.HEADER_LEN + length) + " octets does not fit the link MTU of "
                    + owner.linkMtu() + " and Don't Fragment is set (at most "
                    + (owner.linkMtu() - Ipv4Packet.HEADER_LEN - UdpPacket.HEADER_LEN) + " octets of payload)");
        }
        switch (tx.enqueue(src, offset, length, remoteAddress, remotePort, ttl, dontFragment)) {
            case OK:
                return;
            case TOO_LARGE:
                throw new SocketException.Send(SendError.TOO_LARGE, "a payload of " + length
                        + " octets is larger than the send buffer (" + tx.payloadCapacity() + " octets)");
            default:
                throw new SocketException.Send(SendError.BUFFER_FULL, "the send buffer is full ("
                        + tx.count() + " datagrams, " + tx.octets() + " octets queued)");
        }
    }

    /**
     * Queues {@code src[offset .. offset+length)} for {@code remote}, of either family. Over
     * IPv6 the socket must be bound to every address; the datagram goes with the socket's
     * {@link #ttl()} as its hop limit, in fragments when it is larger than the path MTU.
     */
    public void sendTo(IpEndpoint remote, byte[] src, int offset, int length) throws SocketException.Send {
        if (!(remote.address() instanceof Ipv6Address to)) {
            sendTo(remote.toIpv4(), src, offset, length);
            return;
        }
        if (!bound) {
            throw new SocketException.Send(SendError.UNBOUND, "the socket is not bound: bind it to a port first");
        }
        if (localAddress != 0 && !ipv6Bound) {
            throw new SocketException.Send(SendError.UNADDRESSABLE, "the socket is bound to the IPv4 address "
                    + Ipv4Address.of(localAddress) + ": to send to " + remote + " bind it to every address");
        }
        if (!Ipv6Address.isUnicast(to.high(), to.low()) || remote.port() == 0) {
            throw new SocketException.Send(SendError.UNADDRESSABLE, "cannot send to " + remote
                    + ": it needs one host's address and a port 1 to 65535");
        }
        if (length > MAX_PAYLOAD) {
            throw new SocketException.Send(SendError.TOO_LARGE, "a UDP payload of " + length
                    + " octets is more than " + MAX_PAYLOAD);
        }
        switch (tx.enqueue6(src, offset, length, to.high(), to.low(), remote.port(), ttl)) {
            case OK:
                return;
            case TOO_LARGE:
                throw new SocketException.Send(SendError.TOO_LARGE, "a payload of " + length
                        + " octets is larger than the send buffer (" + tx.payloadCapacity() + " octets)");
            default:
                throw new SocketException.Send(SendError.BUFFER_FULL, "the send buffer is full ("
                        + tx.count() + " datagrams, " + tx.octets() + " octets queued)");
        }
    }

    /**
     * Resizes both queues to {@code octets} payload octets each, keeping what they hold (as
     * Linux's SO_RCVBUF and SO_SNDBUF on an open socket). Allocates the new arrays.
     *
     * @throws IllegalArgumentException when a queue holds more than {@code octets} now (nothing changes)
     */
    public UdpSocket setBufferOctets(int octets) {
        if (octets < 0) {
            throw new IllegalArgumentException("a buffer is 0 octets or more: " + octets);
        }
        int queued = Math.max(rx.octets(), tx.octets());
        if (queued > octets) {
            throw new IllegalArgumentException(queued + " octets are queued now, more than " + octets
                    + ": read them (udp recv) first, or choose at least " + queued);
        }
        // Both fit, so both resizes succeed: the check above keeps the two queues in step.
        rx.resize(octets);
        tx.resize(octets);
        return this;
    }

    /** The payload octets each queue holds at most. */
    public int bufferOctets() {
        return rx.payloadCapacity();
    }

    // ---- receiving ----

    /** Whether a datagram is waiting to be read. */
    public boolean canRecv() {
        return !rx.isEmpty();
    }

    /** The payload length of the next datagram to read. */
    public int peekLength() throws SocketException.Recv {
        requireReceived();
        return rx.frontLength();
    }

    /**
     * Copies the oldest received datagram's payload into {@code dst[offset ..]}, at most
     * {@code length} octets (the rest of a longer one is discarded, as recvfrom(2) does), and
     * returns how many were copied. The sender and the local address are then
     * {@link #lastRemoteAddress()}, {@link #lastRemotePort()}, {@link #lastLocalAddress()}.
     * Allocates nothing unless it throws.
     */
    public int recv(byte[] dst, int offset, int length) throws SocketException.Recv {
        requireReceived();
        int copied = Math.min(length, rx.frontLength());
        System.arraycopy(rx.array(), rx.frontOffset(), dst, offset, copied);
        takeFront();
        return copied;
    }

    /** Takes the oldest received datagram, with its sender and local endpoint. */
    public UdpDatagram recvFrom() throws SocketException.Recv {
        requireReceived();
        byte[] data = Arrays.copyOfRange(rx.array(), rx.frontOffset(), rx.frontOffset() + rx.frontLength());
        takeFront();
        IpEndpoint local = lastRemoteHigh != 0 || lastRemoteLow != 0
                ? new IpEndpoint(new Ipv6Address(lastLocalHigh, lastLocalLow), localPort)
                : new IpEndpoint(Ipv4Address.of(lastLocalAddress), localPort);
        return new UdpDatagram(lastSender(), local, data);
    }

    private void requireReceived() throws SocketException.Recv {
        if (rx.isEmpty()) {
            throw new SocketException.Recv(RecvError.EXHAUSTED, "no datagram has arrived");
        }
    }

    private void takeFront() {
        long metadata = rx.frontMetadata();
        lastRemoteAddress = PacketBuffer.metadataHigh(metadata);
        lastRemotePort = PacketBuffer.metadataLow(metadata);
        lastLocalAddress = rxLocal.front();
        lastRemoteHigh = rxSource6.frontHigh();
        lastRemoteLow = rxSource6.frontLow();
        lastLocalHigh = rxLocal6.frontHigh();
        lastLocalLow = rxLocal6.frontLow();
        rx.removeFront();
        rxLocal.pop();
        rxSource6.pop();
        rxLocal6.pop();
    }

    /** The sender's address of the datagram last read. */
    public int lastRemoteAddress() {
        return lastRemoteAddress;
    }

    /** The sender's port of the datagram last read. */
    public int lastRemotePort() {
        return lastRemotePort;
    }

    /** The sender of the datagram last read, over IPv4. */
    public Endpoint lastRemote() {
        return new Endpoint(lastRemoteAddress, lastRemotePort);
    }

    /** The sender of the datagram last read, in either family. */
    public IpEndpoint lastSender() {
        return lastRemoteHigh != 0 || lastRemoteLow != 0
                ? new IpEndpoint(new Ipv6Address(lastRemoteHigh, lastRemoteLow), lastRemotePort)
                : new IpEndpoint(Ipv4Address.of(lastRemoteAddress), lastRemotePort);
    }

    /** The address the datagram last read was sent to: one of the interface's, or a broadcast address. */
    public int lastLocalAddress() {
        return lastLocalAddress;
    }

    // ---- counters and queues ----

    /** Datagrams that arrived for this socket and were dropped because its receive buffer was full. */
    public long recvDropped() {
        return recvDropped;
    }

    /** Datagrams taken from the send buffer that the interface could not send (no route, no ARP reply, too big). */
    public long sendDropped() {
        return sendDropped;
    }

    public long datagramsReceived() {
        return datagramsReceived;
    }

    public long datagramsSent() {
        return datagramsSent;
    }

    @Override
    public int recvQueue() {
        return rx.octets();
    }

    @Override
    public int sendQueue() {
        return tx.octets();
    }

    @Override
    public String stateName() {
        return bound ? "bound" : "unbound";
    }

    /** Something to send: due now. */
    @Override
    public long pollAt(long now) {
        return tx.isEmpty() ? Micros.NEVER : now;
    }

    // ---- for the interface ----

    /**
     * For the interface: queues a received datagram's payload {@code buf[offset .. offset+length)}
     * from {@code srcAddr:srcPort}, sent to {@code dstAddr}. Returns false, counting it in
     * {@link #recvDropped()}, when the receive buffer cannot take it.
     */
    public boolean deliver(int srcAddr, int srcPort, int dstAddr, byte[] buf, int offset, int length) {
        if (rx.enqueue(buf, offset, length, PacketBuffer.packMetadata(srcAddr, srcPort)) != PacketBuffer.EnqueueResult.OK) {
            recvDropped++;
            return false;
        }
        rxLocal.push(dstAddr);
        rxSource6.push(0, 0);
        rxLocal6.push(0, 0);
        datagramsReceived++;
        return true;
    }

    /**
     * For the interface: queues a datagram received over IPv6 from {@code srcHigh}/{@code srcLow}
     * port {@code srcPort}, sent to {@code dstHigh}/{@code dstLow}; as {@link #deliver}.
     */
    public boolean deliver6(long srcHigh, long srcLow, int srcPort, long dstHigh, long dstLow, byte[] buf, int offset,
                            int length) {
        long metadata = PacketBuffer.packMetadata(Ipv6Address.fold(srcHigh, srcLow), srcPort);
        if (rx.enqueue(buf, offset, length, metadata) != PacketBuffer.EnqueueResult.OK) {
            recvDropped++;
            return false;
        }
        rxLocal.push(Ipv6Address.fold(dstHigh, dstLow));
        rxSource6.push(srcHigh, srcLow);
        rxLocal6.push(dstHigh, dstLow);
        datagramsReceived++;
        return true;
    }

    /** For the interface: the datagrams waiting to be sent, front first. */
    public OutgoingDatagrams outgoing() {
        return tx;
    }

    /** For the interface: the next datagram went out (or was handed to ARP resolution); forget it. */
    public void outgoingSent() {
        tx.remove();
        datagramsSent++;
    }

    /** For the interface: the next datagram cannot be sent (no route, too big); forget it and count it. */
    public void outgoingDropped() {
        tx.remove();
        sendDropped++;
    }

    /** For the interface: a datagram already handed over was lost later (its ARP resolution failed). */
    public void noteSendDropped() {
        sendDropped++;
    }

    /** Whether the socket belongs to a set (whose bindings it then consults). */
    public boolean isAttached() {
        return owner != null;
    }

    /** For the socket set: the socket now belongs to {@code set}. */
    public void attach(LocalBindings set) {
        this.owner = set;
    }

    /** For the socket set: the socket left its set. */
    public void detach() {
        this.owner = null;
    }

    @Override
    public String toString() {
        return "UdpSocket[" + localEndpoint() + ", " + stateName() + ", rx " + rx.count() + ", tx " + tx.count() + "]";
    }
}

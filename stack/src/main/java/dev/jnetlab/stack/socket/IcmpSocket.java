package dev.jnetlab.stack.socket;

import dev.jnetlab.stack.storage.PacketBuffer;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.IpAddress;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.Octets;

/**
 * An ICMP echo socket, the basis of {@code ping}: bound to an echo identifier, it sends echo
 * requests (RFC 792) with that identifier and receives the echo replies that carry it, and
 * the ICMP errors (destination unreachable, time exceeded, parameter problem, redirect) whose
 * quoted datagram is one of its echo requests, matched by the quoted request's identifier.
 * Linux's ping sockets work the same way. It speaks ICMPv6 as well (RFC 4443 section 4): a
 * request to an IPv6 address goes as ICMPv6 echo, and the ICMPv6 echo replies and errors
 * (destination unreachable, Packet Too Big, time exceeded, parameter problem) about it come
 * back matched the same way; a message says its family by its addresses.
 *
 * <p>The interface answers echo requests itself; this socket only asks.
 *
 * <p>Buffers are {@link PacketBuffer}s bounded by count and octets: outgoing ones hold the
 * echo data, incoming ones the whole ICMP message as it arrived. A message that does not fit
 * is dropped and counted ({@link #recvDropped()}).
 *
 * <p>Not thread-safe: the stack's event loop owns every socket (ARCHITECTURE.md §2).
 */
public final class IcmpSocket implements Socket {
    /** The most echo data an IPv4 datagram without options can carry: 65535 - 20 - 8. */
    public static final int MAX_DATA = Ipv4Packet.MAX_LEN - Ipv4Packet.HEADER_LEN - Icmpv4Packet.HEADER_LEN;
    /** The most echo data an IPv6 packet without extension headers can carry: a payload of 65535, less 8. */
    public static final int MAX_DATA_IPV6 = 0xFFFF - Icmpv6Packet.HEADER_LEN;
    public static final int DEFAULT_PACKETS = 16;
    public static final int DEFAULT_OCTETS = 128 * 1024;


    private final PacketBuffer rx;
    private final OutgoingDatagrams tx;
    /** The TTL each queued message arrived with, in step with {@link #rx}. */
    private final IntRing rxTtl;
    /** The sender and our address of each queued message over IPv6, in step with {@link #rx}; {@code ::} over IPv4. */
    private final Ipv6Ring rxSource6;
    private final Ipv6Ring rxLocal6;

    private LocalBindings owner;
    private boolean bound;
    private int identifier;
    private int ttl = Ipv4Packet.DEFAULT_TTL;
    private boolean dontFragment;

    private int lastSource;
    private int lastLocal;
    /** Whether the message last read came over IPv6, and then its addresses. */
    private boolean lastIpv6;
    private long lastSource6High;
    private long lastSource6Low;
    private long lastLocal6High;
    private long lastLocal6Low;
    private int lastTtl;
    private int lastType;
    private int lastCode;
    private int lastRestOfHeader;
    private int lastIdentifier;
    private int lastSequence;

    private long recvDropped;
    private long sendDropped;

    /** A socket with {@value #DEFAULT_PACKETS} messages and {@value #DEFAULT_OCTETS} octets each way. */
    public IcmpSocket() {
        this(DEFAULT_PACKETS, DEFAULT_OCTETS, DEFAULT_PACKETS, DEFAULT_OCTETS);
    }

    public IcmpSocket(int rxPackets, int rxOctets, int txPackets, int txOctets) {
        this.rx = new PacketBuffer(rxPackets, rxOctets);
        this.tx = new OutgoingDatagrams(txPackets, txOctets);
        this.rxTtl = new IntRing(rxPackets);
        this.rxSource6 = new Ipv6Ring(rxPackets);
        this.rxLocal6 = new Ipv6Ring(rxPackets);
    }

    @Override
    public SocketKind kind() {
        return SocketKind.ICMP;
    }

    // ---- binding ----

    /** Binds to echo identifier {@code identifier} (0 to 65535), which no other ICMP socket of the set may hold. */
    public void bind(int identifier) throws SocketException.Bind {
        if (bound) {
            throw new SocketException.Bind(BindError.ALREADY_BOUND, "the socket is bound to identifier " + this.identifier + " already");
        }
        if (identifier < 0 || identifier > 0xFFFF) {
            throw new SocketException.Bind(BindError.UNADDRESSABLE, "not an echo identifier: " + identifier + " (0 to 65535)");
        }
        if (owner != null && owner.findIcmp(identifier) != null) {
            throw new SocketException.Bind(BindError.IN_USE, "echo identifier " + identifier + " is in use");
        }
        this.identifier = identifier;
        this.bound = true;
    }

    /**
     * Binds to a free identifier drawn from the set's seeded generator and returns it.
     *
     * @throws IllegalStateException if the socket is in no {@link LocalBindings socket set}
     */
    public int bindAny() throws SocketException.Bind {
        if (owner == null) {
            throw new IllegalStateException("a free identifier comes from the socket's set: add the socket to a SocketSet first");
        }
        int id = owner.ephemeralIdentifier();
        if (id < 0) {
            throw new SocketException.Bind(BindError.EXHAUSTED, "every echo identifier is in use");
        }
        bind(id);
        return id;
    }

    /** Unbinds and empties both buffers. */
    public void close() {
        bound = false;
        identifier = 0;
        rx.clear();
        rxTtl.clear();
        rxSource6.clear();
        rxLocal6.clear();
        tx.clear();
    }

    public boolean isBound() {
        return bound;
    }

    /** The bound echo identifier (meaningful when {@link #isBound()}). */
    public int identifier() {
        return identifier;
    }

    /** The identifier in the port's place, as Linux's ping sockets show it. */
    @Override
    public Endpoint localEndpoint() {
        return new Endpoint(0, bound ? identifier : 0);
    }

    @Override
    public Endpoint remoteEndpoint() {
        return Endpoint.UNSPECIFIED;
    }

    /** The TTL given to what is sent from now on (each queued datagram keeps the TTL it was sent with). */
    public int ttl() {
        return ttl;
    }

    /** The TTL of the echo requests sent: 1 to 255 (RFC 1122 section 3.2.1.7 forbids 0), default 64. */
    public IcmpSocket setTtl(int ttl) {
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

    /** Sets Don't Fragment on the requests sent (ping's {@code -M do}); an oversize one is refused. */
    public IcmpSocket setDontFragment(boolean dontFragment) {
        this.dontFragment = dontFragment;
        return this;
    }

    // ---- sending ----

    /** Whether an echo request with {@code length} octets of data would be queued now. */
    public boolean canSend(int length) {
        return bound && tx.fits(length);
    }

    /** Queues an echo request to {@code destination} with {@code data}. */
    public void sendEcho(Ipv4Address destination, int sequence, byte[] data) throws SocketException.Send {
        sendEcho(destination.bits(), sequence, data, 0, data.length);
    }

    /**
     * Queues an echo request to {@code destination} of either family with the data
     * {@code src[offset .. offset+length)}: ICMP over IPv4, ICMPv6 over IPv6 (with {@link #ttl()}
     * as its hop limit; Don't Fragment has no IPv6 counterpart, routers never fragment there).
     */
    public void sendEcho(IpAddress destination, int sequence, byte[] src, int offset, int length) throws SocketException.Send {
        if (destination instanceof Ipv6Address v6) {
            sendEcho6(v6, sequence, src, offset, length);
        } else {
            sendEcho(((Ipv4Address) destination).bits(), sequence, src, offset, length);
        }
    }

    private void sendEcho6(Ipv6Address destination, int sequence, byte[] src, int offset, int length)
            throws SocketException.Send {
        if (!bound) {
            throw new SocketException.Send(SendError.UNBOUND, "the socket has no echo identifier: bind it first");
        }
        if (destination.isUnspecified()) {
            throw new SocketException.Send(SendError.UNADDRESSABLE, "cannot send an echo request to ::");
        }
        if (sequence < 0 || sequence > 0xFFFF) {
            throw new IllegalArgumentException("an echo sequence number is 0 to 65535: " + sequence);
        }
        if (length > MAX_DATA_IPV6) {
            throw new SocketException.Send(SendError.TOO_LARGE, "an echo request with " + length
                    + " octets of data does not fit in an IPv6 packet (at most " + MAX_DATA_IPV6 + ")");
        }
        queued(tx.enqueue6(src, offset, length, destination.high(), destination.low(), sequence, ttl), length);
    }

    /**
     * Queues an echo request with this socket's identifier, sequence number {@code sequence}
     * and the data {@code src[offset .. offset+length)} to {@code destination}; the next poll
     * sends it. Allocates nothing unless it throws.
     */
    public void sendEcho(int destination, int sequence, byte[] src, int offset, int length) throws SocketException.Send {
        if (!bound) {
            throw new SocketException.Send(SendError.UNBOUND, "the socket has no echo identifier: bind it first");
        }
        if (destination == 0) {
            throw new SocketException.Send(SendError.UNADDRESSABLE, "cannot send an echo request to 0.0.0.0");
        }
        if (sequence < 0 || sequence > 0xFFFF) {
            throw new IllegalArgumentException("an echo sequence number is 0 to 65535: " + sequence);
        }
        if (length > MAX_DATA) {
            throw new SocketException.Send(SendError.TOO_LARGE, "an echo request with " + length
                    + " octets of data does not fit in an IPv4 datagram (at most " + MAX_DATA + ")");
        }
        int datagram = Ipv4Packet.HEADER_LEN + Icmpv4Packet.HEADER_LEN + length;
        if (dontFragment && owner != null && datagram > owner.linkMtu()) {
            throw new SocketException.Send(SendError.FRAGMENTATION_NEEDED, "a datagram of " + datagram
                    + " octets does not fit the link MTU of " + owner.linkMtu() + " and Don't Fragment is set");
        }
        queued(tx.enqueue(src, offset, length, destination, sequence, ttl, dontFragment), length);
    }

    private void queued(PacketBuffer.EnqueueResult result, int length) throws SocketException.Send {
        switch (result) {
            case OK:
                return;
            case TOO_LARGE:
                throw new SocketException.Send(SendError.TOO_LARGE, "echo data of " + length
                        + " octets is larger than the send buffer (" + tx.payloadCapacity() + " octets)");
            default:
                throw new SocketException.Send(SendError.BUFFER_FULL, "the send buffer is full ("
                        + tx.count() + " requests queued)");
        }
    }

    // ---- receiving ----

    public boolean canRecv() {
        return !rx.isEmpty();
    }

    /**
     * Copies the oldest message's data (an echo reply's data, or the datagram an error quotes)
     * into {@code dst[offset ..]}, at most {@code length} octets, and returns how many were
     * copied; what it was is then in the {@code last...} accessors. Allocates nothing unless it throws.
     */
    public int recv(byte[] dst, int offset, int length) throws SocketException.Recv {
        requireReceived();
        readFront();
        int dataLength = rx.frontLength() - Icmpv4Packet.HEADER_LEN;
        int copied = Math.min(length, dataLength);
        System.arraycopy(rx.array(), rx.frontOffset() + Icmpv4Packet.HEADER_LEN, dst, offset, copied);
        removeFront();
        return copied;
    }

    /** Takes the oldest message. */
    public IcmpMessage recv() throws SocketException.Recv {
        requireReceived();
        readFront();
        Octets data = Octets.copyOf(rx.array(), rx.frontOffset() + Icmpv4Packet.HEADER_LEN,
                rx.frontLength() - Icmpv4Packet.HEADER_LEN);
        removeFront();
        IpAddress from = lastIpv6 ? new Ipv6Address(lastSource6High, lastSource6Low) : Ipv4Address.of(lastSource);
        IpAddress to = lastIpv6 ? new Ipv6Address(lastLocal6High, lastLocal6Low) : Ipv4Address.of(lastLocal);
        return new IcmpMessage(from, to, lastTtl, lastType, lastCode, lastRestOfHeader, lastIdentifier, lastSequence, data);
    }

    private void removeFront() {
        rx.removeFront();
        rxTtl.pop();
        rxSource6.pop();
        rxLocal6.pop();
    }

    private void requireReceived() throws SocketException.Recv {
        if (rx.isEmpty()) {
            throw new SocketException.Recv(RecvError.EXHAUSTED, "no reply has arrived");
        }
    }

    private void readFront() {
        long metadata = rx.frontMetadata();
        lastSource = PacketBuffer.metadataHigh(metadata);
        lastLocal = PacketBuffer.metadataLow(metadata);
        lastTtl = rxTtl.front();
        lastSource6High = rxSource6.frontHigh();
        lastSource6Low = rxSource6.frontLow();
        lastLocal6High = rxLocal6.frontHigh();
        lastLocal6Low = rxLocal6.frontLow();
        lastIpv6 = lastLocal6High != 0 || lastLocal6Low != 0; // our own address over IPv6 is never ::
        byte[] array = rx.array();
        int at = rx.frontOffset();
        lastType = array[at] & 0xFF;
        lastCode = array[at + 1] & 0xFF;
        lastRestOfHeader = (array[at + 4] & 0xFF) << 24 | (array[at + 5] & 0xFF) << 16 | (array[at + 6] & 0xFF) << 8
                | array[at + 7] & 0xFF;
        if (lastType == (lastIpv6 ? Icmpv6Packet.TYPE_ECHO_REPLY : Icmpv4Packet.TYPE_ECHO_REPLY)) {
            lastIdentifier = lastRestOfHeader >>> 16;
            lastSequence = lastRestOfHeader & 0xFFFF;
        } else {
            // The deliverer checked that the quoted header and the request's first 8 octets are there
            // (over IPv6 the request's ICMPv6 header right after the quoted IPv6 header).
            int quoted = at + Icmpv4Packet.HEADER_LEN;
            int echo = lastIpv6 ? quoted + Ipv6Packet.HEADER_LEN : quoted + (array[quoted] & 0x0F) * 4;
            lastIdentifier = (array[echo + 4] & 0xFF) << 8 | array[echo + 5] & 0xFF;
            lastSequence = (array[echo + 6] & 0xFF) << 8 | array[echo + 7] & 0xFF;
        }
    }

    /** Whether the message last read came over IPv6: then {@link #lastSource()} and {@link #lastLocal()} are meaningless, {@link #recv()} has its addresses. */
    public boolean lastIpv6() {
        return lastIpv6;
    }

    /** The sender of the message last read. */
    public int lastSource() {
        return lastSource;
    }

    /** Which of the interface's addresses the message last read arrived on. */
    public int lastLocal() {
        return lastLocal;
    }

    public int lastTtl() {
        return lastTtl;
    }

    public int lastType() {
        return lastType;
    }

    public int lastCode() {
        return lastCode;
    }

    public int lastIdentifier() {
        return lastIdentifier;
    }

    public int lastSequence() {
        return lastSequence;
    }

    public long recvDropped() {
        return recvDropped;
    }

    public long sendDropped() {
        return sendDropped;
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
        return bound ? "id " + identifier : "unbound";
    }

    @Override
    public long pollAt(long now) {
        return tx.isEmpty() ? Micros.NEVER : now;
    }

    // ---- for the interface ----

    /**
     * For the interface: queues a received ICMP message {@code buf[offset .. offset+length)}
     * (header included) from {@code source}, arrived on {@code local} with {@code ttl}. An
     * error must quote a whole IPv4 header and at least 8 octets after it. Returns false,
     * counting it, when the buffer cannot take it.
     */
    public boolean deliver(int source, int local, int ttl, byte[] buf, int offset, int length) {
        return enqueue(source, local, ttl, buf, offset, length, 0, 0, 0, 0);
    }

    /**
     * For the interface: queues a received ICMPv6 message (header included) from
     * {@code src}, arrived on our address {@code local} with hop limit {@code hopLimit}. An
     * error must quote a whole IPv6 header and the echo request's first 8 octets right after it.
     * Returns false, counting it, when the buffer cannot take it.
     */
    public boolean deliver6(long srcHigh, long srcLow, long localHigh, long localLow, int hopLimit, byte[] buf, int offset,
                            int length) {
        return enqueue(Ipv6Address.fold(srcHigh, srcLow), Ipv6Address.fold(localHigh, localLow), hopLimit, buf, offset, length,
                srcHigh, srcLow, localHigh, localLow);
    }

    private boolean enqueue(int source, int local, int ttl, byte[] buf, int offset, int length, long srcHigh, long srcLow,
                            long localHigh, long localLow) {
        if (rx.enqueue(buf, offset, length, PacketBuffer.packMetadata(source, local)) != PacketBuffer.EnqueueResult.OK) {
            recvDropped++;
            return false;
        }
        rxTtl.push(ttl);
        rxSource6.push(srcHigh, srcLow);
        rxLocal6.push(localHigh, localLow);
        return true;
    }

    /** For the interface: the datagrams waiting to be sent, front first. */
    public OutgoingDatagrams outgoing() {
        return tx;
    }

    public void outgoingSent() {
        tx.remove();
    }

    public void outgoingDropped() {
        tx.remove();
        sendDropped++;
    }

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
        return "IcmpSocket[" + stateName() + ", rx " + rx.count() + ", tx " + tx.count() + "]";
    }
}

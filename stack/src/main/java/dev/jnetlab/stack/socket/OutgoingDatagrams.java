package dev.jnetlab.stack.socket;

import dev.jnetlab.stack.storage.PacketBuffer;
import dev.jnetlab.stack.wire.Ipv6Address;

/**
 * A datagram socket's send queue, as the interface reads it: each payload with its
 * destination address, a 16-bit tag (the UDP destination port, or an echo request's
 * sequence number), and the TTL and Don't Fragment it was sent with. Those two are kept per
 * datagram, so a later change of a socket option does not reach datagrams already queued
 * (as with Linux's sendto).
 *
 * <p>The accessors describe the datagram at the front; no allocation, one {@code long} of
 * metadata per datagram in the underlying {@link PacketBuffer}, and for a datagram to an IPv6
 * address the address beside it ({@link #isIpv6()}, {@link #high()}, {@link #low()}).
 */
public final class OutgoingDatagrams {
    private static final int TTL_SHIFT = 16;
    private static final int DONT_FRAGMENT_BIT = 1 << 24;

    private final PacketBuffer queue;
    private final Ipv6Ring destinations6;

    OutgoingDatagrams(int packets, int octets) {
        this.queue = new PacketBuffer(packets, octets);
        this.destinations6 = new Ipv6Ring(packets);
    }

    /** Queues a copy of {@code src[offset .. offset+length)}; on failure nothing changes. */
    PacketBuffer.EnqueueResult enqueue(byte[] src, int offset, int length, int address, int tag, int ttl,
                                       boolean dontFragment) {
        return enqueue(src, offset, length, address, tag, ttl, dontFragment, 0, 0);
    }

    /** Queues a copy of {@code src[offset .. offset+length)} for the IPv6 address {@code high}/{@code low}. */
    PacketBuffer.EnqueueResult enqueue6(byte[] src, int offset, int length, long high, long low, int tag, int hopLimit) {
        return enqueue(src, offset, length, Ipv6Address.fold(high, low), tag, hopLimit, false, high, low);
    }

    private PacketBuffer.EnqueueResult enqueue(byte[] src, int offset, int length, int address, int tag, int ttl,
                                               boolean dontFragment, long high, long low) {
        int bits = tag & 0xFFFF | ttl << TTL_SHIFT | (dontFragment ? DONT_FRAGMENT_BIT : 0);
        PacketBuffer.EnqueueResult result = queue.enqueue(src, offset, length, PacketBuffer.packMetadata(address, bits));
        if (result == PacketBuffer.EnqueueResult.OK) {
            destinations6.push(high, low);
        }
        return result;
    }

    /** Whether a datagram of {@code length} octets would be queued now. */
    boolean fits(int length) {
        return queue.count() < queue.packetCapacity() && length <= queue.payloadCapacity() - queue.octets();
    }

    int count() {
        return queue.count();
    }

    int octets() {
        return queue.octets();
    }

    int payloadCapacity() {
        return queue.payloadCapacity();
    }

    /** {@link PacketBuffer#resize}: false, changing nothing, when what is queued would not fit. */
    boolean resize(int octets) {
        return queue.resize(octets);
    }

    void clear() {
        queue.clear();
        destinations6.clear();
    }

    /** Takes the front datagram off the queue: it went out, or it was given up. */
    void remove() {
        queue.removeFront();
        destinations6.pop();
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Whether the front datagram goes to an IPv6 address: {@link #high()} and {@link #low()}. */
    public boolean isIpv6() {
        return destinations6.frontHigh() != 0 || destinations6.frontLow() != 0;
    }

    /** The high 64 bits of the front datagram's IPv6 destination. */
    public long high() {
        return destinations6.frontHigh();
    }

    /** The low 64 bits of the front datagram's IPv6 destination. */
    public long low() {
        return destinations6.frontLow();
    }

    /** The destination address of the front datagram (over IPv6, its fold). */
    public int address() {
        return PacketBuffer.metadataHigh(queue.frontMetadata());
    }

    /** The front datagram's tag: its destination port (UDP) or sequence number (echo request). */
    public int tag() {
        return PacketBuffer.metadataLow(queue.frontMetadata()) & 0xFFFF;
    }

    /** The TTL the front datagram was sent with. */
    public int ttl() {
        return PacketBuffer.metadataLow(queue.frontMetadata()) >>> TTL_SHIFT & 0xFF;
    }

    /** Whether the front datagram was sent with Don't Fragment. */
    public boolean dontFragment() {
        return (PacketBuffer.metadataLow(queue.frontMetadata()) & DONT_FRAGMENT_BIT) != 0;
    }

    /** The array holding the front datagram's payload. */
    public byte[] array() {
        return queue.array();
    }

    /** Where the front datagram's payload starts in {@link #array()}. */
    public int offset() {
        return queue.frontOffset();
    }

    /** The front datagram's payload length. */
    public int length() {
        return queue.frontLength();
    }
}

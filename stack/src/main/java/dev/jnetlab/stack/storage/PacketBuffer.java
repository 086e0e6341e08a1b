package dev.jnetlab.stack.storage;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A first-in first-out queue of datagrams, bounded both by packet count and by payload octets:
 * the send and receive queues of UDP and ICMP sockets.
 *
 * <p><b>Storage.</b> All payloads share one preallocated byte array; per-packet bookkeeping
 * lives in preallocated parallel primitive arrays (one slot per packet). Queueing and removing
 * packets allocates nothing.
 *
 * <p><b>Payloads never wrap.</b> Each payload is one contiguous run of {@link #array()}, so a
 * socket copies a datagram to or from a frame with a single {@code System.arraycopy}. A payload
 * goes directly after the newest queued payload; if it would run past the end of the array it
 * goes to index 0 instead, and the octets skipped at the end stay unusable until every payload
 * before them has been removed. Hence a packet may be refused with {@link
 * EnqueueResult#FULL_OCTETS} although the free octets add up to its length; an empty buffer
 * (or one holding only zero-length packets) accepts any payload up to {@link
 * #payloadCapacity()}. Zero-length datagrams (legal in UDP) take a slot and no octets.
 *
 * <p><b>Metadata.</b> Each packet carries one {@code long} of metadata, opaque to the buffer.
 * A primitive rather than an object, so that a socket need not allocate one per datagram. A UDP
 * socket stores the remote endpoint as {@code packMetadata(ipv4Address, port)}, an ICMP socket
 * the remote address; the 16 bits above a 16-bit port are free for more (for example the index
 * of the local address a datagram was sent to).
 *
 * <p>Not thread-safe: the stack's event loop owns every buffer (ARCHITECTURE.md §2).
 */
public final class PacketBuffer {

    /** The outcome of an enqueue: {@link #OK}, or why the packet was not queued. */
    public enum EnqueueResult {
        /** Queued; its payload region is {@code array()[backOffset() .. backOffset() + length)}. */
        OK,
        /** Every packet slot is taken; retry after a removal. */
        FULL_COUNT,
        /** Not enough contiguous free payload octets now; retry after a removal. */
        FULL_OCTETS,
        /** Longer than {@link PacketBuffer#payloadCapacity()}: it can never be queued. */
        TOO_LARGE
    }

    private byte[] payload;
    private final int[] starts;
    private final int[] lengths;
    private final long[] metadata;
    /** Whether the slot's payload was put at index 0 because it did not fit before the end. */
    private final boolean[] wrappedToStart;

    /** Slot of the oldest packet. */
    private int front;
    private int count;
    /** Sum of the queued payload lengths. */
    private int octets;

    /*
     * The payload geometry. It follows only packets with a payload: zero-length packets occupy
     * no octets, so they never constrain where the next payload may go. With no payload queued,
     * head == tail == 0 and !wrapped.
     *   head:    index of the oldest payload's first octet.
     *   tail:    index just past the newest payload, in [0, capacity].
     *   wrapped: the newer payloads lie in [0, tail), before the older ones, which start at head;
     *            then [tail, head) is the only free run. Otherwise payloads fill [head, tail)
     *            and [tail, capacity) and [0, head) are free.
     */
    private int head;
    private int tail;
    private boolean wrapped;

    /**
     * A buffer for at most {@code packetCapacity} packets whose payloads total at most
     * {@code payloadCapacity} octets. Either may be zero (a socket direction that is never used).
     */
    public PacketBuffer(int packetCapacity, int payloadCapacity) {
        if (packetCapacity < 0) {
            throw new IllegalArgumentException("packet capacity must not be negative: " + packetCapacity);
        }
        if (payloadCapacity < 0) {
            throw new IllegalArgumentException("payload capacity must not be negative: " + payloadCapacity);
        }
        this.payload = new byte[payloadCapacity];
        this.starts = new int[packetCapacity];
        this.lengths = new int[packetCapacity];
        this.metadata = new long[packetCapacity];
        this.wrappedToStart = new boolean[packetCapacity];
    }

    /** Packs two {@code int}s (say an IPv4 address and a port) into one metadata word. */
    public static long packMetadata(int high, int low) {
        return ((long) high << 32) | (low & 0xFFFF_FFFFL);
    }

    /** The {@code high} half of a {@link #packMetadata} word. */
    public static int metadataHigh(long metadata) {
        return (int) (metadata >>> 32);
    }

    /** The {@code low} half of a {@link #packMetadata} word. */
    public static int metadataLow(long metadata) {
        return (int) metadata;
    }

    public int packetCapacity() {
        return starts.length;
    }

    public int payloadCapacity() {
        return payload.length;
    }

    /** How many packets are queued. */
    public int count() {
        return count;
    }

    /** How many payload octets are queued (skipped octets at the end of the array not counted). */
    public int octets() {
        return octets;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * Queues a packet of {@code length} octets with {@code metadata} and reserves its payload
     * region, which the caller then fills in place: on {@link EnqueueResult#OK} it is
     * {@code array()[backOffset() .. backOffset() + length)}. On any other result nothing changes.
     * Failures are checked in this order: {@code TOO_LARGE}, {@code FULL_COUNT}, {@code FULL_OCTETS}.
     *
     * @throws IllegalArgumentException if {@code length} is negative
     */
    public EnqueueResult enqueue(int length, long metadata) {
        if (length < 0) {
            throw new IllegalArgumentException("packet length must not be negative: " + length);
        }
        if (length > payload.length) {
            return EnqueueResult.TOO_LARGE;
        }
        if (count == starts.length) {
            return EnqueueResult.FULL_COUNT;
        }
        // A zero-length packet always fits at the tail, and leaves the geometry as it is.
        int start;
        boolean wrapsNow = false;
        if (wrapped) {
            if (length > head - tail) {
                return EnqueueResult.FULL_OCTETS;
            }
            start = tail;
        } else if (length <= payload.length - tail) {
            start = tail;
        } else if (length <= head) {
            start = 0;
            wrapsNow = true;
        } else {
            return EnqueueResult.FULL_OCTETS;
        }

        int slot = slot(count);
        starts[slot] = start;
        lengths[slot] = length;
        this.metadata[slot] = metadata;
        wrappedToStart[slot] = wrapsNow;
        count++;
        if (length > 0) {
            if (octets == 0) {
                head = start;
            }
            octets += length;
            tail = start + length;
            wrapped |= wrapsNow;
        }
        return EnqueueResult.OK;
    }

    /**
     * Queues a copy of {@code src[srcOffset .. srcOffset + length)} with {@code metadata}, as
     * {@link #enqueue(int, long)} followed by one copy into the reserved region.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code src} or
     *     {@code length} is negative
     */
    public EnqueueResult enqueue(byte[] src, int srcOffset, int length, long metadata) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        EnqueueResult result = enqueue(length, metadata);
        if (result == EnqueueResult.OK) {
            System.arraycopy(src, srcOffset, payload, starts[slot(count - 1)], length);
        }
        return result;
    }

    /**
     * The backing payload array. Only the regions described by {@link #frontOffset()} /
     * {@link #frontLength()} and by {@link #backOffset()} after an enqueue are meaningful.
     */
    public byte[] array() {
        return payload;
    }

    /** Metadata of the oldest packet. @throws NoSuchElementException if empty */
    public long frontMetadata() {
        return metadata[frontSlot()];
    }

    /** Index in {@link #array()} of the oldest packet's payload. @throws NoSuchElementException if empty */
    public int frontOffset() {
        return starts[frontSlot()];
    }

    /** Payload length of the oldest packet. @throws NoSuchElementException if empty */
    public int frontLength() {
        return lengths[frontSlot()];
    }

    /**
     * Index in {@link #array()} of the newest packet's payload: where to write after
     * {@link #enqueue(int, long)}. For a zero-length packet it is some index in
     * {@code [0, payloadCapacity()]}.
     *
     * @throws NoSuchElementException if empty
     */
    public int backOffset() {
        if (count == 0) {
            throw new NoSuchElementException("the packet buffer is empty");
        }
        return starts[slot(count - 1)];
    }

    /**
     * Removes the oldest packet (after reading it through the front accessors).
     *
     * @throws NoSuchElementException if empty
     */
    public void removeFront() {
        int removed = frontSlot();
        front = slot(1);
        count--;
        if (lengths[removed] > 0) {
            octets -= lengths[removed];
            advanceHead();
        }
    }

    /**
     * Gives the payloads a new array of {@code payloadCapacity} octets, keeping every queued
     * packet, in order, compacted to the start (a socket's buffer option changed on an open
     * socket). Allocates the new array: a person's command, never the packet path.
     *
     * @return false, changing nothing, when the queued payloads need more than {@code payloadCapacity}
     * @throws IllegalArgumentException if {@code payloadCapacity} is negative
     */
    public boolean resize(int payloadCapacity) {
        if (payloadCapacity < 0) {
            throw new IllegalArgumentException("payload capacity must not be negative: " + payloadCapacity);
        }
        if (octets > payloadCapacity) {
            return false;
        }
        byte[] next = new byte[payloadCapacity];
        int end = 0;
        for (int i = 0; i < count; i++) {
            int slot = slot(i);
            System.arraycopy(payload, starts[slot], next, end, lengths[slot]);
            starts[slot] = end;
            wrappedToStart[slot] = false;
            end += lengths[slot];
        }
        payload = next;
        head = 0;
        tail = end;
        wrapped = false;
        return true;
    }

    /** Removes every packet. */
    public void clear() {
        front = 0;
        count = 0;
        octets = 0;
        head = 0;
        tail = 0;
        wrapped = false;
    }

    @Override
    public String toString() {
        return "PacketBuffer[packets=" + count + "/" + starts.length
                + ", octets=" + octets + "/" + payload.length + "]";
    }

    /**
     * After the oldest payload has gone: the head moves to the next queued payload, skipping
     * zero-length packets (each is skipped at most once, since it is removed before the next
     * payload is). Reaching the payload that wrapped to index 0 releases the skipped octets at
     * the end of the array.
     */
    private void advanceHead() {
        for (int i = 0; i < count; i++) {
            int slot = slot(i);
            if (lengths[slot] > 0) {
                head = starts[slot];
                if (wrappedToStart[slot]) {
                    wrapped = false;
                }
                return;
            }
        }
        head = 0;
        tail = 0;
        wrapped = false;
    }

    private int frontSlot() {
        if (count == 0) {
            throw new NoSuchElementException("the packet buffer is empty");
        }
        return front;
    }

    /** The slot {@code i} places after the front. */
    private int slot(int i) {
        int slot = front + i;
        return slot >= starts.length ? slot - starts.length : slot;
    }
}

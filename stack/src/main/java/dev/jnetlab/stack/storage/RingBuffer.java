package dev.jnetlab.stack.storage;

import java.util.Objects;

/**
 * A fixed-capacity ring of octets: the send queue and the receive queue of a TCP socket.
 *
 * <p>The ring holds {@link #length()} <em>queued</em> octets, starting at the <em>head</em>
 * (the oldest octet) and ending at the <em>write position</em>, just past the newest. The
 * remaining {@link #window()} octets are free. Every operation copies between the ring and a
 * caller's {@code byte[]} (usually a frame's array) and allocates nothing; operations that can
 * only partly succeed do as much as fits and return how many octets they moved.
 *
 * <p>Two kinds of offset appear in this API, and each method says which it takes:
 * <ul>
 *   <li>an offset <em>from the head</em> ({@link #peek}): {@code 0} is the oldest queued
 *       octet. On a send queue whose head is SND.UNA, the octet with sequence number
 *       {@code s} is at offset {@code s - SND.UNA}; retransmitting reads queued data
 *       again without consuming it (RFC 9293 §3.8.1);</li>
 *   <li>an offset <em>from the write position</em> ({@link #writeUnallocated}): {@code 0}
 *       is the first free octet. On a receive queue whose write position is RCV.NXT, the octet
 *       with sequence number {@code s} lands at offset {@code s - RCV.NXT}, so a segment that
 *       arrives out of order is stored in place and later made readable by
 *       {@link #enqueueUnallocated} once the gap before it is filled (RFC 9293 §3.10.7.4).</li>
 * </ul>
 *
 * <p>Octets written past the write position are not disturbed by {@link #dequeue} or
 * {@link #discard} (freeing the head only adds free space after them), only by
 * {@link #enqueue} and {@link #writeUnallocated} over the same offsets, and by {@link #clear}.
 * For that reason the ring never moves its head on its own, not even when it becomes empty.
 *
 * <p>For copies without an intermediate step, {@link #array()} exposes the backing array:
 * {@link #readIndex()} and {@link #contiguousReadable()} describe the longest readable run
 * at the head, {@link #writeIndex()} and {@link #contiguousWritable()} the longest writable
 * run at the write position. After using them, commit with {@link #discard} or
 * {@link #enqueueUnallocated}.
 *
 * <p><b>On demand.</b> A ring made by {@link #onDemand} holds no array until something is
 * written to it, and, once it uses a {@link BufferPool} ({@link #usePool}), gives its array
 * back whenever it empties with nothing written past the write position, taking one again
 * when written to: a TCP connection at rest holds no buffer. What a caller sees is the same.
 *
 * <p>Not thread-safe: the stack's event loop owns every buffer (ARCHITECTURE.md §2).
 */
public final class RingBuffer {
    private static final byte[] NONE = new byte[0];

    private final int capacity;
    /** {@link #NONE} while a ring made on demand holds no array. */
    private byte[] storage;
    /** Where an on-demand ring takes its array and gives it back; null: it makes one, and keeps it. */
    private BufferPool pool;
    /** Whether {@link #storage} came from {@link #pool} (and so goes back to it). */
    private boolean lent;
    /** Made by {@link #onDemand}: the array may come and go. */
    private final boolean onDemand;
    /**
     * How far past the write position octets were written and not yet queued (out-of-order
     * data): while there are some, the array stays, even when nothing is queued.
     */
    private int ahead;
    /** Index in {@link #storage} of the oldest queued octet; {@code 0} when capacity is zero. */
    private int head;
    /** Queued octets, from {@link #head} onwards, wrapping at the end of the array. */
    private int length;

    /**
     * A ring that can hold {@code capacity} octets. Any capacity is allowed, including zero
     * (a socket direction that is never used) and sizes that are not powers of two.
     */
    public RingBuffer(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.storage = new byte[capacity];
        this.onDemand = false;
    }

    private RingBuffer(int capacity, boolean onDemand) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.storage = NONE;
        this.onDemand = onDemand;
    }

    /** A ring of {@code capacity} octets that takes its array when first written to. */
    public static RingBuffer onDemand(int capacity) {
        return new RingBuffer(capacity, true);
    }

    /**
     * From now on this on-demand ring takes its array from {@code pool} and gives it back
     * whenever it empties ({@code null}: it makes one when written to, and keeps it). If it is
     * empty now, the array it holds goes at once (back to the pool it came from, if any).
     */
    public void usePool(BufferPool pool) {
        if (pool == this.pool || !onDemand) {
            return;
        }
        if (length == 0 && ahead == 0) {
            release();
        } else if (lent) {
            this.pool.forget(storage);
            lent = false;
        }
        this.pool = pool;
    }

    /** Whether the ring holds an array now (an on-demand ring at rest holds none). */
    public boolean holdsArray() {
        return storage.length > 0 || capacity == 0;
    }

    /** How many octets the ring can hold. */
    public int capacity() {
        return capacity;
    }

    /** How many octets are queued (readable). */
    public int length() {
        return length;
    }

    /**
     * How many octets are free: what {@link #enqueue} would accept now. On a receive queue this
     * is the window to advertise (RCV.WND, before window scaling).
     */
    public int window() {
        return capacity - length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public boolean isFull() {
        return length == capacity;
    }

    /**
     * Appends as many of {@code src[srcOffset .. srcOffset + count)} as fit and returns how
     * many were appended ({@code min(count, window())}).
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code src} or
     *     {@code count} is negative
     */
    public int enqueue(byte[] src, int srcOffset, int count) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        int n = Math.min(count, window());
        if (n > 0) {
            takeArray();
        }
        copyIn(wrap(head + length), src, srcOffset, n);
        length += n;
        ahead = Math.max(0, ahead - n);
        return n;
    }

    /**
     * Removes up to {@code count} octets from the head into {@code dst[dstOffset ..]} and
     * returns how many were removed ({@code min(count, length())}).
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code dst} or
     *     {@code count} is negative
     */
    public int dequeue(byte[] dst, int dstOffset, int count) {
        int n = peek(0, dst, dstOffset, count);
        head = wrap(head + n);
        length -= n;
        releaseIfIdle();
        return n;
    }

    /**
     * Copies up to {@code count} queued octets, starting {@code offset} octets after the head,
     * into {@code dst[dstOffset ..]} without removing them; returns how many were copied
     * ({@code min(count, length() - offset)}, and {@code 0} when {@code offset >= length()}).
     *
     * @param offset octets from the head; {@code 0} is the oldest queued octet
     * @throws IllegalArgumentException if {@code offset} is negative
     * @throws IndexOutOfBoundsException if the range is not inside {@code dst} or
     *     {@code count} is negative
     */
    public int peek(int offset, byte[] dst, int dstOffset, int count) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset from the head must not be negative: " + offset);
        }
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        if (offset >= length) {
            return 0;
        }
        int n = Math.min(count, length - offset);
        copyOut(wrap(head + offset), dst, dstOffset, n);
        return n;
    }

    /**
     * Removes up to {@code count} octets from the head without copying them (the peer
     * acknowledged them) and returns how many were removed ({@code min(count, length())}).
     *
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public int discard(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        int n = Math.min(count, length);
        head = wrap(head + n);
        length -= n;
        releaseIfIdle();
        return n;
    }

    /**
     * Copies up to {@code count} octets from {@code src[srcOffset ..]} into the free space,
     * starting {@code offset} octets past the write position, without queueing them; returns
     * how many were copied ({@code min(count, window() - offset)}, and {@code 0} when
     * {@code offset >= window()}). They become readable when {@link #enqueueUnallocated}
     * commits the octets up to and including them.
     *
     * @param offset octets past the write position; {@code 0} is the first free octet
     * @throws IllegalArgumentException if {@code offset} is negative
     * @throws IndexOutOfBoundsException if the range is not inside {@code src} or
     *     {@code count} is negative
     */
    public int writeUnallocated(int offset, byte[] src, int srcOffset, int count) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset past the write position must not be negative: " + offset);
        }
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        int free = window();
        if (offset >= free) {
            return 0;
        }
        int n = Math.min(count, free - offset);
        if (n > 0) {
            takeArray();
            ahead = Math.max(ahead, offset + n);
        }
        // length + offset < capacity, so the sum stays below 2 * capacity and wrap() applies.
        copyIn(wrap(head + length + offset), src, srcOffset, n);
        return n;
    }

    /**
     * Queues the first {@code count} free octets as they are: data put there earlier by
     * {@link #writeUnallocated} or written directly at {@link #writeIndex()}. Unlike the copying
     * operations this does not saturate: committing octets that do not exist is a bug.
     *
     * @throws IllegalArgumentException if {@code count} is negative or more than {@link #window()}
     */
    public void enqueueUnallocated(int count) {
        if (count < 0 || count > window()) {
            throw new IllegalArgumentException(
                    "cannot queue " + count + " unallocated octets: the window is " + window());
        }
        length += count;
        ahead = Math.max(0, ahead - count);
        releaseIfIdle();
    }

    /** Empties the ring and forgets any octets written past the write position. */
    public void clear() {
        head = 0;
        length = 0;
        ahead = 0;
        releaseIfIdle();
    }

    /**
     * The backing array, for copies straight between it and a frame. Only the runs described
     * by {@link #readIndex()}/{@link #contiguousReadable()} and
     * {@link #writeIndex()}/{@link #contiguousWritable()} are meaningful to a caller.
     */
    public byte[] array() {
        return storage;
    }

    /** Index in {@link #array()} of the head (the oldest queued octet, if any). */
    public int readIndex() {
        return head;
    }

    /**
     * The number of queued octets that sit in one run from {@link #readIndex()}: all of them,
     * or those before the end of the array if the queue wraps. Zero only when empty.
     */
    public int contiguousReadable() {
        return Math.min(length, capacity - head);
    }

    /** Index in {@link #array()} of the write position (the first free octet, if any). */
    public int writeIndex() {
        return wrap(head + length);
    }

    /**
     * The number of free octets that sit in one run from {@link #writeIndex()}: all of them,
     * or those before the end of the array if the free space wraps. Zero only when full.
     */
    public int contiguousWritable() {
        if (length < capacity) {
            takeArray(); // the caller is about to write into the array
        }
        return Math.min(window(), capacity - writeIndex());
    }

    @Override
    public String toString() {
        return "RingBuffer[length=" + length + ", window=" + window() + ", capacity=" + capacity + "]";
    }

    /** An on-demand ring about to be written holds an array: the pool's, else a new one. */
    private void takeArray() {
        if (storage == NONE && capacity > 0) {
            if (pool != null) {
                storage = pool.take(capacity);
                lent = true;
            } else {
                storage = new byte[capacity];
            }
        }
    }

    /** An on-demand ring with a pool, empty and with nothing written ahead, gives its array back. */
    private void releaseIfIdle() {
        if (pool != null && length == 0 && ahead == 0) {
            release();
        }
    }

    /** Lets the array go (the ring is empty): back to the pool it came from, or to the garbage collector. */
    private void release() {
        if (storage != NONE && onDemand) {
            if (lent) {
                pool.give(storage);
            }
            storage = NONE;
            lent = false; // the head stays where it was: an array is as good as another, and the ring never moves its head on its own
        }
    }

    /**
     * Reduces an index in {@code [0, 2 * capacity)} to {@code [0, capacity)}. The sum that
     * produced it may have overflowed {@code int} for capacities above 2^30, so the comparison
     * is unsigned; the subtraction then wraps back to the right value.
     */
    private int wrap(int index) {
        return Integer.compareUnsigned(index, capacity) >= 0 ? index - capacity : index;
    }

    /** Copies {@code n <= capacity} octets into the ring at {@code at}, wrapping at the end. */
    private void copyIn(int at, byte[] src, int srcOffset, int n) {
        if (n == 0) {
            return; // an on-demand ring may hold no array at all
        }
        int first = Math.min(n, capacity - at);
        System.arraycopy(src, srcOffset, storage, at, first);
        System.arraycopy(src, srcOffset + first, storage, 0, n - first);
    }

    /** Copies {@code n <= capacity} octets out of the ring from {@code at}, wrapping at the end. */
    private void copyOut(int at, byte[] dst, int dstOffset, int n) {
        if (n == 0) {
            return;
        }
        int first = Math.min(n, capacity - at);
        System.arraycopy(storage, at, dst, dstOffset, first);
        System.arraycopy(storage, 0, dst, dstOffset + first, n - first);
    }
}

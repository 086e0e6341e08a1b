package dev.jnetlab.stack.storage;

import java.util.Objects;

/**
 * Which parts of a stream have arrived, for reassembly: TCP's out-of-order queue and IPv4
 * fragment reassembly. It records ranges only; the data itself goes straight into the
 * caller's buffer (for TCP, {@link RingBuffer#writeUnallocated}).
 *
 * <p><b>Offsets.</b> Offset 0 is the first octet not yet removed by {@link #removeFront()}:
 * RCV.NXT for TCP, the start of the datagram for IPv4. Offsets and ends are {@code int}s, so
 * any window TCP can advertise (below 2^30) and any fragment offset (below 65,536 plus a
 * fragment) fit. Ranges are half-open: {@code [start, end)}.
 *
 * <p><b>Bound.</b> At most {@link #maxRanges()} ranges that do not start at offset 0 (the
 * "holes" a receiver must keep track of) are kept in preallocated arrays. A segment that would
 * need one more is refused: {@link #add} returns {@code false} and nothing changes, so the
 * caller drops the segment, which RFC 9293 allows (queueing out-of-order segments is a SHOULD,
 * §3.10.7.4, SHLD-31); the peer retransmits it. Data at offset 0 is never refused, whatever
 * the bound, so the stream always advances.
 *
 * <p><b>Recency.</b> Each range remembers when an added segment last touched it, for SACK
 * (RFC 2018 §4): the first SACK block must be the range holding the segment that triggered
 * the ACK, and the following blocks should repeat the most recently reported ones, which are
 * the most recently updated ranges. {@link #rangeByRecency(int)} gives that order.
 *
 * <p>Not thread-safe: the stack's event loop owns it (ARCHITECTURE.md §2).
 */
public final class Assembler {
    private final int maxRanges;
    /** The ranges in offset order: {@code starts[i] < ends[i] < starts[i + 1]}. */
    private final int[] starts;
    private final int[] ends;
    /** When each range was last touched by {@link #add}; distinct, larger is more recent. */
    private final long[] stamps;
    private int count;
    private long lastStamp;

    /**
     * An empty assembler that keeps at most {@code maxRanges} ranges beyond offset 0.
     * Zero is allowed: then only data contiguous with offset 0 is accepted.
     */
    public Assembler(int maxRanges) {
        if (maxRanges < 0 || maxRanges == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxRanges must be in [0, " + (Integer.MAX_VALUE - 1) + "]: " + maxRanges);
        }
        this.maxRanges = maxRanges;
        // One more than the bound: the range at offset 0 does not count against it.
        this.starts = new int[maxRanges + 1];
        this.ends = new int[maxRanges + 1];
        this.stamps = new long[maxRanges + 1];
    }

    /** The most ranges that may not start at offset 0. */
    public int maxRanges() {
        return maxRanges;
    }

    /** Whether nothing has been recorded since the last {@link #removeFront()} emptied it. */
    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * Records that {@code [offset, offset + length)} has arrived, merging it with every range it
     * overlaps or touches, and makes the resulting range the most recent. A duplicate of data
     * already recorded changes only the recency (it still triggered an ACK). A zero-length
     * segment changes nothing.
     *
     * @return {@code false} if recording it would need more than {@link #maxRanges()} ranges
     *     beyond offset 0; then nothing changed and the caller should drop the segment
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative or
     *     {@code offset + length} overflows {@code int}
     */
    public boolean add(int offset, int length) {
        if (offset < 0 || length < 0 || offset > Integer.MAX_VALUE - length) {
            throw new IllegalArgumentException("not a range of offsets: offset " + offset + ", length " + length);
        }
        if (length == 0) {
            return true;
        }
        int end = offset + length;
        // Ranges [first, last) overlap or touch the new one.
        int first = 0;
        while (first < count && ends[first] < offset) {
            first++;
        }
        int last = first;
        while (last < count && starts[last] <= end) {
            last++;
        }
        if (last > first) {
            starts[first] = Math.min(starts[first], offset);
            ends[first] = Math.max(ends[last - 1], end);
            stamps[first] = ++lastStamp;
            removeRanges(first + 1, last);
            return true;
        }
        if (offset != 0 && rangesBeyondFront() == maxRanges) {
            return false;
        }
        System.arraycopy(starts, first, starts, first + 1, count - first);
        System.arraycopy(ends, first, ends, first + 1, count - first);
        System.arraycopy(stamps, first, stamps, first + 1, count - first);
        starts[first] = offset;
        ends[first] = end;
        stamps[first] = ++lastStamp;
        count++;
        return true;
    }

    /** How many octets are contiguous from offset 0 (not yet removed); {@code 0} if none. */
    public int frontLength() {
        return count > 0 && starts[0] == 0 ? ends[0] : 0;
    }

    /**
     * Removes the range at offset 0, if any, and returns its length: the octets that are now
     * in order (for TCP: advance RCV.NXT and {@link RingBuffer#enqueueUnallocated} by it). The
     * remaining ranges shift down by that amount, so offset 0 is again the first octet not yet
     * removed. Returns {@code 0}, changing nothing, when offset 0 has not arrived.
     */
    public int removeFront() {
        int removed = frontLength();
        if (removed == 0) {
            return 0;
        }
        count--;
        for (int i = 0; i < count; i++) {
            starts[i] = starts[i + 1] - removed;
            ends[i] = ends[i + 1] - removed;
            stamps[i] = stamps[i + 1];
        }
        return removed;
    }

    /** Forgets every range. */
    public void clear() {
        count = 0;
    }

    /** How many ranges are recorded (including one at offset 0, if {@link #frontLength()} {@code > 0}). */
    public int rangeCount() {
        return count;
    }

    /**
     * Start of the range at {@code index} in offset order ({@code 0 <= index < rangeCount()}).
     *
     * @throws IndexOutOfBoundsException if there is no such range
     */
    public int rangeStart(int index) {
        return starts[Objects.checkIndex(index, count)];
    }

    /**
     * End (exclusive) of the range at {@code index} in offset order.
     *
     * @throws IndexOutOfBoundsException if there is no such range
     */
    public int rangeEnd(int index) {
        return ends[Objects.checkIndex(index, count)];
    }

    /**
     * The offset-order index of the range with recency rank {@code rank}: rank 0 is the range
     * most recently touched by {@link #add}, rank 1 the one before, and so on. SACK blocks
     * (RFC 2018 §4) are {@code rangeByRecency(0)}, {@code rangeByRecency(1)}, ... for as many
     * as fit in the option; call it after {@link #removeFront()}, when no range starts at
     * offset 0 (SACK blocks lie above RCV.NXT). Quadratic in the range count, which the bound
     * keeps small, to avoid keeping an index that every merge would have to rewrite.
     *
     * @throws IndexOutOfBoundsException if {@code rank} is not in {@code [0, rangeCount())}
     */
    public int rangeByRecency(int rank) {
        Objects.checkIndex(rank, count);
        for (int i = 0; i < count; i++) {
            int newer = 0;
            for (int j = 0; j < count; j++) {
                if (stamps[j] > stamps[i]) {
                    newer++;
                }
            }
            if (newer == rank) {
                return i;
            }
        }
        throw new IllegalStateException("recency stamps are not distinct");
    }

    /** Appends the ranges as {@code [start end]} each, end exclusive ({@code [0 5][10 20]}), or {@code []}. */
    public StringBuilder appendTo(StringBuilder out) {
        if (count == 0) {
            return out.append("[]");
        }
        for (int i = 0; i < count; i++) {
            out.append('[').append(starts[i]).append(' ').append(ends[i]).append(']');
        }
        return out;
    }

    /** The ranges as {@link #appendTo} writes them: {@code [0 5][10 20]}. */
    @Override
    public String toString() {
        return appendTo(new StringBuilder(16 * count + 2)).toString();
    }

    private int rangesBeyondFront() {
        return count > 0 && starts[0] == 0 ? count - 1 : count;
    }

    /** Deletes the ranges at indexes {@code [from, to)}, closing the gap. */
    private void removeRanges(int from, int to) {
        int removed = to - from;
        if (removed == 0) {
            return;
        }
        System.arraycopy(starts, to, starts, from, count - to);
        System.arraycopy(ends, to, ends, from, count - to);
        System.arraycopy(stamps, to, stamps, from, count - to);
        count -= removed;
    }
}

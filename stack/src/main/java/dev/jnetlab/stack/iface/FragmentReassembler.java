package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Packet;

/**
 * Reassembles fragmented IPv4 datagrams (RFC 791 section 3.2, RFC 815), in any order of
 * arrival, within bounds ({@link ReassemblyLimits}).
 *
 * <p><b>Slots.</b> A datagram in reassembly (keyed by source, destination, protocol and
 * identification, RFC 791) takes one of {@code maxDatagrams} slots; a new datagram when all
 * are busy takes the slot of the oldest, which is given up. Each slot has a buffer of the
 * largest datagram allowed, made the first time the slot is used and kept for reuse, with room
 * for the longest header (60 octets) before the payload: the header of the first fragment is
 * copied right in front of the payload, so the complete datagram is one contiguous run, ready
 * for the same receive path as an unfragmented one.
 *
 * <p><b>Rules.</b>
 * <ul>
 *   <li>Every fragment but the last carries a multiple of 8 octets (RFC 791); two fragments
 *       that each say they are last must agree on the end; otherwise the datagram is dropped
 *       ({@link Result#INVALID}).</li>
 *   <li>Fragments that overlap drop the whole datagram ({@link Result#OVERLAP}), as RFC 5722 (and
 *       its erratum 3089) requires of IPv6 and Linux does for IPv4: an overlap is either an
 *       error or an attempt to slip different data past a filter. A fragment that repeats one
 *       already held exactly (same offset, same length) is a harmless retransmission: it is
 *       ignored and the datagram kept ({@link Result#DUPLICATE}).</li>
 *   <li>A datagram that would grow beyond {@code maxSize} octets (at most 65535, the largest
 *       the total length field can say; the "ping of death" is one that would not fit) is
 *       dropped ({@link Result#TOO_BIG}).</li>
 *   <li>A datagram cut into more than {@code maxFragments} pieces is dropped ({@link Result#FULL}).</li>
 *   <li>A dropped datagram keeps its slot until its timeout, empty, so that its remaining
 *       fragments are recognised and dropped too ({@link Result#ORPHANED}) instead of starting a
 *       new reassembly that could only time out; a new datagram takes such a slot first.</li>
 *   <li>A datagram not complete {@code timeoutMicros} after its first fragment arrived is
 *       given up ({@link #expired}); if its first fragment was there, the interface answers
 *       with time exceeded, fragment reassembly time exceeded (RFC 792; RFC 1122 section 3.3.2).</li>
 * </ul>
 */
final class FragmentReassembler {
    /** Room before the payload for the longest IPv4 header. */
    static final int HEADER_ROOM = 60;

    /** What became of a fragment {@link #add}ed. */
    enum Result {
        INCOMPLETE,
        COMPLETE,
        DUPLICATE,
        OVERLAP,
        INVALID,
        TOO_BIG,
        FULL,
        /** A fragment of a datagram already given up: dropped with it. */
        ORPHANED
    }

    private final ReassemblyLimits limits;
    private final int maxPayload;
    private final boolean[] used;
    /**
     * A slot whose datagram was given up (overlap, too big, invalid, too many pieces): it
     * stays until the timeout to absorb the datagram's remaining fragments, so they are not
     * taken for a new datagram, and the drop is counted once. Any new datagram may take it.
     */
    private final boolean[] dead;
    private final int[] src;
    private final int[] dst;
    private final int[] ident;
    private final int[] protocol;
    private final long[] deadline;
    private final byte[][] buffers;
    /** The first fragment's header length; 0 until it arrives. */
    private final int[] headerLen;
    /** The first fragment's payload length. */
    private final int[] firstLen;
    /** The payload length, known from the last fragment; -1 until it arrives. */
    private final int[] total;
    private final int[] received;
    private final int[] pieces;
    private final int[][] starts;
    private final int[][] ends;
    /** Whether the last {@link #add} gave up another datagram to make room. */
    private boolean evicted;
    private int completed = -1;

    FragmentReassembler(ReassemblyLimits limits) {
        this.limits = limits;
        this.maxPayload = limits.maxSize() - Ipv4Packet.HEADER_LEN;
        int slots = limits.maxDatagrams();
        used = new boolean[slots];
        dead = new boolean[slots];
        src = new int[slots];
        dst = new int[slots];
        ident = new int[slots];
        protocol = new int[slots];
        deadline = new long[slots];
        buffers = new byte[slots][];
        headerLen = new int[slots];
        firstLen = new int[slots];
        total = new int[slots];
        received = new int[slots];
        pieces = new int[slots];
        starts = new int[slots][limits.maxFragments()];
        ends = new int[slots][limits.maxFragments()];
    }

    /**
     * Takes one fragment that passed {@link Ipv4Packet#check()}. Returns {@link Result#COMPLETE}
     * when it was the last piece: the datagram is then {@link #datagramLength(int)} octets
     * from {@link #datagramOffset(int)} of {@link #buffer(int)} for slot {@link #completed()},
     * with a header that says so (total length, no MF, offset 0), and the caller
     * {@link #release}s the slot when done with it. Otherwise one of the other results.
     */
    Result add(Ipv4Packet ip, long now) {
        evicted = false;
        completed = -1;
        int offset = ip.fragmentOffset();
        int length = ip.payloadLength();
        int end = offset + length;
        boolean more = ip.moreFragments();
        int slot = find(ip.source(), ip.destination(), ip.protocolValue(), ip.identification());
        if (slot >= 0 && dead[slot]) {
            return Result.ORPHANED;
        }
        if (slot < 0) {
            slot = allocate(ip, now);
            if (slot < 0) {
                return Result.FULL;
            }
        }
        if (more && (length == 0 || length % 8 != 0)) {
            return dropSlot(slot, Result.INVALID);
        }
        if (end > maxPayload || offset == 0 && ip.headerLength() + end > limits.maxSize()) {
            return dropSlot(slot, Result.TOO_BIG);
        }
        int known = total[slot];
        if (!more) {
            if (known >= 0 && known != end || lastEnd(slot) > end) {
                return dropSlot(slot, Result.INVALID);
            }
        } else if (known >= 0 && end > known) {
            return dropSlot(slot, Result.INVALID);
        }
        int hl = offset == 0 ? ip.headerLength() : headerLen[slot];
        if (hl > 0 && hl + Math.max(end, lastEnd(slot)) > limits.maxSize()) {
            return dropSlot(slot, Result.TOO_BIG);
        }
        int[] s = starts[slot];
        int[] e = ends[slot];
        for (int i = 0; i < pieces[slot]; i++) {
            if (s[i] == offset && e[i] == end) {
                return Result.DUPLICATE;
            }
            if (offset < e[i] && s[i] < end) {
                return dropSlot(slot, Result.OVERLAP);
            }
        }
        if (pieces[slot] == s.length) {
            return dropSlot(slot, Result.FULL);
        }
        byte[] buf = buffers[slot];
        if (offset == 0) {
            headerLen[slot] = hl;
            firstLen[slot] = length;
            System.arraycopy(ip.buffer(), ip.offset(), buf, HEADER_ROOM - hl, hl);
        }
        System.arraycopy(ip.buffer(), ip.payloadOffset(), buf, HEADER_ROOM + offset, length);
        s[pieces[slot]] = offset;
        e[pieces[slot]] = end;
        pieces[slot]++;
        received[slot] += length;
        if (!more) {
            total[slot] = end;
        }
        if (total[slot] >= 0 && received[slot] == total[slot] && headerLen[slot] > 0) {
            Ipv4Packet header = scratch.wrap(buf, HEADER_ROOM - headerLen[slot], headerLen[slot]);
            header.setTotalLength(headerLen[slot] + total[slot]).setMoreFragments(false).setFragmentOffset(0).fillChecksum();
            completed = slot;
            return Result.COMPLETE;
        }
        return Result.INCOMPLETE;
    }

    private final Ipv4Packet scratch = new Ipv4Packet();

    /** The end of the furthest piece held. */
    private int lastEnd(int slot) {
        int max = 0;
        for (int i = 0; i < pieces[slot]; i++) {
            max = Math.max(max, ends[slot][i]);
        }
        return max;
    }

    private Result dropSlot(int slot, Result result) {
        dead[slot] = true;
        return result;
    }

    private int find(int source, int destination, int proto, int id) {
        for (int i = 0; i < used.length; i++) {
            if (used[i] && src[i] == source && dst[i] == destination && protocol[i] == proto && ident[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private int allocate(Ipv4Packet ip, long now) {
        if (used.length == 0) {
            return -1;
        }
        int slot = -1;
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                slot = i;
                break;
            }
        }
        for (int i = 0; slot < 0 && i < used.length; i++) {
            if (dead[i]) {
                slot = i;
            }
        }
        if (slot < 0) {
            slot = 0;
            for (int i = 1; i < used.length; i++) {
                if (deadline[i] < deadline[slot]) {
                    slot = i;
                }
            }
            evicted = true;
        }
        if (buffers[slot] == null) {
            buffers[slot] = new byte[HEADER_ROOM + maxPayload];
        }
        used[slot] = true;
        dead[slot] = false;
        src[slot] = ip.source();
        dst[slot] = ip.destination();
        protocol[slot] = ip.protocolValue();
        ident[slot] = ip.identification();
        deadline[slot] = Micros.plus(now, limits.timeoutMicros());
        headerLen[slot] = 0;
        firstLen[slot] = 0;
        total[slot] = -1;
        received[slot] = 0;
        pieces[slot] = 0;
        return slot;
    }

    /** Whether the last {@link #add} gave up the oldest datagram to make room for a new one. */
    boolean evicted() {
        return evicted;
    }

    /** The slot the last {@link #add} completed, or -1. */
    int completed() {
        return completed;
    }

    byte[] buffer(int slot) {
        return buffers[slot];
    }

    /** Where the datagram (header first) starts in {@link #buffer}; needs the first fragment. */
    int datagramOffset(int slot) {
        return HEADER_ROOM - headerLen[slot];
    }

    /** The complete datagram's length, header included. */
    int datagramLength(int slot) {
        return headerLen[slot] + total[slot];
    }

    /** Whether slot {@code slot}'s first fragment has arrived. */
    boolean hasFirst(int slot) {
        return headerLen[slot] > 0;
    }

    /** The first fragment as it arrived (its own header, its own payload): what a time exceeded quotes. */
    int firstFragmentLength(int slot) {
        return headerLen[slot] + firstLen[slot];
    }

    int destination(int slot) {
        return dst[slot];
    }

    int source(int slot) {
        return src[slot];
    }

    void release(int slot) {
        used[slot] = false;
        dead[slot] = false;
    }

    /** A datagram in reassembly whose time is up, or -1; the slots of given-up datagrams whose time is up are freed on the way. */
    int expired(long now) {
        for (int i = 0; i < used.length; i++) {
            if (used[i] && now >= deadline[i]) {
                if (!dead[i]) {
                    return i;
                }
                release(i);
            }
        }
        return -1;
    }

    /** How many datagrams are in reassembly (not counting those given up). */
    int inProgress() {
        int count = 0;
        for (int i = 0; i < used.length; i++) {
            if (used[i] && !dead[i]) {
                count++;
            }
        }
        return count;
    }

    /** The earliest timeout of a datagram in reassembly; given-up ones need no poll of their own. */
    long nextDeadline() {
        long at = Micros.NEVER;
        for (int i = 0; i < used.length; i++) {
            if (used[i] && !dead[i]) {
                at = Math.min(at, deadline[i]);
            }
        }
        return at;
    }
}

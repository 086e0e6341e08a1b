package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Packet;

/**
 * Reassembles fragmented IPv6 packets (RFC 8200 section 4.5), in any order of arrival, within
 * bounds; the same shape as {@link FragmentReassembler} for IPv4, keyed and laid out for
 * IPv6's Fragment header.
 *
 * <p><b>Slots.</b> A packet in reassembly, keyed by source, destination and the Fragment
 * header's identification (RFC 8200 section 4.5), takes one of {@link #SLOTS} slots; a new
 * packet when all are busy takes the slot of a given-up one, else of the oldest, which is given
 * up. Each slot has one buffer, made the first time the slot is used and kept for reuse:
 * {@link #ROOM} octets for the first fragment's unfragmentable part and its Fragment header,
 * then room for the largest fragmentable part (65535 octets). The first fragment lands in
 * front of the payload as it arrived, so a time exceeded quotes it from the buffer; on
 * completion the unfragmentable part moves over the Fragment header, whose next header
 * it takes, and the packet is one contiguous run for the ordinary receive path.
 *
 * <p><b>Rules.</b>
 * <ul>
 *   <li>Fragments that overlap drop the whole packet ({@link Result#OVERLAP}, RFC 5722; RFC 8200
 *       section 4.5): an overlap is an error or an attempt to slip data past a filter. A
 *       fragment that repeats one held exactly is a retransmission, ignored
 *       ({@link Result#DUPLICATE}, RFC 5722 erratum 3089).</li>
 *   <li>Two last fragments with different ends, or data past the known end, drop the packet
 *       ({@link Result#INVALID}).</li>
 *   <li>An unfragmentable part longer than {@link #MAX_UNFRAGMENTABLE} octets, or a packet whose
 *       payload would pass 65535 octets, drops it ({@link Result#TOO_BIG}).</li>
 *   <li>More than {@link #MAX_PIECES} pieces drop it ({@link Result#FULL}).</li>
 *   <li>A dropped packet keeps its slot, empty, until its timeout, so that its remaining
 *       fragments are dropped with it ({@link Result#ORPHANED}) rather than start a reassembly
 *       that could only time out.</li>
 *   <li>A packet not complete {@link #TIMEOUT} after its first fragment arrived is given up
 *       ({@link #expired}); RFC 8200 asks for ICMPv6 time exceeded, code 1, when the fragment of
 *       offset 0 was there, which the interface sends.</li>
 * </ul>
 * The checks of one fragment on its own (length a multiple of 8 when more follow, not past
 * 65535, the first carrying the whole header chain) are the interface's: they are answered
 * with a parameter problem and drop only that fragment.
 *
 * <p>Allocates nothing per fragment (ARCHITECTURE.md §4). Not thread-safe (ARCHITECTURE.md §2).
 */
final class Ipv6Reassembler {
    /** Packets in reassembly at once. */
    static final int SLOTS = 4;
    /** Pieces kept per packet: a 64 KB packet at the minimum MTU is 52. */
    static final int MAX_PIECES = 64;
    /** RFC 8200 section 4.5: reassembly is abandoned 60 seconds after the first-arriving fragment. */
    static final long TIMEOUT = Micros.ofSeconds(60);
    /** The longest unfragmentable part kept: the IPv6 header and hop-by-hop and routing headers of ordinary size. */
    static final int MAX_UNFRAGMENTABLE = 256;
    /** Room in front of the payload: the unfragmentable part and the 8-octet Fragment header. */
    static final int ROOM = MAX_UNFRAGMENTABLE + 8;
    /** The largest payload length a reassembled packet may have. */
    static final int MAX_PAYLOAD = 65535;

    /** What became of a fragment {@link #add}ed. */
    enum Result {
        INCOMPLETE,
        COMPLETE,
        DUPLICATE,
        OVERLAP,
        INVALID,
        TOO_BIG,
        FULL,
        /** A fragment of a packet already given up: dropped with it. */
        ORPHANED
    }

    private final boolean[] used = new boolean[SLOTS];
    private final boolean[] dead = new boolean[SLOTS];
    private final long[] srcHigh = new long[SLOTS];
    private final long[] srcLow = new long[SLOTS];
    private final long[] dstHigh = new long[SLOTS];
    private final long[] dstLow = new long[SLOTS];
    private final int[] ident = new int[SLOTS];
    private final long[] deadline = new long[SLOTS];
    private final byte[][] buffers = new byte[SLOTS][];
    /** The first fragment's unfragmentable part's length; 0 until it arrives. */
    private final int[] unfragmentable = new int[SLOTS];
    /** Where, in the unfragmentable part, the next header field that named the Fragment header is. */
    private final int[] nextHeaderField = new int[SLOTS];
    private final int[] firstLength = new int[SLOTS];
    /** The fragmentable part's length, known from the last fragment; -1 until it arrives. */
    private final int[] total = new int[SLOTS];
    private final int[] received = new int[SLOTS];
    private final int[] pieces = new int[SLOTS];
    private final int[][] starts = new int[SLOTS][MAX_PIECES];
    private final int[][] ends = new int[SLOTS][MAX_PIECES];
    private boolean evicted;
    private int completed = -1;

    /**
     * Takes one fragment of the checked packet {@code ip} whose Fragment header is at
     * {@code fragmentHeader} in its buffer: {@code length} octets of data from there on at
     * {@code offset} of the fragmentable part, {@code more} if more follow. For the first
     * fragment, {@code namingField} is where (from the IPv6 header's start) the next header
     * field that named the Fragment header is. Returns {@link Result#COMPLETE} when it was the
     * last piece: the packet is then {@link #packetLength} octets from {@link #packetOffset} of
     * {@link #buffer}, for slot {@link #completed()}, and the caller {@link #release}s the slot.
     */
    Result add(Ipv6Packet ip, int fragmentHeader, int namingField, int identification, int offset, boolean more,
               int length, long now) {
        evicted = false;
        completed = -1;
        int slot = find(ip, identification);
        if (slot >= 0 && dead[slot]) {
            return Result.ORPHANED;
        }
        if (slot < 0) {
            slot = allocate(ip, identification, now);
        }
        int end = offset + length;
        int unfrag = fragmentHeader - ip.offset();
        if (offset == 0 && unfrag > MAX_UNFRAGMENTABLE) {
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
        int header = offset == 0 ? unfrag : unfragmentable[slot];
        if (header > 0 && header - Ipv6Packet.HEADER_LEN + Math.max(end, lastEnd(slot)) > MAX_PAYLOAD) {
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
        if (pieces[slot] == MAX_PIECES) {
            return dropSlot(slot, Result.FULL);
        }
        byte[] buf = buffers[slot];
        byte[] in = ip.buffer();
        if (offset == 0) {
            unfragmentable[slot] = unfrag;
            nextHeaderField[slot] = namingField;
            firstLength[slot] = length;
            System.arraycopy(in, ip.offset(), buf, ROOM - 8 - unfrag, unfrag + 8);
        }
        System.arraycopy(in, fragmentHeader + 8, buf, ROOM + offset, length);
        s[pieces[slot]] = offset;
        e[pieces[slot]] = end;
        pieces[slot]++;
        received[slot] += length;
        if (!more) {
            total[slot] = end;
        }
        if (total[slot] >= 0 && received[slot] == total[slot] && unfragmentable[slot] > 0) {
            join(slot);
            completed = slot;
            return Result.COMPLETE;
        }
        return Result.INCOMPLETE;
    }

    /**
     * Makes the packet whole: the unfragmentable part moves over the Fragment header, the next
     * header field that named it takes the Fragment header's next header, and the payload
     * length covers everything (RFC 8200 section 4.5, reassembly).
     */
    private void join(int slot) {
        byte[] buf = buffers[slot];
        int unfrag = unfragmentable[slot];
        int nextHeader = buf[ROOM - 8] & 0xFF;
        System.arraycopy(buf, ROOM - 8 - unfrag, buf, ROOM - unfrag, unfrag);
        int at = ROOM - unfrag;
        buf[at + nextHeaderField[slot]] = (byte) nextHeader;
        scratch.wrap(buf, at, unfrag + total[slot]).setPayloadLength(unfrag - Ipv6Packet.HEADER_LEN + total[slot]);
    }

    private final Ipv6Packet scratch = new Ipv6Packet();

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

    private int find(Ipv6Packet ip, int identification) {
        for (int i = 0; i < SLOTS; i++) {
            if (used[i] && ident[i] == identification && srcLow[i] == ip.sourceLow() && srcHigh[i] == ip.sourceHigh()
                    && dstLow[i] == ip.destinationLow() && dstHigh[i] == ip.destinationHigh()) {
                return i;
            }
        }
        return -1;
    }

    private int allocate(Ipv6Packet ip, int identification, long now) {
        int slot = -1;
        for (int i = 0; i < SLOTS && slot < 0; i++) {
            if (!used[i]) {
                slot = i;
            }
        }
        for (int i = 0; i < SLOTS && slot < 0; i++) {
            if (dead[i]) {
                slot = i;
            }
        }
        if (slot < 0) {
            slot = 0;
            for (int i = 1; i < SLOTS; i++) {
                if (deadline[i] < deadline[slot]) {
                    slot = i;
                }
            }
            evicted = true;
        }
        if (buffers[slot] == null) {
            buffers[slot] = new byte[ROOM + MAX_PAYLOAD];
        }
        used[slot] = true;
        dead[slot] = false;
        srcHigh[slot] = ip.sourceHigh();
        srcLow[slot] = ip.sourceLow();
        dstHigh[slot] = ip.destinationHigh();
        dstLow[slot] = ip.destinationLow();
        ident[slot] = identification;
        deadline[slot] = Micros.plus(now, TIMEOUT);
        unfragmentable[slot] = 0;
        firstLength[slot] = 0;
        total[slot] = -1;
        received[slot] = 0;
        pieces[slot] = 0;
        return slot;
    }

    /** Whether the last {@link #add} gave up the oldest packet to make room for a new one. */
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

    /** Where the complete packet starts in {@link #buffer}. */
    int packetOffset(int slot) {
        return ROOM - unfragmentable[slot];
    }

    /** The complete packet's length, IPv6 header included. */
    int packetLength(int slot) {
        return unfragmentable[slot] + total[slot];
    }

    /** Whether slot {@code slot}'s first fragment (offset 0) has arrived. */
    boolean hasFirst(int slot) {
        return unfragmentable[slot] > 0;
    }

    /** Where the first fragment, as it arrived, starts in {@link #buffer}: what a time exceeded quotes. */
    int firstFragmentOffset(int slot) {
        return ROOM - 8 - unfragmentable[slot];
    }

    int firstFragmentLength(int slot) {
        return unfragmentable[slot] + 8 + firstLength[slot];
    }

    void release(int slot) {
        used[slot] = false;
        dead[slot] = false;
    }

    /** A packet in reassembly whose time is up, or -1; given-up slots whose time is up are freed on the way. */
    int expired(long now) {
        for (int i = 0; i < SLOTS; i++) {
            if (used[i] && now >= deadline[i]) {
                if (!dead[i]) {
                    return i;
                }
                release(i);
            }
        }
        return -1;
    }

    /** How many packets are in reassembly (not counting given-up ones). */
    int inProgress() {
        int count = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (used[i] && !dead[i]) {
                count++;
            }
        }
        return count;
    }

    /** The earliest timeout of a packet in reassembly. */
    long nextDeadline() {
        long at = Micros.NEVER;
        for (int i = 0; i < SLOTS; i++) {
            if (used[i] && !dead[i]) {
                at = Math.min(at, deadline[i]);
            }
        }
        return at;
    }
}

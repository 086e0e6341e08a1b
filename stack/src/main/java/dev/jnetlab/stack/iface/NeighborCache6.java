package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The IPv6 neighbor cache of RFC 4861 section 7.3: per neighbor its link-layer address, its
 * reachability state ({@link NdpState}), a deadline, the solicitations sent, whether it is a
 * router, and the first packet waiting for it while it is incomplete (section 7.2.2 asks for
 * at least one; later ones are dropped and counted). A packet sent in fragments (RFC 8200
 * section 4.5) is held as its fragments, up to {@value #HELD_FRAMES} frames (a whole 64 KiB
 * datagram, as IPv4's ARP queue holds), so that a {@code ping -s 20000} to a new neighbor is
 * not lost. Preallocated arrays, and a held-frames buffer per entry made the first time that
 * entry holds a packet and kept: nothing is allocated per packet, and an interface that never
 * resolves a neighbor holds no buffer. When full, a new entry takes the place of
 * the oldest stale one, else of the one whose state changes soonest.
 *
 * <p>The state machine's timing is RFC 4861 section 10's: REACHABLE_TIME 30 s (not randomised,
 * so runs replay), RETRANS_TIMER 1 s, DELAY_FIRST_PROBE_TIME 5 s, three multicast and three
 * unicast solicitations. The caller acts on what {@link #due} reports.
 *
 * <p>Not thread-safe: the stack's event loop owns it (ARCHITECTURE.md §2).
 */
final class NeighborCache6 {
    static final long REACHABLE_TIME = Micros.ofSeconds(30);
    static final long RETRANS_TIMER = Micros.ofSeconds(1);
    static final long DELAY_FIRST_PROBE_TIME = Micros.ofSeconds(5);
    static final int MAX_SOLICIT = 3;
    /** The frames of the one packet held per incomplete entry: 65,535 octets in 1,500-octet fragments. */
    static final int HELD_FRAMES = 45;

    /** What a due entry needs from the caller, as {@link #due} reports it. */
    enum Action {
        NONE,
        /** Send a multicast solicitation (incomplete) for the entry. */
        SOLICIT_MULTICAST,
        /** Send a unicast solicitation (probe) to the entry's address. */
        SOLICIT_UNICAST,
        /** Resolution failed: the held packet is dropped, the entry removed. */
        FAILED
    }

    private final int capacity;
    private final long[] high;
    private final long[] low;
    private final long[] mac;
    private final NdpState[] state;
    private final long[] deadline;
    private final int[] solicits;
    private final boolean[] router;
    private final int frameSize;
    /** Per entry, {@value #HELD_FRAMES} frames of {@link #frameSize} octets, one after the other; null until used. */
    private final byte[][] held;
    private final int[][] heldLengths;
    private final int[] heldFrames;

    NeighborCache6(int capacity, int frameSize) {
        this.frameSize = frameSize;
        this.capacity = capacity;
        high = new long[capacity];
        low = new long[capacity];
        mac = new long[capacity];
        state = new NdpState[capacity];
        deadline = new long[capacity];
        solicits = new int[capacity];
        router = new boolean[capacity];
        held = new byte[capacity][];
        heldLengths = new int[capacity][HELD_FRAMES];
        heldFrames = new int[capacity];
    }

    int capacity() {
        return capacity;
    }

    int find(long h, long l) {
        for (int i = 0; i < capacity; i++) {
            if (state[i] != null && high[i] == h && low[i] == l) {
                return i;
            }
        }
        return -1;
    }

    NdpState state(int i) {
        return state[i];
    }

    long mac(int i) {
        return mac[i];
    }

    long high(int i) {
        return high[i];
    }

    long low(int i) {
        return low[i];
    }

    boolean isRouter(int i) {
        return router[i];
    }

    /**
     * A packet is to go to {@code h}/{@code l} (section 7.3.3): returns the slot of a usable
     * entry (REACHABLE, STALE (now DELAY), DELAY, PROBE), or -1 after creating an INCOMPLETE
     * one whose first multicast solicitation the caller must send now ({@code wasNew} set to
     * the answer through {@link #created}), or -1 for an entry still incomplete.
     */
    int lookupForSend(long h, long l, long now) {
        created = false;
        int i = find(h, l);
        if (i < 0) {
            i = freeSlot();
            high[i] = h;
            low[i] = l;
            mac[i] = 0;
            state[i] = NdpState.INCOMPLETE;
            solicits[i] = 1;
            deadline[i] = Micros.plus(now, RETRANS_TIMER);
            router[i] = false;
            heldFrames[i] = 0;
            created = true;
            createdSlot = i;
            return -1;
        }
        if (state[i] == NdpState.INCOMPLETE) {
            createdSlot = i;
            return -1;
        }
        if (state[i] == NdpState.STALE) {
            state[i] = NdpState.DELAY;
            deadline[i] = Micros.plus(now, DELAY_FIRST_PROBE_TIME);
        }
        return i;
    }

    private boolean created;
    private int createdSlot;

    /** Whether the last {@link #lookupForSend} created the entry. */
    boolean created() {
        return created;
    }

    /** The slot of the incomplete entry the last {@link #lookupForSend} returned -1 for. */
    int incompleteSlot() {
        return createdSlot;
    }

    /**
     * Holds a frame for incomplete slot {@code i}: the first of a packet when none is held, or
     * the next fragment of the packet being held ({@code samePacket}); false when another packet
     * is held, the frames are all taken, or it does not fit.
     */
    boolean hold(int i, byte[] frame, int off, int len, boolean samePacket) {
        int k = heldFrames[i];
        if (k > 0 && !samePacket || k == HELD_FRAMES || len > frameSize) {
            return false;
        }
        if (held[i] == null) {
            held[i] = new byte[HELD_FRAMES * frameSize];
        }
        System.arraycopy(frame, off, held[i], k * frameSize, len);
        heldLengths[i][k] = len;
        heldFrames[i] = k + 1;
        return true;
    }

    /** The held frames' buffer of slot {@code i}: frame {@code k} starts at {@link #heldOffset}. */
    byte[] heldBuffer(int i) {
        return held[i];
    }

    int heldOffset(int k) {
        return k * frameSize;
    }

    int heldFrames(int i) {
        return heldFrames[i];
    }

    int heldLength(int i, int k) {
        return heldLengths[i][k];
    }

    /** Whether slot {@code i} holds a packet. */
    boolean holds(int i) {
        return heldFrames[i] > 0;
    }

    void clearHeld(int i) {
        heldFrames[i] = 0;
    }

    /**
     * A solicitation, router advertisement or redirect from {@code h}/{@code l} said its
     * link-layer address (section 7.2.3, 6.3.4): a new entry is STALE; an entry with another
     * address becomes STALE with it; an INCOMPLETE one too (its held packet then goes).
     */
    int learn(long h, long l, long linkLayer, long now) {
        int i = find(h, l);
        if (i < 0) {
            i = freeSlot();
            high[i] = h;
            low[i] = l;
            router[i] = false;
            heldFrames[i] = 0;
            state[i] = NdpState.STALE;
            mac[i] = linkLayer;
            return i;
        }
        if (state[i] == NdpState.INCOMPLETE || mac[i] != linkLayer) {
            mac[i] = linkLayer;
            state[i] = NdpState.STALE;
        }
        return i;
    }

    void setRouter(int i, boolean isRouter) {
        router[i] = isRouter;
    }

    /**
     * A neighbor advertisement for an entry (section 7.2.5). {@code linkLayer} 0: none was
     * given. Returns the slot, or -1 if there is no entry (an unsolicited advertisement about
     * a stranger creates none).
     */
    int advertised(long h, long l, long linkLayer, boolean solicited, boolean override, boolean isRouter, long now) {
        int i = find(h, l);
        if (i < 0) {
            return -1;
        }
        if (state[i] == NdpState.INCOMPLETE) {
            if (linkLayer == 0) {
                return i;
            }
            mac[i] = linkLayer;
            setState(i, solicited ? NdpState.REACHABLE : NdpState.STALE, now);
            router[i] = isRouter;
            return i;
        }
        boolean differs = linkLayer != 0 && linkLayer != mac[i];
        if (!override && differs) {
            if (state[i] == NdpState.REACHABLE) {
                state[i] = NdpState.STALE;
            }
            return i;
        }
        if (linkLayer != 0) {
            mac[i] = linkLayer;
        }
        if (solicited) {
            setState(i, NdpState.REACHABLE, now);
        } else if (differs) {
            state[i] = NdpState.STALE;
        }
        router[i] = isRouter;
        return i;
    }

    private void setState(int i, NdpState next, long now) {
        state[i] = next;
        if (next == NdpState.REACHABLE) {
            deadline[i] = Micros.plus(now, REACHABLE_TIME);
        }
    }

    /**
     * The first entry whose deadline has passed, moved on as section 7.3.3 says; its slot in
     * {@link #dueSlot()} and what the caller must do returned. {@link Action#NONE} when none is due.
     */
    Action due(long now) {
        for (int i = 0; i < capacity; i++) {
            if (state[i] == null || state[i] == NdpState.STALE || deadline[i] > now) {
                continue;
            }
            dueSlot = i;
            switch (state[i]) {
                case REACHABLE:
                    state[i] = NdpState.STALE;
                    return Action.NONE;
                case DELAY:
                    state[i] = NdpState.PROBE;
                    solicits[i] = 1;
                    deadline[i] = Micros.plus(now, RETRANS_TIMER);
                    return Action.SOLICIT_UNICAST;
                case INCOMPLETE:
                case PROBE:
                    if (solicits[i] >= MAX_SOLICIT) {
                        return Action.FAILED;
                    }
                    solicits[i]++;
                    deadline[i] = Micros.plus(now, RETRANS_TIMER);
                    return state[i] == NdpState.INCOMPLETE ? Action.SOLICIT_MULTICAST : Action.SOLICIT_UNICAST;
                default:
                    throw new AssertionError(state[i]);
            }
        }
        return Action.NONE;
    }

    private int dueSlot;

    int dueSlot() {
        return dueSlot;
    }

    void removeAt(int i) {
        state[i] = null;
        heldFrames[i] = 0;
    }

    /** Removes the entry of an address, and the packet it held; false if there is none. */
    boolean remove(long h, long l) {
        int i = find(h, l);
        if (i < 0) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /** Removes every entry, and the packets they held; how many there were. */
    int clear() {
        int removed = 0;
        for (int i = 0; i < capacity; i++) {
            if (state[i] != null) {
                removeAt(i);
                removed++;
            }
        }
        return removed;
    }

    long nextDeadline() {
        long at = Micros.NEVER;
        for (int i = 0; i < capacity; i++) {
            if (state[i] != null && state[i] != NdpState.STALE) {
                at = Math.min(at, deadline[i]);
            }
        }
        return at;
    }

    private int freeSlot() {
        int victim = 0;
        for (int i = 0; i < capacity; i++) {
            if (state[i] == null) {
                return i;
            }
            if (state[i] == NdpState.STALE && state[victim] != NdpState.STALE
                    || state[i] != NdpState.STALE && state[victim] != NdpState.STALE && deadline[i] < deadline[victim]) {
                victim = i;
            }
        }
        return victim;
    }

    List<Ndp6Entry> snapshot(long now) {
        List<Ndp6Entry> list = new ArrayList<>();
        for (int i = 0; i < capacity; i++) {
            if (state[i] != null) {
                list.add(new Ndp6Entry(new Ipv6Address(high[i], low[i]),
                        state[i] == NdpState.INCOMPLETE ? Optional.empty() : Optional.of(MacAddress.of(mac[i])), state[i],
                        router[i], state[i] == NdpState.STALE ? Micros.NEVER : Math.max(0, deadline[i] - now), heldFrames[i] > 0));
            }
        }
        return list;
    }
}

package dev.jnetlab.stack.forward;

import dev.jnetlab.stack.time.Micros;

/**
 * The IPv6 neighbors of one router port, found by Neighbor Discovery (RFC 4861): a
 * solicitation a second ({@code RetransTimer}), three in all ({@code MAX_MULTICAST_SOLICIT},
 * section 10), an answer trusted for {@value #REACHABLE_SECONDS} s, and the packets waiting
 * for an answer (section 7.2.2 asks that at least one be queued). A router forwards, so it
 * keeps only what forwarding needs, not the five states a host's cache has. Arrays sized once,
 * so nothing is allocated per packet.
 */
final class RouterNeighbors6 {
    static final int NEIGHBORS = 64;
    static final int PENDING = 16;
    static final long REACHABLE_SECONDS = 30;
    static final long RETRANS = Micros.ofSeconds(1);
    static final int SOLICITATIONS = 3;

    private final long[] highs = new long[NEIGHBORS];
    private final long[] lows = new long[NEIGHBORS];
    /** 0 while the neighbor is being solicited. */
    private final long[] macs = new long[NEIGHBORS];
    /** A resolved entry's expiry, or an unresolved one's next solicitation. */
    private final long[] deadlines = new long[NEIGHBORS];
    private final int[] tries = new int[NEIGHBORS];
    private final boolean[] used = new boolean[NEIGHBORS];

    private final byte[][] pendingFrames;
    private final int[] pendingLength = new int[PENDING];
    private final long[] pendingHigh = new long[PENDING];
    private final long[] pendingLow = new long[PENDING];
    private final boolean[] pendingUsed = new boolean[PENDING];

    RouterNeighbors6(int maxFrameSize) {
        pendingFrames = new byte[PENDING][maxFrameSize];
    }

    private int find(long high, long low) {
        for (int i = 0; i < NEIGHBORS; i++) {
            if (used[i] && highs[i] == high && lows[i] == low) {
                return i;
            }
        }
        return -1;
    }

    /** The neighbor's MAC address if it is known and fresh at {@code now}, else 0. */
    long resolved(long high, long low, long now) {
        int i = find(high, low);
        return i >= 0 && macs[i] != 0 && deadlines[i] > now ? macs[i] : 0;
    }

    /** Starts soliciting a neighbor nobody is soliciting; true when the first solicitation should go now. */
    boolean startResolving(long high, long low, long now) {
        int i = find(high, low);
        if (i >= 0 && (macs[i] == 0 || deadlines[i] > now)) {
            return false;
        }
        if (i < 0 && (i = freeOrOldest()) < 0) {
            return false;
        }
        used[i] = true;
        highs[i] = high;
        lows[i] = low;
        macs[i] = 0;
        tries[i] = 1;
        deadlines[i] = Micros.plus(now, RETRANS);
        return true;
    }

    private int freeOrOldest() {
        int oldest = -1;
        for (int i = 0; i < NEIGHBORS; i++) {
            if (!used[i]) {
                return i;
            }
            if (macs[i] != 0 && (oldest < 0 || deadlines[i] < deadlines[oldest])) {
                oldest = i;
            }
        }
        return oldest;
    }

    /**
     * What an advertisement or a solicitation's source link-layer option says. An entry there
     * is is updated; a new one made only when {@code add} (RFC 4861 section 7.2.3: a
     * solicitation creates an entry; section 7.2.5: an unsolicited advertisement does not).
     * Returns whether the cache knows it now.
     */
    boolean learn(long high, long low, long mac, boolean add, long now) {
        int i = find(high, low);
        if (i < 0) {
            if (!add || (i = freeOrOldest()) < 0) {
                return false;
            }
            used[i] = true;
            highs[i] = high;
            lows[i] = low;
        }
        macs[i] = mac;
        tries[i] = 0;
        deadlines[i] = Micros.plus(now, Micros.ofSeconds(REACHABLE_SECONDS));
        return true;
    }

    /**
     * The link-local address of a neighbor whose link-layer address is {@code mac}, learnt
     * whenever it was (a router's advertisement gives it): how a Redirect names a router on
     * the link (RFC 4861 section 8.2). Its slot, or -1 when none is known.
     */
    int linkLocalWith(long mac) {
        for (int i = 0; i < NEIGHBORS; i++) {
            if (used[i] && macs[i] == mac && highs[i] == RouterPort.LINK_LOCAL_HIGH) {
                return i;
            }
        }
        return -1;
    }

    /** The next unresolved neighbor whose solicitation is due at {@code now}, or -1. */
    int due(long now) {
        for (int i = 0; i < NEIGHBORS; i++) {
            if (used[i] && macs[i] == 0 && deadlines[i] <= now) {
                return i;
            }
        }
        return -1;
    }

    long high(int slot) {
        return highs[slot];
    }

    long low(int slot) {
        return lows[slot];
    }

    boolean solicitedEnough(int slot) {
        return tries[slot] >= SOLICITATIONS;
    }

    void solicited(int slot, long now) {
        tries[slot]++;
        deadlines[slot] = Micros.plus(now, RETRANS);
    }

    void giveUp(int slot) {
        used[slot] = false;
    }

    long nextDeadline() {
        long at = Micros.NEVER;
        for (int i = 0; i < NEIGHBORS; i++) {
            if (used[i] && macs[i] == 0) {
                at = Math.min(at, deadlines[i]);
            }
        }
        return at;
    }

    /** Copies a frame to wait for the neighbor; false if every slot is taken. */
    boolean hold(long high, long low, byte[] frame, int length) {
        for (int i = 0; i < PENDING; i++) {
            if (!pendingUsed[i]) {
                if (length > pendingFrames[i].length) {
                    return false;
                }
                System.arraycopy(frame, 0, pendingFrames[i], 0, length);
                pendingLength[i] = length;
                pendingHigh[i] = high;
                pendingLow[i] = low;
                pendingUsed[i] = true;
                return true;
            }
        }
        return false;
    }

    /** The lowest-numbered frame waiting for the neighbor, or -1. */
    int pendingFor(long high, long low) {
        for (int i = 0; i < PENDING; i++) {
            if (pendingUsed[i] && pendingHigh[i] == high && pendingLow[i] == low) {
                return i;
            }
        }
        return -1;
    }

    byte[] pendingFrame(int slot) {
        return pendingFrames[slot];
    }

    int pendingLength(int slot) {
        return pendingLength[slot];
    }

    void release(int slot) {
        pendingUsed[slot] = false;
    }
}

package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ARP cache (RFC 826): IPv4 address to Ethernet address, in preallocated parallel arrays
 * of a fixed number of entries, found through an {@link AddressIndex} (a flood from forged
 * sources fills the table, and every frame looks its next hop up).
 *
 * <p><b>Timing.</b> An entry is reachable for {@value #REACHABLE_SECONDS} seconds after it was
 * last confirmed, then stale. Resolving sends a request at once and again every second, at
 * most {@value #MAX_REQUESTS} requests, then gives up: at most one request per second per
 * address, as RFC 1122 section 2.3.2.1 asks ("prevent ARP flooding"), and Linux's
 * three-probe default ({@code mcast_solicit}). A resolution gives up
 * {@link #RESOLUTION_TIME} after it began even when the overall limit below held some of its
 * requests back, so a flood leaves no queue of resolutions that goes on asking for minutes.
 *
 * <p><b>Stale entries are still used.</b> The first lookup of a stale entry returns its address
 * and turns it into a probe: RFC 1122 section 2.3.2.1's "unicast poll", requests sent straight
 * to the cached address on the same schedule as a resolution, the entry reachable again at the
 * first answer and deleted when every request went unanswered. So traffic never stops to
 * re-resolve a neighbor that is still there (Linux's STALE, DELAY and PROBE states, without
 * the DELAY: nothing above the interface confirms reachability here).
 *
 * <p><b>Requests overall.</b> However many addresses are being resolved, at most
 * {@value #MAX_REQUESTS_PER_SECOND} requests go out a second (a token bucket of as many):
 * the per-address limit alone lets a flood from forged on-link sources, each starting a
 * resolution, make the interface broadcast without bound. A request held back waits for the
 * next token.
 *
 * <p><b>Room, as Linux's neighbor table.</b> The capacity is Linux's {@code gc_thresh3}: the
 * hard limit. A new entry, when the table holds half of that ({@code gc_thresh2}) and the last
 * forced collection was {@value #GC_INTERVAL_SECONDS} seconds ago or more, or when the table is
 * full, first forces a collection: dynamic entries neither confirmed nor used in the last
 * {@value #GC_INTERVAL_SECONDS} seconds go (Linux's {@code neigh_forced_gc} removes the
 * unreferenced ones not updated for five seconds), until half the table is free. If the table is
 * still full, the new entry is refused (Linux's "neighbor table overflow"; what needed it
 * is dropped as {@code drop_arp_queue_full}): a neighbor in use is never pushed out by a flood of new ones, and resolutions
 * under way are never cut short; they free their entries when they give up. Besides, while the
 * table holds more than an eighth of its capacity ({@code gc_thresh1}), the periodic
 * collection ({@link #collectGarbage}) removes dynamic entries unused for
 * {@value #GC_STALE_SECONDS} seconds ({@code gc_staletime}). Static entries are never removed.
 *
 * <p>Policy (what to learn from which ARP packet) is the interface's; this class keeps the table.
 */
final class NeighborCache {
    static final int REACHABLE_SECONDS = 60;
    static final long REACHABLE_TIME = Micros.ofSeconds(REACHABLE_SECONDS);
    static final long REQUEST_INTERVAL = Micros.ofSeconds(1);
    static final int MAX_REQUESTS = 3;
    /** How long a resolution lasts from its first request until it gives up. */
    static final long RESOLUTION_TIME = MAX_REQUESTS * REQUEST_INTERVAL;
    /** Requests sent per second at most, over every entry. */
    static final int MAX_REQUESTS_PER_SECOND = 50;
    /** A request token comes back every this long. */
    static final long TOKEN_INTERVAL = Micros.ofSeconds(1) / MAX_REQUESTS_PER_SECOND;
    /** Entries neither confirmed nor used for this long may go to make room (Linux: five seconds). */
    static final int GC_INTERVAL_SECONDS = 5;
    static final long GC_INTERVAL = Micros.ofSeconds(GC_INTERVAL_SECONDS);
    /** Entries unused for this long go in the periodic collection (Linux's {@code gc_staletime}). */
    static final int GC_STALE_SECONDS = 60;
    static final long GC_STALE_TIME = Micros.ofSeconds(GC_STALE_SECONDS);
    /** How often the periodic collection looks (Linux: half the base reachable time). */
    static final long GC_PERIOD = Micros.ofSeconds(15);
    /** A MAC address is 48 bits, so this is none. */
    static final long NO_MAC = -1L;

    private static final byte FREE = 0;
    private static final byte INCOMPLETE = 1;
    private static final byte DYNAMIC = 2;
    private static final byte STATIC = 3;
    /** Dynamic, stale, used since: its address is being confirmed by unicast requests. */
    private static final byte PROBE = 4;

    private final int[] ip;
    private final long[] mac;
    private final byte[] state;
    /** When a dynamic or probed entry was last confirmed; when an incomplete one sent its first request. */
    private final long[] confirmedAt;
    /** When an entry was last used to send. */
    private final long[] usedAt;
    /** When an incomplete or probed entry last sent a request. */
    private final long[] requestedAt;
    /** How many requests an incomplete or probed entry has sent. */
    private final int[] requests;
    private final AddressIndex index;
    /** The free entries, a stack. */
    private final int[] free;
    private int freeCount;
    /** Incomplete and probed entries: the timers have work only while there are some. */
    private int resolving;
    private final int gcThresh1;
    private final int gcThresh2;
    private long lastForcedGc = Long.MIN_VALUE / 2;
    private long lastPeriodicGc = Long.MIN_VALUE / 2;
    private int requestTokens = MAX_REQUESTS_PER_SECOND;
    /** When the last token came back (or the bucket was last seen full). */
    private long tokensAt;

    NeighborCache(int capacity) {
        ip = new int[capacity];
        mac = new long[capacity];
        state = new byte[capacity];
        confirmedAt = new long[capacity];
        usedAt = new long[capacity];
        requestedAt = new long[capacity];
        requests = new int[capacity];
        index = new AddressIndex(capacity);
        free = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        gcThresh2 = capacity / 2;
        gcThresh1 = capacity / 8;
    }

    int capacity() {
        return ip.length;
    }

    /** The index of the entry for {@code address}, or -1. */
    int find(int address) {
        return index.get(address);
    }

    /** How many entries are taken. */
    int size() {
        return ip.length - freeCount;
    }

    /** How many entries are being resolved or probed; the timers need to look only when some are. */
    int resolving() {
        return resolving;
    }


    /**
     * The MAC address to send to {@code address} with, marking the entry used; {@link #NO_MAC}
     * if there is no usable entry (none, or incomplete). Using a stale entry starts its probe.
     */
    long lookup(int address, long now) {
        int i = find(address);
        if (i < 0 || !usable(i)) {
            return NO_MAC;
        }
        if (state[i] == DYNAMIC && !reachable(i, now)) {
            setState(i, PROBE);
            requests[i] = 0;
            requestedAt[i] = now;
        }
        usedAt[i] = now;
        return mac[i];
    }

    /** Whether {@code address} has an entry to send with, without marking it used. */
    boolean isUsable(int address) {
        int i = find(address);
        return i >= 0 && usable(i);
    }

    private boolean usable(int i) {
        return state[i] == STATIC || state[i] == DYNAMIC || state[i] == PROBE;
    }

    private boolean reachable(int i, long now) {
        return now < Micros.plus(confirmedAt[i], REACHABLE_TIME);
    }

    boolean isIncomplete(int address) {
        int i = find(address);
        return i >= 0 && state[i] == INCOMPLETE;
    }

    /**
     * Merges what an ARP packet says into an existing dynamic or incomplete entry (RFC 826's
     * "merge flag"): the entry becomes reachable with {@code hardware}. Returns false, changing
     * nothing, when there is no such entry or it is static.
     */
    boolean update(int address, long hardware, long now) {
        int i = find(address);
        if (i < 0 || state[i] == STATIC) {
            return false;
        }
        confirm(i, hardware, now);
        return true;
    }

    /** Adds or refreshes a dynamic entry (a static one stays as it is). False only if every entry is static. */
    boolean learn(int address, long hardware, long now) {
        int i = find(address);
        if (i >= 0) {
            if (state[i] != STATIC) {
                confirm(i, hardware, now);
            }
            return true;
        }
        i = newEntry(address, now);
        if (i < 0) {
            return false;
        }
        confirm(i, hardware, now);
        return true;
    }

    private void confirm(int i, long hardware, long now) {
        setState(i, DYNAMIC);
        mac[i] = hardware;
        confirmedAt[i] = now;
        usedAt[i] = now;
        requests[i] = 0;
    }

    /**
     * Starts resolving {@code address} unless it is under way: the entry becomes incomplete
     * and {@link #requestDue} says to send at once. Returns false if no entry could be had
     * (the table is full of entries in use).
     */
    boolean startResolution(int address, long now) {
        int i = find(address);
        if (i >= 0 && (state[i] == INCOMPLETE || state[i] == STATIC)) {
            usedAt[i] = now;
            return true;
        }
        if (i < 0) {
            i = newEntry(address, now);
            if (i < 0) {
                return false;
            }
        }
        setState(i, INCOMPLETE);
        mac[i] = 0;
        confirmedAt[i] = now;
        requestedAt[i] = now;
        requests[i] = 0;
        usedAt[i] = now;
        return true;
    }

    /** Whether entry {@code i} should send a request now: incomplete or probed, under the limit, a second after its last. */
    boolean requestDue(int i, long now) {
        return (state[i] == INCOMPLETE || state[i] == PROBE) && requests[i] < MAX_REQUESTS
                && (requests[i] == 0 || now >= Micros.plus(requestedAt[i], REQUEST_INTERVAL))
                && tokens(now) > 0;
    }

    void noteRequest(int i, long now) {
        requests[i]++;
        requestedAt[i] = now;
        if (tokens(now) == MAX_REQUESTS_PER_SECOND) {
            tokensAt = now;
        }
        requestTokens--;
    }

    /** The request tokens at {@code now}: one back per {@link #TOKEN_INTERVAL}, up to the bucket's size. */
    private int tokens(long now) {
        if (requestTokens < MAX_REQUESTS_PER_SECOND && now - tokensAt >= TOKEN_INTERVAL) {
            long back = (now - tokensAt) / TOKEN_INTERVAL;
            if (back >= MAX_REQUESTS_PER_SECOND - requestTokens) {
                requestTokens = MAX_REQUESTS_PER_SECOND;
                tokensAt = now;
            } else {
                requestTokens += (int) back;
                tokensAt += back * TOKEN_INTERVAL;
            }
        }
        return requestTokens;
    }

    /**
     * The Ethernet address entry {@code i}'s requests go to: the cached one while it is probed,
     * else {@code broadcast}.
     */
    long requestDestination(int i, long broadcast) {
        return state[i] == PROBE ? mac[i] : broadcast;
    }

    /**
     * Whether entry {@code i} is a resolution or probe that has sent every request and waited a
     * second for the last, or a resolution that began {@link #RESOLUTION_TIME} ago.
     */
    boolean resolutionFailed(int i, long now) {
        return (state[i] == INCOMPLETE || state[i] == PROBE) && requests[i] >= MAX_REQUESTS
                && now >= Micros.plus(requestedAt[i], REQUEST_INTERVAL)
                || state[i] == INCOMPLETE && now >= Micros.plus(confirmedAt[i], RESOLUTION_TIME);
    }

    /** The earliest instant an incomplete or probed entry must send a request or give up; {@link Micros#NEVER} if none. */
    long nextDeadline() {
        long at = Micros.NEVER;
        if (resolving == 0) {
            return at;
        }
        for (int i = 0; i < ip.length; i++) {
            if (state[i] == INCOMPLETE || state[i] == PROBE) {
                long due = requests[i] == 0 ? requestedAt[i] : Micros.plus(requestedAt[i], REQUEST_INTERVAL);
                if (requests[i] < MAX_REQUESTS && requestTokens == 0) {
                    // Held back by the overall limit: the next token.
                    due = Math.max(due, tokensAt + TOKEN_INTERVAL);
                }
                if (state[i] == INCOMPLETE) {
                    due = Math.min(due, Micros.plus(confirmedAt[i], RESOLUTION_TIME));
                }
                at = Math.min(at, due);
            }
        }
        return at;
    }

    int address(int i) {
        return ip[i];
    }

    boolean isFree(int i) {
        return state[i] == FREE;
    }

    void removeAt(int i) {
        release(i);
    }

    /** Adds or replaces a static entry. False if the cache is full of static entries. */
    boolean addStatic(int address, long hardware, long now) {
        int i = find(address);
        if (i < 0) {
            i = newEntry(address, now);
            if (i < 0) {
                return false;
            }
        }
        setState(i, STATIC);
        mac[i] = hardware;
        confirmedAt[i] = now;
        usedAt[i] = now;
        requests[i] = 0;
        return true;
    }

    boolean remove(int address) {
        int i = find(address);
        if (i < 0) {
            return false;
        }
        release(i);
        return true;
    }

    /** Forgets every dynamic and incomplete entry; returns how many. Static entries stay. */
    int flushDynamic() {
        int flushed = 0;
        for (int i = 0; i < ip.length; i++) {
            if (state[i] == DYNAMIC || state[i] == INCOMPLETE || state[i] == PROBE) {
                release(i);
                flushed++;
            }
        }
        return flushed;
    }

    /**
     * The periodic collection ({@code neigh_periodic_work}): at most every {@link #GC_PERIOD},
     * and only while more than {@code gc_thresh1} entries are taken, dynamic entries unused for
     * {@link #GC_STALE_TIME} go. Returns how many went.
     */
    int collectGarbage(long now) {
        if (size() <= gcThresh1 || now - lastPeriodicGc < GC_PERIOD) {
            return 0;
        }
        lastPeriodicGc = now;
        int removed = 0;
        for (int i = 0; i < ip.length; i++) {
            if (state[i] == DYNAMIC && now - Math.max(usedAt[i], confirmedAt[i]) >= GC_STALE_TIME) {
                release(i);
                removed++;
            }
        }
        return removed;
    }

    /**
     * A new entry for {@code address}, or -1 when the table is full of entries in use. Forces
     * a collection first at {@code gc_thresh2} (at most every {@link #GC_INTERVAL}) or when full,
     * as Linux's {@code neigh_alloc}.
     */
    private int newEntry(int address, long now) {
        int taken = size();
        if (taken >= ip.length || taken >= gcThresh2 && now - lastForcedGc >= GC_INTERVAL) {
            forceCollection(now);
        }
        if (freeCount == 0) {
            return -1;
        }
        int i = free[--freeCount];
        ip[i] = address;
        index.put(address, i);
        return i;
    }

    /** Dynamic entries neither confirmed nor used for {@link #GC_INTERVAL} go, until no more than {@code gc_thresh2} are taken. */
    private void forceCollection(long now) {
        lastForcedGc = now;
        for (int i = 0; i < ip.length && size() > gcThresh2; i++) {
            if ((state[i] == DYNAMIC || state[i] == PROBE)
                    && now - Math.max(usedAt[i], confirmedAt[i]) >= GC_INTERVAL) {
                release(i);
            }
        }
    }

    private void setState(int i, byte s) {
        boolean was = state[i] == INCOMPLETE || state[i] == PROBE;
        boolean is = s == INCOMPLETE || s == PROBE;
        resolving += (is ? 1 : 0) - (was ? 1 : 0);
        state[i] = s;
    }

    private void release(int i) {
        if (state[i] == FREE) {
            return;
        }
        setState(i, FREE);
        index.remove(ip[i]);
        free[freeCount++] = i;
    }

    NeighborState stateOf(int i, long now) {
        switch (state[i]) {
            case STATIC:
                return NeighborState.STATIC;
            case INCOMPLETE:
                return NeighborState.INCOMPLETE;
            case PROBE:
                return NeighborState.PROBE;
            default:
                return reachable(i, now) ? NeighborState.REACHABLE : NeighborState.STALE;
        }
    }

    /** The table, in no particular order but stable between changes; {@code pending} counts each neighbor's waiting frames. */
    List<NeighborEntry> snapshot(long now, PendingFrames pending) {
        List<NeighborEntry> entries = new ArrayList<>();
        for (int i = 0; i < ip.length; i++) {
            if (state[i] == FREE) {
                continue;
            }
            NeighborState s = stateOf(i, now);
            long expires;
            switch (s) {
                case STATIC:
                    expires = Micros.NEVER;
                    break;
                case INCOMPLETE:
                    expires = Math.max(0, Micros.plus(confirmedAt[i], RESOLUTION_TIME) - now);
                    break;
                case PROBE:
                    // The last request, or the ones still to send, then a second of waiting.
                    expires = Math.max(0, Micros.plus(requestedAt[i],
                            (MAX_REQUESTS - requests[i] + (requests[i] == 0 ? 0 : 1)) * REQUEST_INTERVAL) - now);
                    break;
                case REACHABLE:
                    expires = Micros.plus(confirmedAt[i], REACHABLE_TIME) - now;
                    break;
                default:
                    expires = 0;
            }
            entries.add(new NeighborEntry(Ipv4Address.of(ip[i]),
                    s == NeighborState.INCOMPLETE ? Optional.empty() : Optional.of(MacAddress.of(mac[i])),
                    s, now - confirmedAt[i], expires, pending.countFor(ip[i])));
        }
        return List.copyOf(entries);
    }
}

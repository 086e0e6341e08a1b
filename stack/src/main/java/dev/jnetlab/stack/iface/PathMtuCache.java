package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import java.util.ArrayList;
import java.util.List;

/**
 * The path MTUs that Packet Too Big messages taught this host (RFC 8201), one entry per
 * destination, {@value #CAPACITY} at most: a full table gives up its oldest entry. A Packet
 * Too Big only ever lowers an entry (section 4: never raised by one), and never below the
 * IPv6 minimum link MTU of 1280 (section 4: a smaller figure is taken as 1280). An entry ages
 * out {@link #AGE} after it was last lowered, so that a path that grew is tried again (section
 * 4 recommends ten minutes); aged entries are skipped when asked, so no timer is needed.
 *
 * <p>Preallocated arrays, nothing allocated per lookup or update. Not thread-safe
 * (ARCHITECTURE.md §2).
 */
final class PathMtuCache {
    static final int CAPACITY = 16;
    /** RFC 8201 section 4: try a larger path MTU again no sooner than five minutes after, ten recommended. */
    static final long AGE = Micros.ofSeconds(600);

    private final long[] high = new long[CAPACITY];
    private final long[] low = new long[CAPACITY];
    private final int[] mtu = new int[CAPACITY];
    private final long[] learnedAt = new long[CAPACITY];
    private final boolean[] used = new boolean[CAPACITY];

    /** The path MTU toward the destination at {@code now}: what was learnt, within {@code linkMtu}. */
    int mtu(long h, long l, long now, int linkMtu) {
        int i = find(h, l, now);
        return i < 0 ? linkMtu : Math.min(linkMtu, mtu[i]);
    }

    /**
     * A Packet Too Big about a packet to the destination said {@code reported} (RFC 8201
     * section 4): the entry goes down to it, or to 1280 if it said less. Returns whether the
     * path MTU went down; a figure at or above the one in use changes nothing.
     */
    boolean lower(long h, long l, long reported, long now, int linkMtu) {
        int next = (int) Math.max(Ipv6Packet.MIN_MTU, Math.min(reported, Integer.MAX_VALUE));
        if (next >= mtu(h, l, now, linkMtu)) {
            return false;
        }
        int i = find(h, l, now);
        if (i < 0) {
            i = slotForNew(now);
            used[i] = true;
            high[i] = h;
            low[i] = l;
        }
        mtu[i] = next;
        learnedAt[i] = now;
        return true;
    }

    private int find(long h, long l, long now) {
        for (int i = 0; i < CAPACITY; i++) {
            if (used[i] && low[i] == l && high[i] == h && fresh(i, now)) {
                return i;
            }
        }
        return -1;
    }

    private boolean fresh(int i, long now) {
        return now - learnedAt[i] < AGE;
    }

    private int slotForNew(long now) {
        int oldest = 0;
        for (int i = 0; i < CAPACITY; i++) {
            if (!used[i] || !fresh(i, now)) {
                return i;
            }
            if (learnedAt[i] < learnedAt[oldest]) {
                oldest = i;
            }
        }
        return oldest;
    }

    /** Forgets every entry: each destination's path MTU is the link's again, until a Packet Too Big says otherwise. */
    void clear() {
        java.util.Arrays.fill(used, false);
    }

    /** The entries in force at {@code now}, for {@code route}; allocates. */
    List<PathMtuEntry> snapshot(long now) {
        List<PathMtuEntry> list = new ArrayList<>();
        for (int i = 0; i < CAPACITY; i++) {
            if (used[i] && fresh(i, now)) {
                list.add(new PathMtuEntry(new Ipv6Address(high[i], low[i]), mtu[i], learnedAt[i] + AGE - now));
            }
        }
        return list;
    }
}

package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What Redirects taught (RFC 4861 section 8.3): for a destination, the first hop to use instead
 * of the default router, kept in the destination cache's place; the destination itself when
 * the redirect said it is on the link. A redirect for a destination already here replaces its
 * first hop; when the table is full the oldest entry makes room. Entries last until IPv6 is
 * turned off (the RFC leaves their lifetime to the cache). Preallocated.
 */
final class Ipv6Redirects {
    static final int CAPACITY = 16;

    private final long[] destinationHigh = new long[CAPACITY];
    private final long[] destinationLow = new long[CAPACITY];
    private final long[] hopHigh = new long[CAPACITY];
    private final long[] hopLow = new long[CAPACITY];
    private final boolean[] used = new boolean[CAPACITY];
    /** The slot the next new destination takes when none is free: round the table, oldest first. */
    private int next;

    /** Packets for {@code destination} go to {@code hop} from now on. */
    void update(long dh, long dl, long hh, long hl) {
        int i = find(dh, dl);
        if (i < 0) {
            i = free();
            if (i < 0) {
                i = next;
                next = (next + 1) % CAPACITY;
            }
        }
        used[i] = true;
        destinationHigh[i] = dh;
        destinationLow[i] = dl;
        hopHigh[i] = hh;
        hopLow[i] = hl;
    }

    private int free() {
        for (int i = 0; i < CAPACITY; i++) {
            if (!used[i]) {
                return i;
            }
        }
        return -1;
    }

    /** The slot of {@code destination}, or -1 when no redirect was about it. */
    int find(long dh, long dl) {
        for (int i = 0; i < CAPACITY; i++) {
            if (used[i] && destinationHigh[i] == dh && destinationLow[i] == dl) {
                return i;
            }
        }
        return -1;
    }

    long hopHigh(int i) {
        return hopHigh[i];
    }

    long hopLow(int i) {
        return hopLow[i];
    }

    void clear() {
        Arrays.fill(used, false);
        next = 0;
    }

    /** Each as a host route: on the link when the hop is the destination itself. */
    void addTo(List<Ipv6Route> list) {
        for (int i = 0; i < CAPACITY; i++) {
            if (used[i]) {
                boolean onLink = hopHigh[i] == destinationHigh[i] && hopLow[i] == destinationLow[i];
                list.add(new Ipv6Route(new Ipv6Address(destinationHigh[i], destinationLow[i]), 128,
                        onLink ? Optional.empty() : Optional.of(new Ipv6Address(hopHigh[i], hopLow[i])), Ipv6Route.Origin.REDIRECT,
                        Micros.NEVER));
            }
        }
    }
}

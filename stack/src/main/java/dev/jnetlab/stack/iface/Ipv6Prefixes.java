package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-link prefixes routers advertised (RFC 4861 section 6.3.4, the Prefix List), each
 * with its valid lifetime: a destination on one of them is a neighbor. Preallocated.
 */
final class Ipv6Prefixes {
    static final int CAPACITY = 8;

    private final long[] high = new long[CAPACITY];
    private final long[] low = new long[CAPACITY];
    private final int[] length = new int[CAPACITY];
    private final LifetimeSlots slots = new LifetimeSlots(CAPACITY);
    private final boolean[] used = slots.used;
    private final long[] until = slots.until;

    /** Whether the first {@code bits} bits of two addresses agree. */
    static boolean matches(long h1, long l1, int bits, long h2, long l2) {
        if (bits <= 0) {
            return true;
        }
        if (bits <= 64) {
            return bits == 64 ? h1 == h2 : (h1 ^ h2) >>> (64 - bits) == 0;
        }
        return h1 == h2 && (bits == 128 ? l1 == l2 : (l1 ^ l2) >>> (128 - bits) == 0);
    }

    /** Adds or refreshes a prefix; a valid lifetime of 0 removes it (RFC 4861 section 6.3.4). */
    void update(long h, long l, int bits, long now, long validFor) {
        int free = -1;
        for (int i = 0; i < CAPACITY; i++) {
            if (used[i] && high[i] == h && low[i] == l && length[i] == bits) {
                if (validFor == 0) {
                    used[i] = false;
                } else {
                    until[i] = Micros.plus(now, validFor);
                }
                return;
            }
            if (!used[i] && free < 0) {
                free = i;
            }
        }
        if (validFor > 0 && free >= 0) {
            used[free] = true;
            high[free] = h;
            low[free] = l;
            length[free] = bits;
            until[free] = Micros.plus(now, validFor);
        }
    }

    boolean isOnLink(long h, long l) {
        for (int i = 0; i < CAPACITY; i++) {
            if (used[i] && matches(high[i], low[i], length[i], h, l)) {
                return true;
            }
        }
        return false;
    }

    /** Forgets every prefix (IPv6 turned off). */
    void clear() {
        slots.clear();
    }

    void expire(long now) {
        slots.expire(now);
    }

    long nextDeadline() {
        return slots.nextDeadline();
    }

    List<Ipv6Route> snapshot(long now) {
        List<Ipv6Route> list = new ArrayList<>();
        for (int i = 0; i < CAPACITY; i++) {
            if (used[i]) {
                list.add(new Ipv6Route(new Ipv6Address(high[i], low[i]), length[i], java.util.Optional.empty(),
                        Ipv6Route.Origin.ROUTER_ADVERTISEMENT, slots.remaining(i, now)));
            }
        }
        return list;
    }
}

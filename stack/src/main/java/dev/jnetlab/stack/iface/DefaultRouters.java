package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.util.List;
import java.util.Optional;

/**
 * The Default Router List of RFC 4861 section 6.3.4: routers that advertised a nonzero router
 * lifetime, until it runs out; a lifetime of 0 removes one. Off-link packets go to the first.
 * A router given by hand ({@link #addStatic}) never expires and no advertisement changes it.
 * Preallocated.
 */
final class DefaultRouters {
    static final int CAPACITY = 4;

    private final long[] high = new long[CAPACITY];
    private final long[] low = new long[CAPACITY];
    private final LifetimeSlots slots = new LifetimeSlots(CAPACITY);
    private final boolean[] used = slots.used;
    private final long[] until = slots.until;
    private final boolean[] fixed = new boolean[CAPACITY];

    /** A default router given by hand; false if the list is full. */
    boolean addStatic(long h, long l) {
        for (int i = 0; i < CAPACITY; i++) {
            if (!used[i] || high[i] == h && low[i] == l) {
                used[i] = true;
                fixed[i] = true;
                high[i] = h;
                low[i] = l;
                until[i] = Micros.NEVER;
                return true;
            }
        }
        return false;
    }

    void update(long h, long l, long now, long lifetime) {
        int free = -1;
        for (int i = 0; i < CAPACITY; i++) {
            if (used[i] && high[i] == h && low[i] == l) {
                if (fixed[i]) {
                    return;
                }
                if (lifetime == 0) {
                    used[i] = false;
                } else {
                    until[i] = Micros.plus(now, lifetime);
                }
                return;
            }
            if (!used[i] && free < 0) {
                free = i;
            }
        }
        if (lifetime > 0 && free >= 0) {
            used[free] = true;
            fixed[free] = false;
            high[free] = h;
            low[free] = l;
            until[free] = Micros.plus(now, lifetime);
        }
    }

    /** The slot of the router to send off-link packets to, or -1. */
    int first() {
        for (int i = 0; i < CAPACITY; i++) {
            if (used[i]) {
                return i;
            }
        }
        return -1;
    }

    long high(int i) {
        return high[i];
    }

    long low(int i) {
        return low[i];
    }

    /** Forgets every router (IPv6 turned off). */
    void clear() {
        slots.clear();
    }

    void expire(long now) {
        slots.expire(now);
    }

    long nextDeadline() {
        return slots.nextDeadline();
    }

    void addTo(List<Ipv6Route> list, long now) {
        for (int i = 0; i < CAPACITY; i++) {
            if (used[i]) {
                list.add(new Ipv6Route(Ipv6Address.UNSPECIFIED, 0, Optional.of(new Ipv6Address(high[i], low[i])),
                        fixed[i] ? Ipv6Route.Origin.STATIC : Ipv6Route.Origin.ROUTER_ADVERTISEMENT, slots.remaining(i, now)));
            }
        }
    }
}

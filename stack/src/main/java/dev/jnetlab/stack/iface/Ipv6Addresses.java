package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.util.ArrayList;
import java.util.List;

/**
 * The interface's IPv6 addresses with their state and lifetimes (RFC 4862): preallocated
 * arrays, so the packet path asks "is this ours?" without allocating. A new address is
 * {@link Ipv6AddressState#TENTATIVE} until duplicate address detection has sent its one
 * solicitation and heard nothing for a second (RFC 4862 section 5.4, DupAddrDetectTransmits 1,
 * RetransTimer 1 s); its preferred lifetime running out deprecates it, its valid lifetime
 * removes it.
 *
 * <p>Not thread-safe: the stack's event loop owns it (ARCHITECTURE.md §2).
 */
final class Ipv6Addresses {
    static final int CAPACITY = 8;
    /** RFC 4861 section 10, RetransTimer: how long DAD waits for an answer to its solicitation. */
    static final long DAD_WAIT = Micros.ofSeconds(1);

    private final long[] high = new long[CAPACITY];
    private final long[] low = new long[CAPACITY];
    private final int[] prefixLength = new int[CAPACITY];
    private final Ipv6AddressState[] state = new Ipv6AddressState[CAPACITY];
    private final Ipv6AddressOrigin[] origin = new Ipv6AddressOrigin[CAPACITY];
    private final long[] validUntil = new long[CAPACITY];
    private final long[] preferredUntil = new long[CAPACITY];
    /** When a tentative address's DAD solicitation is due (it is sent once), or when DAD ends. */
    private final long[] dadAt = new long[CAPACITY];
    private final boolean[] dadSent = new boolean[CAPACITY];

    /** Adds a tentative address; returns its slot, or -1 if it is there already or the table is full. */
    int add(long h, long l, int length, Ipv6AddressOrigin from, long now, long validFor, long preferredFor) {
        if (find(h, l) >= 0) {
            return -1;
        }
        for (int i = 0; i < CAPACITY; i++) {
            if (state[i] == null) {
                high[i] = h;
                low[i] = l;
                prefixLength[i] = length;
                origin[i] = from;
                state[i] = Ipv6AddressState.TENTATIVE;
                setLifetimes(i, now, validFor, preferredFor);
                dadAt[i] = now;
                dadSent[i] = false;
                return i;
            }
        }
        return -1;
    }

    /** Slot {@code i} takes another interface identifier and goes tentative again, its lifetimes kept (RFC 7217 section 6). */
    void renumber(int i, long l, long now) {
        low[i] = l;
        state[i] = Ipv6AddressState.TENTATIVE;
        dadAt[i] = now;
        dadSent[i] = false;
    }

    void setLifetimes(int i, long now, long validFor, long preferredFor) {
        validUntil[i] = Micros.plus(now, validFor);
        preferredUntil[i] = Micros.plus(now, preferredFor);
    }

    int find(long h, long l) {
        for (int i = 0; i < CAPACITY; i++) {
            if (state[i] != null && high[i] == h && low[i] == l) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code h}/{@code l} is one of ours and usable: not tentative. */
    boolean isAssigned(long h, long l) {
        int i = find(h, l);
        return i >= 0 && state[i] != Ipv6AddressState.TENTATIVE;
    }

    /** Whether slot {@code i} holds an address, tentative or not. */
    boolean inUse(int i) {
        return state[i] != null;
    }

    boolean isTentative(int i) {
        return state[i] == Ipv6AddressState.TENTATIVE;
    }

    /** Whether {@code h}/{@code l} is the solicited-node group of one of our addresses, tentative ones included (RFC 4862 section 5.4.2). */
    boolean isOurSolicitedNodeGroup(long h, long l) {
        for (int i = 0; i < CAPACITY; i++) {
            if (state[i] != null && Ipv6Address.isSolicitedNodeOf(h, l, low[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * The slot of the source address for a packet to {@code h}/{@code l} (RFC 6724, much
     * simplified): the link-local address for a link-local or multicast destination, else a
     * preferred address on the destination's prefix, else any preferred global one, else a
     * deprecated one; -1 if there is none.
     */
    int sourceFor(long h, long l) {
        boolean linkScope = Ipv6Address.isLinkLocal(h) || Ipv6Address.isMulticast(h) && (h >>> 48 & 0xF) <= 2;
        int best = -1;
        int bestRank = 0;
        for (int i = 0; i < CAPACITY; i++) {
            if (state[i] == null || state[i] == Ipv6AddressState.TENTATIVE) {
                continue;
            }
            boolean local = Ipv6Address.isLinkLocal(high[i]);
            int rank;
            if (linkScope) {
                rank = local ? 3 : 1;
            } else if (local) {
                continue;
            } else {
                rank = (state[i] == Ipv6AddressState.PREFERRED ? 2 : 1) + (onPrefix(i, h, l) ? 2 : 0);
            }
            if (rank > bestRank) {
                best = i;
                bestRank = rank;
            }
        }
        return best;
    }

    /** Whether {@code h}/{@code l} is on the prefix of the address in slot {@code i}. */
    boolean onPrefix(int i, long h, long l) {
        return Ipv6Prefixes.matches(high[i], low[i], prefixLength[i], h, l);
    }

    /** Whether {@code h}/{@code l} is on the prefix of a manual address: an on-link prefix given by hand. */
    boolean onManualPrefix(long h, long l) {
        for (int i = 0; i < CAPACITY; i++) {
            if (state[i] != null && origin[i] == Ipv6AddressOrigin.MANUAL && onPrefix(i, h, l)) {
                return true;
            }
        }
        return false;
    }

    boolean remove(long h, long l) {
        int i = find(h, l);
        if (i < 0) {
            return false;
        }
        state[i] = null;
        return true;
    }

    void removeAt(int i) {
        state[i] = null;
    }

    /** Removes every address, the link-local one too (IPv6 turned off). */
    void clear() {
        java.util.Arrays.fill(state, null);
    }

    /** The slot of a tentative address whose DAD solicitation is due now, or -1. */
    int dadSolicitationDue(long now) {
        for (int i = 0; i < CAPACITY; i++) {
            if (state[i] == Ipv6AddressState.TENTATIVE && !dadSent[i] && dadAt[i] <= now) {
                dadSent[i] = true;
                dadAt[i] = Micros.plus(now, DAD_WAIT);
                return i;
            }
        }
        return -1;
    }

    /**
     * Moves time to {@code now}: a tentative address whose solicitation went unanswered for
     * a second becomes preferred (returned, as its slot, so the caller can start what waits for
     * it; one per call), a preferred one past its preferred lifetime deprecated, one past its
     * valid lifetime goes. Returns -1 when no address became preferred.
     */
    int expire(long now) {
        int done = -1;
        for (int i = 0; i < CAPACITY; i++) {
            if (state[i] == null) {
                continue;
            }
            if (state[i] == Ipv6AddressState.TENTATIVE) {
                if (dadSent[i] && dadAt[i] <= now && done < 0) {
                    state[i] = preferredUntil[i] > now ? Ipv6AddressState.PREFERRED : Ipv6AddressState.DEPRECATED;
                    done = i;
                }
            } else if (validUntil[i] <= now) {
                state[i] = null;
            } else if (preferredUntil[i] <= now) {
                state[i] = Ipv6AddressState.DEPRECATED;
            } else {
                state[i] = Ipv6AddressState.PREFERRED;
            }
        }
        return done;
    }

    /** The earliest instant something changes by itself. */
    long nextDeadline() {
        long at = Micros.NEVER;
        for (int i = 0; i < CAPACITY; i++) {
            if (state[i] == null) {
                continue;
            }
            if (state[i] == Ipv6AddressState.TENTATIVE) {
                at = Math.min(at, dadAt[i]);
            } else {
                at = Math.min(at, validUntil[i]);
                if (state[i] == Ipv6AddressState.PREFERRED) {
                    at = Math.min(at, preferredUntil[i]);
                }
            }
        }
        return at;
    }

    long high(int i) {
        return high[i];
    }

    long low(int i) {
        return low[i];
    }

    long validUntil(int i) {
        return validUntil[i];
    }

    Ipv6AddressOrigin origin(int i) {
        return origin[i];
    }

    List<Ipv6AddressInfo> snapshot(long now) {
        List<Ipv6AddressInfo> list = new ArrayList<>();
        for (int i = 0; i < CAPACITY; i++) {
            if (state[i] != null) {
                list.add(new Ipv6AddressInfo(new Ipv6Address(high[i], low[i]), prefixLength[i], state[i], origin[i],
                        left(validUntil[i], now), left(preferredUntil[i], now)));
            }
        }
        return list;
    }

    private static long left(long until, long now) {
        return until == Micros.NEVER ? Micros.NEVER : Math.max(0, until - now);
    }
}

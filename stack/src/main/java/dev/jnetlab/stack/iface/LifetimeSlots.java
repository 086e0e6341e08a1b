package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import java.util.Arrays;

/**
 * A fixed table of entries that each live until a deadline, as the default router list and the
 * prefix list of RFC 4861 §6.3.4 do: which slots are in use, when each runs out, and the next
 * time one does. The tables keep what the entries are in arrays of their own, by slot.
 */
final class LifetimeSlots {
    final boolean[] used;
    final long[] until;

    LifetimeSlots(int capacity) {
        used = new boolean[capacity];
        until = new long[capacity];
    }

    /** Forgets every entry (IPv6 turned off). */
    void clear() {
        Arrays.fill(used, false);
    }

    /** Frees the slots whose lifetime ran out by {@code now}. */
    void expire(long now) {
        for (int i = 0; i < used.length; i++) {
            if (used[i] && until[i] <= now) {
                used[i] = false;
            }
        }
    }

    /** The earliest deadline of a slot in use, or {@link Micros#NEVER}. */
    long nextDeadline() {
        long at = Micros.NEVER;
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                at = Math.min(at, until[i]);
            }
        }
        return at;
    }

    /** What is left of slot {@code i}'s lifetime at {@code now}; {@link Micros#NEVER} for one that never runs out. */
    long remaining(int i, long now) {
        return until[i] == Micros.NEVER ? Micros.NEVER : until[i] - now;
    }
}

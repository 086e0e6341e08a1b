package dev.jnetlab.stack.iface;

import java.util.Arrays;

/**
 * An IPv4 address to a slot number, for a table of {@code capacity} slots searched on every
 * frame: open addressing with linear probing in an {@code int} array twice the capacity
 * (rounded up to a power of two), so a lookup costs a hash and a probe or two whatever the
 * table holds, and nothing is allocated after construction. Removal shifts the following
 * entries of the run back (Knuth's algorithm R), so there are no tombstones to clean up.
 *
 * <p>Not thread-safe: the stack's event loop owns it (ARCHITECTURE.md §2).
 */
final class AddressIndex {
    private final int[] keys;
    /** Slot + 1 per position; 0 is an empty position. */
    private final int[] slots;
    private final int mask;
    private final int shift;

    AddressIndex(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
        keys = new int[size];
        slots = new int[size];
        mask = size - 1;
        shift = Integer.numberOfLeadingZeros(mask);
    }

    /** The slot of {@code address}, or -1. */
    int get(int address) {
        for (int p = home(address); slots[p] != 0; p = (p + 1) & mask) {
            if (keys[p] == address) {
                return slots[p] - 1;
            }
        }
        return -1;
    }

    /** Maps {@code address} to {@code slot}, replacing any slot it had. */
    void put(int address, int slot) {
        int p = home(address);
        while (slots[p] != 0 && keys[p] != address) {
            p = (p + 1) & mask;
        }
        keys[p] = address;
        slots[p] = slot + 1;
    }

    /** Forgets {@code address}; nothing if it is not here. */
    void remove(int address) {
        int p = home(address);
        while (slots[p] != 0 && keys[p] != address) {
            p = (p + 1) & mask;
        }
        if (slots[p] == 0) {
            return;
        }
        // Close the gap: a later entry of the run moves into it unless its home lies
        // cyclically in (gap, position], where it would no longer be found.
        int gap = p;
        for (int q = (gap + 1) & mask; slots[q] != 0; q = (q + 1) & mask) {
            int h = home(keys[q]);
            boolean stays = gap <= q ? gap < h && h <= q : gap < h || h <= q;
            if (!stays) {
                keys[gap] = keys[q];
                slots[gap] = slots[q];
                gap = q;
            }
        }
        slots[gap] = 0;
    }

    void clear() {
        Arrays.fill(slots, 0);
    }

    private int home(int address) {
        // Fibonacci hashing: addresses of one subnet differ in their low bits, which this spreads.
        return (address * 0x9E3779B9) >>> shift;
    }
}

package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.wire.WireError;

/**
 * The live counters of an interface: a {@code long} per {@link InterfaceCounter}, bumped on
 * the packet path without allocating; {@link #snapshot()} copies them for the console.
 */
final class InterfaceCounters {
    private final long[] values = new long[InterfaceCounter.values().length];

    void add(InterfaceCounter counter) {
        values[counter.ordinal()]++;
    }

    void add(InterfaceCounter counter, long amount) {
        values[counter.ordinal()] += amount;
    }

    void drop(WireError reason) {
        values[InterfaceCounter.of(reason).ordinal()]++;
    }

    long get(InterfaceCounter counter) {
        return values[counter.ordinal()];
    }

    InterfaceStats snapshot() {
        return InterfaceStats.of(values);
    }
}

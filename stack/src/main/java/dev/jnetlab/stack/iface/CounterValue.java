package dev.jnetlab.stack.iface;

import java.util.Objects;

/** One counter's value in an {@link InterfaceStats} snapshot; {@link #name()} is its stable key. */
public record CounterValue(InterfaceCounter counter, long value) {
    public CounterValue {
        Objects.requireNonNull(counter, "counter");
    }

    /** The stable name the console prints and puts in JSON: {@code frames_in}. */
    public String name() {
        return counter.key();
    }

    @Override
    public String toString() {
        return counter.key() + "=" + value;
    }
}

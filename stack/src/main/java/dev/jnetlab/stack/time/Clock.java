package dev.jnetlab.stack.time;

/**
 * Where "now" comes from. Stack code never asks a clock: it takes {@code now} as an argument
 * (ARCHITECTURE.md §3). Only the owner of the event loop, or a test, reads a clock and passes the
 * value down.
 */
public interface Clock {
    /** The current instant, in microseconds since this clock's epoch (see {@link Micros}). */
    long now();
}

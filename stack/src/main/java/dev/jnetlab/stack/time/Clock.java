package dev.jnetlab.stack.time;

/**
 * Where "now" comes from. Stack code never asks a clock: it takes {@code now} as an argument
 * (ARCHITECTURE.md §3). Only the owner of the event loop, or a test, reads a clock and passes the
 * value down.
 */
public interface Clock {
    /** The current instant, in microseconds since this clock's epoch (see {@link Micros}). */
    long now();

    /**
     * How long the loop that reads this clock must sleep, in the time of the thread (real
     * time), for this clock to move on by {@code micros}; {@link Micros#NEVER} when it will not
     * move by itself. A clock that runs at real time answers {@code micros}; a simulated one
     * that runs faster or slower, or stands still, answers otherwise, so that its timers are
     * neither late nor early.
     */
    default long realMicros(long micros) {
        return micros;
    }
}

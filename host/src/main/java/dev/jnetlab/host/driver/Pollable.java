package dev.jnetlab.host.driver;

/** What the event loop drives: the stack (and, on the virtual network, its simulated peer). */
public interface Pollable {

    /** Moves frames and runs timers due at {@code now}. */
    void poll(long now);

    /** The instant the next poll is needed even if no frame arrives, or {@code Micros.NEVER}. */
    long pollAt(long now);
}

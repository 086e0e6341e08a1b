package dev.jnetlab.console.loop;

/**
 * How the event loop sleeps between polls: until the device has a frame, the stack's next
 * deadline passes, or another thread has work for the loop. A tap or raw socket waits in
 * poll(2) on its descriptor and a wake-up descriptor; the virtual network, whose frames only
 * ever come from the loop itself, waits on a condition.
 */
public interface Waiter {

    /** Blocks at most {@code timeoutMicros}; returns early on a frame or a {@link #wakeUp()}. */
    void await(long timeoutMicros) throws InterruptedException;

    /**
     * Makes the current or the next {@link #await} return at once. Safe from any thread; a
     * wake-up that arrives while the loop is not waiting is remembered, so none is lost.
     */
    void wakeUp();
}

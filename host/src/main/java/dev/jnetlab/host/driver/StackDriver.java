package dev.jnetlab.host.driver;

import java.util.function.LongFunction;

/**
 * How a command reaches the stack without touching it (ARCHITECTURE.md §2): work runs on the stack's
 * own thread with the stack's {@code now}, and waiting happens on the stack's clock. The
 * console's event loop drives the stack in real time; {@link VirtualDriver} drives it on a
 * virtual clock, so that a test of {@code ping -c 5 -i 1} takes no real time at all.
 */
public interface StackDriver {

    /**
     * Runs {@code task} on the stack's thread and returns its result; a runtime exception it
     * throws is rethrown here.
     */
    <T> T call(LongFunction<T> task) throws InterruptedException;

    /**
     * Waits until {@code probe}, evaluated on the stack's thread after every poll, returns a
     * value other than null, and returns that value; returns null once {@code timeoutMicros}
     * have passed on the stack's clock. Interrupting the waiting thread (Ctrl-C) ends the wait
     * with an InterruptedException.
     */
    <T> T await(long timeoutMicros, LongFunction<T> probe) throws InterruptedException;
}

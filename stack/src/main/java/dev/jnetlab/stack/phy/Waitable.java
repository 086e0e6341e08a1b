package dev.jnetlab.stack.phy;

/**
 * Something the stack's event loop sleeps on between polls (ARCHITECTURE.md §2): it blocks until a
 * frame can be received, another thread asks it to wake up, or the stack's next deadline
 * comes.
 *
 * <p>The loop runs {@code poll} on the interface, asks it for the delay until its next
 * deadline, then calls {@link #awaitReadable} with that delay; the shell thread, having
 * submitted work to the loop, calls {@link #wakeUp} so the loop takes the work at once.
 * {@link TapInterface} and {@link RawSocket} implement it with {@code ppoll(2)} on their
 * descriptor and an {@code eventfd(2)}.
 */
public interface Waitable {

    /**
     * Blocks the calling thread (the event loop) until the device has a frame to receive, or
     * {@link #wakeUp} is called, or {@code timeoutMicros} microseconds pass, whichever comes
     * first. A timeout of zero or less does not block; {@link dev.jnetlab.stack.time.Micros#NEVER}
     * waits without limit.
     *
     * @return true when {@link Device#receive} has something to hand over (a frame, or an
     *         error it will report), false after a timeout or a wake-up
     */
    boolean awaitReadable(long timeoutMicros);

    /**
     * Ends the wait in progress, or, when no thread is waiting, makes the next
     * {@link #awaitReadable} return at once, so a wake-up is never lost. Any thread may call
     * it, at any time; after the device is closed it does nothing.
     */
    void wakeUp();
}

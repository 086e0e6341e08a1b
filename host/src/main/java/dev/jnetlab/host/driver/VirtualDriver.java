package dev.jnetlab.host.driver;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import java.util.function.LongFunction;

/**
 * Drives a stack on a {@link VirtualClock}, in the caller's thread: waiting means moving the
 * clock straight to the stack's next deadline and polling there. Deterministic and as fast as
 * the work itself; the driver of every command, lab and console test.
 */
public final class VirtualDriver implements StackDriver {
    /** A wait that needs more polls than this is a stack that never settles: a bug to report, not to hang on. */
    private static final int MAX_POLLS_PER_WAIT = 10_000_000;

    private final VirtualClock clock;
    private final Pollable stack;

    public VirtualDriver(VirtualClock clock, Pollable stack) {
        this.clock = clock;
        this.stack = stack;
    }

    public VirtualClock clock() {
        return clock;
    }

    @Override
    public <T> T call(LongFunction<T> task) {
        T result = task.apply(clock.now());
        stack.poll(clock.now());
        return result;
    }

    @Override
    public <T> T await(long timeoutMicros, LongFunction<T> probe) throws InterruptedException {
        long deadline = Micros.plus(clock.now(), timeoutMicros);
        for (int polls = 0; polls < MAX_POLLS_PER_WAIT; polls++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("the wait was cancelled");
            }
            stack.poll(clock.now());
            T value = probe.apply(clock.now());
            if (value != null) {
                return value;
            }
            if (clock.now() >= deadline) {
                return null;
            }
            long next = Math.min(stack.pollAt(clock.now()), deadline);
            clock.advanceTo(Math.max(next, clock.now()));
        }
        throw new IllegalStateException("the stack was polled " + MAX_POLLS_PER_WAIT
                + " times without the wait ending: a poll that never settles");
    }
}

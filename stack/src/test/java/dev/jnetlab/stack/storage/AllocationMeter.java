package dev.jnetlab.stack.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/**
 * Measures heap allocation by the current thread, for the tests that hold the storage classes
 * to DESIGN §4 (nothing allocated per frame in steady state).
 */
final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A bound that any per-operation allocation over 100k operations exceeds a thousandfold. */
    static final long TINY = 1024;

    private AllocationMeter() {
    }

    /**
     * Runs {@code work} {@code rounds} times and returns the fewest bytes the current thread
     * allocated during one run. Taking the minimum absorbs one-off allocation that is not the
     * work's (class loading, a JIT deoptimization), while a real per-operation allocation shows
     * in every run.
     */
    static long minimumBytesAllocatedBy(Runnable work, int rounds) {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM does not measure per-thread allocation");
        long threadId = Thread.currentThread().getId();
        long minimum = Long.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long before = THREADS.getThreadAllocatedBytes(threadId);
            work.run();
            long after = THREADS.getThreadAllocatedBytes(threadId);
            minimum = Math.min(minimum, after - before);
        }
        return minimum;
    }
}

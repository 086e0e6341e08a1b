package dev.jnetlab.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/**
 * Measures the heap a piece of work allocates on the current thread, through HotSpot's
 * per-thread allocation counter, for the tests that hold the packet path to ARCHITECTURE.md §4
 * (nothing allocated per frame in steady state).
 *
 * <p>Robust by construction: the work runs once to warm up (class loading, lazy
 * initialisation, JIT compilation happen there), then the fewest bytes of several measured
 * runs count, which absorbs one-off allocation that is not the work's (a deoptimization),
 * while a real per-operation allocation shows in every run.
 */
public final class AllocationMeter {
    /** A bound that any per-operation allocation over 100k operations exceeds a thousandfold. */
    public static final long TINY = 1024;

    /**
     * The allowance for a whole measured run of {@link #assertNoAllocationPerFrame}: one object
     * per frame, 16 octets at the very least, costs over 1.5 MiB across 100,000 frames.
     */
    public static final long ALLOWANCE = 64 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /** Runs {@code work} {@code rounds} times and returns the fewest bytes the current thread allocated in one run. */
    public static long minimumBytesAllocatedBy(Runnable work, int rounds) {
        assertTrue(THREADS.isThreadAllocatedMemorySupported(), "this JVM does not count allocated bytes per thread");
        THREADS.setThreadAllocatedMemoryEnabled(true);
        long minimum = Long.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            work.run();
            minimum = Math.min(minimum, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        return minimum;
    }

    /**
     * Runs {@code work} exactly twice, a warm-up and a measured run, and fails if the measured
     * run allocated per frame.
     */
    public static void assertNoAllocationPerFrame(int frames, Runnable work) {
        work.run();
        long allocated = minimumBytesAllocatedBy(work, 1);
        assertTrue(allocated < ALLOWANCE, () -> allocated + " octets allocated over " + frames
                + " frames (" + (double) allocated / frames + " per frame); allowed: " + ALLOWANCE + " in all");
    }
}

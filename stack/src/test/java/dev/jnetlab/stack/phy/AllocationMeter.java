package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/**
 * Measures the heap a piece of work allocates on the current thread, through HotSpot's
 * per-thread allocation counter (com.sun.management.ThreadMXBean).
 *
 * <p>The check is robust by construction: the work runs once to warm up (class loading, lazy
 * initialisation, JIT compilation happen there), then many frames are measured, and the
 * allowance is a fixed 64 KiB for the whole run. One object per frame, 16 octets at the very
 * least, would cost over 1.5 MiB across 100,000 frames, so the test fails on any per-frame
 * allocation and never on the counter's own noise.
 */
final class AllocationMeter {
    static final long ALLOWANCE = 64 * 1024;

    private AllocationMeter() {
    }

    /** Runs {@code work} twice (warm-up, then measured) and fails if the measured run allocated per frame. */
    static void assertNoAllocationPerFrame(int frames, Runnable work) {
        com.sun.management.ThreadMXBean threads = threads();
        work.run();
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < ALLOWANCE, () -> allocated + " octets allocated over " + frames
                + " frames (" + (double) allocated / frames + " per frame); allowed: " + ALLOWANCE + " in all");
    }

    private static com.sun.management.ThreadMXBean threads() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM does not count allocated bytes per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }
}

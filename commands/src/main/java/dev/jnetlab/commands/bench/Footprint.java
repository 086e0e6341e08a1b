package dev.jnetlab.commands.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * What a benchmark run cost besides time, from readings before and after the run: the octets of heap
 * allocated by the thread that moves the frames (HotSpot's per-thread counter, which is exact
 * and costs one read), and the garbage collections of the whole JVM.
 *
 * @param allocated   octets allocated by the measured thread
 * @param collections collections run by every collector
 */
public record Footprint(long allocated, long collections) {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The octets the calling thread has allocated so far; read on the thread being measured. */
    public static long allocatedByCurrentThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** The collections run so far by every collector of the JVM. */
    public static long collectionsSoFar() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionCount());
        }
        return total;
    }
}

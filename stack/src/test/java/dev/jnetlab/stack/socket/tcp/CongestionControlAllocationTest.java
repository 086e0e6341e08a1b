package dev.jnetlab.stack.socket.tcp;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jnetlab.stack.socket.tcp.CongestionControl.Algorithm;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The per-ACK path allocates nothing (ARCHITECTURE.md §4). Measured with the JVM's per-thread
 * allocation counter over a million calls after a million of warm-up: one allocation per call,
 * even a 16-octet object, would show as 16 MB; the bound of 64 KiB leaves room for whatever
 * the counter's own bookkeeping costs, so the test does not depend on JIT timing.
 */
class CongestionControlAllocationTest {

    static final int CALLS = 1_000_000;
    static final long BOUND = 64 * 1024;

    static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counter");
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }

    /** A million ACKs on a 10 ms path with a loss and its recovery every 20,000 of them. */
    static long drive(CongestionControl controller, long now) {
        for (int i = 0; i < CALLS; i++) {
            now += 10;
            controller.onAck(now, 1460, controller.window());
            if (i % 1_000 == 0) {
                controller.onRttSample(now, 10_000);
            }
            if (i % 20_000 == 19_999) {
                controller.onFastRetransmit(now, controller.window());
                controller.onRecoveryEnd(now + 10_000);
            }
        }
        return now;
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aMillionAcksAllocateNothing(Algorithm algorithm) {
        com.sun.management.ThreadMXBean threads = threads();
        CongestionControl controller = CongestionControls.create(algorithm);
        controller.start(0, 1460);
        long now = drive(controller, 0);

        long before = threads.getCurrentThreadAllocatedBytes();
        now = drive(controller, now);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated < BOUND, algorithm + ": " + allocated + " bytes over " + CALLS + " ACKs");
        assertTrue(now > 0);
    }

    @Test
    void aMillionIsnsAllocateNothing() {
        com.sun.management.ThreadMXBean threads = threads();
        IsnGenerator generator = IsnGenerator.fromSeed(1);
        int sink = 0;
        for (int i = 0; i < CALLS; i++) {
            sink += generator.isn(i, 0xC0A84501, 6969, i, i & 0xFFFF);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            sink += generator.isn(i, 0xC0A84501, 6969, i, i & 0xFFFF);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < BOUND, allocated + " bytes over " + CALLS + " ISNs (" + sink + ")");
    }
}

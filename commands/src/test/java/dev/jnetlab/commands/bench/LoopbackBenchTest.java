package dev.jnetlab.commands.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.time.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * The engine of {@code bench loopback}, on a virtual clock so that it is deterministic: the
 * figures it reports are the ones the command prints, and the allocation figure is held to
 * issue #9's bound (under one octet per segment over a long transfer, measured by the run
 * itself on its own thread).
 */
class LoopbackBenchTest {
    private static final long LONG = 64L << 20;

    @Test
    void itsSocketsHaveNoCongestionControlAsSmoltcpsBenchmark() {
        assertEquals(CongestionControl.Algorithm.NONE, LoopbackBench.benchSocket(1024).congestionAlgorithm());
        assertEquals(CongestionControl.Algorithm.CUBIC, new TcpSocket(1024, 1024).congestionAlgorithm(),
                "while the socket's default is CUBIC");
    }

    @Test
    void aLongTransferAtEthernetsMtuAllocatesLessThanAnOctetPerSegment() throws InterruptedException {
        new LoopbackBench(new VirtualClock(), 1500, 64 * 1024).run(8L << 20); // JIT warm-up, as a second run in the console

        BenchResult result = new LoopbackBench(new VirtualClock(), 1500, 64 * 1024).run(LONG);

        assertEquals(LONG, result.bytes());
        assertTrue(result.segments() > LONG / 1460, "a data segment per 1460 octets at least: " + result.segments());
        assertTrue(result.octetsPerSegment() < 1, result.allocatedOctets() + " octets allocated over "
                + result.segments() + " segments");
    }

    @Test
    void noGarbageIsCollectedDuringARun() throws InterruptedException {
        new LoopbackBench(new VirtualClock(), 1500, 64 * 1024).run(8L << 20); // JIT warm-up
        // Whatever the tests before left in the young generation goes first, so that a
        // collection during the run could only be the run's own doing.
        System.gc();

        BenchResult result = new LoopbackBench(new VirtualClock(), 1500, 64 * 1024).run(LONG);

        assertEquals(0, result.garbageCollections(), "collections during a 64 MiB run");
    }

    @Test
    void ctrlCEndsALongRun() {
        LoopbackBench bench = new LoopbackBench(new VirtualClock(), 1500, 64 * 1024);
        Thread.currentThread().interrupt(); // what the shell does on Ctrl-C

        assertThrows(InterruptedException.class, () -> bench.run(1L << 40));
        assertFalse(Thread.interrupted());
    }

    @Test
    void atTheLargestMtuEachDataSegmentCarriesNearly64KiB() throws InterruptedException {
        BenchResult result = new LoopbackBench(new VirtualClock(), LoopbackBench.DEFAULT_MTU, 64 * 1024).run(16L << 20);

        assertEquals(16L << 20, result.bytes());
        assertEquals(LoopbackBench.DEFAULT_MTU, result.mtu());
        // 256 data segments of at most 65495 octets, and about as many ACKs.
        assertTrue(result.segments() >= 257 && result.segments() < 1024, "segments: " + result.segments());
    }
}

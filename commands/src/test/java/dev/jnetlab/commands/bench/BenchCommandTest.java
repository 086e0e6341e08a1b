package dev.jnetlab.commands.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.JsonResults;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.testing.VirtualConsole;
import org.junit.jupiter.api.Test;

/**
 * bench as the console runs it. The tap benchmarks run against the kernel in the console's
 * tests (KernelConsoleTest); here, what needs no tap: loopback, and the one-line refusals.
 */
class BenchCommandTest {
    private final VirtualConsole console = new VirtualConsole();

    @Test
    void loopbackMovesTheOctetsAskedForAndReportsItsFigures() {
        BenchResult result = console.ok("bench loopback --bytes 4M --mtu 1500", BenchResult.class);

        assertEquals("loopback", result.bench());
        assertEquals(4L << 20, result.bytes());
        assertEquals(1500, result.mtu());
        assertEquals(64 * 1024, result.buffer());
        assertTrue(result.segments() > (4L << 20) / 1460, "segments: " + result.segments());
        assertTrue(result.gbps() > 0);
        assertTrue(result.text().startsWith("loopback: 4194304 octets in "), result.text());
        assertTrue(result.text().contains(" Gbps (MTU 1500, 65536-octet socket buffers)\n"), result.text());
        assertTrue(result.text().contains(" octets allocated per segment on the stack's thread, "), result.text());
    }

    @Test
    void theJsonFormHasTheFiguresAsFields() {
        String json = new JsonResults().toJson(console.run("bench loopback --bytes 1M"));

        assertTrue(json.startsWith("{\"command\":\"bench loopback\",\"ok\":true,\"result\":{\"bench\":\"loopback\","
                + "\"mtu\":65535,\"buffer\":65536,\"bytes\":1048576,\"seconds\":"), json);
        for (String field : new String[] {"gbps", "segments", "allocatedOctets", "octetsPerSegment", "garbageCollections"}) {
            assertTrue(json.contains("\"" + field + "\":"), field + " in " + json);
        }
    }

    @Test
    void theKernelBenchmarksNeedATapAndSayHowToGetOne() {
        console.failsWith("bench tcp-reader", "bench tcp-reader needs a tap, as the kernel is its client: "
                + "sudo bench/run makes one in a namespace of its own (or: jnetlab tap0 -c 'bench tcp-reader')");
        console.failsWith("bench tcp-writer --bytes 64M", "bench tcp-writer needs a tap, as the kernel is its client: "
                + "sudo bench/run makes one in a namespace of its own (or: jnetlab tap0 -c 'bench tcp-writer')");
    }

    @Test
    void badSizesAreOneLine() {
        console.failsWith("bench loopback --bytes lots",
                "--bytes: not a size: 'lots' (1 to 1099511627776 octets; K, M, G for 2^10, 2^20, 2^30: 64M, 1G)");
        console.failsWith("bench loopback --mtu 70000",
                "--mtu: '70000' is out of range (576 to 65535 octets; K, M, G for 2^10, 2^20, 2^30: 64M, 1G)");
        assertTrue(console.fails("bench tcp-reader --buffer 1").message().startsWith("--buffer: '1' is out of range"));
        Outcome.Failure unknown = console.fails("bench udp");
        assertTrue(unknown.message().contains("udp"), unknown.message());
    }
}

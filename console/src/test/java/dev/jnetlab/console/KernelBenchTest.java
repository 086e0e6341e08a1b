package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.RealPeer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bench tcp-reader} and {@code bench tcp-writer} through the console, against the Linux
 * kernel over tap0 in a network namespace of the test's own (the kernel's side 192.168.69.100,
 * the stack 192.168.69.1). Their client is a kernel TCP socket on a thread of this process, which
 * is in the namespace because the thread that runs {@code Main.run} is. Whether the transfer is
 * complete is tested, not how fast it was: a figure is printed.
 */
class KernelBenchTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int jnetlab(NetworkNamespace ns, String... args) throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                exit.complete(ns.inside(() -> Main.run(List.of(args), new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "jnetlab");
        thread.start();
        return exit.get(120, TimeUnit.SECONDS);
    }

    @Test
    @RealPeer
    void theKernelReadsAndWrites64MiBAndAFigureIsPrinted(NetworkNamespace ns) throws Exception {
        int status = jnetlab(ns, NetworkNamespace.TAP, "-c", "bench tcp-reader --bytes 64M; bench tcp-writer --bytes 64M");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed + err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.matches("(?s).*tcp-reader: 67108864 octets in [0-9.]+ s: [0-9.]+ Gbps \\(MTU 1500, 65536-octet socket buffers\\)\n.*"),
                printed);
        assertTrue(printed.matches("(?s).*tcp-writer: 67108864 octets in [0-9.]+ s: [0-9.]+ Gbps \\(MTU 1500, 65536-octet socket buffers\\)\n.*"),
                printed);
    }

    @Test
    @RealPeer
    void largerBuffersAreNegotiatedWithWindowScaling(NetworkNamespace ns) throws Exception {
        int status = jnetlab(ns, NetworkNamespace.TAP, "--json", "-c", "bench tcp-reader --bytes 16M --buffer 1M");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed + err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("\"bench\":\"tcp-reader\",\"mtu\":1500,\"buffer\":1048576,\"bytes\":16777216,"), printed);
    }
}

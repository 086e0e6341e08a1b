package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.testing.ExternalTool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With checksum offload on the tap, the kernel leaves its TCP and UDP checksums unfinished and
 * the stack leaves its TCP checksums to the kernel; a capture taken by the console must still
 * show every checksum as it is on a wire, and tshark, checking every one, must find none wrong.
 */
class KernelCaptureChecksumsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    @RealPeer(tools = {"socat", "tshark"})
    void tsharkFindsEveryChecksumOfACaptureOverATapWithOffloadsCorrect(NetworkNamespace ns) throws Exception {
        Path pcap = dir.resolve("offload.pcap");
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread console = new Thread(() -> {
            try {
                exit.complete(ns.inside(() -> Main.run(List.of(NetworkNamespace.TAP, "-c",
                                "iface; capture start " + pcap + "; serve echo; sleep 4; capture stop"),
                        new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "jnetlab");
        console.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!out.toString(StandardCharsets.UTF_8).contains("echo")) {
            assertTrue(System.nanoTime() < end, () -> "the echo service never started: " + out + err);
            Thread.sleep(20);
        }
        String stack = NetworkNamespace.STACK_ADDRESS;
        ns.exec("sh", "-c", "echo offloaded | socat - TCP:" + stack + ":7,shut-down").assertSuccess();
        ns.exec("sh", "-c", "echo offloaded | socat -u - UDP:" + stack + ":7").assertSuccess();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS), () -> out + "\n" + err);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("offload: csum tso4 gso-rx"), out::toString);

        ExternalTool tshark = ExternalTool.require("tshark", "tshark");
        ExternalTool.Output read = tshark.run(dir, "-n", "-r", pcap.toString(), "-o", "tcp.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-T", "fields", "-e", "frame.number",
                "-e", "ip.proto", "-e", "tcp.checksum.status", "-e", "udp.checksum.status");
        assertEquals(0, read.exitStatus(), () -> String.join("\n", read.err()));
        long tcp = read.out().stream().filter(line -> line.split("\t", -1).length > 1 && line.split("\t", -1)[1].equals("6")).count();
        long udp = read.out().stream().filter(line -> line.split("\t", -1).length > 1 && line.split("\t", -1)[1].equals("17")).count();
        assertTrue(tcp >= 6, () -> "both ways of a connection: " + read.out());
        assertTrue(udp >= 2, () -> "the datagram and its echo: " + read.out());
        for (String line : read.out()) {
            String[] fields = line.split("\t", -1);
            if (fields[1].equals("6") || fields[1].equals("17")) {
                String status = fields[1].equals("6") ? fields[2] : fields[3];
                assertEquals("1", status, () -> "tshark's checksum status (1 is good) of frame " + line + " in " + read.out());
            }
        }
    }
}

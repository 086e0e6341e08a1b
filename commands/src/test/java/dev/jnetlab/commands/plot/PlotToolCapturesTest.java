package dev.jnetlab.commands.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.host.ladder.TcpFrame;
import dev.jnetlab.host.plot.CaptureConnections;
import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.stack.phy.PcapReader;
import dev.jnetlab.stack.wire.TcpFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plot pcap} and {@code capture read} of the files Linux's own tools write by default:
 * tshark's pcapng, and tcpdump's {@code -i any} in both Linux cooked formats. Each captures, on
 * the loopback of a namespace of the test's own, socat sending 20 000 octets from one kernel
 * socket to another.
 */
class PlotToolCapturesTest {
    private static final int OCTETS = 20_000;
    private static final int PORT = 5001;
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    @RealPeer(tools = {"tshark", "socat"})
    void tsharksPcapng(NetworkNamespace namespace) throws Exception {
        Path file = dir.resolve("tshark.pcapng");
        // tshark hands the capture to dumpcap, which writes as root into a directory of root's.
        PeerProcess tshark = namespace.spawn("tshark", "-i", "lo", "-w", file.toString(), "-f", "tcp port " + PORT);
        await(() -> tshark.stderr().contains("Capturing on"), "tshark to start: " + tshark.stderr());
        byte[] start = transferAndRead(namespace, file, tshark);
        assertEquals("0a0d0d0a", java.util.HexFormat.of().formatHex(start, 0, 4), "a pcapng section header first");
    }

    @Test
    @RealPeer(tools = {"tcpdump", "socat"})
    void tcpdumpOnAnyInLinuxCookedV1(NetworkNamespace namespace) throws Exception {
        cooked(namespace, "LINUX_SLL", 113);
    }

    @Test
    @RealPeer(tools = {"tcpdump", "socat"})
    void tcpdumpOnAnyInLinuxCookedV2(NetworkNamespace namespace) throws Exception {
        cooked(namespace, "LINUX_SLL2", 276);
    }

    private void cooked(NetworkNamespace namespace, String linkType, int number) throws Exception {
        Path file = dir.resolve(linkType + ".pcap");
        PeerProcess tcpdump = namespace.spawn("tcpdump", "-i", "any", "-y", linkType, "-U", "-w", file.toString(),
                "tcp", "port", String.valueOf(PORT));
        await(() -> tcpdump.stderr().contains("listening on"), "tcpdump to start: " + tcpdump.stderr());
        byte[] start = transferAndRead(namespace, file, tcpdump);
        assertEquals(number, java.nio.ByteBuffer.wrap(start, 20, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(),
                "the file's link type");
    }

    /** Sends the octets, waits for both FINs in the file, ends the capture; reads the file with both commands. */
    private byte[] transferAndRead(NetworkNamespace namespace, Path file, PeerProcess capture) throws Exception {
        Path data = dir.resolve("data.bin");
        Files.write(data, new byte[OCTETS]);
        namespace.spawn("socat", "-u", "TCP-LISTEN:" + PORT + ",reuseaddr", "OPEN:/dev/null");
        namespace.awaitTcpListener(PORT);
        namespace.exec("socat", "-u", "OPEN:" + data, "TCP:127.0.0.1:" + PORT).assertSuccess();
        await(() -> finsIn(file) >= 2, "both FINs in " + file);
        capture.close();

        List<CaptureConnections.Connection> connections = CaptureConnections.read(file).connections();
        assertEquals(1, connections.size(), "one connection, each segment once");
        assertEquals(OCTETS, connections.get(0).octets(), "the sender's payload");
        VirtualConsole console = new VirtualConsole();
        String plot = console.ok("plot pcap " + file + " --ascii").text();
        assertTrue(plot.startsWith("* 1: 127.0.0.1:") && plot.contains("-> 127.0.0.1:" + PORT), plot);
        String read = console.ok("capture read " + file + " tcp").text();
        List<String> lines = read.lines().toList();
        assertTrue(lines.get(0).contains(" > 127.0.0.1." + PORT + ": Flags [S], "),
                "the SYN, printed from an Ethernet frame made of the record: " + lines.get(0));
        assertTrue(lines.get(lines.size() - 1).matches("\\d+ frames in " + java.util.regex.Pattern.quote(file.toString())),
                lines.get(lines.size() - 1));
        return Files.readAllBytes(file);
    }

    private static int finsIn(Path capture) {
        try {
            TcpFrame frame = new TcpFrame();
            int fins = 0;
            for (PcapReader.Record record : PcapReader.read(capture).records()) {
                if (frame.read(record.frame(), 0, record.frame().length) && (frame.tcp().flags() & TcpFlags.FIN) != 0) {
                    fins++;
                }
            }
            return fins;
        } catch (IOException e) {
            return 0; // not written yet
        }
    }

    private interface Condition {
        boolean holds();
    }

    /** Polls {@code condition} until it holds, for at most {@link #PATIENCE}. */
    private static void await(Condition condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}

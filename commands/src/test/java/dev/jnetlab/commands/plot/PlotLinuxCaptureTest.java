package dev.jnetlab.commands.plot;

import static dev.jnetlab.host.plot.SvgAssertions.parse;
import static dev.jnetlab.host.plot.SvgAssertions.select;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plot pcap} of a Linux-to-Linux capture: tcpdump on the loopback of a namespace of the
 * test's own while socat sends 200 000 octets from one socket of the kernel to another.
 */
class PlotLinuxCaptureTest {
    private static final int OCTETS = 200_000;
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    @RealPeer(tools = {"tcpdump", "socat"})
    void plotsWhatTcpdumpCapturedBetweenTwoLinuxSockets(NetworkNamespace namespace) throws Exception {
        Path data = dir.resolve("data.bin");
        Files.write(data, new byte[OCTETS]);
        Path capture = dir.resolve("linux.pcap");
        PeerProcess tcpdump = namespace.spawn("tcpdump", "-i", "lo", "-U", "-w", capture.toString(), "tcp", "port", "5001");
        await(() -> tcpdump.stderr().contains("listening on"), "tcpdump to start: " + tcpdump.stderr());
        namespace.spawn("socat", "-u", "TCP-LISTEN:5001,reuseaddr", "OPEN:/dev/null");
        namespace.awaitTcpListener(5001);
        namespace.exec("socat", "-u", "OPEN:" + data, "TCP:127.0.0.1:5001").assertSuccess();
        await(() -> finsIn(capture) >= 2, "both FINs in the capture");

        CaptureConnections.Connection c = CaptureConnections.read(capture).connections().get(0);
        // Every octet at least once: on a loaded machine the kernel may retransmit even over
        // the loopback (a tail loss probe when the receiver is slow to be scheduled), and the
        // capture counts what was sent, retransmissions included.
        assertTrue(c.octets() >= OCTETS && c.octets() < 2L * OCTETS, "the sender's payload: " + c.octets());
        assertEquals(5001, c.receiver().port());
        VirtualConsole console = new VirtualConsole();
        Path svg = dir.resolve("linux.svg");
        Path ladder = dir.resolve("linux-ladder.svg");
        String said = console.ok("plot pcap " + capture + " --svg " + svg + " --ladder-svg " + ladder).text();
        assertTrue(said.startsWith("wrote " + svg), said);
        assertTrue(select(parse(Files.readString(svg)), "//g[@class='data']/line").getLength() >= 3, "SYN, data, FIN");
        assertTrue(select(parse(Files.readString(ladder)), "//text[@class='state local' and text()='ESTABLISHED']")
                .getLength() == 1, "the handshake on the flow graph");
        String text = console.ok("plot pcap " + capture + " --ascii").text();
        assertTrue(text.startsWith("* 1: 127.0.0.1:") && text.contains("-> 127.0.0.1:5001"), text);
    }

    private static int finsIn(Path capture) {
        try {
            TcpFrame frame = new TcpFrame();
            int fins = 0;
            for (PcapReader.Record record : PcapReader.read(capture).records()) {
                if (frame.read(record.frame(), 0, record.frame().length)
                        && (frame.tcp().flags() & TcpFlags.FIN) != 0) {
                    fins++;
                }
            }
            return fins;
        } catch (IOException e) {
            return 0; // not written yet, or its last record still cut short
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

package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.stack.phy.RawSocket;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@code jnetlab --tcpdump} on a veth prints the frames that tcpdump prints, as tcpdump prints them. */
@RealPeer(tools = {"tcpdump", "ping"})
class TcpdumpTest {

    @Test
    void printsWhatTcpdumpPrintsForAPing() throws Exception {
        try (NetworkNamespace near = NetworkNamespace.create(); NetworkNamespace far = NetworkNamespace.create()) {
            near.exec("ip", "link", "add", "veth0", "type", "veth", "peer", "name", "veth1", "netns", far.name())
                    .assertSuccess();
            near.exec("ip", "addr", "add", "10.9.0.1/24", "dev", "veth0").assertSuccess();
            near.exec("ip", "link", "set", "veth0", "up").assertSuccess();
            far.exec("ip", "addr", "add", "10.9.0.2/24", "dev", "veth1").assertSuccess();
            far.exec("ip", "link", "set", "veth1", "up").assertSuccess();

            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            AtomicBoolean stop = new AtomicBoolean();
            RawSocket socket = near.inside(() -> RawSocket.open("veth0"));
            Thread sniffer = new Thread(() -> new Tcpdump(socket, new PrintStream(ours, true, StandardCharsets.UTF_8))
                    .run(stop::get), "jnetlab-tcpdump");
            sniffer.start();
            PeerProcess theirs = near.spawn("tcpdump", "-nn", "-l", "-i", "veth0");
            eventually("tcpdump to listen", () -> theirs.stderr().contains("listening on"));

            near.exec("ping", "-c", "3", "-i", "0.2", "10.9.0.2").assertSuccess();
            Supplier<List<String>> ourIcmp = () -> icmpLines(ours.toString(StandardCharsets.UTF_8));
            eventually("six ICMP lines from both", () -> ourIcmp.get().size() == 6 && icmpLines(theirs.stdout()).size() == 6);
            stop.set(true);
            socket.wakeUp();
            sniffer.join(5_000);
            socket.close();

            assertEquals(icmpLines(theirs.stdout()), ourIcmp.get());
            assertTrue(ourIcmp.get().get(0).startsWith("IP 10.9.0.1 > 10.9.0.2: ICMP echo request, id "),
                    ourIcmp.get().get(0));
        }
    }

    @Test
    void onLoopbackEachFrameIsPrintedOnceAsTcpdumpDoes() throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.create()) {
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            AtomicBoolean stop = new AtomicBoolean();
            RawSocket socket = ns.inside(() -> RawSocket.open("lo"));
            Thread sniffer = new Thread(() -> new Tcpdump(socket, new PrintStream(ours, true, StandardCharsets.UTF_8))
                    .run(stop::get), "jnetlab-tcpdump");
            sniffer.start();
            PeerProcess theirs = ns.spawn("tcpdump", "-nn", "-l", "-i", "lo");
            eventually("tcpdump to listen", () -> theirs.stderr().contains("listening on"));

            ns.exec("ping", "-c", "3", "-i", "0.2", "127.0.0.1").assertSuccess();
            // The outgoing copy of a frame on lo comes before the incoming one: a doubled line shows by the sixth.
            eventually("six ICMP lines from both", () -> icmpLines(theirs.stdout()).size() == 6
                    && icmpLines(ours.toString(StandardCharsets.UTF_8)).size() >= 6);
            stop.set(true);
            socket.wakeUp();
            sniffer.join(5_000);
            socket.close();

            assertEquals(icmpLines(theirs.stdout()), icmpLines(ours.toString(StandardCharsets.UTF_8)),
                    "three requests and three replies, once each");
        }
    }

    /** The ICMP lines without their timestamps (which two programs cannot share). */
    private static List<String> icmpLines(String output) {
        return output.lines().filter(line -> line.contains("ICMP"))
                .map(line -> line.substring(line.indexOf(' ') + 1)).toList();
    }

    private static void eventually(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}

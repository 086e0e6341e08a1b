package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.TcpKernelPeerTest.TEN_MB;
import static dev.jnetlab.stack.iface.TcpKernelPeerTest.data;
import static dev.jnetlab.stack.iface.TcpKernelPeerTest.sha256;
import static dev.jnetlab.stack.iface.TcpKernelPeerTest.writeData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.netns.PeerResult;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.stack.iface.TcpKernelPeerTest.Exchange;
import dev.jnetlab.stack.phy.Offloads;
import dev.jnetlab.stack.phy.TapInterface;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kernel's TCP and the stack over tap0 with the tap's offloads on and off: 10 MB each way
 * at once, SHA-256-equal, and with offloads on the tap really carried TSO frames out (the
 * stack's segments of many MSS, cut by the kernel) and GSO super-frames in (the kernel's own
 * large segments, read whole); with offloads off it carried none.
 */
class TcpOffloadKernelPeerTest {
    @TempDir
    Path dir;

    private final Interface iface = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:01"),
            Ipv4Cidr.parse(NetworkNamespace.STACK_ADDRESS + "/24")).withSeed(9));
    private final SocketSet sockets = iface.newSocketSet();
    private TcpSocket accepted;

    @ParameterizedTest(name = "offloads {0}")
    @EnumSource(Offloads.class)
    @RealPeer(tools = "socat")
    void aSocatClientAndAStackServerExchangeTenMegabytesEachWay(Offloads offloads, NetworkNamespace ns) throws Exception {
        Path toStack = writeData(dir.resolve("to-stack"), 5);
        Path fromStack = dir.resolve("from-stack");
        byte[] stackData = data(6);
        SocketHandle<TcpListener> listener = sockets.add(new TcpListener(new Endpoint(0, 5003), 4, TcpKernelPeerTest::socket));
        try (TapInterface tap = ns.inside(() -> TapInterface.open(NetworkNamespace.TAP, offloads));
             PeerProcess client = ns.spawn("sh", "-c", "exec socat -t 60 - TCP:" + NetworkNamespace.STACK_ADDRESS + ":5003"
                     + " <" + toStack + " >" + fromStack)) {
            RealTimeDriver driver = new RealTimeDriver(tap, iface, sockets);
            assertTrue(driver.runUntil(() -> accept(listener), Duration.ofSeconds(20)), "no connection came: " + client.stderr());
            long start = System.nanoTime();

            Exchange exchange = new Exchange(accepted, stackData);
            assertTrue(driver.runUntil(exchange::step, Duration.ofSeconds(60)), () -> "unfinished: " + exchange + "\n"
                    + accepted.controlBlock(driver.now()) + "\n" + iface.stats().nonZero() + "\n" + client.stderr());
            assertTrue(driver.runUntil(() -> !client.isAlive(), Duration.ofSeconds(30)), "socat did not end");
            double seconds = (System.nanoTime() - start) / 1e9;
            PeerResult result = client.await(Duration.ofSeconds(5));
            assertEquals(0, result.exitCode(), result.stderr());

            assertEquals(sha256(Files.readAllBytes(toStack)), exchange.receivedSha256(), "kernel to stack");
            assertEquals(sha256(stackData), sha256(Files.readAllBytes(fromStack)), "stack to kernel");
            System.out.printf(Locale.ROOT, "offloads %s (%s): 10 MB each way in %.2f s; %d TSO frames out, %d GSO frames in%n",
                    offloads, tap.offloadStatus(), seconds, tap.tsoFramesSent(), tap.gsoFramesReceived());
            if (offloads == Offloads.NONE) {
                assertEquals(0, tap.tsoFramesSent());
                assertEquals(0, tap.gsoFramesReceived());
                assertEquals(0, iface.stats().get(InterfaceCounter.DROP_BAD_CHECKSUM));
            } else {
                assertEquals("csum tso4 gso-rx", tap.offloadStatus());
                assertTrue(tap.tsoFramesSent() > 0, "the stack wrote segments for the kernel to cut");
                assertTrue(tap.gsoFramesReceived() > 0, "the kernel handed over its large segments whole");
                assertEquals(0, iface.stats().get(InterfaceCounter.DROP_BAD_CHECKSUM),
                        "no unfinished checksum was taken for a bad one");
            }
        }
    }

    private boolean accept(SocketHandle<TcpListener> listener) {
        accepted = sockets.accept(listener).map(sockets::get).orElse(null);
        return accepted != null;
    }
}

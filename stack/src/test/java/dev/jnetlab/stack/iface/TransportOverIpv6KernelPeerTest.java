package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.TcpKernelPeerTest.TEN_MB;
import static dev.jnetlab.stack.iface.TcpKernelPeerTest.TRANSFER_TIMEOUT;
import static dev.jnetlab.stack.iface.TcpKernelPeerTest.data;
import static dev.jnetlab.stack.iface.TcpKernelPeerTest.sha256;
import static dev.jnetlab.stack.iface.TcpKernelPeerTest.writeData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.netns.PeerResult;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.stack.phy.TapInterface;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.UdpDatagram;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TCP and UDP over IPv6 against the Linux kernel over tap0 in a network namespace (the kernel
 * fd00::100/64, the stack fd00::1/64): socat's TCP6 as client and as server with 10 MB each way
 * compared by SHA-256, socat's UDP6 both ways, and nmap -6 -sS finding the stack's open port
 * among closed ones (each closed one answered with a reset). The stack runs on a bounded
 * real-time loop ({@link RealTimeDriver}); every wait has a timeout.
 */
class TransportOverIpv6KernelPeerTest {
    private static final Ipv6Address STACK = Ipv6Address.parse("fd00::1");
    private static final Ipv6Address KERNEL = Ipv6Address.parse("fd00::100");

    @TempDir
    Path dir;

    private final Interface iface = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:01"),
            Ipv4Cidr.parse(NetworkNamespace.STACK_ADDRESS + "/24")).withSeed(7));
    private final SocketSet sockets = iface.newSocketSet();
    private TcpSocket accepted;

    /** tap0 with IPv6 on (the namespace has it off) and fd00::100/64; the stack up with fd00::1 past DAD. */
    private RealTimeDriver up(NetworkNamespace ns, TapInterface tap) {
        iface.addAddress(STACK, 64);
        RealTimeDriver driver = new RealTimeDriver(tap, iface, sockets);
        assertTrue(driver.runUntil(() -> iface.sourceAddressFor(KERNEL).isPresent(), Duration.ofSeconds(5)),
                "DAD did not finish: " + iface.ipv6Addresses(0));
        return driver;
    }

    private static TapInterface openTapWithIpv6(NetworkNamespace ns) {
        ns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0").assertSuccess();
        ns.exec("sysctl", "-qw", "net.ipv6.conf." + NetworkNamespace.TAP + ".disable_ipv6=0").assertSuccess();
        ns.exec("ip", "-6", "addr", "add", KERNEL + "/64", "dev", NetworkNamespace.TAP, "nodad").assertSuccess();
        return ns.inside(() -> TapInterface.open(NetworkNamespace.TAP));
    }

    private boolean accept(SocketHandle<TcpListener> listener) {
        accepted = sockets.accept(listener).map(sockets::get).orElse(null);
        return accepted != null;
    }

    @Test
    @RealPeer(tools = {"socat", "sh"})
    void aSocatTcp6ClientAndAStackServerExchangeTenMegabytesEachWay(NetworkNamespace ns) throws Exception {
        Path toStack = writeData(dir.resolve("to-stack"), 11);
        Path fromStack = dir.resolve("from-stack");
        byte[] stackData = data(12);
        SocketHandle<TcpListener> listener = sockets.add(new TcpListener(new Endpoint(0, 5001), 4, TcpKernelPeerTest::socket));
        try (TapInterface tap = openTapWithIpv6(ns)) {
            RealTimeDriver driver = up(ns, tap);
            try (PeerProcess client = ns.spawn("sh", "-c", "exec socat -t 150 - TCP6:[" + STACK + "]:5001"
                    + " <" + toStack + " >" + fromStack)) {
                assertTrue(driver.runUntil(() -> accept(listener), Duration.ofSeconds(20)), "no connection came: " + client.stderr());
                assertTrue(accepted.isIpv6());
                assertEquals(1440, accepted.controlBlock(driver.now()).peerMss(), "Linux's MSS over IPv6: 1500 - 60");
                long start = System.nanoTime();
                TcpKernelPeerTest.Exchange exchange = new TcpKernelPeerTest.Exchange(accepted, stackData);
                assertTrue(driver.runUntil(exchange::step, TRANSFER_TIMEOUT), () -> "unfinished: " + exchange + "\n"
                        + accepted.controlBlock(driver.now()) + "\n" + iface.stats().nonZero() + "\n" + client.stderr());
                assertTrue(driver.runUntil(() -> !client.isAlive(), Duration.ofSeconds(30)), "socat did not end");
                double seconds = (System.nanoTime() - start) / 1e9;
                assertEquals(0, client.await(Duration.ofSeconds(5)).exitCode(), client.stderr());

                assertEquals(sha256(Files.readAllBytes(toStack)), exchange.receivedSha256(), "kernel to stack");
                assertEquals(sha256(stackData), sha256(Files.readAllBytes(fromStack)), "stack to kernel");
                report("stack server, socat TCP6 client", seconds);
            }
        }
    }

    @Test
    @RealPeer(tools = {"socat", "sh", "ss"})
    void aStackClientAndASocatTcp6ServerExchangeTenMegabytesEachWay(NetworkNamespace ns) throws Exception {
        Path toStack = writeData(dir.resolve("to-stack"), 13);
        Path fromStack = dir.resolve("from-stack");
        byte[] stackData = data(14);
        TcpSocket client = TcpKernelPeerTest.socket();
        SocketHandle<TcpSocket> handle = sockets.add(client);
        try (TapInterface tap = openTapWithIpv6(ns);
             PeerProcess server = ns.spawn("sh", "-c", "exec socat -t 150 TCP6-LISTEN:5002,reuseaddr - <" + toStack
                     + " >" + fromStack)) {
            ns.awaitTcpListener(5002);
            RealTimeDriver driver = up(ns, tap);
            iface.connect(driver.now(), sockets, handle, new IpEndpoint(KERNEL, 5002), 0);
            assertTrue(driver.runUntil(() -> client.state() == TcpState.ESTABLISHED, Duration.ofSeconds(20)),
                    () -> "not connected: " + client.controlBlock(driver.now()) + server.stderr());
            long start = System.nanoTime();
            TcpKernelPeerTest.Exchange exchange = new TcpKernelPeerTest.Exchange(client, stackData);
            assertTrue(driver.runUntil(exchange::step, TRANSFER_TIMEOUT), () -> "unfinished: " + exchange + "\n"
                    + client.controlBlock(driver.now()) + "\n" + iface.stats().nonZero() + "\n" + server.stderr());
            assertTrue(driver.runUntil(() -> !server.isAlive(), Duration.ofSeconds(30)), "socat did not end");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(0, server.await(Duration.ofSeconds(5)).exitCode(), server.stderr());

            assertEquals(sha256(Files.readAllBytes(toStack)), exchange.receivedSha256(), "kernel to stack");
            assertEquals(sha256(stackData), sha256(Files.readAllBytes(fromStack)), "stack to kernel");
            report("stack client, socat TCP6 server", seconds);
        }
    }

    @Test
    @RealPeer(tools = {"socat", "ss"})
    void aStackUdpSocketTalksToASocatUdp6EchoServer(NetworkNamespace ns) throws Exception {
        try (TapInterface tap = openTapWithIpv6(ns);
             PeerProcess echo = ns.spawn("socat", "-T", "20", "UDP6-LISTEN:7777", "PIPE")) {
            ns.awaitUdpListener(7777);
            RealTimeDriver driver = up(ns, tap);
            UdpSocket socket = new UdpSocket();
            sockets.add(socket);
            socket.bind(0);
            byte[] question = "over six, byte for byte".getBytes(StandardCharsets.US_ASCII);
            socket.sendTo(new IpEndpoint(KERNEL, 7777), question, 0, question.length);
            assertTrue(driver.runUntil(socket::canRecv, Duration.ofSeconds(10)), "no echo: " + iface.stats().nonZero());
            UdpDatagram answer = socket.recvFrom();
            assertArrayEquals(question, answer.data());
            assertEquals(new IpEndpoint(KERNEL, 7777), answer.remote());
        }
    }

    @Test
    @RealPeer(tools = "socat")
    void aSocatUdp6ClientTalksToAStackServer(NetworkNamespace ns) throws Exception {
        try (TapInterface tap = openTapWithIpv6(ns)) {
            RealTimeDriver driver = up(ns, tap);
            UdpSocket server = new UdpSocket();
            sockets.add(server);
            server.bind(6969);
            try (PeerProcess client = ns.spawn("sh", "-c", "echo question | exec socat -t 3 - UDP6:[" + STACK + "]:6969")) {
                assertTrue(driver.runUntil(server::canRecv, Duration.ofSeconds(10)), "nothing came: " + client.stderr());
                UdpDatagram question = server.recvFrom();
                assertEquals("question\n", new String(question.data(), StandardCharsets.US_ASCII));
                assertEquals(KERNEL, question.remote().address());
                byte[] answer = "answer\n".getBytes(StandardCharsets.US_ASCII);
                server.sendTo(question.remote(), answer, 0, answer.length);
                assertTrue(driver.runUntil(() -> !client.isAlive(), Duration.ofSeconds(10)), "socat did not end");
                PeerResult result = client.await(Duration.ofSeconds(5)).assertSuccess();
                assertEquals("answer\n", result.stdout());
            }
        }
    }

    /**
     * nmap's SYN scan over IPv6 of ports 5000 to 5009: the stack listens on 5005 only, so nmap
     * must call 5005 open and the other nine closed (each closed one answered with a reset).
     */
    @Test
    @RealPeer(tools = "nmap")
    void nmapsSynScanOverIpv6FindsTheOpenPort(NetworkNamespace ns) {
        sockets.add(new TcpListener(new Endpoint(0, 5005), 4, () -> new TcpSocket(4096, 4096)));
        try (TapInterface tap = openTapWithIpv6(ns)) {
            RealTimeDriver driver = up(ns, tap);
            try (PeerProcess nmap = ns.spawn("nmap", "-6", "-sS", "-n", "-Pn", "-p", "5000-5009", "--max-retries", "1",
                    STACK.toString())) {
                assertTrue(driver.runUntil(() -> !nmap.isAlive(), Duration.ofSeconds(60)), "nmap did not end");
                String out = nmap.await(Duration.ofSeconds(5)).assertSuccess().stdout();
                assertTrue(Pattern.compile("(?m)^5005/tcp\\s+open\\b").matcher(out).find(), out);
                assertEquals(9, Pattern.compile("(?m)^500\\d/tcp\\s+closed\\b").matcher(out).results().count(), out);
            }
            assertTrue(iface.stats().get(InterfaceCounter.TCP_RESETS_OUT) >= 9, iface.stats().nonZero().toString());
        }
    }

    private static void report(String what, double seconds) {
        System.out.printf(Locale.ROOT, "%s: 10 MB each way over IPv6 in %.2f s, %.1f MB/s each way%n", what, seconds,
                TEN_MB / 1e6 / seconds);
    }
}

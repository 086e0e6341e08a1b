package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.netns.PeerResult;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.FaultInjector;
import dev.jnetlab.stack.phy.TapInterface;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.RecvError;
import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TCP against the Linux kernel over tap0 in a network namespace (the kernel 192.168.69.100,
 * the stack 192.168.69.1): socat in the namespace as client and as server, 10 MB each way at
 * once, compared by SHA-256; without faults and with a fault injector dropping 10 % of the
 * frames on the stack's side of the tap, both ways. The kernel's own {@code ss -tin} must show
 * the options the two ends negotiated. The stack runs on a bounded real-time loop
 * ({@link RealTimeDriver}); every wait has a timeout.
 */
class TcpKernelPeerTest {
    static final int TEN_MB = 10 * 1024 * 1024;
    static final int BUFFER = 1 << 20;
    static final int HOLES = 128;
    static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(150);
    static final Ipv4Address HOST = Ipv4Address.parse(NetworkNamespace.HOST_ADDRESS);

    @TempDir
    Path dir;

    private final Interface iface = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:01"),
            Ipv4Cidr.parse(NetworkNamespace.STACK_ADDRESS + "/24")).withSeed(6));
    private final SocketSet sockets = iface.newSocketSet();
    private TcpSocket accepted;

    /**
     * A socket with 1 MiB queues, which holds up to {@value #HOLES} out-of-order ranges: at
     * 10 % loss a 1 MiB window (about 720 segments) has some 70 holes, and with the default
     * bound of 16 the stack drops so much of what Linux sends beyond them that Linux's sender
     * can crawl for tens of seconds.
     */
    static TcpSocket socket() {
        return new TcpSocket(BUFFER, BUFFER, HOLES);
    }

    private static TapInterface openTap(NetworkNamespace ns) {
        return ns.inside(() -> TapInterface.open(NetworkNamespace.TAP));
    }

    private static Device device(TapInterface tap, boolean faults) {
        return faults ? new FaultInjector(tap, FaultConfig.NONE.withDropPercent(10), 10) : tap;
    }

    @ParameterizedTest(name = "10 % of frames dropped: {0}")
    @ValueSource(booleans = {false, true})
    @RealPeer(tools = {"socat", "ss"})
    void aSocatClientAndAStackServerExchangeTenMegabytesEachWay(boolean faults, NetworkNamespace ns) throws Exception {
        Path toStack = writeData(dir.resolve("to-stack"), 1);
        Path fromStack = dir.resolve("from-stack");
        byte[] stackData = data(2);
        SocketHandle<TcpListener> listener = sockets.add(new TcpListener(new Endpoint(0, 5001), 4, TcpKernelPeerTest::socket));
        try (TapInterface tap = openTap(ns);
             PeerProcess client = ns.spawn("sh", "-c", "exec socat -t 150 - TCP:" + NetworkNamespace.STACK_ADDRESS + ":5001"
                     + " <" + toStack + " >" + fromStack)) {
            RealTimeDriver driver = new RealTimeDriver(tap, device(tap, faults), iface, sockets);
            assertTrue(driver.runUntil(() -> accept(listener), Duration.ofSeconds(20)), "no connection came: " + client.stderr());
            long start = System.nanoTime();

            assertKernelNegotiated(ns, driver);
            assertStackNegotiated(accepted, driver);
            Exchange exchange = new Exchange(accepted, stackData);
            assertTrue(driver.runUntil(exchange::step, TRANSFER_TIMEOUT), () -> "unfinished: " + exchange + "\n"
                    + accepted.controlBlock(driver.now()) + "\n" + iface.stats().nonZero() + "\n" + client.stderr());
            assertTrue(driver.runUntil(() -> !client.isAlive(), Duration.ofSeconds(30)), "socat did not end");
            double seconds = (System.nanoTime() - start) / 1e9;
            PeerResult result = client.await(Duration.ofSeconds(5));
            assertEquals(0, result.exitCode(), result.stderr());

            assertEquals(sha256(Files.readAllBytes(toStack)), exchange.receivedSha256(), "kernel to stack");
            assertEquals(TEN_MB, exchange.received);
            assertEquals(sha256(stackData), sha256(Files.readAllBytes(fromStack)), "stack to kernel");
            report("stack server, socat client" + (faults ? ", 10 % drop" : ""), seconds);
        }
    }

    @ParameterizedTest(name = "10 % of frames dropped: {0}")
    @ValueSource(booleans = {false, true})
    @RealPeer(tools = {"socat", "ss"})
    void aStackClientAndASocatServerExchangeTenMegabytesEachWay(boolean faults, NetworkNamespace ns) throws Exception {
        Path toStack = writeData(dir.resolve("to-stack"), 3);
        Path fromStack = dir.resolve("from-stack");
        byte[] stackData = data(4);
        TcpSocket client = socket();
        SocketHandle<TcpSocket> handle = sockets.add(client);
        try (TapInterface tap = openTap(ns);
             PeerProcess server = ns.spawn("sh", "-c", "exec socat -t 150 TCP-LISTEN:5002,reuseaddr - <" + toStack
                     + " >" + fromStack)) {
            ns.awaitTcpListener(5002);
            RealTimeDriver driver = new RealTimeDriver(tap, device(tap, faults), iface, sockets);
            iface.connect(driver.now(), sockets, handle, new Endpoint(HOST.bits(), 5002), 0);
            assertTrue(driver.runUntil(() -> client.state() == TcpState.ESTABLISHED, Duration.ofSeconds(20)),
                    () -> "not connected: " + client.controlBlock(driver.now()) + server.stderr());
            long start = System.nanoTime();

            assertKernelNegotiated(ns, driver);
            assertStackNegotiated(client, driver);
            Exchange exchange = new Exchange(client, stackData);
            assertTrue(driver.runUntil(exchange::step, TRANSFER_TIMEOUT), () -> "unfinished: " + exchange + "\n"
                    + client.controlBlock(driver.now()) + "\n" + iface.stats().nonZero() + "\n" + server.stderr());
            assertTrue(driver.runUntil(() -> !server.isAlive(), Duration.ofSeconds(30)), "socat did not end");
            double seconds = (System.nanoTime() - start) / 1e9;
            PeerResult result = server.await(Duration.ofSeconds(5));
            assertEquals(0, result.exitCode(), result.stderr());

            assertEquals(sha256(Files.readAllBytes(toStack)), exchange.receivedSha256(), "kernel to stack");
            assertEquals(sha256(stackData), sha256(Files.readAllBytes(fromStack)), "stack to kernel");
            report("stack client, socat server" + (faults ? ", 10 % drop" : ""), seconds);
        }
    }

    private boolean accept(SocketHandle<TcpListener> listener) {
        accepted = sockets.accept(listener).map(sockets::get).orElse(null);
        return accepted != null;
    }

    /**
     * The kernel's view of the connection, from {@code ss -tino} in the namespace ({@code -o} makes it print the options) (run while the
     * stack keeps polling): SACK, timestamps, window scaling both ways, and an MSS of 1460 (the
     * stack's MTU 1500 less 40) less the 12 octets of timestamps, which is what Linux's
     * {@code mss:} shows once timestamps are on.
     */
    private static void assertKernelNegotiated(NetworkNamespace ns, RealTimeDriver driver) {
        PeerProcess ss = ns.spawn("ss", "-tinoH", "state", "established", "dst", NetworkNamespace.STACK_ADDRESS);
        assertTrue(driver.runUntil(() -> !ss.isAlive(), Duration.ofSeconds(10)), "ss did not end");
        String info = ss.await(Duration.ofSeconds(5)).assertSuccess().stdout();
        System.out.println("ss -tin (kernel side): " + info.replaceAll("\\s+", " ").trim());
        assertTrue(info.contains(" sack"), info);
        assertTrue(info.contains(" ts "), info);
        Matcher wscale = Pattern.compile("wscale:(\\d+),(\\d+)").matcher(info);
        assertTrue(wscale.find(), info);
        assertEquals(5, Integer.parseInt(wscale.group(1)), "the stack's shift for a 1 MiB receive buffer: " + info);
        Matcher mss = Pattern.compile("\\bmss:(\\d+)").matcher(info);
        assertTrue(mss.find(), info);
        assertEquals(1460 - 12, Integer.parseInt(mss.group(1)), info);
    }

    /** The stack's view: the kernel announced 1460 (its MTU 1500 less 40), the stack too; every option on. */
    private static void assertStackNegotiated(TcpSocket socket, RealTimeDriver driver) {
        TcpControlBlock block = socket.controlBlock(driver.now());
        assertEquals(1460, block.peerMss(), block::toString);
        assertEquals(1460, block.receiveMss(), block::toString);
        assertTrue(block.sackNegotiated() && block.timestampsNegotiated() && block.windowScaleNegotiated(), block::toString);
        assertEquals(5, block.rcvWindowShift(), block::toString);
    }

    private static void report(String what, double seconds) {
        System.out.printf(Locale.ROOT, "%s: 10 MB each way in %.2f s, %.1f MB/s each way%n", what, seconds,
                TEN_MB / 1e6 / seconds);
    }

    /** One end's application: sends its buffer as the send queue takes it, hashes what it reads, closes when all is sent. */
    static final class Exchange {
        private final TcpSocket socket;
        private final byte[] toSend;
        private final byte[] buffer = new byte[64 * 1024];
        private final MessageDigest digest = sha256();
        private int sent;
        private long received;
        private boolean closed;
        private boolean finished;

        Exchange(TcpSocket socket, byte[] toSend) {
            this.socket = socket;
            this.toSend = toSend;
        }

        /** One round of the application; true once both directions are done and the connection closed. */
        boolean step() {
            try {
                if (!closed && socket.maySend()) {
                    sent += socket.send(toSend, sent, toSend.length - sent);
                    if (sent == toSend.length) {
                        socket.close();
                        closed = true;
                    }
                }
                while (!finished) {
                    int n;
                    try {
                        n = socket.recv(buffer, 0, buffer.length);
                    } catch (TcpException.Recv e) {
                        if (e.error() != RecvError.FINISHED) {
                            throw new AssertionError("the connection failed: " + socket.closeReason(), e);
                        }
                        finished = true;
                        break;
                    }
                    if (n == 0) {
                        break;
                    }
                    digest.update(buffer, 0, n);
                    received += n;
                }
            } catch (TcpException.Send e) {
                throw new AssertionError("cannot send: " + socket.closeReason(), e);
            }
            return finished && closed && (socket.state() == TcpState.CLOSED || socket.state() == TcpState.TIME_WAIT);
        }

        String receivedSha256() {
            return HexFormat.of().formatHex(digest.digest());
        }

        @Override
        public String toString() {
            return "sent " + sent + ", received " + received + (finished ? " (peer done)" : "") + ", " + socket;
        }
    }

    static byte[] data(long seed) {
        byte[] data = new byte[TEN_MB];
        new Random(seed).nextBytes(data);
        return data;
    }

    static Path writeData(Path file, long seed) throws IOException {
        Files.write(file, data(seed));
        return file;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }
}

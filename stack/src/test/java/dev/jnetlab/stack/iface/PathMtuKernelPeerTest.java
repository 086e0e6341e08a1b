package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.stack.phy.TapInterface;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path MTU discovery (RFC 1191) against Linux as a router: the namespace with tap0 forwards to
 * a second namespace over a veth whose router end has an MTU of 1000, while the far host (MTU
 * 1500) announces an MSS of 1460. The stack's full-size segments carry DF, so the kernel drops
 * them and answers "fragmentation needed, next-hop MTU 1000"; the transfer must still arrive
 * whole, the connection having learned the path MTU.
 */
class PathMtuKernelPeerTest {
    static final int PORT = 5003;
    static final int OCTETS = 300_000;
    static final Ipv4Address FAR = Ipv4Address.parse("10.9.0.2");

    @TempDir
    Path dir;

    private final Interface iface = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:01"),
            Ipv4Cidr.parse(NetworkNamespace.STACK_ADDRESS + "/24")).withSeed(9));
    private final SocketSet sockets = iface.newSocketSet();

    @Test
    @RealPeer(tools = {"socat", "sysctl", "ss"})
    void aRouterToASmallerMtuTeachesTheConnectionThePathMtu(NetworkNamespace ns) throws Exception {
        Path received = dir.resolve("received");
        byte[] data = Frames.pattern(OCTETS, 4);
        try (NetworkNamespace far = NetworkNamespace.create()) {
            ns.exec("ip", "link", "add", "vrtr", "mtu", "1000", "type", "veth", "peer", "name", "vfar", "netns", far.name())
                    .assertSuccess();
            ns.exec("ip", "addr", "add", "10.9.0.1/24", "dev", "vrtr").assertSuccess();
            ns.exec("ip", "link", "set", "vrtr", "up").assertSuccess();
            ns.exec("sysctl", "-qw", "net.ipv4.ip_forward=1").assertSuccess();
            far.exec("ip", "addr", "add", FAR + "/24", "dev", "vfar").assertSuccess();
            far.exec("ip", "link", "set", "vfar", "up").assertSuccess();
            far.exec("ip", "route", "add", "default", "via", "10.9.0.1").assertSuccess();
            iface.addRoute(Ipv4Cidr.parse("10.9.0.0/24"), Ipv4Address.parse(NetworkNamespace.HOST_ADDRESS));

            TcpSocket client = new TcpSocket(65536, 65536);
            SocketHandle<TcpSocket> handle = sockets.add(client);
            try (TapInterface tap = ns.inside(() -> TapInterface.open(NetworkNamespace.TAP));
                 PeerProcess server = far.spawn("socat", "-u", "TCP-LISTEN:" + PORT + ",reuseaddr",
                         "OPEN:" + received + ",creat,trunc")) {
                far.awaitTcpListener(PORT);
                RealTimeDriver driver = new RealTimeDriver(tap, iface, sockets);
                iface.connect(driver.now(), sockets, handle, new Endpoint(FAR.bits(), PORT), 0);
                assertTrue(driver.runUntil(() -> client.state() == TcpState.ESTABLISHED, Duration.ofSeconds(20)),
                        () -> "not connected: " + client.controlBlock(driver.now()) + server.stderr());
                assertEquals(1460, client.controlBlock(driver.now()).peerMss(), "the far host's MTU is 1500");

                int[] sent = {0};
                assertTrue(driver.runUntil(() -> send(client, data, sent), Duration.ofSeconds(60)),
                        () -> "unfinished: " + client.controlBlock(driver.now()) + iface.stats().nonZero());
                assertTrue(driver.runUntil(() -> !server.isAlive(), Duration.ofSeconds(30)), "socat did not end");

                TcpControlBlock block = client.controlBlock(driver.now());
                assertEquals(1000, block.pathMtu(), block::toString);
                assertTrue(block.lastIcmpError().startsWith("fragmentation needed (next-hop MTU 1000) from 192.168.69.100"),
                        block::toString);
                assertTrue(iface.stats().get(InterfaceCounter.ICMP_ERRORS_IN) >= 1, iface.stats().nonZero()::toString);
                assertArrayEquals(data, Files.readAllBytes(received));
            }
        }
    }

    /** Queues the rest of {@code data}, closing once all of it is queued; true when the close is acknowledged. */
    private static boolean send(TcpSocket socket, byte[] data, int[] sent) {
        try {
            if (sent[0] < data.length && socket.maySend()) {
                sent[0] += socket.send(data, sent[0], data.length - sent[0]);
                if (sent[0] == data.length) {
                    socket.close();
                }
            }
        } catch (TcpException e) {
            throw new AssertionError(e);
        }
        TcpState state = socket.state();
        return state == TcpState.FIN_WAIT_2 || state == TcpState.TIME_WAIT || state == TcpState.CLOSED;
    }
}

package dev.jnetlab.stack.iface;

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
import dev.jnetlab.stack.socket.IcmpMessage;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.UdpDatagram;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.Octets;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The interface against the Linux kernel, over tap0 in a network namespace: the kernel side is
 * 192.168.69.100, the stack 192.168.69.1. Each test drives the stack with a
 * {@link RealTimeDriver} while ping, arping or socat run inside the namespace.
 */
class KernelPeerTest {
    private static final Ipv4Address HOST = Ipv4Address.parse(NetworkNamespace.HOST_ADDRESS);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final SocketSet sockets = new SocketSet(3);
    private final Interface iface = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:01"),
            Ipv4Cidr.parse(NetworkNamespace.STACK_ADDRESS + "/24")));

    private static TapInterface openTap(NetworkNamespace ns) {
        return ns.inside(() -> TapInterface.open(NetworkNamespace.TAP));
    }

    /** Runs the stack until the peer program ends, then returns what it said. */
    private PeerResult serve(TapInterface tap, PeerProcess peer) {
        RealTimeDriver driver = new RealTimeDriver(tap, iface, sockets);
        assertTrue(driver.runUntil(() -> !peer.isAlive(), PATIENCE), "the peer did not finish: " + peer.stdout());
        return peer.await(Duration.ofSeconds(5));
    }

    @Test
    @RealPeer(tools = "ping")
    void pingTwentyTimesWithoutLossFirstPacketIncluded(NetworkNamespace ns) {
        try (TapInterface tap = openTap(ns);
             PeerProcess ping = ns.spawn("ping", "-c", "20", "-i", "0.2", "-W", "2", NetworkNamespace.STACK_ADDRESS)) {
            PeerResult result = serve(tap, ping).assertSuccess();

            assertTrue(result.stdout().contains("20 packets transmitted, 20 received, 0% packet loss"), result.stdout());
            assertTrue(result.stdout().contains("icmp_seq=1 ttl=64"), "the first one too: " + result.stdout());
            assertEquals(20, iface.stats().get(InterfaceCounter.ICMP_ECHO_REPLIES_OUT));
        }
    }

    @Test
    @RealPeer(tools = "ping")
    void pingWith4000OctetsFragmentsBothWays(NetworkNamespace ns) {
        try (TapInterface tap = openTap(ns);
             PeerProcess ping = ns.spawn("ping", "-c", "3", "-i", "0.2", "-W", "2", "-s", "4000", NetworkNamespace.STACK_ADDRESS)) {
            PeerResult result = serve(tap, ping).assertSuccess();

            assertTrue(result.stdout().contains("3 packets transmitted, 3 received"), result.stdout());
            assertTrue(result.stdout().contains("4008 bytes from " + NetworkNamespace.STACK_ADDRESS), result.stdout());
            InterfaceStats stats = iface.stats();
            assertEquals(3, stats.get(InterfaceCounter.DATAGRAMS_REASSEMBLED), "the kernel's requests came in fragments");
            assertEquals(3, stats.get(InterfaceCounter.DATAGRAMS_FRAGMENTED), "and the replies went out in fragments");
            assertEquals(0, stats.totalDrops(), stats.nonZero().toString());
        }
    }

    @Test
    @RealPeer
    void theStackPingsTheKernelAndLosesNotEvenTheFirstRequest(NetworkNamespace ns) throws Exception {
        IcmpSocket ping = new IcmpSocket();
        sockets.add(ping);
        ping.bindAny();
        try (TapInterface tap = openTap(ns)) {
            RealTimeDriver driver = new RealTimeDriver(tap, iface, sockets);
            for (int seq = 1; seq <= 3; seq++) {
                ping.sendEcho(HOST, seq, ("request " + seq).getBytes(StandardCharsets.US_ASCII));
                assertTrue(driver.runUntil(ping::canRecv, Duration.ofSeconds(5)), "no reply to request " + seq);
                IcmpMessage reply = ping.recv();
                assertTrue(reply.isEchoReply(), reply.describe());
                assertEquals(seq, reply.sequence());
                assertEquals(HOST, reply.from());
                assertEquals(Octets.of(("request " + seq).getBytes(StandardCharsets.US_ASCII)), reply.data());
            }
            assertEquals(1, iface.stats().get(InterfaceCounter.ARP_REQUESTS_OUT), "the first request waited for ARP");
        }
    }

    @Test
    @RealPeer(tools = "arping")
    void arpingGetsAnAnswerToEveryRequest(NetworkNamespace ns) {
        // Debian's "arping" package is Thomas Habets' arping, which prints other lines; the
        // ones read below are iputils' (.ci/run installs iputils-arping).
        PeerResult version = ns.exec("arping", "-V");
        assertTrue((version.stdout() + version.stderr()).contains("iputils"),
                "this test reads iputils' arping; found: " + version.stdout() + version.stderr());
        try (TapInterface tap = openTap(ns);
             PeerProcess arping = ns.spawn("arping", "-c", "3", "-w", "10", "-I", NetworkNamespace.TAP,
                     NetworkNamespace.STACK_ADDRESS)) {
            PeerResult result = serve(tap, arping).assertSuccess();

            assertTrue(result.stdout().contains("[02:00:00:00:00:01]"), result.stdout());
            assertTrue(result.stdout().contains("Received 3 response(s)"), result.stdout());
            assertEquals(3, iface.stats().get(InterfaceCounter.ARP_REPLIES_OUT));
        }
    }

    @Test
    @RealPeer(tools = {"socat", "ss"})
    void aStackSocketTalksToASocatEchoServer(NetworkNamespace ns) throws Exception {
        UdpSocket socket = new UdpSocket();
        sockets.add(socket);
        socket.bind(0);
        try (TapInterface tap = openTap(ns);
             PeerProcess echo = ns.spawn("socat", "-T", "20", "UDP-LISTEN:7777", "PIPE")) {
            ns.awaitUdpListener(7777);
            RealTimeDriver driver = new RealTimeDriver(tap, iface, sockets);
            for (int i = 0; i < 5; i++) {
                byte[] question = ("datagram " + i).getBytes(StandardCharsets.US_ASCII);
                socket.sendTo(new Endpoint(HOST.bits(), 7777), question, 0, question.length);
                assertTrue(driver.runUntil(socket::canRecv, Duration.ofSeconds(10)), "no echo of datagram " + i);
                UdpDatagram answer = socket.recvFrom();
                assertArrayEquals(question, answer.data());
                assertEquals(IpEndpoint.of(new Endpoint(HOST.bits(), 7777)), answer.remote());
            }
        }
    }

    @Test
    @RealPeer(tools = "socat")
    void aSocatClientTalksToAStackServer(NetworkNamespace ns) throws IOException {
        UdpSocket server = new UdpSocket();
        sockets.add(server);
        try {
            server.bind(6969);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try (TapInterface tap = openTap(ns);
             PeerProcess client = ns.spawn("socat", "-t", "3", "-", "UDP:" + NetworkNamespace.STACK_ADDRESS + ":6969")) {
            OutputStream stdin = client.stdin();
            stdin.write("question from the kernel\n".getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            RealTimeDriver driver = new RealTimeDriver(tap, iface, sockets);
            assertTrue(driver.runUntil(server::canRecv, Duration.ofSeconds(10)), "nothing reached the stack");
            UdpDatagram question;
            try {
                question = server.recvFrom();
                assertArrayEquals("question from the kernel\n".getBytes(StandardCharsets.US_ASCII), question.data());
                assertEquals(HOST, question.remote().address());
                byte[] answer = "answer from the stack\n".getBytes(StandardCharsets.US_ASCII);
                server.sendTo(question.remote(), answer, 0, answer.length);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            stdin.close();
            PeerResult result = serve(tap, client);

            assertTrue(result.stdout().contains("answer from the stack"), result.stdout() + result.stderr());
        }
    }
}

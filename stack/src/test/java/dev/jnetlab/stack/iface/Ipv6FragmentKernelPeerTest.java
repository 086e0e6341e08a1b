package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.netns.PeerResult;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.stack.phy.TapInterface;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.MacAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPv6 fragments and Packet Too Big against the Linux kernel over tap0 in a network namespace
 * (the kernel fd00::100/64, the stack fd00::1/64, as in {@link Ipv6KernelPeerTest}): pings of
 * 4000 octets, cut into three fragments each, both ways; and the kernel as a router to a link
 * of MTU 1280, whose Packet Too Big teaches the stack the path MTU (RFC 8201).
 */
class Ipv6FragmentKernelPeerTest {
    private static final Ipv6Address STACK = Ipv6Address.parse("fd00::1");
    private static final Ipv6Address KERNEL = Ipv6Address.parse("fd00::100");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final SocketSet sockets = new SocketSet(3);
    private final Interface iface = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:01"),
            Ipv4Cidr.parse(NetworkNamespace.STACK_ADDRESS + "/24")));

    private static TapInterface openTapWithIpv6(NetworkNamespace ns) {
        ns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0").assertSuccess();
        ns.exec("sysctl", "-qw", "net.ipv6.conf." + NetworkNamespace.TAP + ".disable_ipv6=0").assertSuccess();
        ns.exec("ip", "-6", "addr", "add", KERNEL + "/64", "dev", NetworkNamespace.TAP, "nodad").assertSuccess();
        return ns.inside(() -> TapInterface.open(NetworkNamespace.TAP));
    }

    private RealTimeDriver up(TapInterface tap) {
        iface.addAddress(STACK, 64);
        RealTimeDriver driver = new RealTimeDriver(tap, iface, sockets);
        assertTrue(driver.runUntil(() -> iface.sourceAddressFor(KERNEL).isPresent(), Duration.ofSeconds(5)),
                "DAD did not finish: " + iface.ipv6Addresses(0));
        return driver;
    }

    @Test
    @RealPeer(tools = {"ping", "ip"})
    void theKernelsPingOf4000OctetsIsReassembledAndAnsweredInFragments(NetworkNamespace ns) {
        try (TapInterface tap = openTapWithIpv6(ns)) {
            RealTimeDriver driver = up(tap);
            try (PeerProcess ping = ns.spawn("ping", "-6", "-c", "3", "-s", "4000", "-i", "0.2", "-W", "2", STACK.toString())) {
                assertTrue(driver.runUntil(() -> !ping.isAlive(), PATIENCE), "ping did not finish: " + ping.stdout());
                PeerResult result = ping.await(Duration.ofSeconds(5)).assertSuccess();
                assertTrue(result.stdout().contains("3 packets transmitted, 3 received, 0% packet loss"), result.stdout());
                assertTrue(result.stdout().contains("4008 bytes from " + STACK + ": icmp_seq=1 "), "the first one too: " + result.stdout());
            }
            InterfaceStats stats = iface.stats();
            assertEquals(3, stats.get(InterfaceCounter.DATAGRAMS_REASSEMBLED), stats.nonZero().toString());
            assertEquals(3, stats.get(InterfaceCounter.DATAGRAMS_FRAGMENTED), stats.nonZero().toString());
            assertEquals(9, stats.get(InterfaceCounter.FRAGMENTS_OUT), stats.nonZero().toString());
        }
    }

    @Test
    @RealPeer(tools = "ip")
    void theStacksPingOf4000OctetsReachesTheKernelAndItsFragmentedReplyComesBack(NetworkNamespace ns) {
        try (TapInterface tap = openTapWithIpv6(ns)) {
            RealTimeDriver driver = up(tap);
            for (int seq = 1; seq <= 3; seq++) {
                int sequence = seq;
                assertTrue(iface.sendEchoRequest(driver.now(), KERNEL, 0x4646, sequence, 4000));
                assertTrue(driver.runUntil(() -> iface.echoReplyAt(0x4646, sequence, 0) >= 0, Duration.ofSeconds(5)),
                        "no reply to request " + seq + ": " + iface.stats().nonZero());
            }
            assertEquals(3, iface.stats().get(InterfaceCounter.DATAGRAMS_REASSEMBLED), iface.stats().nonZero().toString());
            assertEquals(0, iface.stats().totalDrops() - iface.stats().get(InterfaceCounter.DROP_NOT_FOR_US),
                    iface.stats().nonZero().toString());
        }
    }

    /**
     * The kernel routes, by radvd's advertisement, to a far namespace behind a link of MTU
     * 1280 (both ends: the far host's reply is cut to it too). The stack's 1448-octet echo request fits its own link but not that one: the kernel
     * answers Packet Too Big, MTU 1280; the stack keeps that for the far host and its next
     * request goes in fragments of at most 1280 octets, which arrive, as does the reply.
     */
    @Test
    @RealPeer(tools = {"ip", "radvd", "sysctl"})
    void aPacketTooBigFromTheKernelRouterLowersThePathMtuAndTheNextPacketGetsThroughInFragments(NetworkNamespace ns,
            @TempDir Path dir) throws IOException {
        Ipv6Address far = Ipv6Address.parse("fd00:9::2");
        Path config = dir.resolve("radvd.conf");
        Files.writeString(config, "interface " + NetworkNamespace.TAP + " {\n"
                + "  AdvSendAdvert on;\n  MinRtrAdvInterval 3;\n  MaxRtrAdvInterval 4;\n"
                + "  prefix fd00::/64 { AdvOnLink on; AdvAutonomous off; };\n};\n");
        try (NetworkNamespace farNs = NetworkNamespace.create(); TapInterface tap = openTapWithIpv6(ns)) {
            ns.exec("sysctl", "-qw", "net.ipv6.conf.all.forwarding=1").assertSuccess();
            // NetworkNamespace turns IPv6 off for new interfaces too; the veth's ends need it.
            ns.exec("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=0").assertSuccess();
            farNs.exec("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=0").assertSuccess();
            farNs.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0").assertSuccess();
            ns.exec("ip", "link", "add", "v6frag-r", "mtu", "1280", "type", "veth", "peer", "name", "v6frag-f",
                    "netns", farNs.name()).assertSuccess();
            ns.exec("ip", "-6", "addr", "add", "fd00:9::1/64", "dev", "v6frag-r", "nodad").assertSuccess();
            ns.exec("ip", "link", "set", "v6frag-r", "up").assertSuccess();
            farNs.exec("ip", "-6", "addr", "add", far + "/64", "dev", "v6frag-f", "nodad").assertSuccess();
            farNs.exec("ip", "link", "set", "v6frag-f", "mtu", "1280", "up").assertSuccess();
            farNs.exec("ip", "-6", "route", "add", "default", "via", "fd00:9::1").assertSuccess();
            RealTimeDriver driver = up(tap);
            try (PeerProcess radvd = ns.spawn("radvd", "-n", "-C", config.toString(), "-p", dir.resolve("radvd.pid").toString(),
                    "-m", "stderr")) {
                assertTrue(driver.runUntil(() -> iface.ipv6Routes(0).stream().anyMatch(r -> r.prefixLength() == 0), PATIENCE),
                        "no default router: " + radvd.stdout());
                int data = 1400; // 1448 octets: within the stack's link, over the far one
                assertTrue(iface.sendEchoRequest(driver.now(), far, 0x5050, 1, data));
                assertTrue(driver.runUntil(() -> iface.stats().get(InterfaceCounter.PATH_MTU_LOWERED) == 1, Duration.ofSeconds(5)),
                        "no Packet Too Big: " + iface.stats().nonZero());
                assertEquals(Ipv6Packet.MIN_MTU, iface.ipv6PathMtu().pathMtu(far.high(), far.low(), driver.now()));
                assertEquals(-1, iface.echoReplyAt(0x5050, 1, 0), "the first request was too big to arrive");
                long before = iface.stats().get(InterfaceCounter.FRAGMENTS_OUT);
                assertTrue(iface.sendEchoRequest(driver.now(), far, 0x5050, 2, data));
                assertTrue(driver.runUntil(() -> iface.echoReplyAt(0x5050, 2, 0) >= 0, Duration.ofSeconds(5)),
                        "no reply in fragments: " + iface.stats().nonZero());
                assertEquals(2, iface.stats().get(InterfaceCounter.FRAGMENTS_OUT) - before);
            }
        }
    }
}

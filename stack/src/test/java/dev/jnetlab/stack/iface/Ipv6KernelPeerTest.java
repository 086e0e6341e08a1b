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
import dev.jnetlab.stack.wire.MacAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPv6 against the Linux kernel over tap0 in a network namespace: the kernel's tap0 has its
 * own link-local address and fd00::100/64, the stack fd00::1/64. Neighbor discovery both
 * ways, so the first ping of each side is answered too, and the kernel's neighbor table
 * holds the stack's MAC afterwards.
 */
class Ipv6KernelPeerTest {
    private static final Ipv6Address STACK = Ipv6Address.parse("fd00::1");
    private static final Ipv6Address KERNEL = Ipv6Address.parse("fd00::100");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final SocketSet sockets = new SocketSet(3);
    private final Interface iface = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:01"),
            Ipv4Cidr.parse(NetworkNamespace.STACK_ADDRESS + "/24")));

    /** The namespace's IPv6 is off (NetworkNamespace turns it off); on for this test, with fd00::100/64 on tap0. */
    private static TapInterface openTapWithIpv6(NetworkNamespace ns) {
        ns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0").assertSuccess();
        ns.exec("sysctl", "-qw", "net.ipv6.conf." + NetworkNamespace.TAP + ".disable_ipv6=0").assertSuccess();
        ns.exec("ip", "-6", "addr", "add", KERNEL + "/64", "dev", NetworkNamespace.TAP, "nodad").assertSuccess();
        return ns.inside(() -> TapInterface.open(NetworkNamespace.TAP));
    }

    /** Runs the stack until fd00::1 has passed duplicate address detection. */
    private RealTimeDriver up(TapInterface tap) {
        iface.addAddress(STACK, 64);
        RealTimeDriver driver = new RealTimeDriver(tap, iface, sockets);
        assertTrue(driver.runUntil(() -> iface.sourceAddressFor(KERNEL).isPresent(), Duration.ofSeconds(5)),
                "DAD did not finish: " + iface.ipv6Addresses(0));
        return driver;
    }

    @Test
    @RealPeer(tools = {"ping", "ip"})
    void theKernelPingsTheStackFirstPacketIncludedAndKnowsItsMacAfterwards(NetworkNamespace ns) {
        try (TapInterface tap = openTapWithIpv6(ns)) {
            RealTimeDriver driver = up(tap);
            try (PeerProcess ping = ns.spawn("ping", "-6", "-c", "5", "-i", "0.2", "-W", "2", STACK.toString())) {
                assertTrue(driver.runUntil(() -> !ping.isAlive(), PATIENCE), "ping did not finish: " + ping.stdout());
                PeerResult result = ping.await(Duration.ofSeconds(5)).assertSuccess();
                assertTrue(result.stdout().contains("5 packets transmitted, 5 received, 0% packet loss"), result.stdout());
                assertTrue(result.stdout().contains("icmp_seq=1 "), "the first one too: " + result.stdout());
            }
            assertEquals(5, iface.stats().get(InterfaceCounter.ICMPV6_ECHO_REPLIES_OUT));
            PeerResult neigh = ns.exec("ip", "-6", "neigh", "show", "dev", NetworkNamespace.TAP).assertSuccess();
            assertTrue(neigh.stdout().contains(STACK + " lladdr 02:00:00:00:00:01"), neigh.stdout());
        }
    }

    /**
     * radvd in the namespace advertises fd00:1::/64 (the kernel has fd00:1::100 in it, as a
     * router's own address): the stack forms fd00:1::ff:fe00:1 by SLAAC, takes the kernel's
     * link-local address as its default router, and reaches fd00::100, off-link for it, through
     * that router.
     */
    @Test
    @RealPeer(tools = {"ip", "radvd"})
    void radvdsPrefixBecomesAnAddressBySlaacAndTheRouterADefaultRoute(NetworkNamespace ns, @TempDir Path dir)
            throws IOException {
        Path config = dir.resolve("radvd.conf");
        Files.writeString(config, "interface " + NetworkNamespace.TAP + " {\n"
                + "  AdvSendAdvert on;\n  MinRtrAdvInterval 3;\n  MaxRtrAdvInterval 4;\n"
                + "  prefix fd00:1::/64 { AdvOnLink on; AdvAutonomous on; };\n};\n");
        try (TapInterface tap = openTapWithIpv6(ns)) {
            ns.exec("ip", "-6", "addr", "add", "fd00:1::100/64", "dev", NetworkNamespace.TAP, "nodad").assertSuccess();
            ns.exec("sysctl", "-qw", "net.ipv6.conf.all.forwarding=1").assertSuccess();
            iface.enableIpv6();
            RealTimeDriver driver = new RealTimeDriver(tap, iface, sockets);
            Ipv6Address slaac = Ipv6Address.parse("fd00:1::ff:fe00:1");
            try (PeerProcess radvd = ns.spawn("radvd", "-n", "-C", config.toString(), "-p", dir.resolve("radvd.pid").toString(),
                    "-m", "stderr")) {
                assertTrue(driver.runUntil(() -> iface.sourceAddressFor(KERNEL).filter(slaac::equals).isPresent(), PATIENCE),
                        "no SLAAC address: " + iface.ipv6Addresses(0) + " " + radvd.stdout());
                assertTrue(iface.ipv6Routes(0).stream().anyMatch(r -> r.prefixLength() == 0 && r.gateway().isPresent()
                        && r.gateway().get().isLinkLocal()), iface.ipv6Routes(0).toString());
                assertTrue(iface.sendEchoRequest(driver.now(), KERNEL, 0x5151, 1, 56));
                assertTrue(driver.runUntil(() -> iface.echoReplyAt(0x5151, 1, 0) >= 0, Duration.ofSeconds(5)),
                        "no reply through the router: " + iface.stats().nonZero());
            }
        }
    }

    @Test
    @RealPeer(tools = "ip")
    void theStackPingsTheKernelAndLosesNotEvenTheFirstRequest(NetworkNamespace ns) {
        try (TapInterface tap = openTapWithIpv6(ns)) {
            RealTimeDriver driver = up(tap);
            for (int seq = 1; seq <= 3; seq++) {
                int sequence = seq;
                assertTrue(iface.sendEchoRequest(driver.now(), KERNEL, 0x4242, sequence, 56), "no route to " + KERNEL);
                assertTrue(driver.runUntil(() -> iface.echoReplyAt(0x4242, sequence, 0) >= 0, Duration.ofSeconds(5)),
                        "no reply to request " + seq + ": " + iface.stats().nonZero());
            }
            assertTrue(iface.ipv6Neighbors(0).stream().anyMatch(n -> n.address().equals(KERNEL)), iface.ipv6Neighbors(0).toString());
            assertEquals(3, iface.stats().get(InterfaceCounter.ICMPV6_ECHO_REPLIES_IN));
        }
    }
}

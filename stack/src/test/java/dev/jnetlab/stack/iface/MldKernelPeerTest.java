package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.netns.PeerResult;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.stack.phy.TapInterface;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * MLDv2 as the kernel's side of tap0 sees it: tcpdump in the namespace decodes the report the
 * stack sends when fd00::1 is added (RFC 3810 section 6.1) as a v2 report joining the
 * address's solicited-node group, behind a hop-by-hop header with a router alert.
 */
class MldKernelPeerTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final SocketSet sockets = new SocketSet(3);
    private final Interface iface = new Interface(InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:01"),
            Ipv4Cidr.parse(NetworkNamespace.STACK_ADDRESS + "/24")));

    @Test
    @RealPeer(tools = {"tcpdump"})
    void tcpdumpOnTheKernelsSideSeesAReportForTheSolicitedNodeGroupWhenAnAddressIsAdded(NetworkNamespace ns) {
        try (TapInterface tap = ns.inside(() -> TapInterface.open(NetworkNamespace.TAP));
                PeerProcess tcpdump = ns.spawn("tcpdump", "-nn", "-v", "-l", "-c", "1", "-i", NetworkNamespace.TAP,
                        "ether src 02:00:00:00:00:01 and ip6 dst ff02::16")) {
            RealTimeDriver driver = new RealTimeDriver(tap, iface, sockets);
            assertTrue(driver.runUntil(() -> tcpdump.stderr().contains("listening on"), PATIENCE),
                    "tcpdump did not start: " + tcpdump.stderr());
            iface.addAddress(Ipv6Address.parse("fd00::1"), 64);
            assertTrue(driver.runUntil(() -> !tcpdump.isAlive(), PATIENCE), "no report seen: " + tcpdump.stdout());
            PeerResult result = tcpdump.await(Duration.ofSeconds(5)).assertSuccess();
            String line = result.stdout();
            assertTrue(line.contains(":: > ff02::16: HBH"), "from :: while tentative (RFC 3590): " + line);
            assertTrue(line.contains("rtalert"), line);
            assertTrue(line.contains("multicast listener report v2, 1 group record(s) [gaddr ff02::1:ff00:1 to_ex, 0 source(s)]"), line);
            assertTrue(line.contains("hlim 1"), line);
        }
    }
}

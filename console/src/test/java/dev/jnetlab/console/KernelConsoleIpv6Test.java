package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerResult;
import dev.jnetlab.netns.RealPeer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The console's IPv6 against the Linux kernel over tap0 in a namespace of the test's own, the
 * kernel's tap0 with fd00::100/64 (the namespace starts with IPv6 off; the test turns it on):
 * {@code ip add fd00::1/64}, {@code ping fd00::100} and {@code ndp} typed at the console while
 * the kernel pings fd00::1.
 */
class KernelConsoleIpv6Test extends ConsoleInNamespace {
    @Test
    @RealPeer(tools = "ping")
    void theConsoleAndTheKernelPingEachOtherOverIpv6(NetworkNamespace ns) throws Exception {
        ns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0").assertSuccess();
        ns.exec("sysctl", "-qw", "net.ipv6.conf." + NetworkNamespace.TAP + ".disable_ipv6=0").assertSuccess();
        ns.exec("ip", "-6", "addr", "add", "fd00::100/64", "dev", NetworkNamespace.TAP, "nodad").assertSuccess();

        CompletableFuture<Integer> exit = jnetlab(ns, NetworkNamespace.TAP, "-c",
                "ip add fd00::1/64; ping -c 3 -i 0.2 fd00::100; sleep 4; ndp");
        eventually("the console's first reply", () -> out().contains("icmp_seq=1 ttl=64"));
        PeerResult kernel = ns.exec("ping", "-6", "-c", "3", "-i", "0.2", "-W", "2", "fd00::1");
        // While the console sleeps and tap0 is still up (a link going down flushes the kernel's table).
        PeerResult neigh = ns.exec("ip", "-6", "neigh", "show", "dev", NetworkNamespace.TAP).assertSuccess();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));

        assertTrue(out().contains("3 packets transmitted, 3 received, 0% packet loss"), out());
        assertTrue(out().contains("fd00::100"), out());
        kernel.assertSuccess();
        assertTrue(kernel.stdout().contains("3 packets transmitted, 3 received, 0% packet loss"), kernel.stdout());
        assertTrue(neigh.stdout().contains("fd00::1 lladdr 02:00:00:00:00:01"), neigh.stdout());
    }
}

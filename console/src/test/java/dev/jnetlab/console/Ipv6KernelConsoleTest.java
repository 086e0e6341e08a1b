package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.netns.PeerResult;
import dev.jnetlab.netns.RealPeer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code jnetlab tap0} over IPv6 against the Linux kernel, in a network namespace of the test's
 * own: the kernel's tap0 has fd00::100/64, the console adds fd00::1/64 ({@code ip add}). The
 * kernel reaches the console's services over IPv6 (curl -6 to {@code serve http}, socat's TCP6
 * and UDP6 to the server example), and the console connects to a socat TCP6 listener with
 * {@code tcp connect [fd00::100]:5000}.
 */
class Ipv6KernelConsoleTest extends ConsoleInNamespace {
    private static final String STACK = "fd00::1";

    /** The namespace's IPv6 is off (NetworkNamespace turns it off); on here, with fd00::100/64 on tap0. */
    private static void kernelIpv6(NetworkNamespace ns) {
        ns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0").assertSuccess();
        ns.exec("sysctl", "-qw", "net.ipv6.conf." + NetworkNamespace.TAP + ".disable_ipv6=0").assertSuccess();
        ns.exec("ip", "-6", "addr", "add", "fd00::100/64", "dev", NetworkNamespace.TAP, "nodad").assertSuccess();
    }

    @Test
    @RealPeer(tools = {"socat", "curl", "sh", "ip", "sysctl"})
    void theKernelReachesTheHttpServiceAndTheServerExampleOverIpv6(NetworkNamespace ns) throws Exception {
        CompletableFuture<Integer> exit = jnetlab(ns, NetworkNamespace.TAP, "--serve", "-c",
                "ip add " + STACK + "/64; sleep 2; serve http; sleep 10; serve");
        // tap0 exists once the console has opened it; the kernel's address goes on it then.
        eventually("the address", () -> out().contains("fd00::1/64"));
        kernelIpv6(ns);
        eventually("the http service", () -> out().contains("http running on TCP 80"));

        PeerResult curl = ns.exec("curl", "-6", "-sS", "-m", "10", "http://[" + STACK + "]/");
        curl.assertSuccess();
        assertTrue(curl.stdout().contains("<h1>Hello from jnetlab</h1>"), curl.stdout());
        assertTrue(curl.stdout().contains("from [fd00::100]:"), "the page names the client over IPv6: " + curl.stdout());

        PeerResult udp = ns.exec("sh", "-c", "printf 'any datagram' | socat -t 3 - UDP6:[" + STACK + "]:6969");
        udp.assertSuccess();
        assertEquals("yo dawg", udp.stdout());

        PeerResult tcp = ns.exec("sh", "-c", "printf 'hello world\\n' | socat -t 3 - TCP6:[" + STACK + "]:6969");
        tcp.assertSuccess();
        assertEquals("dlrow olleh\n", tcp.stdout());

        assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @RealPeer(tools = {"socat", "ip", "sysctl"})
    void tcpConnectInBracketsReachesASocatTcp6Listener(NetworkNamespace ns) throws Exception {
        ns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0").assertSuccess();
        try (PeerProcess socat = ns.spawn("socat", "-u", "TCP6-LISTEN:5000,reuseaddr", "STDOUT")) {
            ns.awaitTcpListener(5000);
            CompletableFuture<Integer> exit = jnetlab(ns, NetworkNamespace.TAP, "-c",
                    "ip add " + STACK + "/64; sleep 3; tcp connect [fd00::100]:5000; tcp send 1 'over six\\n'; tcp show; sleep 0.5");
            eventually("the address", () -> out().contains("fd00::1/64"));
            kernelIpv6(ns);
            assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8) + out());
            PeerResult result = socat.await(Duration.ofSeconds(10));
            assertEquals(0, result.exitCode(), result.toString());
            assertEquals("over six\n", result.stdout());
        }
        assertTrue(out().contains("tcp#1 connected [fd00::1]:"), out());
        assertTrue(out().contains("[fd00::100]:5000"), out());
    }
}

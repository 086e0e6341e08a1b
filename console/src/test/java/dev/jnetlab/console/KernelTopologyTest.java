package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerResult;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.stack.iface.PlainReaderUpload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel as one node of a topology: tap0 (the kernel's side 192.168.69.100/24, in a namespace
 * of the test's own) is cabled to r1's eth0, r1 routes to 10.0.2.0/24 where h2 runs http. The
 * kernel, given a route through r1, pings and traceroutes h2 through the virtual router and
 * fetches h2's page with curl; afterwards the tap is as a plain reader expects it.
 */
class KernelTopologyTest extends ConsoleInNamespace {
    static final String TOPOLOGY = """
            name: kernel-routed
            start: h2
            nodes:
              - {name: kernel, kind: tap, device: tap0}
              - {name: r1, kind: router, interfaces: {eth0: 192.168.69.1/24, eth1: 10.0.2.1/24}}
              - {name: h2, kind: host, address: 10.0.2.10/24, gateway: 10.0.2.1, services: [http]}
            links:
              - {a: kernel, b: r1.eth0}
              - {a: r1.eth1, b: h2, delay: 1ms}
            """;

    /** The same with IPv6: r1 advertises fd00:69::/64 to the kernel, h2 is fd00:2::10. */
    static final String TOPOLOGY6 = TOPOLOGY.replace("eth1: 10.0.2.1/24}}", """
            eth1: 10.0.2.1/24},
                 interfaces6: {eth0: "fd00:69::1/64", eth1: "fd00:2::1/64"}, advertise6: [eth0]}""")
            .replace("services: [http]}", "services: [http], address6: \"fd00:2::10/64\", gateway6: \"fd00:2::1\"}");

    @TempDir
    Path dir;

    private CompletableFuture<Integer> topology(NetworkNamespace ns, String commands) throws Exception {
        return topology(ns, TOPOLOGY, commands);
    }

    private CompletableFuture<Integer> topology(NetworkNamespace ns, String text, String commands) throws Exception {
        Path file = dir.resolve("kernel-routed.yaml");
        Files.writeString(file, text);
        CompletableFuture<Integer> exit = jnetlab(ns, "--topology", file.toString(), "-c", commands);
        eventually("the topology", () -> out().contains("(kernel) tap  the kernel through tap0"));
        ns.exec("ip", "route", "add", "10.0.2.0/24", "via", "192.168.69.1", "dev", NetworkNamespace.TAP).assertSuccess();
        return exit;
    }

    @Test
    @RealPeer(tools = {"ping", "traceroute", "curl"})
    void theKernelPingsTraceroutesAndFetchesFromAVirtualHostThroughAVirtualRouter(NetworkNamespace ns) throws Exception {
        CompletableFuture<Integer> exit = topology(ns, "topo; sleep 12; stats");

        PeerResult ping = ns.exec("ping", "-c", "3", "-i", "0.2", "-W", "2", "10.0.2.10");
        PeerResult udp = ns.exec("traceroute", "-n", "-q", "1", "-w", "2", "10.0.2.10");
        PeerResult icmp = ns.exec("traceroute", "-I", "-n", "-q", "1", "-w", "2", "10.0.2.10");
        PeerResult curl = ns.exec("curl", "-sS", "-m", "10", "http://10.0.2.10/");
        assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));

        ping.assertSuccess();
        assertTrue(ping.stdout().contains("3 packets transmitted, 3 received, 0% packet loss"), ping.stdout());
        assertTrue(ping.stdout().contains("ttl=63"), "r1 took one from the TTL: " + ping.stdout());
        for (PeerResult trace : new PeerResult[] {udp, icmp}) {
            trace.assertSuccess();
            assertTrue(trace.stdout().contains("\n 1  192.168.69.1 "), "r1's time exceeded is hop 1: " + trace.stdout());
            assertTrue(trace.stdout().contains("\n 2  10.0.2.10 "), "h2 answers at hop 2: " + trace.stdout());
        }
        curl.assertSuccess();
        assertTrue(curl.stdout().contains("<h1>Hello from jnetlab</h1>"), curl.stdout());
    }

    /**
     * r1's Router Advertisement (RFC 4861 section 6.2) gives the kernel an address in fd00:69::/64
     * and r1 as its default router, as radvd's would; then the kernel's traceroute -6, with UDP
     * and ICMPv6 probes, finds r1 at hop 1 (Time Exceeded) and h2 at hop 2.
     */
    @Test
    @RealPeer(tools = {"traceroute", "sysctl"})
    void theKernelTakesR1sAdvertisementAndTraceroutesH2OverIpv6(NetworkNamespace ns) throws Exception {
        CompletableFuture<Integer> exit = topology(ns, TOPOLOGY6, "topo; sleep 20; stats");
        ns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0").assertSuccess();
        ns.exec("sysctl", "-qw", "net.ipv6.conf." + NetworkNamespace.TAP + ".disable_ipv6=0").assertSuccess();
        eventually("the kernel's default route from r1's advertisement", () -> {
            PeerResult routes = ns.exec("ip", "-6", "route", "show", "dev", NetworkNamespace.TAP);
            PeerResult addresses = ns.exec("ip", "-6", "addr", "show", "dev", NetworkNamespace.TAP);
            return routes.stdout().contains("default via fe80::") && routes.stdout().contains("proto ra")
                    && addresses.stdout().contains("inet6 fd00:69::") && !addresses.stdout().contains("tentative");
        });

        PeerResult udp = ns.exec("traceroute", "-6", "-n", "-q", "1", "-w", "2", "fd00:2::10");
        PeerResult icmp = ns.exec("traceroute", "-6", "-I", "-n", "-q", "1", "-w", "2", "fd00:2::10");
        assertEquals(0, exit.get(40, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));

        for (PeerResult trace : new PeerResult[] {udp, icmp}) {
            trace.assertSuccess();
            assertTrue(trace.stdout().contains("\n 1  fd00:69::1 "), "r1's Time Exceeded is hop 1: " + trace.stdout());
            assertTrue(trace.stdout().contains("\n 2  fd00:2::10 "), "h2 answers at hop 2: " + trace.stdout());
        }
    }

    @Test
    @RealPeer(tools = {"socat", "sh", "head"})
    void whenTheTopologyEndsTheTapGivesAPlainReaderWireFrames(NetworkNamespace ns) throws Exception {
        assertEquals(0, topology(ns, "topo").get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));

        PlainReaderUpload.Result upload = PlainReaderUpload.run(ns, 1 << 20, Duration.ofSeconds(20));
        assertTrue(upload.longestFrame() <= PlainReaderUpload.WIRE_FRAME, "a frame of " + upload.longestFrame() + " octets");
        assertEquals(1 << 20, upload.received(), "the upload stalled: offloads were left on");
    }
}

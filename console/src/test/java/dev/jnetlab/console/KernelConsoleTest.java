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
 * {@code jnetlab tap0} against the Linux kernel, in a network namespace of the test's own: the
 * kernel's side of tap0 is 192.168.69.100, the console's stack 192.168.69.1. {@code Main.run}
 * runs in this process on a thread that has entered the namespace, as the launcher would run
 * there.
 */
class KernelConsoleTest extends ConsoleInNamespace {
    @Test
    @RealPeer(tools = "ping")
    void theConsolePingsTheKernelAndTheKernelsPingIsAnsweredMeanwhile(NetworkNamespace ns) throws Exception {
        CompletableFuture<Integer> exit = jnetlab(ns, NetworkNamespace.TAP, "-c",
                "ping -c 3 -i 0.2 192.168.69.100; sleep 3; iface");
        eventually("the console's first reply", () -> out().contains("icmp_seq=1 ttl=64"));
        PeerResult kernel = ns.exec("ping", "-c", "3", "-i", "0.2", "-W", "2", NetworkNamespace.STACK_ADDRESS);
        assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));

        assertTrue(out().contains("3 packets transmitted, 3 received, 0% packet loss"), out());
        assertTrue(out().contains("tap0: tap tap0"), out());
        kernel.assertSuccess();
        assertTrue(kernel.stdout().contains("3 packets transmitted, 3 received, 0% packet loss"), kernel.stdout());
    }

    @Test
    @RealPeer
    void ifaceShowsTheOffloadsTheKernelGrantedAndNoOffloadTurnsThemOff(NetworkNamespace ns) throws Exception {
        assertEquals(0, jnetlab(ns, NetworkNamespace.TAP, "-c", "iface").get(30, TimeUnit.SECONDS));
        assertTrue(out().contains("    offload: csum tso4 gso-rx\n"), out());
        assertTrue(out().contains("tap0: tap tap0"), out());
        // The build compiles the JNI shim into the stack's classes (with gcc, which .ci/run installs).
        assertTrue(out().contains("    native calls: JNI shim\n"), out());
        out.reset();

        assertEquals(0, jnetlab(ns, NetworkNamespace.TAP, "--no-offload", "--drop-chance", "1", "-c", "iface")
                .get(30, TimeUnit.SECONDS));
        assertTrue(out().contains("    offload: none (not asked for)\n"), out());
        out.reset();

        assertEquals(0, jnetlab(ns, NetworkNamespace.TAP, "--drop-chance", "1", "-c", "iface").get(30, TimeUnit.SECONDS));
        assertTrue(out().contains("    offload: csum tso4 gso-rx (transmit offloads unused while faults are on)\n"), out());
    }

    @Test
    @RealPeer(tools = "ping")
    void onARawSocketTheConsoleAndTheKernelPingEachOtherAcrossAVeth(NetworkNamespace ns) throws Exception {
        // The stack sits on one end of a veth (no address of the kernel's there), the kernel
        // on the other with 10.70.0.100: a wire only this namespace has.
        ns.exec("ip", "link", "add", "rawnear", "type", "veth", "peer", "name", "rawfar").assertSuccess();
        ns.exec("ip", "link", "set", "rawnear", "up").assertSuccess();
        ns.exec("ip", "addr", "add", "10.70.0.100/24", "dev", "rawfar").assertSuccess();
        ns.exec("ip", "link", "set", "rawfar", "up").assertSuccess();

        CompletableFuture<Integer> exit = jnetlab(ns, "--raw", "rawnear", "--ip", "10.70.0.1/24", "--gateway", "10.70.0.100",
                "-c", "ping -c 3 -i 0.2 10.70.0.100; sleep 3; iface");
        eventually("the console's first reply", () -> out().contains("icmp_seq=1 ttl=64"));
        PeerResult kernel = ns.exec("ping", "-c", "3", "-i", "0.2", "-W", "2", "10.70.0.1");
        assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));

        assertTrue(out().contains("3 packets transmitted, 3 received, 0% packet loss"), out());
        assertTrue(out().contains("rawnear: raw socket on rawnear"), out());
        kernel.assertSuccess();
        assertTrue(kernel.stdout().contains("3 packets transmitted, 3 received, 0% packet loss"), kernel.stdout());
    }

    @Test
    @RealPeer(tools = {"socat", "sh", "head"})
    void ifaceCountsTheSuperFramesEachWay(NetworkNamespace ns) throws Exception {
        CompletableFuture<Integer> exit = jnetlab(ns, NetworkNamespace.TAP, "-c",
                "serve chargen; serve discard; sleep 6; iface");
        eventually("the services", () -> out().contains("discard running on TCP and UDP 9"));

        ns.exec("sh", "-c", "socat -u TCP:" + NetworkNamespace.STACK_ADDRESS + ":19 - | head -c 2000000 >/dev/null")
                .assertSuccess();
        ns.exec("sh", "-c", "head -c 2000000 /dev/zero | socat -u - TCP:" + NetworkNamespace.STACK_ADDRESS + ":9")
                .assertSuccess();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));

        java.util.regex.Matcher tso = java.util.regex.Pattern.compile("TX: .* \\((\\d+) TSO frames\\)").matcher(out());
        java.util.regex.Matcher gso = java.util.regex.Pattern.compile("RX: .* \\((\\d+) GSO super-frames\\)").matcher(out());
        assertTrue(tso.find() && gso.find(), out());
        assertTrue(Long.parseLong(tso.group(1)) > 0, "chargen's data left in frames the kernel cut: " + out());
        assertTrue(Long.parseLong(gso.group(1)) > 0, "the kernel's data came in super-frames: " + out());
    }

    @Test
    @RealPeer
    void aTapThatIsNotThereExitsThreeWithTheCommandsThatMakeIt(NetworkNamespace ns) throws Exception {
        assertEquals(3, jnetlab(ns, "tap7", "-c", "iface").get(30, TimeUnit.SECONDS));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("jnetlab: cannot open tap7: "), message);
        assertTrue(message.contains("sudo ip tuntap add name tap7 mode tap"), message);
    }

    @Test
    @RealPeer(tools = {"socat", "curl", "sh"})
    void theKernelReachesTheServerExampleAndTheHttpService(NetworkNamespace ns) throws Exception {
        CompletableFuture<Integer> exit = jnetlab(ns, NetworkNamespace.TAP, "--serve", "-c", "serve http; sleep 10; serve");
        eventually("the http service", () -> out().contains("http running on TCP 80"));

        PeerResult udp = ns.exec("sh", "-c", "printf 'any datagram' | socat -t 3 - UDP:" + NetworkNamespace.STACK_ADDRESS + ":6969");
        udp.assertSuccess();
        assertEquals("yo dawg", udp.stdout());

        PeerResult tcp = ns.exec("sh", "-c", "printf 'hello world\\n' | socat -t 3 - TCP:" + NetworkNamespace.STACK_ADDRESS + ":6969");
        tcp.assertSuccess();
        assertEquals("dlrow olleh\n", tcp.stdout());

        PeerResult curl = ns.exec("curl", "-sS", "-m", "10", "http://" + NetworkNamespace.STACK_ADDRESS + "/");
        curl.assertSuccess();
        assertTrue(curl.stdout().contains("<h1>Hello from jnetlab</h1>"), curl.stdout());
        assertTrue(curl.stdout().contains("GET / HTTP/1.1"), curl.stdout());

        assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @RealPeer(tools = "socat")
    void quitClosesAConnectionToTheKernelWithAFin(NetworkNamespace ns) throws Exception {
        try (dev.jnetlab.netns.PeerProcess socat = ns.spawn("socat", "-u", "TCP-LISTEN:5000,reuseaddr", "STDOUT")) {
            CompletableFuture<Integer> exit = jnetlab(ns, NetworkNamespace.TAP, "-c",
                    "sleep 1; tcp connect 192.168.69.100:5000; tcp send 1 'closed gracefully\\n'; sleep 0.5");
            assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8) + out());
            PeerResult result = socat.await(java.time.Duration.ofSeconds(10));
            assertEquals(0, result.exitCode(), result.toString());
            assertEquals("closed gracefully\n", result.stdout());
        }
    }

    @Test
    @RealPeer(tools = {"socat", "sh"})
    void aConnectionFromTheKernelIsAcceptedAndAnnounced(NetworkNamespace ns) throws Exception {
        CompletableFuture<Integer> exit = jnetlab(ns, NetworkNamespace.TAP, "-c",
                "tcp listen 7000; sleep 4; tcp recv 2 --wait 2");
        eventually("the listener", () -> out().contains("tcp#1 listening on 0.0.0.0:7000"));
        PeerResult socat = ns.exec("sh", "-c", "printf 'from the kernel' | socat -t 1 - TCP:" + NetworkNamespace.STACK_ADDRESS + ":7000");
        socat.assertSuccess();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8) + out());
        assertTrue(out().contains("tcp#2 accepted from 192.168.69.100:"), out());
        assertTrue(out().contains("tcp#2: 15 octets: from the kernel"), out());
    }
}

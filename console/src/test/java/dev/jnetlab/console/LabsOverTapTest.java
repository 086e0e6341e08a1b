package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.labs.Lab;
import dev.jnetlab.labs.format.LabCatalog;
import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newest labs' tap sections, done as they say: the kernel of the test's namespace is the
 * peer on tap0, set up with the host commands the lab gives (dnsmasq, radvd, the peer's MAC
 * and IPv6 address; files in the test's own directory rather than /tmp), and
 * {@code jnetlab tap0} types the lab's reference solution step by step. Each lab is complete
 * against the kernel. The routing, arp-router and clock-handshake labs run on the routed
 * topology only, which they say on a tap ({@code LabCommandTest}).
 */
class LabsOverTapTest extends ConsoleInNamespace {
    /** The lab's reference solution as one script: every step's commands, 'lab next' between steps, 'lab status' at the end. */
    private static String solution(String id, int pauseBeforeStep, String pause) throws Exception {
        Lab lab = LabCatalog.builtIn().find(id);
        List<String> lines = new ArrayList<>(List.of("lab start " + id));
        for (int number = 1; number <= lab.steps().size(); number++) {
            if (number == pauseBeforeStep) {
                lines.add(pause);
            }
            lines.addAll(lab.step(number).solution());
            lines.add(number < lab.steps().size() ? "lab next" : "lab status");
        }
        return String.join("; ", lines);
    }

    private void complete(String id, CompletableFuture<Integer> exit, PeerProcess... peers) throws Exception {
        int code = exit.get(180, TimeUnit.SECONDS);
        StringBuilder logs = new StringBuilder();
        for (PeerProcess peer : peers) {
            logs.append(peer.stderr());
        }
        assertEquals(0, code, () -> err + "\n" + out() + "\n" + logs);
        assertTrue(out().contains("Lab " + id + " is complete"), () -> out() + "\n" + logs);
    }

    /** The peer's MAC and IPv6 address, as the IPv6 labs' first host commands set them. */
    private static void peerAsTheLabSaysIt(NetworkNamespace ns) {
        ns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0").assertSuccess();
        ns.exec("sysctl", "-qw", "net.ipv6.conf." + NetworkNamespace.TAP + ".disable_ipv6=0").assertSuccess();
        ns.exec("ip", "link", "set", NetworkNamespace.TAP, "address", "02:00:00:00:00:02").assertSuccess();
        ns.exec("ip", "-6", "addr", "add", "fd00::100/64", "dev", NetworkNamespace.TAP, "nodad").assertSuccess();
    }

    @Test
    @dev.jnetlab.netns.RealPeer(tools = "dnsmasq")
    void dnsAgainstDnsmasq(NetworkNamespace ns, @TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.hosts");
        StringBuilder hosts = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            hosts.append("10.0.0.").append(i).append(" big.lab\n");
        }
        Files.writeString(big, hosts);
        PeerProcess dnsmasq = ns.spawn("dnsmasq", "--no-daemon", "--no-resolv", "--no-hosts", "--interface=" + NetworkNamespace.TAP,
                "--bind-interfaces", "--local-ttl=300", "--host-record=peer.lab,192.168.69.100", "--cname=www.lab,peer.lab",
                "--addn-hosts=" + big, "--dhcp-range=192.168.69.50,192.168.69.99,1h", "--dhcp-leasefile=" + dir.resolve("leases"),
                "--pid-file=" + dir.resolve("pid"), "--user=root");
        ns.awaitUdpListener(53);
        complete("dns", jnetlab(ns, NetworkNamespace.TAP, "--dhcp", "-c", solution("dns", 0, "")), dnsmasq);
    }

    @Test
    @dev.jnetlab.netns.RealPeer(tools = {"dnsmasq", "ip"})
    void dhcpAgainstDnsmasqWithTheConflictMadeOnTheHost(NetworkNamespace ns, @TempDir Path dir) throws Exception {
        PeerProcess dnsmasq = ns.spawn("dnsmasq", "--no-daemon", "--port=0", "--interface=" + NetworkNamespace.TAP,
                "--bind-interfaces", "--dhcp-range=192.168.69.50,192.168.69.99,1h", "--dhcp-sequential-ip",
                "--dhcp-leasefile=" + dir.resolve("leases"),
                "--no-ping", "--pid-file=" + dir.resolve("pid"), "--user=root");
        ns.awaitUdpListener(67);
        CompletableFuture<Integer> exit = jnetlab(ns, NetworkNamespace.TAP, "-c",
                solution("dhcp", 3, "sleep 2"));
        // Step 3's host command, once step 2 is done: the host takes the address the lab holds.
        eventually("step 3", () -> out().contains("Step 3 of 3"));
        ns.exec("ip", "addr", "add", "192.168.69.50/24", "dev", NetworkNamespace.TAP).assertSuccess();
        complete("dhcp", exit, dnsmasq);
    }

    @Test
    @dev.jnetlab.netns.RealPeer(tools = {"ip", "sysctl"})
    void neighborDiscoveryAgainstTheKernel(NetworkNamespace ns) throws Exception {
        peerAsTheLabSaysIt(ns);
        // Its steps wait for REACHABLE to run out twice: about 80 s of the kernel's time.
        complete("neighbor-discovery", jnetlab(ns, java.time.Duration.ofSeconds(150), NetworkNamespace.TAP, "-c",
                solution("neighbor-discovery", 0, "")));
    }

    @Test
    @dev.jnetlab.netns.RealPeer(tools = {"ip", "radvd", "sysctl"})
    void slaacAgainstRadvd(NetworkNamespace ns, @TempDir Path dir) throws Exception {
        peerAsTheLabSaysIt(ns);
        ns.exec("sysctl", "-w", "net.ipv6.conf." + NetworkNamespace.TAP + ".forwarding=1").assertSuccess();
        Path conf = dir.resolve("radvd.conf");
        Files.writeString(conf, "interface " + NetworkNamespace.TAP + " { AdvSendAdvert on; prefix fd00::/64 { }; };\n");
        Path pid = dir.resolve("radvd.pid");
        PeerProcess radvd = ns.spawn("radvd", "-n", "-C", conf.toString(), "-p", pid.toString());
        // As the student does: radvd runs before the ping turns IPv6 on, so that it hears the router solicitation.
        eventually("radvd to run", () -> Files.exists(pid));
        // radvd answers a solicitation up to 3 s after its own start-up advertisement (RFC 4861
        // §6.2.6, MIN_DELAY_BETWEEN_RAS), so the first ping may find no route yet; the student
        // then waits for the advertisement, as the host's later solicitations bring it, and pings
        // again: the step asks for an answer from fd00::100.
        String lines = solution("slaac", 0, "").replaceFirst("; lab next", "; sleep 6; ping -c 1 fd00::100; lab next");
        complete("slaac", jnetlab(ns, NetworkNamespace.TAP, "-c", lines), radvd);
    }
}

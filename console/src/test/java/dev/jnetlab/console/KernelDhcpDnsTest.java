package dev.jnetlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.PeerProcess;
import dev.jnetlab.netns.PeerResult;
import dev.jnetlab.netns.RealPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DHCP and DNS against real peers, in a namespace of the test's own (the kernel's side of tap0
 * is 192.168.69.100): dnsmasq serving this host ({@code jnetlab tap0 --dhcp}, {@code resolve}),
 * and the kernel's clients of this host's servers (busybox udhcpc of {@code serve dhcp}, dig of
 * {@code serve dns} over UDP and TCP).
 */
class KernelDhcpDnsTest extends ConsoleInNamespace {
    @Test
    @RealPeer(tools = "dnsmasq")
    void dnsmasqGivesThisHostALeaseAndAnswersItsQueries(NetworkNamespace ns, @TempDir Path dir) throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "192.168.69.100 peer.lab\n");
        Path conf = dir.resolve("dnsmasq.conf");
        Files.writeString(conf, String.join("\n", "no-resolv", "no-hosts", "addn-hosts=" + hosts, "domain=lab",
                "local=/lab/", "cname=www.lab,peer.lab", "dhcp-range=192.168.69.50,192.168.69.99,120",
                "dhcp-option=option:router,192.168.69.100", "interface=" + NetworkNamespace.TAP, "bind-interfaces",
                "no-ping", "dhcp-leasefile=" + dir.resolve("leases"), "pid-file=" + dir.resolve("pid"), "user=root", ""));
        PeerProcess dnsmasq = ns.spawn("dnsmasq", "-k", "-C", conf.toString());
        CompletableFuture<Integer> exit = jnetlab(ns, NetworkNamespace.TAP, "--dhcp", "-c",
                "iface; resolve peer.lab; resolve www.lab; resolve nothere.lab; ping -c 1 peer.lab; dhcp release");
        assertEquals(0, exit.get(60, TimeUnit.SECONDS), () -> err + "\n" + out() + "\n" + dnsmasq.stderr());

        Matcher bound = Pattern.compile("dhcp: BOUND (192\\.168\\.69\\.\\d+)/24 from 192\\.168\\.69\\.100").matcher(out());
        assertTrue(bound.find(), out());
        String address = bound.group(1);
        assertTrue(out().contains("    inet " + address + "/24\n    default via 192.168.69.100"), out());
        assertTrue(out().contains("peer.lab.\t\t0\tIN\tA\t192.168.69.100\n\n;; SERVER: 192.168.69.100#53(UDP)"), out());
        assertTrue(out().contains("www.lab.\t\t0\tIN\tCNAME\tpeer.lab.\npeer.lab.\t\t0\tIN\tA\t192.168.69.100"), out());
        assertTrue(out().contains(";; ->>HEADER<<- status: NXDOMAIN"), out());
        assertTrue(out().contains("1 packets transmitted, 1 received"), out());
        assertTrue(out().contains("dhcp: released " + address + "/24 to 192.168.69.100"), out());
        eventually("dnsmasq to forget the lease", () -> {
            try {
                return !Files.readString(dir.resolve("leases")).contains(address);
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @Test
    @RealPeer(tools = {"udhcpc", "dig"})
    void udhcpcTakesALeaseFromServeDhcpAndDigAsksServeDnsOverUdpAndTcp(NetworkNamespace ns) throws Exception {
        CompletableFuture<Integer> exit = jnetlab(ns, NetworkNamespace.TAP, "-c",
                "serve dhcp 192.168.69.150-192.168.69.160 --lease 120 --router 192.168.69.1 --dns 192.168.69.1; "
                        + "serve dns; sleep 8; serve show dhcp");
        eventually("the servers", () -> out().contains("dns running on TCP and UDP 53"));

        PeerResult udhcpc = ns.exec("udhcpc", "-i", NetworkNamespace.TAP, "-n", "-q", "-f", "-s", "/bin/true", "-t", "5", "-T", "1");
        PeerResult udp = ns.exec("dig", "+tries=1", "+time=2", "@" + NetworkNamespace.STACK_ADDRESS, "host.lab");
        PeerResult tcp = ns.exec("dig", "+tcp", "+tries=1", "+time=2", "@" + NetworkNamespace.STACK_ADDRESS, "www.lab");
        PeerResult truncated = ns.exec("dig", "+noedns", "+tries=1", "+time=2", "@" + NetworkNamespace.STACK_ADDRESS, "big.lab");
        PeerResult edns = ns.exec("dig", "+tries=1", "+time=2", "@" + NetworkNamespace.STACK_ADDRESS, "big.lab");
        PeerResult small = ns.exec("dig", "+bufsize=512", "+tries=1", "+time=2", "@" + NetworkNamespace.STACK_ADDRESS, "big.lab");
        PeerResult reverse = ns.exec("dig", "+tries=1", "+time=2", "@" + NetworkNamespace.STACK_ADDRESS, "-x",
                NetworkNamespace.STACK_ADDRESS);
        assertEquals(0, exit.get(60, TimeUnit.SECONDS), () -> err + "\n" + out());

        udhcpc.assertSuccess();
        assertTrue((udhcpc.stdout() + udhcpc.stderr()).contains("lease of 192.168.69.150 obtained from 192.168.69.1"),
                udhcpc.stdout() + udhcpc.stderr());
        assertTrue(out().contains("    192.168.69.150  "), out());
        assertTrue(out().contains("  bound, "), out());

        udp.assertSuccess();
        assertTrue(udp.stdout().contains("status: NOERROR") && udp.stdout().contains("flags: qr aa rd;"), udp.stdout());
        assertTrue(udp.stdout().contains("host.lab.\t\t300\tIN\tA\t192.168.69.1"), udp.stdout());
        assertTrue(udp.stdout().contains("(UDP)"), udp.stdout());
        tcp.assertSuccess();
        assertTrue(tcp.stdout().contains("www.lab.\t\t300\tIN\tCNAME\thost.lab."), tcp.stdout());
        assertTrue(tcp.stdout().contains("(TCP)"), tcp.stdout());
        truncated.assertSuccess();
        assertTrue(truncated.stdout().contains(";; Truncated, retrying in TCP mode."), truncated.stdout());
        assertTrue(truncated.stdout().contains("ANSWER: 40,"), truncated.stdout());
        edns.assertSuccess();
        assertTrue(edns.stdout().contains("; EDNS: version: 0, flags:; udp: 1232"), edns.stdout());
        assertTrue(edns.stdout().contains("ANSWER: 40,") && edns.stdout().contains("(UDP)"),
                "with EDNS the 665 octets fit one datagram: " + edns.stdout());
        small.assertSuccess();
        assertTrue(small.stdout().contains(";; Truncated, retrying in TCP mode."), small.stdout());
        reverse.assertSuccess();
        assertTrue(reverse.stdout().contains("1.69.168.192.in-addr.arpa.") && reverse.stdout().contains("IN\tPTR\thost.lab."), reverse.stdout());
    }

    @Test
    @RealPeer(tools = "dig")
    void digGetsAaaaRecordsAndPtrsOfIpv6AddressesFromAZoneFile(NetworkNamespace ns, @TempDir Path dir) throws Exception {
        Path zone = dir.resolve("zone.yaml");
        Files.writeString(zone, "origin: lab\nnames:\n  six: [10.0.0.6, \"fd00::6\"]\n");
        CompletableFuture<Integer> exit = jnetlab(ns, NetworkNamespace.TAP, "-c", "serve dns --zone " + zone + "; sleep 4");
        eventually("the server", () -> out().contains("dns running on TCP and UDP 53"));
        PeerResult aaaa = ns.exec("dig", "+tries=1", "+time=2", "@" + NetworkNamespace.STACK_ADDRESS, "six.lab", "AAAA");
        PeerResult reverse = ns.exec("dig", "+tries=1", "+time=2", "@" + NetworkNamespace.STACK_ADDRESS, "-x", "fd00::6");
        assertEquals(0, exit.get(60, TimeUnit.SECONDS), () -> err + "\n" + out());
        aaaa.assertSuccess();
        assertTrue(aaaa.stdout().contains("six.lab.\t\t300\tIN\tAAAA\tfd00::6"), aaaa.stdout());
        reverse.assertSuccess();
        assertTrue(reverse.stdout().contains("0.d.f.ip6.arpa. 300 IN PTR six.lab."), reverse.stdout());
    }
}

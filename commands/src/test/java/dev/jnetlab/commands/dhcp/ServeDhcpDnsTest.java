package dev.jnetlab.commands.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.DnsRepr;
import dev.jnetlab.stack.wire.DnsType;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.MessageException;
import dev.jnetlab.host.DhcpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve dhcp, serve dns, serve show dhcp. */
class ServeDhcpDnsTest {
    private final VirtualConsole console = new VirtualConsole();

    @Nested
    class Dhcp {
        @Test
        void showListsThePeersLeaseAfterThisHostTookOne() {
            console.ok("dhcp start");
            assertEquals("dhcp on UDP 67, pool 192.168.69.50-192.168.69.99, lease 3600 s\n"
                    + "    192.168.69.50  02:00:00:00:00:01  bound, 3596 s left", console.ok("serve show dhcp").text());
        }

        @Test
        void aDeclinedAddressIsListedAsSetAside() {
            console.stack((network, now) -> network.peer().orElseThrow().iface()
                    .addAddress(dev.jnetlab.stack.wire.Ipv4Cidr.parse("192.168.69.50/24")));
            console.ok("dhcp start");
            assertTrue(console.ok("serve show dhcp").text().contains("192.168.69.50  -  declined, "));
        }

        @Test
        void startsOnThisHostForAPoolOnItsNetwork() {
            assertEquals("dhcp running on UDP 67, pool 192.168.69.150-192.168.69.160, lease 120 s",
                    console.ok("serve dhcp 192.168.69.150-192.168.69.160 --lease 120 --router 192.168.69.1 --dns 192.168.69.1")
                            .text());
            assertEquals("dhcp on UDP 67, pool 192.168.69.150-192.168.69.160, lease 120 s\n    no leases",
                    console.ok("serve show dhcp").text());
        }

        @Test
        void badRangesAndOptionsGetOneLine() {
            console.failsWith("serve dhcp", "serve dhcp: which addresses? (serve dhcp 192.168.69.150-192.168.69.199)");
            console.failsWith("serve dhcp 10.0.0.1", "FIRST-LAST: 10.0.0.1 is not a range (192.168.69.150-192.168.69.199)");
            console.failsWith("serve dhcp 10.0.0.1-10.0.0.9",
                    "serve dhcp: 10.0.0.1-10.0.0.9 is on none of this host's networks (192.168.69.1/24)");
            console.failsWith("serve dhcp 192.168.69.9-192.168.69.2",
                    "serve dhcp: the pool 192.168.69.9-192.168.69.2 ends before it starts");
            console.failsWith("serve dhcp 192.168.69.2-192.168.69.9 --lease 0",
                    "serve dhcp: a lease is 1 to 4294967294 seconds, not 0");
            console.failsWith("serve dns --lease 5", "--lease, --router and --dns are for serve dhcp");
            console.failsWith("serve show", "serve show: show what? (serve show dhcp lists the DHCP server's leases)");
        }
    }

    @Nested
    class Dns {
        /** Asks this host's DNS server from the peer, over UDP, and returns the answer. */
        private DnsRepr ask(String name) {
            return ask(name, DnsType.A);
        }

        private DnsRepr ask(String name, DnsType type) {
            UdpSocket socket = new UdpSocket();
            byte[] query = DnsRepr.query(99, name, type.value()).emit();
            console.stack((network, now) -> {
                network.peer().orElseThrow().sockets().add(socket);
                try {
                    socket.bind(0);
                    socket.sendTo(Ipv4Address.parse("192.168.69.1").bits(), 53, query, 0, query.length);
                } catch (SocketException e) {
                    throw new AssertionError(e);
                }
                return null;
            });
            console.idle(Micros.ofMillis(10));
            byte[] buffer = new byte[2048];
            int n = console.stack((network, now) -> {
                try {
                    return socket.recv(buffer, 0, buffer.length);
                } catch (SocketException.Recv e) {
                    throw new AssertionError(e);
                }
            });
            try {
                return DnsRepr.parse(buffer, 0, n);
            } catch (MessageException e) {
                throw new AssertionError(e);
            }
        }

        @Test
        void servesTheNetworksNodeNames() {
            assertEquals("dns running on TCP and UDP 53, zone lab. (4 names)", console.ok("serve dns").text());
            DnsRepr answer = ask("host.lab.");
            assertTrue(answer.authoritative());
            assertEquals(List.of(new DnsRepr.Record("host.lab.", 1, 300,
                    new DnsRepr.Address(Ipv4Address.parse("192.168.69.1")))), answer.answers());
        }

        @Test
        void servesAZoneFromYaml(@TempDir Path dir) throws Exception {
            Path zone = dir.resolve("zone.yaml");
            Files.writeString(zone, "origin: example\nttl: 60\nnames:\n  a: 10.1.1.1\n  b: {cname: a}\n");
            console.ok("serve dns --zone " + zone);
            DnsRepr answer = ask("b.example.");
            assertEquals(List.of(new DnsRepr.Record("b.example.", 5, 60, new DnsRepr.Target("a.example.")),
                    new DnsRepr.Record("a.example.", 1, 60, new DnsRepr.Address(Ipv4Address.parse("10.1.1.1")))),
                    answer.answers());
            assertEquals(5, ask("peer.lab.").rcode(), "outside its zone: REFUSED");
        }

        @Test
        void anAddressWithAColonIsAnAaaaRecordAndEveryAddressHasItsPtr(@TempDir Path dir) throws Exception {
            Path zone = dir.resolve("zone.yaml");
            Files.writeString(zone, "origin: example\nnames:\n  six: [10.1.1.6, \"fd00::6\"]\n");
            console.ok("serve dns --zone " + zone);
            assertEquals(List.of("fd00::6"), ask("six.example.", DnsType.AAAA).answers().stream()
                    .map(r -> r.data().toString()).toList());
            assertEquals(List.of("10.1.1.6"), ask("six.example.").answers().stream().map(r -> r.data().toString()).toList());
            assertEquals(List.of(new DnsRepr.Target("six.example.")), ask("6.1.1.10.in-addr.arpa.", DnsType.PTR)
                    .answers().stream().map(DnsRepr.Record::data).toList());
            assertEquals(List.of(new DnsRepr.Target("six.example.")),
                    ask("6.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa.", DnsType.PTR)
                            .answers().stream().map(DnsRepr.Record::data).toList());
        }

        @Test
        void aBadIpv6AddressGetsOneLine(@TempDir Path dir) throws Exception {
            Path zone = dir.resolve("zone.yaml");
            Files.writeString(zone, "names:\n  a: \"fd00::1::2\"\n  b: \"zz::1\"\n");
            console.failsWith("serve dns --zone " + zone,
                    "--zone " + zone + ": a.lab.: not an IPv6 address: 'fd00::1::2' (like fd00::6)");
            Files.writeString(zone, "names:\n  b: \"host.example:1\"\n");
            console.failsWith("serve dns --zone " + zone,
                    "--zone " + zone + ": b.lab.: not an IPv6 address: 'host.example:1' (like fd00::6)");
        }

        @Test
        void aBadZoneFileGetsOneLine(@TempDir Path dir) throws Exception {
            Path zone = dir.resolve("zone.yaml");
            Files.writeString(zone, "names:\n  a: 10.1.1.300\n");
            console.failsWith("serve dns --zone " + zone, "--zone " + zone + ": a.lab.: not an IPv4 address: '10.1.1.300' (four numbers 0-255 separated by dots, like 192.168.69.1)");
            console.failsWith("serve dns --zone " + dir.resolve("none.yaml"), "--zone: there is no file " + dir.resolve("none.yaml"));
        }
    }
}

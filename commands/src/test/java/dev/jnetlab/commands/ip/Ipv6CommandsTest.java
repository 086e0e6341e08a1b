package dev.jnetlab.commands.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.ip.IfaceCommand.Iface;
import dev.jnetlab.commands.ip.NdpCommand.NdpTable;
import dev.jnetlab.commands.ip.PingCommand.Ping;
import dev.jnetlab.commands.ip.RouteCommand.Routes;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.stack.time.Micros;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IPv6 from the console on the virtual network, whose peer has fd00::100/64 and advertises
 * fd00::/64 as a router once IPv6 is on: {@code ip add} keeps the IPv4 address, {@code ping}
 * of an IPv6 address, {@code ndp}, {@code iface} and {@code route} with both families, and
 * SLAAC with nothing typed but the ping.
 */
class Ipv6CommandsTest {
    private final VirtualConsole console = new VirtualConsole();

    @Test
    void ipAddGivesAnIpv6AddressAndTheIpv4OneStays() {
        IpCommand.AddressChange change = console.ok("ip add fd00::1/64", IpCommand.AddressChange.class);
        assertTrue(change.addresses().contains("192.168.69.1/24"), change.addresses().toString());
        assertTrue(change.addresses().contains("fd00::1/64"), change.addresses().toString());
        assertTrue(change.addresses().contains("fe80::ff:fe00:1/64"), change.addresses().toString());
        console.idle(Micros.ofSeconds(2));
        Iface iface = console.ok("iface", Iface.class);
        assertEquals(List.of("192.168.69.1/24"), iface.addresses());
        assertTrue(iface.inet6().contains("fd00::1/64 preferred manual valid forever preferred forever"), iface.inet6().toString());
        assertTrue(iface.text().contains("    inet6 fe80::ff:fe00:1/64 preferred link-local"), iface.text());
    }

    @Test
    void badIpv6AddressesGetOneLine() {
        console.failsWith("ip add fd00::1", "CIDR: 'fd00::1' has no prefix length (like fd00::1/64)");
        console.failsWith("ip add ff02::1/64", "CIDR: ff02::1/64 cannot be an interface address: it is multicast");
        console.failsWith("ip add fd00:::1/64", "CIDR: not an IPv6 address: 'fd00:::1' (hex groups separated by colons, "
                + "like fd00::1 or fe80::ff:fe00:1)");
        console.failsWith("ip add fd00::1/129", "CIDR: an IPv6 prefix length is 1 to 128, not 129");
    }

    @Test
    void pingOfThePeersIpv6AddressWorksBySlaacWithNothingSetUp() {
        Ping ping = console.ok("ping -c 3 fd00::100", Ping.class);
        assertEquals(3, ping.received(), console.output().toString());
        assertEquals("PING fd00::100(fd00::100) 56 data bytes", console.output().get(0));
        assertEquals("64 bytes from fd00::100: icmp_seq=2 ttl=64 time=0.500 ms", console.output().get(2));
        Iface iface = console.ok("iface", Iface.class);
        assertTrue(iface.inet6().stream().anyMatch(a -> a.startsWith("fd00::ff:fe00:1/64 preferred slaac valid ")),
                iface.inet6().toString());
    }

    @Test
    void ndpShowsThePeerAfterAPing() {
        console.ok("ping -c 1 fd00::100");
        NdpTable table = console.ok("ndp", NdpTable.class);
        NdpCommand.NdpEntry peer = table.entries().stream().filter(e -> e.address().equals("fd00::100")).findFirst()
                .orElseThrow(() -> new AssertionError(table.text()));
        assertEquals("02:00:00:00:00:02", peer.mac());
        assertTrue(List.of("REACHABLE", "STALE", "DELAY").contains(peer.state()), peer.state());
        assertTrue(table.entries().stream().anyMatch(e -> e.address().equals("fe80::ff:fe00:2") && e.router()), table.text());
    }

    @Test
    void routeShowsBothFamiliesWithTheAdvertisedDefaultRouter() {
        console.ok("ping -c 1 fd00::100");
        Routes routes = console.ok("route", Routes.class);
        String text = routes.text();
        assertTrue(text.contains("192.168.69.0/24"), text);
        assertTrue(routes.routes().stream().anyMatch(r -> r.destination().equals("fd00::/64")), text);
        assertTrue(routes.routes().stream().anyMatch(r -> r.destination().equals("::/0") && "fe80::ff:fe00:2".equals(r.gateway())
                && r.origin().equals("ra")), text);
    }

    @Test
    void pingOfAnIpv6AddressWithoutRouteSaysSo() {
        Ping ping = console.ok("ping -c 1 -W 1 2001:db8::1", Ping.class);
        assertEquals(0, ping.received());
    }
}

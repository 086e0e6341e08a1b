package dev.jnetlab.commands.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.ip.IfaceCommand.Iface;
import dev.jnetlab.commands.ip.NdpCommand.NdpTable;
import dev.jnetlab.commands.ip.PingCommand.Ping;
import dev.jnetlab.commands.ip.RouteCommand.Routes;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.Network;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.iface.InterfaceStats;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.EtherType;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
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
    void pingOfFourThousandOctetsGoesInFragmentsAndTheReplyIsReassembled() {
        Ping ping = console.ok("ping -c 2 -s 4000 fd00::100", Ping.class);
        assertEquals(2, ping.received(), console.output().toString());
        assertTrue(console.output().get(1).startsWith("4008 bytes from fd00::100: icmp_seq=1 ttl=64 time="), console.output().get(1));
        InterfaceStats stats = console.stack((network, now) -> network.local().iface().stats());
        assertEquals(2, stats.get(InterfaceCounter.DATAGRAMS_FRAGMENTED));
        assertEquals(6, stats.get(InterfaceCounter.FRAGMENTS_OUT));
        assertEquals(2, stats.get(InterfaceCounter.DATAGRAMS_REASSEMBLED));
    }

    @Test
    void routeShowsThePathMtuAPacketTooBigLowered() {
        console.ok("ping -c 1 fd00::100");
        console.stack((network, now) -> {
            Host peer = network.peer().orElseThrow();
            Ipv6Address ours = network.local().iface().sourceAddressFor(Network.PEER_IPV6).orElseThrow();
            byte[] frame = packetTooBig(network.local().iface().mac().bits(), ours, 1300);
            return peer.iface().transmitFrame(now, peer.device(), frame, frame.length);
        });
        console.idle(Micros.ofMillis(10));
        Routes routes = console.ok("route", Routes.class);
        assertEquals(List.of(new RouteCommand.PathMtu("fd00::100", 1300, 600)), routes.pathMtu());
        assertTrue(routes.text().endsWith("path MTU (from Packet Too Big, RFC 8201):\n  fd00::100 mtu 1300 expires in 600 s"),
                routes.text());
    }

    @Test
    void routeFlushCacheForgetsThePathMtusLearntAndTakesOnlyThatWord() {
        console.ok("ping -c 1 fd00::100");
        console.stack((network, now) -> {
            Ipv6Address ours = network.local().iface().sourceAddressFor(Network.PEER_IPV6).orElseThrow();
            byte[] frame = packetTooBig(network.local().iface().mac().bits(), ours, 1300);
            return network.peer().orElseThrow().iface().transmitFrame(now, network.peer().orElseThrow().device(), frame,
                    frame.length);
        });
        console.idle(Micros.ofMillis(10));
        assertEquals(1, console.ok("route", Routes.class).pathMtu().size());

        Routes flushed = console.ok("route flush cache", Routes.class);

        assertEquals(List.of(), flushed.pathMtu());
        assertEquals(Integer.valueOf(1500), console.<Integer>stack((network, now) -> network.local().iface().ipv6PathMtu()
                .pathMtu(Network.PEER_IPV6.high(), Network.PEER_IPV6.low(), now)));
        console.failsWith("route flush routes", "route flush takes 'cache' (the path MTUs learnt), not 'routes'");
    }

    /**
     * A Packet Too Big from the peer about a packet this host sent it from {@code ours}: the
     * 48 octets of the ICMPv6 message quote only the IPv6 header, all the stack reads.
     */
    private static byte[] packetTooBig(long localMac, Ipv6Address ours, long mtu) {
        Ipv6Address peer = Network.PEER_IPV6;
        byte[] frame = new byte[EthernetFrame.HEADER_LEN + 2 * Ipv6Packet.HEADER_LEN + Icmpv6Packet.HEADER_LEN];
        new EthernetFrame().wrap(frame, 0, frame.length).setDestination(localMac).setSource(Network.PEER_MAC.bits())
                .setEtherTypeValue(EtherType.IPV6.value());
        int length = Icmpv6Packet.HEADER_LEN + Ipv6Packet.HEADER_LEN;
        Ipv6Packet ip = new Ipv6Packet().wrap(frame, EthernetFrame.HEADER_LEN, Ipv6Packet.HEADER_LEN + length).setVersion(6)
                .setPayloadLength(length).setNextHeader(IpProtocol.ICMPV6.value()).setHopLimit(64)
                .setSource(peer.high(), peer.low()).setDestination(ours.high(), ours.low());
        new Ipv6Packet().wrap(frame, ip.payloadOffset() + Icmpv6Packet.HEADER_LEN, Ipv6Packet.HEADER_LEN).setVersion(6)
                .setPayloadLength(1400).setNextHeader(IpProtocol.ICMPV6.value()).setHopLimit(64)
                .setSource(ours.high(), ours.low()).setDestination(peer.high(), peer.low());
        new Icmpv6Packet().wrap(frame, ip.payloadOffset(), length).setType(Icmpv6Packet.TYPE_PACKET_TOO_BIG).setCode(0).setMtu(mtu)
                .fillChecksum(ip.pseudoHeaderSum(IpProtocol.ICMPV6.value(), length));
        return frame;
    }

    @Test
    void setIpv6AddrGenStableFormsOpaqueAddressesInsteadOfTheMacsEui64() {
        assertEquals("ipv6.addr-gen stable (addresses formed from now on)", console.ok("set ipv6.addr-gen stable").text());
        Ping ping = console.ok("ping -c 1 fd00::100", Ping.class);
        assertEquals(1, ping.received(), console.output().toString());
        Iface iface = console.ok("iface", Iface.class);
        assertTrue(iface.inet6().stream().anyMatch(a -> a.startsWith("fe80::") && a.contains(" link-local")), iface.inet6().toString());
        assertTrue(iface.inet6().stream().anyMatch(a -> a.startsWith("fd00::") && a.contains(" slaac")), iface.inet6().toString());
        assertTrue(iface.inet6().stream().noneMatch(a -> a.contains("ff:fe00:1/")), "no EUI-64 address: " + iface.inet6());
        assertTrue(console.ok("set").text().lines().anyMatch(l -> l.matches("ipv6\\.addr-gen +stable +set")));
        console.ok("set --reset");
        assertTrue(console.ok("set").text().lines().anyMatch(l -> l.matches("ipv6\\.addr-gen +eui64 +default")));
    }

    @Test
    void setIpv6AddrGenTakesEui64OrStable() {
        console.failsWith("set ipv6.addr-gen random",
                "ipv6.addr-gen: 'random' is not eui64 (the MAC's EUI-64) or stable (RFC 7217's stable, opaque identifiers)");
    }

    @Test
    void pingOfAnIpv6AddressWithoutRouteSaysSo() {
        Ping ping = console.ok("ping -c 1 -W 1 2001:db8::1", Ping.class);
        assertEquals(0, ping.received());
    }
}

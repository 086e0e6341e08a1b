package dev.jnetlab.commands.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnetlab.commands.JsonResults;
import dev.jnetlab.commands.ip.ArpCommand.ArpEntry;
import dev.jnetlab.commands.ip.ArpCommand.ArpTable;
import dev.jnetlab.commands.ip.IfaceCommand.Iface;
import dev.jnetlab.commands.ip.PingCommand.Ping;
import dev.jnetlab.commands.ip.RouteCommand.RouteEntry;
import dev.jnetlab.commands.ip.RouteCommand.Routes;
import dev.jnetlab.commands.ip.StatsCommand.Stats;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.wire.Ipv4Address;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** iface, ip, route, arp and stats on the virtual network. */
class AddressingCommandsTest {
    private final VirtualConsole console = new VirtualConsole();

    private long peerCounter(InterfaceCounter counter) {
        return console.stack((network, now) -> network.peer().orElseThrow().iface().stats().get(counter));
    }

    private long counter(InterfaceCounter counter) {
        return console.stack((network, now) -> network.local().iface().stats().get(counter));
    }

    @Nested
    class IfaceShowsTheInterface {

        @Test
        void likeIpAddrDoes() {
            assertEquals("virtual0: virtual wire to the simulated peer 192.168.69.100\n"
                    + "    link/ether 02:00:00:00:00:01  mtu 1500\n"
                    + "    offload: none\n"
                    + "    inet 192.168.69.1/24\n"
                    + "    default via 192.168.69.100\n"
                    + "    RX: 0 frames, 0 octets\n"
                    + "    TX: 0 frames, 0 octets\n"
                    + "    seed 1", console.ok("iface").text());
        }

        @Test
        void withItsTrafficCounted() {
            console.ok("ping -c 2 192.168.69.100");
            Iface iface = console.ok("iface", Iface.class);
            assertEquals(3, iface.framesIn(), "an ARP reply and two echo replies");
            assertEquals(3, iface.framesOut());
            assertEquals(42 + 2 * 98, iface.octetsIn());
        }

        @Test
        void itsJsonFormHasStableNames() throws Exception {
            JsonNode json = new ObjectMapper().readTree(new JsonResults().toJson(console.run("iface"))).get("result");
            assertEquals("virtual0", json.get("name").asText());
            assertEquals("02:00:00:00:00:01", json.get("mac").asText());
            assertEquals("192.168.69.1/24", json.get("addresses").get(0).asText());
            assertEquals(1500, json.get("mtu").asInt());
            assertEquals("192.168.69.100", json.get("gateway").asText());
            assertEquals("none", json.get("offload").asText());
            for (String field : List.of("device", "framesIn", "octetsIn", "framesOut", "octetsOut", "seed")) {
                assertTrue(json.has(field), field);
            }
        }
    }

    @Nested
    class IpAddsAndRemovesAddresses {

        @Test
        void anAddedAddressIsAnsweredByThisHost() {
            assertEquals("192.168.69.7/24 added; addresses: 192.168.69.1/24, 192.168.69.7/24",
                    console.ok("ip add 192.168.69.7/24").text());
            assertTrue(peerGetsAReplyFrom("192.168.69.7"));
        }

        @Test
        void anAddressOnAnotherNetworkBringsItsConnectedRoute() {
            console.ok("ip add 10.0.0.1/8");
            assertEquals(new RouteEntry("10.0.0.0/8", null, "connected", true),
                    console.ok("route", Routes.class).routes().get(1));
        }

        @Test
        void aRemovedAddressIsNoLongerThisHosts() {
            console.ok("ip add 192.168.69.7/24");
            assertEquals("192.168.69.7/24 removed; addresses: 192.168.69.1/24", console.ok("ip del 192.168.69.7/24").text());
            assertEquals(List.of("192.168.69.1/24"), console.ok("iface", Iface.class).addresses());
        }

        @Test
        void thePrefixMayBeLeftOutWhenRemoving() {
            console.ok("ip add 192.168.69.7/24");
            console.ok("ip del 192.168.69.7");
            assertEquals(List.of("192.168.69.1/24"), console.ok("iface", Iface.class).addresses());
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {
            "ip add 192.168.69.1/24;192.168.69.1 is an address of this host already",
            "ip add 192.168.69.0/24;CIDR: 192.168.69.0/24 is the network address of its network, not a host's",
            "ip add 224.0.0.1/4;CIDR: 224.0.0.1 cannot be an interface address: it is multicast",
            "ip add 192.168.69.7;CIDR: not an IPv4 CIDR: '192.168.69.7' (an address and a prefix length, like 192.168.69.1/24)",
            "ip add 192.168.69.7/33;CIDR: an IPv4 prefix length is 0 to 32, not 33",
            "ip del 192.168.69.9;192.168.69.9 is not an address of this host (it has 192.168.69.1/24)",
            "ip del 192.168.69.1/16;192.168.69.1 has the prefix /24, not /16 (ip del 192.168.69.1/24)",
            "ip del nine;CIDR: not an IPv4 address: 'nine' (four numbers 0-255 separated by dots, like 192.168.69.1)",
            "ip;ip needs one of: add, del",
            "ip ad 192.168.69.7/24;unknown sub-command 'ad' of ip (did you mean add?)",
        })
        void badInputIsOneLine(String line, String message) {
            console.failsWith(line, message);
        }
    }

    /** Whether the peer, pinging {@code address} through an ICMP socket of its own, gets a reply. */
    private boolean peerGetsAReplyFrom(String address) {
        IcmpSocket socket = new IcmpSocket();
        console.stack((network, now) -> {
            network.peer().orElseThrow().sockets().add(socket);
            try {
                socket.bind(77);
                socket.sendEcho(Ipv4Address.parse(address), 1, new byte[8]);
            } catch (SocketException e) {
                throw new AssertionError(e);
            }
            return null;
        });
        console.idle(10_000);
        return console.stack((network, now) -> socket.canRecv());
    }

    @Nested
    class RouteShowsAndChangesTheTable {

        @Test
        void theTableReadsLikeIpRoute() {
            assertEquals("destination      gateway         origin\n"
                    + "192.168.69.0/24  -               connected\n"
                    + "default          192.168.69.100  static", console.ok("route").text());
        }

        @Test
        void aStaticRouteSendsThroughItsGateway() {
            console.ok("route del default");
            Routes routes = console.ok("route add 10.0.0.0/8 via 192.168.69.100", Routes.class);
            assertTrue(routes.routes().contains(new RouteEntry("10.0.0.0/8", "192.168.69.100", "static", true)),
                    routes.toString());
            console.ok("ping -c 1 -W 1 10.1.2.3");
            assertEquals(1, peerCounter(InterfaceCounter.DROP_NOT_FOR_US), "the peer got it, and does not forward");
        }

        @Test
        void hostBitsOfTheNetworkAreCleared() {
            console.ok("route add 10.1.2.3/8 via 192.168.69.100");
            console.ok("route del 10.9.9.9/8");
            assertEquals(2, console.ok("route", Routes.class).routes().size());
        }

        @Test
        void theDefaultRouteCanGoAndComeBack() {
            console.ok("route del default");
            console.fails("ping -c 1 10.1.2.3");
            console.ok("route add default via 192.168.69.100");
            assertEquals(1, console.ok("ping -c 1 -W 1 10.1.2.3", Ping.class).transmitted());
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {
            "route add 10.0.0.0/8 via 10.0.0.1;IP: the gateway 10.0.0.1 is on none of the interface's networks [192.168.69.1/24]: it must be a neighbor",
            "route add 10.0.0.0/8 via 192.168.69.1;IP: the gateway 192.168.69.1 is this interface's own address",
            "route add 10.0.0.0/8 by 192.168.69.100;expected 'via' after the network, not 'by' (route add 10.0.0.0/8 via IP)",
            "route add 10.0.0.0 via 192.168.69.100;CIDR: not an IPv4 CIDR: '10.0.0.0' (an address and a prefix length, like 192.168.69.1/24)",
            "route del 10.0.0.0/8;no static route to 10.0.0.0/8 ('route' lists the routes)",
            "route del 192.168.69.0/24;no static route to 192.168.69.0/24: it is the network of an address of this host (ip del removes it)",
        })
        void badInputIsOneLine(String line, String message) {
            console.failsWith(line, message);
        }

        @Test
        void aMissingArgumentShowsTheUsage() {
            assertEquals("route add CIDR via IP", console.fails("route add 10.0.0.0/8 via").usage());
        }
    }

    @Nested
    class ArpShowsAndChangesTheCache {

        @Test
        void anEmptyCacheSaysSo() {
            assertEquals("the ARP cache is empty", console.ok("arp").text());
        }

        @Test
        void aLearnedEntryShowsItsAgeAndExpiry() {
            console.ok("ping -c 1 192.168.69.100");
            console.idle(9_999_500);
            assertEquals("address         MAC                state      age  expires  waiting\n"
                    + "192.168.69.100  02:00:00:00:00:02  REACHABLE  10s  50s      0", console.ok("arp").text());
        }

        @Test
        void aStaticEntryIsUsedWithoutAsking() {
            ArpTable table = console.ok("arp add 192.168.69.50 02:00:00:00:00:50", ArpTable.class);
            assertEquals(new ArpEntry("192.168.69.50", "02:00:00:00:00:50", "STATIC", 0, null, 0), table.entries().get(0));
            console.ok("ping -c 1 -W 1 192.168.69.50");
            assertEquals(0, counter(InterfaceCounter.ARP_REQUESTS_OUT), "no ARP request for a static entry");
            assertEquals(1, counter(InterfaceCounter.ICMP_ECHO_REQUESTS_OUT));
            assertEquals("address        MAC                state   age  expires  waiting\n"
                    + "192.168.69.50  02:00:00:00:00:50  STATIC  1s   never    0", console.ok("arp").text());
        }

        @Test
        void flushForgetsLearnedEntriesOnly() {
            console.ok("arp add 192.168.69.50 02:00:00:00:00:50");
            console.ok("ping -c 1 192.168.69.100");
            assertEquals("flushed 1 entry", console.ok("arp flush").text());
            assertEquals(List.of("192.168.69.50"),
                    console.ok("arp", ArpTable.class).entries().stream().map(ArpEntry::address).toList());
        }

        @Test
        void delRemovesAnEntry() {
            console.ok("arp add 192.168.69.50 02:00:00:00:00:50");
            assertEquals(List.of(), console.ok("arp del 192.168.69.50", ArpTable.class).entries());
        }

        @Test
        void anIncompleteEntryHasNoMacYet() {
            console.stack((network, now) -> {
                try {
                    UdpSocket socket = new UdpSocket();
                    network.local().sockets().add(socket);
                    socket.bind(5000);
                    socket.sendTo(Endpoint.parse("192.168.69.60:9"), new byte[1], 0, 1);
                } catch (SocketException e) {
                    throw new AssertionError(e);
                }
                return null;
            });
            ArpEntry entry = console.ok("arp", ArpTable.class).entries().get(0);
            assertNull(entry.mac());
            assertEquals("INCOMPLETE", entry.state());
            assertEquals(1, entry.waiting());
            assertTrue(console.ok("arp").text().contains("192.168.69.60  (incomplete)  INCOMPLETE"), console.ok("arp").text());
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {
            "arp add 192.168.69.50 02:00:00:00:00;MAC: not a MAC address: '02:00:00:00:00' (six hex octets separated by colons, like 02:00:00:00:00:01)",
            "arp add 192.168.69.50 ff:ff:ff:ff:ff:ff;ff:ff:ff:ff:ff:ff is not a unicast MAC address",
            "arp add 192.168.69.1 02:00:00:00:00:50;192.168.69.1 is this interface's own address",
            "arp del 192.168.69.50;no ARP entry for 192.168.69.50 ('arp' lists them)",
            "arp fluhs;unknown sub-command 'fluhs' of arp (did you mean flush?)",
        })
        void badInputIsOneLine(String line, String message) {
            console.failsWith(line, message);
        }
    }

    @Nested
    class StatsShowsTheCounters {

        @Test
        void byDefaultTheOnesThatAreNotZero() {
            console.ok("ping -c 1 192.168.69.100");
            assertEquals("counter                 value\n"
                    + "frames_in               2\n"
                    + "octets_in               140\n"
                    + "frames_out              2\n"
                    + "octets_out              140\n"
                    + "arp_replies_in          1\n"
                    + "arp_requests_out        1\n"
                    + "ipv4_in                 1\n"
                    + "ipv4_out                1\n"
                    + "icmp_echo_requests_out  1\n"
                    + "icmp_echo_replies_in    1", console.ok("stats").text());
        }

        @Test
        void allOfThemWithAll() {
            String text = console.ok("stats --all").text();
            assertEquals(InterfaceCounter.values().length + 1, text.lines().count());
            assertTrue(text.contains("drop_bad_checksum"), text);
        }

        @Test
        void andTheTcpBufferPoolOnceAQueueHeldData() throws Exception {
            console.ok("tcp connect 192.168.69.100:7");
            console.ok("tcp send 1 hello");
            console.ok("sleep 1");
            console.ok("tcp recv 1");

            String text = console.ok("stats").text();
            assertTrue(text.lines().anyMatch(line -> line.matches(
                    "buffer pool: \\d+ octets in queues, \\d+ arrays \\(\\d+ octets\\) kept of \\d+ at most, [1-9]\\d* made")), text);
            JsonNode json = new ObjectMapper().readTree(new JsonResults().toJson(console.run("stats")));
            assertTrue(json.get("result").get("bufferPool").get("made").asLong() > 0, json.toString());
        }

        @Test
        void nothingYetSaysSo() {
            assertEquals("every counter is zero", console.ok("stats").text());
        }

        @Test
        void theJsonFormAlwaysHasEveryCounter() throws Exception {
            JsonNode json = new ObjectMapper().readTree(new JsonResults().toJson(console.run("stats")));
            JsonNode counters = json.get("result").get("counters");
            assertEquals(InterfaceCounter.values().length, counters.size());
            assertEquals(0, counters.get("drop_bad_checksum").asLong());
            assertFalse(json.get("result").has("all"));
            assertEquals(Stats.class, console.ok("stats").getClass());
        }
    }
}

package dev.jnetlab.commands.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnetlab.commands.ip.PingCommand.Ping;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.commands.topology.TracerouteCommand.Trace;
import dev.jnetlab.stack.time.Micros;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code traceroute}, {@code ping -t}, {@code topo} and names over IPv6 on {@code routed} (h1 fd00:1::10 — r1
 * fd00:1::1/fd00:2::1 — h2 fd00:2::10): hop limits of 1, 2, ..., r1's Time Exceeded (RFC 4443
 * section 3.3), then h2's port unreachable (section 3.1, code 4) or echo reply (section 4.2).
 */
class TopologyIpv6CommandsTest {
    final VirtualConsole console = new VirtualConsole("routed");

    @Test
    void tracerouteOfAnIpv6AddressNumbersEachHopAsLinuxDoes() {
        Trace trace = console.ok("traceroute fd00:2::10", Trace.class);
        List<String> lines = console.output();
        assertEquals("traceroute to fd00:2::10 (fd00:2::10), 30 hops max, 80 byte packets", lines.get(0));
        assertTrue(lines.get(1).matches(" 1  r1 \\(fd00:1::1\\)( +\\d+\\.\\d{3} ms){3}"), lines.get(1));
        assertTrue(lines.get(2).matches(" 2  h2 \\(fd00:2::10\\)( +\\d+\\.\\d{3} ms){3}"), lines.get(2));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(trace.reached());
        assertEquals("fd00:2::10", trace.address());
    }

    @Test
    void dash6TracesANodesIpv6AddressAndDash4OrNothingItsIpv4One() {
        Trace six = console.ok("traceroute -6 -q 1 h2", Trace.class);
        assertEquals("fd00:2::10", six.address());
        assertEquals("traceroute to h2 (fd00:2::10), 30 hops max, 80 byte packets", console.output().get(0));
        assertEquals(2, six.hops().size());
        Trace four = console.ok("traceroute -4 -q 1 h2", Trace.class);
        assertEquals("10.0.2.10", four.address());
    }

    @Test
    void icmpProbesEndWithTheEchoReply() {
        Trace trace = console.ok("traceroute -6 -I -q 1 h2", Trace.class);
        assertEquals(2, trace.hops().size());
        assertEquals("fd00:1::1", trace.hops().get(0).probes().get(0).from());
        assertEquals("r1", trace.hops().get(0).probes().get(0).name());
        assertEquals("fd00:2::10", trace.hops().get(1).probes().get(0).from());
        assertTrue(trace.reached());
    }

    @Test
    void aRouterIsTracedToByNameToo() {
        Trace trace = console.ok("traceroute -6 -q 1 r1", Trace.class);
        assertEquals("fd00:1::1", trace.address());
        assertEquals(1, trace.hops().size(), "r1 answers the first probe itself, with port unreachable");
    }

    @Test
    void aTraceToAPrefixNoRouteLeadsToEndsWithNoRouteMarkedN() {
        Trace trace = console.ok("traceroute -q 1 -w 1 -m 5 fd00:9::1", Trace.class);
        assertEquals(" 1  r1 (fd00:1::1)", console.output().get(1).substring(0, 18), "time exceeded first");
        assertTrue(console.output().get(2).matches(" 2  r1 \\(fd00:1::1\\)  \\S+ ms !N"), console.output().get(2));
        assertTrue(trace.reached(), "an unreachable ends the trace, as Linux's does");
    }

    @Test
    void wrongFamiliesAreOneLine() {
        console.failsWith("traceroute -4 fd00:2::10", "NAME|IP: fd00:2::10 is an IPv6 address, and -4 asks for IPv4");
        console.failsWith("traceroute -4 -6 h2", "-4 and -6: give one family, not both");
        console.failsWith("traceroute -6 10.0.2.10", "NAME|IP: 10.0.2.10 is an IPv4 address, and -6 asks for IPv6");
        console.failsWith("traceroute ff02::1", "NAME|IP: ff02::1 is no one host's address");
    }

    @Test
    void pingWithHopLimitOneHearsTimeExceededFromTheRouterAsIputilsPrintsIt() {
        Ping ping = console.ok("ping -6 -c 1 -t 1 h2", Ping.class);
        assertEquals("From fd00:1::1 icmp_seq=1 Time exceeded: Hop limit", console.output().get(1));
        assertEquals(0, ping.received());
        assertEquals(1, ping.errors());
        assertTrue(ping.text().contains("1 packets transmitted, 0 received, +1 errors, 100% packet loss"), ping.text());
    }

    @Test
    void pingWithHopLimitTwoReachesH2WithItsHopLimitOneLower() {
        console.ok("ping -c 1 -t 2 fd00:2::10", Ping.class);
        assertTrue(console.output().get(1).startsWith("64 bytes from fd00:2::10: icmp_seq=1 ttl=63 time="), console.output().get(1));
    }

    @Test
    void topoShowsEachNodesIpv6AddressesTheSlaacOneTheRoutersAdvertisementsFormedAndWhichInterfacesAdvertise() {
        console.idle(Micros.ofSeconds(5));
        String text = console.ok("topo").text();
        assertTrue(text.contains("<r1> router  eth0 10.0.1.1/24, eth1 10.0.2.1/24\n"
                + "               eth0 fd00:1::1/64 advertised, eth1 fd00:2::1/64 advertised"), text);
        assertTrue(text.matches("(?s).*\\[h1\\] host  10\\.0\\.1\\.10/24, gateway 10\\.0\\.1\\.1\n"
                + " +fd00:1::10/64, fd00:1::[0-9a-f:]+/64 slaac, gateway6 fd00:1::1\n.*"), text);
    }

    @Test
    void topoJsonHasTheIpv6AddressesApart() throws Exception {
        console.idle(Micros.ofSeconds(5));
        JsonNode nodes = new ObjectMapper().readTree(console.ok("topo --json").text()).get("nodes");
        assertEquals("10.0.2.10/24", nodes.get(2).get("addresses").get(0).asText());
        assertEquals("fd00:2::10/64", nodes.get(2).get("addresses6").get(0).asText());
        assertTrue(nodes.get(2).get("addresses6").get(1).asText().endsWith("/64 slaac"), nodes.get(2).toString());
        assertEquals("eth1 fd00:2::1/64 advertised", nodes.get(1).get("addresses6").get(1).asText());
    }

    @Test
    void tcpConnectDash6ToANodeNameConnectsToItsIpv6Address() {
        console.ok("tcp connect -6 h2:7");
        console.idle(Micros.ofSeconds(1));
        String sockets = console.ok("sockets").text();
        assertTrue(sockets.contains("[fd00:2::10]:7") && sockets.contains("ESTABLISHED"), sockets);
        console.failsWith("tcp connect -6 10.0.2.10:7", "IP:PORT: 10.0.2.10 is an IPv4 address, and -6 asks for IPv6");
        console.failsWith("tcp connect -4 [fd00:2::10]:7", "IP:PORT: fd00:2::10 is an IPv6 address, and -4 asks for IPv4");
    }
}

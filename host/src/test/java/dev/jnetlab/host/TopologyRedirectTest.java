package dev.jnetlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.driver.VirtualDriver;
import dev.jnetlab.host.topology.TopologyYaml;
import dev.jnetlab.stack.forward.Router;
import dev.jnetlab.stack.forward.RouterCounter;
import dev.jnetlab.stack.iface.Interface;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.iface.Ipv6Route;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IPv6 Redirects end to end (RFC 4861 section 8): h1, r1 and r2 share a LAN (fd00:1::/64, both
 * routers advertising, r1 first, so h1's default router is r1); h3 is behind r2. r1 reaches
 * fd00:3::/64 through r2, so h1's packets for h3 go to r1 and back out onto the same LAN: r1
 * redirects h1 to r2 (section 8.2), and h1 sends the next ones to r2 itself (section 8.3).
 */
class TopologyRedirectTest {
    static final String FILE = """
            start: h1
            nodes:
              - {name: s1, kind: switch}
              - {name: h1, kind: host, address: 10.0.1.10/24, gateway: 10.0.1.1, address6: "fd00:1::10/64"}
              - {name: r1, kind: router, interfaces: {eth0: 10.0.1.1/24, eth1: 10.0.2.1/24},
                 interfaces6: {eth0: "fd00:1::1/64", eth1: "fd00:2::1/64"}, advertise6: [eth0],
                 routes: ["10.0.3.0/24 via 10.0.1.2", "fd00:3::/64 via fd00:1::2"]}
              - {name: r2, kind: router, interfaces: {eth0: 10.0.1.2/24, eth1: 10.0.3.1/24},
                 interfaces6: {eth0: "fd00:1::2/64", eth1: "fd00:3::1/64"}, advertise6: [eth0]}
              - {name: h2, kind: host, address: 10.0.2.10/24, gateway: 10.0.2.1}
              - {name: h3, kind: host, address: 10.0.3.10/24, gateway: 10.0.3.1, address6: "fd00:3::10/64", gateway6: "fd00:3::1"}
            links:
              - {a: h1, b: s1}
              - {a: r1.eth0, b: s1}
              - {a: r2.eth0, b: s1}
              - {a: r1.eth1, b: h2}
              - {a: r2.eth1, b: h3}
            """;
    static final Ipv6Address H3 = Ipv6Address.parse("fd00:3::10");

    final VirtualClock clock = new VirtualClock();
    final Network network;
    final VirtualDriver driver;
    final Interface h1;
    final Router r1;
    final Router r2;

    TopologyRedirectTest() throws Exception {
        network = Network.topology(NetworkConfig.defaults(7), TopologyYaml.parse("redirect.yaml", "redirect", FILE), clock, line -> { });
        driver = new VirtualDriver(clock, network);
        driver.await(Micros.ofSeconds(5), now -> null); // DAD, the routers' advertisements
        Topology topology = network.topology().orElseThrow();
        h1 = topology.host("h1").orElseThrow().host().iface();
        r1 = topology.router("r1").orElseThrow();
        r2 = topology.router("r2").orElseThrow();
    }

    /** One echo request from h1 to h3; whether the reply came within a second. */
    boolean ping(int sequence) throws Exception {
        long sent = clock.now();
        assertTrue(h1.sendEchoRequest(sent, H3, 0x77, sequence, 8));
        return driver.await(Micros.ofSeconds(1), now -> h1.echoReplyAt(0x77, sequence, sent) >= 0 ? Boolean.TRUE : null) != null;
    }

    Ipv6Address firstDefaultRouter() {
        return h1.ipv6Routes(clock.now()).stream().filter(r -> r.prefixLength() == 0).findFirst().orElseThrow().gateway().orElseThrow();
    }

    @Test
    void h1sDefaultRouterIsR1sLinkLocalAddressWhichAdvertisedFirst() {
        assertEquals(r1.ports().get(0).linkLocal(), firstDefaultRouter());
    }

    @Test
    void r1RedirectsH1ToR2sLinkLocalAddressOnceItHasResolvedR2() throws Exception {
        assertTrue(ping(1));
        assertEquals(0, r1.counter(RouterCounter.REDIRECTS_OUT), "r2's address was not resolved when the first packet came");
        assertTrue(ping(2));
        assertEquals(1, r1.counter(RouterCounter.REDIRECTS_OUT));
        assertEquals(1, h1.stats().get(InterfaceCounter.NDP_REDIRECTS_IN));
        List<Ipv6Route> redirected = h1.ipv6Routes(clock.now()).stream().filter(r -> r.origin() == Ipv6Route.Origin.REDIRECT).toList();
        assertEquals(1, redirected.size());
        assertEquals(H3, redirected.get(0).prefix());
        assertEquals(128, redirected.get(0).prefixLength());
        assertEquals(r2.ports().get(0).linkLocal(), redirected.get(0).gateway().orElseThrow());
        assertTrue(redirected.get(0).toString().endsWith(" redirect"), redirected.get(0).toString());
    }

    @Test
    void afterTheRedirectH1sPacketsForH3GoToR2AndR1ForwardsNoMore() throws Exception {
        assertTrue(ping(1));
        assertTrue(ping(2));
        long forwardedByR1 = r1.counter(RouterCounter.FORWARDED);
        long forwardedByR2 = r2.counter(RouterCounter.FORWARDED);
        assertTrue(ping(3));
        assertTrue(ping(4));
        assertEquals(forwardedByR1, r1.counter(RouterCounter.FORWARDED));
        assertEquals(forwardedByR2 + 4, r2.counter(RouterCounter.FORWARDED), "two requests and two replies");
        assertEquals(1, r1.counter(RouterCounter.REDIRECTS_OUT), "no more");
        assertNotNull(h1.ipv6Neighbors(clock.now()).stream().filter(n -> n.address().equals(r2.ports().get(0).linkLocal())
                && n.router()).findFirst().orElse(null), "r2 is in h1's neighbor cache as a router");
    }
}

package dev.jnetlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.driver.VirtualDriver;
import dev.jnetlab.host.topology.BuiltinTopologies;
import dev.jnetlab.host.topology.TopologySpec;
import dev.jnetlab.host.topology.TopologyYaml;
import dev.jnetlab.stack.forward.RouterCounter;
import dev.jnetlab.stack.iface.Interface;
import dev.jnetlab.stack.iface.Ipv6AddressInfo;
import dev.jnetlab.stack.iface.Ipv6AddressOrigin;
import dev.jnetlab.stack.iface.Ipv6Route;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Routers of a topology advertise their IPv6 prefixes (RFC 4861 section 6.2) on the interfaces
 * a topology names in {@code advertise6}, and the hosts there configure themselves from them
 * (RFC 4862 section 5.5.3) beside what the topology gave them.
 */
class TopologyRouterAdvertisementTest {
    final VirtualClock clock = new VirtualClock();

    Network start(TopologySpec spec) {
        Network network = Network.topology(NetworkConfig.defaults(7), spec, clock, line -> { });
        VirtualDriver driver = new VirtualDriver(clock, network);
        try {
            driver.await(Micros.ofSeconds(10), now -> null);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return network;
    }

    static Interface iface(Network network, String host) {
        return network.topology().orElseThrow().host(host).orElseThrow().host().iface();
    }

    static List<Ipv6AddressInfo> slaac(Interface iface, long now) {
        return iface.ipv6Addresses(now).stream().filter(a -> a.origin() == Ipv6AddressOrigin.SLAAC).toList();
    }

    @Test
    void onRoutedEachHostFormsASlaacAddressFromR1sPrefixAndKeepsItsOwn() {
        Network network = start(BuiltinTopologies.named("routed").orElseThrow());
        Interface h1 = iface(network, "h1");
        Interface h2 = iface(network, "h2");
        List<Ipv6AddressInfo> h1Slaac = slaac(h1, clock.now());
        assertEquals(1, h1Slaac.size(), h1.ipv6Addresses(clock.now()).toString());
        assertEquals(Ipv6Address.parse("fd00:1::"), Ipv6Route.prefixOf(h1Slaac.get(0).address(), 64));
        assertEquals(Ipv6Address.parse("fd00:2::"), Ipv6Route.prefixOf(slaac(h2, clock.now()).get(0).address(), 64));
        assertTrue(h1.ipv6Addresses(clock.now()).stream().anyMatch(a -> a.address().equals(Ipv6Address.parse("fd00:1::10"))));
        assertTrue(h2.ipv6Addresses(clock.now()).stream().anyMatch(a -> a.address().equals(Ipv6Address.parse("fd00:2::10"))));
        assertEquals(Ipv6Address.parse("fd00:1::10"), h1.sourceAddressFor(Ipv6Address.parse("fd00:2::10")).orElseThrow(),
                "the topology's own address stays the one a host speaks from");
    }

    @Test
    void onRoutedEachHostTakesR1sLinkLocalAddressAsADefaultRouterBesideTheGivenOne() {
        Network network = start(BuiltinTopologies.named("routed").orElseThrow());
        List<Ipv6Route> defaults = iface(network, "h1").ipv6Routes(clock.now()).stream()
                .filter(r -> r.prefixLength() == 0).toList();
        assertEquals(2, defaults.size(), defaults.toString());
        assertEquals(Ipv6Route.Origin.STATIC, defaults.get(0).origin());
        Ipv6Route learnt = defaults.get(1);
        assertEquals(Ipv6Route.Origin.ROUTER_ADVERTISEMENT, learnt.origin());
        assertTrue(learnt.gateway().orElseThrow().isLinkLocal(), learnt.toString());
        assertTrue(network.topology().orElseThrow().router("r1").orElseThrow().counter(RouterCounter.ROUTER_ADVERTS_OUT) >= 2);
    }

    @Test
    void aFileRouterAdvertisesOnlyWhereAdvertise6SaysAndAHostThereNeedsNoAddressOfItsOwn() throws Exception {
        TopologySpec spec = TopologyYaml.parse("two.yaml", "two", """
                start: h1
                nodes:
                  - {name: h1, kind: host, address: 10.0.1.10/24, gateway: 10.0.1.1}
                  - {name: r1, kind: router, interfaces: {eth0: 10.0.1.1/24, eth1: 10.0.2.1/24},
                     interfaces6: {eth0: "fd00:1::1/64", eth1: "fd00:2::1/64"}, advertise6: [eth0]}
                  - {name: h2, kind: host, address: 10.0.2.10/24, gateway: 10.0.2.1}
                links:
                  - {a: h1, b: r1.eth0}
                  - {a: r1.eth1, b: h2}
                """);
        Network network = start(spec);
        Interface h1 = iface(network, "h1");
        // h1 has no IPv6 of its own: the advertisement finds its interface off, as IPv6 is until first used.
        h1.enableIpv6();
        new VirtualDriver(clock, network).await(Micros.ofSeconds(30), now -> null);
        assertEquals(1, slaac(h1, clock.now()).size(), h1.ipv6Addresses(clock.now()).toString());
        assertTrue(slaac(iface(network, "h2"), clock.now()).isEmpty(), "eth1 does not advertise");
    }
}

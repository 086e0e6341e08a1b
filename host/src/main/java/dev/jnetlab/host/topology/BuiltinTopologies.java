package dev.jnetlab.host.topology;

import dev.jnetlab.host.topology.TopologySpec.HostSpec;
import dev.jnetlab.host.topology.TopologySpec.LinkSpec;
import dev.jnetlab.host.topology.TopologySpec.NodeSpec;
import dev.jnetlab.host.topology.TopologySpec.Prefix6;
import dev.jnetlab.host.topology.TopologySpec.Route6Spec;
import dev.jnetlab.host.topology.TopologySpec.RouteSpec;
import dev.jnetlab.host.topology.TopologySpec.RouterSpec;
import dev.jnetlab.host.topology.TopologySpec.SwitchSpec;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.LinkShape;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The topologies {@code --topology NAME} knows (ARCHITECTURE.md §8). {@code pair} is today's
 * virtual network (this host and the simulated peer on one wire), built by
 * {@link dev.jnetlab.host.Network#virtual} itself; it is described here only for {@code topo}.
 */
public final class BuiltinTopologies {
    public static final List<String> NAMES = List.of("pair", "lan", "routed", "wan", "pmtu", "dumbbell");
    /** What {@code --topology} takes for more than one node, as a hint reads it: {@code lan|routed|wan|pmtu|dumbbell|FILE}. */
    public static final String MANY_NODES = String.join("|", NAMES.subList(1, NAMES.size())) + "|FILE";
    /**
     * Every host but the one the prompt starts on runs these from the start, as the peer does,
     * so there is something to connect to; the start host runs none, as this host on the pair,
     * so its first socket is {@code udp#1} and no echo of its own answers another's.
     */
    public static final List<String> SERVICES = List.of("echo", "discard", "chargen", "http");
    /**
     * h2 of lan, routed, wan and pmtu runs these too: a DNS server for the nodes' names, which every
     * host's resolver asks, so {@code resolve h3.lab} works with no setup (routers are not hosts).
     */
    public static final List<String> NAME_SERVER = List.of("echo", "discard", "chargen", "http", "dns");
    /** A LAN cable: 100 µs, 100 Mbit/s, a queue of 100 frames. */
    public static final LinkShape LAN = new LinkShape(100, 100_000_000, 100, 1500);
    /** The wan's slow link: 20 ms, 2 Mbit/s, a queue of 20 frames, 1 % lost each way. */
    public static final LinkShape SLOW = new LinkShape(Micros.ofMillis(20), 2_000_000, 20, 1500);
    public static final double SLOW_LOSS_PERCENT = 1;
    /**
     * pmtu's middle link: a LAN cable whose MTU is 1280 octets, less than either end's 1500 (a
     * tunnel, say); 1280 is the least any link carrying IPv6 may have (RFC 8200 section 5), so
     * IPv6 crosses it too.
     */
    public static final LinkShape NARROW = new LinkShape(100, 100_000_000, 100, 1280);

    private BuiltinTopologies() {
    }

    /** The built-in called {@code name}; empty for another name. */
    public static Optional<TopologySpec> named(String name) {
        return switch (name) {
            case "pair" -> Optional.of(pair());
            case "lan" -> Optional.of(lan());
            case "routed" -> Optional.of(routed());
            case "wan" -> Optional.of(wan());
            case "pmtu" -> Optional.of(pmtu());
            case "dumbbell" -> Optional.of(dumbbell());
            default -> Optional.empty();
        };
    }

    static TopologySpec pair() {
        return new TopologySpec("pair", List.of(
                host("this", "192.168.69.1/24", "192.168.69.100"),
                new HostSpec("peer", Ipv4Cidr.parse("192.168.69.100/24"), Optional.empty(), List.of(), SERVICES)),
                List.of(link("this", "peer", new LinkShape(250, 0, 100, 1500))), "this");
    }

    static TopologySpec lan() {
        return new TopologySpec("lan", List.of(
                new SwitchSpec("s1"),
                start("h1", "10.0.0.1/24", null), nameServer("h2", "10.0.0.2/24", null),
                host("h3", "10.0.0.3/24", null), host("h4", "10.0.0.4/24", null)),
                List.of(link("h1", "s1", LAN), link("h2", "s1", LAN), link("h3", "s1", LAN), link("h4", "s1", LAN)), "h1");
    }

    /**
     * Dual-stack: fd00:1::/64 on h1's side, fd00:2::/64 on h2's, r1 at ::1 of each. The hosts
     * have their addresses and r1 as default router given, and r1 advertises both prefixes as
     * well, so each host forms a SLAAC address beside its own and learns r1's link-local address
     * as a default router (RFC 4861 section 6.2).
     */
    static TopologySpec routed() {
        RouterSpec r1 = (RouterSpec) router("r1", Map.of("eth0", "10.0.1.1/24", "eth1", "10.0.2.1/24"), List.of());
        return new TopologySpec("routed", List.of(
                start("h1", "10.0.1.10/24", "10.0.1.1").withIpv6(Prefix6.parse("fd00:1::10/64"),
                        Optional.of(Ipv6Address.parse("fd00:1::1"))),
                new RouterSpec(r1.name(), r1.interfaces(), r1.routes(), r1.icmpRate(),
                        Map.of("eth0", Prefix6.parse("fd00:1::1/64"), "eth1", Prefix6.parse("fd00:2::1/64")), List.of(),
                        List.of("eth0", "eth1")),
                nameServer("h2", "10.0.2.10/24", "10.0.2.1").withIpv6(Prefix6.parse("fd00:2::10/64"),
                        Optional.of(Ipv6Address.parse("fd00:2::1")))),
                List.of(link("h1", "r1.eth0", LAN), link("r1.eth1", "h2", LAN)), "h1");
    }

    static TopologySpec wan() {
        return twoLans("wan", FaultConfig.NONE.withDropPercent(SLOW_LOSS_PERCENT));
    }

    /**
     * The wan's two LANs and routers, with a slow link that loses nothing at random: the
     * queue's tail is the only place a frame is lost, so what congestion control answers is the
     * queue alone (the {@code shared-bottleneck} lab).
     */
    static TopologySpec dumbbell() {
        return twoLans("dumbbell", FaultConfig.NONE);
    }

    /** h1, h2 on s1 — r1 ═ r2 — s2 with h3, h4; the slow link between the routers with {@code lossy} each way. */
    private static TopologySpec twoLans(String name, FaultConfig lossy) {
        return new TopologySpec(name, List.of(
                new SwitchSpec("s1"), start("h1", "10.1.0.11/24", "10.1.0.1"), nameServer("h2", "10.1.0.12/24", "10.1.0.1"),
                router("r1", Map.of("eth0", "10.1.0.1/24", "eth1", "172.16.0.1/30"),
                        List.of(new RouteSpec(Ipv4Cidr.parse("10.2.0.0/24"), Ipv4Address.parse("172.16.0.2")))),
                router("r2", Map.of("eth0", "10.2.0.1/24", "eth1", "172.16.0.2/30"),
                        List.of(new RouteSpec(Ipv4Cidr.parse("10.1.0.0/24"), Ipv4Address.parse("172.16.0.1")))),
                new SwitchSpec("s2"), host("h3", "10.2.0.13/24", "10.2.0.1"), host("h4", "10.2.0.14/24", "10.2.0.1")),
                List.of(link("h1", "s1", LAN), link("h2", "s1", LAN), link("r1.eth0", "s1", LAN),
                        new LinkSpec("r1.eth1", "r2.eth1", SLOW, lossy, lossy),
                        link("r2.eth0", "s2", LAN), link("h3", "s2", LAN), link("h4", "s2", LAN)), "h1");
    }

    /**
     * h1 and h2 on subnets of 1500 octets, as on routed, joined by r1 and r2 over a link of
     * 1280: the path's MTU is less than either host's, which only "fragmentation needed" from
     * r1 can tell h1 over IPv4 (RFC 1191), and Packet Too Big over IPv6 (RFC 8201), where r1
     * never fragments. Dual-stack: fd00:1::/64 on h1's side, fd00:3::/64 between the routers,
     * fd00:2::/64 on h2's.
     */
    static TopologySpec pmtu() {
        RouterSpec r1 = (RouterSpec) router("r1", Map.of("eth0", "10.0.1.1/24", "eth1", "10.0.3.1/30"),
                List.of(new RouteSpec(Ipv4Cidr.parse("10.0.2.0/24"), Ipv4Address.parse("10.0.3.2"))));
        RouterSpec r2 = (RouterSpec) router("r2", Map.of("eth0", "10.0.2.1/24", "eth1", "10.0.3.2/30"),
                List.of(new RouteSpec(Ipv4Cidr.parse("10.0.1.0/24"), Ipv4Address.parse("10.0.3.1"))));
        return new TopologySpec("pmtu", List.of(
                start("h1", "10.0.1.10/24", "10.0.1.1").withIpv6(Prefix6.parse("fd00:1::10/64"),
                        Optional.of(Ipv6Address.parse("fd00:1::1"))),
                withIpv6(r1, Map.of("eth0", "fd00:1::1/64", "eth1", "fd00:3::1/64"), "fd00:2::/64", "fd00:3::2"),
                withIpv6(r2, Map.of("eth0", "fd00:2::1/64", "eth1", "fd00:3::2/64"), "fd00:1::/64", "fd00:3::1"),
                nameServer("h2", "10.0.2.10/24", "10.0.2.1").withIpv6(Prefix6.parse("fd00:2::10/64"),
                        Optional.of(Ipv6Address.parse("fd00:2::1")))),
                List.of(link("h1", "r1.eth0", LAN), link("r1.eth1", "r2.eth1", NARROW), link("r2.eth0", "h2", LAN)), "h1");
    }

    /** {@code router} with IPv6 addresses and one route, to the far side's prefix through the other router. */
    private static RouterSpec withIpv6(RouterSpec router, Map<String, String> interfaces, String farPrefix, String via) {
        Map<String, Prefix6> ordered = new LinkedHashMap<>();
        interfaces.keySet().stream().sorted().forEach(k -> ordered.put(k, Prefix6.parse(interfaces.get(k))));
        return new RouterSpec(router.name(), router.interfaces(), router.routes(), router.icmpRate(), ordered,
                List.of(new Route6Spec(Prefix6.parse(farPrefix), Ipv6Address.parse(via))));
    }

    private static HostSpec host(String name, String address, String gateway) {
        return new HostSpec(name, Ipv4Cidr.parse(address), Optional.ofNullable(gateway).map(Ipv4Address::parse),
                List.of(), SERVICES);
    }

    private static HostSpec nameServer(String name, String address, String gateway) {
        HostSpec host = host(name, address, gateway);
        return new HostSpec(host.name(), host.address(), host.gateway(), List.of(), NAME_SERVER);
    }

    private static HostSpec start(String name, String address, String gateway) {
        HostSpec host = host(name, address, gateway);
        return new HostSpec(host.name(), host.address(), host.gateway(), List.of(), List.of());
    }

    private static NodeSpec router(String name, Map<String, String> interfaces, List<RouteSpec> routes) {
        Map<String, Ipv4Cidr> ordered = new LinkedHashMap<>();
        interfaces.keySet().stream().sorted().forEach(k -> ordered.put(k, Ipv4Cidr.parse(interfaces.get(k))));
        return new RouterSpec(name, ordered, routes);
    }

    private static LinkSpec link(String a, String b, LinkShape shape) {
        return new LinkSpec(a, b, shape, FaultConfig.NONE, FaultConfig.NONE);
    }
}

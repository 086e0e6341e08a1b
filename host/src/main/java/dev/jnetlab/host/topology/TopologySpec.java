package dev.jnetlab.host.topology;

import dev.jnetlab.stack.forward.IcmpRateLimit;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.LinkShape;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A virtual network as a topology file or a built-in one describes it: nodes (hosts, routers,
 * switches), the links between them with their properties, and the node the prompt starts on.
 * A value: {@link Topology#build} makes the running network from it, {@link TopologyYaml} reads
 * and writes it.
 *
 * @param name  what {@code topo} calls it ({@code routed}, or the file's name)
 * @param nodes every node, in the order they were given
 * @param links every link
 * @param start the host the prompt starts on
 */
public record TopologySpec(String name, List<NodeSpec> nodes, List<LinkSpec> links, String start) {
    public TopologySpec {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    /** The node called {@code name}. */
    public Optional<NodeSpec> node(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
    }

    /** A node: its name is its address in commands ({@code ping h2}). */
    public sealed interface NodeSpec permits HostSpec, RouterSpec, SwitchSpec, TapSpec {
        String name();

        /** {@code host}, {@code router}, {@code switch}, {@code tap}: the word a topology file uses. */
        String kind();
    }

    /**
     * A host: one complete stack on one interface.
     *
     * @param services what it runs from the start ({@code echo}, {@code http}, ...)
     * @param address6 an IPv6 address besides the IPv4 one ({@code fd00:1::10/64})
     * @param gateway6 its default router for IPv6 ({@code fd00:1::1})
     */
    public record HostSpec(String name, Ipv4Cidr address, Optional<Ipv4Address> gateway, List<RouteSpec> routes,
                           List<String> services, Optional<Prefix6> address6, Optional<Ipv6Address> gateway6)
            implements NodeSpec {
        public HostSpec {
            routes = List.copyOf(routes);
            services = List.copyOf(services);
            java.util.Objects.requireNonNull(address6, "address6");
            java.util.Objects.requireNonNull(gateway6, "gateway6");
        }

        /** An IPv4-only host. */
        public HostSpec(String name, Ipv4Cidr address, Optional<Ipv4Address> gateway, List<RouteSpec> routes,
                        List<String> services) {
            this(name, address, gateway, routes, services, Optional.empty(), Optional.empty());
        }

        /** This host with {@code address} and {@code gateway} for IPv6. */
        public HostSpec withIpv6(Prefix6 address, Optional<Ipv6Address> gateway) {
            return new HostSpec(name, this.address, this.gateway, routes, services, Optional.of(address), gateway);
        }

        @Override
        public String kind() {
            return "host";
        }
    }

    /**
     * A router: named interfaces with their addresses (in order), static routes, and the limit
     * on the ICMP errors it sends.
     *
     * @param advertise6 the interfaces that send Router Advertisements of their IPv6 prefix
     *                   (RFC 4861 section 6.2), so hosts there form addresses by SLAAC
     */
    public record RouterSpec(String name, Map<String, Ipv4Cidr> interfaces, List<RouteSpec> routes, IcmpRateLimit icmpRate,
                             Map<String, Prefix6> interfaces6, List<Route6Spec> routes6, List<String> advertise6)
            implements NodeSpec {
        public RouterSpec {
            interfaces = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(interfaces));
            routes = List.copyOf(routes);
            java.util.Objects.requireNonNull(icmpRate, "icmpRate");
            interfaces6 = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(interfaces6));
            routes6 = List.copyOf(routes6);
            advertise6 = List.copyOf(advertise6);
        }

        /** A router that advertises on none of its interfaces. */
        public RouterSpec(String name, Map<String, Ipv4Cidr> interfaces, List<RouteSpec> routes, IcmpRateLimit icmpRate,
                          Map<String, Prefix6> interfaces6, List<Route6Spec> routes6) {
            this(name, interfaces, routes, icmpRate, interfaces6, routes6, List.of());
        }

        /** An IPv4-only router. */
        public RouterSpec(String name, Map<String, Ipv4Cidr> interfaces, List<RouteSpec> routes, IcmpRateLimit icmpRate) {
            this(name, interfaces, routes, icmpRate, Map.of(), List.of());
        }

        /** A router with Linux's limit on ICMP errors, {@link IcmpRateLimit#DEFAULT}. */
        public RouterSpec(String name, Map<String, Ipv4Cidr> interfaces, List<RouteSpec> routes) {
            this(name, interfaces, routes, IcmpRateLimit.DEFAULT);
        }

        @Override
        public String kind() {
            return "router";
        }
    }

    /** A learning switch: a port for every link that names it. */
    public record SwitchSpec(String name) implements NodeSpec {
        @Override
        public String kind() {
            return "switch";
        }
    }

    /**
     * The kernel as one more node: the Linux tap device {@code device}, whose frames a link
     * carries to a host, a switch port or a router's interface, and back. The kernel side of the
     * tap has whatever addresses and routes {@code ip} gave it.
     */
    public record TapSpec(String name, String device) implements NodeSpec {
        @Override
        public String kind() {
            return "tap";
        }
    }

    /** An IPv6 address with its prefix length, {@code fd00:1::1/64}, or a prefix, {@code fd00:2::/64}. */
    public record Prefix6(Ipv6Address address, int length) {
        public Prefix6 {
            java.util.Objects.requireNonNull(address, "address");
            if (length < 0 || length > 128) {
                throw new IllegalArgumentException("an IPv6 prefix length is 0 to 128, not " + length);
            }
        }

        /** Reads {@code fd00:1::1/64}, or {@code default} for {@code ::/0}. */
        public static Prefix6 parse(String text) {
            if (text.equals("default")) {
                return new Prefix6(Ipv6Address.UNSPECIFIED, 0);
            }
            int slash = text.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("'" + text + "' has no prefix length (like fd00:1::1/64)");
            }
            int length;
            try {
                length = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text.substring(slash + 1) + "' is no prefix length");
            }
            return new Prefix6(Ipv6Address.parse(text.substring(0, slash)), length);
        }

        /** Whether {@code other} is in this prefix. */
        public boolean contains(Ipv6Address other) {
            long highMask = length == 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
            long lowMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
            return (other.high() & highMask) == (address.high() & highMask) && (other.low() & lowMask) == (address.low() & lowMask);
        }

        @Override
        public String toString() {
            return address + "/" + length;
        }
    }

    /** A static IPv6 route: {@code fd00:3::/64 via fd00:2::2}. */
    public record Route6Spec(Prefix6 destination, Ipv6Address via) {
        @Override
        public String toString() {
            return destination + " via " + via;
        }
    }

    /** A static route: {@code 10.0.2.0/24 via 10.0.1.1}. */
    public record RouteSpec(Ipv4Cidr destination, Ipv4Address via) {
        @Override
        public String toString() {
            return destination + " via " + via;
        }
    }

    /**
     * A link between two endpoints, each a node ({@code h1}, {@code s1}) or a router's
     * interface ({@code r1.eth0}), with its shape both ways and the faults each way.
     *
     * @param aToB faults on frames from {@code a} to {@code b}
     * @param bToA faults on frames from {@code b} to {@code a}
     */
    public record LinkSpec(String a, String b, LinkShape shape, FaultConfig aToB, FaultConfig bToA) {
        /** The link's name in {@code topo} and {@code capture start link NAME}: {@code h1-r1}. */
        public String name() {
            return node(a) + "-" + node(b);
        }

        /** The node of an endpoint: {@code r1} of {@code r1.eth0}. */
        public static String node(String endpoint) {
            int dot = endpoint.indexOf('.');
            return dot < 0 ? endpoint : endpoint.substring(0, dot);
        }
    }
}

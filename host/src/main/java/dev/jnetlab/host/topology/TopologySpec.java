package dev.jnetlab.host.topology;

import dev.jnetlab.stack.forward.IcmpRateLimit;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.LinkShape;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
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
     */
    public record HostSpec(String name, Ipv4Cidr address, Optional<Ipv4Address> gateway, List<RouteSpec> routes,
                           List<String> services) implements NodeSpec {
        public HostSpec {
            routes = List.copyOf(routes);
            services = List.copyOf(services);
        }

        @Override
        public String kind() {
            return "host";
        }
    }

    /**
     * A router: named interfaces with their addresses (in order), static routes, and the limit
     * on the ICMP errors it sends.
     */
    public record RouterSpec(String name, Map<String, Ipv4Cidr> interfaces, List<RouteSpec> routes, IcmpRateLimit icmpRate)
            implements NodeSpec {
        public RouterSpec {
            interfaces = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(interfaces));
            routes = List.copyOf(routes);
            java.util.Objects.requireNonNull(icmpRate, "icmpRate");
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

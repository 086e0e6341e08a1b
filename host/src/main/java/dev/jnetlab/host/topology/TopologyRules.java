package dev.jnetlab.host.topology;

import dev.jnetlab.host.topology.TopologySpec.HostSpec;
import dev.jnetlab.host.topology.TopologySpec.LinkSpec;
import dev.jnetlab.host.topology.TopologySpec.NodeSpec;
import dev.jnetlab.host.topology.TopologySpec.RouteSpec;
import dev.jnetlab.host.topology.TopologySpec.RouterSpec;
import dev.jnetlab.host.topology.TopologySpec.TapSpec;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.util.HashMap;
import java.util.Map;

/**
 * What makes a {@link TopologySpec} buildable, each rule one sentence in the console's words:
 * names unique and not addresses, links between known endpoints, a host on exactly one link,
 * every router interface on exactly one link, a tap on exactly one link and one tap at most
 * (the event loop sleeps on one descriptor, ARCHITECTURE.md §2), gateways on their node's
 * networks, services that exist, and a start node that is a host.
 */
public final class TopologyRules {
    /**
     * The services a host of a topology can run from the start: the names {@code serve} knows;
     * {@code dns} answers for the topology's node names.
     */
    public static final java.util.List<String> SERVICES = java.util.List.of("server-example", "echo", "discard", "chargen", "http",
            "dns");

    private TopologyRules() {
    }

    /**
     * Checks {@code spec}; returns quietly when it can be built.
     *
     * @throws IllegalArgumentException saying, in one sentence, what cannot be built
     */
    public static void check(TopologySpec spec) {
        Map<String, NodeSpec> nodes = new HashMap<>();
        for (NodeSpec node : spec.nodes()) {
            if (!node.name().matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw new IllegalArgumentException("the node name '" + node.name()
                        + "' must start with a letter and hold only letters, digits, '-' and '_'");
            }
            if (nodes.put(node.name(), node) != null) {
                throw new IllegalArgumentException("two nodes are called " + node.name());
            }
        }
        Map<String, Integer> uses = new HashMap<>();
        for (LinkSpec link : spec.links()) {
            for (String end : new String[] {link.a(), link.b()}) {
                NodeSpec node = nodes.get(LinkSpec.node(end));
                if (node == null) {
                    throw new IllegalArgumentException("the link " + link.a() + " -- " + link.b() + " names "
                            + LinkSpec.node(end) + ", which is no node");
                }
                boolean named = end.contains(".");
                if (node instanceof RouterSpec router) {
                    if (!named || !router.interfaces().containsKey(end.substring(end.indexOf('.') + 1))) {
                        throw new IllegalArgumentException("the link " + link.a() + " -- " + link.b() + " must name one of "
                                + router.name() + "'s interfaces " + router.interfaces().keySet() + " (" + router.name()
                                + ".eth0)");
                    }
                } else if (named) {
                    throw new IllegalArgumentException(end + ": only a router's interfaces have names; write "
                            + LinkSpec.node(end));
                }
                uses.merge(end, 1, Integer::sum);
            }
        }
        for (NodeSpec node : spec.nodes()) {
            if (node instanceof HostSpec host) {
                int n = uses.getOrDefault(host.name(), 0);
                if (n != 1) {
                    throw new IllegalArgumentException("the host " + host.name() + " is on " + n
                            + " links; a host has one interface, on one link");
                }
                for (String service : host.services()) {
                    if (!SERVICES.contains(service)) {
                        throw new IllegalArgumentException(host.name() + ": no service called " + service
                                + " (one of " + SERVICES + ")");
                    }
                }
                checkGateways(host.name(), java.util.List.of(host.address()), host.routes());
                host.gateway().ifPresent(g -> checkGateways(host.name(), java.util.List.of(host.address()),
                        java.util.List.of(new RouteSpec(Ipv4Cidr.parse("0.0.0.0/0"), g))));
                host.gateway6().ifPresent(g -> checkGateway6(host.name(), host.address6().stream().toList(), g));
            } else if (node instanceof RouterSpec router) {
                if (router.interfaces().size() < 2) {
                    throw new IllegalArgumentException("the router " + router.name() + " needs two interfaces or more");
                }
                for (String iface : router.interfaces().keySet()) {
                    int n = uses.getOrDefault(router.name() + "." + iface, 0);
                    if (n != 1) {
                        throw new IllegalArgumentException(router.name() + "." + iface + " is on " + n
                                + " links; an interface is on one");
                    }
                }
                checkGateways(router.name(), java.util.List.copyOf(router.interfaces().values()), router.routes());
                for (TopologySpec.Route6Spec route : router.routes6()) {
                    checkGateway6(router.name(), java.util.List.copyOf(router.interfaces6().values()), route.via());
                }
            }
        }
        java.util.List<String> taps = spec.nodes().stream().filter(n -> n instanceof TapSpec).map(NodeSpec::name).toList();
        if (taps.size() > 1) {
            throw new IllegalArgumentException("a topology has one tap at most, not " + taps.size() + " (" + String.join(", ", taps)
                    + ")");
        }
        for (String tap : taps) {
            int n = uses.getOrDefault(tap, 0);
            if (n != 1) {
                throw new IllegalArgumentException("the tap " + tap + " is on " + n
                        + " links; a tap is one cable to a host, a switch or a router's interface");
            }
        }
        NodeSpec start = nodes.get(spec.start());
        if (!(start instanceof HostSpec)) {
            throw new IllegalArgumentException("the prompt starts on a host: " + spec.start() + " is "
                    + (start == null ? "no node" : "a " + start.kind()));
        }
    }

    /** An IPv6 gateway is on one of the node's prefixes and not the node's own address. */
    private static void checkGateway6(String node, java.util.List<TopologySpec.Prefix6> prefixes,
                                      dev.jnetlab.stack.wire.Ipv6Address gateway) {
        if (prefixes.stream().noneMatch(p -> p.contains(gateway) && !p.address().equals(gateway))) {
            throw new IllegalArgumentException(node + ": the gateway " + gateway + " is on none of its IPv6 prefixes "
                    + prefixes);
        }
    }

    private static void checkGateways(String node, java.util.List<Ipv4Cidr> networks, java.util.List<RouteSpec> routes) {
        for (RouteSpec route : routes) {
            if (networks.stream().noneMatch(n -> n.contains(route.via()) && !n.address().equals(route.via()))) {
                throw new IllegalArgumentException(node + ": the gateway " + route.via() + " is on none of its networks "
                        + networks);
            }
        }
    }
}

package dev.jnetlab.host.topology;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.jnetlab.host.topology.TopologySpec.HostSpec;
import dev.jnetlab.host.topology.TopologySpec.LinkSpec;
import dev.jnetlab.host.topology.TopologySpec.NodeSpec;
import dev.jnetlab.host.topology.TopologySpec.Prefix6;
import dev.jnetlab.host.topology.TopologySpec.Route6Spec;
import dev.jnetlab.host.topology.TopologySpec.RouteSpec;
import dev.jnetlab.host.topology.TopologySpec.RouterSpec;
import dev.jnetlab.host.topology.TopologySpec.SwitchSpec;
import dev.jnetlab.host.topology.TopologySpec.TapSpec;
import dev.jnetlab.stack.forward.IcmpRateLimit;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.LinkShape;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Topology files: YAML read into a {@link TopologySpec}, every mistake reported as
 * {@code FILE:LINE:COLUMN: what is wrong}, and a spec written back ({@code topo save}).
 *
 * <pre>
 * name: routed
 * start: h1
 * nodes:
 *   - {name: h1, kind: host, address: 10.0.1.10/24, gateway: 10.0.1.1, services: [echo, http]}
 *   - name: r1
 *     kind: router
 *     interfaces: {eth0: 10.0.1.1/24, eth1: 10.0.2.1/24}
 *     routes: ["10.0.3.0/24 via 10.0.2.2"]
 *     icmp_rate: [1000, 50]
 *   - {name: h2, kind: host, address: 10.0.2.10/24, gateway: 10.0.2.1, address6: "fd00:2::10/64", gateway6: "fd00:2::1"}
 *   - {name: s1, kind: switch}
 *   - {name: kernel, kind: tap, device: tap0}
 * links:
 *   - {a: h1, b: r1.eth0}
 *   - {a: r1.eth1, b: h2, delay: 20ms, jitter: 5ms, bandwidth: 2Mbit, queue: 20, mtu: 1500, loss: 1%}
 *   - {a: kernel, b: s1}
 * </pre>
 *
 * A link's {@code loss}, {@code corrupt}, {@code duplicate} and {@code reorder} hold both ways,
 * or are {@code [A-TO-B, B-TO-A]}. A router's {@code icmp_rate} is {@code [PER_SECOND, BURST]} for
 * the ICMP errors it sends, or {@code 0} for no limit; Linux's {@code [1000, 50]} when absent.
 * IPv6 is optional: a host's {@code address6} and {@code gateway6} (its default router), a
 * router's {@code interfaces6} ({@code {eth0: "fd00:1::1/64"}}) and {@code advertise6}, the
 * interfaces that send Router Advertisements of their prefix ({@code [eth0]}: hosts there form
 * addresses by SLAAC, RFC 4861 section 6.2), and IPv6 routes among a
 * router's {@code routes} ({@code "fd00:3::/64 via fd00:2::2"}). Quote IPv6 addresses inside
 * {@code {...}}, where YAML reads a colon as a separator.
 * Unknown keys are refused, so a typo is not silently a default.
 */
public final class TopologyYaml {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final Set<String> TOP_KEYS = Set.of("name", "start", "nodes", "links");
    private static final Set<String> HOST_KEYS = Set.of("name", "kind", "address", "gateway", "routes", "services", "address6",
            "gateway6");
    private static final Set<String> ROUTER_KEYS = Set.of("name", "kind", "interfaces", "routes", "icmp_rate", "interfaces6",
            "advertise6");
    private static final Set<String> SWITCH_KEYS = Set.of("name", "kind");
    private static final Set<String> TAP_KEYS = Set.of("name", "kind", "device");
    private static final Set<String> LINK_KEYS = Set.of("a", "b", "delay", "jitter", "bandwidth", "queue", "mtu", "loss",
            "corrupt", "duplicate", "reorder");

    private TopologyYaml() {
    }

    /** One node of the document, with where it starts. */
    private record Node(String file, JsonLocation at, String scalar, Map<String, Node> map, Map<String, JsonLocation> keys,
                        List<Node> list) {
        TopologyFileException problem(String message) {
            return new TopologyFileException(file + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + message);
        }

        boolean isMap() {
            return map != null;
        }

        boolean isList() {
            return list != null;
        }

        String text(String what) throws TopologyFileException {
            if (scalar == null) {
                throw problem(what + " must be a single value");
            }
            return scalar;
        }

        Map<String, Node> mapping(String what) throws TopologyFileException {
            if (map == null) {
                throw problem(what + " must be a mapping (key: value lines)");
            }
            return map;
        }

        List<Node> sequence(String what) throws TopologyFileException {
            if (list == null) {
                throw problem(what + " must be a list ([a, b] or '- ' lines)");
            }
            return list;
        }

        void onlyKeys(Set<String> allowed, String what) throws TopologyFileException {
            for (Map.Entry<String, JsonLocation> key : keys.entrySet()) {
                if (!allowed.contains(key.getKey())) {
                    JsonLocation where = key.getValue();
                    throw new TopologyFileException(file + ":" + where.getLineNr() + ":" + where.getColumnNr() + ": "
                            + what + " has no key '" + key.getKey() + "' (it has " + String.join(", ", allowed.stream().sorted().toList())
                            + ")");
                }
            }
        }

        Node required(String key, String what) throws TopologyFileException {
            Node value = map.get(key);
            if (value == null) {
                throw problem(what + " needs '" + key + ":'");
            }
            return value;
        }
    }

    /** Reads and checks the topology in {@code file}. */
    public static TopologySpec read(Path file) throws TopologyFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new TopologyFileException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return parse(file.toString(), name, text);
    }

    /** Reads the topology in {@code text}; {@code file} names it in errors, {@code defaultName} if it names itself not. */
    public static TopologySpec parse(String file, String defaultName, String text) throws TopologyFileException {
        Node root;
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new TopologyFileException(file + ":1:1: the file is empty; it needs nodes: and links:");
            }
            root = read(file, parser);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage().lines().findFirst().orElse("not YAML");
            throw new TopologyFileException(file + ":" + (at == null ? 1 : at.getLineNr()) + ":"
                    + (at == null ? 1 : at.getColumnNr()) + ": " + message);
        } catch (IOException e) {
            throw new TopologyFileException(file + ": " + e.getMessage());
        }
        return spec(root, defaultName);
    }

    private static Node read(String file, JsonParser parser) throws IOException, TopologyFileException {
        JsonLocation at = parser.currentTokenLocation();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Node> map = new LinkedHashMap<>();
            Map<String, JsonLocation> keys = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonLocation keyAt = parser.currentTokenLocation();
                if (keys.containsKey(key)) {
                    throw new TopologyFileException(file + ":" + keyAt.getLineNr() + ":" + keyAt.getColumnNr()
                            + ": the key '" + key + "' is written twice in this mapping");
                }
                keys.put(key, keyAt);
                parser.nextToken();
                map.put(key, read(file, parser));
            }
            return new Node(file, at, null, map, keys, null);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> list = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                list.add(read(file, parser));
            }
            return new Node(file, at, null, null, Map.of(), list);
        }
        return new Node(file, at, token == JsonToken.VALUE_NULL ? "" : parser.getText(), null, Map.of(), null);
    }

    private static TopologySpec spec(Node root, String defaultName) throws TopologyFileException {
        Map<String, Node> top = root.mapping("a topology file");
        root.onlyKeys(TOP_KEYS, "a topology");
        String name = top.containsKey("name") ? top.get("name").text("name") : defaultName;
        List<NodeSpec> nodes = new ArrayList<>();
        for (Node node : root.required("nodes", "a topology").sequence("nodes")) {
            nodes.add(node(node));
        }
        List<LinkSpec> links = new ArrayList<>();
        for (Node link : root.required("links", "a topology").sequence("links")) {
            links.add(link(link));
        }
        String start = top.containsKey("start") ? top.get("start").text("start")
                : nodes.stream().filter(n -> n instanceof HostSpec).map(NodeSpec::name).findFirst()
                        .orElseThrow(() -> root.problem("a topology needs at least one host"));
        TopologySpec spec = new TopologySpec(name, nodes, links, start);
        try {
            TopologyRules.check(spec);
        } catch (IllegalArgumentException e) {
            throw root.problem(e.getMessage());
        }
        return spec;
    }

    private static NodeSpec node(Node node) throws TopologyFileException {
        Map<String, Node> map = node.mapping("a node");
        String name = node.required("name", "a node").text("name");
        String kind = node.required("kind", "the node " + name).text("kind");
        switch (kind) {
            case "host" -> {
                node.onlyKeys(HOST_KEYS, "a host");
                Ipv4Cidr address = cidr(node.required("address", "the host " + name));
                Optional<Ipv4Address> gateway = map.containsKey("gateway") ? Optional.of(address(map.get("gateway")))
                        : Optional.empty();
                List<String> services = new ArrayList<>();
                if (map.containsKey("services")) {
                    for (Node service : map.get("services").sequence("services")) {
                        services.add(service.text("a service"));
                    }
                }
                HostSpec host = new HostSpec(name, address, gateway, routes(map.get("routes")), services);
                if (map.containsKey("address6")) {
                    host = host.withIpv6(prefix6(map.get("address6")),
                            map.containsKey("gateway6") ? Optional.of(address6(map.get("gateway6"))) : Optional.empty());
                } else if (map.containsKey("gateway6")) {
                    throw map.get("gateway6").problem("gateway6 needs address6 on the host " + name);
                }
                return host;
            }
            case "router" -> {
                node.onlyKeys(ROUTER_KEYS, "a router");
                Node interfaces = node.required("interfaces", "the router " + name);
                Map<String, Ipv4Cidr> addresses = new LinkedHashMap<>();
                for (Map.Entry<String, Node> entry : interfaces.mapping("interfaces").entrySet()) {
                    addresses.put(entry.getKey(), cidr(entry.getValue()));
                }
                IcmpRateLimit icmpRate = map.containsKey("icmp_rate") ? icmpRate(map.get("icmp_rate")) : IcmpRateLimit.DEFAULT;
                Map<String, Prefix6> addresses6 = new LinkedHashMap<>();
                if (map.containsKey("interfaces6")) {
                    for (Map.Entry<String, Node> entry : map.get("interfaces6").mapping("interfaces6").entrySet()) {
                        if (!addresses.containsKey(entry.getKey())) {
                            throw entry.getValue().problem("interfaces6 names " + entry.getKey() + ", which is not one of "
                                    + addresses.keySet());
                        }
                        addresses6.put(entry.getKey(), prefix6(entry.getValue()));
                    }
                }
                List<String> advertise6 = new ArrayList<>();
                if (map.containsKey("advertise6")) {
                    Node list = map.get("advertise6");
                    if (!list.isList()) {
                        throw list.problem("advertise6 is a list of interfaces, like [eth0, eth1]");
                    }
                    for (Node entry : list.list()) {
                        String iface = entry.text("advertise6");
                        if (!addresses6.containsKey(iface)) {
                            throw entry.problem("advertise6 names " + iface + ", which has no address in interfaces6 "
                                    + addresses6.keySet());
                        }
                        if (advertise6.contains(iface)) {
                            throw entry.problem("advertise6 names " + iface + " twice");
                        }
                        advertise6.add(iface);
                    }
                }
                List<Route6Spec> routes6 = new ArrayList<>();
                return new RouterSpec(name, addresses, routes(map.get("routes"), routes6), icmpRate, addresses6, routes6,
                        advertise6);
            }
            case "switch" -> {
                node.onlyKeys(SWITCH_KEYS, "a switch");
                return new SwitchSpec(name);
            }
            case "tap" -> {
                node.onlyKeys(TAP_KEYS, "a tap");
                return new TapSpec(name, node.required("device", "the tap " + name).text("device"));
            }
            default -> throw map.get("kind").problem("kind is host, router, switch or tap, not '" + kind + "'");
        }
    }

    /** {@code [PER_SECOND, BURST]}, or {@code 0} for no limit. */
    private static IcmpRateLimit icmpRate(Node node) throws TopologyFileException {
        String usage = "icmp_rate is [PER_SECOND, BURST] (Linux's [1000, 50]) or 0 for no limit";
        if (!node.isList()) {
            if ("0".equals(node.scalar() == null ? null : node.scalar().trim())) {
                return IcmpRateLimit.NONE;
            }
            throw node.problem(usage);
        }
        if (node.list().size() != 2) {
            throw node.problem(usage);
        }
        try {
            return new IcmpRateLimit(Units.count(node.list().get(0), "a rate"), Units.count(node.list().get(1), "a burst"));
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage());
        }
    }

    private static List<RouteSpec> routes(Node routes) throws TopologyFileException {
        return routes(routes, null);
    }

    /** The IPv4 routes; IPv6 ones go to {@code routes6}, or are refused where it is null (a host's). */
    private static List<RouteSpec> routes(Node routes, List<Route6Spec> routes6) throws TopologyFileException {
        List<RouteSpec> out = new ArrayList<>();
        if (routes == null) {
            return out;
        }
        for (Node route : routes.sequence("routes")) {
            String[] words = route.text("a route").trim().split("\\s+");
            if (words.length != 3 || !words[1].equals("via")) {
                throw route.problem("a route reads 'NETWORK/PREFIX via GATEWAY' (10.0.2.0/24 via 10.0.1.1)");
            }
            try {
                if (words[2].contains(":")) {
                    if (routes6 == null) {
                        throw route.problem("a host's IPv6 routes are its gateway6");
                    }
                    routes6.add(new Route6Spec(Prefix6.parse(words[0]), Ipv6Address.parse(words[2])));
                    continue;
                }
                Ipv4Cidr destination = words[0].equals("default") ? Ipv4Cidr.parse("0.0.0.0/0") : Ipv4Cidr.parse(words[0]);
                out.add(new RouteSpec(destination, Ipv4Address.parse(words[2])));
            } catch (IllegalArgumentException e) {
                throw route.problem(e.getMessage());
            }
        }
        return out;
    }

    private static LinkSpec link(Node link) throws TopologyFileException {
        Map<String, Node> map = link.mapping("a link");
        link.onlyKeys(LINK_KEYS, "a link");
        String a = link.required("a", "a link").text("a");
        String b = link.required("b", "a link").text("b");
        LinkShape shape = LinkShape.DEFAULT;
        if (map.containsKey("delay")) {
            shape = shape.withDelay(Units.micros(map.get("delay")));
        }
        if (map.containsKey("bandwidth")) {
            shape = shape.withBandwidth(Units.bitsPerSecond(map.get("bandwidth")));
        }
        try {
            if (map.containsKey("jitter")) {
                shape = shape.withJitter(Units.micros(map.get("jitter")));
            }
            if (map.containsKey("queue")) {
                shape = shape.withQueue(Units.count(map.get("queue"), "queue"));
            }
            if (map.containsKey("mtu")) {
                shape = shape.withMtu(Units.count(map.get("mtu"), "mtu"));
            }
        } catch (IllegalArgumentException e) {
            throw link.problem(e.getMessage());
        }
        FaultConfig aToB = FaultConfig.NONE;
        FaultConfig bToA = FaultConfig.NONE;
        for (String fault : List.of("loss", "corrupt", "duplicate", "reorder")) {
            Node value = map.get(fault);
            if (value == null) {
                continue;
            }
            double[] both = value.isList() ? new double[] {Units.percent(item(value, 0, fault)), Units.percent(item(value, 1, fault))}
                    : new double[] {Units.percent(value), Units.percent(value)};
            aToB = with(aToB, fault, both[0]);
            bToA = with(bToA, fault, both[1]);
        }
        return new LinkSpec(a, b, shape, aToB, bToA);
    }

    private static Node item(Node list, int index, String what) throws TopologyFileException {
        if (list.list().size() != 2) {
            throw list.problem(what + " is one percentage for both ways, or [A-TO-B, B-TO-A]");
        }
        return list.list().get(index);
    }

    private static FaultConfig with(FaultConfig config, String fault, double percent) {
        return switch (fault) {
            case "loss" -> config.withDropPercent(percent);
            case "corrupt" -> config.withCorruptPercent(percent);
            case "duplicate" -> config.withDuplicatePercent(percent);
            default -> config.withReorderPercent(percent);
        };
    }

    private static Ipv4Cidr cidr(Node node) throws TopologyFileException {
        try {
            return Ipv4Cidr.parse(node.text("an address"));
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage() + " (an address with its prefix: 10.0.1.10/24)");
        }
    }

    private static Prefix6 prefix6(Node node) throws TopologyFileException {
        try {
            return Prefix6.parse(node.text("an IPv6 address").trim());
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage());
        }
    }

    private static Ipv6Address address6(Node node) throws TopologyFileException {
        try {
            return Ipv6Address.parse(node.text("an IPv6 address").trim());
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage());
        }
    }

    private static Ipv4Address address(Node node) throws TopologyFileException {
        try {
            return Ipv4Address.parse(node.text("an address"));
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage());
        }
    }

    /** The values with units a link takes: {@code 20ms}, {@code 2Mbit}, {@code 1%}. */
    static final class Units {
        private Units() {
        }

        static long micros(Node node) throws TopologyFileException {
            String text = node.text("a delay").trim().toLowerCase(Locale.ROOT);
            try {
                if (text.endsWith("us")) {
                    return Long.parseLong(text.substring(0, text.length() - 2).trim());
                }
                if (text.endsWith("ms")) {
                    return Math.round(Double.parseDouble(text.substring(0, text.length() - 2).trim()) * 1000);
                }
                if (text.endsWith("s")) {
                    return Math.round(Double.parseDouble(text.substring(0, text.length() - 1).trim()) * 1_000_000);
                }
            } catch (NumberFormatException e) {
                // explained below
            }
            throw node.problem("a delay has a unit: 100us, 20ms, 1s; not '" + text + "'");
        }

        static long bitsPerSecond(Node node) throws TopologyFileException {
            String text = node.text("a bandwidth").trim().toLowerCase(Locale.ROOT).replace("/s", "").replace("bps", "bit");
            long scale = text.endsWith("gbit") ? 1_000_000_000L : text.endsWith("mbit") ? 1_000_000L
                    : text.endsWith("kbit") ? 1_000L : text.endsWith("bit") ? 1 : 0;
            String number = text.replaceFirst("[gmk]?bit$", "").trim();
            try {
                if (scale != 0 && Double.parseDouble(number) > 0) {
                    return Math.round(Double.parseDouble(number) * scale);
                }
            } catch (NumberFormatException e) {
                // explained below
            }
            throw node.problem("a bandwidth reads 10Mbit, 512kbit or 1Gbit; not '" + node.scalar() + "'");
        }

        static int count(Node node, String what) throws TopologyFileException {
            try {
                return Integer.parseInt(node.text(what).trim());
            } catch (NumberFormatException e) {
                throw node.problem(what + " is a whole number, not '" + node.scalar() + "'");
            }
        }

        static double percent(Node node) throws TopologyFileException {
            String text = node.text("a percentage").trim();
            try {
                double value = Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
                if (value >= 0 && value <= 100) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // explained below
            }
            throw node.problem("a percentage is 0 to 100 (1% or 1), not '" + text + "'");
        }
    }

    // =====================================================================================
    // Writing
    // =====================================================================================

    /** The spec as a topology file that {@link #parse} reads back to the same spec. */
    public static String write(TopologySpec spec) {
        StringBuilder out = new StringBuilder("# a jnetlab topology: jnetlab --topology FILE\n");
        out.append("name: ").append(spec.name()).append('\n').append("start: ").append(spec.start()).append('\n');
        out.append("nodes:\n");
        for (NodeSpec node : spec.nodes()) {
            out.append("  - {name: ").append(node.name()).append(", kind: ").append(node.kind());
            if (node instanceof HostSpec host) {
                out.append(", address: ").append(host.address());
                host.gateway().ifPresent(g -> out.append(", gateway: ").append(g));
                host.address6().ifPresent(a -> out.append(", address6: \"").append(a).append('"'));
                host.gateway6().ifPresent(g -> out.append(", gateway6: \"").append(g).append('"'));
                if (!host.services().isEmpty()) {
                    out.append(", services: [").append(String.join(", ", host.services())).append(']');
                }
                routesTo(out, host.routes());
            } else if (node instanceof RouterSpec router) {
                out.append(", interfaces: {");
                out.append(String.join(", ", router.interfaces().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
                out.append('}');
                if (!router.interfaces6().isEmpty()) {
                    out.append(", interfaces6: {").append(String.join(", ", router.interfaces6().entrySet().stream()
                            .map(e -> e.getKey() + ": \"" + e.getValue() + "\"").toList())).append('}');
                }
                if (!router.advertise6().isEmpty()) {
                    out.append(", advertise6: [").append(String.join(", ", router.advertise6())).append(']');
                }
                List<Object> routes = new ArrayList<>(router.routes());
                routes.addAll(router.routes6());
                routesTo(out, routes);
                if (!router.icmpRate().equals(IcmpRateLimit.DEFAULT)) {
                    out.append(", icmp_rate: ").append(router.icmpRate().perSecond() == 0 ? "0"
                            : "[" + router.icmpRate().perSecond() + ", " + router.icmpRate().burst() + "]");
                }
            } else if (node instanceof TapSpec tap) {
                out.append(", device: ").append(tap.device());
            }
            out.append("}\n");
        }
        out.append("links:\n");
        for (LinkSpec link : spec.links()) {
            LinkShape shape = link.shape();
            out.append("  - {a: ").append(link.a()).append(", b: ").append(link.b())
                    .append(", delay: ").append(shape.delayMicros()).append("us");
            if (shape.jitterMicros() != 0) {
                out.append(", jitter: ").append(shape.jitterMicros()).append("us");
            }
            if (shape.bitsPerSecond() != 0) {
                out.append(", bandwidth: ").append(shape.bitsPerSecond()).append("bit");
            }
            out.append(", queue: ").append(shape.queueFrames()).append(", mtu: ").append(shape.mtu());
            fault(out, "loss", link.aToB().dropPercent(), link.bToA().dropPercent());
            fault(out, "corrupt", link.aToB().corruptPercent(), link.bToA().corruptPercent());
            fault(out, "duplicate", link.aToB().duplicatePercent(), link.bToA().duplicatePercent());
            fault(out, "reorder", link.aToB().reorderPercent(), link.bToA().reorderPercent());
            out.append("}\n");
        }
        return out.toString();
    }

    private static void routesTo(StringBuilder out, List<?> routes) {
        if (!routes.isEmpty()) {
            out.append(", routes: [").append(String.join(", ", routes.stream().map(r -> "\"" + r + "\"").toList())).append(']');
        }
    }

    private static void fault(StringBuilder out, String name, double aToB, double bToA) {
        if (aToB == 0 && bToA == 0) {
            return;
        }
        out.append(", ").append(name).append(": ");
        if (aToB == bToA) {
            out.append(aToB).append('%');
        } else {
            out.append('[').append(aToB).append("%, ").append(bToA).append("%]");
        }
    }
}

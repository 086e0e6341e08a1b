package dev.jnetlab.commands.report;

import dev.jnetlab.host.Network;
import dev.jnetlab.host.Topology;
import dev.jnetlab.host.topology.TopologySpec;
import dev.jnetlab.host.topology.TopologySpec.HostSpec;
import dev.jnetlab.host.topology.TopologySpec.LinkSpec;
import dev.jnetlab.host.topology.TopologySpec.NodeSpec;
import dev.jnetlab.host.topology.TopologySpec.RouterSpec;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.LinkShape;
import dev.jnetlab.stack.time.Micros;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network running, as a picture: every node (host, router, switch) as a box, every link
 * as a line labelled with its delay, rate and faults, the node the prompt is on outlined. The
 * report draws it once; the live web view draws it and moves frames along its lines, which it
 * finds by their ids ({@code node-h1}, {@code link-h1-r1}) and ends ({@code data-a},
 * {@code data-b}).
 *
 * <p>Columns are hops from the node the prompt started on (a breadth-first walk of the links),
 * so a path from the start runs left to right as a packet does.
 */
public final class NetworkDiagram {
    static final int COLUMN = 250;
    static final int ROW = 90;
    static final int BOX_WIDTH = 120;
    static final int BOX_HEIGHT = 50;
    static final int MARGIN = 30;

    /**
     * A node.
     *
     * @param kind    {@code host}, {@code router}, {@code switch}, or {@code kernel} for what
     *                is behind a real device
     * @param address its first address, or empty
     * @param current whether the prompt is on it
     */
    public record Node(String name, String kind, String address, boolean current) {
    }

    /**
     * A link between nodes {@code a} and {@code b}.
     *
     * @param shape  its delay and rate ({@code 250µs}, {@code 20ms 2Mbit/s})
     * @param faults the faults on it, each way, or empty
     */
    public record Link(String name, String a, String b, String shape, String faults) {
    }

    /**
     * The whole network.
     *
     * @param start the node the prompt started on, where the picture starts
     */
    public record Diagram(String name, String start, List<Node> nodes, List<Link> links) {
    }

    private NetworkDiagram() {
    }

    /** The network as it is now; on the stack's thread. */
    public static Diagram of(Network network) {
        return network.topology().map(t -> ofTopology(t, network.currentNode())).orElseGet(() -> ofPair(network));
    }

    private static Diagram ofTopology(Topology topology, String current) {
        TopologySpec spec = topology.spec();
        List<Node> nodes = new ArrayList<>();
        for (NodeSpec node : spec.nodes()) {
            String address = "";
            if (node instanceof HostSpec host) {
                address = host.address().toString();
            } else if (node instanceof RouterSpec router) {
                address = router.interfaces().values().iterator().next().toString();
            }
            nodes.add(new Node(node.name(), node.kind(), address, node.name().equals(current)));
        }
        List<Link> links = new ArrayList<>();
        List<String> names = new ArrayList<>(topology.wires().keySet());
        for (int i = 0; i < spec.links().size(); i++) {
            LinkSpec link = spec.links().get(i);
            String a = LinkSpec.node(link.a());
            String b = LinkSpec.node(link.b());
            List<String> faults = new ArrayList<>();
            wayFaults(faults, a + "\u2192" + b, link.aToB());
            wayFaults(faults, b + "\u2192" + a, link.bToA());
            // A host's own 'fault' settings act on its one link, both ways.
            for (String end : List.of(a, b)) {
                topology.host(end).ifPresent(h -> wayFaults(faults, end, h.link().faults().config()));
            }
            links.add(new Link(names.get(i), a, b, shape(link.shape()), String.join("; ", faults)));
        }
        return new Diagram(spec.name(), spec.start(), nodes, links);
    }

    private static Diagram ofPair(Network network) {
        String address = network.local().iface().addresses().isEmpty() ? ""
                : network.local().iface().addresses().get(0).toString();
        List<String> faults = new ArrayList<>();
        wayFaults(faults, "this", network.link().faults().config());
        if (network.isVirtual()) {
            return new Diagram("pair", "this", List.of(new Node("this", "host", address, true),
                    new Node("peer", "host", Network.PEER_ADDRESS.toString(), false)),
                    List.of(new Link(pairLink(network), "this", "peer",
                            Micros.format(Network.WIRE_LATENCY_MICROS), String.join("; ", faults))));
        }
        return new Diagram(network.deviceName(), "this", List.of(new Node("this", "host", address, true),
                new Node(network.deviceName(), "kernel", "", false)),
                List.of(new Link(pairLink(network), "this", network.deviceName(), network.deviceDescription(),
                        String.join("; ", faults))));
    }

    /** The one link's name without a topology: {@code this-peer}, or {@code this-tap0}. */
    public static String pairLink(Network network) {
        return "this-" + (network.isVirtual() ? "peer" : network.deviceName());
    }

    /** The node at the other end of the pair's link. */
    public static String pairPeer(Network network) {
        return network.isVirtual() ? "peer" : network.deviceName();
    }

    private static void wayFaults(List<String> out, String way, FaultConfig faults) {
        if (!faults.isOff()) {
            out.add(way + " " + faults.describe());
        }
    }

    private static String shape(LinkShape shape) {
        StringBuilder out = new StringBuilder(Micros.format(shape.delayMicros()));
        long bps = shape.bitsPerSecond();
        if (bps != 0) {
            out.append(' ').append(bps % 1_000_000 == 0 ? bps / 1_000_000 + "Mbit/s"
                    : bps % 1000 == 0 ? bps / 1000 + "kbit/s" : bps + "bit/s");
        }
        return out.toString();
    }

    /** Each node's column (hops from the start) and row (its place in the column). */
    static Map<String, int[]> layout(Diagram diagram) {
        Map<String, List<String>> neighbours = new LinkedHashMap<>();
        neighbours.put(diagram.start(), new ArrayList<>());
        diagram.nodes().forEach(n -> neighbours.putIfAbsent(n.name(), new ArrayList<>()));
        for (Link link : diagram.links()) {
            neighbours.computeIfAbsent(link.a(), k -> new ArrayList<>()).add(link.b());
            neighbours.computeIfAbsent(link.b(), k -> new ArrayList<>()).add(link.a());
        }
        Map<String, int[]> places = new LinkedHashMap<>();
        List<Integer> rows = new ArrayList<>();
        for (String root : neighbours.keySet()) {
            if (places.containsKey(root)) {
                continue;
            }
            // A part not joined to the first starts in the first free row of column 0.
            Deque<String> queue = new ArrayDeque<>();
            place(places, rows, root, 0);
            queue.add(root);
            while (!queue.isEmpty()) {
                String node = queue.poll();
                int column = places.get(node)[0];
                for (String next : neighbours.get(node)) {
                    if (!places.containsKey(next)) {
                        place(places, rows, next, column + 1);
                        queue.add(next);
                    }
                }
            }
        }
        return places;
    }

    private static void place(Map<String, int[]> places, List<Integer> rows, String node, int column) {
        while (rows.size() <= column) {
            rows.add(0);
        }
        places.put(node, new int[] {column, rows.get(column)});
        rows.set(column, rows.get(column) + 1);
    }

    /** The diagram as SVG 1.1. */
    public static String svg(Diagram diagram) {
        Map<String, int[]> places = layout(diagram);
        int columns = places.values().stream().mapToInt(p -> p[0]).max().orElse(0) + 1;
        int rows = places.values().stream().mapToInt(p -> p[1]).max().orElse(0) + 1;
        int width = 2 * MARGIN + (columns - 1) * COLUMN + BOX_WIDTH;
        int height = 2 * MARGIN + (rows - 1) * ROW + BOX_HEIGHT + 20;
        StringBuilder out = new StringBuilder(4096);
        String label = "the network " + diagram.name();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"network\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(label))
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n<title>").append(escape(label))
                .append("</title>\n<rect width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"white\"/>\n");
        for (Link link : diagram.links()) {
            int[] a = centre(places.get(link.a()));
            int[] b = centre(places.get(link.b()));
            boolean faulty = !link.faults().isEmpty();
            out.append("<g class=\"link").append(faulty ? " faulty" : "").append("\" id=\"link-").append(escape(link.name()))
                    .append("\" data-a=\"").append(escape(link.a())).append("\" data-b=\"").append(escape(link.b()))
                    .append("\" data-frames=\"0\">\n<line x1=\"").append(a[0]).append("\" y1=\"").append(a[1])
                    .append("\" x2=\"").append(b[0]).append("\" y2=\"").append(b[1])
                    .append("\" stroke=\"").append(faulty ? "#b03a2e" : "#555").append("\" stroke-width=\"3\"")
                    .append(faulty ? " stroke-dasharray=\"8 4\"" : "").append("/>\n");
            int mx = (a[0] + b[0]) / 2;
            int my = (a[1] + b[1]) / 2;
            out.append("<text class=\"shape\" x=\"").append(mx).append("\" y=\"").append(my - 6)
                    .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"#555\">").append(escape(link.shape()))
                    .append("</text>\n");
            if (faulty) {
                out.append("<text class=\"faults\" x=\"").append(mx).append("\" y=\"").append(my + 14)
                        .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"#b03a2e\">").append(escape(link.faults()))
                        .append("</text>\n");
            }
            out.append("</g>\n");
        }
        for (Node node : diagram.nodes()) {
            int[] place = places.get(node.name());
            int x = MARGIN + place[0] * COLUMN;
            int y = MARGIN + place[1] * ROW;
            String fill = switch (node.kind()) {
                case "router" -> "#fdf0dc";
                case "switch" -> "#eeeeee";
                case "kernel" -> "#e6f4e7";
                default -> "#e3ecfa";
            };
            out.append("<g class=\"node ").append(escape(node.kind())).append(node.current() ? " current" : "")
                    .append("\" id=\"node-").append(escape(node.name())).append("\" data-name=\"")
                    .append(escape(node.name())).append("\">\n<rect x=\"").append(x).append("\" y=\"").append(y)
                    .append("\" width=\"").append(BOX_WIDTH).append("\" height=\"").append(BOX_HEIGHT)
                    .append("\" rx=\"").append(node.kind().equals("router") ? 25 : 8).append("\" fill=\"").append(fill)
                    .append("\" stroke=\"").append(node.current() ? "#c2185b" : "#1f4e9c").append("\" stroke-width=\"")
                    .append(node.current() ? 4 : 1.5).append("\"/>\n<text class=\"name\" x=\"").append(x + BOX_WIDTH / 2)
                    .append("\" y=\"").append(y + 21).append("\" text-anchor=\"middle\" font-weight=\"bold\">")
                    .append(escape(node.name())).append("</text>\n<text class=\"address\" x=\"").append(x + BOX_WIDTH / 2)
                    .append("\" y=\"").append(y + 38).append("\" text-anchor=\"middle\" font-size=\"10\">")
                    .append(escape(node.address().isEmpty() ? node.kind() : node.address())).append("</text>\n");
            if (node.current()) {
                out.append("<text class=\"prompt\" x=\"").append(x + BOX_WIDTH / 2).append("\" y=\"").append(y + BOX_HEIGHT + 14)
                        .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"#c2185b\">the prompt</text>\n");
            }
            out.append("</g>\n");
        }
        return out.append("</svg>\n").toString();
    }

    private static int[] centre(int[] place) {
        return new int[] {MARGIN + place[0] * COLUMN + BOX_WIDTH / 2, MARGIN + place[1] * ROW + BOX_HEIGHT / 2};
    }

    private static String escape(String text) {
        return HtmlReport.escape(text);
    }
}

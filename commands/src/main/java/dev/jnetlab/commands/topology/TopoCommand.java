package dev.jnetlab.commands.topology;

import dev.jnetlab.stack.phy.PcapFile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.Topology;
import dev.jnetlab.host.topology.BuiltinTopologies;
import dev.jnetlab.host.topology.TopologySpec;
import dev.jnetlab.host.topology.TopologySpec.HostSpec;
import dev.jnetlab.host.topology.TopologySpec.LinkSpec;
import dev.jnetlab.host.topology.TopologySpec.NodeSpec;
import dev.jnetlab.host.topology.TopologySpec.RouterSpec;
import dev.jnetlab.host.topology.TopologySpec.TapSpec;
import dev.jnetlab.host.topology.TopologyYaml;
import dev.jnetlab.stack.phy.LinkShape;
import dev.jnetlab.stack.phy.ShapedWire;
import dev.jnetlab.stack.time.Micros;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.jnetlab.stack.iface.Ipv6AddressOrigin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code topo}: the nodes and links of the virtual network as a text picture, one line per
 * link with its properties ({@code --json}: the same as one JSON object); {@code topo save
 * FILE} writes it as a topology file that {@code jnetlab --topology FILE} starts again.
 */
@Command(name = "topo", customSynopsis = "topo [--json] | topo save FILE",
        description = "Shows the nodes and links of the virtual network; 'topo save FILE' writes it as a topology file.",
        footer = {"topo", "topo --json", "topo save mynet.yaml"},
        subcommands = TopoCommand.Save.class)
public final class TopoCommand implements ConsoleCommand {
    @Option(names = "--json", description = "the topology as one JSON object")
    private boolean json;

    /**
     * A node: its name, kind and addresses ({@code eth0 10.0.1.1/24} for a router's), and its
     * IPv6 ones apart: a host's as it has them now ({@code fd00:1::10/64}, one formed by SLAAC
     * marked {@code slaac}) and its given default router ({@code gateway6 fd00:1::1}); a
     * router's per interface, marked {@code advertised} where it sends Router Advertisements.
     */
    public record NodeView(String name, String kind, List<String> addresses, List<String> addresses6) {
    }

    /**
     * A link: its ends, what it is like, the frames its queues have dropped at the tail so far
     * each way (what makes a bottleneck's congestion visible; 0 on the pair, whose wire has no
     * bandwidth), the frames it took each way, and those in its queues now.
     */
    public record LinkView(String name, String a, String b, long delayMicros, long jitterMicros, long bitsPerSecond, int queue,
                           int mtu, double lossAToB, double lossBToA, long tailDropsAToB, long tailDropsBToA,
                           long framesAToB, long framesBToA, int queuedAToB, int queuedBToA) {
    }

    /** The network: what {@code topo} prints, and {@code topo --json}'s fields. */
    public record Topo(String name, String current, List<NodeView> nodes, List<LinkView> links,
                       @com.fasterxml.jackson.annotation.JsonIgnore boolean asJson)
            implements CommandResult {
        @Override
        public String text() {
            if (asJson) {
                try {
                    return new ObjectMapper().writeValueAsString(new Json(name, current, nodes, links));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            StringBuilder out = new StringBuilder();
            out.append(name).append(": ").append(nodes.size()).append(nodes.size() == 1 ? " node, " : " nodes, ")
                    .append(links.size()).append(links.size() == 1 ? " link" : " links").append("; the prompt is on ").append(current);
            for (NodeView node : nodes) {
                out.append("\n  ").append(node.kind().equals("host") ? "[" + node.name() + "]"
                        : node.kind().equals("router") ? "<" + node.name() + ">"
                        : node.kind().equals("tap") ? "(" + node.name() + ")" : "{" + node.name() + "}");
                out.append(' ').append(node.kind());
                if (!node.addresses().isEmpty()) {
                    out.append("  ").append(String.join(", ", node.addresses()));
                }
                if (!node.addresses6().isEmpty()) {
                    out.append("\n  ").append(" ".repeat(node.name().length() + 2 + 1 + node.kind().length() + 2))
                            .append(String.join(", ", node.addresses6()));
                }
            }
            for (LinkView link : links) {
                out.append("\n  ").append(link.a()).append(" ──[").append(describe(link)).append("]── ").append(link.b());
            }
            return out.toString();
        }

        /** {@code 20ms±5ms 2Mbit/s queue 20 mtu 1500 loss 1% tail drops 43/0 queued 17/0}. */
        static String describe(LinkView link) {
            StringBuilder out = new StringBuilder(Micros.format(link.delayMicros()));
            if (link.jitterMicros() != 0) {
                out.append('±').append(Micros.format(link.jitterMicros()));
            }
            if (link.bitsPerSecond() != 0) {
                long bps = link.bitsPerSecond();
                out.append(' ').append(bps % 1_000_000 == 0 ? bps / 1_000_000 + "Mbit/s"
                        : bps % 1000 == 0 ? bps / 1000 + "kbit/s" : bps + "bit/s");
                out.append(" queue ").append(link.queue());
            }
            out.append(" mtu ").append(link.mtu());
            if (link.lossAToB() != 0 || link.lossBToA() != 0) {
                out.append(" loss ").append(link.lossAToB() == link.lossBToA() ? link.lossAToB() + "%"
                        : link.lossAToB() + "%/" + link.lossBToA() + "%");
            }
            if (link.tailDropsAToB() != 0 || link.tailDropsBToA() != 0) {
                out.append(" tail drops ").append(link.tailDropsAToB()).append('/').append(link.tailDropsBToA());
            }
            if (link.queuedAToB() != 0 || link.queuedBToA() != 0) {
                out.append(" queued ").append(link.queuedAToB()).append('/').append(link.queuedBToA());
            }
            return out.toString();
        }
    }

    /** The JSON form of {@link Topo}, without the switch that asked for it. */
    record Json(String name, String current, List<NodeView> nodes, List<LinkView> links) {
    }

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        return session.stack((network, now) -> view(spec(network), network.currentNode(), json,
                network.topology().map(t -> List.copyOf(t.wires().values())).orElse(List.of()), now, running6(network, now)));
    }

    /**
     * Each host's IPv6 addresses as it has them now, but link-local ones: the given ones and
     * those SLAAC formed from a router's advertisement ({@code slaac}); none for a host
     * without IPv6.
     */
    private static Map<String, List<String>> running6(Network network, long now) {
        Map<String, List<String>> hosts = new HashMap<>();
        if (network.topology().isPresent()) {
            for (Topology.HostNode node : network.topology().get().hosts()) {
                hosts.put(node.name(), addresses6(node.host(), now));
            }
        } else {
            hosts.put("this", addresses6(network.local(), now));
            network.peer().ifPresent(peer -> hosts.put("peer", addresses6(peer, now)));
        }
        return hosts;
    }

    private static List<String> addresses6(Host host, long now) {
        return host.iface().ipv6Addresses(now).stream().filter(a -> !a.address().isLinkLocal())
                .map(a -> a.address() + "/" + a.prefixLength() + (a.origin() == Ipv6AddressOrigin.SLAAC ? " slaac" : ""))
                .toList();
    }

    /** The spec of the network running: the topology's, or the pair's with this host's addresses. */
    static TopologySpec spec(Network network) {
        return network.topology().map(t -> t.spec()).orElseGet(() -> pair(network));
    }

    private static TopologySpec pair(Network network) {
        TopologySpec pair = BuiltinTopologies.named("pair").orElseThrow();
        if (!network.isVirtual()) {
            return new TopologySpec(network.deviceDescription(), List.of(pair.nodes().get(0)), List.of(), "this");
        }
        HostSpec template = (HostSpec) pair.nodes().get(0);
        HostSpec self = new HostSpec("this", network.local().iface().addresses().get(0),
                network.local().iface().defaultGateway(), List.of(), List.of());
        List<NodeSpec> nodes = List.of(template.name().equals("this") ? self : template, pair.nodes().get(1));
        return new TopologySpec("pair", nodes, pair.links(), "this");
    }

    /**
     * {@code wires}: the running links in the spec's order, whose drops and queues at {@code now}
     * are shown; none for the pair. {@code running6}: each host's IPv6 addresses now; a host not
     * in it shows its spec's.
     */
    static Topo view(TopologySpec spec, String current, boolean json, List<ShapedWire> wires, long now,
                     Map<String, List<String>> running6) {
        List<NodeView> nodes = new ArrayList<>();
        for (NodeSpec node : spec.nodes()) {
            List<String> addresses = new ArrayList<>();
            List<String> addresses6 = new ArrayList<>();
            if (node instanceof HostSpec host) {
                addresses.add(host.address().toString());
                host.gateway().ifPresent(g -> addresses.add("gateway " + g));
                addresses6.addAll(running6.getOrDefault(host.name(), host.address6().map(a -> List.of(a.toString())).orElse(List.of())));
                host.gateway6().ifPresent(g -> addresses6.add("gateway6 " + g));
            } else if (node instanceof RouterSpec router) {
                router.interfaces().forEach((name, cidr) -> addresses.add(name + " " + cidr));
                for (String name : router.interfaces().keySet()) { // in the interfaces' order, whatever map gave interfaces6
                    if (router.interfaces6().containsKey(name)) {
                        addresses6.add(name + " " + router.interfaces6().get(name)
                                + (router.advertise6().contains(name) ? " advertised" : ""));
                    }
                }
            } else if (node instanceof TapSpec tap) {
                addresses.add("the kernel through " + tap.device());
            }
            nodes.add(new NodeView(node.name(), node.kind(), addresses, addresses6));
        }
        List<LinkView> links = new ArrayList<>();
        for (int i = 0; i < spec.links().size(); i++) {
            LinkSpec link = spec.links().get(i);
            LinkShape shape = link.shape();
            ShapedWire wire = i < wires.size() ? wires.get(i) : null;
            links.add(new LinkView(link.name(), link.a(), link.b(), shape.delayMicros(), shape.jitterMicros(), shape.bitsPerSecond(),
                    shape.queueFrames(), shape.mtu(), link.aToB().dropPercent(), link.bToA().dropPercent(),
                    wire == null ? 0 : wire.tailDrops(true), wire == null ? 0 : wire.tailDrops(false),
                    wire == null ? 0 : wire.frames(true), wire == null ? 0 : wire.frames(false),
                    wire == null ? 0 : wire.queued(true, now), wire == null ? 0 : wire.queued(false, now)));
        }
        return new Topo(spec.name(), current.equals("this host") ? "this" : current, nodes, links, json);
    }

    @Command(name = "save", customSynopsis = "topo save FILE",
            description = "Writes the topology as a YAML file; 'jnetlab --topology FILE' starts it again.")
    public static final class Save implements ConsoleCommand {
        @Parameters(paramLabel = "FILE")
        private Path file;

        /** Where the topology went. */
        public record Saved(String file, int nodes, int links) implements CommandResult {
            @Override
            public String text() {
                return "saved " + nodes + (nodes == 1 ? " node and " : " nodes and ") + links + (links == 1 ? " link" : " links")
                        + " to " + file;
            }
        }

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            TopologySpec spec = session.stack((network, now) -> spec(network));
            try {
                Files.writeString(file, TopologyYaml.write(spec));
            } catch (IOException e) {
                throw new CommandException("FILE: cannot write " + file + ": " + PcapFile.reason(e));
            }
            return new Saved(file.toString(), spec.nodes().size(), spec.links().size());
        }
    }
}

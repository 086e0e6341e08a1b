package dev.jnetlab.host;

import dev.jnetlab.stack.phy.Tracer;
import dev.jnetlab.host.driver.Pollable;
import dev.jnetlab.host.topology.SimulationClock;
import dev.jnetlab.host.topology.TopologyRules;
import dev.jnetlab.host.topology.TopologySpec;
import dev.jnetlab.host.topology.TopologySpec.HostSpec;
import dev.jnetlab.host.topology.TopologySpec.LinkSpec;
import dev.jnetlab.host.topology.TopologySpec.NodeSpec;
import dev.jnetlab.host.topology.TopologySpec.RouteSpec;
import dev.jnetlab.host.topology.TopologySpec.RouterSpec;
import dev.jnetlab.host.topology.TopologySpec.SwitchSpec;
import dev.jnetlab.host.topology.TopologySpec.TapSpec;
import dev.jnetlab.stack.forward.LearningSwitch;
import dev.jnetlab.stack.forward.Router;
import dev.jnetlab.stack.iface.InterfaceConfig;
import dev.jnetlab.stack.phy.CaptureFileException;
import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.DeviceOpenException;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.FaultInjector;
import dev.jnetlab.stack.phy.FaultScope;
import dev.jnetlab.stack.phy.FrameFilter;
import dev.jnetlab.stack.phy.LinkCapture;
import dev.jnetlab.stack.phy.ShapedWire;
import dev.jnetlab.stack.rand.SplitMix64;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.IpAddress;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A virtual network of many nodes, running: every host a complete stack on its own
 * {@link Link} (so faults, capture and trace work per host as on the pair), every router a
 * {@link Router}, every switch a {@link LearningSwitch}, every link a {@link ShapedWire} with
 * its faults each way, a {@link TapNode} for the kernel behind a tap, and a {@link FrameGate}
 * where each link hands frames to a node, for the
 * {@link SimulationClock}. Built from a {@link TopologySpec}; polled by the event loop as one
 * {@link Pollable}, all nodes on one clock.
 *
 * <p>Not thread-safe: the event loop owns it (ARCHITECTURE.md §2).
 */
public final class Topology implements Pollable {
    /** A host of the topology: its stack, its device chain, and the ladders of its connections. */
    public record HostNode(String name, Host host, Link link, ConnectionLadders ladders) {
    }

    /** Mixed with the topology's seed and a link's index into the seed of the link's jitter: "JITTER" in ASCII. */
    private static final long JITTER_SEEDS = 0x4A49_5454_4552L;

    /**
     * Sees every frame that crosses a link, as it reaches the node at the link's far end: for
     * the live web view, which draws it moving. The frame is lent for the call, on the event
     * loop's thread.
     */
    @FunctionalInterface
    public interface FrameWatcher {
        void crossed(long now, String link, String toNode, byte[] frame, int offset, int length);
    }

    private final TopologySpec spec;
    private final Map<String, HostNode> hosts = new LinkedHashMap<>();
    private final Map<String, Router> routers = new LinkedHashMap<>();
    private final Map<String, LearningSwitch> switches = new LinkedHashMap<>();
    private final Map<String, ShapedWire> wires = new LinkedHashMap<>();
    /** Each link's capture, by the link's name: between the sender's faults and the cable. */
    private final Map<String, LinkCapture> captures = new LinkedHashMap<>();
    /** The same, by the link's name written from b to a ({@code h3-r1}). */
    private final Map<String, LinkCapture> reversedCaptures = new LinkedHashMap<>();
    private final Map<String, LinkTrace> traces = new LinkedHashMap<>();
    private final Map<String, LinkTrace> reversedTraces = new LinkedHashMap<>();
    private final List<FrameGate> gates = new ArrayList<>();
    private final FrameEvents events = new FrameEvents();
    private final SimulationClock clock;
    /** Hosts, routers and switches in one list each, walked by index on every poll. */
    private final List<HostNode> hostList = new ArrayList<>();
    private final List<Router> routerList = new ArrayList<>();
    private final List<LearningSwitch> switchList = new ArrayList<>();
    private final List<TapNode> tapList = new ArrayList<>();

    private Topology(TopologySpec spec, SimulationClock clock) {
        this.spec = spec;
        this.clock = clock;
        events.setOrigin(clock.now());
    }

    /**
     * Builds the network {@code spec} describes, on {@code clock}, drawing every random choice
     * from {@code seed}; trace lines of every host go to {@code output}.
     *
     * @throws IllegalArgumentException when the spec cannot be built (a host on two links, an
     *     interface on none, a gateway on no network of its host); the message says which
     */
    public static Topology build(TopologySpec spec, SimulationClock clock, long seed, Output output) {
        try {
            return build(spec, clock, seed, output, TapOpener.NONE);
        } catch (DeviceOpenException e) {
            throw new IllegalStateException("no device is opened without an opener", e);
        }
    }

    /**
     * {@link #build(TopologySpec, SimulationClock, long, Output)}, opening the device of each
     * {@code tap} node with {@code taps}; the caller closes what it opened.
     *
     * @throws DeviceOpenException when a tap cannot be opened
     */
    public static Topology build(TopologySpec spec, SimulationClock clock, long seed, Output output, TapOpener taps)
            throws DeviceOpenException {
        TopologyRules.check(spec);
        Topology topology = new Topology(spec, clock);
        SplitMix64 seeds = new SplitMix64(seed);
        Map<String, List<Device>> ends = new LinkedHashMap<>();
        int linkIndex = 0;
        for (LinkSpec link : spec.links()) {
            // The jitter's seed is derived, not drawn, so that the nodes draw what they drew before links had jitter.
            ShapedWire wire = new ShapedWire(link.shape(), SplitMix64.mix(seed ^ (JITTER_SEEDS + linkIndex++)));
            LinkCapture capture = new LinkCapture(wire.a(), wire.b());
            String name = uniqueName(topology.wires, link.name());
            // Traced at end a, next to the cable: what a puts on it and what reaches a from it.
            TraceOutput traceOutput = TraceOutput.ofLink(output, name, LinkSpec.node(link.a()), LinkSpec.node(link.b()));
            LinkTrace trace = new LinkTrace(new Tracer(capture.a(), traceOutput, traceOutput), traceOutput);
            topology.wires.put(name, wire);
            topology.captures.put(name, capture);
            topology.traces.put(name, trace);
            String reversed = LinkSpec.node(link.b()) + "-" + LinkSpec.node(link.a());
            topology.reversedCaptures.putIfAbsent(reversed, capture);
            topology.reversedTraces.putIfAbsent(reversed, trace);
            ends.computeIfAbsent(link.a(), k -> new ArrayList<>())
                    .add(topology.end(trace.tracer(), link.aToB(), seeds.nextLong(), LinkSpec.node(link.a()), name));
            ends.computeIfAbsent(link.b(), k -> new ArrayList<>())
                    .add(topology.end(capture.b(), link.bToA(), seeds.nextLong(), LinkSpec.node(link.b()), name));
        }
        int nodeIndex = 0;
        for (NodeSpec node : spec.nodes()) {
            nodeIndex++;
            long nodeSeed = seeds.nextLong();
            if (node instanceof HostSpec host) {
                Device device = ends.get(host.name()).get(0);
                Link link = new Link(device, FaultConfig.NONE, nodeSeed, output);
                InterfaceConfig config = InterfaceConfig.of(mac(nodeIndex, 0), host.address()).withSeed(nodeSeed);
                if (host.gateway().isPresent()) {
                    config = config.withDefaultGateway(host.gateway().get());
                }
                Host stack = new Host(host.name(), config, link.top());
                configureIpv6(host, stack);
                for (RouteSpec route : host.routes()) {
                    stack.iface().addRoute(route.destination(), route.via());
                }
                for (String service : host.services()) {
                    if (!service.equals(DnsServer.NAME)) { // started below, once every node's name is known
                        stack.addService(Servers.create(service, Servers.defaultPort(service)).start(stack));
                    }
                }
                ConnectionLadders ladders = new ConnectionLadders(link.monitor(), stack.sockets());
                link.faultListener(ladders);
                HostNode hostNode = new HostNode(host.name(), stack, link, ladders);
                topology.hosts.put(host.name(), hostNode);
                topology.hostList.add(hostNode);
            } else if (node instanceof RouterSpec spec1) {
                Router router = new Router(spec1.name());
                int port = 0;
                for (Map.Entry<String, Ipv4Cidr> iface : spec1.interfaces().entrySet()) {
                    Device device = ends.get(spec1.name() + "." + iface.getKey()).get(0);
                    router.addPort(device, mac(nodeIndex, ++port), iface.getValue());
                }
                for (RouteSpec route : spec1.routes()) {
                    router.addRoute(route.destination(), route.via());
                }
                int index6 = 0;
                for (String iface : spec1.interfaces().keySet()) {
                    TopologySpec.Prefix6 address6 = spec1.interfaces6().get(iface);
                    if (address6 != null) {
                        router.addAddress6(index6, address6.address(), address6.length());
                    }
                    index6++;
                }
                List<String> names = List.copyOf(spec1.interfaces().keySet());
                for (String iface : spec1.advertise6()) {
                    router.advertise6(names.indexOf(iface));
                }
                router.setSeed(nodeSeed);
                for (TopologySpec.Route6Spec route : spec1.routes6()) {
                    router.addRoute6(route.destination().address(), route.destination().length(), route.via());
                }
                router.setIcmpRateLimit(spec1.icmpRate());
                topology.routers.put(spec1.name(), router);
                topology.routerList.add(router);
            } else if (node instanceof SwitchSpec sw) {
                LearningSwitch learning = new LearningSwitch(sw.name());
                for (Device device : ends.getOrDefault(sw.name(), List.of())) {
                    learning.addPort(device);
                }
                topology.switches.put(sw.name(), learning);
                topology.switchList.add(learning);
            } else if (node instanceof TapSpec tap) {
                topology.tapList.add(new TapNode(tap.name(), taps.open(tap.device()), ends.get(tap.name()).get(0)));
            }
        }
        for (NodeSpec node : spec.nodes()) {
            if (node instanceof HostSpec host && host.services().contains(DnsServer.NAME)) {
                Host stack = topology.hosts.get(host.name()).host();
                stack.addService(new DnsServer(DnsZone.ofNodes(topology.nodeAddresses())).start(stack));
            }
        }
        return topology;
    }

    private static String uniqueName(Map<String, ?> taken, String name) {
        String candidate = name;
        for (int i = 2; taken.containsKey(candidate); i++) {
            candidate = name + "#" + i;
        }
        return candidate;
    }

    /**
     * The capture of the link called {@code name} ({@code r1-h3}), or of {@code h3-r1} written
     * the other way round; empty when there is no such link.
     */
    public Optional<LinkCapture> linkCapture(String name) {
        return Optional.ofNullable(captures.getOrDefault(name, reversedCaptures.get(name)));
    }

    /**
     * The trace of the link called {@code name} ({@code r1-h3}, or {@code h3-r1}): off until
     * {@code trace on link NAME}; empty when there is no such link.
     */
    public Optional<LinkTrace> linkTrace(String name) {
        return Optional.ofNullable(traces.getOrDefault(name, reversedTraces.get(name)));
    }

    /** A link's tracer and the settings of its lines ({@code -v}, {@code -e}, the filter's text). */
    public record LinkTrace(Tracer tracer, TraceOutput output) {
    }

    /** A link's end as its node sees it: faults on what the node sends (this direction), then the gate. */
    private Device end(Device end, FaultConfig faults, long seed, String node, String link) {
        Device device = end;
        if (!faults.equals(FaultConfig.NONE)) {
            FaultInjector injector = new FaultInjector(end, faults, seed);
            injector.setScope(new FaultScope(false, true, FrameFilter.ALL));
            device = injector;
        }
        FrameGate gate = new FrameGate(device, node, link, events);
        gates.add(gate);
        return gate;
    }

    /** Locally administered, unique per node and port: 02:00:00:10:NN:PP. */
    static MacAddress mac(int node, int port) {
        return MacAddress.of(0x0200_0010_0000L | (long) (node & 0xFF) << 8 | (port & 0xFF));
    }

    public TopologySpec spec() {
        return spec;
    }

    public SimulationClock clock() {
        return clock;
    }

    public Optional<HostNode> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    public List<HostNode> hosts() {
        return List.copyOf(hostList);
    }

    /**
     * Gives {@code host}'s stack the IPv6 address and default router its spec names, those it
     * has not (IPv6 turned off forgets them; turned on again, the host is as the topology
     * made it). Nothing for a host without IPv6 in its spec.
     */
    static void configureIpv6(HostSpec host, Host stack) {
        if (host.address6().isEmpty()) {
            return;
        }
        TopologySpec.Prefix6 address = host.address6().get();
        if (stack.iface().ipv6Addresses(0).stream().noneMatch(a -> a.address().equals(address.address()))) {
            stack.iface().addAddress(address.address(), address.length());
        }
        host.gateway6().ifPresent(stack.iface()::addDefaultRouter);
    }

    /** {@link #configureIpv6} for the host called {@code name}, if it is one of this topology's. */
    public void configureIpv6(String name) {
        spec.nodes().stream().filter(n -> n instanceof HostSpec h && h.name().equals(name)).map(HostSpec.class::cast)
                .findFirst().ifPresent(h -> host(name).ifPresent(node -> configureIpv6(h, node.host())));
    }

    public Optional<Router> router(String name) {
        return Optional.ofNullable(routers.get(name));
    }

    public Optional<LearningSwitch> networkSwitch(String name) {
        return Optional.ofNullable(switches.get(name));
    }

    /** The tap nodes: the kernel, through a tap device, as one more node. */
    public List<TapNode> taps() {
        return List.copyOf(tapList);
    }

    /**
     * Hands every frame that reaches a node over a link to {@code watcher} from now on, or to
     * nobody ({@code null}): while nobody watches, the links carry nothing for it (§4).
     */
    public void watchFrames(FrameWatcher watcher) {
        events.setWatcher(watcher);
    }

    /** Whether someone watches the frames cross the links. */
    public boolean framesWatched() {
        return events.watcher() != null;
    }

    /** The links by name ({@code h1-r1}), in the spec's order. */
    public Map<String, ShapedWire> wires() {
        return java.util.Collections.unmodifiableMap(wires);
    }

    /**
     * The address a node's name stands for in commands: a host's address, a router's first
     * port's; empty for a switch or an unknown name.
     */
    public Optional<Ipv4Address> addressOf(String name) {
        HostNode host = hosts.get(name);
        if (host != null) {
            return host.host().iface().addresses().stream().findFirst().map(Ipv4Cidr::address);
        }
        Router router = routers.get(name);
        return router == null ? Optional.empty() : router.ports().stream().findFirst().map(p -> p.address().address());
    }

    /**
     * Every host and router by name, with each of its interfaces' addresses (hosts first, in the
     * spec's order): the names {@code serve dns} answers on a topology ({@code h2.lab},
     * {@code r1.lab} with one A record per port), and their PTR records back.
     */
    public Map<String, List<Ipv4Address>> nodeAddresses() {
        Map<String, List<Ipv4Address>> nodes = new LinkedHashMap<>();
        for (HostNode host : hostList) {
            nodes.put(host.name(), host.host().iface().addresses().stream().map(Ipv4Cidr::address).toList());
        }
        for (Router router : routerList) {
            nodes.put(router.name(), router.ports().stream().map(p -> p.address().address()).toList());
        }
        return nodes;
    }

    /**
     * The address of the first host that runs {@code dns} from the start, which every host's
     * resolver asks, as the pair's host asks the peer; empty when none does.
     */
    public Optional<Ipv4Address> nameServer() {
        for (HostNode host : hostList) {
            if (host.host().service(DnsServer.NAME).isPresent()) {
                return host.host().iface().addresses().stream().findFirst().map(Ipv4Cidr::address);
            }
        }
        return Optional.empty();
    }

    /** The name of the node that has {@code address}, of either family, for traceroute's lines; empty if none has. */
    public Optional<String> nameOf(IpAddress address) {
        return address instanceof Ipv6Address v6 ? nameOf(v6) : nameOf((Ipv4Address) address);
    }

    /** The name of the host or router that has the IPv6 {@code address}, a link-local one too; empty if none has. */
    public Optional<String> nameOf(Ipv6Address address) {
        for (HostNode host : hostList) {
            if (host.host().iface().ipv6Addresses(clock.now()).stream().anyMatch(a -> a.address().equals(address))) {
                return Optional.of(host.name());
            }
        }
        for (Router router : routerList) {
            if (router.hasAddress6(address) || router.ports().stream().anyMatch(p -> p.linkLocal().equals(address))) {
                return Optional.of(router.name());
            }
        }
        return Optional.empty();
    }

    /**
     * The IPv6 address a node's name stands for with {@code -6}: a host's first that is not
     * link-local (tentative ones too), a router's first port's; empty for a node without one.
     */
    public Optional<Ipv6Address> address6Of(String name) {
        HostNode host = hosts.get(name);
        if (host != null) {
            return host.host().iface().ipv6Addresses(clock.now()).stream().map(a -> a.address())
                    .filter(a -> !a.isLinkLocal()).findFirst();
        }
        Router router = routers.get(name);
        if (router == null) {
            return Optional.empty();
        }
        for (int port = 0; port < router.ports().size(); port++) {
            Optional<Ipv6Address> address = router.address6(port);
            if (address.isPresent()) {
                return address;
            }
        }
        return Optional.empty();
    }

    /** The name of the node that has {@code address}, for traceroute's lines; empty if none has. */
    public Optional<String> nameOf(Ipv4Address address) {
        for (HostNode host : hostList) {
            if (host.host().iface().addresses().stream().anyMatch(c -> c.address().equals(address))) {
                return Optional.of(host.name());
            }
        }
        for (Router router : routerList) {
            if (router.hasAddress(address)) {
                return Optional.of(router.name());
            }
        }
        return Optional.empty();
    }

    @Override
    public void poll(long now) {
        for (int i = 0; i < tapList.size(); i++) {
            tapList.get(i).poll(now);
        }
        for (int i = 0; i < switchList.size(); i++) {
            switchList.get(i).poll(now);
        }
        for (int i = 0; i < routerList.size(); i++) {
            routerList.get(i).poll(now);
        }
        for (int i = 0; i < hostList.size(); i++) {
            HostNode node = hostList.get(i);
            node.host().poll(now);
            node.ladders().forgetGone(node.host().sockets());
        }
    }

    @Override
    public long pollAt(long now) {
        long at = Micros.NEVER;
        for (int i = 0; i < tapList.size(); i++) {
            at = Math.min(at, tapList.get(i).pollAt(now));
        }
        for (int i = 0; i < switchList.size(); i++) {
            at = Math.min(at, switchList.get(i).pollAt(now));
        }
        for (int i = 0; i < routerList.size(); i++) {
            at = Math.min(at, routerList.get(i).pollAt(now));
        }
        for (int i = 0; i < hostList.size(); i++) {
            at = Math.min(at, hostList.get(i).host().pollAt(now));
        }
        return at;
    }

    // =====================================================================================
    // The simulation clock
    // =====================================================================================

    /** Stops the network: time stands still and no frame reaches a node until a step. */
    public void pause() {
        clock.pause();
        events.setPaused(true);
    }

    /** Lets the network run again at its speed. */
    public void run() {
        events.setPaused(false);
        clock.run();
    }

    public boolean paused() {
        return events.paused();
    }

    /**
     * On a paused network, moves the clock on to each of the next {@code count} frame events in
     * turn (a frame arriving at a node) and delivers exactly those, timers running on the way;
     * returns each event as the tracer writes it, with its node. Fewer when the network falls
     * quiet: nothing in flight and no timer left.
     *
     * @throws IllegalStateException when the network runs
     */
    public List<String> step(int count) {
        if (!paused()) {
            throw new IllegalStateException("the clock runs: 'clock pause' first");
        }
        int done = 0;
        for (int guard = 0; done < count && guard < 100_000; guard++) {
            long now = clock.now();
            poll(now); // what is due now (a timer, what a command queued) goes onto the links first
            long next = Math.min(nextArrival(now), pollAt(now));
            if (next == Micros.NEVER) {
                break;
            }
            clock.advanceTo(next);
            events.allow(1);
            poll(clock.now());
            if (events.allowance() == 0) {
                done++;
            } else {
                events.disallow(); // a timer fired, no frame arrived: not an event
            }
        }
        return events.drain();
    }

    private long nextArrival(long now) {
        long at = Micros.NEVER;
        for (int i = 0; i < gates.size(); i++) {
            at = Math.min(at, gates.get(i).nextArrival(now));
        }
        return at;
    }

    public void beginClose(long now) {
        hostList.forEach(h -> h.host().beginClose(now));
    }

    public boolean closeSettled() {
        return hostList.stream().allMatch(h -> h.host().closeSettled());
    }

    public void abortUnsettled() {
        hostList.forEach(h -> h.host().abortUnsettled());
    }

    /**
     * Removes every host's sockets, stops every trace, and closes every capture still running,
     * a host's or a link's; returns what went wrong with the first that could not be closed.
     */
    public Optional<String> finishClose(long now) {
        Optional<String> problem = Optional.empty();
        for (HostNode node : hostList) {
            node.host().finishClose(now);
            node.link().tracer().off();
            if (node.link().capture().capture().isPresent()) {
                try {
                    node.link().capture().stop();
                } catch (CaptureFileException e) {
                    problem = problem.or(() -> Optional.of(e.getMessage()));
                }
            }
        }
        for (LinkCapture capture : captures.values()) {
            if (capture.capture().isPresent()) {
                try {
                    capture.stop();
                } catch (CaptureFileException e) {
                    problem = problem.or(() -> Optional.of(e.getMessage()));
                }
            }
        }
        return problem;
    }
}

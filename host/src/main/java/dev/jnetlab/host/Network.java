package dev.jnetlab.host;

import dev.jnetlab.host.topology.BuiltinTopologies;
import dev.jnetlab.host.driver.Pollable;
import dev.jnetlab.host.settings.ConsoleSettings;
import dev.jnetlab.host.topology.SimulationClock;
import dev.jnetlab.host.topology.TopologySpec;
import dev.jnetlab.stack.iface.InterfaceConfig;
import dev.jnetlab.stack.phy.CaptureFileException;
import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.DeviceOpenException;
import dev.jnetlab.stack.phy.VirtualWire;
import dev.jnetlab.stack.rand.SplitMix64;
import dev.jnetlab.stack.time.Clock;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the console's event loop drives: this host (the console's stack, on its
 * {@link Link}) and, on the built-in virtual network, the simulated peer host.
 *
 * <ul>
 *   <li>{@link #virtual}: {@code jnetlab} with no DEVICE. This host is on a {@link VirtualWire}
 *       ({@value #WIRE_LATENCY_MICROS} µs each way, so a ping's round trip is 0.5 ms) to a
 *       second, complete stack: the peer, {@code 192.168.69.100} with MAC
 *       {@code 02:00:00:00:00:02}, which answers ARP and ping, runs echo (TCP and UDP 7),
 *       discard (9), chargen (19) and http (80) from the start, and whatever
 *       {@link Service}s are added to it. No root needed.</li>
 *   <li>{@link #attached}: {@code jnetlab tap0} or {@code --raw IFACE}. This host is on the
 *       real device; the peers are the kernel and whatever is behind it.</li>
 * </ul>
 *
 * <p>The fault injector, the capture and the tracer sit on this host's link only, so a fault
 * hits both directions of its traffic and the capture shows what this host saw.
 *
 * <p>Not thread-safe: the event loop owns it. Commands reach it only inside
 * {@code Session.stack(...)}, which runs on the loop's thread.
 */
public final class Network implements Pollable {
    /** The simulated peer's address on the virtual network. */
    public static final Ipv4Cidr PEER_ADDRESS = Ipv4Cidr.parse("192.168.69.100/24");
    public static final MacAddress PEER_MAC = MacAddress.parse("02:00:00:00:00:02");
    /** One-way latency of the virtual wire. */
    public static final long WIRE_LATENCY_MICROS = 250;
    /** The name of the virtual network's interface, where a tap would be called tap0. */
    public static final String VIRTUAL_DEVICE_NAME = "virtual0";

    private final NetworkConfig config;
    /** The current node's link, host and ladders: on a topology, the node the prompt is on ({@link #select}). */
    private Link link;
    private Host local;
    private ConnectionLadders ladders;
    /** The virtual network of many nodes ({@code --topology}), or null. */
    private final Topology topology;
    private final Host peer;
    private final String deviceName;
    private final String deviceDescription;
    private final Output output;
    /** Polled after the hosts, on every poll: a running lab's ticker. */
    private final List<Pollable> companions = new ArrayList<>();
    private final ConsoleSettings settings = new ConsoleSettings();

    private Network(NetworkConfig config, Link link, Host peer, String deviceName, String deviceDescription,
                    Output output) {
        this.config = config;
        this.link = link;
        this.local = new Host("this host", interfaceConfig(config), link.top());
        this.ladders = new ConnectionLadders(link.monitor(), local.sockets());
        link.faultListener(ladders);
        this.peer = peer;
        this.deviceName = deviceName;
        this.deviceDescription = deviceDescription;
        this.output = output;
        this.topology = null;
    }

    private Network(NetworkConfig config, Topology topology, Output output) {
        this.config = config;
        this.topology = topology;
        this.peer = null;
        this.deviceName = VIRTUAL_DEVICE_NAME;
        this.deviceDescription = "topology " + topology.spec().name();
        this.output = output;
        Topology.HostNode start = topology.host(topology.spec().start()).orElseThrow();
        this.local = start.host();
        this.link = start.link();
        this.ladders = start.ladders();
    }

    /**
     * A virtual network of many nodes ({@code --topology}), on a {@link SimulationClock} over
     * {@code base} (the clock its event loop must then read: {@link #simulationClock()}); the
     * prompt starts on the spec's start host. {@code config} gives only the seed and faults.
     *
     * @throws IllegalArgumentException when the spec cannot be built
     */
    public static Network topology(NetworkConfig config, TopologySpec spec, Clock base, Output output) {
        Topology built = Topology.build(spec, new SimulationClock(base), config.seed(), output);
        return new Network(config, built, output);
    }

    /**
     * {@link #topology(NetworkConfig, TopologySpec, Clock, Output)} with its {@code tap} nodes'
     * devices opened by {@code taps}; the caller closes what it opened.
     *
     * @throws DeviceOpenException when a tap cannot be opened
     */
    public static Network topology(NetworkConfig config, TopologySpec spec, Clock base, Output output, TapOpener taps)
            throws DeviceOpenException {
        Topology built = Topology.build(spec, new SimulationClock(base), config.seed(), output, taps);
        return new Network(config, built, output);
    }

    /** The topology, when the network is one ({@code --topology} other than pair). */
    public Optional<Topology> topology() {
        return Optional.ofNullable(topology);
    }

    /** The clock a topology runs on, which its event loop reads; empty for the pair and a device. */
    public Optional<SimulationClock> simulationClock() {
        return topology().map(Topology::clock);
    }

    /** The name of the node the prompt is on: a topology's host, or {@code this host}. */
    public String currentNode() {
        return local.name();
    }

    /**
     * Moves the prompt to the host called {@code name}: {@link #local()} and {@link #link()}
     * are then that host's.
     *
     * @throws IllegalArgumentException when there is no topology or no host of that name
     */
    public void select(String name) {
        if (topology == null) {
            throw new IllegalArgumentException("there is one node here; 'jnetlab --topology " + BuiltinTopologies.MANY_NODES + "' has more");
        }
        Topology.HostNode node = topology.host(name).orElseThrow(() -> new IllegalArgumentException(
                topology.router(name).isPresent() || topology.networkSwitch(name).isPresent()
                        ? name + " is a " + (topology.router(name).isPresent() ? "router" : "switch")
                                + ": commands run on hosts (" + hostNames() + ")"
                        : "no node called " + name + " (hosts: " + hostNames() + ")"));
        this.local = node.host();
        this.link = node.link();
        this.ladders = node.ladders();
    }

    private String hostNames() {
        return String.join(", ", topology.hosts().stream().map(Topology.HostNode::name).toList());
    }

    /**
     * The built-in virtual network: this host and the simulated peer on a virtual wire.
     *
     * @throws IllegalArgumentException when the configuration cannot work: this host would
     *     have the peer's address, or the interface refuses it
     */
    public static Network virtual(NetworkConfig config, Output output) {
        if (config.address().address().equals(PEER_ADDRESS.address())) {
            throw new IllegalArgumentException(PEER_ADDRESS.address()
                    + " is the simulated peer's address on the virtual network: give this host another one");
        }
        if (config.mac().equals(PEER_MAC)) {
            throw new IllegalArgumentException(PEER_MAC + " is the simulated peer's MAC address: give this host another one");
        }
        VirtualWire wire = new VirtualWire(1500, WIRE_LATENCY_MICROS, VirtualWire.DEFAULT_CAPACITY);
        InterfaceConfig peerConfig = InterfaceConfig.of(PEER_MAC, PEER_ADDRESS).withSeed(mix(config.seed()));
        Host peer = new Host("the peer", peerConfig, wire.b());
        Servers.startPeerDefaults(peer);
        Link link = new Link(wire.a(), config.faults(), config.seed(), output);
        return new Network(config, link, peer, VIRTUAL_DEVICE_NAME,
                "virtual wire to the simulated peer " + PEER_ADDRESS.address(), output);
    }

    /**
     * This host on a real device.
     *
     * @param name        the device's name ({@code tap0})
     * @param description what it is, for {@code iface} ({@code tap tap0})
     * @throws IllegalArgumentException when the interface refuses the configuration
     */
    public static Network attached(NetworkConfig config, Device device, String name, String description, Output output) {
        Link link = new Link(device, config.faults(), config.seed(), output);
        return new Network(config, link, null, name, description, output);
    }

    private static InterfaceConfig interfaceConfig(NetworkConfig config) {
        InterfaceConfig iface = InterfaceConfig.of(config.mac(), config.address()).withSeed(config.seed());
        return config.gateway().map(iface::withDefaultGateway).orElse(iface);
    }

    /** A well-spread seed for the peer, so that it draws differently from this host. */
    private static long mix(long seed) {
        return SplitMix64.mix(seed ^ 0x7065_6572_7065_6572L); // "peerpeer"
    }

    /** The console's own host. */
    public Host local() {
        return local;
    }

    /** The simulated peer's IPv6 address, on the prefix it advertises. */
    public static final Ipv6Address PEER_IPV6 = Ipv6Address.parse("fd00::100");
    /** The prefix the simulated peer advertises as a router, so that this host forms an address in it by SLAAC. */
    public static final Ipv6Address PEER_IPV6_PREFIX = Ipv6Address.parse("fd00::");

    /**
     * Turns IPv6 on for this host (its link-local address, DAD, router solicitation) and, on the
     * virtual network, for the peer: fd00::100/64, advertising fd00::/64 as a router, so this
     * host forms fd00::ff:fe00:1-style addresses by SLAAC with no root and no setup. Off until
     * asked, so IPv4-only sessions see no IPv6 frame. On a topology, the current host gets back
     * the IPv6 address and default router its spec names, should IPv6 have been turned off
     * meanwhile (as a lab does at its start). Run on the stack's thread.
     */
    public void enableIpv6() {
        local.iface().enableIpv6();
        if (topology != null) {
            topology.configureIpv6(currentNode());
        }
        if (peer != null && !peer.iface().ipv6Enabled()) {
            peer.iface().addAddress(PEER_IPV6, 64);
            peer.iface().advertisePrefix(PEER_IPV6_PREFIX, 64);
        }
    }

    /** The simulated peer, on the virtual network only. */
    public Optional<Host> peer() {
        return Optional.ofNullable(peer);
    }

    public boolean isVirtual() {
        return peer != null;
    }

    /** This host's device chain: faults, capture, trace. */
    public Link link() {
        return link;
    }

    /**
     * The segments of this host's connections that the {@code tcp} commands opened or accepted,
     * for {@code tcp ladder H}; a connection is forgotten once its socket has left the set.
     */
    public ConnectionLadders ladders() {
        return ladders;
    }

    public NetworkConfig config() {
        return config;
    }

    /** The interface's name: the tap's or raw socket's interface, or {@value #VIRTUAL_DEVICE_NAME}. */
    public String deviceName() {
        return deviceName;
    }

    /** What the device is, in a few words: {@code tap tap0}, {@code raw socket on eth0}. */
    public String deviceDescription() {
        return deviceDescription;
    }

    /** Where lines for the person go: trace lines, and what services and watches have to say. */
    public Output output() {
        return output;
    }

    /**
     * The settings of the sockets commands make from now on ({@code set}, a running lab's):
     * make each with {@code settings().effective().newTcpSocket()} (or {@code newUdpSocket},
     * {@code newIcmpSocket}).
     */
    public ConsoleSettings settings() {
        return settings;
    }

    /**
     * Polls {@code companion} beside the hosts from now on, after them on every poll, and
     * counts its deadline among theirs: work that must run on the stack's clock though it is no
     * host (a running lab's checks). Whoever drives the network drives it, the console's event
     * loop and a test's {@code VirtualDriver} alike.
     */
    public void addCompanion(Pollable companion) {
        companions.add(Objects.requireNonNull(companion, "companion"));
    }

    @Override
    public void poll(long now) {
        if (topology != null) {
            topology.poll(now);
            pollCompanions(now);
            return;
        }
        local.poll(now);
        ladders.forgetGone(local.sockets());
        if (peer != null) {
            peer.poll(now);
        }
        pollCompanions(now);
    }

    private void pollCompanions(long now) {
        for (int i = 0; i < companions.size(); i++) {
            companions.get(i).poll(now);
        }
    }

    @Override
    public long pollAt(long now) {
        long at = topology != null ? topology.pollAt(now) : local.pollAt(now);
        if (peer != null) {
            at = Math.min(at, peer.pollAt(now));
        }
        for (int i = 0; i < companions.size(); i++) {
            at = Math.min(at, companions.get(i).pollAt(now));
        }
        return at;
    }

    /**
     * The first half of a graceful {@code quit}: services stopped, listeners closed, a FIN on every
     * TCP connection of this host (the peer's connections close as well). Poll until
     * {@link #closeSettled()} (bounded), then {@link #finishClose}.
     */
    public void beginClose(long now) {
        if (topology != null) {
            topology.beginClose(now);
            return;
        }
        local.beginClose(now);
        if (peer != null) {
            peer.beginClose(now);
        }
    }

    /** Whether every connection of both hosts has finished its closing handshake. */
    public boolean closeSettled() {
        if (topology != null) {
            return topology.closeSettled();
        }
        return local.closeSettled() && (peer == null || peer.closeSettled());
    }

    /** Aborts the connections of both hosts that have not finished closing; their RSTs go out on the next poll. */
    public void abortUnsettled() {
        if (topology != null) {
            topology.abortUnsettled();
            return;
        }
        local.abortUnsettled();
        if (peer != null) {
            peer.abortUnsettled();
        }
    }

    /** Aborts what is left, removes every socket, stops the tracer and the capture. */
    public Optional<String> finishClose(long now) {
        if (topology != null) {
            return topology.finishClose(now);
        }
        local.finishClose(now);
        if (peer != null) {
            peer.finishClose(now);
        }
        link.tracer().off();
        if (link.capture().capture().isPresent()) {
            try {
                link.capture().stop();
            } catch (CaptureFileException e) {
                return Optional.of(e.getMessage());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Network[" + deviceDescription + ", " + Objects.toString(local) + "]";
    }
}

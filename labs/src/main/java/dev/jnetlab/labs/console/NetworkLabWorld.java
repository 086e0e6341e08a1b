package dev.jnetlab.labs.console;

import dev.jnetlab.host.DhcpServer;
import dev.jnetlab.host.Host;
import dev.jnetlab.host.Link;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.Service;
import dev.jnetlab.host.Topology;
import dev.jnetlab.host.TraceOutput;
import dev.jnetlab.labs.check.NetworkKind;
import dev.jnetlab.labs.check.TcpOptions;
import dev.jnetlab.labs.check.LabFrameObserver;
import dev.jnetlab.labs.check.LabWorld;
import dev.jnetlab.labs.check.ListenerStatus;
import dev.jnetlab.labs.check.TraceSettings;
import dev.jnetlab.labs.check.LinkCounters;
import dev.jnetlab.host.topology.TopologySpec.LinkSpec;
import dev.jnetlab.stack.phy.ShapedWire;
import dev.jnetlab.stack.iface.InterfaceStats;
import dev.jnetlab.stack.iface.Ipv6AddressInfo;
import dev.jnetlab.stack.iface.Ndp6Entry;
import dev.jnetlab.stack.iface.NeighborEntry;
import dev.jnetlab.stack.phy.CaptureFileException;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.FaultScope;
import dev.jnetlab.stack.phy.FrameMonitor;
import dev.jnetlab.stack.socket.Socket;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.iface.SocketSet;
import dev.jnetlab.stack.socket.SocketSummary;
import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import dev.jnetlab.stack.socket.tcp.TcpListener;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link LabWorld} of the console: what the lab engine reads of the console's
 * {@link Network}, this host's side of it (its interface, its socket set, the frames on its
 * link). Every method runs on the stack's thread, as LabWorld requires.
 *
 * <ul>
 *   <li>frames come from the link's {@code FrameMonitor}, which sits beside the tracer: every
 *       frame, received before the stack and sent after it, whether tracing is on or not (the
 *       lab's observer is one of its listeners, beside the connection ladders of the
 *       {@code tcp} commands);</li>
 *   <li>TCP options become the lab's layer of the network's settings (what {@code set}
 *       lists, with the lab as their origin), which the commands apply to the sockets they make.</li>
 * </ul>
 */
public final class NetworkLabWorld implements LabWorld {
    private final Network network;
    private final NetworkKind kind;
    /** The topology's host this world reads when it is not the start host ({@link #node}); null for the start host. */
    private final String nodeName;
    /** The worlds of the topology's other hosts, made when first asked for (their frame observers live in them). */
    private final Map<String, NetworkLabWorld> nodes = new HashMap<>();
    /** The running lab's observer as the monitor knows it, to be removed when it is replaced; null when none. */
    private FrameMonitor.Listener observing;

    /**
     * @param network the console's network
     * @param kind    what it runs on: the virtual network, a tap, a raw socket
     */
    public NetworkLabWorld(Network network, NetworkKind kind) {
        this(network, kind, null);
        if (network.isVirtual() != (kind == NetworkKind.VIRTUAL)) {
            throw new IllegalArgumentException("the network is " + (network.isVirtual() ? "" : "not ")
                    + "the virtual one, and the kind given is " + kind);
        }
    }

    private NetworkLabWorld(Network network, NetworkKind kind, String nodeName) {
        this.network = Objects.requireNonNull(network, "network");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.nodeName = nodeName;
    }

    /**
     * The host the lab reads: on a topology its start host (h1 on routed), wherever the prompt
     * is, so that work done on another node ({@code node h2}) is not taken for the lab's (a
     * check names that node to look there); the console's own host otherwise.
     */
    private Host host() {
        return startNode().map(Topology.HostNode::host).orElseGet(network::local);
    }

    /** {@link #host()}'s link: its faults, capture and frames. */
    private Link link() {
        return startNode().map(Topology.HostNode::link).orElseGet(network::link);
    }

    private Optional<Topology.HostNode> startNode() {
        return network.topology().flatMap(t -> t.host(nodeName != null ? nodeName : t.spec().start()));
    }

    @Override
    public Optional<LabWorld> node(String name) {
        Optional<Topology> topology = network.topology();
        if (topology.isEmpty() || topology.get().host(name).isEmpty()) {
            return Optional.empty();
        }
        if (name.equals(nodeName != null ? nodeName : topology.get().spec().start())) {
            return Optional.of(this);
        }
        if (nodeName != null) {
            return Optional.empty(); // a host's world does not lead to the others; the lab's does
        }
        return Optional.of(nodes.computeIfAbsent(name, n -> new NetworkLabWorld(network, kind, n)));
    }

    @Override
    public List<String> otherNodes() {
        return network.topology().filter(t -> nodeName == null)
                .map(t -> t.hosts().stream().map(Topology.HostNode::name).filter(n -> !n.equals(t.spec().start())).toList())
                .orElse(List.of());
    }

    @Override
    public Optional<LinkCounters> link(String name, long now) {
        Optional<Topology> topology = network.topology();
        if (topology.isEmpty()) {
            return Optional.empty();
        }
        List<LinkSpec> specs = topology.get().spec().links();
        List<Map.Entry<String, ShapedWire>> wires = List.copyOf(topology.get().wires().entrySet());
        for (int i = 0; i < specs.size() && i < wires.size(); i++) {
            String a = LinkSpec.node(specs.get(i).a());
            String b = LinkSpec.node(specs.get(i).b());
            if (wires.get(i).getKey().equals(name) || (b + "-" + a).equals(name)) {
                ShapedWire wire = wires.get(i).getValue();
                return Optional.of(new LinkCounters(wires.get(i).getKey(), a, b, wire.frames(true), wire.frames(false),
                        wire.tailDrops(true), wire.tailDrops(false), wire.queued(true, now), wire.queued(false, now)));
            }
        }
        return Optional.empty();
    }

    /** The world of a network on the virtual wire. */
    public static NetworkLabWorld virtual(Network network) {
        return new NetworkLabWorld(network, NetworkKind.VIRTUAL);
    }

    @Override
    public NetworkKind network() {
        return kind;
    }

    @Override
    public Optional<String> topology() {
        return network.topology().map(t -> t.spec().name());
    }

    @Override
    public List<NeighborEntry> neighbors(long now) {
        return host().iface().neighbors(now);
    }

    @Override
    public List<Ndp6Entry> ipv6Neighbors(long now) {
        return network.local().iface().ipv6Neighbors(now);
    }

    @Override
    public List<Ipv6AddressInfo> ipv6Addresses(long now) {
        return network.local().iface().ipv6Addresses(now);
    }

    @Override
    public List<SocketSummary> sockets() {
        List<Service> services = host().services();
        return host().sockets().summaries().stream()
                .filter(s -> services.stream().noneMatch(service -> service.owns(s.handle()))).toList();
    }

    @Override
    public Optional<TcpControlBlock> controlBlock(SocketHandle<?> handle, long now) {
        SocketSet sockets = host().sockets();
        if (handle.type() != TcpSocket.class || !sockets.contains(handle)) {
            return Optional.empty();
        }
        return Optional.of(((TcpSocket) sockets.get(handle)).controlBlock(now));
    }

    @Override
    public Optional<ListenerStatus> listener(SocketHandle<?> handle) {
        SocketSet sockets = host().sockets();
        if (handle.type() != TcpListener.class || !sockets.contains(handle)) {
            return Optional.empty();
        }
        return Optional.of(ListenerStatus.of((TcpListener) sockets.get(handle)));
    }

    @Override
    public InterfaceStats stats() {
        return host().iface().stats();
    }

    @Override
    public void observeFrames(LabFrameObserver observer) {
        Objects.requireNonNull(observer, "observer");
        FrameMonitor monitor = link().monitor();
        if (observing != null) {
            monitor.remove(observing);
            observing = null;
        }
        if (observer != LabFrameObserver.NONE) {
            observing = observer::frame;
            monitor.add(observing);
        }
    }

    @Override
    public void tcpOptions(TcpOptions options) {
        if (options.isDefault()) {
            network.settings().clearLab();
        } else {
            network.settings().lab("lab", options.assignments());
        }
    }

    @Override
    public FaultConfig faults() {
        return link().faults().config();
    }

    @Override
    public void faults(FaultConfig config) {
        link().faults().setConfig(config);
    }

    @Override
    public FaultScope faultScope() {
        return link().faults().scope();
    }

    @Override
    public void faultScope(FaultScope scope) {
        link().faults().setScope(scope);
    }

    @Override
    public void addStaticNeighbor(Ipv4Address address, MacAddress mac) {
        host().iface().addStaticNeighbor(address, mac);
    }

    @Override
    public void removeNeighbor(Ipv4Address address) {
        host().iface().removeNeighbor(address);
    }

    @Override
    public void closeSockets(Collection<SocketHandle<?>> handles, long now) {
        SocketSet sockets = host().sockets();
        for (SocketHandle<?> handle : handles) {
            if (!sockets.contains(handle)) {
                continue;
            }
            Socket socket = sockets.get(handle);
            if (socket instanceof TcpSocket tcp) {
                // Released, not removed: the RST still has to leave, and the host removes the socket once it has.
                tcp.abort();
                host().release(tcp);
            } else {
                if (socket instanceof TcpListener listener) {
                    listener.close();
                }
                sockets.remove(handle);
            }
        }
    }

    @Override
    public boolean ipv6Enabled() {
        return network.local().iface().ipv6Enabled();
    }

    @Override
    public void enableIpv6() {
        network.enableIpv6();
    }

    @Override
    public void disableIpv6() {
        network.local().iface().disableIpv6();
        network.peer().ifPresent(peer -> peer.iface().flushIpv6Neighbors());
    }

    @Override
    public void addIpv6Address(Ipv6Address address, int prefixLength) {
        network.local().iface().addAddress(address, prefixLength);
    }

    @Override
    public void removeIpv6Address(Ipv6Address address) {
        network.local().iface().removeAddress(address);
    }

    @Override
    public void removeIpv6Neighbor(Ipv6Address address) {
        network.local().iface().removeIpv6Neighbor(address);
    }

    @Override
    public boolean capturing() {
        return link().capture().capture().isPresent();
    }

    /** The trace of the console's network, the one the {@code trace} command sets. */
    @Override
    public TraceSettings trace() {
        Link link = network.link();
        TraceOutput output = link.traceOutput();
        return new TraceSettings(link.tracer().filter(), link.tracer().isOn() ? output.filter() : "", output.hex(),
                output.verbose(), output.linkLevel());
    }

    @Override
    public void trace(TraceSettings settings) {
        Link link = network.link();
        link.traceOutput().setHex(settings.hex());
        link.traceOutput().setLevels(settings.verbose(), settings.linkLevel());
        if (settings.on()) {
            link.tracer().on(settings.filter());
        } else {
            link.tracer().off();
        }
        link.traceOutput().setFilter(settings.filterText());
    }

    @Override
    public boolean addPeerAddress(Ipv4Cidr cidr) {
        Optional<Host> peer = network.peer();
        if (peer.isEmpty() || peer.get().iface().addresses().contains(cidr)) {
            return false;
        }
        peer.get().iface().addAddress(cidr);
        return true;
    }

    @Override
    public void removePeerAddress(Ipv4Cidr cidr) {
        network.peer().ifPresent(peer -> peer.iface().removeAddress(cidr.address()));
    }

    @Override
    public void freshPeerDhcp() {
        network.peer().flatMap(peer -> peer.service(DhcpServer.NAME)).ifPresent(server -> ((DhcpServer) server).forget());
    }

    @Override
    public void stopCapture() {
        try {
            link().capture().stop();
        } catch (CaptureFileException e) {
            // The file could not be finished (a full disk): the capture is over all the same.
        }
    }
}

package dev.jnetlab.labs.engine;

import dev.jnetlab.labs.check.NetworkKind;
import dev.jnetlab.labs.check.TcpOptions;
import dev.jnetlab.labs.check.LabFrameObserver;
import dev.jnetlab.labs.check.LabWorld;
import dev.jnetlab.labs.check.ListenerStatus;
import dev.jnetlab.labs.check.TraceSettings;
import dev.jnetlab.labs.check.LinkCounters;
import dev.jnetlab.stack.iface.InterfaceStats;
import dev.jnetlab.stack.iface.Ipv6AddressInfo;
import dev.jnetlab.stack.iface.Ndp6Entry;
import dev.jnetlab.stack.iface.NeighborEntry;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.FaultScope;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketSummary;
import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The world as a running lab's checks see it: the sockets made before the lab started are not
 * there, so a connection left over from another lab (or from before any) can neither pass a
 * check nor be named in a suggestion; the same holds on the topology's other hosts
 * ({@link #node}). Everything else is the world's.
 */
final class LabScope implements LabWorld {
    private final LabWorld world;
    private final Set<SocketHandle<?>> older;
    /**
     * The lab's sockets that {@code lab retry} closed: on their way out (a FIN, TIME-WAIT), they
     * are no longer the lab's, so no suggestion names them and no check passes on them.
     */
    private final Set<SocketHandle<?>> retired = new java.util.HashSet<>();
    /** The sockets older than the lab on each other host, by the host's name. */
    private final Map<String, Set<SocketHandle<?>>> olderOnNodes;
    /** The scopes of the other hosts, made when first asked for. */
    private final Map<String, LabScope> nodes = new HashMap<>();

    LabScope(LabWorld world, Set<SocketHandle<?>> older, Map<String, Set<SocketHandle<?>>> olderOnNodes) {
        this.world = world;
        this.older = Set.copyOf(older);
        this.olderOnNodes = Map.copyOf(olderOnNodes);
    }

    @Override
    public Optional<LabWorld> node(String name) {
        LabScope made = nodes.get(name);
        if (made != null) {
            return Optional.of(made);
        }
        Optional<LabWorld> there = world.node(name);
        if (there.isEmpty() || there.get() == world) {
            return there.map(w -> this);
        }
        LabScope scope = new LabScope(there.get(), olderOnNodes.getOrDefault(name, Set.of()), Map.of());
        nodes.put(name, scope);
        return Optional.of(scope);
    }

    @Override
    public List<String> otherNodes() {
        return world.otherNodes();
    }

    @Override
    public Optional<LinkCounters> link(String name, long now) {
        return world.link(name, now);
    }

    @Override
    public List<SocketSummary> sockets() {
        return world.sockets().stream().filter(s -> !older.contains(s.handle()) && !retired.contains(s.handle())).toList();
    }

    /** The sockets older than the lab that still exist. */
    List<SocketSummary> olderSockets() {
        return world.sockets().stream().filter(s -> older.contains(s.handle())).toList();
    }

    /** Whether {@code handle} is a socket made before the lab. */
    boolean older(SocketHandle<?> handle) {
        return older.contains(handle);
    }

    /**
     * Whether the handle a command was given ({@code tcp#3}) is not one of the sockets older
     * than the lab or closed by a retry: a socket made since, or none at all.
     */
    boolean owns(String handle) {
        return older.stream().noneMatch(h -> h.toString().equals(handle))
                && retired.stream().noneMatch(h -> h.toString().equals(handle));
    }

    /** Leaves the lab's sockets that were just closed out of its view (see {@link #retired}). */
    void retire(Collection<SocketHandle<?>> handles) {
        retired.addAll(handles);
    }

    @Override
    public Optional<TcpControlBlock> controlBlock(SocketHandle<?> handle, long now) {
        return older.contains(handle) || retired.contains(handle) ? Optional.empty() : world.controlBlock(handle, now);
    }

    @Override
    public Optional<ListenerStatus> listener(SocketHandle<?> handle) {
        return older.contains(handle) || retired.contains(handle) ? Optional.empty() : world.listener(handle);
    }

    @Override
    public NetworkKind network() {
        return world.network();
    }

    @Override
    public List<NeighborEntry> neighbors(long now) {
        return world.neighbors(now);
    }

    @Override
    public List<Ndp6Entry> ipv6Neighbors(long now) {
        return world.ipv6Neighbors(now);
    }

    @Override
    public List<Ipv6AddressInfo> ipv6Addresses(long now) {
        return world.ipv6Addresses(now);
    }

    @Override
    public InterfaceStats stats() {
        return world.stats();
    }

    @Override
    public void observeFrames(LabFrameObserver observer) {
        world.observeFrames(observer);
    }

    @Override
    public void tcpOptions(TcpOptions options) {
        world.tcpOptions(options);
    }

    @Override
    public FaultConfig faults() {
        return world.faults();
    }

    @Override
    public void faults(FaultConfig config) {
        world.faults(config);
    }

    @Override
    public FaultScope faultScope() {
        return world.faultScope();
    }

    @Override
    public void faultScope(FaultScope scope) {
        world.faultScope(scope);
    }

    @Override
    public void addStaticNeighbor(Ipv4Address address, MacAddress mac) {
        world.addStaticNeighbor(address, mac);
    }

    @Override
    public void removeNeighbor(Ipv4Address address) {
        world.removeNeighbor(address);
    }

    @Override
    public void closeSockets(Collection<SocketHandle<?>> handles, long now) {
        retire(handles);
        world.closeSockets(handles, now);
    }

    @Override
    public boolean ipv6Enabled() {
        return world.ipv6Enabled();
    }

    @Override
    public void enableIpv6() {
        world.enableIpv6();
    }

    @Override
    public void disableIpv6() {
        world.disableIpv6();
    }

    @Override
    public void addIpv6Address(Ipv6Address address, int prefixLength) {
        world.addIpv6Address(address, prefixLength);
    }

    @Override
    public void removeIpv6Address(Ipv6Address address) {
        world.removeIpv6Address(address);
    }

    @Override
    public void removeIpv6Neighbor(Ipv6Address address) {
        world.removeIpv6Neighbor(address);
    }

    @Override
    public boolean capturing() {
        return world.capturing();
    }

    @Override
    public void stopCapture() {
        world.stopCapture();
    }

    @Override
    public TraceSettings trace() {
        return world.trace();
    }

    @Override
    public void trace(TraceSettings settings) {
        world.trace(settings);
    }

    @Override
    public boolean addPeerAddress(Ipv4Cidr cidr) {
        return world.addPeerAddress(cidr);
    }

    @Override
    public void removePeerAddress(Ipv4Cidr cidr) {
        world.removePeerAddress(cidr);
    }

    @Override
    public void freshPeerDhcp() {
        world.freshPeerDhcp();
    }
}

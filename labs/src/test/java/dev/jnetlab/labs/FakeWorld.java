package dev.jnetlab.labs;

import dev.jnetlab.labs.check.LabFrameObserver;
import dev.jnetlab.labs.check.LabWorld;
import dev.jnetlab.labs.check.NetworkKind;
import dev.jnetlab.labs.check.TcpOptions;
import dev.jnetlab.stack.iface.CounterValue;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.iface.InterfaceStats;
import dev.jnetlab.stack.iface.NeighborEntry;
import dev.jnetlab.stack.iface.NeighborState;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.FaultScope;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.Socket;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.SocketSummary;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.TcpControlBlock;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link LabWorld} made of the stack's own snapshot records, changed by the test. */
public final class FakeWorld implements LabWorld {
    public NetworkKind network = NetworkKind.VIRTUAL;
    public final List<NeighborEntry> neighbors = new ArrayList<>();
    public final List<dev.jnetlab.stack.iface.Ndp6Entry> ipv6Neighbors = new ArrayList<>();
    public final List<dev.jnetlab.stack.iface.Ipv6AddressInfo> ipv6Addresses = new ArrayList<>();
    private final Map<SocketHandle<?>, SocketSummary> sockets = new LinkedHashMap<>();
    private final Map<SocketHandle<?>, TcpControlBlock> blocks = new LinkedHashMap<>();
    private final Map<SocketHandle<?>, dev.jnetlab.labs.check.ListenerStatus> listeners = new LinkedHashMap<>();
    private final Map<InterfaceCounter, Long> counters = new EnumMap<>(InterfaceCounter.class);
    public LabFrameObserver observer = LabFrameObserver.NONE;
    public TcpOptions tcpOptions = TcpOptions.DEFAULT;
    public final List<String> calls = new ArrayList<>();
    public FaultConfig faults = FaultConfig.NONE;
    public FaultScope faultScope = FaultScope.EVERY_FRAME;
    public boolean capturing;
    public boolean ipv6Enabled;
    /** The addresses a lab gave the peer. */
    public final java.util.Set<Ipv4Cidr> peerAddresses = new java.util.LinkedHashSet<>();
    private int nextId = 1;
    /** The topology's other hosts, by name: what {@code node: h2} reads. */
    public final Map<String, FakeWorld> nodes = new LinkedHashMap<>();
    /** The topology's links by name, each as it reads now. */
    public final Map<String, dev.jnetlab.labs.check.LinkCounters> links = new LinkedHashMap<>();

    @Override
    public Optional<LabWorld> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    @Override
    public List<String> otherNodes() {
        return List.copyOf(nodes.keySet());
    }

    @Override
    public Optional<dev.jnetlab.labs.check.LinkCounters> link(String name, long now) {
        return Optional.ofNullable(links.get(name));
    }

    @Override
    public NetworkKind network() {
        return network;
    }

    @Override
    public List<NeighborEntry> neighbors(long now) {
        return List.copyOf(neighbors);
    }

    @Override
    public List<dev.jnetlab.stack.iface.Ndp6Entry> ipv6Neighbors(long now) {
        return List.copyOf(ipv6Neighbors);
    }

    @Override
    public List<dev.jnetlab.stack.iface.Ipv6AddressInfo> ipv6Addresses(long now) {
        return List.copyOf(ipv6Addresses);
    }

    @Override
    public List<SocketSummary> sockets() {
        return List.copyOf(sockets.values());
    }

    @Override
    public Optional<TcpControlBlock> controlBlock(SocketHandle<?> handle, long now) {
        return Optional.ofNullable(blocks.get(handle));
    }

    @Override
    public Optional<dev.jnetlab.labs.check.ListenerStatus> listener(SocketHandle<?> handle) {
        return Optional.ofNullable(listeners.get(handle));
    }

    /** Gives the listener {@code handle} (added with {@link #add}) the numbers {@code tcp show} would print. */
    public void listener(SocketHandle<?> handle, dev.jnetlab.labs.check.ListenerStatus status) {
        listeners.put(handle, status);
    }

    @Override
    public InterfaceStats stats() {
        List<CounterValue> values = new ArrayList<>();
        for (InterfaceCounter counter : InterfaceCounter.values()) {
            values.add(new CounterValue(counter, counters.getOrDefault(counter, 0L)));
        }
        return new InterfaceStats(values);
    }

    @Override
    public void observeFrames(LabFrameObserver observer) {
        calls.add(observer == LabFrameObserver.NONE ? "observeFrames(NONE)" : "observeFrames");
        this.observer = observer;
    }

    @Override
    public void tcpOptions(TcpOptions options) {
        calls.add("tcpOptions(" + (options.isDefault() ? "DEFAULT" : options) + ")");
        this.tcpOptions = options;
    }

    @Override
    public FaultConfig faults() {
        return faults;
    }

    @Override
    public void faults(FaultConfig config) {
        calls.add("faults(" + config + ")");
        faults = config;
    }

    @Override
    public FaultScope faultScope() {
        return faultScope;
    }

    @Override
    public void faultScope(FaultScope scope) {
        calls.add("faultScope(" + scope + ")");
        faultScope = scope;
    }

    @Override
    public void addStaticNeighbor(Ipv4Address address, MacAddress mac) {
        calls.add("addStaticNeighbor(" + address + ", " + mac + ")");
        neighbors.removeIf(n -> n.address().equals(address));
        neighbors.add(new NeighborEntry(address, Optional.of(mac), NeighborState.STATIC, 0, Long.MAX_VALUE, 0));
    }

    @Override
    public void removeNeighbor(Ipv4Address address) {
        calls.add("removeNeighbor(" + address + ")");
        neighbors.removeIf(n -> n.address().equals(address));
    }

    @Override
    public void closeSockets(Collection<SocketHandle<?>> handles, long now) {
        for (SocketHandle<?> handle : handles) {
            if (sockets.containsKey(handle)) {
                calls.add("close(" + handle + ")");
                remove(handle);
            }
        }
    }

    @Override
    public boolean ipv6Enabled() {
        return ipv6Enabled;
    }

    @Override
    public void enableIpv6() {
        calls.add("enableIpv6");
        ipv6Enabled = true;
    }

    @Override
    public void disableIpv6() {
        calls.add("disableIpv6");
        ipv6Enabled = false;
        ipv6Addresses.clear();
        ipv6Neighbors.clear();
    }

    @Override
    public void addIpv6Address(dev.jnetlab.stack.wire.Ipv6Address address, int prefixLength) {
        calls.add("addIpv6Address(" + address + "/" + prefixLength + ")");
        ipv6Enabled = true;
        ipv6Addresses.add(new dev.jnetlab.stack.iface.Ipv6AddressInfo(address, prefixLength,
                dev.jnetlab.stack.iface.Ipv6AddressState.TENTATIVE, dev.jnetlab.stack.iface.Ipv6AddressOrigin.MANUAL,
                Micros.NEVER, Micros.NEVER));
    }

    @Override
    public void removeIpv6Address(dev.jnetlab.stack.wire.Ipv6Address address) {
        calls.add("removeIpv6Address(" + address + ")");
        ipv6Addresses.removeIf(a -> a.address().equals(address));
    }

    @Override
    public void removeIpv6Neighbor(dev.jnetlab.stack.wire.Ipv6Address address) {
        calls.add("removeIpv6Neighbor(" + address + ")");
        ipv6Neighbors.removeIf(n -> n.address().equals(address));
    }

    @Override
    public boolean capturing() {
        return capturing;
    }

    @Override
    public boolean addPeerAddress(Ipv4Cidr cidr) {
        calls.add("addPeerAddress " + cidr);
        return peerAddresses.add(cidr);
    }

    @Override
    public void removePeerAddress(Ipv4Cidr cidr) {
        calls.add("removePeerAddress " + cidr);
        peerAddresses.remove(cidr);
    }

    @Override
    public void freshPeerDhcp() {
        calls.add("freshPeerDhcp");
    }

    @Override
    public void stopCapture() {
        calls.add("stopCapture");
        capturing = false;
    }

    // ---- what the test changes

    public FakeWorld arp(String address, NeighborState state) {
        neighbors.removeIf(n -> n.address().equals(Ipv4Address.parse(address)));
        neighbors.add(new NeighborEntry(Ipv4Address.parse(address),
                state == NeighborState.INCOMPLETE ? Optional.empty() : Optional.of(MacAddress.parse("02:00:00:00:00:02")),
                state, 0, 60_000_000, 0));
        return this;
    }

    /** An IPv6 neighbor cache entry for {@code address} at {@code mac} (none while INCOMPLETE), replacing any. */
    public FakeWorld ndp(String address, dev.jnetlab.stack.iface.NdpState state, String mac) {
        dev.jnetlab.stack.wire.Ipv6Address ip = dev.jnetlab.stack.wire.Ipv6Address.parse(address);
        ipv6Neighbors.removeIf(n -> n.address().equals(ip));
        ipv6Neighbors.add(new dev.jnetlab.stack.iface.Ndp6Entry(ip,
                state == dev.jnetlab.stack.iface.NdpState.INCOMPLETE ? Optional.empty() : Optional.of(MacAddress.parse(mac)),
                state, false, 30_000_000, false));
        return this;
    }

    /** An IPv6 address of the interface, replacing any with the same address. */
    public FakeWorld ipv6Address(String address, dev.jnetlab.stack.iface.Ipv6AddressState state,
                                 dev.jnetlab.stack.iface.Ipv6AddressOrigin origin) {
        dev.jnetlab.stack.wire.Ipv6Address ip = dev.jnetlab.stack.wire.Ipv6Address.parse(address);
        ipv6Addresses.removeIf(a -> a.address().equals(ip));
        ipv6Addresses.add(new dev.jnetlab.stack.iface.Ipv6AddressInfo(ip, 64, state, origin, Micros.NEVER, Micros.NEVER));
        return this;
    }

    public FakeWorld counter(InterfaceCounter counter, long value) {
        counters.put(counter, value);
        return this;
    }

    /** Adds a TCP connection with this control block; returns its handle. */
    public SocketHandle<FakeSocket> connection(TcpControlBlock block) {
        SocketHandle<FakeSocket> handle = new SocketHandle<>(nextId++, SocketKind.TCP, FakeSocket.class);
        sockets.put(handle, new SocketSummary(handle, SocketKind.TCP, block.local(), block.remote(),
                block.state().toString(), block.recvUnread(), block.sendQueued()));
        blocks.put(handle, block);
        return handle;
    }

    /** Replaces the control block of a connection (its state moved on). */
    public void update(SocketHandle<FakeSocket> handle, TcpControlBlock block) {
        sockets.put(handle, new SocketSummary(handle, SocketKind.TCP, block.local(), block.remote(),
                block.state().toString(), block.recvUnread(), block.sendQueued()));
        blocks.put(handle, block);
    }

    public void remove(SocketHandle<?> handle) {
        sockets.remove(handle);
        blocks.remove(handle);
    }

    public SocketHandle<FakeSocket> listener(int port) {
        SocketHandle<FakeSocket> handle = new SocketHandle<>(nextId++, SocketKind.TCP_LISTENER, FakeSocket.class);
        sockets.put(handle, new SocketSummary(handle, SocketKind.TCP_LISTENER,
                IpEndpoint.of(new Endpoint(0, port)), IpEndpoint.of(Endpoint.UNSPECIFIED), "LISTEN", 0, 0));
        return handle;
    }

    public SocketHandle<UdpSocket> udp(int port) {
        SocketHandle<UdpSocket> handle = new SocketHandle<>(nextId++, SocketKind.UDP, UdpSocket.class);
        sockets.put(handle, new SocketSummary(handle, SocketKind.UDP, IpEndpoint.of(new Endpoint(0, port)),
                IpEndpoint.of(Endpoint.UNSPECIFIED), "bound", 0, 0));
        return handle;
    }

    /**
     * The type behind the handles of TCP sockets here: the engine reads handles and kinds, never
     * the sockets, so any {@link Socket} will do (TCP's own sockets join the socket set on
     * another branch).
     */
    public abstract static class FakeSocket implements Socket {
    }

    /** Passes a frame to the observer the engine registered, as the console does. */
    public void frame(long now, Direction direction, byte[] frame) {
        observer.frame(now, direction, frame, 0, frame.length);
    }
}

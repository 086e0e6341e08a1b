package dev.jnetlab.labs.check;

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
import java.util.List;
import java.util.Optional;

/**
 * What the lab engine reads of the stack: the few queries its checks need, and one hook for
 * frames. The console implements it over its session's network in a few lines; tests
 * implement it with records.
 *
 * <p><b>Thread.</b> Every method is called on the stack's thread: inside
 * {@code StackDriver.call(now -> ...)}, or from the engine's {@code Pollable} that the event
 * loop polls. An implementation therefore reads the interface and the socket set directly,
 * without locks. {@code now} is the stack's clock, in microseconds, as the driver gives it.
 */
public interface LabWorld {

    /** The network this console runs on; a lab lists those it works on. */
    NetworkKind network();

    /** On {@link NetworkKind#TOPOLOGY}, the topology's name ({@code routed}); empty on the other networks. */
    default java.util.Optional<String> topology() {
        return java.util.Optional.empty();
    }

    /**
     * The world of the topology's host {@code name} ({@code h2}), read as this one is (its
     * cache, counters, sockets, frames); this world itself for the host it reads; empty for a
     * name that is no host of the topology, or off a topology. The same object every time for
     * one name, so that an observer of its frames can be taken away again.
     */
    default Optional<LabWorld> node(String name) {
        return Optional.empty();
    }

    /** The topology's hosts other than the one this world reads, by name; none off a topology. */
    default List<String> otherNodes() {
        return List.of();
    }

    /**
     * The counters of the topology's link {@code name} ({@code r1-r2}, or {@code r2-r1} the other
     * way round) at {@code now}; empty for a name that is no link, or off a topology.
     */
    default Optional<LinkCounters> link(String name, long now) {
        return Optional.empty();
    }

    /** The ARP cache now: {@code Interface.neighbors(now)}, every entry, any state. */
    List<NeighborEntry> neighbors(long now);

    /** The IPv6 neighbor cache now ({@code ndp}): {@code Interface.ipv6Neighbors(now)}. */
    List<Ndp6Entry> ipv6Neighbors(long now);

    /** The interface's IPv6 addresses now ({@code iface}): {@code Interface.ipv6Addresses(now)}. */
    List<Ipv6AddressInfo> ipv6Addresses(long now);

    /**
     * Every socket in the session's socket set now: {@code SocketSet.summaries()}, but those a
     * service of this host owns ({@code Service.owns}: the DHCP client's, the resolver's). TCP
     * connections have kind {@code TCP}, listening ports {@code TCP_LISTENER}.
     */
    List<SocketSummary> sockets();

    /**
     * The control block of the TCP connection {@code handle} (one of {@link #sockets()} of
     * kind {@code TCP}): {@code TcpSocket.controlBlock(now)}; empty when the handle names no
     * TCP connection (any more).
     */
    Optional<TcpControlBlock> controlBlock(SocketHandle<?> handle, long now);

    /**
     * What {@code tcp show} prints of the listener {@code handle} (one of {@link #sockets()} of
     * kind {@code TCP_LISTENER}); empty when the handle names no listener (any more).
     */
    Optional<ListenerStatus> listener(SocketHandle<?> handle);

    /** The interface's counters now: {@code Interface.stats()}. */
    InterfaceStats stats();

    /**
     * Registers the one observer that must see every frame from now on (both directions, see
     * {@link LabFrameObserver}), replacing the one before; {@link LabFrameObserver#NONE}
     * removes it. The engine registers one when a lab starts and NONE when it stops.
     */
    void observeFrames(LabFrameObserver observer);

    /**
     * Applies a lab's TCP settings to the TCP sockets made from now on ({@code tcp connect},
     * {@code tcp listen}, the services of {@code serve}): buffer sizes, congestion algorithm.
     * {@link TcpOptions#DEFAULT} restores the console's own defaults; the engine passes it
     * when the lab stops.
     */
    void tcpOptions(TcpOptions options);

    // ---- what a lab puts back: its start is a state it defines, its end the state before it

    /** The fault injector's settings now. */
    FaultConfig faults();

    /** Replaces the fault injector's settings ({@code fault ...} without the console's words). */
    void faults(FaultConfig config);

    /** Which frames the faults hit now ({@code fault ... in|out FILTER}). */
    FaultScope faultScope();

    /** Narrows the faults to {@code scope} ({@link FaultScope#EVERY_FRAME} for all). */
    void faultScope(FaultScope scope);

    /** Adds a static ARP entry, as {@code arp add} does. */
    void addStaticNeighbor(Ipv4Address address, MacAddress mac);

    /** Deletes the ARP entry of {@code address}, static or learned, as {@code arp del} does. */
    void removeNeighbor(Ipv4Address address);

    /**
     * Takes away the sockets {@code handles} (those still there): a TCP connection is aborted
     * (an RST, so that nothing of it lingers into the next lab), a listener or a UDP socket closed.
     */
    void closeSockets(Collection<SocketHandle<?>> handles, long now);

    /** Whether IPv6 is on ({@code ip add} of an IPv6 address, a ping of one). */
    boolean ipv6Enabled();

    /**
     * Turns IPv6 on as the console does (on the virtual network the peer too, advertising
     * fd00::/64), so that addresses come back by SLAAC and can be added by hand.
     */
    void enableIpv6();

    /**
     * Turns IPv6 off and forgets every address, neighbor, router and prefix of it; the peer
     * forgets its IPv6 neighbors (this host among them), so that both start afresh.
     */
    void disableIpv6();

    /** Adds an IPv6 address by hand, as {@code ip add fd00::1/64} does. */
    void addIpv6Address(Ipv6Address address, int prefixLength);

    /** Removes an IPv6 address, as {@code ip del} does. */
    void removeIpv6Address(Ipv6Address address);

    /** Deletes the IPv6 neighbor cache's entry of {@code address}. */
    void removeIpv6Neighbor(Ipv6Address address);

    /** Whether a capture ({@code capture start}) is running. */
    boolean capturing();

    /** Stops the running capture, closing its file, as {@code capture stop} does. */
    void stopCapture();

    /** The trace's settings ({@code trace}); a world without a trace has it off. */
    default TraceSettings trace() {
        return TraceSettings.OFF;
    }

    /** Puts the trace's settings back as {@code settings} says. */
    default void trace(TraceSettings settings) {
    }

    // ---- the simulated peer (the virtual network only)

    /**
     * Gives the simulated peer {@code cidr} as well (a host configured by hand with an address
     * a DHCP server hands out); false, changing nothing, where there is no simulated peer or it
     * has the address already.
     */
    boolean addPeerAddress(Ipv4Cidr cidr);

    /** Takes {@code cidr} from the simulated peer again. */
    void removePeerAddress(Ipv4Cidr cidr);

    /**
     * The simulated peer's DHCP server forgets its bindings and the addresses set aside after a
     * DECLINE, so that it hands out the same addresses in a console already used; nothing where
     * there is no simulated peer.
     */
    void freshPeerDhcp();
}

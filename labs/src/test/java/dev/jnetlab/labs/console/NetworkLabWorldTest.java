package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.NetworkConfig;
import dev.jnetlab.host.settings.Assignment;
import dev.jnetlab.host.settings.SocketOption;
import dev.jnetlab.host.settings.SocketSettings;
import dev.jnetlab.labs.check.NetworkKind;
import dev.jnetlab.labs.check.TcpOptions;
import dev.jnetlab.labs.check.LabFrameObserver;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.iface.NeighborEntry;
import dev.jnetlab.stack.iface.NeighborState;
import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.SocketSummary;
import dev.jnetlab.stack.socket.tcp.CongestionControl;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.socket.tcp.TcpState;
import dev.jnetlab.stack.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The console's LabWorld, read on real stacks on the virtual network. */
class NetworkLabWorldTest {
    private static final Ipv4Address PEER = Network.PEER_ADDRESS.address();
    private final VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(3));
    private final Network network = console.stack((net, now) -> net);
    private final NetworkLabWorld world = NetworkLabWorld.virtual(network);

    @Test
    void isTheVirtualNetworkAndRefusesToBeCalledAnythingElse() {
        assertEquals(NetworkKind.VIRTUAL, world.network());
        assertThrows(IllegalArgumentException.class, () -> new NetworkLabWorld(network, NetworkKind.TAP));
    }

    /** On a topology the world is the start host's (h1 on routed), wherever the prompt has gone. */
    @Test
    void onATopologyReadsTheStartHostWhereverThePromptIs() {
        VirtualConsole routed = new VirtualConsole("routed");
        Network net = routed.stack((n, now) -> n);
        NetworkLabWorld h1 = new NetworkLabWorld(net, NetworkKind.TOPOLOGY);
        assertEquals(java.util.Optional.of("routed"), h1.topology());
        routed.ok("node h2");
        routed.ok("ping -c 1 h1");
        routed.ok("udp bind 5000");
        // h1 answered h2's ping through its own gateway: its cache holds 10.0.1.1, h2's 10.0.2.1.
        assertEquals(List.of("10.0.1.1"), routed.stack((n, now) -> h1.neighbors(now)).stream()
                .map(e -> e.address().toString()).toList(), "h1's cache, not h2's");
        assertEquals(1, routed.stack((n, now) -> h1.stats()).get(InterfaceCounter.ICMP_ECHO_REQUESTS_IN));
        assertEquals(0, routed.stack((n, now) -> h1.stats()).get(InterfaceCounter.ICMP_ECHO_REPLIES_IN));
        assertEquals(List.of(), routed.stack((n, now) -> h1.sockets()), "h2's socket is not h1's");
        routed.ok("node h1");
        routed.ok("ping -c 1 h2");
        assertEquals(1, routed.stack((n, now) -> h1.stats()).get(InterfaceCounter.ICMP_ECHO_REPLIES_IN));
        assertEquals(java.util.Optional.empty(), world.topology(), "the pair is no topology");
    }

    /** A check with {@code node: h2} reads h2 through the world's node; the lab's own host is the world itself. */
    @Test
    void onATopologyReadsAnotherHostThroughItsNodeAndTheLinksCounters() {
        VirtualConsole dumbbell = new VirtualConsole("dumbbell");
        Network net = dumbbell.stack((n, now) -> n);
        NetworkLabWorld h1 = new NetworkLabWorld(net, NetworkKind.TOPOLOGY);
        assertEquals(List.of("h2", "h3", "h4"), h1.otherNodes());
        assertEquals(Optional.of(h1), h1.node("h1"));
        assertEquals(Optional.empty(), h1.node("r1"), "a router is no host");
        assertEquals(Optional.empty(), h1.node("h9"));
        var h2 = h1.node("h2").orElseThrow();
        assertEquals(h2, h1.node("h2").orElseThrow(), "the same world each time, so its frame observer can be taken away");
        dumbbell.ok("h2: tcp connect h4:9");
        List<Integer> h2Ports = dumbbell.stack((n, now) -> h2.sockets()).stream().filter(s -> s.kind() == SocketKind.TCP)
                .map(s -> s.remote().port()).toList();
        assertEquals(List.of(9), h2Ports, "h2's connection (beside its services' listeners)");
        assertEquals(List.of(), dumbbell.stack((n, now) -> h1.sockets()), "h1 has none");
        dumbbell.ok("ping -c 1 h3"); // h1's ARP request, broadcast, reaches h2 too; s1 learns where h1 and r1 are
        List<Direction> seen = new ArrayList<>();
        dumbbell.stack((n, now) -> {
            h2.observeFrames((at, direction, frame, offset, length) -> seen.add(direction));
            return null;
        });
        dumbbell.ok("ping -c 1 h3");
        assertEquals(List.of(), seen, "h1's ping never crosses h2's link");
        dumbbell.ok("h2: ping -c 1 h3");
        assertTrue(seen.contains(Direction.TX) && seen.contains(Direction.RX), seen.toString());

        var counters = dumbbell.stack((n, now) -> h1.link("r2-r1", now)).orElseThrow();
        var wire = net.topology().orElseThrow().wires().get("r1-r2");
        assertEquals("r1-r2", counters.name());
        assertEquals("r1", counters.a(), "the link as topo prints it, whichever way it was named");
        assertEquals(wire.frames(true), counters.framesAToB());
        assertEquals(wire.frames(false), counters.framesBToA());
        assertTrue(counters.framesAToB() >= 3, "the SYN and the two echo requests crossed from r1");
        assertEquals(Optional.empty(), dumbbell.stack((n, now) -> h1.link("r1-r3", now)));
        assertEquals(Optional.empty(), dumbbell.stack((n, now) -> world.link("r1-r2", now)), "the pair has no such link");
    }

    @Test
    void readsTheArpCacheAndTheCountersOfThisHost() {
        assertEquals(List.of(), console.stack((net, now) -> world.neighbors(now)));
        console.ok("ping -c 1 192.168.69.100");
        List<NeighborEntry> cache = console.stack((net, now) -> world.neighbors(now));
        assertEquals(1, cache.size());
        assertEquals(PEER, cache.get(0).address());
        assertEquals(NeighborState.REACHABLE, cache.get(0).state());
        assertTrue(console.stack((net, now) -> world.stats()).get(InterfaceCounter.FRAMES_IN) >= 2);
    }

    @Test
    void readsTheSocketsAndTheControlBlockOfATcpConnectionOnly() {
        console.ok("udp bind 5000");
        List<SocketSummary> sockets = console.stack((net, now) -> world.sockets());
        assertEquals(1, sockets.size());
        SocketHandle<?> udp = sockets.get(0).handle();
        assertEquals(Optional.empty(), console.stack((net, now) -> world.controlBlock(udp, now)));

        TcpSocket tcp = new TcpSocket(1024, 1024);
        SocketHandle<TcpSocket> handle = console.stack((net, now) -> {
            SocketHandle<TcpSocket> h = net.local().sockets().add(tcp);
            try {
                tcp.connect(now, Endpoint.of(net.local().iface().addresses().get(0).address(), 40000), Endpoint.of(PEER, 9));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return h;
        });
        assertEquals(SocketKind.TCP, console.stack((net, now) -> world.sockets()).get(1).kind());
        assertEquals(TcpState.SYN_SENT, console.stack((net, now) -> world.controlBlock(handle, now)).orElseThrow().state());
        console.stack((net, now) -> net.local().sockets().remove(handle));
        assertEquals(Optional.empty(), console.stack((net, now) -> world.controlBlock(handle, now)));
    }

    @Test
    void handsEveryFrameToTheObserverBothWaysWithoutTracingUntilToldNone() {
        List<Direction> seen = new ArrayList<>();
        LabFrameObserver observer = (now, direction, frame, offset, length) -> seen.add(direction);
        console.stack((net, now) -> {
            world.observeFrames(observer);
            return null;
        });
        console.ok("ping -c 1 192.168.69.100");
        // ARP request and reply, echo request and reply.
        assertEquals(List.of(Direction.TX, Direction.RX, Direction.TX, Direction.RX), seen);
        console.stack((net, now) -> {
            world.observeFrames(LabFrameObserver.NONE);
            return null;
        });
        console.ok("ping -c 1 192.168.69.100");
        assertEquals(4, seen.size());
        assertTrue(console.output().stream().noneMatch(line -> line.contains("tx:")), "tracing stayed off");
    }

    @Test
    void turnsTcpOptionsIntoTheNetworksSettingsForNewSockets() {
        console.stack((net, now) -> {
            world.tcpOptions(new TcpOptions(List.of(new Assignment(SocketOption.RCVBUF, 64),
                    new Assignment(SocketOption.CC, CongestionControl.Algorithm.RENO.ordinal()))));
            return null;
        });
        TcpSocket made = network.settings().effective().newTcpSocket();
        assertEquals(CongestionControl.Algorithm.RENO, made.congestionAlgorithm());
        assertEquals(64, made.recvCapacity());
        assertEquals("lab", network.settings().origin(SocketOption.CC));
        console.stack((net, now) -> {
            world.tcpOptions(TcpOptions.DEFAULT);
            return null;
        });
        assertEquals(SocketSettings.DEFAULT, network.settings().effective());
    }
}

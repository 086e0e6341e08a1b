package dev.jnetlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.driver.VirtualDriver;
import dev.jnetlab.host.topology.BuiltinTopologies;
import dev.jnetlab.host.topology.TopologySpec;
import dev.jnetlab.stack.forward.RouterCounter;
import dev.jnetlab.stack.iface.InterfaceCounter;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The built-in topologies running on a virtual clock: hosts reach each other through switches and routers. */
class TopologyTest {
    final VirtualClock clock = new VirtualClock();
    final List<String> output = new ArrayList<>();

    Network network(String name) {
        TopologySpec spec = BuiltinTopologies.named(name).orElseThrow();
        return Network.topology(NetworkConfig.defaults(7), spec, clock, output::add);
    }

    /**
     * The built-in {@code name} with its IPv6 addresses taken away: where a test counts frame
     * events one by one, IPv6's start-up (DAD, MLD reports, router solicitations) would be
     * among them.
     */
    Network ipv4Only(String name) {
        TopologySpec spec = BuiltinTopologies.named(name).orElseThrow();
        List<TopologySpec.NodeSpec> nodes = spec.nodes().stream().map(node -> node instanceof TopologySpec.HostSpec h
                ? new TopologySpec.HostSpec(h.name(), h.address(), h.gateway(), h.routes(), h.services())
                : node instanceof TopologySpec.RouterSpec r ? new TopologySpec.RouterSpec(r.name(), r.interfaces(), r.routes(), r.icmpRate())
                : node).toList();
        return Network.topology(NetworkConfig.defaults(7), new TopologySpec(spec.name(), nodes, spec.links(), spec.start()),
                clock, output::add);
    }

    /** Sends one echo request from the current host to {@code node} with {@code ttl}; the socket, to read what came back. */
    static IcmpSocket ping(Network network, String node, int ttl, long now) throws Exception {
        Ipv4Address to = network.topology().orElseThrow().addressOf(node).orElseThrow();
        IcmpSocket socket = new IcmpSocket();
        SocketHandle<IcmpSocket> handle = network.local().sockets().add(socket);
        assertNotNull(handle);
        socket.bindAny();
        socket.setTtl(ttl);
        socket.sendEcho(to, 1, new byte[56]);
        return socket;
    }

    /** Runs until the socket has an answer or {@code micros} pass; whether one came. */
    static boolean answered(VirtualDriver driver, IcmpSocket socket, long micros) throws Exception {
        return driver.await(micros, now -> socket.canRecv() ? Boolean.TRUE : null) != null;
    }

    @Nested
    class Routed {
        final Network network = network("routed");
        final VirtualDriver driver = new VirtualDriver(clock, network);

        @Test
        void isH1RouterR1AndH2OnTwoSubnetsWithThePromptOnH1() {
            assertEquals("h1", network.currentNode());
            assertEquals(Ipv4Address.parse("10.0.1.10"), network.topology().orElseThrow().addressOf("h1").orElseThrow());
            assertEquals(Ipv4Address.parse("10.0.2.10"), network.topology().orElseThrow().addressOf("h2").orElseThrow());
            assertEquals(2, network.topology().orElseThrow().router("r1").orElseThrow().ports().size());
            assertFalse(network.isVirtual(), "not the pair: labs for the pair refuse it");
        }

        @Test
        void h1PingsH2ThroughTheRouterWhichTakesOneFromTheTtl() throws Exception {
            IcmpSocket socket = ping(network, "h2", 64, clock.now());
            assertTrue(answered(driver, socket, Micros.ofSeconds(2)));
            socket.recv();
            assertEquals(Icmpv4Packet.TYPE_ECHO_REPLY, socket.lastType());
            assertEquals(Ipv4Address.parse("10.0.2.10").bits(), socket.lastSource());
            assertEquals(63, socket.lastTtl());
            assertEquals(2, network.topology().orElseThrow().router("r1").orElseThrow().counter(RouterCounter.FORWARDED));
        }

        @Test
        void aWatcherSeesEveryFrameWithTheLinkItCrossedAndTheNodeItReached() throws Exception {
            Topology topology = network.topology().orElseThrow();
            assertFalse(topology.framesWatched(), "nobody watches from the start");
            List<String> crossings = new ArrayList<>();
            topology.watchFrames((now, link, toNode, frame, offset, length) -> {
                int type = (frame[offset + 12] & 0xFF) << 8 | frame[offset + 13] & 0xFF;
                if (type != 0x86DD) { // IPv6's own start-up (DAD, MLD) crosses these links too; this is about IPv4
                    crossings.add(link + " to " + toNode);
                }
            });
            assertTrue(topology.framesWatched());
            IcmpSocket socket = ping(network, "h2", 64, clock.now());
            assertTrue(answered(driver, socket, Micros.ofSeconds(2)));
            assertEquals(List.of("h1-r1 to r1", "h1-r1 to h1", "h1-r1 to r1", "r1-h2 to h2", "r1-h2 to r1",
                    "r1-h2 to h2", "r1-h2 to r1", "h1-r1 to h1"), crossings,
                    "ARP on each link before the request crosses it, then the reply back the same way");

            topology.watchFrames(null);
            assertFalse(topology.framesWatched());
            socket = ping(network, "h2", 64, clock.now());
            assertTrue(answered(driver, socket, Micros.ofSeconds(2)));
            assertEquals(8, crossings.size(), "unwatched, nothing is told");
        }

        @Test
        void aPingWithTtlOneDiesAtTheRouterWithTimeExceeded() throws Exception {
            IcmpSocket socket = ping(network, "h2", 1, clock.now());
            assertTrue(answered(driver, socket, Micros.ofSeconds(2)));
            socket.recv();
            assertEquals(Icmpv4Packet.TYPE_TIME_EXCEEDED, socket.lastType());
            assertEquals(Ipv4Address.parse("10.0.1.1").bits(), socket.lastSource());
        }

        @Test
        void ipv6TurnedOffAndOnAgainGivesTheHostBackItsAddressAndDefaultRouter() throws Exception {
            Ipv6Address h2 = Ipv6Address.parse("fd00:2::10");
            network.local().iface().disableIpv6();
            assertTrue(network.local().iface().ipv6Addresses(clock.now()).isEmpty());

            network.enableIpv6();

            assertTrue(network.local().iface().ipv6Addresses(clock.now()).stream()
                    .anyMatch(a -> a.address().equals(Ipv6Address.parse("fd00:1::10")) && a.prefixLength() == 64));
            assertNotNull(driver.await(Micros.ofSeconds(3),
                    now -> network.local().iface().hasIpv6Route(h2) ? true : null), "past DAD, through r1 again");
        }

        @Test
        void thePromptMovesToAnotherHostButNotToTheRouterOrANodeThereIsNot() {
            network.select("h2");
            assertEquals("h2", network.currentNode());
            assertEquals(Ipv4Address.parse("10.0.2.10"), network.local().iface().addresses().get(0).address());
            IllegalArgumentException router = assertThrows(IllegalArgumentException.class, () -> network.select("r1"));
            assertEquals("r1 is a router: commands run on hosts (h1, h2)", router.getMessage());
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> network.select("h9"));
            assertEquals("no node called h9 (hosts: h1, h2)", none.getMessage());
        }
    }

    @Nested
    class TheSimulationClock {
        final Network network = ipv4Only("routed");
        final Topology topology = network.topology().orElseThrow();

        @Test
        void aPausedNetworkDeliversNothingHoweverLongItWaits() throws Exception {
            topology.pause();
            IcmpSocket socket = ping(network, "h2", 64, clock.now());
            long frozen = topology.clock().now();
            for (int i = 0; i < 100; i++) {
                clock.advance(Micros.ofMillis(100));
                network.poll(topology.clock().now());
            }
            assertEquals(frozen, topology.clock().now(), "time stands still");
            assertFalse(socket.canRecv());
            Host h2 = topology.host("h2").orElseThrow().host();
            assertEquals(0, h2.iface().stats().get(InterfaceCounter.FRAMES_IN));
            assertEquals(0, topology.router("r1").orElseThrow().counter(RouterCounter.FRAMES_IN));
        }

        @Test
        void stepNDeliversExactlyNFrameEventsEachWithItsNode() throws Exception {
            topology.pause();
            ping(network, "h2", 64, clock.now());
            List<String> first = topology.step(1);
            assertEquals(1, first.size());
            assertTrue(first.get(0).startsWith("r1 at "), first.get(0));
            assertTrue(first.get(0).contains("ARP"), first.get(0));
            assertEquals(1, topology.router("r1").orElseThrow().counter(RouterCounter.FRAMES_IN));

            List<String> next = topology.step(3);
            assertEquals(3, next.size());
            assertTrue(next.get(0).startsWith("h1 at "), "r1's ARP reply reaches h1: " + next.get(0));
            assertEquals(3, topology.router("r1").orElseThrow().counter(RouterCounter.FRAMES_IN)
                    + topology.host("h1").orElseThrow().host().iface().stats().get(InterfaceCounter.FRAMES_IN)
                    + topology.host("h2").orElseThrow().host().iface().stats().get(InterfaceCounter.FRAMES_IN) - 1);
        }

        @Test
        void runningAgainTheNetworkCatchesUp() throws Exception {
            VirtualDriver driver = new VirtualDriver(clock, network);
            topology.pause();
            IcmpSocket socket = ping(network, "h2", 64, clock.now());
            topology.step(2);
            topology.run();
            assertTrue(answered(driver, socket, Micros.ofSeconds(2)));
        }

        @Test
        void stepOnARunningClockIsRefused() {
            assertThrows(IllegalStateException.class, () -> topology.step(1));
        }
    }

    @Nested
    class Lan {
        final Network network = network("lan");
        final VirtualDriver driver = new VirtualDriver(clock, network);

        @Test
        void h1PingsH4ThroughTheSwitchWhichLearnsBoth() throws Exception {
            IcmpSocket socket = ping(network, "h4", 64, clock.now());
            assertTrue(answered(driver, socket, Micros.ofSeconds(2)));
            socket.recv();
            assertEquals(64, socket.lastTtl(), "no router on the way");
            assertEquals(2, network.topology().orElseThrow().networkSwitch("s1").orElseThrow().table(clock.now()).size());
        }
    }

    @Nested
    class Wan {
        final Network network = network("wan");
        final VirtualDriver driver = new VirtualDriver(clock, network);

        @Test
        void h1ReachesH3AcrossTwoRoutersAndTheSlowLink() throws Exception {
            IcmpSocket socket = ping(network, "h3", 64, clock.now());
            long sent = clock.now();
            assertTrue(answered(driver, socket, Micros.ofSeconds(5)));
            socket.recv();
            assertEquals(62, socket.lastTtl());
            assertTrue(clock.now() - sent >= Micros.ofMillis(40), "two crossings of 20 ms: " + Micros.format(clock.now() - sent));
        }
    }

    @Test
    void aSpecThatCannotBeBuiltIsRefusedInOneSentence() {
        TopologySpec routed = BuiltinTopologies.named("routed").orElseThrow();
        TopologySpec broken = new TopologySpec("broken", routed.nodes(), routed.links().subList(0, 1), "h1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Network.topology(NetworkConfig.defaults(1), broken, clock, output::add));
        assertEquals("r1.eth1 is on 0 links; an interface is on one", e.getMessage());
    }
}

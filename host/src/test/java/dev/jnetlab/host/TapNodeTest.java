package dev.jnetlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.driver.Pollable;
import dev.jnetlab.host.driver.VirtualDriver;
import dev.jnetlab.host.topology.TopologySpec;
import dev.jnetlab.host.topology.TopologyYaml;
import dev.jnetlab.stack.iface.InterfaceConfig;
import dev.jnetlab.stack.phy.FrameFiller;
import dev.jnetlab.stack.phy.FrameReceiver;
import dev.jnetlab.stack.phy.VirtualWire;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

/**
 * A tap node carries frames between its device and its link. Here the "kernel" is a second
 * stack on a virtual wire whose far end the topology takes for its tap, with an MTU of 9000
 * where the topology's links carry 1500: frames cross both ways, a longer one is dropped and
 * counted. (KernelTopologyTest does the same with the real kernel on a real tap.)
 */
class TapNodeTest {
    static final String LAN_WITH_TAP = """
            start: h1
            nodes:
              - {name: s1, kind: switch}
              - {name: h1, kind: host, address: 10.0.0.1/24}
              - {name: kernel, kind: tap, device: tap0}
            links:
              - {a: h1, b: s1}
              - {a: kernel, b: s1}
            """;

    final VirtualClock clock = new VirtualClock();
    final VirtualWire tapWire = new VirtualWire(9000, 0, VirtualWire.DEFAULT_CAPACITY);
    final Host kernel = new Host("kernel", InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:99"),
            Ipv4Cidr.parse("10.0.0.100/24")), tapWire.b());
    final Network network;
    final VirtualDriver driver;
    String opened;

    TapNodeTest() throws Exception {
        TopologySpec spec = TopologyYaml.parse("lan-tap.yaml", "lan-tap", LAN_WITH_TAP);
        network = Network.topology(NetworkConfig.defaults(3), spec, clock, line -> { }, device -> {
            opened = device;
            return tapWire.a();
        });
        driver = new VirtualDriver(clock, new Pollable() {
            @Override
            public void poll(long now) {
                network.poll(now);
                kernel.poll(now);
            }

            @Override
            public long pollAt(long now) {
                return Math.min(network.pollAt(now), kernel.pollAt(now));
            }
        });
    }

    TapNode tap() {
        return network.topology().orElseThrow().taps().get(0);
    }

    IcmpSocket ping(Host from, String to, int size) throws Exception {
        IcmpSocket socket = new IcmpSocket();
        from.sockets().add(socket);
        socket.bindAny();
        socket.sendEcho(Ipv4Address.parse(to), 1, new byte[size]);
        return socket;
    }

    @Test
    void theTopologyOpensTheDeviceItsFileNames() {
        assertEquals("tap0", opened);
        assertEquals("kernel", tap().name());
    }

    @Test
    void theKernelPingsAHostOfTheTopologyThroughTheSwitch() throws Exception {
        IcmpSocket socket = ping(kernel, "10.0.0.1", 56);
        assertTrue(driver.await(Micros.ofSeconds(2), now -> socket.canRecv() ? Boolean.TRUE : null) != null);
        assertEquals(2, tap().fromKernel(), "the ARP request and the echo request");
        assertEquals(2, tap().toKernel(), "the ARP reply and the echo reply");
        assertEquals(0, tap().dropped());
    }

    @Test
    void aHostOfTheTopologyPingsTheKernel() throws Exception {
        IcmpSocket socket = ping(network.local(), "10.0.0.100", 56);
        assertTrue(driver.await(Micros.ofSeconds(2), now -> socket.canRecv() ? Boolean.TRUE : null) != null);
    }

    @Test
    void aFrameLongerThanTheLinkCarriesIsDroppedAndCounted() throws Exception {
        IcmpSocket warmUp = ping(kernel, "10.0.0.1", 56); // ARP first, so the long frame is the echo itself
        driver.await(Micros.ofSeconds(2), now -> warmUp.canRecv() ? Boolean.TRUE : null);
        IcmpSocket socket = ping(kernel, "10.0.0.1", 4000);
        assertTrue(driver.await(Micros.ofSeconds(2), now -> socket.canRecv() ? Boolean.TRUE : null) == null);
        assertEquals(1, tap().dropped());
        assertFalse(socket.canRecv());
    }

    @Test
    void aTapCabledStraightToAHostIsThatHostsPeer() throws Exception {
        VirtualWire wire = new VirtualWire(1500, 0, VirtualWire.DEFAULT_CAPACITY);
        Host peer = new Host("kernel", InterfaceConfig.of(MacAddress.parse("02:00:00:00:00:98"), Ipv4Cidr.parse("10.0.0.100/24")),
                wire.b());
        TopologySpec spec = TopologyYaml.parse("pair-tap.yaml", "pair-tap", """
                nodes:
                  - {name: h1, kind: host, address: 10.0.0.1/24}
                  - {name: kernel, kind: tap, device: tap0}
                links:
                  - {a: kernel, b: h1}
                """);
        Network direct = Network.topology(NetworkConfig.defaults(3), spec, clock, line -> { }, device -> wire.a());
        VirtualDriver both = new VirtualDriver(clock, new Pollable() {
            @Override
            public void poll(long now) {
                direct.poll(now);
                peer.poll(now);
            }

            @Override
            public long pollAt(long now) {
                return Math.min(direct.pollAt(now), peer.pollAt(now));
            }
        });
        IcmpSocket socket = ping(peer, "10.0.0.1", 56);
        assertTrue(both.await(Micros.ofSeconds(2), now -> socket.canRecv() ? Boolean.TRUE : null) != null);
    }

    @Test
    void carryingFramesBothWaysAllocatesNothing() {
        VirtualWire kernelSide = new VirtualWire(1500, 0, VirtualWire.DEFAULT_CAPACITY);
        VirtualWire linkSide = new VirtualWire(1500, 0, VirtualWire.DEFAULT_CAPACITY);
        TapNode node = new TapNode("kernel", kernelSide.a(), linkSide.a());
        byte[] frame = new byte[1000];
        FrameFiller filler = (buffer, offset, length) -> System.arraycopy(frame, 0, buffer, offset, length);
        FrameReceiver sink = (f, o, n) -> { };
        int frames = 20_000;
        AllocationMeter.assertNoAllocationPerFrame(frames, () -> {
            for (int i = 0; i < frames; i++) {
                kernelSide.b().transmit(i, frame.length, filler);
                linkSide.b().transmit(i, frame.length, filler);
                node.poll(i);
                while (linkSide.b().receive(i, sink) | kernelSide.b().receive(i, sink)) {
                    // both ways
                }
            }
        });
        assertEquals(node.fromKernel(), node.toKernel());
        assertEquals(0, node.dropped());
    }

    @Test
    void withoutAnOpenerATapNodeIsOneClearSentence() {
        TopologySpec spec;
        try {
            spec = TopologyYaml.parse("lan-tap.yaml", "lan-tap", LAN_WITH_TAP);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Network.topology(NetworkConfig.defaults(3), spec, clock, line -> { }));
        assertEquals("a tap node needs the console: 'jnetlab --topology FILE' opens tap0", e.getMessage());
    }
}

package dev.jnetlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.driver.VirtualDriver;
import dev.jnetlab.host.topology.BuiltinTopologies;
import dev.jnetlab.host.topology.TopologySpec;
import dev.jnetlab.host.topology.TopologySpec.LinkSpec;
import dev.jnetlab.stack.iface.SocketSet;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.LinkShape;
import dev.jnetlab.stack.phy.ShapedWire;
import dev.jnetlab.stack.socket.Endpoint;
import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.SocketHandle;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wan's slow link (r1-r2: 2 Mbit/s, a queue of 20 frames) as a bottleneck, on the virtual
 * clock: a TCP transfer across it is paced by the link, not faster, and a burst that overflows
 * its queue is dropped at the tail, counted, as arithmetic says.
 */
class WanBottleneckTest {
    /** An Ethernet frame of a full segment: 14 + 20 (IPv4) + 20 (TCP) + 12 (timestamps) + 1448 octets. */
    static final int FULL_FRAME = 1514;
    static final int MSS = 1448;
    static final LinkShape SLOW = BuiltinTopologies.SLOW;
    /** 1514 octets at 2 Mbit/s: 6056 µs on the wire each. */
    static final long FRAME_TIME = SLOW.serialisation(FULL_FRAME);

    final VirtualClock clock = new VirtualClock();
    final List<String> output = new ArrayList<>();

    Network network(TopologySpec spec) {
        return Network.topology(NetworkConfig.defaults(7), spec, clock, output::add);
    }

    /** The built-in wan with its slow link's 1 % loss taken off: only the queue loses frames. */
    static TopologySpec wanWithoutLoss() {
        TopologySpec wan = BuiltinTopologies.named("wan").orElseThrow();
        List<LinkSpec> links = wan.links().stream()
                .map(l -> l.shape().equals(SLOW) ? new LinkSpec(l.a(), l.b(), l.shape(), FaultConfig.NONE, FaultConfig.NONE) : l)
                .toList();
        return new TopologySpec(wan.name(), wan.nodes(), links, wan.start());
    }

    /** Every frame that reaches r2 over the slow link, as the instant it arrived and its length. */
    static List<long[]> framesReachingR2(Topology topology) {
        List<long[]> frames = new ArrayList<>();
        topology.watchFrames((now, link, toNode, frame, offset, length) -> {
            if (link.equals("r1-r2") && toNode.equals("r2")) {
                frames.add(new long[] {now, length});
            }
        });
        return frames;
    }

    @Test
    void theBuiltInDumbbellIsTheWanWithoutItsRandomLoss() {
        TopologySpec dumbbell = BuiltinTopologies.named("dumbbell").orElseThrow();
        TopologySpec wan = wanWithoutLoss();
        assertEquals("dumbbell", dumbbell.name());
        assertEquals(wan.nodes(), dumbbell.nodes());
        assertEquals(wan.links(), dumbbell.links());
        assertEquals("h1", dumbbell.start());
    }

    @Test
    void theFrameTimeIsTheArithmetic() {
        assertEquals(1514 * 8 * 1_000_000L / 2_000_000, FRAME_TIME);
    }

    @Test
    void aTcpTransferAcrossTheBuiltInWanIsPacedByTheTwoMegabitLink() throws Exception {
        Network network = network(BuiltinTopologies.named("wan").orElseThrow());
        VirtualDriver driver = new VirtualDriver(clock, network);
        Topology topology = network.topology().orElseThrow();
        List<long[]> arrived = framesReachingR2(topology);
        SocketSet sockets = network.local().sockets();
        TcpSocket socket = new TcpSocket(256 * 1024, 256 * 1024);
        SocketHandle<TcpSocket> handle = sockets.add(socket);
        Endpoint discard = Endpoint.of(topology.addressOf("h3").orElseThrow(), 9);
        driver.call(now -> {
            try {
                network.local().iface().connect(now, sockets, handle, discard, 0);
            } catch (TcpException.Connect e) {
                throw new AssertionError(e);
            }
            return null;
        });
        assertNotNull(driver.await(Micros.ofSeconds(5), now -> socket.maySend() ? Boolean.TRUE : null));
        long start = clock.now();
        int total = 1_200_000;
        int[] queued = {0};
        byte[] data = new byte[total];
        assertNotNull(driver.await(Micros.ofSeconds(60), now -> {
            try {
                queued[0] += socket.send(data, queued[0], total - queued[0]);
            } catch (TcpException.Send e) {
                throw new AssertionError(e);
            }
            return queued[0] == total && socket.sendQueue() == 0 ? Boolean.TRUE : null;
        }), "every octet acknowledged within a minute");
        long took = clock.now() - start;

        // 1.2 MB is 829 full segments, 6056 µs each on the slow link: 5.02 s at the very least.
        long segments = (total + MSS - 1) / MSS;
        long floor = segments * FRAME_TIME;
        assertTrue(took >= floor, "1.2 MB took " + Micros.format(took) + ", less than the link allows: " + Micros.format(floor));
        assertTrue(took <= floor * 110 / 100, "and keeps the link busy: " + Micros.format(took) + " against " + Micros.format(floor));

        // From the first full frame that reached r2 to the last, the link carried its rate, to a frame.
        List<long[]> full = arrived.stream().filter(f -> f[1] == FULL_FRAME).toList();
        long first = full.get(0)[0];
        long last = full.get(full.size() - 1)[0];
        long carried = full.size() - 1; // frames clocked out after the first one arrived
        long linkTime = carried * FRAME_TIME;
        assertTrue(last - first >= linkTime, "frames never arrive closer than their serialisation");
        assertTrue(last - first <= linkTime * 103 / 100, "the link idles less than 3 %: " + Micros.format(last - first)
                + " for " + carried + " frames of " + Micros.format(FRAME_TIME));
        for (int i = 1; i < full.size(); i++) {
            assertTrue(full.get(i)[0] - full.get(i - 1)[0] >= FRAME_TIME, "frame " + i + " arrived too soon");
        }
        ShapedWire slow = topology.wires().get("r1-r2");
        assertTrue(slow.tailDrops(true) > 0, "the sender fills the 20-frame queue");
    }

    @Test
    void aBurstOfAHundredFramesKeepsOneOnTheWireTwentyQueuedAndOneMoreWhenTheFirstLeaves() throws Exception {
        Network network = network(wanWithoutLoss());
        VirtualDriver driver = new VirtualDriver(clock, network);
        Topology topology = network.topology().orElseThrow();
        // A ping first, so that every ARP cache on the way is warm and the burst goes out at once.
        IcmpSocket ping = TopologyTest.ping(network, "h3", 64, clock.now());
        assertTrue(TopologyTest.answered(driver, ping, Micros.ofSeconds(2)));
        List<long[]> arrived = framesReachingR2(topology);

        UdpSocket udp = new UdpSocket(4, 4096, 128, 128 * 2048);
        network.local().sockets().add(udp);
        udp.bind(40000);
        Endpoint h3 = Endpoint.of(topology.addressOf("h3").orElseThrow(), 9);
        byte[] payload = new byte[FULL_FRAME - 14 - 20 - 8];
        driver.call(now -> {
            for (int i = 0; i < 100; i++) {
                try {
                    udp.sendTo(h3, payload, 0, payload.length);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            return null;
        });
        driver.await(Micros.ofSeconds(2), now -> null);

        // The frames reach r1 one LAN frame time apart (1514 octets at 100 Mbit/s: 122 µs). The
        // first goes on the slow link, the next 20 wait behind it and the 29 after them find the
        // queue full; the first has left when the 51st arrives (50 x 122 µs = 6100 µs, past
        // 6056 µs), which takes its place; the other 49 arrive before the second leaves
        // (99 x 122 µs = 12,078 µs, before 12,112 µs): 22 cross, 29 + 49 = 78 are dropped.
        long lanFrame = BuiltinTopologies.LAN.serialisation(FULL_FRAME);
        assertEquals(122, lanFrame);
        assertEquals(22, arrived.size());
        ShapedWire slow = topology.wires().get("r1-r2");
        assertEquals(78, slow.tailDrops(true));
        assertEquals(0, slow.tailDrops(false));
        for (int i = 1; i < arrived.size(); i++) {
            assertEquals(FRAME_TIME, arrived.get(i)[0] - arrived.get(i - 1)[0], "back to back at the link's rate");
        }
    }
}

package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.PEER_IP;
import static dev.jnetlab.stack.iface.Frames.PEER_MAC;
import static dev.jnetlab.stack.iface.Frames.STACK_IP;
import static dev.jnetlab.stack.iface.Frames.STACK_MAC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Repr;
import dev.jnetlab.stack.wire.TcpFlags;
import dev.jnetlab.stack.wire.WireError;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The counters: traffic in both directions, the reasons not covered elsewhere, and the snapshot the console prints. */
class CountersTest {
    private final Harness h = new Harness();

    @Test
    void countFramesOctetsAndArpBothWays() throws Exception {
        UdpSocket socket = h.udp(5000);
        socket.sendTo(PEER_IP.bits(), 7, new byte[10], 0, 10);
        h.poll();
        h.receive(Frames.arpReply(PEER_MAC, PEER_IP));

        List<Frame> frames = h.sent();
        assertEquals(2, frames.size());
        InterfaceStats stats = h.iface.stats();
        assertEquals(2, stats.get(InterfaceCounter.FRAMES_OUT));
        assertEquals(42 + 14 + 20 + 8 + 10, stats.get(InterfaceCounter.OCTETS_OUT));
        assertEquals(1, stats.get(InterfaceCounter.FRAMES_IN));
        assertEquals(42, stats.get(InterfaceCounter.OCTETS_IN));
        assertEquals(1, stats.get(InterfaceCounter.ARP_REQUESTS_OUT));
        assertEquals(1, stats.get(InterfaceCounter.ARP_REPLIES_IN));
        assertEquals(1, stats.get(InterfaceCounter.UDP_OUT));
        assertEquals(1, stats.get(InterfaceCounter.IPV4_OUT));
        assertEquals(List.of("frames_in", "octets_in", "frames_out", "octets_out", "arp_replies_in", "arp_requests_out",
                "ipv4_out", "udp_out"), stats.nonZero().stream().map(CounterValue::name).toList());
    }

    @Test
    void aFragmentEndingBeyond65535IsMalformed() {
        byte[] frame = Frames.ipv4(PEER_MAC, STACK_MAC, Frames.fragmentHeader(PEER_IP, STACK_IP, IpProtocol.UDP, 1, 0, false, 16),
                new byte[16]);
        new dev.jnetlab.stack.wire.Ipv4Packet().wrap(frame, 14, frame.length - 14).setFragmentOffset(65528).fillChecksum();
        h.receive(frame);

        assertEquals(1, h.counter(InterfaceCounter.DROP_BAD_FRAGMENT_OFFSET));
    }

    @Test
    void aTcpSegmentWithABrokenOptionIsMalformed() {
        byte[] plain = Frames.tcp(PEER_IP, STACK_IP, 1, 80, 0, 0, TcpFlags.SYN, new byte[4]);
        byte[] segment = plain.clone();
        segment[12] = 0x60; // data offset 6: the 4 payload octets become options
        segment[20] = 2; // MSS
        segment[21] = 1; // of length 1
        new dev.jnetlab.stack.wire.TcpPacket().wrap(segment, 0, segment.length).fillChecksum(PEER_IP.bits(), STACK_IP.bits());
        h.receive(Frames.fromPeer(IpProtocol.TCP, segment));

        h.sentNothing();
        assertEquals(1, h.counter(InterfaceCounter.DROP_BAD_OPTION));
    }

    @Test
    void aReplyTheDeviceRefusesIsCountedAndASocketsDatagramWaitsForTheNextPoll() throws Exception {
        h.knowPeer();
        h.device.refuse = 1;
        h.receive(Frames.fromPeer(IpProtocol.ICMP, Frames.echoRequest(1, 1, new byte[8])));
        h.sentNothing();
        assertEquals(1, h.counter(InterfaceCounter.DROP_DEVICE_BUSY));

        UdpSocket socket = h.udp(5000);
        h.device.refuse = 1;
        socket.sendTo(PEER_IP.bits(), 7, "later".getBytes(), 0, 5);
        h.poll();
        h.sentNothing();
        assertEquals(h.now() + Interface.DEVICE_RETRY, h.iface.pollAt(h.now(), h.sockets), "it tries again a moment later");

        h.advance(Interface.DEVICE_RETRY);
        assertArrayEquals("later".getBytes(), h.sentOne().udpPayload());
        assertEquals(0, socket.sendDropped());
        assertEquals(1, h.counter(InterfaceCounter.DROP_DEVICE_BUSY), "a datagram that waits is not a drop");
    }

    @Test
    void theSocketsSendNoMoreFramesInOnePollThanTheDevicesBurst() throws Exception {
        h.knowPeer();
        h.device.setCapabilities(h.device.capabilities().withMaxBurstSize(2));
        UdpSocket socket = h.udp(5000);
        for (int i = 0; i < 5; i++) {
            socket.sendTo(PEER_IP.bits(), 7, new byte[] {(byte) i}, 0, 1);
        }
        h.poll();
        assertEquals(2, h.sent().size());
        assertEquals(h.now(), h.iface.pollAt(h.now(), h.sockets), "the rest is due at once");
        h.poll();
        h.poll();

        assertEquals(3, h.sent().size());
    }

    @Test
    void aDeviceThatRefusesEverythingIsNotAskedAgainInABusyLoop() throws Exception {
        UdpSocket socket = h.udp(5000);
        h.device.refuse = Integer.MAX_VALUE;
        socket.sendTo(PEER_IP.bits(), 7, new byte[1], 0, 1);
        h.poll();

        assertEquals(h.now() + Interface.DEVICE_RETRY, h.iface.pollAt(h.now(), h.sockets));
        h.advance(Interface.DEVICE_RETRY);
        assertEquals(h.now() + Interface.DEVICE_RETRY, h.iface.pollAt(h.now(), h.sockets));
    }

    @Test
    void framesThatWaitedForArpAreSentOnALaterPollIfTheDeviceWasBusy() throws Exception {
        UdpSocket socket = h.udp(5000);
        socket.sendTo(PEER_IP.bits(), 7, "held".getBytes(), 0, 4);
        h.poll();
        h.sent();
        h.device.refuse = 1;
        h.receive(Frames.arpReply(PEER_MAC, PEER_IP));
        h.sentNothing();
        assertEquals(1, h.iface.pendingFrames());

        h.advance(Interface.DEVICE_RETRY);

        assertArrayEquals("held".getBytes(), h.sentOne().udpPayload());
    }

    @Test
    void everyCounterHasAStableSnakeCaseNameAndEveryWireErrorItsDropCounter() {
        Set<String> names = new HashSet<>();
        for (InterfaceCounter counter : InterfaceCounter.values()) {
            assertTrue(counter.key().matches("[a-z0-9]+(_[a-z0-9]+)*"), counter.key());
            assertTrue(names.add(counter.key()), "twice: " + counter.key());
            assertEquals(counter.name().toLowerCase(java.util.Locale.ROOT), counter.key());
        }
        for (WireError error : WireError.values()) {
            assertEquals("drop_" + error.name().toLowerCase(java.util.Locale.ROOT), InterfaceCounter.of(error).key());
            assertTrue(InterfaceCounter.of(error).isDrop());
        }
    }

    @Test
    void theSnapshotIsAMapInCounterOrderAndDoesNotMove() {
        InterfaceStats before = h.iface.stats();
        h.knowPeer();

        Map<String, Long> map = h.iface.stats().asMap();
        assertEquals(InterfaceCounter.values().length, map.size());
        assertEquals("frames_in", map.keySet().iterator().next());
        assertEquals(1L, map.get("arp_requests_in"));
        assertEquals(0, before.get(InterfaceCounter.ARP_REQUESTS_IN), "a snapshot is a copy");
        assertTrue(before.nonZero().isEmpty());
    }

    @Test
    void aDatagramForAFullSocketIsCountedOnTheSocketAndTheInterface() throws Exception {
        UdpSocket tiny = new UdpSocket(1, 100, 1, 100);
        h.sockets.add(tiny);
        tiny.bind(6969);
        for (int i = 0; i < 3; i++) {
            byte[] udp = Frames.udp(PEER_IP, 4000, STACK_IP, 6969, new byte[10]);
            h.receive(Frames.ipv4(PEER_MAC, STACK_MAC, Ipv4Repr.of(PEER_IP, STACK_IP, IpProtocol.UDP, udp.length), udp));
        }

        assertEquals(2, tiny.recvDropped());
        assertEquals(2, h.counter(InterfaceCounter.DROP_SOCKET_BUFFER_FULL));
        assertEquals(1, tiny.datagramsReceived());
    }
}

package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.STACK_IP;
import static dev.jnetlab.stack.iface.Frames.STACK_MAC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Repr;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Interface#transmitFrame}: a frame written whole, as through a packet socket (the DHCP
 * client's messages from 0.0.0.0, its ARP probes), goes to the device as it is and is counted
 * as every frame the interface writes itself.
 */
class TransmitFrameTest {
    private final Harness h = new Harness();

    /** A DHCP DISCOVER's shape: UDP 68 to 67, from 0.0.0.0 to the broadcast address. */
    private static byte[] discover() {
        byte[] udp = Frames.udp(Ipv4Address.UNSPECIFIED, 68, Ipv4Address.BROADCAST, 67, new byte[300]);
        return Frames.ipv4(STACK_MAC, MacAddress.BROADCAST,
                Ipv4Repr.of(Ipv4Address.UNSPECIFIED, Ipv4Address.BROADCAST, IpProtocol.UDP, udp.length), udp);
    }

    @Test
    void aDatagramFrom0000GoesAsItIsAndCountsAsAFrameAnIpv4DatagramAndAUdpOne() {
        byte[] frame = discover();
        assertTrue(h.iface.transmitFrame(h.now(), h.device, frame, frame.length));
        List<Frame> sent = h.sent();
        assertEquals(1, sent.size());
        assertArrayEquals(frame, sent.get(0).bytes());
        InterfaceStats stats = h.iface.stats();
        assertEquals(1, stats.get(InterfaceCounter.FRAMES_OUT));
        assertEquals(frame.length, stats.get(InterfaceCounter.OCTETS_OUT));
        assertEquals(1, stats.get(InterfaceCounter.IPV4_OUT));
        assertEquals(1, stats.get(InterfaceCounter.UDP_OUT));
    }

    @Test
    void anArpProbeCountsAsAnArpRequest() {
        byte[] probe = Frames.arpRequest(STACK_MAC, Ipv4Address.UNSPECIFIED, STACK_IP);
        assertTrue(h.iface.transmitFrame(h.now(), h.device, probe, probe.length));
        InterfaceStats stats = h.iface.stats();
        assertEquals(1, stats.get(InterfaceCounter.FRAMES_OUT));
        assertEquals(1, stats.get(InterfaceCounter.ARP_REQUESTS_OUT));
        assertEquals(0, stats.get(InterfaceCounter.IPV4_OUT));
    }

    @Test
    void aFrameTheDeviceRefusesIsABusyDropAndNoFrameOut() {
        h.device.refuse = 1;
        byte[] frame = discover();
        assertFalse(h.iface.transmitFrame(h.now(), h.device, frame, frame.length));
        assertEquals(0, h.iface.stats().get(InterfaceCounter.FRAMES_OUT));
        assertEquals(1, h.iface.stats().get(InterfaceCounter.DROP_DEVICE_BUSY));
        assertTrue(h.sent().isEmpty());
    }
}

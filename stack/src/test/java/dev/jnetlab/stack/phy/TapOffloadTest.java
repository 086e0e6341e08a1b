package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jnetlab.netns.NetworkNamespace;
import dev.jnetlab.netns.RealPeer;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.UdpPacket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Offloads negotiated with the kernel when a tap opens: granted, not asked for, refused (the
 * fallback to a plain tap), and a plain reader after one that had them.
 */
@RealPeer(tools = "socat")
class TapOffloadTest {
    private static final String TAP = NetworkNamespace.TAP;
    private static final int DISCARD_PORT = 9;
    /** A TUNSETOFFLOAD bit no kernel knows: tun.c's set_offload refuses what is left over with EINVAL. */
    private static final int UNKNOWN_OFFLOAD = 0x8000;

    @Test
    void aTapOpensWithChecksumOffloadTsoAndGsoReceiveWhenTheKernelGrantsThem(NetworkNamespace ns) {
        try (TapInterface tap = ns.inside(() -> TapInterface.open(TAP))) {
            DeviceCapabilities caps = tap.capabilities();
            assertEquals("csum tso4 gso-rx", tap.offloadStatus());
            assertEquals(ChecksumCapabilities.TAP_OFFLOAD, caps.checksums());
            assertEquals(65535, caps.tsoMaxSize(), "the largest IPv4 datagram");
            assertEquals(1514, caps.maxFrameSize(), "the MTU is still the MTU");
            assertTrue(caps.maxReceiveSize() >= 65535 + 14, "a GSO super-frame fits");
        }
    }

    @Test
    void aTapOpenedWithoutOffloadsIsPlain(NetworkNamespace ns) {
        try (TapInterface tap = ns.inside(() -> TapInterface.open(TAP, Offloads.NONE))) {
            assertEquals("none (not asked for)", tap.offloadStatus());
            assertEquals(DeviceCapabilities.ethernet(1500), tap.capabilities());
        }
    }

    @Test
    void aRefusedOffloadFallsBackToAPlainTapThatWorks(NetworkNamespace ns) {
        int flags = LibC.TUN_F_CSUM | LibC.TUN_F_TSO4 | UNKNOWN_OFFLOAD;
        try (TapInterface tap = ns.inside(() -> TapInterface.open(TAP, TapInterface.CLONE_DEVICE, flags))) {
            assertEquals("none (kernel refused TUNSETOFFLOAD: Invalid argument (EINVAL))", tap.offloadStatus());
            assertEquals(DeviceCapabilities.ethernet(1500), tap.capabilities());

            Received udp = kernelSendsUdp(ns, tap);
            assertFalse(udp.vouched, "a plain tap vouches for nothing");
            assertTrue(udp.checksumIsWhole(), "the kernel finished the checksum itself");
        }
    }

    @Test
    void withChecksumOffloadTheTapFinishesTheChecksumTheKernelLeftAndVouchesForIt(NetworkNamespace ns) {
        try (TapInterface tap = ns.inside(() -> TapInterface.open(TAP))) {
            Received udp = kernelSendsUdp(ns, tap);
            assertTrue(udp.vouched, "NEEDS_CSUM");
            assertTrue(udp.checksumIsWhole(), "finished as a device would, so tracer and capture see it valid");
        }
    }

    @Test
    void aPlainReaderAfterOneWithOffloadsGetsFinishedChecksums(NetworkNamespace ns) {
        // The offloads belong to the tap, not to the descriptor: without TUNSETOFFLOAD 0 the
        // kernel would go on leaving checksums unfinished for a reader that cannot know it.
        ns.inside(() -> TapInterface.open(TAP)).close();
        try (TapInterface tap = ns.inside(() -> TapInterface.open(TAP, Offloads.NONE))) {
            Received udp = kernelSendsUdp(ns, tap);
            assertFalse(udp.vouched);
            assertTrue(udp.checksumIsWhole());
        }
    }

    /** A UDP datagram the kernel sent to the stack's discard port, and whether the tap vouched for its checksum. */
    private record Received(byte[] frame, boolean vouched) {
        boolean checksumIsWhole() {
            Ipv4Packet ip = new Ipv4Packet().wrap(frame, EthernetFrame.HEADER_LEN, frame.length - EthernetFrame.HEADER_LEN);
            UdpPacket udp = new UdpPacket().wrap(frame, ip.payloadOffset(), ip.totalLength() - ip.headerLength());
            return udp.verifyChecksum(ip.source(), ip.destination());
        }
    }

    /** Has socat in the namespace send a datagram to the stack (whose MAC the kernel is told), and receives it. */
    private static Received kernelSendsUdp(NetworkNamespace ns, TapInterface tap) {
        ns.exec("ip", "neigh", "replace", NetworkNamespace.STACK_ADDRESS, "lladdr", "02:00:00:00:00:01", "dev", TAP,
                "nud", "permanent").assertSuccess();
        ns.exec("sh", "-c", "echo offload | socat -u - UDP:" + NetworkNamespace.STACK_ADDRESS + ":" + DISCARD_PORT)
                .assertSuccess();
        int stack = Ipv4Address.parse(NetworkNamespace.STACK_ADDRESS).bits();
        long deadline = System.nanoTime() + Receiving.PATIENCE.toNanos();
        Received[] got = new Received[1];
        FrameReceiver receiver = new FrameReceiver() {
            @Override
            public void receive(byte[] frame, int offset, int length) {
                receive(frame, offset, length, false);
            }

            @Override
            public void receive(byte[] frame, int offset, int length, boolean vouched) {
                Ipv4Packet ip = new Ipv4Packet().wrap(frame, offset + EthernetFrame.HEADER_LEN, length - EthernetFrame.HEADER_LEN);
                if (ip.check() == null && ip.protocolValue() == IpProtocol.UDP.value() && ip.destination() == stack) {
                    got[0] = new Received(Arrays.copyOfRange(frame, offset, offset + length), vouched);
                }
            }
        };
        while (got[0] == null) {
            if (!tap.receive(0, receiver)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("no UDP datagram from the kernel within " + Receiving.PATIENCE);
                }
                tap.awaitReadable(Math.max(1, left / 1_000));
            }
        }
        return got[0];
    }
}

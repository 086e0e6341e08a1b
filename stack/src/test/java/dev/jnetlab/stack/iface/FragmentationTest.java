package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.PEER_IP;
import static dev.jnetlab.stack.iface.Frames.PEER_MAC;
import static dev.jnetlab.stack.iface.Frames.STACK_IP;
import static dev.jnetlab.stack.iface.Frames.STACK_MAC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.socket.IcmpSocket;
import dev.jnetlab.stack.socket.SendError;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Icmpv4DstUnreachable;
import dev.jnetlab.stack.wire.Icmpv4Repr;
import dev.jnetlab.stack.wire.Icmpv4TimeExceeded;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv4Repr;
import dev.jnetlab.stack.wire.Octets;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** IPv4 fragments (RFC 791 section 3.2): reassembly in any order within bounds, and fragmentation of what the stack sends. */
class FragmentationTest {
    private final Harness h = new Harness();

    /** A UDP datagram of {@code size} payload octets from the peer to port 6969, as whole transport bytes. */
    private static byte[] udpMessage(int size) {
        return Frames.udp(PEER_IP, 4000, STACK_IP, 6969, Frames.pattern(size, 3));
    }

    @Nested
    class Reassembling {
        @Test
        void inOrder() throws Exception {
            UdpSocket socket = h.udp(6969);
            h.receiveAll(Frames.fragments(IpProtocol.UDP, 77, udpMessage(3000), 1480));

            assertArrayEquals(Frames.pattern(3000, 3), socket.recvFrom().data());
            assertEquals(3, h.counter(InterfaceCounter.FRAGMENTS_IN));
            assertEquals(1, h.counter(InterfaceCounter.DATAGRAMS_REASSEMBLED));
            assertEquals(1, h.counter(InterfaceCounter.IPV4_IN));
            assertEquals(0, h.iface.datagramsInReassembly());
        }

        @Test
        void inReverse() throws Exception {
            UdpSocket socket = h.udp(6969);
            List<byte[]> frames = new ArrayList<>(Frames.fragments(IpProtocol.UDP, 77, udpMessage(3000), 1480));
            Collections.reverse(frames);
            for (byte[] frame : frames) {
                h.receive(frame);
            }

            assertArrayEquals(Frames.pattern(3000, 3), socket.recvFrom().data());
        }

        @Test
        void shuffledInSmallPiecesInterleavedWithAnotherDatagram() throws Exception {
            UdpSocket socket = h.udp(6969);
            List<byte[]> frames = new ArrayList<>(Frames.fragments(IpProtocol.UDP, 1, udpMessage(5000), 256));
            byte[] second = Frames.udp(PEER_IP, 4001, STACK_IP, 6969, Frames.pattern(2000, 9));
            frames.addAll(Frames.fragments(IpProtocol.UDP, 2, second, 512));
            Collections.shuffle(frames, new Random(5));
            for (byte[] frame : frames) {
                h.receive(frame);
            }

            List<byte[]> got = List.of(socket.recvFrom().data(), socket.recvFrom().data());
            assertTrue(got.stream().anyMatch(d -> java.util.Arrays.equals(d, Frames.pattern(5000, 3))));
            assertTrue(got.stream().anyMatch(d -> java.util.Arrays.equals(d, Frames.pattern(2000, 9))));
        }

        @Test
        void ignoresAnExactDuplicate() throws Exception {
            UdpSocket socket = h.udp(6969);
            List<byte[]> frames = Frames.fragments(IpProtocol.UDP, 77, udpMessage(3000), 1480);
            h.receive(frames.get(0));
            h.receive(frames.get(0));
            h.receive(frames.get(1));
            h.receive(frames.get(2));

            assertArrayEquals(Frames.pattern(3000, 3), socket.recvFrom().data());
            assertEquals(1, h.counter(InterfaceCounter.DROP_FRAGMENT_DUPLICATE));
        }

        @Test
        void dropsTheWholeDatagramWhenFragmentsOverlap() {
            UdpSocket socket = h.udp(6969);
            byte[] message = udpMessage(3000);
            List<byte[]> frames = Frames.fragments(IpProtocol.UDP, 77, message, 1480);
            h.receive(frames.get(0));
            // 1000 octets at 1472: overlaps the first fragment's last 8.
            h.receive(Frames.ipv4(PEER_MAC, STACK_MAC, Frames.fragmentHeader(PEER_IP, STACK_IP, IpProtocol.UDP, 77, 1472, true, 1000),
                    java.util.Arrays.copyOfRange(message, 1472, 2472)));
            h.receive(frames.get(1));
            h.receive(frames.get(2));

            assertFalse(socket.canRecv());
            assertEquals(1, h.counter(InterfaceCounter.DROP_FRAGMENT_OVERLAP));
            assertEquals(2, h.counter(InterfaceCounter.DROP_FRAGMENT_ORPHANED), "what came after the drop went with it");
            assertEquals(0, h.iface.datagramsInReassembly());
        }

        @Test
        void dropsADatagramThatWouldExceed65535Octets() {
            // The last fragment at offset 65528 with 8 octets: 65536 octets of payload, plus a header.
            h.receive(Frames.ipv4(PEER_MAC, STACK_MAC, Frames.fragmentHeader(PEER_IP, STACK_IP, IpProtocol.ICMP, 9, 0, true, 1480),
                    new byte[1480]));
            h.receive(Frames.ipv4(PEER_MAC, STACK_MAC, Frames.fragmentHeader(PEER_IP, STACK_IP, IpProtocol.ICMP, 9, 65512, false, 8),
                    new byte[8]));

            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_REASSEMBLY_TOO_BIG));
            assertEquals(0, h.iface.datagramsInReassembly());
        }

        @Test
        void dropsADatagramLargerThanItsConfiguredLimit() {
            Harness small = new Harness(InterfaceConfig.of(STACK_MAC, Ipv4Cidr.parse("192.168.69.1/24"))
                    .withReassembly(new ReassemblyLimits(2, 2000, 16, Micros.ofSeconds(30))));
            small.receiveAll(Frames.fragments(IpProtocol.UDP, 77, udpMessage(3000), 1480));

            assertEquals(1, small.counter(InterfaceCounter.DROP_REASSEMBLY_TOO_BIG));
            assertEquals(1, small.counter(InterfaceCounter.DROP_FRAGMENT_ORPHANED));
        }

        @Test
        void dropsADatagramWhoseMiddleFragmentIsNotAMultipleOfEight() {
            h.receive(Frames.ipv4(PEER_MAC, STACK_MAC, Frames.fragmentHeader(PEER_IP, STACK_IP, IpProtocol.UDP, 3, 0, true, 100),
                    new byte[100]));

            assertEquals(1, h.counter(InterfaceCounter.DROP_FRAGMENT_INVALID));
        }

        @Test
        void dropsADatagramWithTwoDifferentEnds() {
            h.receive(Frames.ipv4(PEER_MAC, STACK_MAC, Frames.fragmentHeader(PEER_IP, STACK_IP, IpProtocol.UDP, 3, 800, false, 80),
                    new byte[80]));
            h.receive(Frames.ipv4(PEER_MAC, STACK_MAC, Frames.fragmentHeader(PEER_IP, STACK_IP, IpProtocol.UDP, 3, 1600, false, 80),
                    new byte[80]));

            assertEquals(1, h.counter(InterfaceCounter.DROP_FRAGMENT_INVALID));
            assertEquals(0, h.iface.datagramsInReassembly());
        }

        @Test
        void givesTheOldestUpWhenEverySlotIsBusy() throws Exception {
            Harness small = new Harness(InterfaceConfig.of(STACK_MAC, Ipv4Cidr.parse("192.168.69.1/24"))
                    .withReassembly(new ReassemblyLimits(1, 65535, 64, Micros.ofSeconds(30))));
            UdpSocket socket = small.udp(6969);
            List<byte[]> first = Frames.fragments(IpProtocol.UDP, 1, udpMessage(2000), 1480);
            List<byte[]> second = Frames.fragments(IpProtocol.UDP, 2, udpMessage(2000), 1480);
            small.receive(first.get(0));
            small.receive(second.get(0));
            small.receive(second.get(1));
            small.receive(first.get(1));

            assertArrayEquals(Frames.pattern(2000, 3), socket.recvFrom().data());
            assertFalse(socket.canRecv());
            assertEquals(1, small.counter(InterfaceCounter.DROP_REASSEMBLY_FULL));
        }

        @Test
        void dropsADatagramCutIntoMorePiecesThanAllowed() {
            Harness small = new Harness(InterfaceConfig.of(STACK_MAC, Ipv4Cidr.parse("192.168.69.1/24"))
                    .withReassembly(new ReassemblyLimits(2, 65535, 4, Micros.ofSeconds(30))));
            small.receiveAll(Frames.fragments(IpProtocol.UDP, 1, udpMessage(1000), 200));

            assertEquals(1, small.counter(InterfaceCounter.DROP_REASSEMBLY_FULL));
        }

        @Test
        void givesUpAfterThirtySecondsWithTimeExceededQuotingTheFirstFragment() {
            h.knowPeer();
            List<byte[]> frames = Frames.fragments(IpProtocol.UDP, 77, udpMessage(3000), 1480);
            h.receive(frames.get(0));
            h.receive(frames.get(2));
            assertEquals(h.now() + Micros.ofSeconds(30), h.iface.pollAt(h.now(), h.sockets));

            h.advance(Micros.ofSeconds(30) - 1);
            h.sentNothing();
            h.advance(1);

            Frame error = h.sentOne();
            Icmpv4Repr.TimeExceeded message = (Icmpv4Repr.TimeExceeded) error.icmp();
            assertEquals(Icmpv4TimeExceeded.FRAGMENT_REASSEMBLY_TIME_EXCEEDED, message.reason());
            assertEquals(77, message.header().identification());
            assertTrue(message.header().moreFragments(), "the first fragment's own header");
            assertEquals(PEER_IP, error.ip().destination());
            assertEquals(1, h.counter(InterfaceCounter.DROP_FRAGMENT_TIMEOUT));
            assertEquals(0, h.iface.datagramsInReassembly());
        }

        @Test
        void givesUpSilentlyWithoutTheFirstFragment() {
            h.knowPeer();
            List<byte[]> frames = Frames.fragments(IpProtocol.UDP, 77, udpMessage(3000), 1480);
            h.receive(frames.get(1));
            h.advance(Micros.ofSeconds(30));

            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_FRAGMENT_TIMEOUT));
        }

        @Test
        void answersAFragmentedEchoRequestWithTheSameDataFragmented() throws Exception {
            h.knowPeer();
            byte[] data = Frames.pattern(4000, 1);
            h.receiveAll(Frames.fragments(IpProtocol.ICMP, 5, Frames.echoRequest(0x4242, 9, data), 1480));

            List<Frame> frames = h.sent();
            assertEquals(3, frames.size());
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            int id = frames.get(0).ip().identification();
            for (int i = 0; i < frames.size(); i++) {
                Ipv4Repr header = frames.get(i).ip();
                assertEquals(i * 1480, header.fragmentOffset());
                assertEquals(i < 2, header.moreFragments());
                assertEquals(id, header.identification());
                reply.writeBytes(frames.get(i).ipPayload());
            }
            assertEquals(new Icmpv4Repr.EchoReply(0x4242, 9, Octets.of(data)),
                    Icmpv4Repr.parse(new dev.jnetlab.stack.wire.Icmpv4Packet().wrap(reply.toByteArray(), 0, reply.size())));
        }
    }

    @Nested
    class Fragmenting {
        @Test
        void aLargeUdpDatagramGoesInFragmentsOfEightOctetMultiples() throws Exception {
            h.knowPeer();
            UdpSocket socket = h.udp(5000);
            byte[] data = Frames.pattern(8000, 5);
            socket.sendTo(PEER_IP.bits(), 6969, data, 0, data.length);
            h.poll();

            List<Frame> frames = h.sent();
            assertEquals(6, frames.size(), "8008 octets of UDP in 1480-octet pieces");
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            for (int i = 0; i < frames.size(); i++) {
                Ipv4Repr header = frames.get(i).ip();
                assertEquals(i * 1480, header.fragmentOffset());
                assertEquals(i < 5, header.moreFragments());
                assertFalse(header.dontFragment());
                assertEquals(i < 5 ? 1480 : 8008 - 5 * 1480, header.payloadLength());
                assertTrue(frames.get(i).bytes().length <= 1514);
                whole.writeBytes(frames.get(i).ipPayload());
            }
            byte[] udp = whole.toByteArray();
            assertEquals(new dev.jnetlab.stack.wire.UdpRepr(5000, 6969, 8000), dev.jnetlab.stack.wire.UdpRepr.parse(
                    new dev.jnetlab.stack.wire.UdpPacket().wrap(udp, 0, udp.length), STACK_IP, PEER_IP));
            assertArrayEquals(data, java.util.Arrays.copyOfRange(udp, 8, udp.length));
            assertEquals(1, h.counter(InterfaceCounter.DATAGRAMS_FRAGMENTED));
            assertEquals(6, h.counter(InterfaceCounter.FRAGMENTS_OUT));
            assertEquals(1, h.counter(InterfaceCounter.IPV4_OUT));
        }

        @Test
        void theIdentificationChangesFromDatagramToDatagram() throws Exception {
            h.knowPeer();
            UdpSocket socket = h.udp(5000);
            socket.sendTo(PEER_IP.bits(), 6969, new byte[1], 0, 1);
            socket.sendTo(PEER_IP.bits(), 6969, new byte[1], 0, 1);
            h.poll();

            List<Frame> frames = h.sent();
            assertEquals((frames.get(0).ip().identification() + 1) & 0xFFFF, frames.get(1).ip().identification());
        }

        @Test
        void aDatagramThatFitsIsNotFragmented() throws Exception {
            h.knowPeer();
            UdpSocket socket = h.udp(5000);
            socket.sendTo(PEER_IP.bits(), 6969, new byte[1472], 0, 1472);
            h.poll();

            Frame frame = h.sentOne();
            assertEquals(1514, frame.bytes().length);
            assertFalse(frame.ip().moreFragments());
        }

        @Test
        void dontFragmentRefusesAnOversizeDatagramWithATypedError() throws Exception {
            UdpSocket socket = h.udp(5000);
            socket.setDontFragment(true);
            h.poll(); // the set learns the link's MTU

            SocketException.Send e = assertThrows(SocketException.Send.class,
                    () -> socket.sendTo(PEER_IP.bits(), 6969, new byte[1473], 0, 1473));
            assertEquals(SendError.FRAGMENTATION_NEEDED, e.error());
            socket.sendTo(PEER_IP.bits(), 6969, new byte[1472], 0, 1472);
        }

        @Test
        void dontFragmentIsSetOnTheWireAndAShrunkenLinkDropsTheDatagram() throws Exception {
            h.knowPeer();
            UdpSocket socket = h.udp(5000);
            socket.setDontFragment(true);
            socket.sendTo(PEER_IP.bits(), 6969, new byte[1000], 0, 1000);
            h.poll();
            assertTrue(h.sentOne().ip().dontFragment());

            socket.sendTo(PEER_IP.bits(), 6969, new byte[1000], 0, 1000);
            h.device.setMtu(576);
            h.poll();

            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_TOO_BIG_DONT_FRAGMENT));
            assertEquals(1, socket.sendDropped());
        }

        @Test
        void aLargeEchoRequestIsFragmentedToo() throws Exception {
            h.knowPeer();
            IcmpSocket ping = h.icmp(1);
            ping.sendEcho(PEER_IP, 1, Frames.pattern(4000, 0));
            h.poll();

            assertEquals(3, h.sent().size());
        }

        @Test
        void anEchoRequestWithDontFragmentIsRefusedWhenTooBig() throws Exception {
            IcmpSocket ping = h.icmp(1);
            ping.setDontFragment(true);
            h.poll();

            SocketException.Send e = assertThrows(SocketException.Send.class, () -> ping.sendEcho(PEER_IP, 1, new byte[1473]));
            assertEquals(SendError.FRAGMENTATION_NEEDED, e.error());
        }

        @Test
        void aSmallMtuMakesSmallFragments() throws Exception {
            Harness small = new Harness(InterfaceConfig.of(STACK_MAC, Ipv4Cidr.parse("192.168.69.1/24")), 576);
            small.knowPeer();
            UdpSocket socket = small.udp(5000);
            socket.sendTo(PEER_IP.bits(), 6969, new byte[1200], 0, 1200);
            small.poll();

            List<Frame> frames = small.sent();
            assertEquals(3, frames.size());
            assertEquals(552, frames.get(0).ip().payloadLength(), "(576 - 20) rounded down to a multiple of 8");
        }
    }

    @Test
    void portUnreachableForAReassembledDatagramQuotesItsHeader() {
        h.knowPeer();
        h.receiveAll(Frames.fragments(IpProtocol.UDP, 77, udpMessage(3000), 1480));

        Icmpv4Repr.DstUnreachable error = (Icmpv4Repr.DstUnreachable) h.sentOne().icmp();
        assertEquals(Icmpv4DstUnreachable.PORT_UNREACHABLE, error.reason());
        assertEquals(3008, error.header().payloadLength());
        assertFalse(error.header().moreFragments());
    }
}

package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.PEER_MAC;
import static dev.jnetlab.stack.iface.Frames.STACK_MAC;
import static dev.jnetlab.stack.iface.Frames6.PEER;
import static dev.jnetlab.stack.iface.Frames6.PEER_LL;
import static dev.jnetlab.stack.iface.Frames6.STACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.iface.Frames6.Sent;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Bytes;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.Icmpv6Repr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6FragmentHeader;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.Ipv6Vectors;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.Octets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * IPv6 fragmentation and reassembly (RFC 8200 section 4.5) with the rules of RFC 5722
 * (overlaps), RFC 6946 (atomic fragments), RFC 7112 (tiny first fragments) and RFC 6980 (no
 * NDP in fragments); the path MTU of RFC 8201; and the silences of RFC 4443 section 2.4 (e)
 * for the errors this adds. The stack is fd00::1 on a link of MTU 1500 with the peer fd00::100
 * known; the peer's fragments are cut as Linux cuts them, 1448 octets each.
 */
class Ipv6FragmentationTest {
    private static final int MTU = 1500;
    private final Harness h = new Harness();

    /** fd00::1 preferred, routers answered, the peer's MAC known (from its solicitation). */
    @BeforeEach
    void up() {
        h.iface.enableIpv6();
        h.iface.addAddress(STACK, 64);
        h.poll();
        h.advance(Micros.ofSeconds(1));
        h.receive(Frames6.icmp(MacAddress.parse("33:33:00:00:00:01"), PEER_LL, Ipv6Address.ALL_NODES, 255,
                new Icmpv6Repr.RouterAdvert(0, false, false, 0, 0, 0, Optional.empty(), OptionalLong.empty(), List.of())));
        h.receive(Ipv6Vectors.NEIGHBOR_SOLICIT);
        h.sent();
    }

    /** The IPv6 packet of a frame, as much of it as an error quotes. */
    private static Octets quote(byte[] frame) {
        int length = Math.min(frame.length - EthernetFrame.HEADER_LEN, Ipv6Packet.MIN_MTU - Ipv6Packet.HEADER_LEN - 8);
        return Octets.copyOf(frame, EthernetFrame.HEADER_LEN, length);
    }

    private static byte[] withOffset(byte[] fragment, int offset) {
        byte[] copy = fragment.clone();
        int at = EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN + Ipv6FragmentHeader.OFFSET_FLAGS;
        Bytes.put16(copy, at, offset | Bytes.u16(copy, at) & 7);
        return copy;
    }

    private static byte[] withNextHeader(byte[] frame, int nextHeader) {
        byte[] copy = frame.clone();
        copy[EthernetFrame.HEADER_LEN + 6] = (byte) nextHeader;
        return copy;
    }

    @Nested
    class Reassembly {
        private final byte[] request = Fragments6.echoRequest(0x77, 1, 1600);
        private final List<byte[]> fragments = Fragments6.cut(request, 0x1234);

        @Test
        void theFragmentsOfAnEchoRequestMakeItWholeAndTheReplyGoesBackInFragments() {
            h.receive(fragments.get(0));
            h.sentNothing();
            h.receive(fragments.get(1));
            Sent reply = Sent.of(Fragments6.reassemble(h.sent(), MTU));
            assertEquals(PEER, reply.ip().destination());
            assertEquals(new Icmpv6Repr.EchoReply(0x77, 1, Fragments6.pattern(1600)), reply.message());
            assertEquals(2, h.counter(InterfaceCounter.FRAGMENTS_IN));
            assertEquals(1, h.counter(InterfaceCounter.DATAGRAMS_REASSEMBLED));
            assertEquals(1, h.counter(InterfaceCounter.DATAGRAMS_FRAGMENTED));
            assertEquals(2, h.counter(InterfaceCounter.FRAGMENTS_OUT));
        }

        @Test
        void theKernelsFirstFragmentWaitsForTheRest() {
            h.receive(Ipv6Vectors.FRAGMENT_FIRST);
            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.FRAGMENTS_IN));
            assertEquals(0, h.iface.stats().totalDrops(), h.iface.stats().nonZero().toString());
        }

        @Test
        void fragmentsInAnyOrder() {
            List<byte[]> five = Fragments6.cut(Fragments6.echoRequest(0x77, 2, 6000), 9);
            h.receiveAll(List.of(five.get(3), five.get(0), five.get(4), five.get(2)));
            h.sentNothing();
            h.receive(five.get(1));
            Sent reply = Sent.of(Fragments6.reassemble(h.sent(), MTU));
            assertEquals(new Icmpv6Repr.EchoReply(0x77, 2, Fragments6.pattern(6000)), reply.message());
        }

        @Test
        void anAtomicFragmentIsTakenWholeWithoutReassembly() {
            // RFC 6946: offset 0 and no more fragments; processed as if it had no fragment header.
            byte[] small = Fragments6.echoRequest(0x77, 3, 56);
            h.receive(Fragments6.fragment(small, 0, small.length - EthernetFrame.HEADER_LEN - Ipv6Packet.HEADER_LEN, false, 5));
            assertInstanceOf(Icmpv6Repr.EchoReply.class, Sent.of(h.sentOne()).message());
            assertEquals(0, h.counter(InterfaceCounter.FRAGMENTS_IN));
        }

        @Test
        void overlappingFragmentsDropTheWholePacketSilently() {
            // RFC 5722: the second overlaps the first by 8 octets; the rest of the packet goes too.
            int payload = request.length - EthernetFrame.HEADER_LEN - Ipv6Packet.HEADER_LEN;
            h.receive(fragments.get(0));
            h.receive(Fragments6.fragment(request, 1440, payload - 1440, false, 0x1234));
            h.receive(fragments.get(1));
            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_FRAGMENT_OVERLAP));
            assertEquals(1, h.counter(InterfaceCounter.DROP_FRAGMENT_ORPHANED));
            assertEquals(0, h.counter(InterfaceCounter.DATAGRAMS_REASSEMBLED));
        }

        @Test
        void anExactDuplicateIsIgnoredAndThePacketStillCompletes() {
            h.receive(fragments.get(0));
            h.receive(fragments.get(0));
            h.receive(fragments.get(1));
            assertEquals(1, h.counter(InterfaceCounter.DROP_FRAGMENT_DUPLICATE));
            assertInstanceOf(Icmpv6Repr.EchoReply.class, Sent.of(Fragments6.reassemble(h.sent(), MTU)).message());
        }

        @Test
        void sixtySecondsAfterTheFirstFragmentTimeExceededCode1QuotesIt() {
            h.receive(fragments.get(0));
            h.advance(Micros.ofSeconds(60) - 1);
            h.sentNothing();
            h.advance(1);
            Sent error = Sent.of(h.sentOne());
            assertEquals(STACK, error.ip().source());
            assertEquals(PEER, error.ip().destination());
            assertEquals(new Icmpv6Repr.Error(Icmpv6Packet.TYPE_TIME_EXCEEDED, 1, 0, quote(fragments.get(0))), error.message());
            assertEquals(1, h.counter(InterfaceCounter.DROP_FRAGMENT_TIMEOUT));
        }

        @Test
        void aTimeoutWithoutTheFirstFragmentSendsNothing() {
            h.receive(fragments.get(1));
            h.advance(Micros.ofSeconds(60));
            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_FRAGMENT_TIMEOUT));
        }

        @Test
        void atMostFourPacketsAreReassembledAtOnceAndTheOldestGivesWay() {
            for (int id = 1; id <= Ipv6Reassembler.SLOTS + 1; id++) {
                h.receive(Fragments6.cut(request, id).get(0));
                h.advance(1);
            }
            assertEquals(1, h.counter(InterfaceCounter.DROP_REASSEMBLY_FULL));
            h.receive(Fragments6.cut(request, 1).get(1)); // the first packet's rest: its first fragment is gone
            h.sentNothing();
            h.receive(Fragments6.cut(request, 5).get(1));
            assertInstanceOf(Icmpv6Repr.EchoReply.class, Sent.of(Fragments6.reassemble(h.sent(), MTU)).message());
        }

        @Test
        void ndpInAFragmentHeaderIsIgnored() {
            // RFC 6980 section 5: the kernel's solicitation, as an atomic fragment.
            byte[] ns = Ipv6Vectors.NEIGHBOR_SOLICIT;
            h.receive(Fragments6.fragment(ns, 0, ns.length - EthernetFrame.HEADER_LEN - Ipv6Packet.HEADER_LEN, false, 3));
            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_NDP_INVALID));
        }
    }

    @Nested
    class AFragmentOnItsOwn {
        private final byte[] request = Fragments6.echoRequest(0x77, 1, 1600);

        @Test
        void moreToComeAndNotAMultipleOf8IsAParameterProblemAtThePayloadLength() {
            byte[] odd = Fragments6.fragment(request, 0, 1001, true, 7);
            h.receive(odd);
            assertEquals(new Icmpv6Repr.Error(Icmpv6Packet.TYPE_PARAM_PROBLEM, 0, 4, quote(odd)), Sent.of(h.sentOne()).message());
            assertEquals(1, h.counter(InterfaceCounter.DROP_FRAGMENT_INVALID));
        }

        @Test
        void reachingPast65535OctetsIsAParameterProblemAtItsFragmentOffset() {
            byte[] far = withOffset(Fragments6.fragment(request, 0, 16, false, 7), 65528);
            h.receive(far);
            assertEquals(new Icmpv6Repr.Error(Icmpv6Packet.TYPE_PARAM_PROBLEM, 0, 42, quote(far)), Sent.of(h.sentOne()).message());
            assertEquals(1, h.counter(InterfaceCounter.DROP_REASSEMBLY_TOO_BIG));
        }

        @Test
        void aFirstFragmentCutInsideTheTcpHeaderIsTinyAndAParameterProblemCode3() {
            // RFC 7112: 8 octets of a TCP header, which has 20.
            byte[] tiny = Fragments6.fragment(withNextHeader(request, 6), 0, 8, true, 7);
            h.receive(tiny);
            assertEquals(new Icmpv6Repr.Error(Icmpv6Packet.TYPE_PARAM_PROBLEM, 3, 0, quote(tiny)), Sent.of(h.sentOne()).message());
            assertEquals(1, h.counter(InterfaceCounter.DROP_FRAGMENT_TINY));
        }

        @Test
        void aFirstFragmentEndingInsideAnExtensionHeaderIsTinyToo() {
            // A destination options header of 16 octets (its length octet, the ICMPv6 code, set to 1) in a fragment of 8.
            byte[] chain = withNextHeader(request, 60);
            chain[EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN + 1] = 1;
            byte[] tiny = Fragments6.fragment(chain, 0, 8, true, 7);
            h.receive(tiny);
            assertEquals(new Icmpv6Repr.Error(Icmpv6Packet.TYPE_PARAM_PROBLEM, 3, 0, quote(tiny)), Sent.of(h.sentOne()).message());
            assertEquals(1, h.counter(InterfaceCounter.DROP_FRAGMENT_TINY));
            assertEquals(0, h.counter(InterfaceCounter.DROP_BAD_EXTENSION_HEADER));
        }
    }

    @Nested
    class Fragmentation {
        @Test
        void aPacketLargerThanTheMtuGoesInFragmentsEachAMultipleOf8ButTheLast() {
            assertTrue(h.iface.sendEchoRequest(h.now(), PEER, 0x42, 1, 4000));
            h.poll();
            List<Frame> frames = h.sent();
            assertEquals(3, frames.size());
            Sent request = Sent.of(Fragments6.reassemble(frames, MTU));
            assertEquals(new Icmpv6Repr.EchoRequest(0x42, 1, Fragments6.pattern(4000)), request.message());
            assertEquals(PEER_MAC, request.dstMac());
        }

        @Test
        void eachPacketHasAnIdentificationOfItsOwn() {
            h.iface.sendEchoRequest(h.now(), PEER, 0x42, 1, 2000);
            h.iface.sendEchoRequest(h.now(), PEER, 0x42, 2, 2000);
            List<Frame> frames = h.sent();
            int at = EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN + Ipv6FragmentHeader.IDENTIFICATION;
            assertTrue(Bytes.i32(frames.get(0).bytes(), at) != Bytes.i32(frames.get(2).bytes(), at));
        }

        @Test
        void theFirstPacketToAnUnknownNeighborIsHeldWithAllItsFragments() {
            Ipv6Address other = Ipv6Address.parse("fd00::200");
            assertTrue(h.iface.sendEchoRequest(h.now(), other, 0x42, 1, 4000));
            assertInstanceOf(Icmpv6Repr.NeighborSolicit.class, Sent.of(h.sentOne()).message());
            h.receive(Frames6.icmp(STACK_MAC, other, STACK, 255,
                    new Icmpv6Repr.NeighborAdvert(false, true, true, other, Optional.of(PEER_MAC))));
            Sent request = Sent.of(Fragments6.reassemble(h.sent(), MTU));
            assertEquals(other, request.ip().destination());
            assertEquals(new Icmpv6Repr.EchoRequest(0x42, 1, Fragments6.pattern(4000)), request.message());
        }

        @Test
        void aTwentyThousandOctetPacketIsHeldWholeWhileTheNeighborIsResolved() {
            // 14 fragments: up to 45 frames are held per neighbor, a whole 64 KiB datagram.
            Ipv6Address other = Ipv6Address.parse("fd00::200");
            h.iface.sendEchoRequest(h.now(), other, 0x42, 1, 20_000);
            h.sent();
            h.receive(Frames6.icmp(STACK_MAC, other, STACK, 255,
                    new Icmpv6Repr.NeighborAdvert(false, true, true, other, Optional.of(PEER_MAC))));
            Sent request = Sent.of(Fragments6.reassemble(h.sent(), MTU));
            assertEquals(new Icmpv6Repr.EchoRequest(0x42, 1, Fragments6.pattern(20_000)), request.message());
            assertEquals(0, h.counter(InterfaceCounter.DROP_NDP_QUEUE_FULL));
        }
    }

    @Nested
    class PathMtu {
        private static final Ipv6Address ROUTER = Ipv6Address.parse("fd00::fe");

        /** A router's Packet Too Big about the stack's packet to {@code to}, saying {@code mtu}. */
        private byte[] packetTooBig(Ipv6Address from, Ipv6Address to, long mtu) {
            byte[] sent = Frames6.icmp(PEER_MAC, from, to, 64, new Icmpv6Repr.EchoRequest(0x42, 1, Fragments6.pattern(1400)));
            return Frames6.icmp(STACK_MAC, ROUTER, STACK, 64,
                    new Icmpv6Repr.Error(Icmpv6Packet.TYPE_PACKET_TOO_BIG, 0, mtu, quote(sent)));
        }

        private int pathMtu(Ipv6Address to) {
            return h.iface.ipv6PathMtu().pathMtu(to.high(), to.low(), h.now());
        }

        @Test
        void aPacketTooBigLowersThePathMtuAndLaterPacketsAreCutToIt() {
            assertEquals(MTU, pathMtu(PEER));
            h.receive(packetTooBig(STACK, PEER, 1300));
            assertEquals(1300, pathMtu(PEER));
            assertEquals(1, h.counter(InterfaceCounter.PATH_MTU_LOWERED));
            h.iface.sendEchoRequest(h.now(), PEER, 0x42, 2, 1400);
            Sent request = Sent.of(Fragments6.reassemble(h.sent(), 1300));
            assertEquals(new Icmpv6Repr.EchoRequest(0x42, 2, Fragments6.pattern(1400)), request.message());
        }

        @Test
        void itIsKeptPerDestination() {
            h.receive(packetTooBig(STACK, PEER, 1300));
            assertEquals(MTU, pathMtu(Ipv6Address.parse("fd00::200")));
        }

        @Test
        void neverBelow1280() {
            h.receive(packetTooBig(STACK, PEER, 600));
            assertEquals(Ipv6Packet.MIN_MTU, pathMtu(PEER));
        }

        @Test
        void neverRaisedByAPacketTooBig() {
            h.receive(packetTooBig(STACK, PEER, 1300));
            h.receive(packetTooBig(STACK, PEER, 1400));
            assertEquals(1300, pathMtu(PEER));
        }

        @Test
        void tenMinutesLaterTheLinkMtuIsTriedAgain() {
            h.receive(packetTooBig(STACK, PEER, 1300));
            h.advance(Micros.ofSeconds(600) - 1);
            assertEquals(1300, pathMtu(PEER));
            assertEquals(List.of(new PathMtuEntry(PEER, 1300, 1)), h.iface.ipv6PathMtus(h.now()));
            h.advance(1);
            assertEquals(MTU, pathMtu(PEER));
            assertTrue(h.iface.ipv6PathMtus(h.now()).isEmpty());
        }

        @Test
        void aPacketTooBigAboutAPacketThisHostDidNotSendIsIgnored() {
            h.receive(packetTooBig(Ipv6Address.parse("fd00::99"), PEER, 1300));
            assertEquals(MTU, pathMtu(PEER));
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ERRORS_IGNORED));
        }

        @Test
        void theCacheKeepsSixteenDestinationsAndForgetsTheOldest() {
            for (int i = 1; i <= PathMtuCache.CAPACITY + 1; i++) {
                h.receive(packetTooBig(STACK, Ipv6Address.parse("fd00:9::" + i), 1300));
                h.advance(1);
            }
            assertEquals(PathMtuCache.CAPACITY, h.iface.ipv6PathMtus(h.now()).size());
            assertEquals(MTU, pathMtu(Ipv6Address.parse("fd00:9::1")));
            assertEquals(1300, pathMtu(Ipv6Address.parse("fd00:9::17")));
        }
    }

    /** RFC 4443 section 2.4 (e) and (f): when an ICMPv6 error must not be sent. */
    @Nested
    class Icmpv6ErrorSilences {
        @Test
        void e1_notAboutAnIcmpv6Error() {
            // A destination unreachable from the peer, in fragments, whose last never comes.
            byte[] error = Frames6.icmp(STACK_MAC, PEER, STACK, 64,
                    new Icmpv6Repr.Error(Icmpv6Packet.TYPE_DST_UNREACHABLE, 4, 0, Fragments6.pattern(1600)));
            h.receive(Fragments6.cut(error, 3).get(0));
            h.advance(Micros.ofSeconds(60));
            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ERRORS_SUPPRESSED));
        }

        @Test
        void e2_notAboutARedirect() {
            byte[] redirect = Frames6.icmp(STACK_MAC, PEER_LL, STACK, 255,
                    new Icmpv6Repr.Redirect(PEER_LL, Ipv6Address.parse("2001:db8::1"), Optional.empty()));
            h.receive(Fragments6.fragment(redirect, 0, 16, true, 3));
            h.advance(Micros.ofSeconds(60));
            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ERRORS_SUPPRESSED));
        }

        @Test
        void e3_notAboutAPacketToAnIpv6Group() {
            byte[] fragment = Fragments6.to(Fragments6.cut(Fragments6.echoRequest(0x77, 1, 1600), 3).get(0), Ipv6Address.ALL_NODES);
            h.receive(fragment);
            h.advance(Micros.ofSeconds(60));
            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ERRORS_SUPPRESSED));
        }

        @Test
        void e3_exceptAParameterProblemAboutAnOptionOfAction2() {
            byte[] udp = Ipv6Vectors.UDP;
            int at = EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN;
            byte[] frame = new byte[udp.length + 8];
            System.arraycopy(udp, 0, frame, 0, at);
            System.arraycopy(new byte[] {17, 0, (byte) 0x80, 4, 0, 0, 0, 0}, 0, frame, at, 8); // option 0x80: action 2
            System.arraycopy(udp, at, frame, at + 8, udp.length - at);
            frame[EthernetFrame.HEADER_LEN + 6] = 60;
            frame[EthernetFrame.HEADER_LEN + 5] += 8;
            byte[] toGroup = Fragments6.to(frame, Ipv6Address.ALL_NODES);
            h.receive(toGroup);
            Sent error = Sent.of(h.sentOne());
            assertEquals(new Icmpv6Repr.Error(Icmpv6Packet.TYPE_PARAM_PROBLEM, 2, 42, quote(toGroup)), error.message());
            assertEquals(STACK, error.ip().source()); // the address for the sender, since the packet went to a group
            toGroup[at + 2] = (byte) 0xC0; // action 3: not to a group
            h.receive(toGroup);
            h.sentNothing();
        }

        @Test
        void e4_notAboutAPacketInALinkLayerMulticastFrame() {
            byte[] frame = Ipv6Vectors.UDP.clone();
            new EthernetFrame().wrap(frame, 0, frame.length).setDestination(MacAddress.parse("33:33:00:00:00:01").bits());
            h.receive(frame);
            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ERRORS_SUPPRESSED));
        }

        @Test
        void e5_notAboutAPacketInALinkLayerBroadcastFrame() {
            byte[] frame = Ipv6Vectors.UDP.clone();
            new EthernetFrame().wrap(frame, 0, frame.length).setDestination(MacAddress.BROADCAST.bits());
            h.receive(frame);
            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ERRORS_SUPPRESSED));
        }

        @Test
        void e6_notAboutAPacketFromTheUnspecifiedAddress() {
            byte[] fragment = Fragments6.cut(Fragments6.echoRequest(0x77, 1, 1600), 3).get(0);
            Ipv6Address.UNSPECIFIED.writeTo(fragment, EthernetFrame.HEADER_LEN + Ipv6Packet.SOURCE);
            h.receive(fragment);
            h.advance(Micros.ofSeconds(60));
            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ERRORS_SUPPRESSED));
        }

        @Test
        void f_rateLimitedByTheTokenBucket() {
            for (int i = 0; i < 100; i++) {
                h.receive(Fragments6.fragment(Fragments6.echoRequest(0x77, 1, 1600), 0, 1001, true, i));
            }
            long sent = h.counter(InterfaceCounter.ICMP_ERRORS_OUT);
            assertTrue(sent >= 1 && sent < 100, "sent " + sent);
            assertEquals(100 - sent, h.counter(InterfaceCounter.ICMP_ERRORS_RATE_LIMITED));
        }
    }
}

package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.PEER_MAC;
import static dev.jnetlab.stack.iface.Frames.STACK_MAC;
import static dev.jnetlab.stack.iface.Frames6.PEER;
import static dev.jnetlab.stack.iface.Frames6.PEER_LL;
import static dev.jnetlab.stack.iface.Frames6.STACK;
import static dev.jnetlab.stack.iface.Frames6.STACK_LL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.iface.Frames6.Sent;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.Icmpv6Repr;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.Ipv6Vectors;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.Octets;
import dev.jnetlab.stack.wire.UdpPacket;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * IPv6 on the interface, as RFC 4861 and RFC 4862 specify a host: DAD before an address is
 * used, router solicitation, answering neighbor solicitations and echo requests, the neighbor
 * cache's states with the first packet held, router advertisements turned into routes and a
 * SLAAC address, and malformed packets counted by reason. The peer is 02:00:00:00:00:02 with
 * fe80::ff:fe00:2 and fd00::100; the kernel's own frames are used where it sent them.
 */
class Ipv6InterfaceTest {
    private static final MacAddress STACK_GROUP_MAC = MacAddress.parse("33:33:ff:00:00:01");
    /** The peer answering a solicitation for fd00::100, as Linux does: solicited, override, its MAC. */
    private static final byte[] PEER_ADVERT = Frames6.icmp(STACK_MAC, PEER, STACK, 255,
            new Icmpv6Repr.NeighborAdvert(false, true, true, PEER, Optional.of(PEER_MAC)));
    private final Harness h = new Harness();

    private Ipv6AddressInfo address(Ipv6Address address) {
        return h.iface.ipv6Addresses(h.now()).stream().filter(a -> a.address().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError(address + " not among " + h.iface.ipv6Addresses(h.now())));
    }

    /**
     * Enables IPv6 with fd00::1/64, lets DAD finish, drains the DAD and router solicitations,
     * and answers them with an advertisement of no router and no prefix, which stops them.
     */
    private void upWithAddress() {
        h.iface.enableIpv6();
        h.iface.addAddress(STACK, 64);
        h.poll();
        h.advance(Micros.ofSeconds(1));
        h.receive(Frames6.icmp(MacAddress.parse("33:33:00:00:00:01"), PEER_LL, Ipv6Address.ALL_NODES, 255,
                new Icmpv6Repr.RouterAdvert(0, false, false, 0, 0, 0, Optional.empty(), OptionalLong.empty(), List.of())));
        h.sent();
        assertEquals(Ipv6AddressState.PREFERRED, address(STACK).state());
    }

    @Nested
    class DuplicateAddressDetection {
        @Test
        void theLinkLocalAddressIsTentativeAndSolicitedForFromTheUnspecifiedAddress() {
            h.iface.enableIpv6();
            h.poll();
            assertEquals(Ipv6AddressState.TENTATIVE, address(STACK_LL).state());
            List<Frame> frames = h.sent();
            assertEquals(2, frames.size(), frames::toString);
            assertTrue(MldTest.Report.is(frames.get(0)), "the group is joined before DAD solicits in it (RFC 4862 section 5.4.2)");
            Sent dad = Sent.of(frames.get(1));
            assertEquals(STACK_GROUP_MAC, dad.dstMac());
            assertEquals(Ipv6Address.UNSPECIFIED, dad.ip().source());
            assertEquals(Ipv6Address.parse("ff02::1:ff00:1"), dad.ip().destination());
            assertEquals(255, dad.ip().hopLimit());
            assertEquals(new Icmpv6Repr.NeighborSolicit(STACK_LL, Optional.empty()), dad.message());
        }

        @Test
        void aSecondOfSilenceMakesItPreferredAndARouterSolicitationFollows() {
            h.iface.enableIpv6();
            h.poll();
            h.sent();
            h.advance(Micros.ofSeconds(1) - 1);
            assertTrue(h.sent().stream().allMatch(MldTest.Report::is), "nothing but MLD's repeat of the join");
            h.advance(1);
            assertEquals(Ipv6AddressState.PREFERRED, address(STACK_LL).state());
            Sent rs = Sent.of(h.sentOne());
            assertEquals(STACK_LL, rs.ip().source());
            assertEquals(Ipv6Address.ALL_ROUTERS, rs.ip().destination());
            assertEquals(MacAddress.parse("33:33:00:00:00:02"), rs.dstMac());
            assertEquals(new Icmpv6Repr.RouterSolicit(Optional.of(STACK_MAC)), rs.message());
        }

        @Test
        void threeRouterSolicitationsFourSecondsApartThenSilence() {
            h.iface.enableIpv6();
            h.poll();
            h.advance(Micros.ofSeconds(1));
            h.sent();
            h.advance(Micros.ofSeconds(4));
            assertInstanceOf(Icmpv6Repr.RouterSolicit.class, Sent.of(h.sentOne()).message());
            h.advance(Micros.ofSeconds(4));
            assertInstanceOf(Icmpv6Repr.RouterSolicit.class, Sent.of(h.sentOne()).message());
            h.advance(Micros.ofSeconds(4));
            h.sentNothing();
            assertEquals(3, h.counter(InterfaceCounter.NDP_ROUTER_SOLICITS_OUT));
        }

        @Test
        void anAdvertisementForTheTentativeAddressMeansItIsTakenAndItIsGivenUp() {
            h.iface.enableIpv6();
            h.iface.addAddress(STACK, 64);
            h.poll();
            h.sent();
            h.receive(Frames6.icmp(MacAddress.parse("33:33:00:00:00:01"), STACK, Ipv6Address.ALL_NODES, 255,
                    new Icmpv6Repr.NeighborAdvert(false, false, true, STACK, Optional.of(PEER_MAC))));
            assertEquals(1, h.counter(InterfaceCounter.NDP_DAD_CONFLICTS));
            assertTrue(h.iface.ipv6Addresses(h.now()).stream().noneMatch(a -> a.address().equals(STACK)));
        }

        @Test
        void anotherNodesDadSolicitationForOurTentativeAddressIsAConflictToo() {
            h.iface.enableIpv6();
            h.poll();
            h.sent();
            // What the kernel's DAD_SOLICIT vector is, for our fe80::ff:fe00:1.
            h.receive(Frames6.icmp(STACK_GROUP_MAC, Ipv6Address.UNSPECIFIED, Ipv6Address.parse("ff02::1:ff00:1"), 255,
                    new Icmpv6Repr.NeighborSolicit(STACK_LL, Optional.empty())));
            assertEquals(1, h.counter(InterfaceCounter.NDP_DAD_CONFLICTS));
            assertTrue(h.iface.ipv6Addresses(h.now()).isEmpty());
        }

        @Test
        void aTentativeAddressDoesNotTakeEchoRequests() {
            h.iface.enableIpv6();
            h.iface.addAddress(STACK, 64);
            h.poll();
            h.sent();
            h.receive(Ipv6Vectors.ECHO_REQUEST);
            h.sentNothing();
            assertEquals(0, h.counter(InterfaceCounter.ICMPV6_ECHO_REQUESTS_IN));
        }
    }

    @Nested
    class AnsweringTheKernel {
        @BeforeEach
        void up() {
            upWithAddress();
        }

        @Test
        void itsSolicitationGetsASolicitedAdvertisementWithOurMac() {
            h.receive(Ipv6Vectors.NEIGHBOR_SOLICIT);
            Sent na = Sent.of(h.sentOne());
            assertEquals(PEER_MAC, na.dstMac());
            assertEquals(STACK, na.ip().source());
            assertEquals(PEER, na.ip().destination());
            assertEquals(255, na.ip().hopLimit());
            assertEquals(new Icmpv6Repr.NeighborAdvert(false, true, true, STACK, Optional.of(STACK_MAC)), na.message());
            Ndp6Entry peer = h.iface.ipv6Neighbors(h.now()).get(0);
            assertEquals(PEER, peer.address());
            assertEquals(NdpState.STALE, peer.state());
            assertEquals(Optional.of(PEER_MAC), peer.mac());
        }

        @Test
        void itsEchoRequestIsAnsweredWithTheSameIdentifierSequenceAndData() {
            h.receive(Ipv6Vectors.NEIGHBOR_SOLICIT);
            h.sent();
            h.receive(Ipv6Vectors.ECHO_REQUEST);
            Frame frame = h.sentOne();
            Sent reply = Sent.of(frame);
            assertEquals(PEER_MAC, reply.dstMac());
            assertEquals(STACK, reply.ip().source());
            assertEquals(PEER, reply.ip().destination());
            Icmpv6Repr.EchoReply echo = assertInstanceOf(Icmpv6Repr.EchoReply.class, reply.message());
            assertEquals(11734, echo.identifier());
            assertEquals(1, echo.sequence());
            int data = EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN + Icmpv6Packet.HEADER_LEN;
            assertEquals(Octets.copyOf(Ipv6Vectors.ECHO_REQUEST, data, 56), echo.data());
            assertEquals(1, h.counter(InterfaceCounter.ICMPV6_ECHO_REPLIES_OUT));
        }

        @Test
        void theFirstPacketToAnUnknownNeighborIsHeldUntilItsAdvertisementComes() {
            h.receive(Ipv6Vectors.ECHO_REQUEST);
            Sent ns = Sent.of(h.sentOne());
            assertEquals(MacAddress.parse("33:33:ff:00:01:00"), ns.dstMac());
            assertEquals(Ipv6Address.parse("ff02::1:ff00:100"), ns.ip().destination());
            assertEquals(STACK, ns.ip().source());
            assertEquals(new Icmpv6Repr.NeighborSolicit(PEER, Optional.of(STACK_MAC)), ns.message());
            assertEquals(NdpState.INCOMPLETE, h.iface.ipv6Neighbors(h.now()).get(0).state());
            assertTrue(h.iface.ipv6Neighbors(h.now()).get(0).heldPacket());

            h.receive(PEER_ADVERT);
            Sent reply = Sent.of(h.sentOne());
            assertInstanceOf(Icmpv6Repr.EchoReply.class, reply.message());
            assertEquals(PEER_MAC, reply.dstMac());
            Ndp6Entry peer = h.iface.ipv6Neighbors(h.now()).get(0);
            assertEquals(NdpState.REACHABLE, peer.state());
            assertFalse(peer.heldPacket());
        }

        @Test
        void aSecondPacketWhileIncompleteIsDroppedAndCounted() {
            h.receive(Ipv6Vectors.ECHO_REQUEST);
            h.sent();
            h.receive(Ipv6Vectors.ECHO_REQUEST);
            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_NDP_QUEUE_FULL));
        }

        @Test
        void anUnansweredResolutionSolicitsThreeTimesAndDropsTheHeldPacket() {
            h.receive(Ipv6Vectors.ECHO_REQUEST);
            h.sent();
            h.advance(Micros.ofSeconds(1));
            assertInstanceOf(Icmpv6Repr.NeighborSolicit.class, Sent.of(h.sentOne()).message());
            h.advance(Micros.ofSeconds(1));
            assertInstanceOf(Icmpv6Repr.NeighborSolicit.class, Sent.of(h.sentOne()).message());
            h.advance(Micros.ofSeconds(1));
            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.DROP_NDP_TIMEOUT));
            assertTrue(h.iface.ipv6Neighbors(h.now()).isEmpty());
        }
    }

    @Nested
    class NeighborUnreachabilityDetection {
        @BeforeEach
        void reachablePeer() {
            upWithAddress();
            h.receive(Ipv6Vectors.ECHO_REQUEST);
            h.receive(PEER_ADVERT);
            h.sent();
        }

        private NdpState peerState() {
            return h.iface.ipv6Neighbors(h.now()).get(0).state();
        }

        @Test
        void reachableTurnsStaleAfterThirtySeconds() {
            h.advance(Micros.ofSeconds(30) - 1);
            assertEquals(NdpState.REACHABLE, peerState());
            h.advance(1);
            assertEquals(NdpState.STALE, peerState());
            h.sentNothing();
        }

        @Test
        void usedWhileStaleItWaitsFiveSecondsThenProbesByUnicastThreeTimesThenGoes() {
            h.advance(Micros.ofSeconds(30));
            h.receive(Ipv6Vectors.ECHO_REQUEST);
            assertInstanceOf(Icmpv6Repr.EchoReply.class, Sent.of(h.sentOne()).message());
            assertEquals(NdpState.DELAY, peerState());
            h.advance(Micros.ofSeconds(5));
            assertEquals(NdpState.PROBE, peerState());
            Sent probe = Sent.of(h.sentOne());
            assertEquals(PEER_MAC, probe.dstMac());
            assertEquals(PEER, probe.ip().destination());
            h.advance(Micros.ofSeconds(1));
            h.sentOne();
            h.advance(Micros.ofSeconds(1));
            h.sentOne();
            h.advance(Micros.ofSeconds(1));
            h.sentNothing();
            assertTrue(h.iface.ipv6Neighbors(h.now()).isEmpty());
        }

        @Test
        void aSolicitedAdvertisementDuringProbeMakesItReachableAgain() {
            h.advance(Micros.ofSeconds(30));
            h.receive(Ipv6Vectors.ECHO_REQUEST);
            h.advance(Micros.ofSeconds(5));
            h.sent();
            h.receive(PEER_ADVERT);
            assertEquals(NdpState.REACHABLE, peerState());
        }

        @Test
        void anUnsolicitedAdvertisementWithAnotherMacAndNoOverrideOnlyMakesItStale() {
            h.receive(Frames6.icmp(STACK_MAC, PEER, STACK, 255, new Icmpv6Repr.NeighborAdvert(false, false, false, PEER,
                    Optional.of(MacAddress.parse("02:00:00:00:00:99")))));
            Ndp6Entry entry = h.iface.ipv6Neighbors(h.now()).get(0);
            assertEquals(NdpState.STALE, entry.state());
            assertEquals(Optional.of(PEER_MAC), entry.mac());
        }
    }

    @Nested
    class RouterAdvertisements {
        private final Icmpv6Repr.RouterAdvert advert = new Icmpv6Repr.RouterAdvert(64, false, false, 1800, 0, 0,
                Optional.of(PEER_MAC), OptionalLong.of(1400), List.of(new Icmpv6Repr.PrefixInformation(
                        Ipv6Address.parse("fd00:1::"), 64, true, true, 86400, 14400)));
        private final Ipv6Address slaac = Ipv6Address.parse("fd00:1::ff:fe00:1");

        @BeforeEach
        void linkLocalUp() {
            h.iface.enableIpv6();
            h.poll();
            h.advance(Micros.ofSeconds(1));
            h.sent();
        }

        /** The routes router advertisements gave: prefixes and default routers. */
        private List<Ipv6Route> advertised() {
            return h.iface.ipv6Routes(h.now()).stream().filter(r -> r.origin() == Ipv6Route.Origin.ROUTER_ADVERTISEMENT).toList();
        }

        @Test
        void theConnectedRoutesAreThePrefixesOfTheAddresses() {
            h.iface.addAddress(STACK, 64);
            List<Ipv6Route> routes = h.iface.ipv6Routes(h.now());
            assertEquals(List.of("fe80::/64 on-link", "fd00::/64 on-link"), routes.stream().map(Ipv6Route::toString).toList());
        }

        @Test
        void formAnAddressBySlaacAfterDad() {
            h.receive(Frames6.icmp(MacAddress.parse("33:33:00:00:00:01"), PEER_LL, Ipv6Address.ALL_NODES, 255, advert));
            h.poll();
            Ipv6AddressInfo formed = address(slaac);
            assertEquals(Ipv6AddressState.TENTATIVE, formed.state());
            assertEquals(Ipv6AddressOrigin.SLAAC, formed.origin());
            Sent dad = Sent.of(h.sentOne());
            assertEquals(new Icmpv6Repr.NeighborSolicit(slaac, Optional.empty()), dad.message());
            h.advance(Micros.ofSeconds(1));
            formed = address(slaac);
            assertEquals(Ipv6AddressState.PREFERRED, formed.state());
            assertEquals(Micros.ofSeconds(86400 - 1), formed.validMicros());
            assertEquals(Micros.ofSeconds(14400 - 1), formed.preferredMicros());
        }

        @Test
        void theRouterBecomesTheDefaultRouteAndThePrefixIsOnLink() {
            h.receive(Frames6.icmp(MacAddress.parse("33:33:00:00:00:01"), PEER_LL, Ipv6Address.ALL_NODES, 255, advert));
            List<Ipv6Route> routes = advertised();
            assertEquals(2, routes.size(), routes.toString());
            assertEquals(Ipv6Address.parse("fd00:1::"), routes.get(0).prefix());
            assertEquals(64, routes.get(0).prefixLength());
            assertEquals(Optional.empty(), routes.get(0).gateway());
            assertEquals(Micros.ofSeconds(86400), routes.get(0).lifetimeMicros());
            assertEquals(Optional.of(PEER_LL), routes.get(1).gateway());
            assertEquals(OptionalLong.of(1400), h.iface.advertisedMtu());
            Ndp6Entry router = h.iface.ipv6Neighbors(h.now()).get(0);
            assertTrue(router.router());
            assertEquals(NdpState.STALE, router.state());
        }

        @Test
        void theRouterSolicitationsStopWhenAnAdvertisementComes() {
            h.receive(Frames6.icmp(MacAddress.parse("33:33:00:00:00:01"), PEER_LL, Ipv6Address.ALL_NODES, 255, advert));
            h.advance(Micros.ofSeconds(1));
            h.sent();
            h.advance(Micros.ofSeconds(8));
            h.sentNothing();
        }

        @Test
        void offLinkPacketsGoToTheRouter() {
            h.receive(Frames6.icmp(MacAddress.parse("33:33:00:00:00:01"), PEER_LL, Ipv6Address.ALL_NODES, 255, advert));
            h.poll();
            h.advance(Micros.ofSeconds(1));
            h.sent();
            assertTrue(h.iface.sendEchoRequest(h.now(), Ipv6Address.parse("2001:db8::9"), 7, 1, 8));
            h.poll();
            Sent echo = Sent.of(h.sentOne());
            assertEquals(PEER_MAC, echo.dstMac());
            assertEquals(slaac, echo.ip().source());
            assertEquals(Ipv6Address.parse("2001:db8::9"), echo.ip().destination());
        }

        @Test
        void anEchoRequestMayCarryAHopLimitOfItsOwnAndTheInterfacesStaysAsItWas() {
            h.receive(Frames6.icmp(MacAddress.parse("33:33:00:00:00:01"), PEER_LL, Ipv6Address.ALL_NODES, 255, advert));
            h.poll();
            h.advance(Micros.ofSeconds(1));
            h.sent();
            assertTrue(h.iface.sendEchoRequest(h.now(), Ipv6Address.parse("2001:db8::9"), 7, 1, 8, 1));
            assertTrue(h.iface.sendEchoRequest(h.now(), Ipv6Address.parse("2001:db8::9"), 7, 2, 8));
            h.poll();
            List<Frame> frames = h.sent();
            assertEquals(2, frames.size());
            assertEquals(1, Sent.of(frames.get(0)).ip().hopLimit());
            assertEquals(64, Sent.of(frames.get(1)).ip().hopLimit());
            assertThrows(IllegalArgumentException.class,
                    () -> h.iface.sendEchoRequest(h.now(), Ipv6Address.parse("2001:db8::9"), 7, 3, 8, 0));
        }

        @Test
        void aRouterLifetimeOfZeroRemovesTheRouterAndAZeroValidLifetimeThePrefix() {
            h.receive(Frames6.icmp(MacAddress.parse("33:33:00:00:00:01"), PEER_LL, Ipv6Address.ALL_NODES, 255, advert));
            h.receive(Frames6.icmp(MacAddress.parse("33:33:00:00:00:01"), PEER_LL, Ipv6Address.ALL_NODES, 255,
                    new Icmpv6Repr.RouterAdvert(64, false, false, 0, 0, 0, Optional.empty(), OptionalLong.empty(), List.of(
                            new Icmpv6Repr.PrefixInformation(Ipv6Address.parse("fd00:1::"), 64, true, false, 0, 0)))));
            assertTrue(advertised().isEmpty(), h.iface.ipv6Routes(h.now()).toString());
        }

        @Test
        void anAdvertisementFromAGlobalAddressIsInvalid() {
            h.receive(Frames6.icmp(MacAddress.parse("33:33:00:00:00:01"), PEER, Ipv6Address.ALL_NODES, 255, advert));
            assertEquals(1, h.counter(InterfaceCounter.DROP_NDP_INVALID));
            assertTrue(advertised().isEmpty());
        }
    }

    /** What lets a lab begin from a state of its own: IPv6 off forgets all of it, and on again starts afresh. */
    @Nested
    class TurnedOff {
        private final Icmpv6Repr.RouterAdvert advert = new Icmpv6Repr.RouterAdvert(64, false, false, 1800, 0, 0,
                Optional.of(PEER_MAC), OptionalLong.of(1400), List.of(new Icmpv6Repr.PrefixInformation(
                        Ipv6Address.parse("fd00:1::"), 64, true, true, 86400, 14400)));

        @BeforeEach
        void upWithARouterAndANeighbor() {
            upWithAddress();
            h.receive(Frames6.icmp(MacAddress.parse("33:33:00:00:00:01"), PEER_LL, Ipv6Address.ALL_NODES, 255, advert));
            h.receive(Ipv6Vectors.ECHO_REQUEST);
            h.receive(PEER_ADVERT);
            h.advance(Micros.ofSeconds(1));
            h.sent();
        }

        @Test
        void forgetsEveryAddressNeighborRouterAndPrefix() {
            h.iface.disableIpv6();
            assertFalse(h.iface.ipv6Enabled());
            assertEquals(List.of(), h.iface.ipv6Addresses(h.now()));
            assertEquals(List.of(), h.iface.ipv6Neighbors(h.now()));
            assertEquals(List.of(), h.iface.ipv6Routes(h.now()));
            assertEquals(OptionalLong.empty(), h.iface.advertisedMtu());
        }

        @Test
        void sendsNothingMoreAndTakesNoEchoRequest() {
            h.iface.disableIpv6();
            h.receive(Ipv6Vectors.ECHO_REQUEST);
            h.advance(Micros.ofSeconds(60));
            h.sentNothing();
        }

        @Test
        void onAgainItBeginsWithDadOfTheLinkLocalAddress() {
            h.iface.disableIpv6();
            h.iface.enableIpv6();
            h.poll();
            assertEquals(List.of(STACK_LL), h.iface.ipv6Addresses(h.now()).stream().map(Ipv6AddressInfo::address).toList());
            assertEquals(new Icmpv6Repr.NeighborSolicit(STACK_LL, Optional.empty()), Sent.of(h.sentOne()).message());
            h.advance(Micros.ofSeconds(1));
            assertInstanceOf(Icmpv6Repr.RouterSolicit.class, Sent.of(h.sentOne()).message());
        }

        @Test
        void oneNeighborOrAllCanBeDeleted() {
            assertFalse(h.iface.removeIpv6Neighbor(Ipv6Address.parse("fd00::99")));
            assertTrue(h.iface.removeIpv6Neighbor(PEER));
            assertTrue(h.iface.ipv6Neighbors(h.now()).stream().noneMatch(n -> n.address().equals(PEER)));
            assertTrue(h.iface.flushIpv6Neighbors() >= 1, "the router's entry");
            assertEquals(List.of(), h.iface.ipv6Neighbors(h.now()));
        }
    }

    @Nested
    class AsARouter {
        private final Icmpv6Repr.RouterAdvert expected = new Icmpv6Repr.RouterAdvert(64, false, false, 1800, 0, 0,
                Optional.of(STACK_MAC), OptionalLong.empty(), List.of(new Icmpv6Repr.PrefixInformation(
                        Ipv6Address.parse("fd00::"), 64, true, true, 86400, 14400)));

        @Test
        void itAdvertisesItsPrefixOnceItsLinkLocalAddressIsUpThenSixteenSecondsApart() {
            h.iface.advertisePrefix(Ipv6Address.parse("fd00::"), 64);
            h.poll();
            h.sent(); // MLD's join and DAD
            h.advance(Micros.ofSeconds(1) - 1);
            assertTrue(h.sent().stream().allMatch(MldTest.Report::is), "nothing but MLD's repeat of the join");
            h.advance(1);
            Sent ra = Sent.of(h.sentOne());
            assertEquals(STACK_LL, ra.ip().source());
            assertEquals(Ipv6Address.ALL_NODES, ra.ip().destination());
            assertEquals(255, ra.ip().hopLimit());
            assertEquals(expected, ra.message());
            h.advance(Micros.ofSeconds(16) - 1);
            h.sentNothing();
            h.advance(1);
            assertEquals(expected, Sent.of(h.sentOne()).message());
        }

        @Test
        void theKernelsRouterSolicitationIsAnsweredNoSoonerThanThreeSecondsAfterTheLast() {
            h.iface.advertisePrefix(Ipv6Address.parse("fd00::"), 64);
            h.poll();
            h.advance(Micros.ofSeconds(1));
            h.sent();
            h.receive(Ipv6Vectors.ROUTER_SOLICIT);
            h.sentNothing();
            h.advance(Micros.ofSeconds(3));
            assertEquals(expected, Sent.of(h.sentOne()).message());
            assertEquals(Optional.of(PEER_MAC), h.iface.ipv6Neighbors(h.now()).get(0).mac());
        }
    }

    @Nested
    class Icmpv6Errors {
        @BeforeEach
        void upAndKnowingThePeer() {
            upWithAddress();
            h.receive(Ipv6Vectors.NEIGHBOR_SOLICIT);
            h.sent();
        }

        /** The IPv6 packet of a frame, as an error quotes it. */
        private Octets packetOf(byte[] frame) {
            return Octets.copyOf(frame, EthernetFrame.HEADER_LEN, frame.length - EthernetFrame.HEADER_LEN);
        }

        @Test
        void aUdpDatagramToAPortNobodyHoldsGetsPortUnreachableQuotingIt() {
            h.receive(Ipv6Vectors.UDP);
            Sent error = Sent.of(h.sentOne());
            assertEquals(STACK, error.ip().source());
            assertEquals(PEER, error.ip().destination());
            assertEquals(new Icmpv6Repr.Error(Icmpv6Packet.TYPE_DST_UNREACHABLE, 4, 0, packetOf(Ipv6Vectors.UDP)), error.message());
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ERRORS_OUT));
        }

        @Test
        void anUnknownNextHeaderIsAParameterProblemPointingAtTheFieldThatNamedIt() {
            byte[] frame = Ipv6Vectors.UDP.clone();
            frame[EthernetFrame.HEADER_LEN + 6] = (byte) 253;
            h.receive(frame);
            assertEquals(new Icmpv6Repr.Error(Icmpv6Packet.TYPE_PARAM_PROBLEM, 1, 6, packetOf(frame)), Sent.of(h.sentOne()).message());
        }

        @Test
        void anUnrecognisedOptionThatAsksForItIsAParameterProblemPointingAtTheOption() {
            // A destination options header before the UDP datagram: option type 0x80 (discard and say so), 4 octets.
            byte[] udp = Ipv6Vectors.UDP;
            int at = EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN;
            byte[] frame = new byte[udp.length + 8];
            System.arraycopy(udp, 0, frame, 0, at);
            System.arraycopy(new byte[] {17, 0, (byte) 0x80, 4, 0, 0, 0, 0}, 0, frame, at, 8);
            System.arraycopy(udp, at, frame, at + 8, udp.length - at);
            frame[EthernetFrame.HEADER_LEN + 6] = 60;
            frame[EthernetFrame.HEADER_LEN + 5] += 8;
            h.receive(frame);
            assertEquals(1, h.counter(InterfaceCounter.DROP_UNRECOGNIZED_EXTENSION));
            assertEquals(new Icmpv6Repr.Error(Icmpv6Packet.TYPE_PARAM_PROBLEM, 2, 42, packetOf(frame)), Sent.of(h.sentOne()).message());
        }

        @Test
        void noErrorAboutAPacketToAGroup() {
            byte[] frame = Ipv6Vectors.UDP.clone();
            Ipv6Address.ALL_NODES.writeTo(frame, EthernetFrame.HEADER_LEN + Ipv6Packet.DESTINATION);
            Ipv6Packet ip = new Ipv6Packet().wrap(frame, EthernetFrame.HEADER_LEN, frame.length - EthernetFrame.HEADER_LEN);
            // The checksum again, over the new destination: over IPv6 a zero checksum is not "none" (RFC 8200 section 8.1).
            new UdpPacket().wrap(frame, ip.payloadOffset(), ip.payloadLength())
                    .fillChecksumIpv6(ip.pseudoHeaderSum(IpProtocol.UDP.value(), ip.payloadLength()));
            h.receive(frame);
            h.sentNothing();
            assertEquals(1, h.counter(InterfaceCounter.ICMP_ERRORS_SUPPRESSED));
        }

        @Test
        void errorsAreRateLimited() {
            for (int i = 0; i < 100; i++) {
                h.receive(Ipv6Vectors.UDP);
            }
            long sent = h.counter(InterfaceCounter.ICMP_ERRORS_OUT);
            assertTrue(sent >= 1 && sent < 100, "sent " + sent);
            assertEquals(100 - sent, h.counter(InterfaceCounter.ICMP_ERRORS_RATE_LIMITED));
        }
    }

    @Nested
    class MalformedPacketsAreCountedByReasonAndDropped {
        @BeforeEach
        void up() {
            upWithAddress();
        }

        private void receive(byte[] frame, InterfaceCounter reason) {
            h.receive(frame);
            h.sentNothing();
            assertEquals(1, h.counter(reason), () -> h.iface.stats().nonZero().toString());
        }

        @Test
        void aPayloadLengthBeyondTheFrame() {
            receive(Arrays.copyOf(Ipv6Vectors.ECHO_REQUEST, Ipv6Vectors.ECHO_REQUEST.length - 1),
                    InterfaceCounter.DROP_BAD_PAYLOAD_LENGTH);
        }

        @Test
        void aHeaderCutShort() {
            receive(Arrays.copyOf(Ipv6Vectors.ECHO_REQUEST, EthernetFrame.HEADER_LEN + 39), InterfaceCounter.DROP_TRUNCATED);
        }

        @Test
        void anExtensionHeaderChainThatRunsPastThePacket() {
            byte[] frame = Ipv6Vectors.ECHO_REQUEST.clone();
            frame[EthernetFrame.HEADER_LEN + 6] = 60; // destination options, whose length octet (the ICMPv6 code, 0) says 8 octets...
            frame[EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN + 1] = 9; // ...now 80, past the 64 there are
            receive(frame, InterfaceCounter.DROP_BAD_EXTENSION_HEADER);
        }

        @Test
        void hopLimitZero() {
            byte[] frame = Ipv6Vectors.ECHO_REQUEST.clone();
            frame[EthernetFrame.HEADER_LEN + 7] = 0;
            receive(frame, InterfaceCounter.DROP_HOP_LIMIT_ZERO);
        }

        @Test
        void ndpWithAHopLimitOtherThan255() {
            receive(Frames6.icmp(STACK_MAC, PEER, STACK, 64, new Icmpv6Repr.NeighborSolicit(STACK, Optional.of(PEER_MAC))),
                    InterfaceCounter.DROP_NDP_INVALID);
        }

        @Test
        void aBadIcmpv6Checksum() {
            byte[] frame = Ipv6Vectors.ECHO_REQUEST.clone();
            frame[frame.length - 1] ^= 0x40;
            receive(frame, InterfaceCounter.DROP_BAD_CHECKSUM);
        }

        @Test
        void anNdpOptionOfLengthZero() {
            byte[] frame = Ipv6Vectors.NEIGHBOR_SOLICIT.clone();
            int icmp = EthernetFrame.HEADER_LEN + Ipv6Packet.HEADER_LEN;
            frame[icmp + 25] = 0;
            Ipv6Packet ip = new Ipv6Packet().wrap(frame, EthernetFrame.HEADER_LEN, frame.length - EthernetFrame.HEADER_LEN);
            new Icmpv6Packet().wrap(frame, icmp, 32).fillChecksum(ip.pseudoHeaderSum(58, 32));
            receive(frame, InterfaceCounter.DROP_BAD_NDP_OPTION);
        }

        @Test
        void aPacketForSomeoneElse() {
            byte[] frame = Ipv6Vectors.ECHO_REQUEST.clone();
            frame[EthernetFrame.HEADER_LEN + Ipv6Packet.DESTINATION + 15] = 9;
            receive(frame, InterfaceCounter.DROP_NOT_FOR_US);
        }
    }

    @Test
    void withoutIpv6EnabledNothingIsAnsweredOrSent() {
        h.receive(Ipv6Vectors.NEIGHBOR_SOLICIT);
        h.advance(Micros.ofSeconds(5));
        h.sentNothing();
        assertEquals(1, h.counter(InterfaceCounter.DROP_NOT_FOR_US));
    }
}

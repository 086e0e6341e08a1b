package dev.jnetlab.stack.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.VirtualWire;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.NdpOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A router's Router Advertisements (RFC 4861 section 6.2): port 0 (fd00:1::1/64) advertises
 * to station a, port 1 (fd00:2::1/64) does not; each advertisement a receives is noted with
 * the virtual time it came.
 */
class RouterAdvertiserTest {
    static final MacAddress PORT0_MAC = MacAddress.parse("02:00:00:00:01:00");
    static final Ipv6Address PORT0_LINK_LOCAL = Ipv6Address.linkLocal(PORT0_MAC.bits());

    final VirtualClock clock = new VirtualClock();
    final VirtualWire wireA = new VirtualWire(1500, 0, 256);
    final VirtualWire wireB = new VirtualWire(1500, 0, 256);
    final Router router = new Router("r1");
    final Station6 a = new Station6(wireA.a(), "02:00:00:00:00:0a", "fd00:1::10");
    final Station6 b = new Station6(wireB.b(), "02:00:00:00:00:0b", "fd00:2::20");
    final List<Long> advertsAt = new ArrayList<>();

    RouterAdvertiserTest() {
        router.addPort(wireA.b(), PORT0_MAC, Ipv4Cidr.parse("192.168.1.1/24"));
        router.addPort(wireB.a(), MacAddress.parse("02:00:00:00:01:01"), Ipv4Cidr.parse("10.0.2.1/24"));
        router.addAddress6(0, Ipv6Address.parse("fd00:1::1"), 64);
        router.addAddress6(1, Ipv6Address.parse("fd00:2::1"), 64);
        router.setSeed(7);
        router.advertise6(0);
    }

    /** Runs the network from deadline to deadline up to {@code until}, noting when each advertisement reaches a. */
    void runUntil(long until) {
        for (int guard = 0; guard < 10_000; guard++) {
            pollAll();
            long next = router.pollAt(clock.now());
            if (next > until) {
                clock.advanceTo(until);
                pollAll();
                return;
            }
            clock.advanceTo(Math.max(next, clock.now()));
        }
        throw new AssertionError("the router kept asking to be polled at " + clock.now());
    }

    void pollAll() {
        router.poll(clock.now());
        int before = a.received.size();
        a.poll(clock.now());
        b.poll(clock.now());
        for (int i = before; i < a.received.size(); i++) {
            if (Station6.icmp(a.received.get(i)).type() == Icmpv6Packet.TYPE_ROUTER_ADVERT) {
                advertsAt.add(clock.now());
            }
        }
    }

    void solicit(int hopLimit, Ipv6Address from, boolean withLinkLayer) {
        int length = 8 + (withLinkLayer ? NdpOptions.LINK_LAYER_LEN : 0);
        byte[] rs = Station6.packet(from, Ipv6Address.ALL_ROUTERS, 58, hopLimit, length);
        Station6.icmp(rs).setType(Icmpv6Packet.TYPE_ROUTER_SOLICIT).setCode(0).setRestOfHeader(0);
        if (withLinkLayer) {
            NdpOptions.writeLinkLayer(rs, Ipv6Packet.HEADER_LEN + 8, NdpOptions.SOURCE_LINK_LAYER, a.mac.bits());
        }
        a.send(clock.now(), MacAddress.of(Ipv6Address.multicastMac(Ipv6Address.ALL_ROUTERS.low())), Station6.fillChecksum(rs));
    }

    @Nested
    class Section6_2_3Content {
        @Test
        void itComesFromThePortsLinkLocalAddressToAllNodesWithHopLimit255() {
            runUntil(0);
            assertEquals(1, a.received.size());
            byte[] advert = a.received.get(0);
            assertTrue(Station6.checksumOk(advert));
            Ipv6Packet ip = Station6.ip(advert);
            assertEquals(PORT0_LINK_LOCAL, ip.source());
            assertEquals(Ipv6Address.ALL_NODES, ip.destination());
            assertEquals(255, ip.hopLimit());
            assertEquals(Ipv6Address.multicastMac(1), a.receivedTo.get(0));
        }

        @Test
        void itMakesTheRouterADefaultRouterAndCarriesItsMacMtuAndPrefixOnLinkAndAutonomous() {
            runUntil(0);
            Icmpv6Packet advert = Station6.icmp(a.received.get(0));
            assertEquals(Icmpv6Packet.TYPE_ROUTER_ADVERT, advert.type());
            assertEquals(1800, advert.routerLifetime());
            assertEquals(64, advert.currentHopLimit());
            NdpOptions options = new NdpOptions().wrap(advert);
            assertEquals(null, options.check());
            byte[] buf = options.buffer();
            assertEquals(PORT0_MAC.bits(), NdpOptions.linkLayerAddress(buf, options.find(NdpOptions.SOURCE_LINK_LAYER)));
            assertEquals(1500, NdpOptions.mtu(buf, options.find(NdpOptions.MTU)));
            int prefix = options.find(NdpOptions.PREFIX_INFORMATION);
            assertEquals(new Ipv6Address(NdpOptions.prefixHigh(buf, prefix), NdpOptions.prefixLow(buf, prefix)),
                    Ipv6Address.parse("fd00:1::"));
            assertEquals(64, NdpOptions.prefixLength(buf, prefix));
            assertTrue(NdpOptions.onLink(buf, prefix));
            assertTrue(NdpOptions.autonomous(buf, prefix));
            assertEquals(2_592_000, NdpOptions.validLifetime(buf, prefix));
            assertEquals(604_800, NdpOptions.preferredLifetime(buf, prefix));
        }

        @Test
        void aPortNotToldToAdvertiseSendsNone() {
            runUntil(Micros.ofSeconds(60));
            assertTrue(b.received.isEmpty());
            assertFalse(router.advertises6(1));
            assertTrue(router.advertises6(0));
        }

        @Test
        void aPortWithoutAnIpv6PrefixCannotAdvertise() {
            Router plain = new Router("r2");
            plain.addPort(new VirtualWire(1500, 0, 4).a(), PORT0_MAC, Ipv4Cidr.parse("10.9.0.1/24"));
            assertThrows(IllegalArgumentException.class, () -> plain.advertise6(0));
        }
    }

    @Nested
    class Section6_2_4Unsolicited {
        @Test
        void theFirstThreeComeAtMost16SecondsApartThenBetween198And600Seconds() {
            runUntil(Micros.ofSeconds(3 * 16 + 5 * 600));
            assertTrue(advertsAt.size() >= 8, advertsAt.toString());
            assertEquals(0, advertsAt.get(0));
            for (int i = 1; i <= 3; i++) {
                long gap = advertsAt.get(i) - advertsAt.get(i - 1);
                assertTrue(gap > 0 && gap <= Micros.ofSeconds(16), "initial gap " + i + ": " + gap);
            }
            List<Long> gaps = new ArrayList<>();
            for (int i = 4; i < advertsAt.size(); i++) {
                long gap = advertsAt.get(i) - advertsAt.get(i - 1);
                assertTrue(gap >= Micros.ofSeconds(198) && gap <= Micros.ofSeconds(600), "gap " + i + ": " + gap);
                gaps.add(gap);
            }
            assertNotEquals(1, gaps.stream().distinct().count(), "the intervals are drawn, not fixed: " + gaps);
        }

        @Test
        void theSameSeedGivesTheSameTimesAndAnotherSeedOthers() {
            runUntil(Micros.ofSeconds(2000));
            List<Long> first = List.copyOf(advertsAt);

            RouterAdvertiserTest again = new RouterAdvertiserTest();
            again.runUntil(Micros.ofSeconds(2000));
            assertEquals(first, again.advertsAt);

            RouterAdvertiserTest other = new RouterAdvertiserTest();
            other.router.setSeed(8);
            other.runUntil(Micros.ofSeconds(2000));
            assertNotEquals(first, other.advertsAt);
        }
    }

    @Nested
    class Section6_2_6Solicited {
        @Test
        void aSolicitationLongAfterTheLastAdvertisementIsAnsweredWithinHalfASecond() {
            runUntil(Micros.ofSeconds(100)); // the three initial ones are over; the next is 198 s or more after the last
            int before = advertsAt.size();
            long asked = clock.now();
            solicit(255, Ipv6Address.linkLocal(a.mac.bits()), true);
            runUntil(asked + Micros.ofSeconds(1));
            assertEquals(before + 1, advertsAt.size());
            long delay = advertsAt.get(before) - asked;
            assertTrue(delay >= 0 && delay <= Micros.ofMillis(500), "delay " + delay);
            assertEquals(1, router.counter(RouterCounter.ROUTER_SOLICITS_IN));
        }

        @Test
        void aSolicitationWithin3SecondsOfTheLastIsAnsweredNoSoonerThan3SecondsAfterIt() {
            runUntil(Micros.ofSeconds(100));
            solicit(255, Ipv6Address.linkLocal(a.mac.bits()), true);
            runUntil(clock.now() + Micros.ofSeconds(1));
            long last = advertsAt.get(advertsAt.size() - 1);
            clock.advanceTo(last + Micros.ofSeconds(1));
            solicit(255, Ipv6Address.linkLocal(a.mac.bits()), true);
            runUntil(last + Micros.ofSeconds(5));
            long answer = advertsAt.get(advertsAt.size() - 1);
            assertTrue(answer >= last + Micros.ofSeconds(3) && answer <= last + Micros.ofMillis(3500),
                    "answered " + (answer - last) + " µs after the last");
        }

        @Test
        void theSolicitorIsLearntFromItsLinkLayerOptionSoNoSolicitationIsNeededToReachIt() {
            runUntil(Micros.ofSeconds(100));
            Ipv6Address from = Ipv6Address.linkLocal(a.mac.bits());
            solicit(255, from, true);
            runUntil(clock.now() + Micros.ofSeconds(1));
            a.solicitationsSeen = 0;
            a.send(clock.now(), PORT0_MAC, Station6.echoRequest(from, PORT0_LINK_LOCAL, 64, 8));
            runUntil(clock.now());
            assertEquals(0, a.solicitationsSeen);
            assertEquals(Icmpv6Packet.TYPE_ECHO_REPLY, Station6.icmp(a.received.get(a.received.size() - 1)).type());
        }

        @Test
        void oneFromTheUnspecifiedAddressWithoutALinkLayerOptionIsAnswered() {
            runUntil(Micros.ofSeconds(100));
            int before = advertsAt.size();
            solicit(255, Ipv6Address.UNSPECIFIED, false);
            runUntil(clock.now() + Micros.ofSeconds(1));
            assertEquals(before + 1, advertsAt.size());
        }

        @Test
        void section6_1_1InvalidOnesAreDroppedHopLimitNot255OrALinkLayerOptionFromTheUnspecifiedAddress() {
            runUntil(Micros.ofSeconds(100));
            int before = advertsAt.size();
            solicit(64, Ipv6Address.linkLocal(a.mac.bits()), true);
            solicit(255, Ipv6Address.UNSPECIFIED, true);
            runUntil(clock.now() + Micros.ofSeconds(1));
            assertEquals(before, advertsAt.size());
            assertEquals(2, router.counter(RouterCounter.DROP_MALFORMED));
            assertEquals(0, router.counter(RouterCounter.ROUTER_SOLICITS_IN));
        }

        @Test
        void aSolicitationOnAPortThatDoesNotAdvertiseIsNotAnswered() {
            byte[] rs = Station6.packet(Ipv6Address.linkLocal(b.mac.bits()), Ipv6Address.ALL_ROUTERS, 58, 255, 8);
            Station6.icmp(rs).setType(Icmpv6Packet.TYPE_ROUTER_SOLICIT).setCode(0).setRestOfHeader(0);
            b.send(clock.now(), MacAddress.of(Ipv6Address.multicastMac(2)), Station6.fillChecksum(rs));
            runUntil(Micros.ofSeconds(5));
            assertTrue(b.received.isEmpty());
        }
    }
}

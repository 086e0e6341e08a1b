package dev.jnetlab.stack.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.VirtualWire;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Icmpv4Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.testing.AllocationMeter;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The router, one RFC 1812 rule per test, between the scripted stations of {@link TwoNetworks}. */
class RouterTest extends TwoNetworks {
    @Test
    void forwardsBetweenItsNetworksWithTheTtlOneLowerAndTheChecksumStillRight() {
        fromA(Station.datagram(a.ip, b.ip, IpProtocol.UDP, 64, false, 100));

        assertEquals(1, b.received.size());
        Ipv4Packet got = Station.ip(b.received.get(0));
        assertEquals(63, got.ttl());
        assertTrue(got.verifyChecksum());
        assertEquals(a.ip.bits(), got.source());
        assertEquals(PORT1_MAC.bits(), b.receivedFrom.get(0));
        assertEquals(1, router.counter(RouterCounter.FORWARDED));
    }

    @Test
    void asksArpForTheNextHopOnceAndHoldsTheFramesMeanwhile() {
        a.send(clock.now(), PORT0_MAC, Station.datagram(a.ip, b.ip, IpProtocol.UDP, 64, false, 10));
        a.send(clock.now(), PORT0_MAC, Station.datagram(a.ip, b.ip, IpProtocol.UDP, 64, false, 20));
        settle();
        assertEquals(1, b.arpRequestsSeen);
        assertEquals(2, b.received.size());
    }

    @Test
    void answersArpForItsPortAddressesAndEchoRequestsToThem() {
        fromA(Station.echoRequest(a.ip, PORT1_IP, 64, 32));
        assertEquals(1, a.received.size());
        Icmpv4Packet reply = Station.icmp(a.received.get(0));
        assertEquals(Icmpv4Packet.TYPE_ECHO_REPLY, reply.type());
        assertTrue(reply.verifyChecksum());
        assertEquals(PORT1_IP.bits(), Station.ip(a.received.get(0)).source());
    }

    @Test
    void answersUdpToItselfWithPortUnreachableAsTheLastHopOfATraceroute() {
        fromA(Station.datagram(a.ip, PORT0_IP, IpProtocol.UDP, 64, false, 12));
        Icmpv4Packet error = Station.icmp(a.received.get(0));
        assertEquals(Icmpv4Packet.TYPE_DST_UNREACHABLE, error.type());
        assertEquals(3, error.code());
    }

    @Nested
    class Rfc1812Section5_3_1TimeToLive {
        @Test
        void aDatagramWithTtlOneIsDroppedWithTimeExceededFromTheArrivalPort() {
            byte[] sent = Station.datagram(a.ip, b.ip, IpProtocol.UDP, 1, false, 40);
            fromA(sent);

            assertTrue(b.received.isEmpty());
            Ipv4Packet ip = Station.ip(a.received.get(0));
            Icmpv4Packet error = Station.icmp(a.received.get(0));
            assertEquals(PORT0_IP.bits(), ip.source());
            assertEquals(Icmpv4Packet.TYPE_TIME_EXCEEDED, error.type());
            assertEquals(0, error.code());
            assertTrue(error.verifyChecksum());
            byte[] quoted = Arrays.copyOfRange(a.received.get(0), ip.payloadOffset() + 8, ip.totalLength());
            assertEquals(Arrays.toString(sent), Arrays.toString(quoted), "the whole datagram, under 576 octets");
            assertEquals(1, router.counter(RouterCounter.DROP_TTL_EXPIRED));
        }

        @Test
        void aDatagramWithTtlZeroIsDroppedTheSameWay() {
            fromA(Station.datagram(a.ip, b.ip, IpProtocol.UDP, 0, false, 8));
            assertTrue(b.received.isEmpty());
            assertEquals(Icmpv4Packet.TYPE_TIME_EXCEEDED, Station.icmp(a.received.get(0)).type());
        }

        @Test
        void aDatagramWithTtlTwoGoesOnWithTtlOne() {
            fromA(Station.datagram(a.ip, b.ip, IpProtocol.UDP, 2, false, 8));
            assertEquals(1, Station.ip(b.received.get(0)).ttl());
            assertTrue(a.received.isEmpty());
        }
    }

    @Nested
    class Rfc1812Section5_2_4_3LongestPrefix {
        @Test
        void theMostSpecificRouteWinsWhateverTheOrderTheRoutesCameIn() {
            b.alsoAnswersFor.add(Ipv4Address.parse("10.0.2.30"));
            Station c = b; // both gateways are behind port 1; tell them apart by the ARP target
            router.addRoute(Ipv4Cidr.parse("172.16.0.0/12"), Ipv4Address.parse("10.0.2.20"));
            router.addRoute(Ipv4Cidr.parse("172.16.5.0/24"), Ipv4Address.parse("10.0.2.30"));
            router.addRoute(Ipv4Cidr.parse("0.0.0.0/0"), Ipv4Address.parse("192.168.1.254"));

            assertEquals(Ipv4Address.parse("10.0.2.30"), router.routes().stream()
                    .filter(r -> r.network().prefixLen() == 24 && r.port() == 1 && !r.gateway().isUnspecified())
                    .findFirst().orElseThrow().gateway());
            assertEquals(3, router.routes().indexOf(router.routes().stream()
                    .filter(r -> r.network().prefixLen() == 12).findFirst().orElseThrow()));
            fromA(Station.datagram(a.ip, Ipv4Address.parse("172.16.5.9"), IpProtocol.UDP, 64, false, 8));
            assertEquals(1, c.received.size());
        }

        @Test
        void aGatewayOnNoPortsNetworkIsRefused() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> router.addRoute(Ipv4Cidr.parse("8.8.8.0/24"), Ipv4Address.parse("172.31.0.1")));
            assertTrue(e.getMessage().contains("none of r1's networks"), e.getMessage());
        }
    }

    @Nested
    class Rfc1812Section5_2_7_1DestinationUnreachable {
        @Test
        void noRouteGivesNetUnreachable() {
            fromA(Station.datagram(a.ip, Ipv4Address.parse("8.8.8.8"), IpProtocol.UDP, 64, false, 8));
            Icmpv4Packet error = Station.icmp(a.received.get(0));
            assertEquals(Icmpv4Packet.TYPE_DST_UNREACHABLE, error.type());
            assertEquals(0, error.code());
            assertEquals(1, router.counter(RouterCounter.DROP_NO_ROUTE));
        }

        @Test
        void theRouteIsLookedUpBeforeTheTtlSoAFirstTracerouteProbeHearsNetUnreachable() {
            // Linux routes a datagram on input (ip_route_input) before ip_forward looks at its
            // TTL: 'traceroute 8.8.8.8' through a router with no route ends at hop 1 with !N.
            fromA(Station.datagram(a.ip, Ipv4Address.parse("8.8.8.8"), IpProtocol.UDP, 1, false, 8));
            Icmpv4Packet error = Station.icmp(a.received.get(0));
            assertEquals(Icmpv4Packet.TYPE_DST_UNREACHABLE, error.type());
            assertEquals(0, error.code());
            assertEquals(0, router.counter(RouterCounter.DROP_TTL_EXPIRED));
        }

        @Test
        void aNextHopThatNeverAnswersArpGivesHostUnreachableAfterThreeRequests() {
            fromA(Station.datagram(a.ip, Ipv4Address.parse("10.0.2.99"), IpProtocol.UDP, 64, false, 8));
            run(Micros.ofSeconds(2));
            assertTrue(a.received.isEmpty(), "still asking");
            run(Micros.ofSeconds(2));
            assertEquals(3, b.arpRequestsSeen);
            Icmpv4Packet error = Station.icmp(a.received.get(0));
            assertEquals(Icmpv4Packet.TYPE_DST_UNREACHABLE, error.type());
            assertEquals(1, error.code());
            assertEquals(1, router.counter(RouterCounter.DROP_ARP_TIMEOUT));
        }
    }

    @Nested
    class Rfc1812Section5_2_6Fragmentation {
        final TwoNetworks small = new TwoNetworks(576);

        @Test
        void dontFragmentOverTheMtuGivesFragmentationNeededWithTheNextHopMtu() {
            small.fromA(Station.datagram(small.a.ip, small.b.ip, IpProtocol.UDP, 64, true, 1000));
            assertTrue(small.b.received.isEmpty());
            Icmpv4Packet error = Station.icmp(small.a.received.get(0));
            assertEquals(Icmpv4Packet.TYPE_DST_UNREACHABLE, error.type());
            assertEquals(4, error.code());
            assertEquals(576, error.nextHopMtu());
            assertEquals(1, small.router.counter(RouterCounter.DROP_TOO_BIG_DONT_FRAGMENT));
        }

        @Test
        void withoutDontFragmentTheDatagramIsCutIntoFragmentsOfEightOctetMultiples() {
            byte[] sent = Station.datagram(small.a.ip, small.b.ip, IpProtocol.UDP, 64, false, 1200);
            small.fromA(sent);

            assertEquals(3, small.b.received.size());
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            int expectedOffset = 0;
            for (int i = 0; i < 3; i++) {
                Ipv4Packet piece = Station.ip(small.b.received.get(i));
                assertTrue(piece.totalLength() <= 576);
                assertTrue(piece.verifyChecksum());
                assertEquals(63, piece.ttl());
                assertEquals(0x1234, piece.identification());
                assertEquals(expectedOffset, piece.fragmentOffset());
                assertEquals(i < 2, piece.moreFragments());
                if (i < 2) {
                    assertEquals(0, piece.payloadLength() % 8);
                }
                payload.write(small.b.received.get(i), piece.payloadOffset(), piece.payloadLength());
                expectedOffset += piece.payloadLength();
            }
            assertEquals(Arrays.toString(Arrays.copyOfRange(sent, 20, sent.length)), Arrays.toString(payload.toByteArray()));
            assertEquals(3, small.router.counter(RouterCounter.FRAGMENTS_CREATED));
        }

        @Test
        void onlyOptionsMarkedCopiedAppearInTheFragmentsAfterTheFirst() {
            byte[] plain = Station.datagram(small.a.ip, small.b.ip, IpProtocol.UDP, 64, false, 800);
            // 8 octets of options: a copied one (type 0x94, router alert, 4 octets), a record-route (type 7, not copied, 3) and an end.
            byte[] sent = new byte[plain.length + 8];
            System.arraycopy(plain, 0, sent, 0, 20);
            byte[] options = {(byte) 0x94, 4, 0, 0, 7, 3, 4, 0};
            System.arraycopy(options, 0, sent, 20, 8);
            System.arraycopy(plain, 20, sent, 28, plain.length - 20);
            new Ipv4Packet().wrap(sent, 0, sent.length).setIhl(7).setTotalLength(sent.length).fillChecksum();
            small.fromA(sent);

            assertEquals(2, small.b.received.size());
            assertEquals(28, Station.ip(small.b.received.get(0)).headerLength());
            Ipv4Packet second = Station.ip(small.b.received.get(1));
            assertEquals(24, second.headerLength());
            assertEquals((byte) 0x94, small.b.received.get(1)[20]);
            assertTrue(second.verifyChecksum());
        }
    }

    @Nested
    class Rfc1812Section5_2_7_2Redirect {
        @Test
        void aDatagramThatLeavesByThePortItCameInOnIsForwardedAndItsSourceRedirected() {
            Ipv4Address better = Ipv4Address.parse("192.168.1.254");
            a.alsoAnswersFor.add(better); // the better gateway shares a's wire
            router.addRoute(Ipv4Cidr.parse("172.20.0.0/16"), better);
            fromA(Station.datagram(a.ip, Ipv4Address.parse("172.20.1.1"), IpProtocol.UDP, 64, false, 8));

            assertEquals(2, a.received.size(), "the redirect, then the datagram forwarded back onto the wire");
            Icmpv4Packet redirect = Station.icmp(a.received.get(0));
            assertEquals(Icmpv4Packet.TYPE_REDIRECT, redirect.type());
            assertEquals(1, redirect.code(), "host redirect");
            assertEquals(better.bits(), redirect.gateway());
            assertEquals(63, Station.ip(a.received.get(1)).ttl());
        }

        @Test
        void noRedirectWhenSwitchedOff() {
            Ipv4Address better = Ipv4Address.parse("192.168.1.254");
            a.alsoAnswersFor.add(better);
            router.addRoute(Ipv4Cidr.parse("172.20.0.0/16"), better);
            router.setRedirects(false);
            fromA(Station.datagram(a.ip, Ipv4Address.parse("172.20.1.1"), IpProtocol.UDP, 64, false, 8));
            assertEquals(1, a.received.size());
            assertEquals(IpProtocol.UDP.value(), Station.ip(a.received.get(0)).protocolValue());
        }
    }

    @Nested
    class Rfc1812Section4_3_2_7NoErrorAbout {
        @Test
        void anIcmpError() {
            byte[] error = Station.datagram(a.ip, b.ip, IpProtocol.ICMP, 1, false, 36);
            new Icmpv4Packet().wrap(error, 20, 36).setType(Icmpv4Packet.TYPE_DST_UNREACHABLE).setCode(3).fillChecksum();
            fromA(error);
            assertTrue(a.received.isEmpty());
            assertEquals(1, router.counter(RouterCounter.DROP_TTL_EXPIRED));
        }

        @Test
        void aFragmentOtherThanTheFirst() {
            byte[] later = Station.datagram(a.ip, b.ip, IpProtocol.UDP, 1, false, 16);
            new Ipv4Packet().wrap(later, 0, later.length).setFragmentOffset(64).fillChecksum();
            fromA(later);
            assertTrue(a.received.isEmpty());
        }

        @Test
        void aSourceThatIsNotOneHostWhoseDatagramIsNotForwardedEither() {
            fromA(Station.datagram(Ipv4Address.parse("0.0.0.0"), b.ip, IpProtocol.UDP, 64, false, 8));
            fromA(Station.datagram(Ipv4Address.parse("127.0.0.1"), b.ip, IpProtocol.UDP, 64, false, 8));
            assertTrue(a.received.isEmpty());
            assertTrue(b.received.isEmpty());
            assertEquals(2, router.counter(RouterCounter.DROP_BAD_SOURCE));
        }
    }

    @Nested
    class Rfc1812Section5_3_4And5_3_5Broadcasts {
        @Test
        void aUnicastDatagramInALinkLayerBroadcastIsNotForwarded() {
            a.send(clock.now(), MacAddress.BROADCAST, Station.datagram(a.ip, b.ip, IpProtocol.UDP, 64, false, 8));
            settle();
            assertTrue(b.received.isEmpty());
            assertEquals(1, router.counter(RouterCounter.DROP_BROADCAST));
        }

        @Test
        void directedAndLimitedBroadcastsAreNotForwarded() {
            fromA(Station.datagram(a.ip, Ipv4Address.parse("10.0.2.255"), IpProtocol.UDP, 64, false, 8));
            fromA(Station.datagram(a.ip, Ipv4Address.BROADCAST, IpProtocol.UDP, 64, false, 8));
            assertTrue(b.received.isEmpty());
            assertEquals(2, router.counter(RouterCounter.DROP_BROADCAST));
        }
    }

    @Nested
    class Rfc1812Section4_3_2_8RateLimiting {
        /** {@code n} datagrams with TTL 1 from a, all at this instant: each asks for a time exceeded. */
        void expiring(int n) {
            for (int i = 0; i < n; i++) {
                fromA(Station.datagram(a.ip, b.ip, IpProtocol.UDP, 1, false, 8));
            }
        }

        @Test
        void byDefaultAsLinuxABurstOfFiftyErrorsGoesAndTheFiftyFirstWaitsForTheNextMillisecond() {
            assertEquals(IcmpRateLimit.DEFAULT, router.icmpRateLimit());
            assertEquals(new IcmpRateLimit(1000, 50), IcmpRateLimit.DEFAULT);
            expiring(51);
            assertEquals(50, a.received.size());
            assertEquals(1, router.counter(RouterCounter.ICMP_RATE_LIMITED));
            assertEquals(50, router.counter(RouterCounter.ICMP_ERRORS_OUT));

            clock.advance(999);
            expiring(1);
            assertEquals(50, a.received.size(), "999 us is not a token");
            clock.advance(1);
            expiring(1);
            assertEquals(51, a.received.size(), "a millisecond is");
        }

        @Test
        void aLimitSetLowerHoldsToItsRateAndBurst() {
            router.setIcmpRateLimit(new IcmpRateLimit(10, 2));
            expiring(3);
            assertEquals(2, a.received.size());
            clock.advance(Micros.ofMillis(100));
            expiring(3);
            assertEquals(3, a.received.size(), "one token in 100 ms at 10 a second");
            clock.advance(Micros.ofSeconds(60));
            expiring(3);
            assertEquals(5, a.received.size(), "a long quiet spell fills the bucket to its burst, no more");
        }

        @Test
        void echoRepliesAreNotLimited() {
            for (int i = 0; i < 60; i++) {
                fromA(Station.echoRequest(a.ip, PORT0_IP, 64, 8));
            }
            assertEquals(60, a.received.size());
            assertEquals(0, router.counter(RouterCounter.ICMP_RATE_LIMITED));
        }

        @Test
        void withNoLimitEveryErrorGoes() {
            router.setIcmpRateLimit(IcmpRateLimit.NONE);
            expiring(200);
            assertEquals(200, a.received.size());
        }

        @Test
        void aBurstWithoutARateIsRefused() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new IcmpRateLimit(10, 0));
            assertEquals("an ICMP rate limit is 0 (none) or more a second with a burst of 1 or more, not 10/s burst 0",
                    e.getMessage());
        }
    }

    @Nested
    class Rfc1812Section5_2_2HeaderChecks {
        @Test
        void aBadHeaderChecksumIsDroppedSilently() {
            byte[] bad = Station.datagram(a.ip, b.ip, IpProtocol.UDP, 1, false, 8);
            bad[10] ^= 0x55;
            fromA(bad);
            assertTrue(a.received.isEmpty());
            assertTrue(b.received.isEmpty());
            assertEquals(1, router.counter(RouterCounter.DROP_BAD_CHECKSUM));
        }

        @Test
        void aTruncatedDatagramIsCountedAsMalformed() {
            byte[] whole = Station.datagram(a.ip, b.ip, IpProtocol.UDP, 64, false, 8);
            fromA(Arrays.copyOf(whole, 12));
            assertEquals(1, router.counter(RouterCounter.DROP_MALFORMED));
        }
    }

    @Test
    void forwardingAFrameAllocatesNothing() {
        byte[] datagram = Station.datagram(a.ip, b.ip, IpProtocol.UDP, 64, false, 1000);
        fromA(datagram); // ARP resolved
        int frames = 20_000;
        byte[] frame = new byte[14 + datagram.length];
        new dev.jnetlab.stack.wire.EthernetFrame().wrap(frame, 0, frame.length).setDestination(PORT0_MAC.bits())
                .setSource(a.mac.bits()).setEtherTypeValue(0x0800);
        System.arraycopy(datagram, 0, frame, 14, datagram.length);
        dev.jnetlab.stack.phy.FrameFiller filler = (buffer, at, n) -> System.arraycopy(frame, 0, buffer, at, n);
        dev.jnetlab.stack.phy.FrameReceiver sink = (f, o, n) -> { };
        long[] forwarded = {0};
        AllocationMeter.assertNoAllocationPerFrame(frames, () -> {
            long now = clock.now();
            for (int i = 0; i < frames; i++) {
                wireA.a().transmit(now, frame.length, filler);
                router.poll(now);
                while (wireB.b().receive(now, sink)) {
                    forwarded[0]++;
                }
            }
        });
        assertEquals(2L * frames, forwarded[0]);
        assertFalse(router.stats().containsKey(RouterCounter.DROP_DEVICE_FULL));
    }
}

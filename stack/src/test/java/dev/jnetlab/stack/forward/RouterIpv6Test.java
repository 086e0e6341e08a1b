package dev.jnetlab.stack.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.FrameFiller;
import dev.jnetlab.stack.phy.FrameReceiver;
import dev.jnetlab.stack.phy.VirtualWire;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.NdpOptions;
import dev.jnetlab.testing.AllocationMeter;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The router's IPv6 forwarding, one rule per test: station a (fd00:1::10) on port 0
 * (fd00:1::1/64), station b (fd00:2::20) on port 1 (fd00:2::1/64), wires without latency.
 */
class RouterIpv6Test {
    static final MacAddress PORT0_MAC = MacAddress.parse("02:00:00:00:01:00");
    static final MacAddress PORT1_MAC = MacAddress.parse("02:00:00:00:01:01");
    static final Ipv6Address PORT0_IP = Ipv6Address.parse("fd00:1::1");
    static final Ipv6Address PORT1_IP = Ipv6Address.parse("fd00:2::1");

    final VirtualClock clock = new VirtualClock();
    final VirtualWire wireA = new VirtualWire(1500, 0, 256);
    final VirtualWire wireB = new VirtualWire(1400, 0, 256);
    final Router router = new Router("r1");
    final Station6 a = new Station6(wireA.a(), "02:00:00:00:00:0a", "fd00:1::10");
    final Station6 b = new Station6(wireB.b(), "02:00:00:00:00:0b", "fd00:2::20");

    RouterIpv6Test() {
        router.addPort(wireA.b(), PORT0_MAC, Ipv4Cidr.parse("192.168.1.1/24"));
        router.addPort(wireB.a(), PORT1_MAC, Ipv4Cidr.parse("10.0.2.1/24"));
        router.addAddress6(0, PORT0_IP, 64);
        router.addAddress6(1, PORT1_IP, 64);
    }

    void settle() {
        for (int i = 0; i < 8; i++) {
            router.poll(clock.now());
            a.poll(clock.now());
            b.poll(clock.now());
        }
    }

    void fromA(byte[] packet) {
        a.send(clock.now(), PORT0_MAC, packet);
        settle();
    }

    Icmpv6Packet onlyIcmpAtA() {
        assertEquals(1, a.received.size());
        assertTrue(Station6.checksumOk(a.received.get(0)));
        return Station6.icmp(a.received.get(0));
    }

    @Test
    void forwardsBetweenItsPrefixesWithTheHopLimitOneLowerRfc8200Section3() {
        fromA(Station6.udp(a.ip, b.ip, 64, 100));

        assertEquals(1, b.received.size());
        Ipv6Packet got = Station6.ip(b.received.get(0));
        assertEquals(63, got.hopLimit());
        assertEquals(a.ip, got.source());
        assertEquals(1, router.counter(RouterCounter.FORWARDED));
    }

    @Nested
    class Rfc4861NeighborDiscovery {
        @Test
        void theNextHopIsSolicitedOnceAtItsSolicitedNodeGroupAndThePacketsWaitMeanwhile() {
            a.send(clock.now(), PORT0_MAC, Station6.udp(a.ip, b.ip, 64, 10));
            a.send(clock.now(), PORT0_MAC, Station6.udp(a.ip, b.ip, 64, 20));
            settle();
            assertEquals(1, b.solicitationsSeen);
            assertEquals(2, b.received.size());
        }

        @Test
        void aSolicitationForAPortAddressIsAnsweredWithTheRouterFlagAndThePortsMac() {
            byte[] solicit = Station6.ndp(Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT, a.ip, Ipv6Address.solicitedNode(PORT0_IP.low()),
                    PORT0_IP, NdpOptions.SOURCE_LINK_LAYER, a.mac);
            a.send(clock.now(), MacAddress.of(Ipv6Address.multicastMac(Ipv6Address.solicitedNode(PORT0_IP.low()).low())),
                    Station6.fillChecksum(solicit));
            settle();

            Icmpv6Packet advert = onlyIcmpAtA();
            assertEquals(Icmpv6Packet.TYPE_NEIGHBOR_ADVERT, advert.type());
            assertTrue(advert.routerFlag());
            assertTrue(advert.solicitedFlag());
            assertEquals(PORT0_IP, new Ipv6Address(advert.targetHigh(), advert.targetLow()));
            assertEquals(255, Station6.ip(a.received.get(0)).hopLimit());
            NdpOptions options = new NdpOptions().wrap(advert);
            assertEquals(PORT0_MAC.bits(), NdpOptions.linkLayerAddress(options.buffer(), options.find(NdpOptions.TARGET_LINK_LAYER)));
        }

        @Test
        void itsLinkLocalAddressIsAnsweredForToo() {
            Ipv6Address linkLocal = Ipv6Address.linkLocal(PORT0_MAC.bits());
            Ipv6Address from = Ipv6Address.linkLocal(a.mac.bits());
            byte[] solicit = Station6.ndp(Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT, from, Ipv6Address.solicitedNode(linkLocal.low()),
                    linkLocal, NdpOptions.SOURCE_LINK_LAYER, a.mac);
            a.send(clock.now(), PORT0_MAC, Station6.fillChecksum(solicit));
            settle();
            assertEquals(Icmpv6Packet.TYPE_NEIGHBOR_ADVERT, onlyIcmpAtA().type());
            assertEquals(from, Station6.ip(a.received.get(0)).destination());
        }

        @Test
        void aSolicitationWithAHopLimitOtherThan255IsDroppedSection7_1_1() {
            byte[] solicit = Station6.ndp(Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT, a.ip, PORT0_IP, PORT0_IP,
                    NdpOptions.SOURCE_LINK_LAYER, a.mac);
            Station6.ip(solicit).setHopLimit(64);
            fromA(Station6.fillChecksum(solicit));
            assertTrue(a.received.isEmpty());
            assertEquals(1, router.counter(RouterCounter.DROP_MALFORMED));
        }

        @Test
        void aNextHopThatNeverAnswersGivesAddressUnreachableAfterThreeSolicitations() {
            b.answers = false;
            fromA(Station6.udp(a.ip, b.ip, 64, 10));
            for (int second = 0; second < 4; second++) {
                clock.advanceTo(clock.now() + Micros.ofSeconds(1));
                settle();
            }
            assertEquals(3, b.solicitationsSeen);
            Icmpv6Packet error = onlyIcmpAtA();
            assertEquals(Icmpv6Packet.TYPE_DST_UNREACHABLE, error.type());
            assertEquals(3, error.code());
            assertEquals(1, router.counter(RouterCounter.DROP_NDP_TIMEOUT));
        }
    }

    @Nested
    class Rfc4443Section3_3TimeExceeded {
        @Test
        void aPacketWithHopLimitOneIsDroppedWithTimeExceededCodeZeroQuotingIt() {
            byte[] sent = Station6.udp(a.ip, b.ip, 1, 40);
            fromA(sent);

            assertTrue(b.received.isEmpty());
            Icmpv6Packet error = onlyIcmpAtA();
            assertEquals(Icmpv6Packet.TYPE_TIME_EXCEEDED, error.type());
            assertEquals(0, error.code());
            assertEquals(PORT0_IP, Station6.ip(a.received.get(0)).source());
            byte[] quoted = Arrays.copyOfRange(a.received.get(0), Ipv6Packet.HEADER_LEN + 8, a.received.get(0).length);
            assertEquals(Arrays.toString(sent), Arrays.toString(quoted));
        }

        @Test
        void hopLimitZeroTheSameWay() {
            fromA(Station6.udp(a.ip, b.ip, 0, 8));
            assertEquals(Icmpv6Packet.TYPE_TIME_EXCEEDED, onlyIcmpAtA().type());
        }

        @Test
        void anIcmpv6ErrorIsNeverAnsweredWithOneRfc4443Section2_4e() {
            byte[] error = Station6.packet(a.ip, b.ip, 58, 1, 8 + 48);
            Station6.icmp(error).setType(Icmpv6Packet.TYPE_DST_UNREACHABLE).setCode(0);
            fromA(Station6.fillChecksum(error));
            assertTrue(a.received.isEmpty());
            assertEquals(1, router.counter(RouterCounter.DROP_TTL_EXPIRED));
        }
    }

    @Nested
    class Rfc8200Section5NoFragmentationByRouters {
        @Test
        void aPacketLongerThanTheNextLinksMtuGetsPacketTooBigWithThatMtu() {
            fromA(Station6.udp(a.ip, b.ip, 64, 1400 - 40 + 1));

            assertTrue(b.received.isEmpty());
            Icmpv6Packet error = onlyIcmpAtA();
            assertEquals(Icmpv6Packet.TYPE_PACKET_TOO_BIG, error.type());
            assertEquals(1400, error.mtu());
            assertEquals(1280, a.received.get(0).length, "as much of the packet as fits in 1280 octets");
        }

        @Test
        void aPacketOfExactlyTheMtuGoesWhole() {
            fromA(Station6.udp(a.ip, b.ip, 64, 1400 - 40));
            assertEquals(1400, b.received.get(0).length);
        }
    }

    @Nested
    class Rfc4291Section2_5_6LinkLocalStaysOnItsLink {
        @Test
        void aLinkLocalSourceIsNotForwarded() {
            fromA(Station6.udp(Ipv6Address.linkLocal(a.mac.bits()), b.ip, 64, 8));
            assertTrue(b.received.isEmpty());
            assertEquals(1, router.counter(RouterCounter.DROP_LINK_LOCAL));
        }

        @Test
        void aLinkLocalDestinationThatIsNotTheRoutersIsNotForwarded() {
            fromA(Station6.udp(a.ip, Ipv6Address.linkLocal(b.mac.bits()), 64, 8));
            assertTrue(b.received.isEmpty());
            assertEquals(1, router.counter(RouterCounter.DROP_LINK_LOCAL));
        }
    }

    @Nested
    class Rfc4291Section2_7MulticastIsNotForwarded {
        @Test
        void aPacketToASiteScopeGroupStaysHere() {
            fromA(Station6.udp(a.ip, Ipv6Address.parse("ff05::1:3"), 64, 8));
            assertTrue(b.received.isEmpty());
            assertEquals(1, router.counter(RouterCounter.DROP_MULTICAST));
        }

        @Test
        void anUnspecifiedSourceIsNotForwarded() {
            fromA(Station6.udp(Ipv6Address.UNSPECIFIED, b.ip, 64, 8));
            assertTrue(b.received.isEmpty());
            assertEquals(1, router.counter(RouterCounter.DROP_BAD_SOURCE));
        }
    }

    @Nested
    class LongestPrefixRoutes {
        @Test
        void theMostSpecificRouteWinsWhateverTheOrderTheRoutesCameIn() {
            Ipv6Address far = Ipv6Address.parse("fd00:9::5");
            router.addRoute6(Ipv6Address.parse("fd00:9::"), 64, b.ip);
            router.addRoute6(Ipv6Address.UNSPECIFIED, 0, a.ip);
            fromA(Station6.udp(a.ip, far, 64, 8));
            assertEquals(1, b.received.size());
            assertEquals(0, router.routes6().get(router.routes6().size() - 1).prefixLength(), "longest first");
        }

        @Test
        void noRouteGivesDestinationUnreachableCodeZero() {
            fromA(Station6.udp(a.ip, Ipv6Address.parse("fd00:7::1"), 64, 8));
            Icmpv6Packet error = onlyIcmpAtA();
            assertEquals(Icmpv6Packet.TYPE_DST_UNREACHABLE, error.type());
            assertEquals(0, error.code());
        }

        @Test
        void aGatewayOnNoPortsPrefixIsRefused() {
            assertThrows(IllegalArgumentException.class,
                    () -> router.addRoute6(Ipv6Address.UNSPECIFIED, 0, Ipv6Address.parse("fd00:5::1")));
        }
    }

    @Test
    void answersEchoRequestsToItsAddressesAndUdpWithPortUnreachable() {
        fromA(Station6.echoRequest(a.ip, PORT1_IP, 64, 32));
        Icmpv6Packet reply = onlyIcmpAtA();
        assertEquals(Icmpv6Packet.TYPE_ECHO_REPLY, reply.type());
        assertEquals(PORT1_IP, Station6.ip(a.received.get(0)).source());

        a.received.clear();
        fromA(Station6.udp(a.ip, PORT0_IP, 64, 12));
        Icmpv6Packet error = onlyIcmpAtA();
        assertEquals(Icmpv6Packet.TYPE_DST_UNREACHABLE, error.type());
        assertEquals(4, error.code());
    }

    @Test
    void forwardingAnIpv6PacketAllocatesNothing() {
        byte[] packet = Station6.udp(a.ip, b.ip, 64, 1000);
        fromA(packet); // the neighbor found
        int frames = 20_000;
        byte[] frame = new byte[EthernetFrame.HEADER_LEN + packet.length];
        new EthernetFrame().wrap(frame, 0, frame.length).setDestination(PORT0_MAC.bits()).setSource(a.mac.bits())
                .setEtherTypeValue(0x86DD);
        System.arraycopy(packet, 0, frame, EthernetFrame.HEADER_LEN, packet.length);
        FrameFiller filler = (buffer, at, n) -> System.arraycopy(frame, 0, buffer, at, n);
        FrameReceiver sink = (f, o, n) -> { };
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
    }
}

package dev.jnetlab.stack.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.VirtualWire;
import dev.jnetlab.stack.time.VirtualClock;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.NdpOptions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Redirects of RFC 4861 section 8.2 from a router with port 0 (fd00:1::1/64) on station a's
 * link and port 1 (fd00:2::1/64) on station b's. Station a stands for the other nodes of its
 * link too: it answers Neighbor Solicitations for {@code a.ip}, so a packet from fd00:1::10 to
 * a.ip is one between two neighbors that went through the router. The router knows the sender
 * from its solicitation, as it would from a host resolving it.
 */
class RouterRedirect6Test {
    static final MacAddress PORT0_MAC = MacAddress.parse("02:00:00:00:01:00");
    static final Ipv6Address SENDER = Ipv6Address.parse("fd00:1::10");

    /** The router and its two stations; {@code a} answers solicitations for {@code aAnswersFor}. */
    static final class Net {
        final VirtualClock clock = new VirtualClock();
        final VirtualWire wireA = new VirtualWire(1500, 0, 256);
        final VirtualWire wireB = new VirtualWire(1500, 0, 256);
        final Router router = new Router("r1");
        final Station6 a;
        final Station6 b = new Station6(wireB.b(), "02:00:00:00:00:0b", "fd00:2::20");

        Net(String aAnswersFor) {
            a = new Station6(wireA.a(), "02:00:00:00:00:0a", aAnswersFor);
            router.addPort(wireA.b(), PORT0_MAC, Ipv4Cidr.parse("192.168.1.1/24"));
            router.addPort(wireB.a(), MacAddress.parse("02:00:00:00:01:01"), Ipv4Cidr.parse("10.0.2.1/24"));
            router.addAddress6(0, Ipv6Address.parse("fd00:1::1"), 64);
            router.addAddress6(1, Ipv6Address.parse("fd00:2::1"), 64);
            // The sender resolves the router, which learns the sender's link-layer address from it (RFC 4861 section 7.2.3).
            Ipv6Address port0 = Ipv6Address.parse("fd00:1::1");
            byte[] solicit = Station6.ndp(Icmpv6Packet.TYPE_NEIGHBOR_SOLICIT, SENDER, Ipv6Address.solicitedNode(port0.low()), port0,
                    NdpOptions.SOURCE_LINK_LAYER, a.mac);
            fromA(Station6.fillChecksum(solicit));
            a.received.clear();
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

        List<byte[]> redirectsAtA() {
            return a.received.stream().filter(p -> Station6.ip(p).nextHeader() == 58
                    && Station6.icmp(p).type() == Icmpv6Packet.TYPE_REDIRECT).toList();
        }
    }

    final Net net = new Net("fd00:1::20");
    final Router router = net.router;
    final Station6 a = net.a;
    final Station6 b = net.b;

    void fromA(byte[] packet) {
        net.fromA(packet);
    }

    List<byte[]> redirectsAtA() {
        return net.redirectsAtA();
    }

    static Ipv6Address destination(Icmpv6Packet redirect) {
        return new Ipv6Address(Ipv6Address.high(redirect.buffer(), redirect.redirectDestinationOffset()),
                Ipv6Address.low(redirect.buffer(), redirect.redirectDestinationOffset()));
    }

    @Nested
    class ToADestinationOnTheLink {
        @Test
        void aPacketBetweenTwoNeighborsEarnsTheSenderARedirectNamingTheDestinationItself() {
            fromA(Station6.udp(SENDER, a.ip, 64, 100));

            List<byte[]> redirects = redirectsAtA();
            assertEquals(1, redirects.size());
            byte[] packet = redirects.get(0);
            assertTrue(Station6.checksumOk(packet));
            Ipv6Packet ip = Station6.ip(packet);
            assertEquals(Ipv6Address.linkLocal(PORT0_MAC.bits()), ip.source(), "from the port's link-local address");
            assertEquals(SENDER, ip.destination());
            assertEquals(255, ip.hopLimit());
            Icmpv6Packet redirect = Station6.icmp(packet);
            assertEquals(0, redirect.code());
            assertEquals(a.ip, new Ipv6Address(redirect.targetHigh(), redirect.targetLow()));
            assertEquals(a.ip, destination(redirect));
            assertEquals(1, router.counter(RouterCounter.REDIRECTS_OUT));
        }

        @Test
        void thePacketIsForwardedAllTheSameWithItsHopLimitOneLower() {
            fromA(Station6.udp(SENDER, a.ip, 64, 100));
            List<byte[]> forwarded = a.received.stream().filter(p -> Station6.ip(p).nextHeader() == 17).toList();
            assertEquals(1, forwarded.size());
            assertEquals(63, Station6.ip(forwarded.get(0)).hopLimit());
        }

        @Test
        void theRedirectedHeaderOptionQuotesThePacketAndTheTargetsLinkLayerAddressComesOnceKnown() {
            fromA(Station6.udp(SENDER, a.ip, 64, 100));
            NdpOptions first = new NdpOptions().wrap(Station6.icmp(redirectsAtA().get(0)));
            assertEquals(null, first.check());
            assertEquals(-1, first.find(NdpOptions.TARGET_LINK_LAYER), "the first packet found a unresolved");

            byte[] sent = Station6.udp(SENDER, a.ip, 64, 100);
            fromA(sent);
            NdpOptions second = new NdpOptions().wrap(Station6.icmp(redirectsAtA().get(1)));
            assertEquals(a.mac.bits(), NdpOptions.linkLayerAddress(second.buffer(), second.find(NdpOptions.TARGET_LINK_LAYER)));
            int header = second.find(NdpOptions.REDIRECTED_HEADER);
            int quoted = (second.buffer()[header + 1] & 0xFF) * 8 - 8;
            assertEquals(Arrays.toString(sent), Arrays.toString(Arrays.copyOfRange(second.buffer(), header + 8, header + 8 + sent.length)));
            assertEquals((sent.length + 7) & ~7, quoted, "the packet, padded to 8 octets");
        }

        @Test
        void aLongPacketIsQuotedOnlyAsFarAsKeepsTheRedirectWithin1280Octets() {
            fromA(Station6.udp(SENDER, a.ip, 64, 1400));
            byte[] redirect = redirectsAtA().get(0);
            assertTrue(redirect.length <= 1280, "length " + redirect.length);
        }
    }

    @Nested
    class ToAnotherRouter {
        /** Station a is a router at fd00:1::2, the router's gateway to fd00:3::/64. */
        final Net net = new Net("fd00:1::2");

        ToAnotherRouter() {
            net.router.addRoute6(Ipv6Address.parse("fd00:3::"), 64, Ipv6Address.parse("fd00:1::2"));
        }

        void advertiseA() {
            Ipv6Address linkLocal = Ipv6Address.linkLocal(net.a.mac.bits());
            int length = 16 + NdpOptions.LINK_LAYER_LEN;
            byte[] ra = Station6.packet(linkLocal, Ipv6Address.ALL_NODES, 58, 255, length);
            Station6.icmp(ra).setType(Icmpv6Packet.TYPE_ROUTER_ADVERT).setCode(0).setRouterLifetime(1800);
            NdpOptions.writeLinkLayer(ra, Ipv6Packet.HEADER_LEN + 16, NdpOptions.SOURCE_LINK_LAYER, net.a.mac.bits());
            net.a.send(net.clock.now(), MacAddress.of(Ipv6Address.multicastMac(1)), Station6.fillChecksum(ra));
            net.settle();
        }

        @Test
        void theTargetIsTheRoutersLinkLocalAddressItsAdvertisementTaughtWithItsLinkLayerAddress() {
            advertiseA();
            net.fromA(Station6.udp(SENDER, Ipv6Address.parse("fd00:3::5"), 64, 40)); // resolves fd00:1::2
            net.fromA(Station6.udp(SENDER, Ipv6Address.parse("fd00:3::5"), 64, 40));

            List<byte[]> redirects = net.redirectsAtA();
            assertEquals(1, redirects.size(), "none for the first packet, whose gateway was not resolved yet");
            Icmpv6Packet redirect = Station6.icmp(redirects.get(0));
            assertEquals(Ipv6Address.linkLocal(net.a.mac.bits()), new Ipv6Address(redirect.targetHigh(), redirect.targetLow()));
            assertEquals(Ipv6Address.parse("fd00:3::5"), destination(redirect));
            NdpOptions options = new NdpOptions().wrap(redirect);
            assertEquals(net.a.mac.bits(), NdpOptions.linkLayerAddress(options.buffer(), options.find(NdpOptions.TARGET_LINK_LAYER)));
        }

        @Test
        void aRouterWhoseLinkLocalAddressIsNotKnownIsNotRedirectedTo() {
            net.fromA(Station6.udp(SENDER, Ipv6Address.parse("fd00:3::5"), 64, 40));
            net.fromA(Station6.udp(SENDER, Ipv6Address.parse("fd00:3::5"), 64, 40));
            assertTrue(net.redirectsAtA().isEmpty());
            assertEquals(2, net.router.counter(RouterCounter.FORWARDED));
        }
    }

    @Nested
    class NoRedirect {
        @Test
        void whenThePacketLeavesByAnotherPort() {
            fromA(Station6.udp(SENDER, b.ip, 64, 40));
            assertTrue(redirectsAtA().isEmpty());
            assertEquals(0, router.counter(RouterCounter.REDIRECTS_OUT));
        }

        @Test
        void whenTheSourceIsNoNeighborOfThePort() {
            fromA(Station6.udp(Ipv6Address.parse("fd00:9::10"), a.ip, 64, 40));
            assertTrue(redirectsAtA().isEmpty());
        }

        @Test
        void whenRedirectsAreOff() {
            router.setRedirects(false);
            fromA(Station6.udp(SENDER, a.ip, 64, 40));
            assertTrue(redirectsAtA().isEmpty());
        }
    }
}

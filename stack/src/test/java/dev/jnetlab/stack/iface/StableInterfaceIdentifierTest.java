package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames6.PEER_LL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.iface.Frames6.Sent;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Icmpv6Repr;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Stable, semantically opaque interface identifiers (RFC 7217) for the link-local and SLAAC
 * addresses, chosen with {@link Interface#setIpv6AddressGeneration}; EUI-64 stays the default.
 */
class StableInterfaceIdentifierTest {
    private static final Ipv6Address EUI64_LINK_LOCAL = Ipv6Address.parse("fe80::ff:fe00:1");

    private static Harness harness(long seed) {
        return new Harness(InterfaceConfig.of(Frames.STACK_MAC, Ipv4Cidr.parse("192.168.69.1/24")).withSeed(seed));
    }

    private static Ipv6Address stableLinkLocal(long seed) {
        Harness h = harness(seed);
        h.iface.setIpv6AddressGeneration(Ipv6AddressGeneration.STABLE);
        h.iface.enableIpv6();
        return h.iface.linkLocalAddress();
    }

    @Test
    void theDefaultIsTheMacsEui64() {
        Harness h = harness(1);
        assertEquals(Ipv6AddressGeneration.EUI64, h.iface.ipv6AddressGeneration());
        assertEquals(EUI64_LINK_LOCAL, h.iface.linkLocalAddress());
    }

    @Test
    void aStableLinkLocalAddressIsNotTheEui64OneAndDadIsForIt() {
        Harness h = harness(1);
        h.iface.setIpv6AddressGeneration(Ipv6AddressGeneration.STABLE);
        h.iface.enableIpv6();
        h.poll();
        Ipv6Address stable = h.iface.linkLocalAddress();
        assertTrue(stable.isLinkLocal());
        assertNotEquals(EUI64_LINK_LOCAL, stable);
        assertEquals(new Icmpv6Repr.NeighborSolicit(stable, Optional.empty()), dadAfterMldsReport(h).message());
        assertEquals(List.of(stable), h.iface.ipv6Addresses(h.now()).stream().map(Ipv6AddressInfo::address).toList());
    }

    @Test
    void itIsTheSameForTheSameSeedAndAnotherForAnotherSeed() {
        // RFC 7217 section 5: the secret key makes it; the key comes from the seed.
        assertEquals(stableLinkLocal(1), stableLinkLocal(1));
        assertNotEquals(stableLinkLocal(1), stableLinkLocal(2));
    }

    @Test
    void slaacAddressesTakeAnIdentifierOfTheirOwnPerPrefix() {
        Harness h = harness(1);
        h.iface.setIpv6AddressGeneration(Ipv6AddressGeneration.STABLE);
        h.iface.enableIpv6();
        h.poll();
        h.advance(Micros.ofSeconds(1));
        h.sent();
        h.receive(Frames6.icmp(MacAddress.parse("33:33:00:00:00:01"), PEER_LL, Ipv6Address.ALL_NODES, 255,
                new Icmpv6Repr.RouterAdvert(64, false, false, 1800, 0, 0, Optional.empty(), OptionalLong.empty(), List.of(
                        new Icmpv6Repr.PrefixInformation(Ipv6Address.parse("fd00:1::"), 64, true, true, 86400, 14400),
                        new Icmpv6Repr.PrefixInformation(Ipv6Address.parse("fd00:2::"), 64, true, true, 86400, 14400)))));
        List<Ipv6Address> slaac = h.iface.ipv6Addresses(h.now()).stream().filter(a -> a.origin() == Ipv6AddressOrigin.SLAAC)
                .map(Ipv6AddressInfo::address).toList();
        assertEquals(2, slaac.size(), slaac.toString());
        assertNotEquals(slaac.get(0).low(), slaac.get(1).low());
        assertFalse(slaac.stream().anyMatch(a -> a.low() == EUI64_LINK_LOCAL.low()), slaac.toString());
        assertTrue(slaac.stream().noneMatch(a -> a.low() == h.iface.linkLocalAddress().low()), slaac.toString());
    }

    @Test
    void aDadConflictFormsTheAddressAgainWithTheNextCounterThreeTimesThenGivesUp() {
        // RFC 7217 section 6: IDGEN_RETRIES = 3.
        Harness h = harness(1);
        h.iface.setIpv6AddressGeneration(Ipv6AddressGeneration.STABLE);
        h.iface.enableIpv6();
        List<Ipv6Address> tried = new java.util.ArrayList<>();
        for (int attempt = 0; attempt <= Ipv6.IDGEN_RETRIES; attempt++) {
            h.poll();
            Ipv6Address tentative = h.iface.linkLocalAddress();
            assertEquals(new Icmpv6Repr.NeighborSolicit(tentative, Optional.empty()), dadAfterMldsReport(h).message());
            tried.add(tentative);
            // Another node doing DAD for the same address: a conflict (RFC 4862 section 5.4.3).
            h.receive(Frames6.icmp(solicitedNodeMac(tentative),
                    Ipv6Address.UNSPECIFIED, Ipv6Address.solicitedNode(tentative.low()), 255, new Icmpv6Repr.NeighborSolicit(tentative, Optional.empty())));
        }
        assertEquals(Ipv6.IDGEN_RETRIES + 1, tried.stream().distinct().count(), tried.toString());
        assertEquals(Ipv6.IDGEN_RETRIES + 1, h.counter(InterfaceCounter.NDP_DAD_CONFLICTS));
        assertTrue(h.iface.ipv6Addresses(h.now()).isEmpty(), h.iface.ipv6Addresses(h.now()).toString());
    }

    /** A poll's two frames: MLD's report joining the new address's group (MldTest), then DAD's solicitation. */
    private static Sent dadAfterMldsReport(Harness h) {
        List<Frame> frames = h.sent();
        assertEquals(2, frames.size(), frames::toString);
        assertTrue(MldTest.Report.is(frames.get(0)), frames::toString);
        return Sent.of(frames.get(1));
    }

    private static MacAddress solicitedNodeMac(Ipv6Address address) {
        return MacAddress.of(Ipv6Address.multicastMac(Ipv6Address.solicitedNode(address.low()).low()));
    }

    @Test
    void addressesFormedBeforeTheChangeStay() {
        Harness h = harness(1);
        h.iface.enableIpv6();
        h.iface.setIpv6AddressGeneration(Ipv6AddressGeneration.STABLE);
        assertEquals(EUI64_LINK_LOCAL, h.iface.linkLocalAddress());
    }

    @Test
    void theReservedIdentifiersOfRfc5453AreNeverUsed() {
        assertTrue(StableInterfaceIdentifier.reserved(0));
        assertTrue(StableInterfaceIdentifier.reserved(0xFDFF_FFFF_FFFF_FF80L));
        assertTrue(StableInterfaceIdentifier.reserved(0xFDFF_FFFF_FFFF_FFFFL));
        assertTrue(StableInterfaceIdentifier.reserved(0x0200_5EFF_FE00_5213L));
        assertTrue(StableInterfaceIdentifier.reserved(0x0200_5EFF_FE00_0000L));
        assertFalse(StableInterfaceIdentifier.reserved(0xFDFF_FFFF_FFFF_FF7FL));
        assertFalse(StableInterfaceIdentifier.reserved(0x0200_5EFF_FE00_5214L));
    }
}

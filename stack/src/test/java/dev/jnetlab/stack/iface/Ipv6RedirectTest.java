package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.PEER_MAC;
import static dev.jnetlab.stack.iface.Frames.STACK_MAC;
import static dev.jnetlab.stack.iface.Frames6.PEER_LL;
import static dev.jnetlab.stack.iface.Frames6.STACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.iface.Frames6.Sent;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Icmpv6Repr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A host and Redirects (RFC 4861 section 8): the interface has fd00::1/64 and the peer's
 * link-local address fe80::ff:fe00:2 as its default router, from an advertisement; a router at
 * fe80::99 (02:00:00:00:00:99) is on the link too. Off-link destinations are 2001:db8::/32's.
 */
class Ipv6RedirectTest {
    static final Ipv6Address FAR = Ipv6Address.parse("2001:db8::9");
    static final Ipv6Address OTHER_ROUTER = Ipv6Address.parse("fe80::99");
    static final MacAddress OTHER_MAC = MacAddress.parse("02:00:00:00:00:99");

    final Harness h = new Harness();

    Ipv6RedirectTest() {
        h.iface.enableIpv6();
        h.iface.addAddress(STACK, 64);
        h.poll();
        h.advance(Micros.ofSeconds(1));
        h.receive(Frames6.icmp(MacAddress.parse("33:33:00:00:00:01"), PEER_LL, Ipv6Address.ALL_NODES, 255,
                new Icmpv6Repr.RouterAdvert(64, false, false, 1800, 0, 0, Optional.of(PEER_MAC), OptionalLong.empty(), List.of())));
        h.advance(Micros.ofSeconds(1));
        h.sent();
    }

    void redirect(Ipv6Address from, int hopLimit, Ipv6Address target, Ipv6Address destination, Optional<MacAddress> mac) {
        h.receive(Frames6.icmp(STACK_MAC, from, STACK, hopLimit, new Icmpv6Repr.Redirect(target, destination, mac)));
    }

    /** Where an echo request to {@code to} goes now: its frame's MAC. */
    MacAddress firstHopMac(Ipv6Address to) {
        assertTrue(h.iface.sendEchoRequest(h.now(), to, 1, 1, 8));
        h.poll();
        return Sent.of(h.sentOne()).dstMac();
    }

    @Test
    void withoutARedirectOffLinkPacketsGoToTheDefaultRouter() {
        assertEquals(PEER_MAC, firstHopMac(FAR));
    }

    @Test
    void section8_3ARedirectFromTheCurrentFirstHopSendsThatDestinationsPacketsToTheTarget() {
        redirect(PEER_LL, 255, OTHER_ROUTER, FAR, Optional.of(OTHER_MAC));
        Ndp6Entry target = h.iface.ipv6Neighbors(h.now()).stream().filter(n -> n.address().equals(OTHER_ROUTER)).findFirst().orElseThrow();
        assertTrue(target.router(), "a target other than the destination is a router");
        assertEquals(NdpState.STALE, target.state(), "learnt from the link-layer option as from a solicitation");
        assertEquals(OTHER_MAC, firstHopMac(FAR));
        assertEquals(PEER_MAC, firstHopMac(Ipv6Address.parse("2001:db8::10")), "other destinations keep their first hop");
        assertEquals(1, h.iface.stats().get(InterfaceCounter.NDP_REDIRECTS_IN));
        assertTrue(h.iface.ipv6Routes(h.now()).stream().anyMatch(r -> r.toString().equals("2001:db8::9/128 via fe80::99 redirect")),
                h.iface.ipv6Routes(h.now()).toString());
    }

    @Test
    void section8_3ATargetThatIsTheDestinationItselfPutsItOnTheLink() {
        MacAddress far = MacAddress.parse("02:00:00:00:00:42");
        redirect(PEER_LL, 255, FAR, FAR, Optional.of(far));
        assertEquals(far, firstHopMac(FAR));
        assertTrue(h.iface.ipv6Routes(h.now()).stream().anyMatch(r -> r.toString().equals("2001:db8::9/128 on-link redirect")),
                h.iface.ipv6Routes(h.now()).toString());
    }

    @Test
    void section8_1ARedirectFromARouterThatIsNotTheFirstHopIsIgnored() {
        redirect(OTHER_ROUTER, 255, OTHER_ROUTER, FAR, Optional.of(OTHER_MAC));
        assertEquals(PEER_MAC, firstHopMac(FAR));
        assertEquals(1, h.iface.stats().get(InterfaceCounter.DROP_NDP_INVALID));
    }

    @Test
    void section8_1ATargetThatIsNeitherLinkLocalNorTheDestinationIsIgnored() {
        redirect(PEER_LL, 255, Ipv6Address.parse("fd00::99"), FAR, Optional.of(OTHER_MAC));
        assertEquals(PEER_MAC, firstHopMac(FAR));
        assertEquals(1, h.iface.stats().get(InterfaceCounter.DROP_NDP_INVALID));
    }

    @Test
    void section8_1ARedirectWithAHopLimitOtherThan255OrFromAGlobalAddressIsIgnored() {
        redirect(PEER_LL, 64, OTHER_ROUTER, FAR, Optional.of(OTHER_MAC));
        redirect(Frames6.PEER, 255, OTHER_ROUTER, FAR, Optional.of(OTHER_MAC));
        assertEquals(PEER_MAC, firstHopMac(FAR));
        assertEquals(2, h.iface.stats().get(InterfaceCounter.DROP_NDP_INVALID));
    }

    @Test
    void section8_1ARedirectAboutAMulticastDestinationIsIgnored() {
        redirect(PEER_LL, 255, OTHER_ROUTER, Ipv6Address.parse("ff0e::1"), Optional.of(OTHER_MAC));
        assertEquals(1, h.iface.stats().get(InterfaceCounter.DROP_NDP_INVALID));
    }

    @Test
    void turningIpv6OffForgetsWhatRedirectsTaught() {
        redirect(PEER_LL, 255, OTHER_ROUTER, FAR, Optional.of(OTHER_MAC));
        h.iface.disableIpv6();
        assertTrue(h.iface.ipv6Routes(h.now()).stream().noneMatch(r -> r.origin() == Ipv6Route.Origin.REDIRECT));
    }
}

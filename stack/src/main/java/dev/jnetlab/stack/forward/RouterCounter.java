package dev.jnetlab.stack.forward;

import java.util.Locale;

/** What a {@link Router} counts: frames in and out, datagrams forwarded, and each reason a datagram goes no further. */
public enum RouterCounter {
    FRAMES_IN,
    FRAMES_OUT,
    FORWARDED,
    FRAGMENTS_CREATED,
    DELIVERED_LOCALLY,
    ARP_IN,
    ICMP_ERRORS_OUT,
    REDIRECTS_OUT,
    /** ICMP errors not sent because the router's {@link IcmpRateLimit} had no token left. */
    ICMP_RATE_LIMITED,
    ECHO_REPLIES_OUT,
    DROP_MALFORMED,
    DROP_BAD_CHECKSUM,
    DROP_NOT_FOR_US,
    DROP_TTL_EXPIRED,
    DROP_NO_ROUTE,
    DROP_TOO_BIG_DONT_FRAGMENT,
    DROP_BAD_SOURCE,
    DROP_BROADCAST,
    DROP_ARP_TIMEOUT,
    DROP_PENDING_FULL,
    DROP_DEVICE_FULL,
    DROP_UNSUPPORTED,
    /** Neighbor Solicitations and Advertisements taken in. */
    NDP_IN,
    /** IPv6 packets to or from a link-local address, which stay on their link (RFC 4291 section 2.5.6). */
    DROP_LINK_LOCAL,
    /** IPv6 multicast that is not Neighbor Discovery: this router routes no multicast. */
    DROP_MULTICAST,
    /** IPv6 packets longer than the next link's MTU, answered with Packet Too Big (RFC 8200 section 5). */
    DROP_TOO_BIG,
    /** IPv6 packets whose next hop never answered Neighbor Discovery. */
    DROP_NDP_TIMEOUT,
    /** Router Solicitations taken in (RFC 4861 section 6.2.6). */
    ROUTER_SOLICITS_IN,
    /** Router Advertisements sent, periodic and solicited (RFC 4861 section 6.2). */
    ROUTER_ADVERTS_OUT;

    /** The name as {@code stats} prints it: {@code drop_ttl_expired}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

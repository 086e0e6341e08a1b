package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.wire.WireError;

/**
 * One counter of an interface, with the stable name the console prints and puts in JSON
 * ({@link #key()}). Counters only grow. Those whose key starts with {@code drop_} count
 * frames or datagrams dropped, each for one reason; the rest count traffic and events.
 */
public enum InterfaceCounter {
    /** Frames the device handed over. */
    FRAMES_IN("frames_in"),
    /** Octets of those frames (Ethernet header included, FCS not). */
    OCTETS_IN("octets_in"),
    /** Frames the device took. */
    FRAMES_OUT("frames_out"),
    OCTETS_OUT("octets_out"),

    ARP_REQUESTS_IN("arp_requests_in"),
    ARP_REPLIES_IN("arp_replies_in"),
    ARP_REQUESTS_OUT("arp_requests_out"),
    ARP_REPLIES_OUT("arp_replies_out"),
    /** ARP replies about an address this interface never asked for: not learned (RFC 826 only merges). */
    ARP_REPLIES_UNSOLICITED("arp_replies_unsolicited"),
    /** ARP packets from another host that claims one of this interface's addresses (RFC 5227 section 2.4). */
    ARP_ADDRESS_CONFLICTS("arp_address_conflicts"),

    /** IPv4 datagrams delivered to this host (a reassembled one counts once). */
    IPV4_IN("ipv4_in"),
    /** IPv4 datagrams sent (a fragmented one counts once). */
    IPV4_OUT("ipv4_out"),
    FRAGMENTS_IN("fragments_in"),
    DATAGRAMS_REASSEMBLED("datagrams_reassembled"),
    FRAGMENTS_OUT("fragments_out"),
    DATAGRAMS_FRAGMENTED("datagrams_fragmented"),

    ICMP_ECHO_REQUESTS_IN("icmp_echo_requests_in"),
    ICMP_ECHO_REPLIES_OUT("icmp_echo_replies_out"),
    ICMP_ECHO_REQUESTS_OUT("icmp_echo_requests_out"),
    ICMP_ECHO_REPLIES_IN("icmp_echo_replies_in"),
    /** Echo requests not answered: answering is switched off, or they went to a broadcast address. */
    ICMP_ECHO_REQUESTS_IGNORED("icmp_echo_requests_ignored"),
    ICMP_ERRORS_IN("icmp_errors_in"),
    /** IPv6 Packet Too Big messages that lowered the path MTU toward a destination (RFC 8201). */
    PATH_MTU_LOWERED("path_mtu_lowered"),
    /**
     * ICMP errors about a TCP connection's segment that the connection did not take: the
     * quoted sequence number is not one in flight (RFC 5927 §4.1), so old or forged.
     */
    ICMP_ERRORS_IGNORED("icmp_errors_ignored"),
    ICMP_ERRORS_OUT("icmp_errors_out"),
    /** ICMP errors held back by the token bucket. */
    ICMP_ERRORS_RATE_LIMITED("icmp_errors_rate_limited"),
    /**
     * ICMP errors not sent because RFC 1122 section 3.2.2 forbids them: about an ICMP error, a
     * broadcast or multicast, a non-first fragment, or a source that is not one host.
     */
    ICMP_ERRORS_SUPPRESSED("icmp_errors_suppressed"),

    UDP_IN("udp_in"),
    UDP_OUT("udp_out"),
    /** TCP segments received whole and well formed (checksum included), whoever took them. */
    TCP_IN("tcp_in"),
    /** TCP segments the device took (or the loopback or ARP queue): the sockets' and the interface's resets. */
    TCP_OUT("tcp_out"),
    /** Of those, segments that carried sequence space sent before: timeouts, fast and SACK retransmissions, probes again. */
    TCP_RETRANSMISSIONS("tcp_retransmissions"),
    /** Resets sent for segments to a port with no socket (RFC 9293 section 3.10.7.1). */
    TCP_RESETS_OUT("tcp_resets_out"),

    /** IPv6 packets delivered to this host. */
    IPV6_IN("ipv6_in"),
    IPV6_OUT("ipv6_out"),
    ICMPV6_ECHO_REQUESTS_IN("icmpv6_echo_requests_in"),
    ICMPV6_ECHO_REPLIES_OUT("icmpv6_echo_replies_out"),
    ICMPV6_ECHO_REQUESTS_OUT("icmpv6_echo_requests_out"),
    ICMPV6_ECHO_REPLIES_IN("icmpv6_echo_replies_in"),
    NDP_SOLICITS_IN("ndp_solicits_in"),
    NDP_SOLICITS_OUT("ndp_solicits_out"),
    NDP_ADVERTS_IN("ndp_adverts_in"),
    NDP_ADVERTS_OUT("ndp_adverts_out"),
    NDP_ROUTER_ADVERTS_IN("ndp_router_adverts_in"),
    NDP_ROUTER_SOLICITS_OUT("ndp_router_solicits_out"),
    /** NDP messages a host takes no action on: router solicitations (RFC 4861 section 6.2.6). */
    NDP_IGNORED("ndp_ignored"),
    /** Redirects taken: a destination's first hop changed (RFC 4861 section 8.3). */
    NDP_REDIRECTS_IN("ndp_redirects_in"),
    /** Tentative addresses given up because another node has them (RFC 4862 section 5.4.5). */
    NDP_DAD_CONFLICTS("ndp_dad_conflicts"),
    /** MLDv2 reports sent (RFC 3810 section 6): state changes when a group is joined or left, and answers to queries. */
    MLD_REPORTS_OUT("mld_reports_out"),
    /** Valid MLD queries received, general and group-specific (RFC 3810 section 6.2). */
    MLD_QUERIES_IN("mld_queries_in"),
    /** MLDv1 queries (RFC 2710): the MLDv1 compatibility mode of RFC 3810 section 8.2 is not built. */
    MLD_V1_QUERIES_IGNORED("mld_v1_queries_ignored"),

    DROP_TRUNCATED("drop_truncated"),
    DROP_BAD_CHECKSUM("drop_bad_checksum"),
    DROP_BAD_VERSION("drop_bad_version"),
    DROP_BAD_IHL("drop_bad_ihl"),
    DROP_BAD_TOTAL_LENGTH("drop_bad_total_length"),
    DROP_BAD_FRAGMENT_OFFSET("drop_bad_fragment_offset"),
    DROP_BAD_DATA_OFFSET("drop_bad_data_offset"),
    DROP_BAD_FLAGS("drop_bad_flags"),
    DROP_BAD_UDP_LENGTH("drop_bad_udp_length"),
    DROP_BAD_OPTION("drop_bad_option"),
    /** Well formed but not spoken here: another EtherType (IPv6, a VLAN tag), ARP for other hardware, an ICMP type not handled. */
    DROP_UNSUPPORTED("drop_unsupported"),
    DROP_BAD_PAYLOAD_LENGTH("drop_bad_payload_length"),
    DROP_BAD_EXTENSION_HEADER("drop_bad_extension_header"),
    DROP_UNRECOGNIZED_EXTENSION("drop_unrecognized_extension"),
    DROP_BAD_NDP_OPTION("drop_bad_ndp_option"),

    /**
     * Not addressed to this host: a frame for another MAC address, a datagram for another IP
     * address (this stack does not forward), or a unicast datagram in a link-layer broadcast
     * (RFC 1122 section 3.3.6).
     */
    DROP_NOT_FOR_US("drop_not_for_us"),
    /** A datagram from a source that is not one host: broadcast, multicast, 0.0.0.0, loopback, class E (RFC 1122 section 3.2.1.3). */
    DROP_BAD_SOURCE("drop_bad_source"),
    /**
     * A datagram for another host whose TTL had run out (at most 1): a router would have
     * answered time exceeded; a host that does not forward drops it, and counts it here
     * rather than as not for us, so a trace through this host shows where it ended.
     */
    DROP_TTL_EXPIRED("drop_ttl_expired"),
    /** For a UDP or TCP port, or an echo identifier, that no socket holds. */
    DROP_NO_SOCKET("drop_no_socket"),
    /** A protocol other than ICMP, UDP and TCP. */
    DROP_UNKNOWN_PROTOCOL("drop_unknown_protocol"),
    /** Datagrams to send for which no route (and no usable source address) exists. */
    DROP_NO_ROUTE("drop_no_route"),
    /** Frames that would have waited for ARP resolution, with the neighbor's queue (or all of them) full. */
    DROP_ARP_QUEUE_FULL("drop_arp_queue_full"),
    /** Frames that waited for an ARP reply that never came (3 requests, one a second). */
    DROP_ARP_TIMEOUT("drop_arp_timeout"),
    /** Datagrams for a socket whose receive buffer was full. */
    DROP_SOCKET_BUFFER_FULL("drop_socket_buffer_full"),
    /** Datagrams given up because their fragments did not all arrive in time. */
    DROP_FRAGMENT_TIMEOUT("drop_fragment_timeout"),
    /** Datagrams given up because two fragments overlapped (as RFC 5722 requires of IPv6). */
    DROP_FRAGMENT_OVERLAP("drop_fragment_overlap"),
    /** Fragments that repeat one already held, octet range for octet range: ignored. */
    DROP_FRAGMENT_DUPLICATE("drop_fragment_duplicate"),
    /** Datagrams given up for an inconsistent fragment: a non-last one not a multiple of 8 long, two different ends. */
    DROP_FRAGMENT_INVALID("drop_fragment_invalid"),
    /** Datagrams given up because reassembled they would exceed 65535 octets (or the configured limit). */
    DROP_REASSEMBLY_TOO_BIG("drop_reassembly_too_big"),
    /** Fragments of a datagram already given up (overlap, too big, invalid): dropped with it, not counted again as its reason. */
    DROP_FRAGMENT_ORPHANED("drop_fragment_orphaned"),
    /** Datagrams given up because reassembly was full: every slot busy, or too many pieces. */
    DROP_REASSEMBLY_FULL("drop_reassembly_full"),
    /** Datagrams to send larger than the MTU with Don't Fragment set. */
    DROP_TOO_BIG_DONT_FRAGMENT("drop_too_big_dont_fragment"),
    /** IPv6 packets for this host with hop limit 0. */
    DROP_HOP_LIMIT_ZERO("drop_hop_limit_zero"),
    /** NDP messages with a hop limit other than 255 or a code other than 0: from off the link, or forged (RFC 4861 section 6.1). */
    DROP_NDP_INVALID("drop_ndp_invalid"),
    /** IPv6 packets that waited for neighbor discovery in vain (3 solicitations, one a second). */
    DROP_NDP_TIMEOUT("drop_ndp_timeout"),
    /** IPv6 packets for a neighbor still being resolved that already holds its one packet. */
    DROP_NDP_QUEUE_FULL("drop_ndp_queue_full"),
    /** MLD queries not from a link-local source, with a hop limit other than 1 or without a router alert (RFC 3810 section 5.1.14). */
    DROP_MLD_INVALID("drop_mld_invalid"),
    /**
     * IPv6 first fragments without the whole header chain, upper-layer header included
     * (RFC 7112): a filter could not judge them; answered with a parameter problem, code 3.
     */
    DROP_FRAGMENT_TINY("drop_fragment_tiny"),
    /** Frames the device refused to take (its queue full, the link down). */
    DROP_DEVICE_BUSY("drop_device_busy");

    private static final InterfaceCounter[] BY_WIRE_ERROR = new InterfaceCounter[WireError.values().length];

    static {
        for (WireError error : WireError.values()) {
            BY_WIRE_ERROR[error.ordinal()] = valueOf("DROP_" + error.name());
        }
    }

    private final String key;

    InterfaceCounter(String key) {
        this.key = key;
    }

    /** The stable name: {@code frames_in}, {@code drop_bad_checksum}. */
    public String key() {
        return key;
    }

    /** Whether this counts drops, one reason each. */
    public boolean isDrop() {
        return key.startsWith("drop_");
    }

    /** The drop counter of a wire-layer reason; allocates nothing. */
    public static InterfaceCounter of(WireError error) {
        return BY_WIRE_ERROR[error.ordinal()];
    }
}

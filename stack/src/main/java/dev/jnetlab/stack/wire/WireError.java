package dev.jnetlab.stack.wire;

/**
 * Why the wire layer refused a packet. The interface counts dropped frames by this reason, so
 * every value names one kind of fault a person can act on; the {@link WireException} that
 * carries it adds the numbers ("TCP: data offset 4 &lt; 5").
 */
public enum WireError {
    /** Fewer octets than the fixed header needs, or than a field says must follow. */
    TRUNCATED,
    /** An IPv4 header, ICMP, UDP or TCP checksum that does not verify (RFC 1071). */
    BAD_CHECKSUM,
    /** An IPv4 header whose version is not 4 (RFC 791 section 3.1). */
    BAD_VERSION,
    /** An IPv4 header length below 5 words, the minimum header (RFC 791 section 3.1). */
    BAD_IHL,
    /** An IPv4 total length below the header length or beyond the octets that arrived. */
    BAD_TOTAL_LENGTH,
    /** An IPv4 fragment that would end beyond the largest datagram, 65535 octets (RFC 791). */
    BAD_FRAGMENT_OFFSET,
    /** A TCP data offset below 5 words or beyond the segment (RFC 9293 section 3.1). */
    BAD_DATA_OFFSET,
    /** A TCP segment with SYN and RST, or SYN and FIN: no state of RFC 9293 accepts it. */
    BAD_FLAGS,
    /** A UDP length below the 8-octet header or beyond the datagram that arrived (RFC 768). */
    BAD_UDP_LENGTH,
    /** A TCP option with length 0 or 1, running beyond the header, or of the wrong length for its kind. */
    BAD_OPTION,
    /** An IPv6 payload length beyond the octets that arrived (RFC 8200 section 3). */
    BAD_PAYLOAD_LENGTH,
    /**
     * An IPv6 extension header chain that runs past the packet, a hop-by-hop header that is
     * not first, or an option whose length runs past its header (RFC 8200 section 4).
     */
    BAD_EXTENSION_HEADER,
    /**
     * An extension header a host must discard the packet for: an unrecognised option whose
     * type says discard, a routing header with segments left (RFC 8200 sections 4.2, 4.4).
     */
    UNRECOGNIZED_EXTENSION,
    /** An NDP option of length zero or running past the message (RFC 4861 section 4.6). */
    BAD_NDP_OPTION,
    /** Well formed, but nothing this stack speaks: another hardware or protocol type, operation, message or code. */
    UNSUPPORTED
}

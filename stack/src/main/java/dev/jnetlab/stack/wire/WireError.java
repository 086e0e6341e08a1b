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
    /** Well formed, but nothing this stack speaks: another hardware or protocol type, operation, message or code. */
    UNSUPPORTED
}

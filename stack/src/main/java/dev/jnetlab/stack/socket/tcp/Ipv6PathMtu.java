package dev.jnetlab.stack.socket.tcp;

/**
 * The path MTU toward an IPv6 destination (RFC 8201), for the packetization layer: a
 * connection over IPv6 asks it for its destination when it opens, so that one to a destination
 * a Packet Too Big already named starts from that MTU, and sends at most {@code pathMtu - 60}
 * (the IPv6 and TCP headers) in a segment (RFC 8201 section 5.2, RFC 9293 section 3.7.1). The
 * interface implements it over its cache; it lives here, with TCP, so that TCP asks without
 * knowing the interface (as {@code socket.LocalBindings} does for UDP). A lookup scans a small
 * table and allocates nothing.
 *
 * <p>Asked on the stack's thread only (ARCHITECTURE.md §2).
 */
public interface Ipv6PathMtu {
    /**
     * The path MTU toward {@code dstHigh}/{@code dstLow} at {@code now}: the link's MTU, or
     * less while a Packet Too Big of the last ten minutes says so; never below 1280.
     */
    int pathMtu(long dstHigh, long dstLow, long now);
}

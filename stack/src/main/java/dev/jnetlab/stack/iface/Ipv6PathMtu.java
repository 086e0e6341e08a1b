package dev.jnetlab.stack.iface;

/**
 * The path MTU toward an IPv6 destination (RFC 8201), for the packetization layer: TCP asks
 * it for the destination of a connection before it sizes segments, and takes
 * {@code pathMtu - 60} (the IPv6 and TCP headers) as the most it sends (RFC 8201 section 5.2,
 * RFC 9293 section 3.7.1). A lookup scans a small table and allocates nothing, so asking per
 * segment is fine.
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

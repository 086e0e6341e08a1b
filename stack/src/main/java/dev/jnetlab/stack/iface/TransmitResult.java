package dev.jnetlab.stack.iface;

/** What became of a datagram or segment given to the {@link Transmitter}. */
enum TransmitResult {
    /** The device took every frame. */
    SENT,
    /** Waiting in the pending queue for ARP, or in the loopback queue: as good as sent. */
    QUEUED,
    /** The device (or the loopback queue) took nothing: the caller may try again later. */
    REFUSED,
    /** No route, a source address that is not ours, or (for TCP) a destination that is not one host. */
    NO_ROUTE,
    /** Larger than the MTU with Don't Fragment, or than an IPv4 datagram can be. */
    TOO_BIG,
    /** The ARP queue or the neighbor cache has no room for what waits for the next hop. */
    QUEUE_FULL,
    /** The device took some fragments and refused the rest: the datagram is lost (counted when it happened). */
    PARTIAL,
    /** A TCP segment's next hop has no usable ARP entry ({@link Transmitter#unresolvedHop()}): nothing was written. */
    UNRESOLVED
}

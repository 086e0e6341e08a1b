package dev.jnetlab.stack.iface;

/** The state of an ARP cache entry, as the console's {@code arp} prints it. */
public enum NeighborState {
    /** Confirmed within the last 60 seconds: used to send. */
    REACHABLE,
    /**
     * Confirmed more than 60 seconds ago: kept for the person to see, not used to send. The
     * next datagram for it starts a new resolution; the cache gives it up first for room.
     */
    STALE,
    /** A request is out and no reply has come yet; datagrams for it wait in a queue. */
    INCOMPLETE,
    /** Added by hand ({@code arp add}): never expires, never replaced by what ARP says. */
    STATIC
}

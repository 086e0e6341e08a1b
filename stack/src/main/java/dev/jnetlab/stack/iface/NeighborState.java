package dev.jnetlab.stack.iface;

/** The state of an ARP cache entry, as the console's {@code arp} prints it. */
public enum NeighborState {
    /** Confirmed within the last 60 seconds: used to send. */
    REACHABLE,
    /**
     * Confirmed more than 60 seconds ago and not used since: kept, and the cache gives it up
     * first for room. The next datagram for it is sent with it and starts a probe.
     */
    STALE,
    /**
     * Stale and used again: datagrams still go to its address while unicast ARP requests to
     * that address check it (RFC 1122 section 2.3.2.1, "unicast poll"); an answer makes it
     * reachable, three unanswered requests delete it.
     */
    PROBE,
    /** A request is out and no reply has come yet; datagrams for it wait in a queue. */
    INCOMPLETE,
    /** Added by hand ({@code arp add}): never expires, never replaced by what ARP says. */
    STATIC
}

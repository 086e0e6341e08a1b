package dev.jnetlab.stack.iface;

/** The state of an IPv6 neighbor cache entry (RFC 4861 section 7.3.2), as the console's {@code ndp} prints it. */
public enum NdpState {
    /** A solicitation is out and no advertisement has come; the first packet for it waits. */
    INCOMPLETE,
    /** Confirmed within the reachable time (30 s): used to send. */
    REACHABLE,
    /** Not confirmed lately, or learnt unasked: used to send, which starts a check. */
    STALE,
    /** Used while stale: a confirmation from above may still come within 5 s before probing. */
    DELAY,
    /** Unicast solicitations check it, one a second, three in all. */
    PROBE
}

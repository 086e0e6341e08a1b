package dev.jnetlab.stack.socket.dhcp;

/** The client's states (RFC 2131 section 4.4, figure 5), with PROBING for the ARP check of RFC 5227 section 2.1. */
public enum DhcpState {
    /** Not running: never started, released, or stopped. */
    STOPPED,
    /** Broadcasting DISCOVERs, waiting for an OFFER (INIT and SELECTING). */
    SELECTING,
    /** An OFFER taken: broadcasting a REQUEST for it, waiting for the ACK. */
    REQUESTING,
    /** ACKed: probing the address with ARP before using it. */
    PROBING,
    /** Declined an address in use: waiting ten seconds before starting again (RFC 2131 section 3.1 step 5). */
    DECLINED,
    /** Configured, until T1. */
    BOUND,
    /** Past T1: asking the server that granted the lease, by unicast, to extend it. */
    RENEWING,
    /** Past T2: asking any server, by broadcast, until the lease expires. */
    REBINDING
}

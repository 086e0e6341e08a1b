package dev.jnetlab.stack.socket.dhcp;

/** What the client tells its owner, who configures the interface accordingly. */
public sealed interface DhcpEvent {
    /** A new lease, or a lease renewed (its address the same, its times new): configure it. */
    record Configured(DhcpLease lease, boolean renewal) implements DhcpEvent {
    }

    /** The lease is gone (expired, NAKed, released): remove its address, router and servers. */
    record Deconfigured(DhcpLease lease, String why) implements DhcpEvent {
    }

    /** The address offered was in use (RFC 5227): declined, and the client starts again. */
    record Declined(DhcpLease offered, String byMac) implements DhcpEvent {
    }
}

package dev.jnetlab.stack.socket.dhcp;

import dev.jnetlab.stack.wire.DhcpRepr;
import dev.jnetlab.stack.wire.Ipv4Address;

/** What the client wants sent now: a DHCP message between two addresses, or an ARP probe. */
public sealed interface DhcpTransmit {
    /**
     * A message from port 68 to port 67. From 0.0.0.0 before the client has its address (RFC
     * 2131 section 4.1), which an IP layer cannot send from: the owner writes such a frame
     * itself, as DHCP clients do through a packet socket.
     */
    record Message(DhcpRepr message, Ipv4Address source, Ipv4Address destination) implements DhcpTransmit {
    }

    /** An ARP probe for {@code target}: sender address 0.0.0.0, target hardware address zero (RFC 5227 section 2.1.1). */
    record Probe(Ipv4Address target) implements DhcpTransmit {
    }
}

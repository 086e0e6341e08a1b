package dev.jnetlab.stack.socket.dns;

import dev.jnetlab.stack.wire.Ipv4Address;

/** A query the resolver wants sent now, over UDP or (after a truncated answer) over TCP. */
public sealed interface DnsTransmit {
    Ipv4Address server();

    byte[] message();

    /** A datagram to the server's port 53. */
    record Udp(Ipv4Address server, byte[] message) implements DnsTransmit {
    }

    /**
     * A message for a TCP connection to the server's port 53 (RFC 1035 section 4.2.2: with the
     * two-octet length before it, which the owner adds). The owner gives the reply to
     * {@link DnsResolver#processTcp} with this {@code query}, or says it failed with
     * {@link DnsResolver#tcpFailed}.
     */
    record Tcp(int query, Ipv4Address server, byte[] message) implements DnsTransmit {
    }
}

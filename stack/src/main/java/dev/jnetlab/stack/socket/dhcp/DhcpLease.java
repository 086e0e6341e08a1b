package dev.jnetlab.stack.socket.dhcp;

import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A lease the client holds: the address with its prefix, what else the server configured, and
 * the instants (stack microseconds) of T1, T2 and expiry (RFC 2131 section 4.4.5).
 */
public record DhcpLease(Ipv4Cidr address, Ipv4Address server, Optional<Ipv4Address> router,
                        List<Ipv4Address> dnsServers, long leaseSeconds, long acquiredAt, long renewAt,
                        long rebindAt, long expiresAt) {
    public DhcpLease {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(router, "router");
        dnsServers = List.copyOf(dnsServers);
    }
}

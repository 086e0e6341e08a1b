package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import java.util.Objects;
import java.util.Optional;

/**
 * One route, as the console's {@code route} prints it.
 *
 * @param destination the network it covers, host bits clear ({@code 0.0.0.0/0} for the default route)
 * @param gateway     the next hop, or empty for a connected network
 * @param origin      where it comes from
 * @param usable      false for a static route whose gateway is on no connected network (an
 *                    address was removed since): kept, but skipped until the network is back
 */
public record Route(Ipv4Cidr destination, Optional<Ipv4Address> gateway, RouteOrigin origin, boolean usable) {
    public Route {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(origin, "origin");
    }

    public boolean isDefault() {
        return destination.prefixLen() == 0;
    }

    @Override
    public String toString() {
        return (isDefault() ? "default" : destination.toString())
                + gateway.map(g -> " via " + g).orElse(" connected") + (usable ? "" : " (gateway unreachable)");
    }
}

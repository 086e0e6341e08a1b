package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.util.Objects;
import java.util.Optional;

/**
 * One IPv6 route as the console's {@code route} shows it: a prefix on the link (no gateway)
 * or the default route through a router, with how it was learnt and how long it lasts.
 *
 * @param lifetimeMicros {@link Micros#NEVER} for a route that does not expire
 */
public record Ipv6Route(Ipv6Address prefix, int prefixLength, Optional<Ipv6Address> gateway, Origin origin, long lifetimeMicros) {
    /** How a route came to be. */
    public enum Origin {
        /** The prefix of an address on the interface. */
        CONNECTED,
        /** A router advertisement's on-link prefix or default router (RFC 4861 section 6.3.4). */
        ROUTER_ADVERTISEMENT,
        /** A default router given by hand (a topology file's {@code gateway6}). */
        STATIC,
        /** A first hop for one destination, from a router's Redirect (RFC 4861 section 8.3). */
        REDIRECT
    }

    public Ipv6Route {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(origin, "origin");
    }

    /** The first {@code length} bits of {@code address}, the rest zero. */
    public static Ipv6Address prefixOf(Ipv6Address address, int length) {
        long high = length >= 64 ? address.high() : length == 0 ? 0 : address.high() & -1L << (64 - length);
        long low = length <= 64 ? 0 : length == 128 ? address.low() : address.low() & -1L << (128 - length);
        return new Ipv6Address(high, low);
    }

    @Override
    public String toString() {
        return prefix + "/" + prefixLength + gateway.map(g -> " via " + g).orElse(" on-link")
                + (origin == Origin.ROUTER_ADVERTISEMENT ? " ra" : origin == Origin.STATIC ? " static"
                        : origin == Origin.REDIRECT ? " redirect" : "")
                + (lifetimeMicros == Micros.NEVER ? "" : " expires " + Micros.format(lifetimeMicros));
    }
}

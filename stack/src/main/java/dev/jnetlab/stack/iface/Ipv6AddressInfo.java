package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.util.Objects;

/**
 * One line of the console's {@code iface} list of IPv6 addresses, at one instant.
 *
 * @param validMicros     time until the address goes, {@link Micros#NEVER} for ever
 * @param preferredMicros time until it is deprecated, {@link Micros#NEVER} for ever, 0 if it is
 */
public record Ipv6AddressInfo(Ipv6Address address, int prefixLength, Ipv6AddressState state, Ipv6AddressOrigin origin,
                              long validMicros, long preferredMicros) {
    public Ipv6AddressInfo {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength + " " + state.name().toLowerCase(java.util.Locale.ROOT) + " "
                + origin.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " valid "
                + (validMicros == Micros.NEVER ? "forever" : Micros.format(validMicros)) + " preferred "
                + (preferredMicros == Micros.NEVER ? "forever" : Micros.format(preferredMicros));
    }
}

package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the console's {@code ndp} table, taken at one instant.
 *
 * @param mac           empty while {@link NdpState#INCOMPLETE}
 * @param router        the neighbor said it is a router (RFC 4861 section 7.2.5, the R flag or a router advertisement)
 * @param expiresMicros time until the state changes by itself; {@link Micros#NEVER} while stale
 * @param heldPacket    whether a packet waits for the resolution
 */
public record Ndp6Entry(Ipv6Address address, Optional<MacAddress> mac, NdpState state, boolean router, long expiresMicros,
                        boolean heldPacket) {
    public Ndp6Entry {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(state, "state");
    }

    @Override
    public String toString() {
        return address + " " + mac.map(MacAddress::toString).orElse("(incomplete)") + " " + state
                + (router ? " router" : "") + (expiresMicros == Micros.NEVER ? "" : " expires " + Micros.format(expiresMicros));
    }
}

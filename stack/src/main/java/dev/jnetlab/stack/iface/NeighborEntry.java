package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the console's {@code arp} table, taken at one instant.
 *
 * @param address       the neighbor's IPv4 address
 * @param mac           its Ethernet address; empty while {@link NeighborState#INCOMPLETE}
 * @param state         the entry's state
 * @param ageMicros     time since the entry was last confirmed (or, while incomplete, since the first request)
 * @param expiresMicros time until the state changes: until reachable turns stale, until an
 *                      incomplete resolution gives up; 0 when stale, {@link Micros#NEVER} when static
 * @param pendingFrames frames waiting for this neighbor's address
 */
public record NeighborEntry(Ipv4Address address, Optional<MacAddress> mac, NeighborState state, long ageMicros,
                            long expiresMicros, int pendingFrames) {
    public NeighborEntry {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(state, "state");
    }

    @Override
    public String toString() {
        return address + " " + mac.map(MacAddress::toString).orElse("(incomplete)") + " " + state
                + " age " + Micros.format(ageMicros) + " expires " + Micros.format(expiresMicros);
    }
}

package dev.jnetlab.host;

import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * How the console's own host starts: what {@code jnetlab}'s options say ({@code --ip},
 * {@code --mac}, {@code --gateway}, the fault options, {@code --seed}).
 *
 * @param address     this host's address and prefix
 * @param mac         this host's Ethernet address
 * @param gateway     the default route's next hop, if any
 * @param faults      what the fault injector starts with
 * @param seed        fixes every random choice: the interface's, the socket set's (ports,
 *                    echo identifiers), the fault injector's and the simulated peer's
 * @param epochMicros the wall-clock time, in microseconds since 1970, of stack instant 0: the
 *                    time stamps of capture files (0 in tests, so that files are reproducible)
 */
public record NetworkConfig(Ipv4Cidr address, MacAddress mac, Optional<Ipv4Address> gateway, FaultConfig faults,
                            long seed, long epochMicros) {

    public static final Ipv4Cidr DEFAULT_ADDRESS = Ipv4Cidr.parse("192.168.69.1/24");
    public static final MacAddress DEFAULT_MAC = MacAddress.parse("02:00:00:00:00:01");
    public static final Ipv4Address DEFAULT_GATEWAY = Ipv4Address.parse("192.168.69.100");

    public NetworkConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(faults, "faults");
    }

    /** The defaults of the command line, with this seed: 192.168.69.1/24, gateway 192.168.69.100, no faults. */
    public static NetworkConfig defaults(long seed) {
        return new NetworkConfig(DEFAULT_ADDRESS, DEFAULT_MAC, Optional.of(DEFAULT_GATEWAY), FaultConfig.NONE, seed, 0);
    }

    public NetworkConfig withAddress(Ipv4Cidr newAddress) {
        return new NetworkConfig(newAddress, mac, gateway, faults, seed, epochMicros);
    }

    public NetworkConfig withMac(MacAddress newMac) {
        return new NetworkConfig(address, newMac, gateway, faults, seed, epochMicros);
    }

    public NetworkConfig withFaults(FaultConfig newFaults) {
        return new NetworkConfig(address, mac, gateway, newFaults, seed, epochMicros);
    }

}

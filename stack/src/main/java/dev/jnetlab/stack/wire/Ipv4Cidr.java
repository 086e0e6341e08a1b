package dev.jnetlab.stack.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 address with the length of its network prefix, as an interface is configured:
 * {@code 192.168.69.1/24} (RFC 4632).
 */
public record Ipv4Cidr(Ipv4Address address, int prefixLen) {
    public Ipv4Cidr {
        Objects.requireNonNull(address, "address");
        if (prefixLen < 0 || prefixLen > 32) {
            throw new IllegalArgumentException("an IPv4 prefix length is 0 to 32, not " + prefixLen);
        }
    }

    /** Parses {@code ADDRESS/PREFIX}, e.g. {@code 192.168.69.1/24}. */
    public static Ipv4Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(
                    "not an IPv4 CIDR: '" + text + "' (an address and a prefix length, like 192.168.69.1/24)");
        }
        String prefix = text.substring(slash + 1);
        if (prefix.isEmpty() || prefix.length() > 2 || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not an IPv4 prefix length: '" + prefix + "' in '" + text + "' (0 to 32)");
        }
        return new Ipv4Cidr(Ipv4Address.parse(text.substring(0, slash)), Integer.parseInt(prefix));
    }

    /** The mask's bits, ones for the prefix: {@code 0xFFFFFF00} for /24. */
    public int netmaskBits() {
        // A shift by 32 is a shift by 0 in Java, so /0 needs its own case.
        return prefixLen == 0 ? 0 : -1 << (32 - prefixLen);
    }

    public Ipv4Address netmask() {
        return Ipv4Address.of(netmaskBits());
    }

    /** The address with every host bit cleared: {@code 192.168.69.0} for {@code 192.168.69.1/24}. */
    public Ipv4Address network() {
        return Ipv4Address.of(address.bits() & netmaskBits());
    }

    /**
     * The directed broadcast address, every host bit set. A /31 (RFC 3021) or a /32 has no
     * host bits to spare for one, so it has none.
     */
    public Optional<Ipv4Address> broadcast() {
        return prefixLen >= 31 ? Optional.empty() : Optional.of(Ipv4Address.of(address.bits() | ~netmaskBits()));
    }

    public boolean contains(Ipv4Address other) {
        return contains(other.bits());
    }

    /** Whether {@code bits} lies in this network; the allocation-free form for the packet path. */
    public boolean contains(int bits) {
        return ((bits ^ address.bits()) & netmaskBits()) == 0;
    }

    @Override
    public String toString() {
        return address + "/" + prefixLen;
    }
}

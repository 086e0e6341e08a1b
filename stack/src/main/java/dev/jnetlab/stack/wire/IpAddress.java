package dev.jnetlab.stack.wire;

/**
 * An IP address of either family: an {@link Ipv4Address} or an {@link Ipv6Address}, and
 * nothing else, so a {@code switch} over it needs no default. The API and the console speak
 * it; the packet path keeps the primitives each record wraps (ARCHITECTURE.md §4).
 */
public sealed interface IpAddress permits Ipv4Address, Ipv6Address {

    /**
     * Parses either family: an address with a colon is IPv6 (RFC 4291 section 2.2), else
     * IPv4 in dotted decimal.
     *
     * @throws IllegalArgumentException with a message that shows the expected forms
     */
    static IpAddress parse(String text) {
        return text.indexOf(':') >= 0 ? Ipv6Address.parse(text) : Ipv4Address.parse(text);
    }

    /** Whether this is the unspecified address of its family, 0.0.0.0 or {@code ::}. */
    boolean isUnspecified();
}

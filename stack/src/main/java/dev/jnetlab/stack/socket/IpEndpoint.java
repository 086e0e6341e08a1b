package dev.jnetlab.stack.socket;

import dev.jnetlab.stack.wire.IpAddress;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv6Address;
import java.util.Objects;

/**
 * One end of a transport conversation in either family: an {@link IpAddress} (sealed: IPv4 or
 * IPv6) and a port. It prints as {@code 192.168.69.1:7} or, for IPv6, with the address in
 * brackets so that its colons are not read as the port's (RFC 3986 section 3.2.2, as
 * {@code ss} and {@code socat} write it): {@code [fd00::100]:7}.
 *
 * <p>Made when a person or a snapshot asks, never per segment: sockets keep primitives on the
 * packet path (ARCHITECTURE.md §4). {@link Endpoint} is the IPv4-only form the older API
 * takes; {@link #of(Endpoint)} turns one into this.
 */
public record IpEndpoint(IpAddress address, int port) {

    public IpEndpoint {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("not a port: " + port + " (0 to 65535)");
        }
    }

    /** The same endpoint as an {@link IpEndpoint}. */
    public static IpEndpoint of(Endpoint endpoint) {
        return new IpEndpoint(endpoint.ipv4Address(), endpoint.port());
    }

    /**
     * Parses {@code ADDRESS:PORT} for IPv4 ({@code 192.168.69.100:7}) or
     * {@code [ADDRESS]:PORT} for IPv6 ({@code [fd00::100]:7}).
     *
     * @throws IllegalArgumentException with one line that shows the expected forms
     */
    public static IpEndpoint parse(String text) {
        if (!text.startsWith("[")) {
            if (text.indexOf(':') != text.lastIndexOf(':')) {
                throw new IllegalArgumentException("not an endpoint: '" + text
                        + "' (an IPv6 address goes in brackets before the port, like [fd00::100]:7)");
            }
            return of(Endpoint.parse(text)); // IPv4's form, and IPv4's words for what is wrong with it
        }
        int close = text.indexOf(']');
        if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
            throw new IllegalArgumentException("not an endpoint: '" + text
                    + "' (an IPv6 address in brackets, a colon and a port, like [fd00::100]:7)");
        }
        String addressText = text.substring(1, close);
        String portText = text.substring(close + 2);
        if (addressText.indexOf(':') < 0) {
            throw new IllegalArgumentException("not an endpoint: '" + text
                    + "' (brackets hold an IPv6 address; an IPv4 endpoint is written 192.168.69.100:7)");
        }
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a port: '" + portText + "' in '" + text + "' (0 to 65535)");
        }
        return new IpEndpoint(Ipv6Address.parse(addressText), Integer.parseInt(portText));
    }

    public boolean isIpv6() {
        return address instanceof Ipv6Address;
    }

    /** Whether both the address and the port are given. */
    public boolean isSpecified() {
        return !address.isUnspecified() && port != 0;
    }

    /** The IPv4 form, for the API that takes only IPv4. */
    public Endpoint toIpv4() {
        if (!(address instanceof Ipv4Address v4)) {
            throw new IllegalArgumentException(this + " is not an IPv4 endpoint");
        }
        return new Endpoint(v4.bits(), port);
    }

    @Override
    public String toString() {
        return address instanceof Ipv6Address ? "[" + address + "]:" + port : address + ":" + port;
    }
}

package dev.jnetlab.stack.socket;

import dev.jnetlab.stack.wire.Ipv4Address;

/**
 * One end of a transport conversation: an IPv4 address and a port.
 *
 * <p>The address is an {@code int} in network order of significance ({@code 192.168.69.1} is
 * {@code 0xC0A84501}) and the port an {@code int} in {@code [0, 65535]}; {@code 0} in either
 * means "unspecified" (a socket bound to every address of the interface, or to no port yet).
 * Sockets keep these two numbers as primitive fields on the packet path; an {@code Endpoint}
 * is made when a person or a snapshot asks, never per datagram.
 */
public record Endpoint(int address, int port) {

    /** The unspecified endpoint {@code 0.0.0.0:0}. */
    public static final Endpoint UNSPECIFIED = new Endpoint(0, 0);

    public Endpoint {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("not a port: " + port + " (0 to 65535)");
        }
    }

    public static Endpoint of(Ipv4Address address, int port) {
        return new Endpoint(address.bits(), port);
    }

    /**
     * Parses {@code ADDRESS:PORT}, e.g. {@code 192.168.69.100:6969}.
     *
     * @throws IllegalArgumentException with a message that shows the expected form
     */
    public static Endpoint parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(
                    "not an endpoint: '" + text + "' (an address and a port, like 192.168.69.100:6969)");
        }
        int address = Ipv4Address.parse(text.substring(0, colon)).bits();
        String portText = text.substring(colon + 1);
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a port: '" + portText + "' in '" + text + "' (0 to 65535)");
        }
        return new Endpoint(address, Integer.parseInt(portText));
    }

    /** Whether both the address and the port are given (neither is zero). */
    public boolean isSpecified() {
        return address != 0 && port != 0;
    }

    /** The address as a value. */
    public Ipv4Address ipv4Address() {
        return Ipv4Address.of(address);
    }

    /** The endpoint as {@code 192.168.69.1:6969}. */
    @Override
    public String toString() {
        return Ipv4Address.appendTo(new StringBuilder(21), address).append(':').append(port).toString();
    }
}

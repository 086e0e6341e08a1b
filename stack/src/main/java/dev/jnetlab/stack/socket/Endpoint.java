package dev.jnetlab.stack.socket;

import dev.jnetlab.stack.wire.Ipv4Address;

/**
 * One end of a transport connection: an IPv4 address and a port.
 *
 * <p>The address is an {@code int} in network order of significance ({@code 192.168.69.1} is
 * {@code 0xC0A84501}) and the port an {@code int} in {@code [0, 65535]}; {@code 0} in either
 * means "unspecified" (a socket listening on every address, or not yet bound to a port).
 * Sockets keep these two numbers as primitive fields on the packet path; an {@code Endpoint}
 * is made when a connection is set up and when a person or a snapshot asks, never per segment.
 */
public record Endpoint(int address, int port) {

    public Endpoint {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("not a port: " + port);
        }
    }

    /** The unspecified endpoint {@code 0.0.0.0:0}. */
    public static final Endpoint UNSPECIFIED = new Endpoint(0, 0);

    /** Whether both the address and the port are given (neither is zero). */
    public boolean isSpecified() {
        return address != 0 && port != 0;
    }

    /**
     * Parses {@code 192.168.69.100:6969}, as a person types it.
     *
     * @throws IllegalArgumentException saying what is wrong, if {@code text} is not IP:PORT
     */
    public static Endpoint parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + text + "' is not IP:PORT, as in 192.168.69.100:6969");
        }
        int address = Ipv4Address.parse(text.substring(0, colon)).bits();
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("'" + text.substring(colon + 1) + "' is not a port (0 to 65535)");
        }
        return new Endpoint(address, port);
    }

    /** The endpoint as {@code 192.168.69.1:6969}. */
    @Override
    public String toString() {
        return Ipv4Address.appendTo(new StringBuilder(21), address).append(':').append(port).toString();
    }
}

package dev.jnetlab.stack.socket;

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

    /** An IPv4 address in dotted-quad form: {@code 0xC0A84501} is {@code "192.168.69.1"}. */
    public static String formatAddress(int address) {
        return appendAddress(new StringBuilder(15), address).toString();
    }

    /** Appends {@code address} in dotted-quad form. */
    public static StringBuilder appendAddress(StringBuilder out, int address) {
        return out.append(address >>> 24).append('.')
                .append((address >>> 16) & 0xFF).append('.')
                .append((address >>> 8) & 0xFF).append('.')
                .append(address & 0xFF);
    }

    /**
     * Parses a dotted-quad IPv4 address ({@code "192.168.69.1"}).
     *
     * @throws IllegalArgumentException if {@code text} is not four decimal octets separated by dots
     */
    public static int parseAddress(String text) {
        int address = 0;
        int parts = 0;
        int value = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || ++parts > 4) {
                    throw new IllegalArgumentException("not an IPv4 address: " + text);
                }
                address = (address << 8) | value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    throw new IllegalArgumentException("not an IPv4 address: " + text);
                }
            } else {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
        }
        if (parts != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        return address;
    }

    /** The endpoint as {@code 192.168.69.1:6969}. */
    @Override
    public String toString() {
        return appendAddress(new StringBuilder(21), address).append(':').append(port).toString();
    }
}

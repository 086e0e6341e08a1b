package dev.jnetlab.commands.args;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.text.SyntaxException;
import dev.jnetlab.commands.text.TextEscapes;
import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.List;

/**
 * The values a person types, read with one line of explanation when they are wrong: which
 * argument, what was typed, and what would be right. Commands take these arguments as strings
 * and read them here, so a bad address is one sentence ({@code IP: not an IPv4 address:
 * '192.168.69.300' (four numbers 0-255 ...)}) rather than a parser's report.
 */
public final class Arguments {
    private Arguments() {
    }

    /** A number as a person would have typed it, for a message: {@code 1000}, not {@code 1000.0}; {@code 0.5} as it is. */
    public static String shown(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** An IPv4 address, {@code 192.168.69.100}. */
    public static Ipv4Address address(String label, String text) throws CommandException {
        try {
            return Ipv4Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandException(label + ": " + e.getMessage());
        }
    }

    /** An address with a prefix length, {@code 192.168.69.7/24}. */
    public static Ipv4Cidr cidr(String label, String text) throws CommandException {
        try {
            return Ipv4Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandException(label + ": " + e.getMessage());
        }
    }

    /** A MAC address, {@code 02:00:00:00:00:07}. */
    public static MacAddress mac(String label, String text) throws CommandException {
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandException(label + ": " + e.getMessage());
        }
    }

    /** A port, {@code min} (0 or 1) to 65535. */
    public static int port(String label, String text, int min) throws CommandException {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(text) < min || Integer.parseInt(text) > 0xFFFF) {
            throw new CommandException(label + ": not a port: '" + text + "' (" + min + " to 65535"
                    + (min == 0 ? ", 0 for any free one" : "") + ")");
        }
        return Integer.parseInt(text);
    }

    /**
     * Where a socket binds: a port alone (every address of both families), or one address and
     * a port, {@code 192.168.69.1:8080} or {@code [fd00::1]:8080}; port 0 only when {@code min}
     * is 0.
     */
    public static IpEndpoint local(String label, String text, int min) throws CommandException {
        if (text.indexOf(':') < 0) {
            return new IpEndpoint(Ipv4Address.of(0), port(label, text, min));
        }
        IpEndpoint endpoint;
        try {
            endpoint = IpEndpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandException(label + ": " + e.getMessage());
        }
        port(label, String.valueOf(endpoint.port()), min);
        return endpoint;
    }

    /** An address and a port, both given: {@code 192.168.69.100:7}, or {@code [fd00::100]:7} for IPv6. */
    public static IpEndpoint endpoint(String label, String text) throws CommandException {
        IpEndpoint endpoint;
        try {
            endpoint = IpEndpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandException(label + ": " + e.getMessage());
        }
        if (endpoint.port() == 0) {
            throw new CommandException(label + ": port 0 in '" + text + "' cannot be sent to (1 to 65535)");
        }
        if (endpoint.address().isUnspecified()) {
            throw new CommandException(label + ": " + endpoint.address() + " in '" + text + "' cannot be sent to");
        }
        return endpoint;
    }

    /** TEXT words, joined by single spaces, with their C escapes decoded ({@code \r\n}, {@code \x00}). */
    public static byte[] text(String label, List<String> words) throws CommandException {
        try {
            return TextEscapes.decode(String.join(" ", words));
        } catch (SyntaxException e) {
            throw new CommandException(label + ": " + e.getMessage());
        }
    }

    /** One of {@code choices}, exactly. */
    public static String choice(String label, String text, String... choices) throws CommandException {
        for (String choice : choices) {
            if (choice.equals(text)) {
                return choice;
            }
        }
        throw new CommandException(label + ": '" + text + "' is not one of " + String.join(", ", choices));
    }

    /**
     * A number of octets from {@code min} to {@code max}: digits with an optional binary suffix,
     * {@code 65536}, {@code 64K}, {@code 64M}, {@code 1G} (K, M, G are 2^10, 2^20, 2^30).
     */
    public static long octets(String label, String text, long min, long max) throws CommandException {
        String digits = text;
        int shift = 0;
        if (!text.isEmpty()) {
            switch (Character.toUpperCase(text.charAt(text.length() - 1))) {
                case 'K' -> shift = 10;
                case 'M' -> shift = 20;
                case 'G' -> shift = 30;
                default -> shift = 0;
            }
            if (shift != 0) {
                digits = text.substring(0, text.length() - 1);
            }
        }
        String range = " (" + min + " to " + max + " octets; K, M, G for 2^10, 2^20, 2^30: 64M, 1G)";
        // 13 digits bound the value well below overflow before the shift.
        if (digits.isEmpty() || digits.length() > 13 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new CommandException(label + ": not a size: '" + text + "'" + range);
        }
        long value = Long.parseLong(digits);
        if (value > (max >> shift) || (value << shift) < min) {
            throw new CommandException(label + ": '" + text + "' is out of range" + range);
        }
        return value << shift;
    }

    /** A whole number from {@code min} to {@code max}, digits only. */
    public static int intInRange(String label, String text, int min, int max) throws CommandException {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(text) < min || Integer.parseInt(text) > max) {
            throw new CommandException(label + ": not a number from " + min + " to " + max + ": '" + text + "'");
        }
        return Integer.parseInt(text);
    }
}

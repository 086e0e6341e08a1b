package dev.jnetlab.commands.args;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.text.SyntaxException;
import dev.jnetlab.commands.text.TextEscapes;
import dev.jnetlab.stack.socket.Endpoint;
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

    /** An address and a port, {@code 192.168.69.100:7}, both given. */
    public static Endpoint endpoint(String label, String text) throws CommandException {
        Endpoint endpoint;
        try {
            endpoint = Endpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandException(label + ": " + e.getMessage());
        }
        if (endpoint.port() == 0) {
            throw new CommandException(label + ": port 0 in '" + text + "' cannot be sent to (1 to 65535)");
        }
        if (endpoint.address() == 0) {
            throw new CommandException(label + ": 0.0.0.0 in '" + text + "' cannot be sent to");
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
}

package dev.jnetlab.labs.check;

import dev.jnetlab.stack.socket.SocketKind;
import dev.jnetlab.stack.socket.SocketSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The handles a lab's texts name by what the socket is rather than by number, since numbers
 * depend on what the console made before: {@code {tcp:7}} is the lab's newest TCP connection
 * to port 7, {@code {udp:5000}} its newest UDP socket bound to port 5000, {@code {listen:80}}
 * its newest listener on port 80. In a step's instructions, suggestions, hints and solution
 * each becomes the handle the student's own command returned ({@code tcp#3}), or {@code H}
 * while no such socket exists yet.
 */
public final class SocketNames {
    /** A name in a text. */
    public static final Pattern NAME = Pattern.compile("\\{(tcp|udp|listen):(\\d{1,5})}");
    /** What a name not yet made reads as. */
    public static final String UNMADE = "H";

    private SocketNames() {
    }

    /** The handle {@code name} ({@code tcp:7}, without braces) stands for among {@code sockets}, the newest. */
    public static Optional<String> resolve(String kind, int port, List<SocketSummary> sockets) {
        SocketSummary found = null;
        for (SocketSummary socket : sockets) {
            boolean matches = switch (kind) {
                case "tcp" -> socket.kind() == SocketKind.TCP && socket.remote().port() == port;
                case "udp" -> socket.kind() == SocketKind.UDP && socket.local().port() == port;
                case "listen" -> socket.kind() == SocketKind.TCP_LISTENER && socket.local().port() == port;
                default -> false;
            };
            if (matches && (found == null || socket.handle().id() > found.handle().id())) {
                found = socket;
            }
        }
        return Optional.ofNullable(found).map(s -> s.handle().toString());
    }

    /** Every name in {@code text} with what it resolves to now (absent: not made yet), in order. */
    public static Map<String, Optional<String>> names(String text, List<SocketSummary> sockets) {
        Map<String, Optional<String>> names = new LinkedHashMap<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            names.put(m.group(), resolve(m.group(1), Integer.parseInt(m.group(2)), sockets));
        }
        return names;
    }

    /** {@code text} with each name replaced by its handle, or {@value #UNMADE}. */
    public static String fill(String text, List<SocketSummary> sockets) {
        Matcher m = NAME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(
                    resolve(m.group(1), Integer.parseInt(m.group(2)), sockets).orElse(UNMADE)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** How a name reads in a sentence: "your TCP connection to port 7". */
    public static String describe(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a socket name: " + name);
        }
        return switch (m.group(1)) {
            case "tcp" -> "your TCP connection to port " + m.group(2);
            case "udp" -> "your UDP socket on port " + m.group(2);
            default -> "your listener on port " + m.group(2);
        };
    }
}

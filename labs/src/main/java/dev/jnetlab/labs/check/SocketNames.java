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
 * while no such socket exists yet. On a topology, {@code {tcp:9@h2}} names a socket of the host
 * h2 ({@code h2: tcp connect h4:9}) rather than of the host the lab reads.
 */
public final class SocketNames {
    /** A name in a text. */
    public static final Pattern NAME = Pattern.compile("\\{(tcp|udp|listen):(\\d{1,5})(?:@([a-z][a-z0-9-]*))?}");
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

    /**
     * Every name in {@code text} with what it resolves to now among the sockets of {@code world}
     * (or of its host the name gives after {@code @}), absent when not made yet, in order.
     * Stack thread.
     */
    public static Map<String, Optional<String>> names(String text, LabWorld world) {
        Map<String, Optional<String>> names = new LinkedHashMap<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            names.put(m.group(), resolve(m, world));
        }
        return names;
    }

    /** {@code text} with each name replaced by its handle, or {@value #UNMADE}. Stack thread. */
    public static String fill(String text, LabWorld world) {
        Matcher m = NAME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(m, world).orElse(UNMADE)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Optional<String> resolve(Matcher name, LabWorld world) {
        List<SocketSummary> sockets = name.group(3) == null ? world.sockets()
                : world.node(name.group(3)).map(LabWorld::sockets).orElse(List.of());
        return resolve(name.group(1), Integer.parseInt(name.group(2)), sockets);
    }

    /** How a name reads in a sentence: "your TCP connection to port 7". */
    public static String describe(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a socket name: " + name);
        }
        String on = m.group(3) == null ? "" : " on " + m.group(3);
        return switch (m.group(1)) {
            case "tcp" -> "your TCP connection to port " + m.group(2) + on;
            case "udp" -> "your UDP socket on port " + m.group(2) + on;
            default -> "your listener on port " + m.group(2) + on;
        };
    }
}

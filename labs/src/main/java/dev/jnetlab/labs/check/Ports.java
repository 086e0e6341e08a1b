package dev.jnetlab.labs.check;

import dev.jnetlab.stack.socket.SocketSummary;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Which sockets a check looks at: those with this local port, this remote port, or both;
 * every socket when neither is given.
 */
public record Ports(OptionalInt local, OptionalInt remote) {
    /** Every socket. */
    public static final Ports ANY = new Ports(OptionalInt.empty(), OptionalInt.empty());

    public Ports {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        local.ifPresent(Ports::requirePort);
        remote.ifPresent(Ports::requirePort);
    }

    public boolean matches(SocketSummary socket) {
        return (local.isEmpty() || socket.local().port() == local.getAsInt())
                && (remote.isEmpty() || socket.remote().port() == remote.getAsInt());
    }

    /** {@code " (remote port 7)"}, or nothing for every socket. */
    public String describe() {
        if (local.isEmpty() && remote.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" (");
        local.ifPresent(p -> out.append("local port ").append(p));
        if (local.isPresent() && remote.isPresent()) {
            out.append(", ");
        }
        remote.ifPresent(p -> out.append("remote port ").append(p));
        return out.append(')').toString();
    }

    private static void requirePort(int port) {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("not a port: " + port + " (1 to 65535)");
        }
    }
}

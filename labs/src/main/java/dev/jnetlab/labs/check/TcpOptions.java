package dev.jnetlab.labs.check;

import dev.jnetlab.host.settings.Assignment;
import dev.jnetlab.host.settings.SocketOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A lab's settings for the sockets made while it runs, as the lab file's {@code tcp:} map gives
 * them ({@code tcp: {buffer: 64, cc: reno}}), read by the console's own reader of option names
 * and values ({@code SettingWords}, which {@code set} uses); what they leave out keeps the
 * console's settings.
 *
 * @param assignments the options set, each once
 */
public record TcpOptions(List<Assignment> assignments) {
    /** Nothing set: the console's own settings. */
    public static final TcpOptions DEFAULT = new TcpOptions(List.of());

    public TcpOptions {
        assignments = List.copyOf(Objects.requireNonNull(assignments, "assignments"));
    }

    /** These settings, with those {@code over} gives in their place. */
    public TcpOptions overriddenBy(TcpOptions over) {
        List<Assignment> merged = new ArrayList<>();
        for (Assignment mine : assignments) {
            if (over.value(mine.option()) == null) {
                merged.add(mine);
            }
        }
        merged.addAll(over.assignments);
        return new TcpOptions(merged);
    }

    /** The value set for {@code option}, or null when this leaves it alone. */
    public Long value(SocketOption option) {
        for (Assignment assignment : assignments) {
            if (assignment.option() == option) {
                return assignment.value();
            }
        }
        return null;
    }

    public boolean isDefault() {
        return assignments.isEmpty();
    }

    /** As {@code set} would be typed: {@code tcp.sndbuf 64, tcp.rcvbuf 64, tcp.cc reno}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Assignment assignment : assignments) {
            parts.add(assignment.toString());
        }
        return String.join(", ", parts);
    }
}

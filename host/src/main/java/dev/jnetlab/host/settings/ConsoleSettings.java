package dev.jnetlab.host.settings;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The defaults of the sockets the console makes from now on, and where each came from: the
 * console's own, a person's {@code set}, or a running lab's setup (which wins while the lab
 * runs, and leaves what the person had set when it stops). Not thread-safe: the event loop
 * owns it, as it owns the network.
 */
public final class ConsoleSettings {
    /** What {@code set} shows as the origin of an option nobody set. */
    public static final String DEFAULT_ORIGIN = "default";
    /** The origin of an option a person set. */
    public static final String SET_ORIGIN = "set";

    private final Map<SocketOption, Long> set = new EnumMap<>(SocketOption.class);
    private final Map<SocketOption, Long> lab = new EnumMap<>(SocketOption.class);
    private String labOrigin = "";
    private SocketSettings effective = SocketSettings.DEFAULT;

    /** What the sockets made from now on get. */
    public SocketSettings effective() {
        return effective;
    }

    /**
     * A person's {@code set}: these values from now on, until {@link #reset}. Refused whole,
     * changing nothing, when it would leave the RTO's floor above its ceiling (RFC 6298 §2.4
     * and §2.5 bound the same timer).
     */
    public void set(List<Assignment> assignments) throws SettingException {
        Map<SocketOption, Long> before = new EnumMap<>(set);
        for (Assignment assignment : assignments) {
            set.put(assignment.option(), assignment.value());
        }
        recompute();
        long floor = effective.value(SocketOption.RTO_MIN);
        long ceiling = effective.value(SocketOption.RTO_MAX);
        if (floor > ceiling) {
            set.clear();
            set.putAll(before);
            recompute();
            boolean floorMoved = assignments.stream().anyMatch(a -> a.option() == SocketOption.RTO_MIN);
            throw new SettingException(SocketOption.RTO_MIN.qualifiedName() + " " + SocketOption.RTO_MIN.format(floor)
                    + " would be above " + SocketOption.RTO_MAX.qualifiedName() + " "
                    + SocketOption.RTO_MAX.format(ceiling) + ": the RTO's floor cannot be above its ceiling ("
                    + (floorMoved ? "raise tcp.rto-max first" : "lower tcp.rto-min first") + ")");
        }
    }

    /** {@code set --reset}: every value a person set goes back to the console's default (a lab's stay). */
    public void reset() {
        set.clear();
        recompute();
    }

    /** A lab's settings, over the person's, until {@link #clearLab}; {@code origin} is shown as theirs ({@code lab}). */
    public void lab(String origin, List<Assignment> assignments) {
        lab.clear();
        labOrigin = Objects.requireNonNull(origin, "origin");
        for (Assignment assignment : assignments) {
            lab.put(assignment.option(), assignment.value());
        }
        recompute();
    }

    /** The lab has stopped: the person's settings again. */
    public void clearLab() {
        lab.clear();
        labOrigin = "";
        recompute();
    }

    private void recompute() {
        SocketSettings settings = SocketSettings.DEFAULT;
        for (Map.Entry<SocketOption, Long> entry : set.entrySet()) {
            settings = settings.with(entry.getKey(), entry.getValue());
        }
        for (Map.Entry<SocketOption, Long> entry : lab.entrySet()) {
            settings = settings.with(entry.getKey(), entry.getValue());
        }
        effective = settings;
    }

    /** Where the value of {@code option} comes from: {@code default}, {@code set}, or a lab's origin. */
    public String origin(SocketOption option) {
        if (lab.containsKey(option)) {
            return labOrigin;
        }
        return set.containsKey(option) ? SET_ORIGIN : DEFAULT_ORIGIN;
    }

    /** Every option with its value and origin, in the order of {@link SocketOption}. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (SocketOption option : SocketOption.values()) {
            long value = effective.value(option);
            rows.add(new Row(option.qualifiedName(), option.format(value), origin(option), option.description()));
        }
        return List.copyOf(rows);
    }

    /**
     * One line of {@code set}.
     *
     * @param name   {@code tcp.sack}
     * @param value  as it would be typed: {@code off}, {@code 200ms}, {@code 64K}
     * @param origin {@code default}, {@code set} or {@code lab}
     */
    public record Row(String name, String value, String origin, String description) {
    }
}

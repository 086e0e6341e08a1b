package dev.jnetlab.labs.check;

import dev.jnetlab.stack.phy.FrameFilter;

/**
 * The trace as {@code trace on}, {@code trace off} and {@code trace hex} leave it: what a lab
 * puts back at its end, at {@code lab stop} and at {@code lab retry}, like the faults (a
 * {@code trace hex on} from arp-ping's step 3 would otherwise dump every frame of the next lab).
 *
 * @param filter     the filter in use; null when the trace is off
 * @param filterText the filter as {@code trace} prints it, empty for every frame (or off)
 * @param hex        whether frames are followed by their octets
 * @param verbose    {@code trace on -v}
 * @param linkLevel  {@code trace on -e}
 */
public record TraceSettings(FrameFilter filter, String filterText, boolean hex, boolean verbose, boolean linkLevel) {
    /** No trace at all: what a world without one reports. */
    public static final TraceSettings OFF = new TraceSettings(null, "", false, false, false);

    public boolean on() {
        return filter != null;
    }

    /** Whether the two print the same frames the same way (two parses of one filter are two objects). */
    public boolean sameAs(TraceSettings other) {
        return on() == other.on() && filterText.equals(other.filterText) && hex == other.hex
                && verbose == other.verbose && linkLevel == other.linkLevel;
    }

    /** In the trace command's words: {@code trace on arp or icmp, hex off}. */
    public String describe() {
        return (on() ? "trace on" + (verbose ? " -v" : "") + (linkLevel ? " -e" : "")
                + (filterText.isEmpty() ? "" : " " + filterText) : "trace off") + ", hex " + (hex ? "on" : "off");
    }
}

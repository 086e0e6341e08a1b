package dev.jnetlab.host;

import dev.jnetlab.stack.phy.Direction;
import dev.jnetlab.stack.phy.FaultEvent;
import dev.jnetlab.stack.phy.FrameFormatter;
import dev.jnetlab.stack.phy.TraceSink;
import dev.jnetlab.stack.wire.HexDump;
import dev.jnetlab.stack.wire.OneLinePrinter;

/**
 * How the console shows what the {@link dev.jnetlab.stack.phy.Tracer} sees: one line per frame
 * or fault, written to the {@link Output}, each starting with the stack time since the start,
 * as {@code tcpdump -ttttt} prints it (hours:minutes:seconds.microseconds), then {@code rx:} or
 * {@code tx:} and the frame as tcpdump prints it:
 *
 * <pre>
 * 00:00:01.000250 rx: IP 192.168.69.100 &gt; 192.168.69.1: ICMP echo reply, id 7746, seq 2, length 64
 * 00:00:03.000000 tx: dropped (drop-chance)
 * </pre>
 *
 * With {@code trace on -v} the IPv4 header's fields come first, as {@code tcpdump -v} prints them
 * (the addresses then on a second line, indented), with {@code trace on -e} the MAC addresses
 * and EtherType, as {@code tcpdump -e} prints them. With {@code trace hex on} a frame's line is followed by its octets as {@code tcpdump -XX}
 * prints them. Elapsed time rather than the time of day keeps a trace on the virtual clock
 * reproducible, and is what a person reading a lab wants to compare.
 *
 * <p>Used on the stack's thread only, by the tracer.
 */
public final class TraceOutput implements TraceSink, FrameFormatter {
    private final Output output;
    private final OneLinePrinter printer = new OneLinePrinter();
    private final StringBuilder text = new StringBuilder(256);
    private boolean hex;
    private boolean verbose;
    private boolean linkLevel;
    private String filter = "";
    /** What stands for {@code tx} and {@code rx} on a line: a link's trace names the way a frame went. */
    private final String sent;
    private final String received;

    public TraceOutput(Output output) {
        this(output, "tx", "rx");
    }

    private TraceOutput(Output output, String sent, String received) {
        this.output = output;
        this.sent = sent;
        this.received = received;
    }

    /**
     * The output of a topology link's trace ({@code trace on link r1-h2}), traced at end
     * {@code a}: its lines say which way each frame crossed, {@code r1-h2 r1 > h2:}.
     */
    public static TraceOutput ofLink(Output output, String link, String a, String b) {
        return new TraceOutput(output, link + " " + a + " > " + b, link + " " + b + " > " + a);
    }

    /** Whether frames are followed by a hex dump ({@code trace hex on|off}). */
    public boolean hex() {
        return hex;
    }

    public void setHex(boolean on) {
        hex = on;
    }

    /** Whether lines carry the IPv4 header's fields, as tcpdump -v prints them ({@code trace on -v}). */
    public boolean verbose() {
        return verbose;
    }

    /** Whether lines start with the MAC addresses and the EtherType, as tcpdump -e prints them ({@code trace on -e}). */
    public boolean linkLevel() {
        return linkLevel;
    }

    /** Sets the levels of detail of {@code trace on [-v] [-e]}. */
    public void setLevels(boolean verboseOn, boolean linkLevelOn) {
        verbose = verboseOn;
        linkLevel = linkLevelOn;
        printer.setVerbose(verboseOn).setLinkLevel(linkLevelOn);
    }

    /** The text of the filter in use ({@code trace on FILTER}), empty for every frame: for the person to see. */
    public String filter() {
        return filter;
    }

    public void setFilter(String text) {
        filter = text;
    }

    @Override
    public void appendTo(StringBuilder out, byte[] frame, int offset, int length) {
        printer.appendTo(out, frame, offset, length);
        if (hex) {
            HexDump.appendTo(out.append('\n'), frame, offset, length);
            out.setLength(out.length() - 1); // the dump's last line break: Output adds its own
        }
    }

    @Override
    public void frame(long now, Direction direction, byte[] frame, int offset, int length, CharSequence line) {
        text.setLength(0);
        appendElapsed(text, now).append(' ').append(direction == Direction.TX ? sent : received)
                .append(line, direction.label().length(), line.length());
        output.println(text.toString());
    }

    @Override
    public void fault(FaultEvent event, CharSequence line) {
        print(event.at(), line);
    }

    private void print(long now, CharSequence line) {
        text.setLength(0);
        appendElapsed(text, now).append(' ').append(line);
        output.println(text.toString());
    }

    /** {@code micros} as {@code HH:MM:SS.uuuuuu}; hours grow past 99 if they must. */
    static StringBuilder appendElapsed(StringBuilder out, long micros) {
        long t = Math.max(0, micros);
        long seconds = t / 1_000_000;
        two(out, seconds / 3600).append(':');
        two(out, seconds / 60 % 60).append(':');
        two(out, seconds % 60).append('.');
        String fraction = Long.toString(t % 1_000_000 + 1_000_000);
        return out.append(fraction, 1, 7);
    }

    private static StringBuilder two(StringBuilder out, long value) {
        return (value < 10 ? out.append('0') : out).append(value);
    }
}

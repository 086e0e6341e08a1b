package dev.jnetlab.stack.phy;

/**
 * Where a {@link Tracer} sends what it shows: the console prints the lines above its prompt,
 * a lab checks them, a test records them. Everything passed is lent for the call: the frame,
 * the line (the tracer's reused buffer) and the event; copy what must be kept.
 */
public interface TraceSink {
    /**
     * A frame the stack received or sent.
     *
     * @param now       the stack instant
     * @param direction {@link Direction#RX} for a frame the stack received
     * @param line      {@code "rx: "} or {@code "tx: "} and the formatter's text
     */
    void frame(long now, Direction direction, byte[] frame, int offset, int length, CharSequence line);

    /**
     * A fault the injector put on the link.
     *
     * @param line the event's own line, {@code "rx: dropped (drop-chance)"}
     */
    void fault(FaultEvent event, CharSequence line);
}

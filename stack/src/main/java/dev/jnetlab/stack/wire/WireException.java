package dev.jnetlab.stack.wire;

import java.util.Objects;

/**
 * A packet the wire layer refused: a {@link WireError} reason, for counting, and a message
 * that says exactly what is wrong, for people ("IPv4: total length 1500 &gt; 1000 octets
 * available").
 *
 * <p>Checked, because bad input from the network is an expected outcome of parsing, not a
 * bug: the compiler makes every caller of a {@code parse} decide what happens to the frame
 * (ARCHITECTURE.md §6). It carries no stack trace: it describes the input, and the place in the parser
 * that noticed is already in the message. The per-frame path does not throw it at all; it asks
 * a view's {@code check()} for the reason instead, which never allocates.
 */
public final class WireException extends Exception {
    private final WireError reason;

    public WireException(WireError reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public WireError reason() {
        return reason;
    }
}

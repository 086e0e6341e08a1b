package dev.jnetlab.stack.wire;

import java.util.Objects;

/**
 * An application message (DHCP, DNS) the wire layer refused: a {@link MessageError} to count it
 * by, and a message that says exactly what is wrong ("DNS: compression pointer at 12 points to
 * 12, not before it"). Like {@link WireException}, checked and without a stack trace.
 */
public final class MessageException extends Exception {
    private final MessageError reason;

    public MessageException(MessageError reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public MessageError reason() {
        return reason;
    }
}

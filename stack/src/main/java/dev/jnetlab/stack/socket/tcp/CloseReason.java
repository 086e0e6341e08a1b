package dev.jnetlab.stack.socket.tcp;

/** Why a connection is (or is not yet) closed, as {@code tcp show} and a failing recv report it. */
public enum CloseReason {
    /** The connection is not closed, or never opened. */
    NONE("none"),
    /** Both ends closed with FINs. */
    CLOSED("closed"),
    /** The peer refused the connection: an RST in answer to our SYN. */
    REFUSED("connection refused"),
    /**
     * An ICMP hard error (port or protocol unreachable, administratively prohibited) answered
     * the connection while it was opening (RFC 1122 §4.2.3.9, RFC 5461 §4.1).
     */
    UNREACHABLE("destination unreachable"),
    /** The peer reset an open connection. */
    RESET("connection reset by peer"),
    /** This end aborted it ({@link TcpSocket#abort()}). */
    ABORTED("aborted"),
    /** Retransmissions (or keep-alive probes) went unanswered too many times. */
    TIMED_OUT("connection timed out"),
    /** Data stayed unacknowledged for longer than the user timeout (RFC 5482). */
    USER_TIMEOUT("user timeout");

    private final String label;

    CloseReason(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}

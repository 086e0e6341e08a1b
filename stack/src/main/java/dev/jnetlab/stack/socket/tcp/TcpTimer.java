package dev.jnetlab.stack.socket.tcp;

/**
 * The timers of one TCP connection. Each is a deadline, a {@code long} instant in stack
 * microseconds, or {@link dev.jnetlab.stack.time.Micros#NEVER} when it is not armed.
 */
public enum TcpTimer {
    /** Retransmission of the oldest unacknowledged SYN, data or FIN (RFC 6298). */
    RETRANSMISSION("retransmission"),
    /** An acknowledgment held back to be combined with the next (RFC 9293 §3.8.6.3, RFC 5681 §4.2). */
    DELAYED_ACK("delayed-ack"),
    /** The persist timer: a zero-window probe is due (RFC 9293 §3.8.6.1). */
    PERSIST("persist"),
    /** A keep-alive probe is due on an idle connection (RFC 9293 §3.8.4). */
    KEEP_ALIVE("keep-alive"),
    /** TIME-WAIT ends and the connection closes (RFC 9293 §3.6). */
    TIME_WAIT("time-wait"),
    /** RACK's reordering window ends for a segment not yet delivered (RFC 8985 §6.3). */
    RACK_REORDER("rack-reorder"),
    /** A tail loss probe is due (RFC 8985 §7.2, PTO). */
    LOSS_PROBE("loss-probe"),
    /** Data has been unacknowledged for the user timeout: the connection is aborted (RFC 5482). */
    USER_TIMEOUT("user-timeout");

    /** How many timers there are: the size of a per-socket deadline table. */
    public static final int COUNT = values().length;

    private final String label;

    TcpTimer(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}

package dev.jnetlab.stack.socket.tcp;

/**
 * The states of a TCP connection (RFC 9293 §3.3.2), named and printed as the RFC names them.
 */
public enum TcpState {
    /** No connection: the socket is new, was closed, reset or aborted. */
    CLOSED("CLOSED"),
    /** Waiting for a connection request from any remote TCP endpoint (passive OPEN). */
    LISTEN("LISTEN"),
    /** A SYN was sent (active OPEN); waiting for a matching SYN. */
    SYN_SENT("SYN-SENT"),
    /** A SYN was received and one sent; waiting for the acknowledgment of ours. */
    SYN_RECEIVED("SYN-RECEIVED"),
    /** The connection is open; data flows both ways. */
    ESTABLISHED("ESTABLISHED"),
    /** This end closed (FIN sent); waiting for its acknowledgment or the peer's FIN. */
    FIN_WAIT_1("FIN-WAIT-1"),
    /** This end's FIN is acknowledged; waiting for the peer's FIN. The peer may still send. */
    FIN_WAIT_2("FIN-WAIT-2"),
    /** The peer closed (FIN received); waiting for this end's user to close. This end may still send. */
    CLOSE_WAIT("CLOSE-WAIT"),
    /** Both ends closed at once; waiting for the acknowledgment of this end's FIN. */
    CLOSING("CLOSING"),
    /** The peer closed first, then this end; waiting for the acknowledgment of this end's FIN. */
    LAST_ACK("LAST-ACK"),
    /** Both FINs are acknowledged; waiting so that late segments of this connection die out. */
    TIME_WAIT("TIME-WAIT");

    private final String label;

    TcpState(String label) {
        this.label = label;
    }

    /**
     * Whether the state is synchronized (RFC 9293 §3.5.2): both sequence numbers are known.
     * ESTABLISHED and everything after it.
     */
    public boolean isSynchronized() {
        return compareTo(ESTABLISHED) >= 0;
    }

    /** The RFC's spelling: {@code SYN-RECEIVED}. */
    @Override
    public String toString() {
        return label;
    }
}

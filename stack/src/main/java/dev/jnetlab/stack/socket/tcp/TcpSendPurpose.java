package dev.jnetlab.stack.socket.tcp;

/**
 * Why a connection sends the segment it is sending: what {@link TcpSocket#sending()} tells
 * whoever watches the frame cross the device chain (the plots' samples), so that a loss probe
 * or a retransmission made by SACK/RACK recovery can be drawn as such.
 */
public enum TcpSendPurpose {
    /** Nothing is being sent. */
    NONE,
    RESET,
    SYN,
    /** New data, or data again after a retransmission timeout (go-back-N, RFC 6298 §5.4). */
    DATA,
    /** The fast retransmit of RFC 5681 §3.2 / RFC 6582. */
    FAST_RETRANSMIT,
    /** A retransmission chosen from the SACK scoreboard or by RACK (RFC 6675, RFC 8985 §6.2). */
    SACK_RETRANSMIT,
    /** A zero-window probe (RFC 9293 §3.8.6.1). */
    WINDOW_PROBE,
    ACK,
    KEEP_ALIVE,
    /** A tail loss probe (RFC 8985 §7.3). */
    LOSS_PROBE,
    /** RFC 6675 §4's rescue retransmission. */
    RESCUE
}

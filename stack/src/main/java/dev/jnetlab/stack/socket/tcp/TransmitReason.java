package dev.jnetlab.stack.socket.tcp;

/**
 * Why a connection sent a segment: the rule that chose it, for tools that see only frames (the
 * console's ladder, the plots' samples). A frame cannot tell a tail loss probe from a
 * retransmission after a timeout, nor RACK's repair from the SACK scoreboard's; the socket that
 * chose it can (see {@link TcpSocket#transmitReason}).
 */
public enum TransmitReason {
    /** Not the segment this socket described last: a reply of {@code process}, or one already replaced. */
    NONE,
    RESET,
    SYN,
    /** New data, or data again after a retransmission timeout (go-back-N, RFC 6298 §5.4). */
    DATA,
    ACK,
    /** A zero-window probe (RFC 9293 §3.8.6.1). */
    WINDOW_PROBE,
    KEEP_ALIVE,
    /** The first retransmission of a fast retransmit, or NewReno's after a partial ACK (RFC 5681 §3.2, RFC 6582). */
    FAST_RETRANSMIT,
    /** A hole the SACK scoreboard counts as lost (RFC 6675 §4 NextSeg rule 1). */
    SACK_LOSS,
    /** A segment RACK found lost by time (RFC 8985 §6.2). */
    RACK_LOSS,
    /** A tail loss probe: new data or the last segment again (RFC 8985 §7.3). */
    LOSS_PROBE,
    /** RFC 6675's rescue retransmission (§4 NextSeg rule 4). */
    RESCUE;

    /** Whether a loss-recovery rule (RFC 5681, 6675, 8985) chose the segment, rather than the ordinary flow. */
    public boolean recovers() {
        return compareTo(FAST_RETRANSMIT) >= 0;
    }
}

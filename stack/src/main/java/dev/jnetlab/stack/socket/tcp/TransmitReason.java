package dev.jnetlab.stack.socket.tcp;

/**
 * Why a connection sent a segment: the rule that chose it, for tools that draw the wire (the
 * console's ladder) and see only frames. A frame cannot tell a tail loss probe from a
 * retransmission after a timeout; the socket that chose it can (see
 * {@link TcpSocket#transmitReason}).
 */
public enum TransmitReason {
    /** No loss-recovery rule: new data, a SYN, an ACK, a window probe, or data sent again after a timeout. */
    ORDINARY,
    /** The first retransmission of a fast retransmit, or NewReno's after a partial ACK (RFC 5681 §3.2, RFC 6582). */
    FAST_RETRANSMIT,
    /** A hole the SACK scoreboard counts as lost (RFC 6675 §4 NextSeg rule 1). */
    SACK_LOSS,
    /** A segment RACK found lost by time (RFC 8985 §6.2). */
    RACK_LOSS,
    /** A tail loss probe: new data or the last segment again (RFC 8985 §7.3). */
    LOSS_PROBE,
    /** RFC 6675's rescue retransmission (§4 NextSeg rule 4). */
    RESCUE
}

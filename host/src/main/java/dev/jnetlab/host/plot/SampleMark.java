package dev.jnetlab.host.plot;

/**
 * What a sample of a sent segment is besides new data, drawn in its own mark on the
 * time-sequence graph (as tcptrace draws retransmissions in their own colour).
 */
public enum SampleMark {
    NONE,
    /** Sequence space sent before: after a retransmission timeout (RFC 6298 §5.4), or any resend. */
    RETRANSMISSION,
    /** The fast retransmit of RFC 5681 §3.2. */
    FAST_RETRANSMIT,
    /** Chosen by SACK recovery or RACK (RFC 6675 §4, RFC 8985 §6.2). */
    RACK,
    /** A tail loss probe (RFC 8985 §7.3). */
    TLP
}

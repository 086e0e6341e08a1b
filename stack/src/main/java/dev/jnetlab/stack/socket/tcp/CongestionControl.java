package dev.jnetlab.stack.socket.tcp;

/**
 * How much unacknowledged data a connection may have in flight (RFC 5681 §3, RFC 9438).
 *
 * <p>The split of work: the socket detects loss (duplicate ACKs, the SACK scoreboard of RFC
 * 6675, the retransmission timer) and runs recovery (RFC 6582 NewReno: the recovery point,
 * partial ACKs, window inflation while recovering); the controller owns the congestion
 * window and the slow-start threshold and decides how they grow and shrink. One instance
 * belongs to one connection; all octet counts are {@code int} (a window of at most
 * 2^30 octets, RFC 7323 §2.3), times are stack microseconds.
 */
public interface CongestionControl {

    /** Which algorithm this is, for {@code tcp show} and the labs. */
    Algorithm algorithm();

    /** The congestion window, cwnd, in octets. */
    int window();

    /** The slow-start threshold, ssthresh, in octets. */
    int slowStartThreshold();

    /**
     * The connection is established with sender maximum segment size {@code smss}: set the
     * initial window (RFC 5681 §3.1, eqn 1) and an arbitrarily high ssthresh.
     */
    void start(long now, int smss);

    /**
     * New data was acknowledged outside recovery: {@code ackedOctets} newly covered by the
     * cumulative ACK, with {@code flightSize} octets still outstanding before it. Grows the
     * window (slow start, congestion avoidance, or the cubic function).
     */
    void onAck(long now, int ackedOctets, int flightSize);

    /** A round-trip-time sample from an acknowledged segment (Karn's rule already applied by the socket). */
    void onRttSample(long now, long rttMicros);

    /**
     * Loss detected by duplicate ACKs or SACK: reduce ssthresh (RFC 5681 eqn 4, or CUBIC's
     * beta) and set cwnd for recovery. The socket then retransmits and manages inflation.
     */
    void onFastRetransmit(long now, int flightSize);

    /** Recovery has ended with a full acknowledgment (RFC 6582 §3.2 step 3): deflate the window. */
    void onRecoveryEnd(long now);

    /** The retransmission timer expired: ssthresh from the flight size, cwnd to the loss window (RFC 5681 §3.1). */
    void onRetransmitTimeout(long now, int flightSize);

    /** The connection sent nothing for more than an RTO: restart from the restart window (RFC 5681 §4.1). */
    void onIdleRestart(long now);

    /** The algorithms a socket can be given; names as {@code tcp show} prints them. */
    enum Algorithm {
        /** No congestion control: the window is unlimited (smoltcp's default). */
        NONE("none"),
        /** RFC 5681 Reno. */
        RENO("reno"),
        /** RFC 9438 CUBIC. */
        CUBIC("cubic");

        private final String label;

        Algorithm(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }
}

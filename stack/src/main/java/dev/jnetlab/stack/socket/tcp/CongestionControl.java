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
 *
 * <h2>Who does what</h2>
 *
 * <p>The same contract holds for every {@link Algorithm}, so the socket never asks which one
 * it has. "Flight size" is always {@code SND.NXT - SND.UNA} as the socket sees it when it
 * calls (RFC 5681 §2); "SMSS" is the value given to {@link #start}.
 *
 * <ul>
 *   <li><b>An ACK that advances SND.UNA outside recovery:</b> the socket calls
 *       {@link #onAck} with the octets it newly acknowledged and the flight size before
 *       it, then sends what {@code min(window(), SND.WND)} allows. Controllers may use the
 *       flight size to tell a connection that fills its window from one that does not
 *       (CUBIC does not grow an application-limited window, RFC 9438 §5.8), so pass the
 *       real value.
 *   <li><b>The third duplicate ACK</b> (when RFC 6582 §3.2 step 2 allows a fast
 *       retransmit): the socket records {@code recover = SND.NXT}, calls
 *       {@link #onFastRetransmit}, retransmits the first unacknowledged segment, and sets
 *       its own signed <i>inflation</i> counter to zero. On return, {@link #window()}
 *       already holds {@code ssthresh + 3*SMSS}: the three segments that the duplicate ACKs
 *       report as having left the network are counted by the controller, not the socket.
 *   <li><b>Each further duplicate ACK during recovery:</b> the socket adds SMSS to its
 *       inflation (RFC 5681 §3.2 step 4). The controller is not
 *       called.
 *   <li><b>A partial ACK</b> (advances SND.UNA but not to {@code recover}): the socket
 *       retransmits the first unacknowledged segment, subtracts the newly acknowledged
 *       octets from its inflation and, if they were at least SMSS, adds SMSS back; on the
 *       first partial ACK it also restarts the retransmission timer (RFC 6582 §3.2 step 3).
 *       The controller is not called: {@link #onAck} is never called during recovery.
 *   <li><b>While recovering</b> the usable congestion window is
 *       {@code max(0, window() + inflation)}, summed as {@code long}s: the window of
 *       {@link Algorithm#NONE} is {@link Integer#MAX_VALUE}.
 *   <li><b>The full ACK</b> (covers {@code recover}): the socket calls
 *       {@link #onRecoveryEnd}, which sets cwnd to ssthresh, and sets its inflation back
 *       to zero. This ACK is not also passed to {@link #onAck}.
 *   <li><b>SACK-based recovery</b> (RFC 6675): the socket compares {@code pipe} against
 *       {@link #slowStartThreshold()}, which is what RFC 6675 §5 step 4.2 sets cwnd to on
 *       entering recovery, instead of inflating; it still calls {@link #onFastRetransmit}
 *       on entry and {@link #onRecoveryEnd} on exit.
 *   <li><b>The retransmission timer expires</b> (during recovery or not): the socket
 *       leaves recovery, sets its inflation to zero and calls {@link #onRetransmitTimeout}
 *       once per expiry, including each backed-off expiry for the same segment; the
 *       controllers notice the repetition and keep ssthresh (RFC 5681 §3.1).
 *   <li><b>Sending after an idle period longer than the RTO</b>: the socket calls
 *       {@link #onIdleRestart} before it sends (RFC 5681 §4.1).
 * </ul>
 *
 * <p>Implementations allocate nothing after construction: {@link #onAck} runs once per ACK.
 */
public interface CongestionControl {

    /** Which algorithm this is, for {@code tcp show} and the labs. */
    Algorithm algorithm();

    /** The congestion window, cwnd, in octets. */
    int window();

    /** The slow-start threshold, ssthresh, in octets. */
    int slowStartThreshold();

    /**
     * The connection is established with sender maximum segment size {@code smss}: cwnd
     * becomes {@code initialWindow} octets (RFC 5681 §3.1 eqn 1, or RFC 6928's ten segments
     * when the socket is told so), ssthresh arbitrarily high. The window restarted after
     * idleness is never more than {@code initialWindow} (RFC 5681 §4.1).
     */
    void start(long now, int smss, int initialWindow);

    /** {@link #start(long, int, int)} with RFC 5681's initial window for {@code smss}. */
    default void start(long now, int smss) {
        start(now, smss, CongestionControls.initialWindow(smss));
    }

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

    /**
     * The last reduction ({@link #onFastRetransmit}, or the first {@link #onRetransmitTimeout}
     * of a run of them) was spurious: an original segment, not its retransmission, reached the
     * peer (Eifel, RFC 3522; D-SACK, RFC 3708; F-RTO, RFC 5682). Put back the window and the
     * threshold from before it (RFC 9438 §4.9: {@code cwnd = max(cwnd, cwnd_prior)},
     * {@code ssthresh = ssthresh_prior}) and leave recovery; the socket ends its own.
     */
    void onSpuriousCongestionEvent(long now);

    /** HyStart++'s phase in the first slow start (RFC 9406), for {@code tcp show}; made when asked. */
    default HyStartState hyStart() {
        return HyStartState.OFF;
    }

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

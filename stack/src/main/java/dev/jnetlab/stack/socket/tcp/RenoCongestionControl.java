package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.CongestionControls.MAX_WINDOW;
import static dev.jnetlab.stack.socket.tcp.CongestionControls.UNLIMITED;
import static dev.jnetlab.stack.socket.tcp.CongestionControls.grow;

/**
 * Reno congestion control as RFC 5681 specifies it, with appropriate byte counting (RFC 3465)
 * and the window changes that NewReno recovery (RFC 6582) asks of the congestion controller.
 *
 * <ul>
 *   <li><b>Start:</b> cwnd = IW = {@code min(4*SMSS, max(2*SMSS, 4380))} (RFC 5681 eqn 1) unless the socket gives another,
 *       ssthresh = {@link CongestionControls#UNLIMITED}.
 *   <li><b>Slow start</b> (cwnd &lt; ssthresh): each ACK adds the octets it acknowledges
 *       (RFC 3465 §2.2 with L counted in the segments the ACK covers, as Linux counts them:
 *       a peer that acknowledges whole TSO super-frames, dozens of segments an ACK, would
 *       hold a fixed L = 2*SMSS to a crawl), or at most L = 1*SMSS in the slow start that
 *       follows a retransmission timeout (RFC 3465 §2.3: the ACKs there cover
 *       retransmissions, not a measure of the path). Slow start stops at ssthresh rather than
 *       overshooting it.
 *   <li><b>Congestion avoidance</b> (cwnd &ge; ssthresh): byte counting (RFC 3465 §2.1,
 *       RFC 5681 §3.1): acknowledged octets accumulate, and each time they reach cwnd, cwnd
 *       grows by one SMSS and cwnd is taken off the count. That is exactly one SMSS per
 *       window's worth of ACKs, whether the receiver acknowledges every segment or every
 *       second one, where the per-ACK {@code SMSS*SMSS/cwnd} would lose half the growth to
 *       delayed ACKs.
 *   <li><b>Fast retransmit:</b> ssthresh = {@code max(FlightSize/2, 2*SMSS)} (eqn 4),
 *       cwnd = ssthresh + 3*SMSS (RFC 5681 §3.2 step 3). Further inflation is the socket's
 *       (see {@link CongestionControl}).
 *   <li><b>Recovery end:</b> cwnd = ssthresh, the second option of RFC 6582 §3.2 step 3. The
 *       first, {@code min(ssthresh, max(FlightSize, SMSS) + SMSS)}, needs the flight size at
 *       the full ACK, which {@link #onRecoveryEnd} is not given; RFC 6582 asks a sender that
 *       takes the second option to guard against a burst, which is the socket's to do (it
 *       knows how much it sends per ACK).
 *   <li><b>Retransmission timeout:</b> ssthresh = {@code max(FlightSize/2, 2*SMSS)}, cwnd =
 *       LW = 1*SMSS. When the timer expires again before any new data is acknowledged, the
 *       same segment is being retransmitted again, and ssthresh is held (RFC 5681 §3.1).
 *   <li><b>Idle restart:</b> cwnd = RW = {@code min(IW, cwnd)} (RFC 5681 §4.1).
 * </ul>
 *
 * <p>An {@link #onAck} during recovery, which the contract rules out, is ignored: growth
 * resumes after {@link #onRecoveryEnd}. Reno grows the window whether or not the sender fills it (RFC 5681 says nothing else;
 * congestion window validation, RFC 7661, is not implemented). Round-trip samples are not
 * needed. All state is in {@code int}s and {@code boolean}s; nothing allocates.
 */
public final class RenoCongestionControl implements CongestionControl {

    private int smss = CongestionControls.DEFAULT_SMSS;
    private int cwnd = CongestionControls.initialWindow(CongestionControls.DEFAULT_SMSS);
    /** IW, given by {@link #start}: the first window, and the most the restart window is. */
    private int initialWindow = cwnd;
    private int ssthresh = UNLIMITED;
    /** Octets acknowledged in congestion avoidance and not yet turned into growth (RFC 3465 §2.1). */
    private int bytesAcked;
    /** In fast recovery, between {@link #onFastRetransmit} and {@link #onRecoveryEnd}. */
    private boolean recovering;
    /** In the slow start that follows a timeout: L = 1*SMSS. */
    private boolean slowStartAfterTimeout;
    /** The retransmission timer expired and nothing has been acknowledged since. */
    private boolean timedOutWithoutProgress;
    /** cwnd and ssthresh before the last reduction, for {@link #onSpuriousCongestionEvent}. */
    private int priorCwnd;
    private int priorSsthresh = UNLIMITED;

    @Override
    public Algorithm algorithm() {
        return Algorithm.RENO;
    }

    @Override
    public int window() {
        return cwnd;
    }

    @Override
    public int slowStartThreshold() {
        return ssthresh;
    }

    /** The SMSS given to {@link #start}, after sanitizing. */
    public int smss() {
        return smss;
    }

    @Override
    public void start(long now, int smss, int initialWindow) {
        this.smss = CongestionControls.sanitizeSmss(smss);
        this.initialWindow = Math.max(1, initialWindow);
        cwnd = this.initialWindow;
        ssthresh = UNLIMITED;
        bytesAcked = 0;
        recovering = false;
        slowStartAfterTimeout = false;
        timedOutWithoutProgress = false;
        priorCwnd = cwnd;
        priorSsthresh = UNLIMITED;
    }

    @Override
    public void onAck(long now, int ackedOctets, int flightSize) {
        if (ackedOctets <= 0 || recovering) {
            return;
        }
        timedOutWithoutProgress = false;
        if (cwnd < ssthresh) {
            int increase = slowStartAfterTimeout ? Math.min(ackedOctets, smss) : ackedOctets;
            cwnd = (int) Math.min((long) cwnd + increase, Math.min(ssthresh, MAX_WINDOW));
            return;
        }
        slowStartAfterTimeout = false;
        // Counting stops at cwnd: one ACK grows the window by one SMSS at most.
        bytesAcked = (int) Math.min((long) bytesAcked + ackedOctets, cwnd);
        if (bytesAcked >= cwnd) {
            bytesAcked -= cwnd;
            cwnd = grow(cwnd, smss);
        }
    }

    @Override
    public void onRttSample(long now, long rttMicros) {
    }

    @Override
    public void onFastRetransmit(long now, int flightSize) {
        priorCwnd = cwnd;
        priorSsthresh = ssthresh;
        ssthresh = halfFlight(flightSize);
        cwnd = grow(ssthresh, 3L * smss);
        bytesAcked = 0;
        recovering = true;
        slowStartAfterTimeout = false;
        timedOutWithoutProgress = false;
    }

    @Override
    public void onRecoveryEnd(long now) {
        if (!recovering) {
            return;
        }
        cwnd = ssthresh;
        bytesAcked = 0;
        recovering = false;
    }

    @Override
    public void onRetransmitTimeout(long now, int flightSize) {
        if (!timedOutWithoutProgress) {
            priorCwnd = cwnd;
            priorSsthresh = ssthresh;
            ssthresh = halfFlight(flightSize);
        }
        cwnd = smss;
        bytesAcked = 0;
        recovering = false;
        slowStartAfterTimeout = true;
        timedOutWithoutProgress = true;
    }

    @Override
    public void onIdleRestart(long now) {
        cwnd = Math.min(cwnd, initialWindow);
        bytesAcked = 0;
    }

    @Override
    public void onSpuriousCongestionEvent(long now) {
        cwnd = Math.max(cwnd, priorCwnd);
        ssthresh = Math.max(ssthresh, priorSsthresh);
        bytesAcked = 0;
        recovering = false;
        slowStartAfterTimeout = false;
        timedOutWithoutProgress = false;
    }

    /** RFC 5681 equation 4. */
    private int halfFlight(int flightSize) {
        return Math.max(Math.max(flightSize, 0) / 2, 2 * smss);
    }

    @Override
    public String toString() {
        return "reno cwnd " + cwnd + " ssthresh " + (ssthresh == UNLIMITED ? "unlimited" : Integer.toString(ssthresh));
    }
}

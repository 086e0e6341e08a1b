package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.CongestionControls.MAX_WINDOW;
import static dev.jnetlab.stack.socket.tcp.CongestionControls.UNLIMITED;

import dev.jnetlab.stack.time.Micros;

/**
 * CUBIC congestion control, RFC 9438.
 *
 * <p>After a congestion event the window follows, in time rather than in round trips,
 * <pre>
 *   W_cubic(t) = C * (t - K)^3 + W_max        (RFC 9438 eqn 1)
 *   K          = cbrt((W_max - cwnd_epoch) / C)   (eqn 2)
 * </pre>
 * with C = 0.4 segments/s^3, windows in segments of SMSS octets and t in seconds since the
 * current congestion-avoidance epoch began. After a loss cwnd_epoch = beta * W_max with
 * beta = 0.7, so K = cbrt(W_max * 0.3 / 0.4): for W_max = 100 segments K = 4.2172 s. The
 * curve rises quickly from cwnd_epoch, flattens as it reaches W_max at t = K (the concave
 * region: probe carefully around the last known saturation point), then accelerates beyond
 * it (the convex region: look for new capacity). Internally every window is kept in octets
 * ({@code double}), as RFC 9438 §4.1 allows; only the cubic term is scaled by SMSS.
 *
 * <h2>Per ACK in congestion avoidance (§4.2 to §4.5)</h2>
 * <ul>
 *   <li>W_est, the window Reno would have, grows by
 *       {@code alpha * segments_acked / cwnd} (eqn 4) with alpha = 3(1-beta)/(1+beta) =
 *       0.529, and alpha = 1 once W_est reaches cwnd_prior, the window before the last
 *       reduction.
 *   <li>If W_cubic(t) &lt; W_est the connection is in the Reno-friendly region (short RTTs,
 *       small windows) and cwnd becomes W_est. Should W_est be below a cwnd already reached,
 *       cwnd stays: it never shrinks between congestion events.
 *   <li>Otherwise cwnd grows by {@code (target - cwnd) / cwnd} per acknowledged segment
 *       toward {@code target = W_cubic(t + RTT)} bounded to [cwnd, 1.5 * cwnd], RTT being
 *       the smoothed round-trip time that RFC 9438 §4.1.2 asks for, computed here from
 *       {@link #onRttSample} as RFC 6298 does (gain 1/8). The minimum sample is kept too,
 *       for inspection.
 * </ul>
 *
 * <p>The epoch begins with the first ACK in congestion avoidance after an event, so t does
 * not include the recovery itself. If the epoch begins with cwnd at or above W_max (there
 * has been no loss, or the loss set W_max lower), K = 0 and W_max = cwnd_epoch, the rule RFC
 * 9438 gives for the first epoch after a timeout (§4.8) and after a loss-free slow start
 * (§4.10).
 *
 * <h2>Application-limited periods (§5.8)</h2>
 * An ACK is counted as window-limited when the flight size before it was within one SMSS of
 * cwnd; otherwise the sender had nothing to send (or the peer's window stopped it). Such an
 * ACK grows nothing, and the time since the previous ACK is taken out of t by moving the
 * epoch start forward, so that W_cubic(t) does not leap after a quiet period. The same is
 * done for the idle time before {@link #onIdleRestart} when the restart does not shrink the
 * window; when it does, the epoch ends and a new one starts from the restart window.
 *
 * <h2>Congestion events</h2>
 * <ul>
 *   <li><b>Loss (§4.6, §4.7):</b> cwnd_prior = cwnd; with fast convergence, a loss below
 *       the previous W_max sets W_max = cwnd * (1 + beta) / 2, otherwise W_max = cwnd;
 *       ssthresh = max(FlightSize * beta, 2*SMSS). RFC 9438 then sets cwnd = ssthresh; this
 *       class adds the 3*SMSS that the socket contract of {@link CongestionControl} puts on
 *       the controller's side for the three duplicate ACKs, so cwnd = ssthresh + 3*SMSS
 *       during recovery and ssthresh after it, as with Reno.
 *   <li><b>Timeout (§4.8):</b> ssthresh as for a loss (held on a repeated timeout, RFC 5681
 *       §3.1), cwnd = 1 SMSS, slow start with L = 1*SMSS, then an epoch with K = 0.
 *   <li><b>Slow start (§4.10):</b> RFC 5681's with byte counting below ssthresh, L counted
 *       in the segments each ACK covers (see {@link RenoCongestionControl}). The first slow start
 *       is HyStart++'s ({@link HyStartPlusPlus}, RFC 9406, on by default as in Linux): L = 8
 *       segments an ACK, a quarter of the growth once the round's minimum RTT rises (CSS),
 *       and congestion avoidance with ssthresh = cwnd after five rounds of it.
 * </ul>
 *
 * <p>An {@link #onAck} during recovery, which the contract rules out, is ignored.
 *
 * <p>Spurious congestion events are undone (§4.9) when the socket finds one
 * ({@link #onSpuriousCongestionEvent}). Not implemented: ECN. Fast
 * convergence is on by default, as RFC 9438 §4.7 asks; it should be off for a lone flow.
 * Primitive fields only; nothing allocates after construction.
 */
public final class CubicCongestionControl implements CongestionControl {

    /** C, segments per second cubed. */
    static final double C = 0.4;
    /** beta_cubic, the multiplicative decrease factor. */
    static final double BETA = 0.7;
    /** alpha_cubic = 3 * (1 - beta) / (1 + beta), the Reno-friendly additive increase. */
    static final double ALPHA = 3 * (1 - BETA) / (1 + BETA);

    private final boolean fastConvergence;
    private final HyStartPlusPlus hyStart;

    private int smss = CongestionControls.DEFAULT_SMSS;
    /** cwnd in octets, fractional between ACKs; at most {@link CongestionControls#MAX_WINDOW}. */
    private double cwnd = CongestionControls.initialWindow(CongestionControls.DEFAULT_SMSS);
    /** IW, given by {@link #start}: the first window, and the most the restart window is. */
    private int initialWindow = CongestionControls.initialWindow(CongestionControls.DEFAULT_SMSS);
    private int ssthresh = UNLIMITED;

    /** W_max in octets; meaningful once {@link #haveMaxWindow}. */
    private double maxWindow;
    private boolean haveMaxWindow;
    /** cwnd_prior in octets: cwnd when ssthresh was last set. */
    private double priorWindow;
    /** K in seconds for the current epoch. */
    private double k;
    /** W_est in octets for the current epoch. */
    private double renoEstimate;

    private boolean inEpoch;
    /** t_epoch, moved forward past application-limited and idle time. */
    private long epochStart;
    /** When the last ACK in this epoch arrived. */
    private long lastAckAt;
    /** The next epoch is the first after a timeout: K = 0, W_max = cwnd_epoch. */
    private boolean epochAfterTimeout;

    private boolean haveRtt;
    private long smoothedRtt;
    private long minRtt;

    private boolean recovering;
    private boolean slowStartAfterTimeout;
    private boolean timedOutWithoutProgress;

    // The state before the last reduction, which RFC 9438 §4.9 puts back when it was spurious.
    private double undoCwnd;
    private int undoSsthresh = UNLIMITED;
    private double undoMaxWindow;
    private boolean undoHaveMaxWindow;
    private double undoPriorWindow;

    /** CUBIC with fast convergence, the default RFC 9438 §4.7 recommends, and HyStart++. */
    public CubicCongestionControl() {
        this(true, true);
    }

    /** CUBIC with fast convergence on or off (off for a lone flow, RFC 9438 §4.7), and HyStart++. */
    public CubicCongestionControl(boolean fastConvergence) {
        this(fastConvergence, true);
    }

    /** CUBIC with fast convergence and HyStart++ (RFC 9406) each on or off. */
    public CubicCongestionControl(boolean fastConvergence, boolean hyStart) {
        this.fastConvergence = fastConvergence;
        this.hyStart = new HyStartPlusPlus(hyStart);
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.CUBIC;
    }

    @Override
    public int window() {
        return (int) cwnd;
    }

    @Override
    public int slowStartThreshold() {
        return ssthresh;
    }

    /** W_max in octets, the window at the last congestion event (after fast convergence); 0 before any. */
    public int lastMaxWindow() {
        return haveMaxWindow ? (int) Math.round(maxWindow) : 0;
    }

    public boolean fastConvergence() {
        return fastConvergence;
    }

    @Override
    public HyStartState hyStart() {
        return hyStart.state();
    }

    @Override
    public void start(long now, int smss, int initialWindow) {
        this.smss = CongestionControls.sanitizeSmss(smss);
        this.initialWindow = Math.max(1, initialWindow);
        cwnd = this.initialWindow;
        ssthresh = UNLIMITED;
        haveMaxWindow = false;
        maxWindow = 0;
        priorWindow = 0;
        k = 0;
        renoEstimate = 0;
        inEpoch = false;
        epochAfterTimeout = false;
        recovering = false;
        slowStartAfterTimeout = false;
        timedOutWithoutProgress = false;
        hyStart.start();
        rememberForUndo();
    }

    @Override
    public void onAck(long now, int ackedOctets, int flightSize) {
        if (ackedOctets <= 0 || recovering) {
            return;
        }
        timedOutWithoutProgress = false;
        boolean windowLimited = (long) flightSize + smss > cwnd;
        if (cwnd < ssthresh) {
            boolean hyStartSlowStart = hyStart.active();
            if (hyStartSlowStart && hyStart.onAck(ackedOctets, flightSize)) {
                // RFC 9406 §4.2: CSS_ROUNDS rounds of CSS are over, congestion avoidance begins here.
                ssthresh = (int) cwnd;
                return;
            }
            if (windowLimited) {
                int increase = hyStartSlowStart ? hyStart.increase(ackedOctets, smss)
                        : slowStartAfterTimeout ? Math.min(ackedOctets, smss) : ackedOctets;
                cwnd = Math.min(cwnd + increase, Math.min(ssthresh, MAX_WINDOW));
            }
            return;
        }
        slowStartAfterTimeout = false;
        if (!inEpoch) {
            beginEpoch(now);
        }
        if (!windowLimited) {
            epochStart += now - lastAckAt;
            lastAckAt = now;
            return;
        }
        lastAckAt = now;

        double t = (now - epochStart) / (double) Micros.PER_SECOND;
        double alpha = renoEstimate >= priorWindow ? 1.0 : ALPHA;
        renoEstimate = Math.min(renoEstimate + alpha * ackedOctets * smss / cwnd, MAX_WINDOW);

        if (cubicWindow(t) < renoEstimate) {
            cwnd = Math.max(cwnd, renoEstimate);
        } else {
            double rtt = smoothedRtt / (double) Micros.PER_SECOND;
            double target = Math.min(Math.max(cubicWindow(t + rtt), cwnd), 1.5 * cwnd);
            cwnd = Math.min(target, cwnd + (target - cwnd) * ackedOctets / cwnd);
        }
        cwnd = Math.min(cwnd, MAX_WINDOW);
    }

    @Override
    public void onRttSample(long now, long rttMicros) {
        if (rttMicros < 0) {
            return;
        }
        hyStart.onRttSample(rttMicros);
        if (!haveRtt) {
            smoothedRtt = rttMicros;
            minRtt = rttMicros;
            haveRtt = true;
        } else {
            smoothedRtt += (rttMicros - smoothedRtt) / 8;
            minRtt = Math.min(minRtt, rttMicros);
        }
    }

    @Override
    public void onFastRetransmit(long now, int flightSize) {
        hyStart.finish();
        rememberForUndo();
        priorWindow = cwnd;
        if (fastConvergence && haveMaxWindow && cwnd < maxWindow) {
            maxWindow = cwnd * (1 + BETA) / 2;
        } else {
            maxWindow = cwnd;
        }
        haveMaxWindow = true;
        ssthresh = reducedThreshold(flightSize);
        cwnd = Math.min((double) ssthresh + 3.0 * smss, MAX_WINDOW);
        inEpoch = false;
        epochAfterTimeout = false;
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
        recovering = false;
    }

    @Override
    public void onRetransmitTimeout(long now, int flightSize) {
        hyStart.finish();
        if (!timedOutWithoutProgress) {
            rememberForUndo();
            priorWindow = cwnd;
            ssthresh = reducedThreshold(flightSize);
        }
        cwnd = smss;
        inEpoch = false;
        epochAfterTimeout = true;
        recovering = false;
        slowStartAfterTimeout = true;
        timedOutWithoutProgress = true;
    }

    @Override
    public void onIdleRestart(long now) {
        int restartWindow = initialWindow;
        if (restartWindow < cwnd) {
            cwnd = restartWindow;
            inEpoch = false;
        } else if (inEpoch) {
            epochStart += now - lastAckAt;
            lastAckAt = now;
        }
    }

    /**
     * RFC 9438 §4.9: cwnd = max(cwnd, cwnd_prior), ssthresh, W_max and cwnd_prior as before the
     * reduction; a new epoch starts from them with the next ACK.
     */
    @Override
    public void onSpuriousCongestionEvent(long now) {
        cwnd = Math.max(cwnd, undoCwnd);
        ssthresh = Math.max(ssthresh, undoSsthresh);
        maxWindow = undoMaxWindow;
        haveMaxWindow = undoHaveMaxWindow;
        priorWindow = undoPriorWindow;
        inEpoch = false;
        epochAfterTimeout = false;
        recovering = false;
        slowStartAfterTimeout = false;
        timedOutWithoutProgress = false;
    }

    private void rememberForUndo() {
        undoCwnd = cwnd;
        undoSsthresh = ssthresh;
        undoMaxWindow = maxWindow;
        undoHaveMaxWindow = haveMaxWindow;
        undoPriorWindow = priorWindow;
    }

    /** The start of a congestion-avoidance epoch (RFC 9438 §4.2, §4.3, §4.8). */
    private void beginEpoch(long now) {
        inEpoch = true;
        epochStart = now;
        lastAckAt = now;
        if (!haveMaxWindow) {
            priorWindow = cwnd;
        }
        if (epochAfterTimeout || !haveMaxWindow || maxWindow <= cwnd) {
            k = 0;
            maxWindow = cwnd;
            haveMaxWindow = true;
        } else {
            k = Math.cbrt((maxWindow - cwnd) / smss / C);
        }
        renoEstimate = cwnd;
        epochAfterTimeout = false;
    }

    /**
     * RFC 9438 §4.6: ssthresh = max(flight_size * beta, 2 SMSS), with beta = 7/10 in integer
     * arithmetic so that 0.7 * 146000 is 102200 and not 102199.99999999999.
     */
    private int reducedThreshold(int flightSize) {
        return Math.max((int) ((long) Math.max(flightSize, 0) * 7 / 10), 2 * smss);
    }

    /** W_cubic(t) in octets, t in seconds since the epoch began (eqn 1). */
    double cubicWindow(double t) {
        double offset = t - k;
        return maxWindow + C * offset * offset * offset * smss;
    }

    /** K in seconds for the current epoch (eqn 2). */
    double k() {
        return k;
    }

    /** W_est in octets. */
    double renoEstimate() {
        return renoEstimate;
    }

    /** The exact window in octets, with its fraction. */
    double exactWindow() {
        return cwnd;
    }

    boolean inEpoch() {
        return inEpoch;
    }

    /** t_epoch, stack microseconds; meaningful while {@link #inEpoch()}. */
    long epochStart() {
        return epochStart;
    }

    /** The smoothed RTT in microseconds, 0 before the first sample. */
    long smoothedRtt() {
        return smoothedRtt;
    }

    /** The smallest RTT sample in microseconds, 0 before the first sample. */
    long minRtt() {
        return minRtt;
    }

    @Override
    public String toString() {
        return "cubic cwnd " + window() + " ssthresh " + (ssthresh == UNLIMITED ? "unlimited" : Integer.toString(ssthresh))
                + " wmax " + lastMaxWindow();
    }
}

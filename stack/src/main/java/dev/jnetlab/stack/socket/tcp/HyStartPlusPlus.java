package dev.jnetlab.stack.socket.tcp;

/**
 * HyStart++ (RFC 9406): leaving the first slow start before it overshoots, from the rise in
 * the round trip that a filling queue causes, rather than from the losses after it overflows.
 *
 * <p><b>Rounds (§4.2).</b> A round ends with the ACK that covers windowEnd, the SND.NXT of
 * when it began. The controller is not given sequence numbers, so the round is kept as the
 * octets still to be acknowledged before it ends: at its start that is
 * {@code SND.NXT - SND.UNA} after the ACK that began it, {@code flightSize - ackedOctets},
 * and every ACK takes off what it acknowledged. (The flight size the socket passes ends at
 * SND.MAX, which is SND.NXT in the first slow start: nothing has been retransmitted yet.)
 * Each round keeps the least RTT sample it saw; the ACK that begins a round moves
 * currentRoundMinRTT to lastRoundMinRTT.
 *
 * <p><b>Slow start (§4.2).</b> Once a round has N_RTT_SAMPLE = 8 samples and the last round
 * had any, {@code RttThresh = max(4 ms, min(lastRoundMinRTT / 8, 16 ms))}; a round whose
 * minimum reaches {@code lastRoundMinRTT + RttThresh} means a queue is building: the
 * connection enters Conservative Slow Start (CSS) with cssBaselineMinRtt = that minimum.
 * Each ACK grows cwnd by {@code min(N, L*SMSS)} with L = 8 (§4.3, a sender without pacing).
 *
 * <p><b>Conservative Slow Start (§4.2).</b> Growth is divided by CSS_GROWTH_DIVISOR = 4. If a
 * round with 8 samples finds the RTT below cssBaselineMinRtt, the rise was not a queue (a
 * burst, a route change): back to slow start. When CSS_ROUNDS = 5 rounds in CSS are complete
 * (the one CSS began in counted as the first) the controller enters congestion avoidance with
 * {@code ssthresh = cwnd}, on the ACK that ends the fifth.
 *
 * <p>HyStart++ runs in the first slow start only (§4.2: later ones have the ssthresh the
 * first found): a loss, a timeout or any other reduction {@link #finish}es it for the life of
 * the connection. Primitive fields; nothing allocates per ACK.
 */
public final class HyStartPlusPlus {

    /** RTT samples a round needs before its minimum is compared (§4.3). */
    static final int N_RTT_SAMPLE = 8;
    /** The least RttThresh, 4 ms (§4.3). */
    static final long MIN_RTT_THRESH = 4_000;
    /** The greatest RttThresh, 16 ms (§4.3). */
    static final long MAX_RTT_THRESH = 16_000;
    /** RttThresh is lastRoundMinRTT over this, within the two bounds (§4.3). */
    static final int MIN_RTT_DIVISOR = 8;
    /** CSS grows cwnd this many times more slowly than slow start (§4.3). */
    static final int CSS_GROWTH_DIVISOR = 4;
    /** Whole rounds in CSS before congestion avoidance (§4.3). */
    static final int CSS_ROUNDS = 5;
    /** RFC 3465's L in segments for a sender that does not pace (§4.3). */
    static final int L = 8;

    private static final long INFINITY = Long.MAX_VALUE;

    /** Where the first slow start is, as {@code tcp show} names it. */
    public enum Phase {
        /** HyStart++ is turned off (or the controller has none): RFC 5681's slow start alone. */
        OFF("off"),
        /** Standard slow start, watching each round's minimum RTT. */
        SLOW_START("slow start"),
        /** Conservative Slow Start: a quarter of slow start's growth. */
        CONSERVATIVE_SLOW_START("CSS"),
        /** The first slow start is over (a loss, or CSS_ROUNDS rounds of CSS). */
        DONE("done");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final boolean enabled;
    private Phase phase;
    /** Octets to be acknowledged before the round ends: windowEnd less SND.UNA. */
    private long roundRemaining;
    private long lastRoundMinRtt = INFINITY;
    private long currentRoundMinRtt = INFINITY;
    private int rttSampleCount;
    private long cssBaselineMinRtt = INFINITY;
    /** Rounds completed in CSS, the one it began in included. */
    private int cssRounds;
    /** The RTT sample of the ACK about to be passed to {@link #onAck}, or -1. */
    private long pendingSample = -1;

    HyStartPlusPlus(boolean enabled) {
        this.enabled = enabled;
        this.phase = enabled ? Phase.SLOW_START : Phase.OFF;
    }

    /** The connection opens: the first slow start begins, every minimum unknown (§4.2). */
    void start() {
        phase = enabled ? Phase.SLOW_START : Phase.OFF;
        roundRemaining = 0;
        lastRoundMinRtt = INFINITY;
        currentRoundMinRtt = INFINITY;
        rttSampleCount = 0;
        cssBaselineMinRtt = INFINITY;
        cssRounds = 0;
        pendingSample = -1;
    }

    /** Whether the slow start under way is HyStart++'s (standard or conservative). */
    boolean active() {
        return phase == Phase.SLOW_START || phase == Phase.CONSERVATIVE_SLOW_START;
    }

    /** A round-trip sample from the ACK that {@link #onAck} is given next. */
    void onRttSample(long rttMicros) {
        pendingSample = rttMicros;
    }

    /**
     * An ACK in slow start acknowledged {@code ackedOctets} with {@code flightSize} outstanding
     * before it: the round, the minimum and the rules of §4.2. True when CSS_ROUNDS rounds of
     * CSS are complete: the controller sets ssthresh to cwnd and HyStart++ is done.
     */
    boolean onAck(int ackedOctets, int flightSize) {
        long sample = pendingSample;
        pendingSample = -1;
        if (!active()) {
            return false;
        }
        roundRemaining -= ackedOctets;
        if (roundRemaining <= 0) {
            roundRemaining = Math.max(0, (long) flightSize - ackedOctets);
            lastRoundMinRtt = currentRoundMinRtt;
            currentRoundMinRtt = INFINITY;
            rttSampleCount = 0;
            if (phase == Phase.CONSERVATIVE_SLOW_START && ++cssRounds >= CSS_ROUNDS) {
                phase = Phase.DONE;
                return true;
            }
        }
        if (sample >= 0) {
            currentRoundMinRtt = Math.min(currentRoundMinRtt, sample);
            rttSampleCount++;
        }
        if (rttSampleCount < N_RTT_SAMPLE || currentRoundMinRtt == INFINITY || lastRoundMinRtt == INFINITY) {
            return false;
        }
        if (phase == Phase.SLOW_START) {
            long rttThresh = Math.max(MIN_RTT_THRESH, Math.min(lastRoundMinRtt / MIN_RTT_DIVISOR, MAX_RTT_THRESH));
            if (currentRoundMinRtt >= lastRoundMinRtt + rttThresh) {
                cssBaselineMinRtt = currentRoundMinRtt;
                cssRounds = 0;
                phase = Phase.CONSERVATIVE_SLOW_START;
            }
        } else if (currentRoundMinRtt < cssBaselineMinRtt) {
            // The RTT went back down: the rise was spurious, resume slow start (§4.2).
            cssBaselineMinRtt = INFINITY;
            phase = Phase.SLOW_START;
        }
        return false;
    }

    /** What an ACK of {@code ackedOctets} adds to cwnd (§4.2 with L of §4.3). */
    int increase(int ackedOctets, int smss) {
        int limited = (int) Math.min(ackedOctets, (long) L * smss);
        return phase == Phase.CONSERVATIVE_SLOW_START ? limited / CSS_GROWTH_DIVISOR : limited;
    }

    /** A congestion event (loss, timeout, ECN): the first slow start is over for good (§4.2). */
    void finish() {
        if (phase != Phase.OFF) {
            phase = Phase.DONE;
        }
        pendingSample = -1;
    }

    /** The snapshot {@code tcp show} prints. */
    HyStartState state() {
        return new HyStartState(phase, phase == Phase.CONSERVATIVE_SLOW_START ? cssRounds + 1 : 0,
                lastRoundMinRtt == INFINITY ? 0 : lastRoundMinRtt);
    }
}

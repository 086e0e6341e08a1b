package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.time.Micros;

/**
 * Tail loss probes (RFC 8985 §7): when a flight's last segments are lost no ACK comes to show
 * it, and only the retransmission timeout would. Instead, about two round trips after the last
 * send or ACK the sender sends one probe (new data if it may, else its last segment again),
 * whose ACK, SACK or duplicate brings RACK what it needs to find the loss. The episode ends
 * when SND.UNA passes what had been sent when the probe went (TLPHighRxt).
 *
 * <p>RFC 8985 §7.3 leaves the retransmission timer to follow a probe that brought no ACK at
 * all. On a path that loses one frame in ten each way that is one probe in five (the probe or
 * its ACK), and each then cost the RTO (200 ms at least, and a window of one segment) where the
 * path's round trip is a fraction of a millisecond. So one more probe may follow, after twice
 * the PTO (backed off, RFC 8961 §4 requirement 4 for a timer that fires again), only if no ACK
 * came since the first: any ACK re-arms the PTO or ends the episode, and the retransmission
 * timer keeps the deadline the first probe gave it. And an ACK that delivers something (SND.UNA
 * moves or new octets are SACKed) but does not end the episode, a partial answer, lets the
 * next silence of a PTO be probed as well ({@link #delivered}): the ACK clock ran again and
 * stopped, which is a tail loss of its own. Probes go only after a PTO without an ACK, one
 * segment each, so they never add more than that to what the window lets out.
 */
final class TailLossProbe {
    /** RFC 8985 §7.2 WCDelAckT: how long a receiver may delay the ACK of a lone segment. */
    static final long WORST_CASE_DELAYED_ACK = Micros.ofMillis(200);
    /** The PTO before any RTT sample (RFC 8985 §7.2). */
    static final long INITIAL_PTO = Micros.ofSeconds(1);

    /**
     * The least time between a probe and the one that may follow it: one tick of the timestamp
     * clock (RFC 7323 §5.4, milliseconds here), so that the two carry different TSvals and the
     * echo tells their ACKs apart, also when SRTT is near zero.
     */
    static final long MIN_REPROBE_INTERVAL = Micros.ofMillis(1);
    /** Probes sent in a row without an ACK between them: at most {@link #PROBES_WITHOUT_ACK}. */
    static final int PROBES_WITHOUT_ACK = 2;

    private boolean outstanding;
    /** Probes since the last ACK that delivered something. */
    private int sentInEpisode;
    /** An ACK delivered something since the last probe: the episode may be probed again. */
    private boolean progressed;
    private boolean retransmission;
    private int highRxt;
    /** The flight when the probe went: what the loss it repaired was lost from. */
    private int flight;
    private long probes;
    private long probesInRecovery;
    private long secondProbes;
    private long repairs;

    void reset() {
        outstanding = false;
        sentInEpisode = 0;
        progressed = false;
        retransmission = false;
        probes = 0;
        probesInRecovery = 0;
        secondProbes = 0;
        repairs = 0;
    }

    /**
     * RFC 8985 §7.2: PTO = 2·SRTT, plus the worst-case delayed ACK when only one segment is out
     * (its ACK may be held back), never later than the retransmission timer would fire.
     */
    static long timeout(RttEstimator rtt, boolean oneSegment, long untilRto) {
        long pto = rtt.hasSample() ? 2 * rtt.srtt() : INITIAL_PTO;
        if (oneSegment) {
            pto += WORST_CASE_DELAYED_ACK;
        }
        return Math.min(pto, untilRto);
    }

    /** Whether a probe may be scheduled: none is out, or an ACK delivered something since the last. */
    boolean mayArm() {
        return !outstanding || progressed;
    }

    /** An ACK reported octets newly delivered (SND.UNA's advance or new SACKs). */
    void delivered() {
        progressed = outstanding;
    }

    boolean outstanding() {
        return outstanding;
    }

    /**
     * A probe went; {@code sndMax} is SND.MAX after it (TLPHighRxt), {@code flight} the octets
     * outstanding; {@code inRecovery}: during a recovery, whose reduction covers any loss the
     * probe repairs, so that its ACK asks for none (RFC 5681 §3.1: one reduction per window).
     * Returns whether it was the episode's first: one more may follow if no ACK comes.
     */
    boolean sent(boolean wasRetransmission, int sndMax, int flight, boolean inRecovery) {
        boolean first = !outstanding;
        if (!first && !progressed) {
            secondProbes++;
        }
        if (inRecovery) {
            probesInRecovery++;
        }
        if (first) {
            this.flight = flight;
            retransmission = false;
        }
        if (first || progressed) {
            sentInEpisode = 0;
        }
        progressed = false;
        outstanding = true;
        sentInEpisode++;
        retransmission |= wasRetransmission && !inRecovery;
        highRxt = sndMax;
        probes++;
        return first;
    }

    /** Whether the probe just sent may be followed by another, should no ACK come. */
    boolean mayProbeAgain() {
        return outstanding && sentInEpisode < PROBES_WITHOUT_ACK;
    }

    /**
     * RFC 8985 §7.4: SND.UNA is at {@code sndUna}. When it reaches TLPHighRxt the episode ends;
     * a retransmitted probe that no D-SACK reported as a duplicate repaired a loss, and the
     * caller reduces the window for it. Returns whether that happened.
     */
    boolean acknowledged(int sndUna, boolean dsack) {
        if (!outstanding || SeqNumber.lt(sndUna, highRxt)) {
            return false;
        }
        outstanding = false;
        progressed = false;
        if (retransmission && !dsack) {
            repairs++;
            return true;
        }
        return false;
    }

    /** The octets outstanding when the last probe went. */
    int flight() {
        return flight;
    }

    /** A timeout or a recovery took over: the episode is over. */
    void abandon() {
        outstanding = false;
        progressed = false;
    }

    long probes() {
        return probes;
    }

    /** Probes sent during a recovery. */
    long probesInRecovery() {
        return probesInRecovery;
    }

    /** Probes that followed one no ACK answered ({@link #mayProbeAgain}). */
    long secondProbes() {
        return secondProbes;
    }

    long repairs() {
        return repairs;
    }
}

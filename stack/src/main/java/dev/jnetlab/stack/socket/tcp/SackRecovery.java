package dev.jnetlab.stack.socket.tcp;

/**
 * Recovery with SACK (RFC 6675, simplified: see {@link SackScoreboard#pipe}): loss is detected by
 * three duplicates or by more than two segments' worth of SACKed octets; during recovery the
 * amount sent is PRR's ({@link ProportionalRateReduction}, RFC 6937), and the holes below the highest SACKed
 * octet are retransmitted before new data (NextSeg rule 1). With RACK ({@link Rack}, RFC 8985,
 * the default) loss is what RACK marks, by time, not by counting: recovery retransmits the
 * segments it marked lost (a lost retransmission included) and the pipe is what was sent and
 * is neither SACKed nor marked lost.
 */
final class SackRecovery extends LossRecovery {
    private final SackScoreboard scoreboard;
    private final Rack rack;
    private boolean usesRack;
    private final ProportionalRateReduction prr = new ProportionalRateReduction();
    /** RFC 6675 RescueRxt: the recovery point when the last rescue retransmission went. */
    private boolean rescueValid;
    private int rescueRxt;

    SackRecovery(SackScoreboard scoreboard, Rack rack) {
        this.scoreboard = scoreboard;
        this.rack = rack;
    }

    @Override
    void reset(int iss) {
        super.reset(iss);
        rack.reset(iss);
        prr.reset();
        rescueValid = false;
    }

    /** Whether this connection detects loss with RACK (chosen when the connection starts). */
    void useRack(boolean enabled) {
        usesRack = enabled;
    }

    boolean usesRack() {
        return usesRack;
    }

    /**
     * RFC 6675 §5.1: a new recovery may begin once HighACK is greater than or equal to the
     * recovery point. So a loss among the segments sent just after a recovery that ended on an
     * ACK of exactly recover is repaired by the next recovery, not by a timeout (with RFC 6582's
     * "more than recover" the SACKs above it started nothing).
     */
    @Override
    boolean beyondRecoveryPoint(int sndUna, int recover) {
        return SeqNumber.ge(sndUna, recover);
    }

    /** With RACK, duplicates start nothing themselves: RACK's marks do (see {@link #onRackLoss}). */
    @Override
    boolean lossDetected(int mss) {
        return !usesRack && (dupAcks >= DUP_THRESH || scoreboard.sackedOctets() > (DUP_THRESH - 1) * mss);
    }

    @Override
    void enterRecovery(int sndUna, int sndMax, int mss) {
        // The scoreboard already says what is missing; RecoverFS is the flight (RFC 6937 §3).
        prr.start(sndMax - sndUna, mss);
    }

    @Override
    void delivered(int octets, int sndUna, int sndMax, CongestionControl congestion, int mss) {
        if (inRecovery) {
            prr.acknowledged(Math.max(octets, 0), pipe(sndUna, sndMax), congestion.slowStartThreshold(), mss);
        }
    }

    @Override
    void sent(int octets) {
        if (inRecovery) {
            prr.sent(octets);
        }
    }

    /**
     * RFC 6675 §4 NextSeg() rule 4: in recovery, with no hole to repair and no new data, one
     * segment ending at the highest unSACKed octet may go again, once per window (while
     * HighACK is not past RescueRxt), so that a lost tail keeps the ACK clock going instead of
     * waiting for the timer. With RACK, the tail loss probe does this (RFC 8985 §7). It waits
     * until nothing is SACKed above SND.UNA (the ACKs that could show the tail arrived have
     * come), and never repeats an octet already retransmitted (below HighRxt).
     */
    @Override
    int rescueSeq(int sndUna, int sndMax, int mss) {
        if (!inRecovery || usesRack || scoreboard.rangeCount() > 0
                || rescueValid && !SeqNumber.gt(sndUna, rescueRxt)) {
            return sndMax;
        }
        int end = scoreboard.highestUnsackedEnd(sndUna, sndMax);
        if (end == sndUna || !SeqNumber.gt(end, highRxt)) {
            return sndMax;
        }
        return SeqNumber.max(SeqNumber.max(sndUna, end - mss), scoreboard.sackedEndBelow(end, sndUna));
    }

    /** RescueRxt = RecoveryPoint; HighRxt is left as it is (RFC 6675 §4 rule 4). */
    @Override
    void rescued() {
        rescueValid = true;
        rescueRxt = recoveryPoint();
    }

    /** For {@code tcp show} (allocates). */
    LossRecoveryState state(boolean reorderTimerArmed, boolean lossProbeArmed, TailLossProbe probe) {
        return new LossRecoveryState(usesRack, rack.reorderingWindow(), rack.minRtt(), rack.reorderingSeen(),
                reorderTimerArmed, rack.lossesDetected(), rack.dsacks(), lossProbeArmed, probe.probes(),
                probe.probesInRecovery(), probe.secondProbes(), probe.repairs(), prr.delivered(), prr.out(),
                prr.recoverFs(), 0, 0, 0, 0);
    }

    @Override
    void duplicateInRecovery(int mss) {
        // The SACK blocks it carried went into the scoreboard, which is what recovery follows.
    }

    @Override
    void partialAck(int acked, int mss) {
        // The next hole is found from the scoreboard; no window inflation.
    }

    @Override
    void leaveRecovery() {
        // Recovery ending on a full ACK leaves nothing SACKed below SND.UNA to drop.
        if (usesRack) {
            rack.recoveryEnded();
        }
    }

    /** After a timeout the scoreboard is not trusted (RFC 2018 §8): it is dropped. */
    @Override
    void goBack(int sndUna, int sndMax) {
        super.goBack(sndUna, sndMax);
        scoreboard.reset();
        if (usesRack) {
            rack.goBack();
        }
    }

    @Override
    void acknowledged(int sndUna) {
        scoreboard.dropBelow(sndUna);
    }

    @Override
    long sendWindow(CongestionControl congestion, int segment, boolean allSent, int sndUna, int sndMax) {
        // During recovery what may go beyond the pipe is PRR's sndcnt (RFC 6937 §3).
        return inRecovery ? pipe(sndUna, sndMax) + prr.allowance()
                : super.sendWindow(congestion, segment, allSent, sndUna, sndMax);
    }

    @Override
    long inFlight(int sndUna, int sndNxt, int sndMax) {
        return inRecovery ? pipe(sndUna, sndMax) : super.inFlight(sndUna, sndNxt, sndMax);
    }

    @Override
    int nextHole(int sndUna, int sndMax) {
        if (!inRecovery) {
            return sndMax;
        }
        return usesRack ? rack.firstLost(scoreboard, sndUna, sndMax) : scoreboard.nextHole(sndUna, sndMax, highRxt);
    }

    @Override
    int holeEnd(int hole, int sndMax) {
        int end = scoreboard.holeEnd(hole, sndMax);
        return usesRack ? SeqNumber.min(end, rack.segmentEnd(hole, sndMax)) : end;
    }

    @Override
    boolean restartsTimerOnPartialAck() {
        return true;
    }

    /** RFC 6675 SetPipe() as the scoreboard computes it. */
    int pipe(int sndUna, int sndMax) {
        return usesRack ? rack.pipe(scoreboard) : scoreboard.pipe(sndUna, sndMax, highRxt);
    }
}

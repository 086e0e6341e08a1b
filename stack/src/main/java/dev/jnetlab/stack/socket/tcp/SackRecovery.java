package dev.jnetlab.stack.socket.tcp;

/**
 * Recovery with SACK (RFC 6675, simplified: see {@link SackScoreboard#pipe}): loss is detected by
 * three duplicates or by more than two segments' worth of SACKed octets; during recovery the
 * pipe, not SND.NXT - SND.UNA, is held against ssthresh, and the holes below the highest SACKed
 * octet are retransmitted before new data (NextSeg rule 1).
 */
final class SackRecovery extends LossRecovery {
    private final SackScoreboard scoreboard;

    SackRecovery(SackScoreboard scoreboard) {
        this.scoreboard = scoreboard;
    }

    @Override
    boolean lossDetected(int mss) {
        return dupAcks >= DUP_THRESH || scoreboard.sackedOctets() > (DUP_THRESH - 1) * mss;
    }

    @Override
    void enterRecovery() {
        // The scoreboard already says what is missing.
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
    }

    /** After a timeout the scoreboard is not trusted (RFC 2018 §8): it is dropped. */
    @Override
    void goBack(int sndUna, int sndMax) {
        super.goBack(sndUna, sndMax);
        scoreboard.reset();
    }

    @Override
    void acknowledged(int sndUna) {
        scoreboard.dropBelow(sndUna);
    }

    @Override
    long sendWindow(CongestionControl congestion, int segment, boolean allSent) {
        return inRecovery ? congestion.slowStartThreshold() : super.sendWindow(congestion, segment, allSent);
    }

    @Override
    long inFlight(int sndUna, int sndNxt, int sndMax) {
        return inRecovery ? scoreboard.pipe(sndUna, sndMax, highRxt) : super.inFlight(sndUna, sndNxt, sndMax);
    }

    @Override
    int nextHole(int sndUna, int sndMax) {
        return inRecovery ? scoreboard.nextHole(sndUna, sndMax, highRxt) : sndMax;
    }

    @Override
    int holeEnd(int hole, int sndMax) {
        return scoreboard.holeEnd(hole, sndMax);
    }

    @Override
    boolean restartsTimerOnPartialAck() {
        return true;
    }

    /** RFC 6675 SetPipe() as the scoreboard computes it. */
    int pipe(int sndUna, int sndMax) {
        return scoreboard.pipe(sndUna, sndMax, highRxt);
    }
}

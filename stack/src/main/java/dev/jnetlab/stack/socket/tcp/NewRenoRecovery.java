package dev.jnetlab.stack.socket.tcp;

/**
 * Recovery without SACK (RFC 6582, NewReno): three duplicate ACKs start a fast retransmit; each
 * further duplicate inflates the window by one MSS, each partial ACK retransmits the segment at
 * SND.UNA and deflates it by what it acknowledged (adding one MSS back when that was at least
 * one), so that about one new segment leaves per segment that left the network.
 */
final class NewRenoRecovery extends LossRecovery {
    /** Window inflation, signed (the controller's contract: it may go below zero). */
    private long inflation;

    @Override
    void reset(int iss) {
        super.reset(iss);
        inflation = 0;
    }

    @Override
    boolean lossDetected(int mss) {
        return dupAcks >= DUP_THRESH;
    }

    @Override
    void enterRecovery(int sndUna, int sndMax, int mss) {
        inflation = 0;
    }

    @Override
    void duplicateInRecovery(int mss) {
        inflation += mss;
    }

    /** RFC 6582 §3.2 step 3, partial ACK: retransmit the next hole, deflate. */
    @Override
    void partialAck(int acked, int mss) {
        retransmitUna = true;
        inflation -= acked;
        if (acked >= mss) {
            inflation += mss;
        }
    }

    @Override
    void leaveRecovery() {
        inflation = 0;
    }

    @Override
    void acknowledged(int sndUna) {
        // Nothing is remembered above SND.UNA without SACK.
    }

    @Override
    long sendWindow(CongestionControl congestion, int segment, boolean allSent, int sndUna, int sndMax) {
        return inRecovery ? Math.max(0, congestion.window() + inflation)
                : super.sendWindow(congestion, segment, allSent, sndUna, sndMax);
    }

    @Override
    boolean restartsTimerOnPartialAck() {
        return false;
    }

    @Override
    long inflation() {
        return inflation;
    }
}

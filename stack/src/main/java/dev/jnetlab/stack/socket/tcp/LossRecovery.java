package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.SeqNumber.ge;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.gt;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.lt;

/**
 * The sender's loss recovery: duplicate ACKs, fast retransmit and recovery (RFC 5681 §3.2), the
 * recovery point of RFC 6582 §3.2 that keeps the duplicates of an old flight from starting
 * another one, and go-back after a timeout. What differs between recovering without SACK
 * ({@link NewRenoRecovery}, RFC 6582) and with it ({@link SackRecovery}, RFC 6675) is in the
 * subclasses: how loss is detected, what a duplicate or partial ACK does, how much may be in
 * flight and which octets go again. The socket makes one of each and uses the one its
 * connection negotiated; the congestion controller and the timers stay the socket's, which
 * acts on what these methods return.
 */
abstract sealed class LossRecovery permits NewRenoRecovery, SackRecovery {
    /** Duplicate ACKs that trigger a fast retransmit (RFC 5681 §3.2). */
    static final int DUP_THRESH = 3;

    /** What an ACK that advanced SND.UNA meant to recovery. */
    enum AckEffect {
        /** Not recovering: an ordinary ACK for the congestion controller. */
        NOT_IN_RECOVERY,
        /** It covered the recovery point: recovery is over (RFC 6582 §3.2 step 3, full ACK). */
        RECOVERY_ENDED,
        /** The first partial ACK of this recovery: the retransmission timer restarts (RFC 6582 §3.2 step 3). */
        FIRST_PARTIAL_ACK,
        /** A later partial ACK. */
        PARTIAL_ACK
    }

    protected int dupAcks;
    protected boolean inRecovery;
    /** RFC 6582 "recover": SND.MAX when recovery began, or when the sender last went back. */
    private int recover;
    /** Whether {@link #recover} still matters: until SND.UNA passes it (RFC 6582 §3.2 step 2). */
    private boolean recoverValid;
    private boolean partialAckSeen;
    /** Retransmit the segment at SND.UNA now (fast retransmit, a NewReno partial ACK). */
    protected boolean retransmitUna;
    /** RFC 6675 HighRxt: the end of the highest octet retransmitted during recovery. */
    protected int highRxt;
    private long fastRetransmits;

    /** A new connection whose initial send sequence number is {@code iss}. */
    void reset(int iss) {
        dupAcks = 0;
        inRecovery = false;
        recover = iss;
        recoverValid = false;
        partialAckSeen = false;
        retransmitUna = false;
        highRxt = iss;
        fastRetransmits = 0;
    }

    /** The connection is established with SND.UNA at {@code sndUna}. */
    void start(int sndUna) {
        highRxt = sndUna;
    }

    /**
     * A duplicate ACK (RFC 5681 §2). Returns true when it starts a fast retransmit (RFC 6582
     * §3.2 step 2, RFC 6675 §5 step 4): the caller tells the congestion controller.
     */
    final boolean onDuplicateAck(int sndUna, int sndMax, int mss) {
        dupAcks++;
        if (inRecovery) {
            duplicateInRecovery(mss);
            return false;
        }
        if (!lossDetected(mss) || recoverValid && !beyondRecoveryPoint(sndUna, recover)) {
            return false;
        }
        begin(sndUna, sndMax, mss);
        retransmitUna = true;
        return true;
    }

    /** What RACK's marks (RFC 8985 §6.2) started. */
    enum RackLossEffect {
        /** Nothing new: recovery is on already and repairs them. */
        NONE,
        /** A recovery began: the caller tells the congestion controller (one reduction per window of data). */
        RECOVERY,
        /**
         * A recovery began to repair segments of a flight whose congestion response was already
         * made (a timeout's go-back, or a reduction undone as spurious): they are retransmitted
         * as the marks say, and the window is not reduced again for the same flight (RFC 5681
         * §3.1, RFC 6582 §3.2 step 2: one response per window). Without this, a retransmission
         * lost after a timeout waited for the next, backed-off, timeout.
         */
        REPAIR
    }

    /**
     * RACK marked segments lost (RFC 8985 §6.2): recovery begins unless one is on; if the
     * sender is still sending the flight of a timeout or of an undone recovery again (SND.UNA
     * not past recover), it begins without a new reduction.
     */
    final RackLossEffect onRackLoss(int sndUna, int sndMax, int mss) {
        if (inRecovery) {
            return RackLossEffect.NONE;
        }
        boolean sameFlight = recoverValid && !beyondRecoveryPoint(sndUna, recover);
        int point = sameFlight ? recover : sndMax;
        begin(sndUna, sndMax, mss);
        recover = point;
        return sameFlight ? RackLossEffect.REPAIR : RackLossEffect.RECOVERY;
    }

    /**
     * Whether SND.UNA is far enough past the recovery point for a new recovery (and reduction):
     * RFC 6582 §3.2 step 2 asks that the ACK cover more than recover.
     */
    boolean beyondRecoveryPoint(int sndUna, int recover) {
        return gt(sndUna, recover);
    }

    private void begin(int sndUna, int sndMax, int mss) {
        inRecovery = true;
        partialAckSeen = false;
        recover = sndMax;
        recoverValid = true;
        highRxt = sndUna;
        enterRecovery(sndUna, sndMax, mss);
        fastRetransmits++;
    }

    /** An ACK moved SND.UNA to {@code sndUna} ({@code ack}), acknowledging {@code acked} octets. */
    final AckEffect onNewAck(int ack, int sndUna, int acked, int mss) {
        if (lt(highRxt, sndUna)) {
            highRxt = sndUna;
        }
        acknowledged(sndUna);
        if (recoverValid && !inRecovery && gt(sndUna, recover)) {
            recoverValid = false;
        }
        if (!inRecovery) {
            dupAcks = 0;
            return AckEffect.NOT_IN_RECOVERY;
        }
        if (ge(ack, recover)) {
            inRecovery = false;
            retransmitUna = false;
            dupAcks = 0;
            leaveRecovery();
            return AckEffect.RECOVERY_ENDED;
        }
        partialAck(acked, mss);
        if (!partialAckSeen) {
            partialAckSeen = true;
            return AckEffect.FIRST_PARTIAL_ACK;
        }
        return AckEffect.PARTIAL_ACK;
    }

    /**
     * Everything past SND.UNA goes again, from SND.UNA on (a timeout, or a path MTU that
     * shrank): any recovery ends and recover becomes SND.MAX (RFC 6582 §3.2, so the duplicate
     * ACKs of the old flight start no fast retransmit).
     */
    void goBack(int sndUna, int sndMax) {
        inRecovery = false;
        retransmitUna = false;
        dupAcks = 0;
        recover = sndMax;
        recoverValid = true;
        highRxt = sndUna;
        leaveRecovery();
    }

    /**
     * The reduction that began this recovery was spurious (RFC 3522, RFC 3708): recovery ends
     * before SND.UNA reaches recover, which stays, so the old flight's duplicates start none.
     */
    void undo() {
        if (!inRecovery) {
            return;
        }
        inRecovery = false;
        retransmitUna = false;
        dupAcks = 0;
        leaveRecovery();
    }

    /** A retransmission ending at {@code end} went out; {@code ofUna}: the one at SND.UNA. */
    final void retransmitted(int end, boolean ofUna) {
        if (ofUna) {
            retransmitUna = false;
        }
        if (lt(highRxt, end)) {
            highRxt = end;
        }
    }

    /** RFC 6582 recover, the recovery point. */
    int recoveryPoint() {
        return recover;
    }

    boolean inRecovery() {
        return inRecovery;
    }

    boolean retransmitUnaDue() {
        return retransmitUna;
    }

    int duplicateAcks() {
        return dupAcks;
    }

    long fastRetransmits() {
        return fastRetransmits;
    }

    /**
     * The congestion window to send against, given the controller's: outside recovery, with
     * limited transmit (RFC 3042 §2): each of the first two duplicate ACKs lets one new segment
     * of {@code segment} octets out beyond cwnd, which stays as it is, so that a window too small
     * to draw three duplicates still recovers by fast retransmit, not a timeout.
     */
    long sendWindow(CongestionControl congestion, int segment, boolean allSent, int sndUna, int sndMax) {
        long cwnd = congestion.window();
        if (dupAcks > 0 && allSent) {
            cwnd = Math.min(cwnd + (long) Math.min(dupAcks, DUP_THRESH - 1) * segment, Integer.MAX_VALUE);
        }
        return cwnd;
    }

    /** The octets counted against the window: SND.NXT - SND.UNA unless recovery knows better. */
    long inFlight(int sndUna, int sndNxt, int sndMax) {
        return sndNxt - sndUna;
    }

    /** The first octet to retransmit beyond SND.UNA during recovery; {@code sndMax} for none. */
    int nextHole(int sndUna, int sndMax) {
        return sndMax;
    }

    /** The end of the hole {@link #nextHole} returned. */
    int holeEnd(int hole, int sndMax) {
        return sndMax;
    }

    /**
     * An ACK reported {@code octets} newly delivered (SND.UNA's advance and newly SACKed
     * octets, RFC 6937 DeliveredData); SND.UNA is now {@code sndUna}.
     */
    void delivered(int octets, int sndUna, int sndMax, CongestionControl congestion, int mss) {
        // Only SACK recovery measures what was delivered (PRR).
    }

    /** {@code octets} of sequence space were sent (or sent again). */
    void sent(int octets) {
        // Only SACK recovery counts what it sends (PRR).
    }

    /**
     * RFC 6675 §4 NextSeg() rule 4, the rescue retransmission: the first octet of the one
     * segment that may go again when nothing else can; {@code sndMax} for none.
     */
    int rescueSeq(int sndUna, int sndMax, int mss) {
        return sndMax;
    }

    /** The rescue retransmission went. */
    void rescued() {
        // Only SACK recovery rescues.
    }

    /** Window inflation (NewReno's signed count of octets the duplicates let out), for {@code tcp show}. */
    long inflation() {
        return 0;
    }

    /** Whether a partial ACK restarts the retransmission timer (RFC 6675) or only the first does (RFC 6582). */
    abstract boolean restartsTimerOnPartialAck();

    /** Whether the duplicate ACKs (and SACKs) so far show a loss. */
    abstract boolean lossDetected(int mss);

    /** Recovery begins with [{@code sndUna}, {@code sndMax}) outstanding. */
    abstract void enterRecovery(int sndUna, int sndMax, int mss);

    abstract void duplicateInRecovery(int mss);

    abstract void partialAck(int acked, int mss);

    abstract void leaveRecovery();

    /** SND.UNA moved to {@code sndUna}. */
    abstract void acknowledged(int sndUna);
}

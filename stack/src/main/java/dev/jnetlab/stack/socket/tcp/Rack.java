package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.SeqNumber.ge;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.gt;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.le;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.lt;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.TcpRepr;

/**
 * RACK, time-based loss detection (RFC 8985 §6): every segment sent and not yet cumulatively
 * acknowledged is remembered with the time it (last) went; a segment is lost when one sent
 * after it was delivered and more than the RTT of that delivery plus a reordering window has
 * passed since it went. So a lost retransmission is found like any other loss, and a small
 * flight is repaired without three duplicate ACKs. The window starts at a quarter of the
 * minimum RTT once reordering was seen (zero before, as DupThresh would), and widens with each
 * round that brings a D-SACK (RFC 8985 §6.2 step 4).
 *
 * <p>Segments are kept in order of sequence number in fixed arrays made with the socket;
 * nothing here allocates. When they are full, a new segment joins the last one (the later send
 * time is kept, which only makes the joined one look younger, never lost too early).
 */
final class Rack {
    /** Segments remembered; beyond that, new ones merge into the last. */
    static final int SEGMENTS = 512;
    /** Recoveries a widened reordering window persists for (RFC 8985 §6.2, RACK.reo_wnd_persist). */
    static final int REO_WND_PERSIST = 16;

    private static final byte SACKED = 1;
    private static final byte LOST = 2;
    private static final byte RETRANSMITTED = 4;
    /** Outstanding at a timeout: its ACK's time is no round trip ({@link #roundTrip}). */
    private static final byte UNTIMED = 8;

    private final int[] start = new int[SEGMENTS];
    private final int[] end = new int[SEGMENTS];
    private final long[] sentAt = new long[SEGMENTS];
    private final byte[] flags = new byte[SEGMENTS];
    private int count;

    /** RACK.xmit_ts, RACK.end_seq, RACK.rtt: the most recently sent segment delivered. */
    private boolean delivered;
    private long rackSentAt;
    private int rackEnd;
    private long rackRtt;
    /** RACK.min_RTT (over the connection: a path that gets faster only lowers it). */
    private long minRtt = Long.MAX_VALUE;
    /** RACK.fack: the highest end of a delivered segment; RACK.reord: reordering was seen. */
    private int fack;
    private boolean reordering;
    private int reoWndMult = 1;
    private int reoWndPersist;
    private boolean dsackRoundOpen;
    private int dsackRound;
    private long reoWnd;
    /** When the earliest segment not yet lost will be, if nothing else is delivered. */
    private long reorderDeadline = Micros.NEVER;
    private long lossesDetected;
    private long dsacks;

    void reset(int iss) {
        count = 0;
        delivered = false;
        rackSentAt = 0;
        rackEnd = iss;
        rackRtt = 0;
        minRtt = Long.MAX_VALUE;
        fack = iss;
        reordering = false;
        reoWndMult = 1;
        reoWndPersist = 0;
        dsackRoundOpen = false;
        dsackRound = iss;
        reoWnd = 0;
        reorderDeadline = Micros.NEVER;
        lossesDetected = 0;
        dsacks = 0;
    }

    /** Sequence space [seq, segEnd) went at {@code now}: new segments are appended, resent ones restamped. */
    void sent(int seq, int segEnd, long now) {
        int highest = count == 0 ? seq : end[count - 1];
        if (lt(seq, highest)) {
            int restampEnd = SeqNumber.min(segEnd, highest);
            split(seq);
            split(restampEnd);
            for (int i = 0; i < count; i++) {
                if (ge(start[i], seq) && le(end[i], restampEnd)) {
                    sentAt[i] = now;
                    flags[i] = (byte) ((flags[i] & ~LOST) | RETRANSMITTED);
                }
            }
            seq = restampEnd;
        }
        if (!lt(seq, segEnd)) {
            return;
        }
        if (count == SEGMENTS) {
            end[count - 1] = segEnd;
            sentAt[count - 1] = now;
            return;
        }
        start[count] = SeqNumber.max(seq, highest);
        end[count] = segEnd;
        sentAt[count] = now;
        flags[count] = 0;
        count++;
    }

    /** Makes {@code at} a segment boundary, when there is room for one more segment. */
    private void split(int at) {
        for (int i = 0; i < count; i++) {
            if (lt(start[i], at) && lt(at, end[i])) {
                if (count == SEGMENTS) {
                    return;
                }
                System.arraycopy(start, i + 1, start, i + 2, count - i - 1);
                System.arraycopy(end, i + 1, end, i + 2, count - i - 1);
                System.arraycopy(sentAt, i + 1, sentAt, i + 2, count - i - 1);
                System.arraycopy(flags, i + 1, flags, i + 2, count - i - 1);
                start[i + 1] = at;
                end[i + 1] = end[i];
                sentAt[i + 1] = sentAt[i];
                flags[i + 1] = flags[i];
                end[i] = at;
                count++;
                return;
            }
        }
    }

    /**
     * RFC 8985 §6.2 steps 1 to 3, after an ACK: the segments it cumulatively acknowledged or
     * SACKed update the most recent delivery and the minimum RTT (a retransmitted segment whose
     * RTT is below the minimum was delivered by its original, and says nothing), and one
     * delivered below RACK.fack that was never retransmitted shows reordering. A D-SACK opens a
     * round in which the reordering window widens once (step 4).
     */
    void acknowledged(int sndUna, int sndNxt, SackScoreboard scoreboard, boolean dsack, long now) {
        if (dsackRoundOpen && ge(sndUna, dsackRound)) {
            dsackRoundOpen = false;
        }
        if (dsack) {
            dsacks++;
            if (!dsackRoundOpen) {
                dsackRoundOpen = true;
                dsackRound = sndNxt;
                reoWndMult++;
                reoWndPersist = REO_WND_PERSIST;
            }
        }
        int keep = 0;
        for (int i = 0; i < count; i++) {
            boolean cumulative = le(end[i], sndUna);
            boolean newlySacked = !cumulative && (flags[i] & SACKED) == 0 && scoreboard.covers(start[i], end[i]);
            if (cumulative && (flags[i] & SACKED) == 0 || newlySacked) {
                deliver(i, now);
            }
            if (newlySacked) {
                flags[i] |= SACKED;
            }
            if (!cumulative) {
                start[keep] = SeqNumber.max(start[i], sndUna);
                end[keep] = end[i];
                sentAt[keep] = sentAt[i];
                flags[keep] = flags[i];
                keep++;
            }
        }
        count = keep;
    }

    private void deliver(int i, long now) {
        long rtt = now - sentAt[i];
        boolean retransmitted = (flags[i] & RETRANSMITTED) != 0;
        if (retransmitted && rtt < minRtt) {
            return;
        }
        if (!retransmitted) {
            minRtt = Math.min(minRtt, rtt);
        }
        if (!delivered || sentAt[i] > rackSentAt || sentAt[i] == rackSentAt && gt(end[i], rackEnd)) {
            delivered = true;
            rackSentAt = sentAt[i];
            rackEnd = end[i];
            rackRtt = rtt;
        }
        if (!retransmitted && lt(end[i], fack)) {
            reordering = true;
        } else if (gt(end[i], fack)) {
            fack = end[i];
        }
    }

    /**
     * The round trip an ACK of {@code ack} measures, in microseconds, or -1: the time since the
     * most recently sent segment it newly acknowledges went, among those sent once and not
     * SACKed before (RFC 6298 §3, Karn: a retransmitted segment says nothing; nor does one that
     * was outstanding at a timeout, which may have arrived long before). The most recent one,
     * as Linux times its congestion control, so that an ACK which also covers segments whose own
     * ACK was lost is not counted as their round trip. The send times are the
     * stack's microseconds, so the sample is as fine as the clock, where the timestamp echo
     * (RFC 7323 §4) counts whole milliseconds: on a LAN that echo says 0 or 1 ms, and a PTO of
     * twice such an SRTT fires before the ACK can come back. Call it before {@link #acknowledged}.
     */
    long roundTrip(int sndUna, int ack, long now) {
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < count && le(end[i], ack); i++) {
            if (gt(end[i], sndUna) && (flags[i] & (SACKED | RETRANSMITTED | UNTIMED)) == 0) {
                latest = Math.max(latest, sentAt[i]);
            }
        }
        return latest == Long.MIN_VALUE || latest > now ? -1 : now - latest;
    }

    /**
     * A valid round-trip sample of the connection (the handshake's included): RACK.min_RTT is
     * the least of them, as Linux's is, so that before any segment of data was delivered once a
     * retransmission can already be told from its original (RFC 8985 §6.2 step 2).
     */
    void roundTripSampled(long rtt) {
        minRtt = Math.min(minRtt, rtt);
    }

    /** A recovery (fast or after a timeout) ended: a widened window persists only so many (RFC 8985 §6.2 step 4). */
    void recoveryEnded() {
        if (reoWndPersist > 0 && --reoWndPersist == 0) {
            reoWndMult = 1;
        }
    }

    /**
     * RFC 8985 §6.2 steps 4 and 5: marks lost every segment not delivered that was sent before
     * the most recent delivery and has been out longer than its RTT plus the reordering
     * window; remembers when the next one would be ({@link #reorderDeadline}). Returns how many
     * segments were newly marked.
     */
    int detectLoss(long now, boolean inRecovery, int sackedSegments, long srtt) {
        reoWnd = reorderingWindow(inRecovery, sackedSegments, srtt);
        reorderDeadline = Micros.NEVER;
        if (!delivered) {
            return 0;
        }
        int marked = 0;
        for (int i = 0; i < count; i++) {
            if ((flags[i] & (SACKED | LOST)) != 0) {
                continue;
            }
            boolean sentBefore = sentAt[i] < rackSentAt || sentAt[i] == rackSentAt && lt(end[i], rackEnd);
            if (!sentBefore) {
                continue;
            }
            long due = sentAt[i] + rackRtt + reoWnd;
            if (due <= now) {
                flags[i] |= LOST;
                marked++;
            } else {
                reorderDeadline = Math.min(reorderDeadline, due);
            }
        }
        lossesDetected += marked;
        return marked;
    }

    private long reorderingWindow(boolean inRecovery, int sackedSegments, long srtt) {
        if (!reordering && (inRecovery || sackedSegments >= LossRecovery.DUP_THRESH)) {
            return 0;
        }
        if (minRtt == Long.MAX_VALUE) {
            return 0;
        }
        return Math.min(minRtt / 4 * reoWndMult, srtt);
    }

    /** After a timeout every outstanding segment goes again (go-back-N): no mark is kept. */
    void goBack() {
        for (int i = 0; i < count; i++) {
            flags[i] = (byte) ((flags[i] & ~(SACKED | LOST)) | UNTIMED);
        }
        reorderDeadline = Micros.NEVER;
    }

    /**
     * The first octet of a segment marked lost and not resent since, not SACKed, at or above
     * {@code from}; {@code none} when there is none.
     */
    int firstLost(SackScoreboard scoreboard, int sndUna, int none) {
        for (int i = 0; i < count; i++) {
            if ((flags[i] & (LOST | SACKED)) != LOST) {
                continue;
            }
            int at = scoreboard.firstUnsacked(SeqNumber.max(start[i], sndUna), end[i]);
            if (lt(at, end[i])) {
                return at;
            }
        }
        return none;
    }

    /** The end of the segment holding {@code seq}. */
    int segmentEnd(int seq, int none) {
        for (int i = 0; i < count; i++) {
            if (le(start[i], seq) && lt(seq, end[i])) {
                return end[i];
            }
        }
        return none;
    }

    /** RFC 6675 pipe with RACK's marks: octets sent, neither delivered (SACKed) nor lost. */
    int pipe(SackScoreboard scoreboard) {
        long pipe = 0;
        for (int i = 0; i < count; i++) {
            if ((flags[i] & (SACKED | LOST)) == 0) {
                pipe += end[i] - start[i] - scoreboard.sackedWithin(start[i], end[i]);
            }
        }
        return (int) Math.min(pipe, Integer.MAX_VALUE);
    }

    boolean anyLost() {
        for (int i = 0; i < count; i++) {
            if ((flags[i] & (LOST | SACKED)) == LOST) {
                return true;
            }
        }
        return false;
    }

    long reorderDeadline() {
        return reorderDeadline;
    }

    long reorderingWindow() {
        return reoWnd;
    }

    boolean reorderingSeen() {
        return reordering;
    }

    long minRtt() {
        return minRtt == Long.MAX_VALUE ? 0 : minRtt;
    }

    long lossesDetected() {
        return lossesDetected;
    }

    long dsacks() {
        return dsacks;
    }

    int segments() {
        return count;
    }

    /**
     * Whether the ACK's first SACK block is a D-SACK (RFC 2883 §4): it lies at or below the
     * cumulative ACK, or inside the second block.
     */
    static boolean isDsack(TcpRepr in) {
        if (in.sackBlockCount() == 0) {
            return false;
        }
        int left = in.sackLeft(0);
        int right = in.sackRight(0);
        if (le(right, in.ackNumber())) {
            return true;
        }
        return in.sackBlockCount() > 1 && ge(left, in.sackLeft(1)) && le(right, in.sackRight(1));
    }
}

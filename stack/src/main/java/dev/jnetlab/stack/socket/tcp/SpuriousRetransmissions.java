package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.SeqNumber.ge;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.gt;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.le;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.lt;

import dev.jnetlab.stack.wire.TcpRepr;

/**
 * Whether the sender's last window reduction was spurious: the segments it took for lost had
 * only been delayed or reordered, and their originals reached the peer.
 *
 * <p>One <i>episode</i> begins with each reduction (a fast retransmit or RACK's recovery, or
 * the first of a run of timeouts for the same SND.UNA) and stays open until one more flight
 * after the octets outstanding at the reduction is acknowledged. Two detections run in it:
 * <ul>
 *   <li><b>Eifel</b> (RFC 3522 §2): the first ACK that advances SND.UNA after the first
 *       retransmission echoes a timestamp older than that retransmission's (its RetransmitTS):
 *       the original was acknowledged, not the retransmission.</li>
 *   <li><b>D-SACK</b> (RFC 3708 §3, counted in octets as Linux's undo_retrans counts
 *       segments): every octet retransmitted in the episode came back reported as a duplicate
 *       (RFC 2883), so none of them had been lost. Only a D-SACK inside what was retransmitted
 *       counts (a copy the network made of another segment says nothing); an episode with more
 *       separate retransmitted ranges than {@link #RANGES} is not judged.</li>
 * </ul>
 * The socket then undoes the reduction ({@link CongestionControl#onSpuriousCongestionEvent}),
 * leaves recovery and, after a timeout, resumes with new data (RFC 4015 §3.2). Nothing here
 * allocates.
 */
final class SpuriousRetransmissions {
    /** How an undone reduction was found spurious, for {@code tcp show}. */
    enum Detection {
        NONE,
        /** RFC 3522: the timestamp echo. */
        EIFEL,
        /** RFC 3708: duplicate SACKs for every retransmitted octet. */
        DSACK
    }

    /** The separate retransmitted ranges an episode remembers. */
    static final int RANGES = 16;

    private boolean open;
    private boolean afterTimeout;
    /** SND.UNA and SND.MAX at the reduction: the octets it took for lost lie between. */
    private int start;
    private int end;
    private boolean retransmitted;
    /** RFC 3522 RetransmitTS: the TSval of the episode's first retransmission, if it had one. */
    private boolean retransmitTsValid;
    private int retransmitTs;
    /** Eifel looks at one ACK only: the first that advances SND.UNA after the retransmission. */
    private boolean eifelChecked;
    /** Retransmitted octets that no D-SACK has reported yet. */
    private long unreported;
    private final int[] rangeStart = new int[RANGES];
    private final int[] rangeEnd = new int[RANGES];
    private int ranges;
    /** More ranges were retransmitted than fit: D-SACKs cannot judge this episode. */
    private boolean rangesLost;
    /** Whether SND.UNA reached {@link #end}; then the episode lasts until it passes {@link #closeAt}. */
    private boolean flightAcked;
    private int closeAt;
    private long eifelUndos;
    private long dsackUndos;

    /** A new connection: no episode, counters at zero. */
    void reset() {
        open = false;
        eifelUndos = 0;
        dsackUndos = 0;
    }

    /**
     * The window was reduced with [{@code sndUna}, {@code sndMax}) outstanding; {@code timeout}
     * when by the retransmission timer. A timeout again for the same SND.UNA continues the
     * episode: the controller keeps its first reduction too (RFC 5681 §3.1).
     */
    void reduced(boolean timeout, int sndUna, int sndMax) {
        if (open && timeout && afterTimeout && sndUna == start) {
            return;
        }
        open = true;
        afterTimeout = timeout;
        start = sndUna;
        end = sndMax;
        retransmitted = false;
        retransmitTsValid = false;
        eifelChecked = false;
        unreported = 0;
        ranges = 0;
        rangesLost = false;
        flightAcked = false;
    }

    /** A reduction that cannot be undone here (a loss repaired by a tail loss probe) ends the episode. */
    void abandon() {
        open = false;
    }

    /** The segment {@code out}, [{@code seq}, {@code seq + length}), went again. */
    void retransmitted(int seq, int length, TcpRepr out) {
        if (!open || !lt(seq, end) || lt(seq, start)) {
            return;
        }
        if (!retransmitted) {
            retransmitted = true;
            retransmitTsValid = out.hasTimestamps();
            retransmitTs = retransmitTsValid ? out.tsVal() : 0;
        }
        unreported += length;
        remember(seq, seq + length);
    }

    private void remember(int from, int to) {
        for (int i = 0; i < ranges; i++) {
            if (rangeEnd[i] == from) {
                rangeEnd[i] = to;
                return;
            }
        }
        if (ranges == RANGES) {
            rangesLost = true;
            return;
        }
        rangeStart[ranges] = from;
        rangeEnd[ranges] = to;
        ranges++;
    }

    private boolean wasRetransmitted(int left, int right) {
        for (int i = 0; i < ranges; i++) {
            if (!lt(left, rangeStart[i]) && le(right, rangeEnd[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * An ACK of {@code ack} advanced SND.UNA; SND.MAX is {@code sndMax}. Returns
     * {@link Detection#EIFEL} when its echo shows the reduction spurious.
     */
    Detection acknowledged(int ack, int sndMax, TcpRepr in) {
        if (!open) {
            return Detection.NONE;
        }
        if (retransmitted && !eifelChecked) {
            eifelChecked = true;
            if (retransmitTsValid && in.hasTimestamps() && lt(in.tsEcr(), retransmitTs)) {
                open = false;
                eifelUndos++;
                return Detection.EIFEL;
            }
        }
        if (!flightAcked && ge(ack, end)) {
            flightAcked = true;
            closeAt = sndMax;
        } else if (flightAcked && gt(ack, closeAt)) {
            open = false;
        }
        return Detection.NONE;
    }

    /**
     * A D-SACK reported [{@code left}, {@code right}) received twice. Returns
     * {@link Detection#DSACK} when that was the last retransmitted octet not yet reported.
     */
    Detection duplicateReported(int left, int right) {
        if (!open || !retransmitted || rangesLost || !lt(left, right) || !wasRetransmitted(left, right)) {
            return Detection.NONE;
        }
        unreported -= right - left;
        if (unreported > 0) {
            return Detection.NONE;
        }
        open = false;
        dsackUndos++;
        return Detection.DSACK;
    }

    /** Whether the open episode began with a timeout (RFC 4015 then resumes with new data). */
    boolean afterTimeout() {
        return afterTimeout;
    }

    /** Reductions undone because of a timestamp echo (RFC 3522). */
    long eifelUndos() {
        return eifelUndos;
    }

    /** Reductions undone because of D-SACKs (RFC 3708). */
    long dsackUndos() {
        return dsackUndos;
    }
}

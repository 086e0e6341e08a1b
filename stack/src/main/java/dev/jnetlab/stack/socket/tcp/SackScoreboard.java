package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.SeqNumber.gt;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.le;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.lt;

import dev.jnetlab.stack.wire.TcpRepr;

/**
 * The sender's SACK scoreboard (RFC 6675 §3, simplified): the ranges above SND.UNA that the
 * peer reported received (RFC 2018), kept sorted and merged, at most {@link #RANGES} of them.
 * Made with the socket; nothing here allocates.
 */
final class SackScoreboard {
    /** Distinct SACKed ranges remembered above SND.UNA. */
    static final int RANGES = 8;

    private final int[] left = new int[RANGES];
    private final int[] right = new int[RANGES];
    private int count;

    /** Forgets every range (a new connection; or after a timeout, when it is not trusted, RFC 2018 §8). */
    void reset() {
        count = 0;
    }

    /** How many distinct ranges are held. */
    int rangeCount() {
        return count;
    }

    /**
     * Merges the SACK blocks of {@code in}; only blocks inside (SND.UNA, SND.MAX] mean anything
     * (RFC 2018 §4; a D-SACK block below SND.UNA is ignored). Returns how many octets were newly
     * SACKed.
     */
    int update(TcpRepr in, int sndUna, int sndMax) {
        int before = sackedOctets();
        for (int i = 0; i < in.sackBlockCount(); i++) {
            int blockLeft = in.sackLeft(i);
            int blockRight = in.sackRight(i);
            if (!lt(blockLeft, blockRight) || !gt(blockLeft, sndUna) || gt(blockRight, sndMax)) {
                continue;
            }
            add(blockLeft, blockRight);
        }
        return sackedOctets() - before;
    }

    private void add(int newLeft, int newRight) {
        int i = 0;
        while (i < count && lt(right[i], newLeft)) {
            i++;
        }
        int j = i;
        while (j < count && le(left[j], newRight)) {
            j++;
        }
        if (j > i) {
            int mergedLeft = SeqNumber.min(left[i], newLeft);
            int mergedRight = SeqNumber.max(right[j - 1], newRight);
            left[i] = mergedLeft;
            right[i] = mergedRight;
            int removed = j - i - 1;
            System.arraycopy(left, j, left, i + 1, count - j);
            System.arraycopy(right, j, right, i + 1, count - j);
            count -= removed;
            return;
        }
        if (count == RANGES) {
            if (i == count) {
                return;
            }
            // Full: forget the highest range; forgetting a SACK only costs a needless retransmission.
            count--;
        }
        System.arraycopy(left, i, left, i + 1, count - i);
        System.arraycopy(right, i, right, i + 1, count - i);
        left[i] = newLeft;
        right[i] = newRight;
        count++;
    }

    /** SND.UNA moved to {@code seq}: what lies below it is acknowledged outright. */
    void dropBelow(int seq) {
        int keep = 0;
        for (int i = 0; i < count; i++) {
            if (le(right[i], seq)) {
                continue;
            }
            left[keep] = SeqNumber.max(left[i], seq);
            right[keep] = right[i];
            keep++;
        }
        count = keep;
    }

    int sackedOctets() {
        int total = 0;
        for (int i = 0; i < count; i++) {
            total += right[i] - left[i];
        }
        return total;
    }

    /** One past the highest SACKed octet, or {@code sndUna} when nothing is SACKed. */
    int highestSacked(int sndUna) {
        return count == 0 ? sndUna : right[count - 1];
    }

    /**
     * RFC 6675 SetPipe(), simplified: every unSACKed octet below the highest SACKed one counts
     * as lost (as FACK does, rather than RFC 6675's DupThresh rule per octet), so the pipe is the
     * octets sent above the highest SACK plus the lost octets already retransmitted (below
     * {@code highRxt}).
     */
    int pipe(int sndUna, int sndMax, int highRxt) {
        int highest = highestSacked(sndUna);
        long pipe = sndMax - highest;
        int rtxEnd = SeqNumber.min(highRxt, highest);
        int at = sndUna;
        for (int i = 0; i <= count && lt(at, rtxEnd); i++) {
            int holeEnd = i < count ? SeqNumber.min(left[i], rtxEnd) : rtxEnd;
            if (gt(holeEnd, at)) {
                pipe += holeEnd - at;
            }
            if (i < count) {
                at = right[i];
            }
        }
        return (int) pipe;
    }

    /**
     * RFC 6675 NextSeg() rule 1, simplified: the first unSACKed octet at or after HighRxt and
     * below the highest SACKed octet; {@code sndMax} when there is none.
     */
    int nextHole(int sndUna, int sndMax, int highRxt) {
        int at = SeqNumber.max(highRxt, sndUna);
        int highest = highestSacked(sndUna);
        for (int i = 0; i < count; i++) {
            if (lt(at, left[i])) {
                return lt(at, highest) ? at : sndMax;
            }
            if (lt(at, right[i])) {
                at = right[i];
            }
        }
        return sndMax;
    }

    /** Where the hole starting at {@code hole} ends: the next SACKed range, or SND.MAX. */
    int holeEnd(int hole, int sndMax) {
        for (int i = 0; i < count; i++) {
            if (gt(left[i], hole)) {
                return left[i];
            }
        }
        return sndMax;
    }

    /** One past the highest octet below {@code sndMax} not SACKed; {@code sndUna} when all are. */
    int highestUnsackedEnd(int sndUna, int sndMax) {
        int end = sndMax;
        for (int i = count - 1; i >= 0; i--) {
            if (right[i] == end) {
                end = left[i];
            }
        }
        return gt(end, sndUna) ? end : sndUna;
    }

    /** The end of the highest SACKed range below {@code seq}, or {@code sndUna}. */
    int sackedEndBelow(int seq, int sndUna) {
        int at = sndUna;
        for (int i = 0; i < count; i++) {
            if (le(right[i], seq) && gt(right[i], at)) {
                at = right[i];
            }
        }
        return at;
    }

    /** Whether [{@code from}, {@code to}) is SACKed whole. */
    boolean covers(int from, int to) {
        for (int i = 0; i < count; i++) {
            if (le(left[i], from) && le(to, right[i])) {
                return true;
            }
        }
        return false;
    }

    /** The first octet in [{@code from}, {@code to}) not SACKed; {@code to} when all are. */
    int firstUnsacked(int from, int to) {
        int at = from;
        for (int i = 0; i < count && lt(at, to); i++) {
            if (le(left[i], at) && lt(at, right[i])) {
                at = right[i];
            }
        }
        return lt(at, to) ? at : to;
    }

    /** How many octets of [{@code from}, {@code to}) are SACKed. */
    int sackedWithin(int from, int to) {
        int total = 0;
        for (int i = 0; i < count; i++) {
            int l = SeqNumber.max(left[i], from);
            int r = SeqNumber.min(right[i], to);
            if (lt(l, r)) {
                total += r - l;
            }
        }
        return total;
    }
}

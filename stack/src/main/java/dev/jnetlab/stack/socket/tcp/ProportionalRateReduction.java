package dev.jnetlab.stack.socket.tcp;

/**
 * Proportional Rate Reduction (RFC 6937) decides how much a SACK sender sends during fast
 * recovery: while the pipe is above ssthresh, in proportion to what the ACKs report delivered
 * (ssthresh / RecoverFS of it), so the window comes down to ssthresh smoothly over one round
 * trip instead of stopping and bursting; below it, slow start back up to ssthresh, at most one
 * MSS more than was delivered per ACK (PRR-SSRB, §3.1). Nothing here allocates.
 */
final class ProportionalRateReduction {
    /** RFC 6937 RecoverFS: the pipe when recovery began. */
    private long recoverFs;
    /** prr_delivered and prr_out: octets delivered to the receiver, and sent, since recovery began. */
    private long delivered;
    private long out;
    /** sndcnt of the last ACK, less what has gone since. */
    private long allowance;

    void reset() {
        recoverFs = 0;
        delivered = 0;
        out = 0;
        allowance = 0;
    }

    /**
     * Recovery begins with {@code pipe} octets in the network (RFC 6937 §3, initialization);
     * the first retransmission may go at once, also when a timer (RACK's) began it, not an ACK.
     */
    void start(int pipe, int mss) {
        recoverFs = Math.max(pipe, 1);
        delivered = 0;
        out = 0;
        allowance = mss;
    }

    /**
     * An ACK during recovery reported {@code deliveredData} octets newly delivered (SND.UNA's
     * advance plus newly SACKed octets); {@code pipe} is what is in the network after it.
     * Computes sndcnt, the octets that may leave now (RFC 6937 §3, on every ACK).
     */
    void acknowledged(int deliveredData, int pipe, int ssthresh, int mss) {
        delivered += deliveredData;
        long sndcnt;
        if (pipe > ssthresh) {
            // Proportional: ceil(prr_delivered * ssthresh / RecoverFS) - prr_out.
            sndcnt = (delivered * ssthresh + recoverFs - 1) / recoverFs - out;
        } else {
            // Slow start reduction bound: catch up to ssthresh, one MSS beyond what was delivered.
            long limit = Math.max(delivered - out, deliveredData) + mss;
            sndcnt = Math.min((long) ssthresh - pipe, limit);
        }
        if (out == 0) {
            // The ACK that starts recovery lets the first retransmission out whatever the
            // proportion says (as Linux does), so recovery never waits for a second ACK.
            sndcnt = Math.max(sndcnt, mss);
        }
        allowance = Math.max(sndcnt, 0);
    }

    /** What may be sent now, beyond the pipe. */
    long allowance() {
        return allowance;
    }

    /** {@code octets} went during recovery (RFC 6937: prr_out += data sent). */
    void sent(int octets) {
        out += octets;
        allowance = Math.max(allowance - octets, 0);
    }

    long delivered() {
        return delivered;
    }

    long out() {
        return out;
    }

    long recoverFs() {
        return recoverFs;
    }
}

package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.time.Micros;

/**
 * The retransmission timeout of one connection (RFC 6298).
 *
 * <p>Keeps SRTT and RTTVAR from round-trip samples (§2.2, §2.3: {@code RTTVAR = 3/4 RTTVAR +
 * 1/4 |SRTT - R|}, {@code SRTT = 7/8 SRTT + 1/8 R}, {@code RTO = SRTT + max(G, 4 RTTVAR)}), an
 * initial RTO of 1 s (§2.1), a configurable lower bound (200 ms by default: current practice,
 * RFC 8961 §4 and Linux's TCP_RTO_MIN, rather than §2.4's conservative 1 s) and an upper
 * bound of 60 s (§2.5), and exponential backoff on each expiry (§5.5). Which samples are valid
 * (Karn's algorithm, §3, or the Timestamps option, RFC 7323 §4) is the socket's business: it
 * feeds only valid ones. A new sample ends the backoff, because the RTO is then computed again
 * from measurements (§5.7 and Karn's "until a valid sample").
 *
 * <p>All times are microseconds. Not a record: it changes with every sample.
 */
public final class RttEstimator {

    /** The RTO before any sample (RFC 6298 §2.1). */
    public static final long INITIAL_RTO = Micros.ofSeconds(1);
    /**
     * The default lower bound: 200 ms as Linux. RFC 6298 §2.4 asks for 1 s, which RFC 8961 §4
     * calls conservative; a lab that teaches the 1 s rule sets {@code rto-min: 1s} itself.
     */
    public static final long DEFAULT_MIN_RTO = Micros.ofMillis(200);
    /** The upper bound (RFC 6298 §2.5 allows one of at least 60 s). */
    public static final long DEFAULT_MAX_RTO = Micros.ofSeconds(60);
    /** The clock granularity G: the stack's clock is in microseconds, its loop in milliseconds. */
    public static final long GRANULARITY = Micros.ofMillis(1);
    /** The RTO after a SYN had to be retransmitted and no sample was taken (RFC 6298 §5.7). */
    public static final long RTO_AFTER_SYN_LOSS = Micros.ofSeconds(3);

    private long minRto = DEFAULT_MIN_RTO;
    private long maxRto = DEFAULT_MAX_RTO;
    private boolean hasSample;
    private long srtt;
    private long rttvar;
    private long baseRto = INITIAL_RTO;
    private int backoffs;

    /** Forgets every sample and the backoff; the bounds stay. */
    public void reset() {
        hasSample = false;
        srtt = 0;
        rttvar = 0;
        baseRto = clamp(INITIAL_RTO);
        backoffs = 0;
    }

    /** Sets the lower bound of the RTO (RFC 6298 §2.4 says 1 s, Linux 200 ms; a lab on a LAN may want less). */
    public void setMinRto(long micros) {
        if (micros <= 0 || micros > maxRto) {
            throw new IllegalArgumentException("minimum RTO must be in (0, " + maxRto + "] us: " + micros);
        }
        this.minRto = micros;
        this.baseRto = clamp(hasSample ? computeRto() : INITIAL_RTO);
    }

    /** Sets the upper bound of the RTO (RFC 6298 §2.5 allows a maximum of at least 60 s; a lab may want less). */
    public void setMaxRto(long micros) {
        if (micros < minRto) {
            throw new IllegalArgumentException("maximum RTO must be at least the minimum, " + minRto + " us: " + micros);
        }
        this.maxRto = micros;
        this.baseRto = clamp(hasSample ? computeRto() : INITIAL_RTO);
    }

    public long minRto() {
        return minRto;
    }

    public long maxRto() {
        return maxRto;
    }

    /** Whether at least one sample has been taken. */
    public boolean hasSample() {
        return hasSample;
    }

    /** SRTT in microseconds; zero before the first sample. */
    public long srtt() {
        return srtt;
    }

    /** RTTVAR in microseconds; zero before the first sample. */
    public long rttvar() {
        return rttvar;
    }

    /** How many times the timer has backed off since the last sample. */
    public int backoffs() {
        return backoffs;
    }

    /** The current RTO, backoff included, in microseconds. */
    public long rto() {
        long rto = baseRto;
        for (int i = 0; i < backoffs && rto < maxRto; i++) {
            rto <<= 1;
        }
        return Math.min(rto, maxRto);
    }

    /** Takes a valid round-trip sample of {@code rtt} microseconds (RFC 6298 §2.2, §2.3). */
    public void sample(long rtt) {
        if (rtt < 0) {
            throw new IllegalArgumentException("negative round-trip time: " + rtt);
        }
        if (!hasSample) {
            srtt = rtt;
            rttvar = rtt / 2;
            hasSample = true;
        } else {
            long error = Math.abs(srtt - rtt);
            rttvar = (3 * rttvar + error) / 4;
            srtt = (7 * srtt + rtt) / 8;
        }
        baseRto = clamp(computeRto());
        backoffs = 0;
    }

    /** The timer expired: double the RTO, up to the upper bound (RFC 6298 §5.5). */
    public void backoff() {
        if (rto() < maxRto) {
            backoffs++;
        }
    }

    /**
     * A SYN had to be retransmitted: unless a sample was taken since, data transmission starts
     * with an RTO of 3 s (RFC 6298 §5.7), or the lower bound if that is larger.
     */
    public void synWasRetransmitted() {
        if (!hasSample) {
            baseRto = clamp(Math.max(RTO_AFTER_SYN_LOSS, baseRto));
        }
        backoffs = 0;
    }

    private long computeRto() {
        return srtt + Math.max(GRANULARITY, 4 * rttvar);
    }

    private long clamp(long rto) {
        return Math.max(minRto, Math.min(maxRto, rto));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(48).append("srtt=");
        Micros.appendTo(out, srtt).append(" rttvar=");
        Micros.appendTo(out, rttvar).append(" rto=");
        return Micros.appendTo(out, rto()).toString();
    }
}

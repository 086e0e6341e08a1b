package dev.jnetlab.stack.socket.tcp;

import static dev.jnetlab.stack.socket.tcp.SeqNumber.ge;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.gt;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.le;
import static dev.jnetlab.stack.socket.tcp.SeqNumber.lt;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.TcpRepr;

/**
 * The timestamps option of one connection (RFC 7323): our TSval clock (milliseconds, offset by
 * the ISS), TS.Recent and Last.ACK.sent (§4.3), PAWS (§5) and the RTT samples the echoes give
 * (§4). Made with the socket; nothing here allocates.
 */
final class Timestamps {
    /** How long TS.Recent stays valid on an idle connection (RFC 7323 §5.5: 24 days). */
    static final long TS_RECENT_LIFETIME = Micros.ofSeconds(24L * 24 * 3600);
    /** The option's length in a segment: 10 octets and two NOPs. */
    static final int LENGTH = 12;

    /** What an arriving segment's timestamps allow. */
    enum Arrival {
        /** Go on with it. */
        TAKEN,
        /** No timestamps once negotiated: dropped silently (§3.2). */
        MISSING,
        /** Older than TS.Recent: rejected by PAWS (§5.3 R1), answered with an ACK. */
        OLD
    }

    private boolean negotiated;
    private int offset;
    private int recent;
    private long recentAt;
    private boolean recentValid;
    /** The ACK number of the last segment sent (§4.3 Last.ACK.sent). */
    private int lastAckSent;
    /** SND.MAX when the last sample was taken; the next comes from an ACK beyond it. */
    private int sampledUpTo;
    private boolean sampledValid;
    /** The TSval of our latest retransmission: echoes older than it are ambiguous. */
    private int lastRetransmissionTsVal;
    private boolean retransmitted;
    private long pawsRejected;
    private long missingDrops;

    /** A new connection: not negotiated, nothing recent, counters at zero. */
    void reset() {
        negotiated = false;
        offset = 0;
        recent = 0;
        recentAt = 0;
        recentValid = false;
        lastAckSent = 0;
        sampledUpTo = 0;
        sampledValid = false;
        lastRetransmissionTsVal = 0;
        retransmitted = false;
        pawsRejected = 0;
        missingDrops = 0;
    }

    /** Our clock starts at the ISS, so that TSvals say nothing about the host's uptime. */
    void start(int iss) {
        offset = iss;
    }

    /** The SYN from the peer: timestamps are on if we offer them and it carries them. */
    void negotiate(long now, TcpRepr syn, boolean offered) {
        negotiated = offered && syn.hasTimestamps();
        if (negotiated) {
            takeRecent(now, syn.tsVal());
        }
    }

    boolean negotiated() {
        return negotiated;
    }

    /** The octets the option takes in every segment once negotiated. */
    int optionLength() {
        return negotiated ? LENGTH : 0;
    }

    /** Our TSval at {@code now}. */
    int clock(long now) {
        return (int) (now / Micros.PER_MILLI) + offset;
    }

    /** TS.Recent: what our segments echo. */
    int recent() {
        return recent;
    }

    /** Writes our TSval and the echo of TS.Recent into {@code out}. */
    void fill(long now, TcpRepr out) {
        out.timestamps(clock(now), recent);
    }

    /**
     * RFC 7323 §3.2 and §5.3 R1, before the sequence number is looked at: a segment other than
     * an RST must carry timestamps once they are negotiated, and one older than TS.Recent is
     * rejected, unless TS.Recent has outlived {@link #TS_RECENT_LIFETIME} (§5.5).
     */
    Arrival arrive(long now, TcpRepr in) {
        if (!negotiated || in.isRst()) {
            return Arrival.TAKEN;
        }
        if (!in.hasTimestamps()) {
            missingDrops++;
            return Arrival.MISSING;
        }
        if (recentValid && lt(in.tsVal(), recent)) {
            if (now - recentAt > TS_RECENT_LIFETIME) {
                recentValid = false;
            } else {
                pawsRejected++;
                return Arrival.OLD;
            }
        }
        return Arrival.TAKEN;
    }

    /** RFC 7323 §4.3: TS.Recent follows the segment that the last ACK sent covered. */
    void update(long now, TcpRepr in) {
        if (negotiated && in.hasTimestamps() && ge(in.tsVal(), recent) && le(in.seq(), lastAckSent)) {
            takeRecent(now, in.tsVal());
        }
    }

    private void takeRecent(long now, int tsVal) {
        recent = tsVal;
        recentAt = now;
        recentValid = true;
    }

    /** A segment acknowledging {@code ack} went out (Last.ACK.sent). */
    void acknowledged(int ack) {
        lastAckSent = ack;
    }

    /** A retransmission went out carrying {@code out}'s TSval. */
    void retransmitted(TcpRepr out) {
        if (out.hasTimestamps()) {
            retransmitted = true;
            lastRetransmissionTsVal = out.tsVal();
        }
    }

    /** The retransmission timer backed off: the next ACK of a retransmission, timed by its echo, may end it (§4). */
    void backedOff() {
        sampledValid = false;
    }

    /**
     * The RTT sample the echo of {@code in}, an ACK of {@code ack}, gives at {@code now}, or -1:
     * one per flight (the first ACK beyond SND.MAX of the previous sample), none from an echo
     * older than our latest retransmission, none negative or above {@code maxSample}.
     */
    long sample(long now, int ack, TcpRepr in, int sndMax, long maxSample) {
        if (!gt(ack, sampledUpTo) && sampledValid) {
            return -1;
        }
        if (retransmitted && lt(in.tsEcr(), lastRetransmissionTsVal)) {
            // Echoes a transmission older than our last retransmission: it may answer the
            // retransmission through a duplicate (its first ACK lost), and would then measure
            // the timeout too. Ambiguous, so not a sample.
            return -1;
        }
        int ticks = clock(now) - in.tsEcr();
        if (ticks < 0 || Micros.ofMillis(ticks) > maxSample) {
            return -1;
        }
        sampledUpTo = sndMax;
        sampledValid = true;
        return Micros.ofMillis(ticks);
    }

    long pawsRejected() {
        return pawsRejected;
    }

    long missingDrops() {
        return missingDrops;
    }
}

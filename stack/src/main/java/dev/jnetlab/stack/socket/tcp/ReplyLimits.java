package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.time.Micros;

/**
 * How often a connection may answer what it will not take, so that nobody can make it talk
 * without limit: challenge ACKs at most {@code limit} per second (RFC 5961 §7), and the ACK owed
 * to an unacceptable segment without text at most once per {@link #OUT_OF_WINDOW_ACK_INTERVAL}
 * (two ends that disagree about a window would otherwise answer each other's ACKs forever, an
 * "ACK war"; Linux limits these the same way). The limit is a setting that outlives
 * connections; the counts do not.
 */
final class ReplyLimits {
    /** At most one ACK per this interval answers unacceptable segments without text. */
    static final long OUT_OF_WINDOW_ACK_INTERVAL = Micros.ofMillis(500);

    private int challengeLimit = TcpSocket.DEFAULT_CHALLENGE_ACK_LIMIT;
    private long challengeWindowStart;
    private int challengesInWindow;
    private long challengeAcks;
    private boolean outOfWindowAckSent;
    private long lastOutOfWindowAck;

    /** A new connection: nothing answered yet. */
    void reset() {
        challengeWindowStart = 0;
        challengesInWindow = 0;
        challengeAcks = 0;
        outOfWindowAckSent = false;
        lastOutOfWindowAck = 0;
    }

    void setChallengeLimit(int perSecond) {
        this.challengeLimit = perSecond;
    }

    /** Whether a challenge ACK may go at {@code now}; if so it is counted. */
    boolean takeChallenge(long now) {
        if (now - challengeWindowStart >= Micros.PER_SECOND || challengeWindowStart > now) {
            challengeWindowStart = now;
            challengesInWindow = 0;
        }
        if (challengesInWindow >= challengeLimit) {
            return false;
        }
        challengesInWindow++;
        challengeAcks++;
        return true;
    }

    /** Whether the ACK for an unacceptable segment without text may go at {@code now}; if so it is counted. */
    boolean takeOutOfWindowAck(long now) {
        if (outOfWindowAckSent && now - lastOutOfWindowAck < OUT_OF_WINDOW_ACK_INTERVAL && now >= lastOutOfWindowAck) {
            return false;
        }
        outOfWindowAckSent = true;
        lastOutOfWindowAck = now;
        return true;
    }

    /** Challenge ACKs allowed so far on this connection. */
    long challengeAcks() {
        return challengeAcks;
    }
}

package dev.jnetlab.stack.socket.tcp;

/**
 * How long a connection has spent in fast recovery (RFC 6675 §5 to its end, RACK's recoveries
 * included), for {@code tcp show}: the sender's loss recovery is measured by how much of a
 * transfer it takes. The socket tells it after every segment and every dispatch whether a
 * recovery is on; nothing here allocates.
 */
final class RecoveryTime {
    private boolean recovering;
    private long since;
    private long total;

    void reset() {
        recovering = false;
        total = 0;
    }

    /** At {@code now} a recovery is on or not. */
    void observe(long now, boolean inRecovery) {
        if (inRecovery && !recovering) {
            since = now;
        } else if (!inRecovery && recovering) {
            total += Math.max(now - since, 0);
        }
        recovering = inRecovery;
    }

    /** Microseconds spent in recovery until {@code now}, the one under way included. */
    long total(long now) {
        return recovering ? total + Math.max(now - since, 0) : total;
    }
}

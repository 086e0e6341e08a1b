package dev.jnetlab.stack.forward;

/**
 * A router's bucket for its {@link IcmpRateLimit}: full at first, filled by the time that
 * passes on the stack's clock, so a test knows which errors go (after a burst of 50 at the
 * default, the next one a millisecond later). Tokens are kept in millionths, so that any rate
 * refills in whole microseconds. Primitives only: taking a token allocates nothing.
 * Not thread-safe: the router's.
 */
final class IcmpTokenBucket {
    private static final long ONE = 1_000_000L;

    private IcmpRateLimit limit;
    private long credit;
    private long stamp;
    private boolean started;

    IcmpTokenBucket(IcmpRateLimit limit) {
        set(limit);
    }

    /** Changes the limit, with a full bucket. */
    void set(IcmpRateLimit newLimit) {
        limit = newLimit;
        started = false;
    }

    IcmpRateLimit limit() {
        return limit;
    }

    /** Takes a token for an error at {@code now}; false when there is none and the error must not go. */
    boolean take(long now) {
        if (limit.perSecond() == 0) {
            return true;
        }
        long full = limit.burst() * ONE;
        if (!started) {
            started = true;
            credit = full;
            stamp = now;
        } else if (now > stamp) {
            // The time is capped at what fills the bucket before multiplying, so a long quiet spell cannot overflow.
            long elapsed = Math.min(now - stamp, full / limit.perSecond() + 1);
            credit = Math.min(full, credit + elapsed * limit.perSecond());
            stamp = now;
        }
        if (credit < ONE) {
            return false;
        }
        credit -= ONE;
        return true;
    }
}

package dev.jnetlab.stack.iface;

/**
 * The token bucket that holds back ICMP error messages (RFC 1812 section 4.3.2.8): up to
 * {@code burst} tokens, refilled continuously at {@code perSecond}; an error takes one.
 * Tokens are counted in millionths so the refill is exact on the microsecond clock: a token
 * is {@code 1_000_000} units, and {@code perSecond} units arrive per microsecond.
 */
final class IcmpRateLimiter {
    private static final long UNIT = 1_000_000L;

    private IcmpRateLimit limit;
    private long units;
    private long lastRefill;
    private boolean started;

    IcmpRateLimiter(IcmpRateLimit limit) {
        set(limit);
    }

    void set(IcmpRateLimit newLimit) {
        this.limit = newLimit;
        this.units = capacity();
        this.started = false;
    }

    IcmpRateLimit limit() {
        return limit;
    }

    private long capacity() {
        return (long) limit.burst() * UNIT; // below 2^52: no overflow
    }

    /** Takes a token for an error at {@code now}; false when the bucket is empty. */
    boolean tryTake(long now) {
        if (limit.burst() == 0) {
            return false;
        }
        if (!started) {
            started = true;
            lastRefill = now;
        } else if (now > lastRefill) {
            long elapsed = now - lastRefill;
            long added = elapsed > Long.MAX_VALUE / Math.max(1, limit.perSecond())
                    ? Long.MAX_VALUE : elapsed * limit.perSecond();
            units = added > capacity() - units ? capacity() : units + added;
            lastRefill = now;
        }
        if (units < UNIT) {
            return false;
        }
        units -= UNIT;
        return true;
    }
}

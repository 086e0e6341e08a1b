package dev.jnetlab.stack.phy;

import dev.jnetlab.stack.time.Micros;

/**
 * One direction's rate limit: a bucket of {@code rate} tokens, one per frame, refilled to full
 * at every multiple of the shaping interval on the stack clock. Aligning the refills to the
 * clock, rather than to the first frame, means a test knows exactly which frames pass: the
 * first {@code rate} of each interval {@code [k * interval, (k + 1) * interval)}.
 */
final class TokenBucket {
    /** The interval number the tokens belong to; none yet, so the first frame fills the bucket. */
    private long window = Long.MIN_VALUE;
    private int tokens;

    /** Takes a token for a frame at {@code now}; false when this interval's tokens are spent. */
    boolean take(long now, int rate, long interval) {
        long current = Math.floorDiv(now, interval);
        if (current != window) {
            window = current;
            tokens = rate;
        }
        if (tokens == 0) {
            return false;
        }
        tokens--;
        return true;
    }

    /** Returns the token taken for a frame that did not go after all (the device behind refused it). */
    void giveBack() {
        tokens++;
    }

    /**
     * When the bucket next has a token, if it is empty at {@code now}: the start of the next
     * interval. {@link Micros#NEVER} when a frame at {@code now} would pass.
     */
    long nextRefill(long now, long interval) {
        if (tokens > 0 || Math.floorDiv(now, interval) != window) {
            return Micros.NEVER;
        }
        return Micros.plus(window * interval, interval);
    }

    /** Forgets the current interval's count (the limit changed), so the next frame starts a full bucket. */
    void reset() {
        window = Long.MIN_VALUE;
    }
}

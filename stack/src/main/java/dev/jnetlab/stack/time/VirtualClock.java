package dev.jnetlab.stack.time;

/**
 * A clock that moves only when told to: the clock of every deterministic test and of
 * simulations that run faster than real time.
 */
public final class VirtualClock implements Clock {
    private long now;

    public VirtualClock() {
        this(0);
    }

    public VirtualClock(long start) {
        this.now = start;
    }

    @Override
    public long now() {
        return now;
    }

    /** Moves the clock forward by {@code micros} and returns the new instant. */
    public long advance(long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("a clock does not run backwards: " + micros);
        }
        now = Micros.plus(now, micros);
        return now;
    }

    /** Moves the clock to {@code at}, which must not be in its past. */
    public long advanceTo(long at) {
        if (at < now) {
            throw new IllegalArgumentException("a clock does not run backwards: " + at + " < " + now);
        }
        now = at;
        return now;
    }
}

package dev.jnetlab.stack.time;

/**
 * The real, monotonic clock of a running console: microseconds since the clock was made.
 * Built on {@link System#nanoTime()} so a wall-clock step (NTP, a person changing the date)
 * can never make a retransmission timer fire early or late.
 */
public final class SystemClock implements Clock {
    private final long originNanos = System.nanoTime();

    @Override
    public long now() {
        return (System.nanoTime() - originNanos) / 1_000L;
    }
}

package dev.jnetlab.host.topology;

import dev.jnetlab.stack.time.Clock;
import dev.jnetlab.stack.time.Micros;

/**
 * The clock of a virtual network that can stop, step and run slow (Packet Tracer's
 * simulation mode): the stack's time runs at {@link #speed()} times the time of the clock
 * below it, or stands still while {@linkplain #pause() paused}, when only
 * {@link #advanceTo} moves it (a {@code clock step}). Timers so keep their meaning: a
 * retransmission timeout fires after its time in simulated seconds, however long the
 * person watched in between. The event loop reads it as its clock (ARCHITECTURE.md §3).
 *
 * <p>Not thread-safe: the event loop reads and changes it.
 */
public final class SimulationClock implements Clock {
    /** The slowest speed: a thousand times slower than real time. */
    public static final double MIN_SPEED = 0.001;
    /** The fastest speed: a thousand times real time. */
    public static final double MAX_SPEED = 1000;

    private final Clock base;
    private long anchorBase;
    private long anchorNow;
    private double speed = 1;
    private boolean paused;

    public SimulationClock(Clock base) {
        this.base = base;
        this.anchorBase = base.now();
        this.anchorNow = anchorBase;
    }

    @Override
    public long now() {
        return paused ? anchorNow : anchorNow + (long) ((base.now() - anchorBase) * speed);
    }

    /**
     * At speed X, simulated microseconds pass X times as fast as real ones, so a deadline
     * {@code micros} ahead is {@code micros / X} away in real time (rounded up, so a timer never
     * fires before its time); a paused clock moves only by a step, never by waiting.
     */
    @Override
    public long realMicros(long micros) {
        if (micros <= 0) {
            return 0;
        }
        if (paused || micros == Micros.NEVER) {
            return Micros.NEVER;
        }
        return (long) Math.min(Micros.NEVER, Math.ceil(micros / speed));
    }

    private void reanchor() {
        anchorNow = now();
        anchorBase = base.now();
    }

    public boolean paused() {
        return paused;
    }

    public double speed() {
        return speed;
    }

    public void pause() {
        reanchor();
        paused = true;
    }

    public void run() {
        reanchor();
        paused = false;
    }

    /**
     * Sets the speed: 1 is real time, 0.1 ten times slower.
     *
     * @throws IllegalArgumentException for a speed not between 0.001 and 1000
     */
    public void setSpeed(double newSpeed) {
        if (!(newSpeed >= MIN_SPEED && newSpeed <= MAX_SPEED)) {
            throw new IllegalArgumentException("a clock speed is between 0.001 and 1000, not " + newSpeed);
        }
        reanchor();
        speed = newSpeed;
    }

    /** Moves a paused clock on to {@code at} (never back). */
    public void advanceTo(long at) {
        if (paused && at != Micros.NEVER && at > anchorNow) {
            anchorNow = at;
        }
    }
}

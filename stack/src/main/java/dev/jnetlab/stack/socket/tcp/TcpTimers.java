package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.time.Micros;
import java.util.List;

/**
 * The timers of one connection ({@link TcpTimer}): each is idle, armed with a deadline, or
 * fired and waiting for the segment it made due (a zero-window probe, a keep-alive) to be sent.
 * Made with the socket; nothing here allocates except {@link #appendArmed}, which is for
 * {@code tcp show}.
 */
final class TcpTimers {
    private final long[] deadlines = new long[TcpTimer.COUNT];
    /** One bit per timer that fired and whose segment has not gone yet. */
    private int fired;

    TcpTimers() {
        reset();
    }

    /** Every timer idle. */
    void reset() {
        java.util.Arrays.fill(deadlines, Micros.NEVER);
        fired = 0;
    }

    /** Arms {@code timer} for {@code at}, replacing any deadline it had; it is no longer fired. */
    void arm(TcpTimer timer, long at) {
        deadlines[timer.ordinal()] = at;
        fired &= ~bit(timer);
    }

    /** Disarms {@code timer} and forgets that it fired. */
    void cancel(TcpTimer timer) {
        deadlines[timer.ordinal()] = Micros.NEVER;
        fired &= ~bit(timer);
    }

    boolean isArmed(TcpTimer timer) {
        return deadlines[timer.ordinal()] != Micros.NEVER;
    }

    /** Neither armed nor fired: nothing is pending for it. */
    boolean isIdle(TcpTimer timer) {
        return !isArmed(timer) && !isFired(timer);
    }

    long deadline(TcpTimer timer) {
        return deadlines[timer.ordinal()];
    }

    /**
     * Whether {@code timer}'s deadline has come at {@code now}; if so it is disarmed (the
     * caller does what the timer stands for, and may {@link #fire} it).
     */
    boolean expire(TcpTimer timer, long now) {
        if (deadlines[timer.ordinal()] > now) {
            return false;
        }
        deadlines[timer.ordinal()] = Micros.NEVER;
        return true;
    }

    /** {@code timer} went off and made a segment due; it stays fired until {@link #cancel} or {@link #arm}. */
    void fire(TcpTimer timer) {
        deadlines[timer.ordinal()] = Micros.NEVER;
        fired |= bit(timer);
    }

    boolean isFired(TcpTimer timer) {
        return (fired & bit(timer)) != 0;
    }

    /** The earliest deadline, {@link Micros#NEVER} when none is armed. */
    long earliest() {
        long at = Micros.NEVER;
        for (long deadline : deadlines) {
            at = Math.min(at, deadline);
        }
        return at;
    }

    /** The armed timers with the time left at {@code now}, for the control block (allocates). */
    void appendArmed(List<TcpControlBlock.ArmedTimer> out, long now) {
        for (TcpTimer timer : TcpTimer.values()) {
            long deadline = deadlines[timer.ordinal()];
            if (deadline != Micros.NEVER) {
                out.add(new TcpControlBlock.ArmedTimer(timer, deadline - now));
            }
        }
    }

    private static int bit(TcpTimer timer) {
        return 1 << timer.ordinal();
    }
}

package dev.jnetlab.stack.socket.tcp;

import dev.jnetlab.stack.time.Micros;

/**
 * When the receiver owes an ACK (RFC 9293 §3.8.6.3, RFC 5681 §4.2): at once for what must not
 * wait (a gap filled, a FIN, a duplicate), else after at most {@link #delay} or by the second
 * full-sized segment, whichever comes first. It arms and cancels the connection's
 * {@link TcpTimer#DELAYED_ACK}; its settings outlive connections, its state does not.
 */
final class DelayedAck {
    private final TcpTimers timers;
    private boolean enabled = true;
    private long delay = TcpSocket.DEFAULT_ACK_DELAY;
    /** An ACK is owed now. */
    private boolean due;
    /** Octets taken in order since the last ACK sent. */
    private int unacked;
    /** The largest segment received: what "full-sized" means here. */
    private int largestSegment;

    DelayedAck(TcpTimers timers) {
        this.timers = timers;
    }

    /** A new connection: nothing owed. */
    void reset() {
        due = false;
        unacked = 0;
        largestSegment = 0;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    void setDelay(long micros) {
        this.delay = micros;
    }

    long delay() {
        return delay;
    }

    /** An ACK is owed at once. */
    void now() {
        due = true;
    }

    /** Whether an ACK is owed now. */
    boolean isDue() {
        return due;
    }

    /** A segment of {@code length} octets arrived (counted up to {@code mss}). */
    void segmentArrived(int length, int mss) {
        largestSegment = Math.max(largestSegment, Math.min(length, mss));
    }

    /**
     * {@code inOrder} octets were taken in order: the ACK waits, unless delayed ACKs are off or
     * two full-sized segments' worth are unacknowledged.
     */
    void taken(long now, int inOrder) {
        unacked += inOrder;
        if (!enabled || unacked >= 2 * largestSegment) {
            due = true;
        } else if (!timers.isArmed(TcpTimer.DELAYED_ACK)) {
            timers.arm(TcpTimer.DELAYED_ACK, Micros.plus(now, delay));
        }
    }

    /** The delayed-ACK timer went off. */
    void expired() {
        due = true;
    }

    /** An ACK went out: nothing is owed any more. */
    void sent() {
        due = false;
        unacked = 0;
        timers.cancel(TcpTimer.DELAYED_ACK);
    }

    /** The connection closed: nothing is owed to it. */
    void forget() {
        due = false;
    }
}

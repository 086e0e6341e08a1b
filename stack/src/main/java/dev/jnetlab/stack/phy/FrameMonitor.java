package dev.jnetlab.stack.phy;

/**
 * Middleware that hands every frame crossing it, both directions, to one listener, whatever
 * else is on (tracing, capture): for code that must see the traffic without printing it, such
 * as the lab engine's frame checks. With no listener it passes calls straight through.
 *
 * <p>Put it next to the {@link Tracer}, nearest the stack, so that it sees what the stack
 * really received (a received frame before the stack's receiver, a sent one after the stack
 * wrote it), in the order of events. The frame is lent: the listener reads it during the call
 * and keeps nothing of it. Like every device it belongs to the event loop's thread, and so does
 * {@link #setListener}.
 */
public final class FrameMonitor extends FrameObserver {

    /** Sees one frame. */
    @FunctionalInterface
    public interface Listener {
        void frame(long now, Direction direction, byte[] frame, int offset, int length);
    }

    private Listener listener;

    /** A monitor with no listener yet. */
    public FrameMonitor(Device inner) {
        super(inner);
    }

    /** Hands every frame from now on to {@code newListener}, replacing the one before; null stops. */
    public void setListener(Listener newListener) {
        listener = newListener;
    }

    /** Whether a listener is set. */
    public boolean isMonitoring() {
        return listener != null;
    }

    @Override
    boolean observing() {
        return listener != null;
    }

    @Override
    void observe(long now, Direction direction, byte[] frame, int offset, int length) {
        listener.frame(now, direction, frame, offset, length);
    }
}

package dev.jnetlab.stack.phy;

import java.util.Arrays;
import java.util.Objects;

/**
 * Middleware that hands every frame crossing it, both directions, to each of its listeners,
 * whatever else is on (tracing, capture): for code that must see the traffic without printing
 * it, such as the lab engine's frame checks and the console's connection ladders, which can
 * listen at the same time. With no listener it passes calls straight through.
 *
 * <p>Put it next to the {@link Tracer}, nearest the stack, so that it sees what the stack
 * really received (a received frame before the stack's receiver, a sent one after the stack
 * wrote it), in the order of events. The frame is lent: a listener reads it during the call
 * and keeps nothing of it. Listeners are called in the order they were added. Adding and
 * removing copy a small array, so that handing a frame over allocates nothing, and a listener
 * may remove itself (or add another) during its call: the change counts from the next frame.
 * Like every device it belongs to the event loop's thread, and so do {@link #add} and
 * {@link #remove}.
 */
public final class FrameMonitor extends FrameObserver {

    /** Sees one frame. */
    @FunctionalInterface
    public interface Listener {
        void frame(long now, Direction direction, byte[] frame, int offset, int length);
    }

    private static final Listener[] NONE = new Listener[0];

    private Listener[] listeners = NONE;

    /** A monitor with no listener yet. */
    public FrameMonitor(Device inner) {
        super(inner);
    }

    /**
     * Hands every frame from now on to {@code listener} as well, after the listeners before it.
     *
     * @throws IllegalArgumentException when it listens already (it would see every frame twice)
     */
    public void add(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        if (isListening(listener)) {
            throw new IllegalArgumentException("this listener sees the frames already");
        }
        Listener[] more = Arrays.copyOf(listeners, listeners.length + 1);
        more[listeners.length] = listener;
        listeners = more;
    }

    /** Stops handing frames to {@code listener}; false if it was not listening. */
    public boolean remove(Listener listener) {
        for (int i = 0; i < listeners.length; i++) {
            if (listeners[i] == listener) {
                Listener[] fewer = new Listener[listeners.length - 1];
                System.arraycopy(listeners, 0, fewer, 0, i);
                System.arraycopy(listeners, i + 1, fewer, i, fewer.length - i);
                listeners = fewer.length == 0 ? NONE : fewer;
                return true;
            }
        }
        return false;
    }

    /** Whether {@code listener} sees the frames. */
    public boolean isListening(Listener listener) {
        for (Listener l : listeners) {
            if (l == listener) {
                return true;
            }
        }
        return false;
    }

    /** Whether any listener is set. */
    public boolean isMonitoring() {
        return listeners.length > 0;
    }

    @Override
    boolean observing() {
        return isMonitoring();
    }

    @Override
    void observe(long now, Direction direction, byte[] frame, int offset, int length) {
        // The array of this moment: a listener that adds or removes one replaces the field, not this.
        Listener[] these = listeners;
        for (Listener listener : these) {
            listener.frame(now, direction, frame, offset, length);
        }
    }
}

package dev.jnetlab.labs.check;

import dev.jnetlab.stack.phy.Direction;

/**
 * Sees every frame that crosses the interface while a lab runs. Called by the console on the
 * stack's thread, once per frame, in the order of events: a received frame before the stack
 * handles it, a sent one after the stack wrote it (as {@code stack.phy.Tracer} sees them).
 * The frame is lent: read it during the call, keep nothing of it.
 */
@FunctionalInterface
public interface LabFrameObserver {
    /** Sees nothing: what the world holds when no lab runs. */
    LabFrameObserver NONE = (now, direction, frame, offset, length) -> {
    };

    void frame(long now, Direction direction, byte[] frame, int offset, int length);
}

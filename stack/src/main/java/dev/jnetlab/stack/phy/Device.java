package dev.jnetlab.stack.phy;

import dev.jnetlab.stack.time.Micros;

/**
 * A network device: where Ethernet frames enter and leave the stack.
 *
 * <p>Frames move in place. Receiving lends the caller the device's own buffer for the length
 * of one call; transmitting lends the caller a buffer of exactly the length it asked for, to
 * fill. Nothing is copied or allocated per frame by the protocol (ARCHITECTURE.md §4), so callers pass
 * long-lived receiver and filler objects, not capturing lambdas made per frame.
 *
 * <p>Middleware (tracer, fault injector, pcap writer) wraps a device and is itself a device.
 * A device is used by one thread, the stack's event loop; {@code now} is that loop's clock.
 */
public interface Device {

    DeviceCapabilities capabilities();

    /**
     * Hands the next received frame, if there is one, to {@code receiver} and returns true;
     * returns false at once when nothing has arrived. The receiver may call
     * {@link #transmit} from inside the call (a reply to the frame), but must not keep the
     * array once it returns.
     */
    boolean receive(long now, FrameReceiver receiver);

    /**
     * Lends a buffer of exactly {@code length} octets to {@code filler} and sends what it
     * wrote. Returns false when the device cannot take a frame now (its queue is full, a rate
     * limit holds it back, the kernel refused the write): the frame was not sent, the caller
     * keeps its data and tries again on a later poll. In-memory devices refuse before calling
     * the filler; a descriptor-backed device learns of the refusal only by writing, after it.
     * A length beyond {@link DeviceCapabilities#maxFrameSize()} is a caller's bug and throws.
     */
    boolean transmit(long now, int length, FrameFiller filler);

    /**
     * The instant this device next needs a poll even if nothing else happens (a delayed frame
     * falls due, a rate limit refills, a frame on a virtual wire arrives), or
     * {@link Micros#NEVER}. Middleware answers the earlier of its own and its inner device's.
     * A descriptor-backed device answers NEVER: its frames wake the event loop through poll(2).
     */
    default long nextDeadline(long now) {
        return Micros.NEVER;
    }

    /**
     * Asks for received frames as a wire carries them ({@code only} true: no frame longer than
     * {@link DeviceCapabilities#maxFrameSize()}, no GSO super-frame standing for many segments),
     * or lets the device hand over larger frames again. Middleware that acts per frame on the
     * receive side (the fault injector) asks while it does. A device that never hands over more
     * than a wire frame has nothing to do.
     */
    default void receiveWireFramesOnly(boolean only) {
    }
}

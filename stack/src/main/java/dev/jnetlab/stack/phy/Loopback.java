package dev.jnetlab.stack.phy;

import dev.jnetlab.stack.time.Micros;

/**
 * A device whose every transmitted frame is received back, in order: the stack talking to
 * itself, as on {@code lo}.
 *
 * <p>Frames wait in a bounded queue of preallocated slots; the transmitted frame is written
 * straight into its slot and later lent from there to the receiver, so a frame costs no
 * allocation and no copy. A full queue makes {@link #transmit} return false (backpressure)
 * until something is received. Time plays no part: a frame is receivable as soon as it is sent.
 */
public final class Loopback implements Device {
    /** Enough slots for a full 64 KiB TCP window of 1500-octet frames, with room for ACKs. */
    public static final int DEFAULT_CAPACITY = 128;

    private final DeviceCapabilities capabilities;
    private final FrameRing queue;

    /** An Ethernet loopback with an MTU of 1500 and {@value #DEFAULT_CAPACITY} frame slots. */
    public Loopback() {
        this(1500, DEFAULT_CAPACITY);
    }

    /**
     * @param mtu      the IP MTU it carries (frames up to {@code mtu + 14} octets)
     * @param capacity how many frames can wait to be received
     */
    public Loopback(int mtu, int capacity) {
        this.capabilities = DeviceCapabilities.ethernet(mtu);
        this.queue = new FrameRing(capacity, capabilities.maxFrameSize());
    }

    @Override
    public DeviceCapabilities capabilities() {
        return capabilities;
    }

    /** A frame sent is receivable at once. */
    @Override
    public long nextDeadline(long now) {
        return queue.isEmpty() ? Micros.NEVER : now;
    }

    @Override
    public boolean receive(long now, FrameReceiver receiver) {
        if (queue.isEmpty()) {
            return false;
        }
        try {
            receiver.receive(queue.head(), 0, queue.headLength());
        } finally {
            // Consumed even if the receiver failed: a frame that throws must not come back forever.
            queue.pop();
        }
        return true;
    }

    @Override
    public boolean transmit(long now, int length, FrameFiller filler) {
        FrameLength.check(length, capabilities.maxFrameSize());
        if (queue.isFull()) {
            return false;
        }
        filler.fill(queue.tail(), 0, length);
        queue.push(length, now);
        return true;
    }

    /** How many frames are waiting to be received. */
    public int queued() {
        return queue.size();
    }
}

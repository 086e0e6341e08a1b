package dev.jnetlab.host;

import dev.jnetlab.host.driver.Pollable;
import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.FrameFiller;
import dev.jnetlab.stack.phy.FrameReceiver;

/**
 * The kernel as one node of a {@link Topology}: every frame the kernel sends out of the tap goes
 * onto the tap's link, and every frame the link brings goes into the kernel, as if the tap's
 * cable were plugged into the host, switch port or router interface at the link's other end.
 * The node has no stack of its own: the kernel is the stack, with the addresses and routes
 * {@code ip} gave the tap.
 *
 * <p>A frame that cannot cross is dropped and counted, never left waiting: one longer than the
 * link carries (the tap's MTU above the link's), or one the link or the kernel refuses now (a
 * full queue). So the tap's descriptor is always drained and the event loop, which sleeps on
 * it, never spins on a frame it cannot take. Each poll moves at most {@link #FRAMES_PER_POLL}
 * frames each way, so a flood from the kernel cannot hold the other nodes up.
 *
 * <p>Copies each frame once, from the lending device's buffer into the other's, and allocates
 * nothing per frame (ARCHITECTURE.md §4). Not thread-safe: the event loop owns it (§2).
 */
public final class TapNode implements Pollable {
    /** Frames moved each way per poll at most. */
    static final int FRAMES_PER_POLL = 64;

    private final String name;
    private final Device tap;
    private final Crossing toLink;
    private final Crossing toKernel;

    /**
     * @param name the node's name in the topology
     * @param tap  the tap device (the kernel's side)
     * @param link the end of the tap's link
     */
    TapNode(String name, Device tap, Device link) {
        this.name = name;
        this.tap = tap;
        this.toLink = new Crossing(link);
        this.toKernel = new Crossing(tap);
    }

    public String name() {
        return name;
    }

    /** The tap device: the kernel's side. */
    public Device device() {
        return tap;
    }

    /** Frames carried from the kernel onto the link. */
    public long fromKernel() {
        return toLink.carried;
    }

    /** Frames carried from the link into the kernel. */
    public long toKernel() {
        return toKernel.carried;
    }

    /** Frames dropped either way: longer than the other side carries, or refused by a full queue. */
    public long dropped() {
        return toLink.dropped + toKernel.dropped;
    }

    @Override
    public void poll(long now) {
        Device link = toLink.target;
        toLink.now = now;
        toKernel.now = now;
        for (int i = 0; i < FRAMES_PER_POLL && tap.receive(now, toLink); i++) {
            // each frame crossed in the receive call
        }
        for (int i = 0; i < FRAMES_PER_POLL && link.receive(now, toKernel); i++) {
            // likewise
        }
    }

    /** The link says when its next frame arrives; the kernel's frames wake the loop by themselves. */
    @Override
    public long pollAt(long now) {
        return Math.min(toLink.target.nextDeadline(now), tap.nextDeadline(now));
    }

    /** One direction: takes the frame a device lends and writes it into the other. */
    private static final class Crossing implements FrameReceiver, FrameFiller {
        private final Device target;
        private long now;
        private byte[] frame;
        private int offset;
        long carried;
        long dropped;

        Crossing(Device target) {
            this.target = target;
        }

        @Override
        public void receive(byte[] source, int sourceOffset, int length) {
            if (length > target.capabilities().maxFrameSize()) {
                dropped++;
                return;
            }
            frame = source;
            offset = sourceOffset;
            if (target.transmit(now, length, this)) {
                carried++;
            } else {
                dropped++;
            }
            frame = null;
        }

        @Override
        public void fill(byte[] buffer, int bufferOffset, int length) {
            System.arraycopy(frame, offset, buffer, bufferOffset, length);
        }
    }
}

package dev.jnetlab.host;

import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.DeviceCapabilities;
import dev.jnetlab.stack.phy.FrameFiller;
import dev.jnetlab.stack.phy.FrameReceiver;
import dev.jnetlab.stack.time.Micros;

/**
 * Where a link hands its frames to a node, and the one place the simulation clock holds them:
 * while the network is paused a frame is received only when a {@code clock step} allows it,
 * and each one received so is told to the {@link FrameEvents} with the node's name. Running,
 * it passes frames straight through (and tells them to a {@link Topology.FrameWatcher} only
 * while one watches). Transmitting is never held: a node sends as its clock
 * says; what it sends waits on the link.
 */
final class FrameGate implements Device, FrameReceiver {
    private final Device inner;
    private final String node;
    /** The link this gate ends ({@code h1-r1}), for whoever watches frames cross it. */
    private final String link;
    private final FrameEvents events;
    private FrameReceiver target;
    private long now;

    FrameGate(Device inner, String node, String link, FrameEvents events) {
        this.inner = inner;
        this.node = node;
        this.link = link;
        this.events = events;
    }

    @Override
    public DeviceCapabilities capabilities() {
        return inner.capabilities();
    }

    @Override
    public boolean receive(long now, FrameReceiver receiver) {
        if (!events.mayDeliver()) {
            return false;
        }
        this.target = receiver;
        this.now = now;
        return inner.receive(now, this);
    }

    @Override
    public void receive(byte[] frame, int offset, int length) {
        receive(frame, offset, length, false);
    }

    @Override
    public void receive(byte[] frame, int offset, int length, boolean vouched) {
        events.delivered(now, link, node, frame, offset, length);
        target.receive(frame, offset, length, vouched);
    }

    @Override
    public boolean transmit(long now, int length, FrameFiller filler) {
        return inner.transmit(now, length, filler);
    }

    /** Held frames are due at no time while paused: only a step moves them. */
    @Override
    public long nextDeadline(long now) {
        return events.mayDeliver() ? inner.nextDeadline(now) : Micros.NEVER;
    }

    /** When the next frame for this node arrives, held or not. */
    long nextArrival(long now) {
        return inner.nextDeadline(now);
    }

    @Override
    public void receiveWireFramesOnly(boolean only) {
        inner.receiveWireFramesOnly(only);
    }
}

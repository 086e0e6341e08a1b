package dev.jnetlab.stack.phy;

/**
 * Middleware that sees every frame crossing it, both directions, while it is observing, and
 * passes calls straight through otherwise: the shape shared by {@link PcapWriter} and
 * {@link Tracer}.
 *
 * <p>A received frame is observed before the stack's receiver sees it, a transmitted one after
 * the stack has written it, so observations come in the order of events (a request, then the
 * reply the stack sent from inside its receive). Frames are observed in place; the receiver
 * and filler used for that are made once, so observing allocates nothing of its own.
 */
abstract class FrameObserver implements Device {
    private final Device inner;
    private final FrameReceiver observedReceiver = new ObservedReceiver();
    private final FrameFiller observedFiller = new ObservedFiller();

    // The call in progress, read by the callbacks above.
    private long now;
    private FrameReceiver receiver;
    private FrameFiller filler;

    FrameObserver(Device inner) {
        if (inner == null) {
            throw new IllegalArgumentException("middleware needs a device to wrap");
        }
        this.inner = inner;
    }

    /** Whether frames are observed now; when not, calls go straight to the device. */
    abstract boolean observing();

    /**
     * While a transmitted frame is observed: whether the stack left its TCP checksum for the
     * device to finish ({@link FrameFiller#checksumPartial()}), so the field holds only the
     * pseudo-header sum. False while a received frame is observed.
     */
    final boolean checksumLeftToDevice() {
        return filler != null && filler.checksumPartial();
    }

    /** Sees one frame, {@link Direction#RX} before the stack or {@link Direction#TX} after it. */
    abstract void observe(long now, Direction direction, byte[] frame, int offset, int length);

    @Override
    public final DeviceCapabilities capabilities() {
        return inner.capabilities();
    }

    @Override
    public final long nextDeadline(long at) {
        return inner.nextDeadline(at);
    }

    @Override
    public final boolean receive(long at, FrameReceiver frameReceiver) {
        if (!observing()) {
            return inner.receive(at, frameReceiver);
        }
        now = at;
        receiver = frameReceiver;
        try {
            return inner.receive(at, observedReceiver);
        } finally {
            receiver = null;
        }
    }

    @Override
    public final boolean transmit(long at, int length, FrameFiller frameFiller) {
        if (!observing()) {
            return inner.transmit(at, length, frameFiller);
        }
        now = at;
        filler = frameFiller;
        try {
            return inner.transmit(at, length, observedFiller);
        } finally {
            filler = null;
        }
    }

    /** Observes a received frame, then passes it on with the device's checksum mark, which observing does not change. */
    private final class ObservedReceiver implements FrameReceiver {
        @Override
        public void receive(byte[] frame, int offset, int length) {
            receive(frame, offset, length, false);
        }

        @Override
        public void receive(byte[] frame, int offset, int length, boolean checksumVouched) {
            observe(now, Direction.RX, frame, offset, length);
            receiver.receive(frame, offset, length, checksumVouched);
        }
    }

    /** Has the stack write a frame, observes it, and answers the device's questions about it with the stack's answers. */
    private final class ObservedFiller implements FrameFiller {
        @Override
        public void fill(byte[] buffer, int offset, int length) {
            filler.fill(buffer, offset, length);
            observe(now, Direction.TX, buffer, offset, length);
        }

        @Override
        public boolean checksumPartial() {
            return filler.checksumPartial();
        }

        @Override
        public int segmentSize() {
            return filler.segmentSize();
        }
    }
}

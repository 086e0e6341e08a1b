package dev.jnetlab.stack.phy;

import java.util.Optional;

/**
 * A capture of one cable, both directions, into one {@link PcapFile}: what a tap clipped onto
 * the cable would record ({@code capture start link r1-h3 FILE}). Each end of the cable is
 * wrapped by a {@linkplain #a() side}, and every frame is written once, when its sender puts it
 * on the cable: after the sender's faults (a frame they drop never reached the cable) and only
 * if the cable took it (a frame dropped at the tail of its queue did not). So the file holds
 * both directions in the order they were sent, and a frame is never written twice, as it
 * would be if both ends wrote what they sent and received.
 *
 * <p>The nodes of a topology are virtual and leave no checksum to a device, so the frames are
 * written as they are ({@link PcapWriter} finishes checksums for a tap with offloads). Writing
 * allocates nothing per frame. A capture that fails to write (disk full) stops by itself and
 * keeps the reason in {@link #failure()}. Not thread-safe: one event loop owns both ends.
 */
public final class LinkCapture {
    private final Side a;
    private final Side b;
    private final CaptureRun run = new CaptureRun();

    /** A capture, not running yet, of the cable whose ends are {@code a} and {@code b}. */
    public LinkCapture(Device a, Device b) {
        this.a = new Side(a);
        this.b = new Side(b);
    }

    /** End a as its node uses it: its transmissions are written while a capture runs. */
    public Device a() {
        return a;
    }

    /** End b as its node uses it. */
    public Device b() {
        return b;
    }

    /**
     * Starts writing every frame put on the cable to {@code file}, which this capture now owns
     * and closes.
     *
     * @throws IllegalStateException when a capture is running already
     */
    public void start(PcapFile file) {
        run.start(file);
    }

    /**
     * Stops the capture and closes its file; returns it, to say how many frames it holds.
     *
     * @throws IllegalStateException when no capture is running
     * @throws CaptureFileException  when the file could not be closed
     */
    public PcapFile stop() throws CaptureFileException {
        return run.stop();
    }

    /** The running capture, if any. */
    public Optional<PcapFile> capture() {
        return run.capture();
    }

    /** Why the last capture stopped by itself, if it did; cleared by the next {@link #start}. */
    public Optional<CaptureFileException> failure() {
        return run.failure();
    }

    /** One end: writes what its node transmits, once the cable has taken it; what arrives, the other side wrote. */
    private final class Side extends FrameObserver {
        Side(Device end) {
            super(end);
        }

        @Override
        boolean observing() {
            return run.isRunning();
        }

        @Override
        void observe(long now, Direction direction, byte[] frame, int offset, int length) {
            if (direction == Direction.TX) {
                run.write(now, frame, offset, length);
            }
        }
    }
}

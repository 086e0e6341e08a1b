package dev.jnetlab.stack.phy;

import dev.jnetlab.stack.wire.Checksum;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Ipv4Packet;
import dev.jnetlab.stack.wire.TcpPacket;
import java.util.Optional;

/**
 * Middleware that writes every frame crossing it, both directions, to a {@link PcapFile} while
 * a capture runs: the console's {@code --pcap FILE} and {@code capture start FILE} /
 * {@code capture stop}. Between captures it passes frames straight through.
 *
 * <p>Received frames are written before the stack sees them and transmitted frames after the
 * stack has written them, so the file's order is the order of events (a request, then the
 * reply the stack sent from inside its receive). Placed between the fault injector and the
 * stack, it records what the stack saw and sent; see {@link Tracer} for the whole order.
 *
 * <p>A frame whose TCP checksum the stack left to the device (checksum offload) is written with
 * the checksum the device will put in, computed on a copy: a capture shows what goes on the
 * wire, and a reader that checks checksums (tshark, Wireshark) must not call every segment
 * wrong. The tap finishes the kernel's unfinished checksums before any observer sees a frame.
 *
 * <p>A capture that fails to write (disk full) stops by itself and keeps the reason in
 * {@link #failure()}: a broken capture must not break the link.
 */
public final class PcapWriter extends FrameObserver {
    private final Ipv4Packet ip = new Ipv4Packet();
    private final TcpPacket tcp = new TcpPacket();
    /** Where a frame with a checksum left to the device is finished; grows to the largest such frame. */
    private byte[] finished = new byte[0];
    private final CaptureRun run = new CaptureRun();

    /** A writer that is not capturing yet. */
    public PcapWriter(Device inner) {
        super(inner);
    }

    /** A writer capturing to {@code file} from the first frame. */
    public PcapWriter(Device inner, PcapFile file) {
        this(inner);
        start(file);
    }

    /**
     * Starts writing every frame to {@code file}, which this writer now owns and closes.
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

    /** A copy of the frame with its TCP checksum as the device will fill it in (the field holds the pseudo-header sum). */
    private byte[] finish(byte[] frame, int offset, int length) {
        if (finished.length < length) {
            finished = new byte[length];
        }
        System.arraycopy(frame, offset, finished, 0, length);
        int at = EthernetFrame.HEADER_LEN;
        ip.wrap(finished, at, length - at);
        if (ip.checkHeader() == null) {
            int end = Math.min(length, at + ip.totalLength());
            tcp.wrap(finished, ip.payloadOffset(), end - ip.payloadOffset());
            if (tcp.length() >= TcpPacket.HEADER_LEN) {
                tcp.setChecksum(Checksum.finish(Checksum.sum(finished, tcp.offset(), tcp.length())));
            }
        }
        return finished;
    }

    @Override
    boolean observing() {
        return run.isRunning();
    }

    @Override
    void observe(long now, Direction direction, byte[] frame, int offset, int length) {
        // The stack may transmit from inside receive, and a capture may have failed in between.
        if (!run.isRunning()) {
            return;
        }
        if (direction == Direction.TX && checksumLeftToDevice()) {
            run.write(now, finish(frame, offset, length), 0, length);
        } else {
            run.write(now, frame, offset, length);
        }
    }
}

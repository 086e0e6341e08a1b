package dev.jnetlab.stack.phy;

import java.io.IOException;
import java.util.Optional;

/**
 * The life of one capture into a {@link PcapFile}, shared by {@link PcapWriter} (a host's
 * interface) and {@link LinkCapture} (a cable): started with a file it then owns, stopped by
 * the console, or stopped by itself when a write fails (disk full), keeping the reason, because
 * a broken capture must not break the link. Writing allocates nothing per frame.
 */
final class CaptureRun {
    private PcapFile capture;
    private CaptureFileException failure;

    /**
     * Starts writing to {@code file}, which this run now owns and closes.
     *
     * @throws IllegalStateException when a capture is running already
     */
    void start(PcapFile file) {
        if (file == null) {
            throw new IllegalArgumentException("a capture file is required");
        }
        if (capture != null) {
            throw new IllegalStateException("already capturing to " + capture.path());
        }
        capture = file;
        failure = null;
    }

    /**
     * Stops the capture and closes its file; returns it, to say how many frames it holds.
     *
     * @throws IllegalStateException when no capture is running
     * @throws CaptureFileException  when the file could not be closed
     */
    PcapFile stop() throws CaptureFileException {
        if (capture == null) {
            throw new IllegalStateException("not capturing");
        }
        PcapFile file = capture;
        capture = null;
        try {
            file.close();
        } catch (IOException e) {
            throw new CaptureFileException(file.path(),
                    "cannot close capture file " + file.path() + ": " + PcapFile.reason(e), e);
        }
        return file;
    }

    boolean isRunning() {
        return capture != null;
    }

    Optional<PcapFile> capture() {
        return Optional.ofNullable(capture);
    }

    Optional<CaptureFileException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Writes one frame if a capture runs; a failed write ends the capture and keeps why. */
    void write(long now, byte[] frame, int offset, int length) {
        if (capture == null) {
            return;
        }
        try {
            capture.write(now, frame, offset, length);
        } catch (IOException e) {
            PcapFile file = capture;
            capture = null;
            failure = new CaptureFileException(file.path(), "capture to " + file.path() + " stopped: " + PcapFile.reason(e), e);
            try {
                file.close();
            } catch (IOException closing) {
                failure.addSuppressed(closing);
            }
        }
    }
}

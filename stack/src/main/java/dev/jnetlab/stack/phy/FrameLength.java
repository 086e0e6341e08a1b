package dev.jnetlab.stack.phy;

/** The one check every in-memory device makes on a requested transmit length. */
final class FrameLength {
    private FrameLength() {
    }

    /**
     * Refuses a length the device cannot lend a buffer for. This is the caller's mistake (its
     * capabilities said how large a frame may be), not a full queue, so it is an exception and
     * not a {@code false} that would make the caller retry forever.
     */
    static void check(int length, int maxFrameSize) {
        if (length < 0 || length > maxFrameSize) {
            throw new IllegalArgumentException("a frame of " + length + " octets does not fit a device whose largest frame is "
                    + maxFrameSize + " octets");
        }
    }
}

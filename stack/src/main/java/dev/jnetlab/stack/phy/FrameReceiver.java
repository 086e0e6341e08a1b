package dev.jnetlab.stack.phy;

/**
 * Takes one received frame, lent for the duration of the call: {@code frame[offset .. offset+length)}.
 *
 * <p>A device with checksum offload may vouch for a frame's TCP or UDP checksum (a tap's
 * {@code VIRTIO_NET_HDR_F_DATA_VALID}, or {@code F_NEEDS_CSUM}: the frame never crossed a wire
 * and its checksum field holds only the pseudo-header sum); it then calls
 * {@link #receive(byte[], int, int, boolean)} with {@code checksumVouched} true, and the stack
 * skips verifying that checksum. Middleware passes the mark on only for a frame it has not
 * changed; one it corrupts loses it. A receiver that does not look at the mark verifies every
 * checksum, which is always safe.
 */
@FunctionalInterface
public interface FrameReceiver {
    void receive(byte[] frame, int offset, int length);

    /**
     * Takes a frame whose transport checksum the device vouches for ({@code checksumVouched}),
     * or not. The default forgets the mark: the frame is taken like any other.
     */
    default void receive(byte[] frame, int offset, int length, boolean checksumVouched) {
        receive(frame, offset, length);
    }
}

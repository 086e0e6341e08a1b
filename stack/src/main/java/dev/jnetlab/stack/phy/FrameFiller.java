package dev.jnetlab.stack.phy;

/**
 * Writes one outgoing frame into a lent buffer: exactly {@code buffer[offset .. offset+length)}.
 *
 * <p>After {@link #fill} the device asks what the frame leaves to it, which only matters for
 * a device whose {@link DeviceCapabilities} offer offloads; the stack asks for an offload only
 * when they do. Middleware that passes a frame on unchanged passes these answers on too.
 */
@FunctionalInterface
public interface FrameFiller {
    void fill(byte[] buffer, int offset, int length);

    /**
     * Whether the frame just filled is an IPv4 TCP segment whose checksum field holds only the
     * pseudo-header sum, for the device to finish ({@link ChecksumCapabilities.Checksum#RX} for TCP).
     */
    default boolean checksumPartial() {
        return false;
    }

    /**
     * For a TCP segment larger than the MTU (TSO, {@link DeviceCapabilities#tsoMaxSize()}): the
     * payload octets of each segment the device cuts it into, the connection's MSS; 0 for a
     * frame that goes as it is.
     */
    default int segmentSize() {
        return 0;
    }
}

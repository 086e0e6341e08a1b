package dev.jnetlab.stack.phy;

/**
 * What a device can carry and what it does for the stack.
 *
 * @param maxFrameSize the largest Ethernet frame it carries, header included and FCS excluded
 *                     (1514 for an MTU of 1500)
 * @param maxBurstSize how many frames the stack may hand it in one poll before it must look
 *                     for received frames again; 0 means no limit
 * @param checksums    which checksums the stack must verify and compute in software
 */
public record DeviceCapabilities(int maxFrameSize, int maxBurstSize, ChecksumCapabilities checksums) {
    /** Ethernet II header: destination, source, EtherType. */
    public static final int ETHERNET_HEADER_LEN = 14;

    public DeviceCapabilities {
        if (maxFrameSize < ETHERNET_HEADER_LEN + 68) {
            // RFC 791: every internet module must be able to forward a datagram of 68 octets.
            throw new IllegalArgumentException("a frame of " + maxFrameSize + " octets cannot carry IPv4");
        }
        if (maxBurstSize < 0) {
            throw new IllegalArgumentException("negative burst size " + maxBurstSize);
        }
        if (checksums == null) {
            throw new IllegalArgumentException("checksum capabilities are required");
        }
    }

    /** An Ethernet device with the given IP MTU, no burst limit, every checksum done in software. */
    public static DeviceCapabilities ethernet(int mtu) {
        return new DeviceCapabilities(mtu + ETHERNET_HEADER_LEN, 0, ChecksumCapabilities.SOFTWARE);
    }

    /** The IP MTU this device carries: its largest frame less the Ethernet header. */
    public int mtu() {
        return maxFrameSize - ETHERNET_HEADER_LEN;
    }

    public DeviceCapabilities withMaxFrameSize(int size) {
        return new DeviceCapabilities(size, maxBurstSize, checksums);
    }

    public DeviceCapabilities withMaxBurstSize(int burst) {
        return new DeviceCapabilities(maxFrameSize, burst, checksums);
    }

    public DeviceCapabilities withChecksums(ChecksumCapabilities newChecksums) {
        return new DeviceCapabilities(maxFrameSize, maxBurstSize, newChecksums);
    }
}

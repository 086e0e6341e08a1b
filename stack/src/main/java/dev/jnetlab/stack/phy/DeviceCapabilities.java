package dev.jnetlab.stack.phy;

import dev.jnetlab.stack.phy.ChecksumCapabilities.Checksum;

/**
 * What a device can carry and what it does for the stack.
 *
 * @param maxFrameSize     the largest Ethernet frame it carries, header included and FCS excluded
 *                         (1514 for an MTU of 1500)
 * @param maxBurstSize     how many frames the stack may hand it in one poll before it must look
 *                         for received frames again; 0 means no limit
 * @param checksums        which checksums the stack must verify and compute in software
 * @param tsoMaxSize       TCP segmentation offload: the largest IPv4 datagram holding one TCP
 *                         segment that the device takes and cuts into segments of the size the
 *                         {@link FrameFiller#segmentSize()} says (Linux's {@code tso_max_size});
 *                         0 when it cuts nothing and every frame is at most {@code maxFrameSize}
 * @param maxReceiveSize   the largest frame it may hand over: {@code maxFrameSize}, or more when
 *                         the other end's segmentation offload reaches the stack as one frame
 *                         (a GSO super-frame: one TCP segment of up to 64 KiB)
 */
public record DeviceCapabilities(int maxFrameSize, int maxBurstSize, ChecksumCapabilities checksums,
                                 int tsoMaxSize, int maxReceiveSize) {
    /** Ethernet II header: destination, source, EtherType. */
    public static final int ETHERNET_HEADER_LEN = 14;
    /** The largest IPv4 datagram, and so the largest segment TSO can take: the total-length field's limit. */
    public static final int MAX_IPV4_DATAGRAM = 65535;

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
        if (tsoMaxSize != 0 && (tsoMaxSize <= maxFrameSize - ETHERNET_HEADER_LEN || tsoMaxSize > MAX_IPV4_DATAGRAM)) {
            throw new IllegalArgumentException("a TSO limit is 0 or a datagram size above the MTU "
                    + (maxFrameSize - ETHERNET_HEADER_LEN) + " and at most " + MAX_IPV4_DATAGRAM + ", not " + tsoMaxSize);
        }
        if (maxReceiveSize < maxFrameSize) {
            throw new IllegalArgumentException("a device hands over frames of up to " + maxReceiveSize
                    + " octets but carries " + maxFrameSize);
        }
    }

    /** A device without segmentation offloads: no TSO, no frame received above {@code maxFrameSize}. */
    public DeviceCapabilities(int maxFrameSize, int maxBurstSize, ChecksumCapabilities checksums) {
        this(maxFrameSize, maxBurstSize, checksums, 0, maxFrameSize);
    }

    /** An Ethernet device with the given IP MTU, no burst limit, every checksum done in software, no offloads. */
    public static DeviceCapabilities ethernet(int mtu) {
        return new DeviceCapabilities(mtu + ETHERNET_HEADER_LEN, 0, ChecksumCapabilities.SOFTWARE);
    }

    /** The IP MTU this device carries: its largest frame less the Ethernet header. */
    public int mtu() {
        return maxFrameSize - ETHERNET_HEADER_LEN;
    }

    /** Whether the device cuts TCP segments larger than the MTU itself. */
    public boolean tso() {
        return tsoMaxSize != 0;
    }

    /** The largest frame the stack may hand it: a TSO segment's frame when it cuts them, else {@code maxFrameSize}. */
    public int maxTransmitSize() {
        return tso() ? tsoMaxSize + ETHERNET_HEADER_LEN : maxFrameSize;
    }

    /**
     * The offloads in effect, as the console's {@code iface} shows them: {@code csum} when the
     * device finishes TCP checksums, {@code tso4} when it cuts TCP segments, {@code gso-rx} when
     * it hands over frames above the MTU; {@code none} when it does none of these.
     */
    public String offloadSummary() {
        StringBuilder out = new StringBuilder();
        if (checksums.tcp() == Checksum.RX) {
            out.append("csum");
        }
        if (tso()) {
            out.append(out.length() > 0 ? " " : "").append("tso4");
        }
        if (maxReceiveSize > maxFrameSize) {
            out.append(out.length() > 0 ? " " : "").append("gso-rx");
        }
        return out.length() == 0 ? "none" : out.toString();
    }

    /**
     * The same device with another largest frame; a TSO limit or receive size that the new frame
     * size passes is raised to it (they never fall below what the MTU carries).
     */
    public DeviceCapabilities withMaxFrameSize(int size) {
        int tso = tso() ? Math.max(tsoMaxSize, Math.min(size - ETHERNET_HEADER_LEN + 1, MAX_IPV4_DATAGRAM)) : 0;
        int receive = maxReceiveSize == maxFrameSize ? size : Math.max(maxReceiveSize, size);
        return new DeviceCapabilities(size, maxBurstSize, checksums, tso, receive);
    }

    public DeviceCapabilities withMaxBurstSize(int burst) {
        return new DeviceCapabilities(maxFrameSize, burst, checksums, tsoMaxSize, maxReceiveSize);
    }

    public DeviceCapabilities withChecksums(ChecksumCapabilities newChecksums) {
        return new DeviceCapabilities(maxFrameSize, maxBurstSize, newChecksums, tsoMaxSize, maxReceiveSize);
    }

    /** With TCP segmentation offload up to datagrams of {@code maxDatagram} octets; 0 for none. */
    public DeviceCapabilities withTsoMaxSize(int maxDatagram) {
        return new DeviceCapabilities(maxFrameSize, maxBurstSize, checksums, maxDatagram, maxReceiveSize);
    }

    /** Handing over frames of up to {@code size} octets (GSO super-frames). */
    public DeviceCapabilities withMaxReceiveSize(int size) {
        return new DeviceCapabilities(maxFrameSize, maxBurstSize, checksums, tsoMaxSize, size);
    }

    /**
     * The same device with nothing left to it on transmit: no TSO, every checksum the stack
     * sends computed in software. What the other end offloads (received frames) is unchanged.
     */
    public DeviceCapabilities withoutTransmitOffloads() {
        return new DeviceCapabilities(maxFrameSize, maxBurstSize, checksums.withSoftwareTransmit(), 0, maxReceiveSize);
    }
}

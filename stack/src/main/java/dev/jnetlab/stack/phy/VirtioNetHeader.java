package dev.jnetlab.stack.phy;

/**
 * A view of {@code struct virtio_net_hdr} (include/uapi/linux/virtio_net.h), the ten octets a
 * tap opened with {@code IFF_VNET_HDR} puts before every frame it hands over and expects
 * before every frame written to it (Documentation/networking/tuntap.rst): what the frame asks
 * of the device (finish its checksum, cut it into segments) or, from the kernel, what the
 * kernel vouches for.
 *
 * <p>Layout: {@code flags} (u8), {@code gso_type} (u8), {@code hdr_len}, {@code gso_size},
 * {@code csum_start}, {@code csum_offset} (u16 each). The u16 fields are little-endian here:
 * a legacy header is in the host's order, so {@link TapInterface} sets TUNSETVNETLE, which
 * makes them little-endian on every host (drivers/net/tun.c, tun_is_little_endian).
 *
 * <p>Like the wire layer's views it wraps an array and an offset and allocates nothing; the
 * length check is the caller's (a tap's header always has all ten octets).
 */
final class VirtioNetHeader {
    /** {@code sizeof(struct virtio_net_hdr)}, the length TUNSETVNETHDRSZ is set to. */
    static final int LEN = 10;

    /** The checksum field holds only the pseudo-header sum; the sum from csum_start on finishes it. */
    static final int FLAG_NEEDS_CSUM = 1;
    /** The checksum was verified (or the data never crossed a wire); the field is right. */
    static final int FLAG_DATA_VALID = 2;

    /**
     * gso_type: a frame that goes as it is. The header also knows UDP (3) and TCPv6 (4), and
     * ECN (0x80, or-ed in), which a tap hands over only to a reader that accepted them
     * (TUN_F_UFO, TUN_F_TSO6, TUN_F_TSO_ECN); this stack asks for none of them.
     */
    static final int GSO_NONE = 0;
    /** A TCP-over-IPv4 segment larger than the MTU, to be cut into segments of gso_size payload octets. */
    static final int GSO_TCPV4 = 1;

    private static final int FLAGS = 0;
    private static final int GSO_TYPE = 1;
    private static final int HDR_LEN = 2;
    private static final int GSO_SIZE = 4;
    private static final int CSUM_START = 6;
    private static final int CSUM_OFFSET = 8;

    private byte[] buffer;
    private int offset;

    VirtioNetHeader wrap(byte[] newBuffer, int newOffset) {
        this.buffer = newBuffer;
        this.offset = newOffset;
        return this;
    }

    /** Every field zero: a frame that asks nothing (GSO_NONE, no flags). */
    VirtioNetHeader clear() {
        for (int i = 0; i < LEN; i++) {
            buffer[offset + i] = 0;
        }
        return this;
    }

    int flags() {
        return buffer[offset + FLAGS] & 0xFF;
    }

    VirtioNetHeader setFlags(int flags) {
        buffer[offset + FLAGS] = (byte) flags;
        return this;
    }

    boolean needsChecksum() {
        return (flags() & FLAG_NEEDS_CSUM) != 0;
    }

    boolean dataValid() {
        return (flags() & FLAG_DATA_VALID) != 0;
    }

    int gsoType() {
        return buffer[offset + GSO_TYPE] & 0xFF;
    }

    VirtioNetHeader setGsoType(int type) {
        buffer[offset + GSO_TYPE] = (byte) type;
        return this;
    }

    /** The length of the headers (Ethernet, IP, TCP) that every segment cut from the frame repeats. */
    int hdrLen() {
        return get16(HDR_LEN);
    }

    VirtioNetHeader setHdrLen(int length) {
        return set16(HDR_LEN, length);
    }

    /** The payload octets per segment cut from the frame (the MSS), for a GSO type other than NONE. */
    int gsoSize() {
        return get16(GSO_SIZE);
    }

    VirtioNetHeader setGsoSize(int size) {
        return set16(GSO_SIZE, size);
    }

    /** Where, from the start of the frame, the checksummed range begins (the transport header). */
    int csumStart() {
        return get16(CSUM_START);
    }

    VirtioNetHeader setCsumStart(int start) {
        return set16(CSUM_START, start);
    }

    /** Where, from csum_start, the checksum field is (16 for TCP, 6 for UDP). */
    int csumOffset() {
        return get16(CSUM_OFFSET);
    }

    VirtioNetHeader setCsumOffset(int fieldOffset) {
        return set16(CSUM_OFFSET, fieldOffset);
    }

    private int get16(int field) {
        return (buffer[offset + field] & 0xFF) | (buffer[offset + field + 1] & 0xFF) << 8;
    }

    private VirtioNetHeader set16(int field, int value) {
        buffer[offset + field] = (byte) value;
        buffer[offset + field + 1] = (byte) (value >>> 8);
        return this;
    }

    @Override
    public String toString() {
        return "virtio_net_hdr flags " + flags() + ", gso_type " + gsoType() + ", hdr_len " + hdrLen()
                + ", gso_size " + gsoSize() + ", csum_start " + csumStart() + ", csum_offset " + csumOffset();
    }
}

package dev.jnetlab.stack.phy;

/**
 * Per protocol, in which directions the stack itself must handle the checksum; a direction
 * left out is done by the device (checksum offload) or not at all.
 */
public record ChecksumCapabilities(Checksum ipv4, Checksum icmpv4, Checksum udp, Checksum tcp) {

    /** The stack verifies every received checksum and computes every sent one. */
    public static final ChecksumCapabilities SOFTWARE =
            new ChecksumCapabilities(Checksum.BOTH, Checksum.BOTH, Checksum.BOTH, Checksum.BOTH);

    /** Checksums neither verified nor computed: a wire that cannot corrupt (an in-memory benchmark). */
    public static final ChecksumCapabilities IGNORED =
            new ChecksumCapabilities(Checksum.NONE, Checksum.NONE, Checksum.NONE, Checksum.NONE);

    /**
     * A tap with checksum offload (TUN_F_CSUM): the stack leaves the TCP checksums it sends for
     * the kernel to finish; every other one it computes (UDP too, since a fragmented datagram's
     * checksum covers fragments the kernel never sees together). Every received checksum is
     * verified, except in a frame the tap marks as vouched for ({@link FrameReceiver}).
     */
    public static final ChecksumCapabilities TAP_OFFLOAD =
            new ChecksumCapabilities(Checksum.BOTH, Checksum.BOTH, Checksum.BOTH, Checksum.RX);

    public ChecksumCapabilities {
        if (ipv4 == null || icmpv4 == null || udp == null || tcp == null) {
            throw new IllegalArgumentException("every protocol needs a checksum setting");
        }
    }

    /** The same, with every checksum left to the device on transmit ({@link Checksum#RX}) computed by the stack instead. */
    public ChecksumCapabilities withSoftwareTransmit() {
        return new ChecksumCapabilities(ipv4.withTx(), icmpv4.withTx(), udp.withTx(), tcp.withTx());
    }

    /** Which directions the stack handles a checksum in. */
    public enum Checksum {
        /** Verify received, compute sent. */
        BOTH,
        /** Verify received only; the device fills in sent ones. */
        RX,
        /** Compute sent only; the device has verified received ones. */
        TX,
        /** Neither. */
        NONE;

        public boolean rx() {
            return this == BOTH || this == RX;
        }

        public boolean tx() {
            return this == BOTH || this == TX;
        }

        /** This, with a sent checksum the device would finish computed by the stack. */
        Checksum withTx() {
            return this == RX ? BOTH : this;
        }
    }
}

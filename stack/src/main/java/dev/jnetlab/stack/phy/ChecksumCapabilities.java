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

    public ChecksumCapabilities {
        if (ipv4 == null || icmpv4 == null || udp == null || tcp == null) {
            throw new IllegalArgumentException("every protocol needs a checksum setting");
        }
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
    }
}

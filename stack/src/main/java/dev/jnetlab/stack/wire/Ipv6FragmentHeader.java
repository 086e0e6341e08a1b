package dev.jnetlab.stack.wire;

/**
 * The IPv6 Fragment header (RFC 8200 section 4.5), written in place: next header, a reserved
 * octet, the fragment offset in 8-octet units with the M flag in the low bit, and the
 * identification. Reading one is {@link Ipv6HeaderChain}'s ({@code fragmentOffset()},
 * {@code moreFragments()}, {@code fragmentIdentification()}). Static, so that the interface
 * writes fragments without a view of its own and never spells an offset.
 */
public final class Ipv6FragmentHeader {
    public static final int LENGTH = 8;
    public static final int NEXT_HEADER = 0;
    /** Where the offset and flags are: a pointer of a parameter problem about a fragment's offset points here. */
    public static final int OFFSET_FLAGS = 2;
    public static final int IDENTIFICATION = 4;

    private Ipv6FragmentHeader() {
    }

    /**
     * Writes a Fragment header at {@code at}: {@code offset} octets into the fragmentable part
     * (a multiple of 8), {@code more} when more fragments follow.
     */
    public static void write(byte[] buf, int at, int nextHeader, int offset, boolean more, int identification) {
        buf[at + NEXT_HEADER] = (byte) nextHeader;
        buf[at + 1] = 0;
        Bytes.put16(buf, at + OFFSET_FLAGS, offset & 0xFFF8 | (more ? 1 : 0));
        Bytes.put32(buf, at + IDENTIFICATION, identification);
    }
}

package dev.jnetlab.stack.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum
 * of the 16-bit words covered.
 *
 * <p>A <em>sum</em> here is the folded one's complement sum, {@code 0..0xFFFF}; sums of the
 * parts of a packet combine with {@link #add} (every part but the last must have an even
 * length), and {@link #finish} turns the total into the field's value. A packet verifies when
 * the sum over it, checksum field included, is {@code 0xFFFF}.
 */
public final class Checksum {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private Checksum() {
    }

    /**
     * The one's complement sum of {@code len} octets from {@code off}, as 16-bit big-endian
     * words; an odd last octet is padded with a zero octet (RFC 1071 section 4.1).
     *
     * <p>One pass, eight octets at a time: each 64-bit word adds its two 32-bit halves to a
     * 64-bit accumulator ("parallel summation"), and the carries are folded back only once at
     * the end ("deferred carries", RFC 1071 section 2 (B) and (C)), which is exact because
     * 2^16 = 1 modulo 0xFFFF. The accumulator cannot overflow: even a 2 GiB array is fewer
     * than 2^29 halves below 2^32 each.
     */
    public static int sum(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        long acc = 0;
        int at = off;
        int end = off + len;
        for (; at <= end - 8; at += 8) {
            long word = (long) LONG.get(buf, at);
            acc += (word >>> 32) + (word & 0xFFFF_FFFFL);
        }
        if (at <= end - 4) {
            acc += (int) INT.get(buf, at) & 0xFFFF_FFFFL;
            at += 4;
        }
        if (at <= end - 2) {
            acc += Bytes.u16(buf, at);
            at += 2;
        }
        if (at < end) {
            acc += (buf[at] & 0xFF) << 8;
        }
        return fold(acc);
    }

    /**
     * The sum of the pseudo-header that UDP (RFC 768) and TCP (RFC 9293 section 3.1) add to
     * their checksum: source and destination address, zero, protocol, and the UDP or TCP length.
     */
    public static int pseudoHeader(int srcAddr, int dstAddr, int protocol, int length) {
        long acc = (srcAddr & 0xFFFF_FFFFL) + (dstAddr & 0xFFFF_FFFFL) + protocol + length;
        return fold(acc);
    }

    /**
     * The part of IPv6's pseudo-header (RFC 8200 section 8.1) after the two addresses: the
     * upper-layer length as 32 bits and the next header in the low octet of a 32-bit word.
     * Add it to the sum over the addresses, which lie side by side in the IPv6 header.
     */
    public static int pseudoHeaderTail(int nextHeader, int upperLength) {
        return fold((upperLength & 0xFFFF_FFFFL) + nextHeader);
    }

    /** One's complement addition of two sums. */
    public static int add(int a, int b) {
        return fold((long) a + b);
    }

    /** The value of the checksum field for a packet whose sum, with that field zero, is {@code sum}. */
    public static int finish(int sum) {
        return ~sum & 0xFFFF;
    }

    /**
     * The checksum after one 16-bit word of the covered data changes from {@code oldWord} to
     * {@code newWord}, without summing the packet again: RFC 1624 equation 3,
     * {@code HC' = ~(~HC + ~m + m')}, which, unlike equation 2 of RFC 1141, never yields
     * 0x0000 for a checksum that could not be zero.
     */
    public static int update(int checksum, int oldWord, int newWord) {
        return finish(fold((long) (~checksum & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF)));
    }

    /**
     * The checksum a packet should carry, given the sum over it with its checksum field
     * {@code field} in place: for messages that say what a bad checksum should have been.
     */
    static int expected(int sumWithField, int field) {
        return finish(add(sumWithField, ~field & 0xFFFF));
    }

    /** Folds the carries of a 64-bit accumulator into 16 bits. */
    private static int fold(long acc) {
        acc = (acc & 0xFFFF_FFFFL) + (acc >>> 32);
        acc = (acc & 0xFFFF) + (acc >>> 16);
        acc = (acc & 0xFFFF) + (acc >>> 16);
        return (int) ((acc & 0xFFFF) + (acc >>> 16));
    }
}

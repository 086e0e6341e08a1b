package dev.jnetlab.stack.socket.tcp;

/**
 * Sequence-number arithmetic: "comparisons are modulo 2^32" (RFC 9293 §3.4).
 *
 * <p>A sequence number is an {@code int} holding the 32-bit value. {@code a} is before
 * {@code b} when the signed 32-bit difference {@code a - b} is negative, which is correct as
 * long as the two are less than 2^31 apart, as the RFC requires of every window. These are
 * static methods on primitives rather than a value class because every segment runs a dozen
 * comparisons and a value class would be an allocation each (ARCHITECTURE.md §4).
 */
public final class SeqNumber {

    private SeqNumber() {
    }

    /** {@code a < b} modulo 2^32. */
    public static boolean lt(int a, int b) {
        return a - b < 0;
    }

    /** {@code a <= b} modulo 2^32. */
    public static boolean le(int a, int b) {
        return a - b <= 0;
    }

    /** {@code a > b} modulo 2^32. */
    public static boolean gt(int a, int b) {
        return a - b > 0;
    }

    /** {@code a >= b} modulo 2^32. */
    public static boolean ge(int a, int b) {
        return a - b >= 0;
    }

    /** How far {@code a} is after {@code b}: the signed distance {@code a - b} (negative if before). */
    public static int diff(int a, int b) {
        return a - b;
    }

    /** The later of the two. */
    public static int max(int a, int b) {
        return gt(a, b) ? a : b;
    }

    /** The earlier of the two. */
    public static int min(int a, int b) {
        return lt(a, b) ? a : b;
    }

    /** {@code start <= s < start + length}: whether {@code s} lies in the window at {@code start}. */
    public static boolean inWindow(int s, int start, int length) {
        return Integer.compareUnsigned(s - start, length) < 0;
    }

    /** The 32-bit value as an unsigned decimal, as a sequence number is printed. */
    public static String toString(int s) {
        return Integer.toUnsignedString(s);
    }
}

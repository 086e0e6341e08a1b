package dev.jnetlab.stack.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Big-endian (network order, RFC 1700 "Data Notation") reads and writes of unsigned fields in
 * a byte array. Unsigned values are widened: a 16-bit field comes back as {@code 0..65535}.
 * A 32-bit field comes back as a Java {@code int}; sequence numbers and addresses are bit
 * patterns, so the sign is irrelevant until they are printed ({@link Integer#toUnsignedString}).
 * The 16- and 32-bit ones are public for code that writes headers into a buffer before any
 * view stands on it (the interface's transmit head, the TCP option writer).
 */
public final class Bytes {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    static int u8(byte[] buf, int at) {
        return buf[at] & 0xFF;
    }

    public static int u16(byte[] buf, int at) {
        return (short) SHORT.get(buf, at) & 0xFFFF;
    }

    public static int i32(byte[] buf, int at) {
        return (int) INT.get(buf, at);
    }

    /** A 48-bit field (a MAC address) in the low bits of a {@code long}. */
    static long u48(byte[] buf, int at) {
        return ((long) u16(buf, at) << 32) | (i32(buf, at + 2) & 0xFFFF_FFFFL);
    }

    static void put8(byte[] buf, int at, int value) {
        buf[at] = (byte) value;
    }

    public static void put16(byte[] buf, int at, int value) {
        SHORT.set(buf, at, (short) value);
    }

    public static void put32(byte[] buf, int at, int value) {
        INT.set(buf, at, value);
    }

    static void put48(byte[] buf, int at, long value) {
        put16(buf, at, (int) (value >>> 32));
        put32(buf, at + 2, (int) value);
    }

    /** Requires {@code value} to fit in {@code bits} unsigned bits; setters and reprs use it on their arguments. */
    static int requireUnsigned(int value, int bits, String field) {
        if (value < 0 || (bits < 32 && value >>> bits != 0)) {
            throw new IllegalArgumentException(field + " " + value + " does not fit in " + bits + " bits");
        }
        return value;
    }
}

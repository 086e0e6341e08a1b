package dev.jnetlab.stack.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable string of octets with value equality: the variable-length parts of a
 * representation (echo data, IPv4 options, a quoted datagram, an unknown TCP option), so that
 * two equal packets have equal reprs. Copies on the way in and on the way out.
 */
public final class Octets {
    public static final Octets EMPTY = new Octets(new byte[0]);

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Octets of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
    }

    public static Octets copyOf(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        return len == 0 ? EMPTY : new Octets(Arrays.copyOfRange(buf, off, off + len));
    }

    public int length() {
        return bytes.length;
    }

    /** The octet at {@code index}, unsigned. */
    public int get(int index) {
        return bytes[index] & 0xFF;
    }

    /** Writes every octet to {@code dst} from {@code off}; returns the number written. */
    public int copyTo(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, bytes.length);
        return bytes.length;
    }

    /** Whether these are the {@code len} octets of {@code buf} from {@code off}. */
    public boolean contentEquals(byte[] buf, int off, int len) {
        return Arrays.equals(bytes, 0, bytes.length, buf, off, off + len);
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Octets && Arrays.equals(bytes, ((Octets) other).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The octets in hex, e.g. {@code 0a1b2c}; empty for none. */
    @Override
    public String toString() {
        return Hex.appendOctets(new StringBuilder(bytes.length * 2), bytes, 0, bytes.length).toString();
    }
}

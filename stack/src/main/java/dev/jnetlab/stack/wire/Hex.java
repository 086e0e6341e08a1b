package dev.jnetlab.stack.wire;

/** Lower-case hexadecimal digits appended to a builder, without formatting objects. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** {@code value} as exactly {@code digits} hex digits, zero-padded. */
    public static StringBuilder append(StringBuilder out, long value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(DIGITS[(int) (value >>> shift) & 0xF]);
        }
        return out;
    }

    /** A 16-bit field for a message: {@code 0x0bad}. */
    static String field16(int value) {
        return append(new StringBuilder(6).append("0x"), value, 4).toString();
    }

    /** Each octet as two hex digits, with nothing between them. */
    static StringBuilder appendOctets(StringBuilder out, byte[] buf, int off, int len) {
        for (int i = 0; i < len; i++) {
            append(out, buf[off + i], 2);
        }
        return out;
    }
}

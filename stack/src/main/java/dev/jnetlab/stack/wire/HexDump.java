package dev.jnetlab.stack.wire;

import java.util.Objects;

/**
 * Prints octets as tcpdump's {@code -XX} does: a tab, the offset, sixteen octets in groups of
 * two, and those octets as ASCII with a dot for anything not printable.
 *
 * <pre>
 * 	0x0000:  0200 0000 0001 0200 0000 0002 0800 4500  ..............E.
 * </pre>
 */
public final class HexDump {
    private static final int PER_LINE = 16;
    /** Width of the hex columns: eight groups of a space and four digits. */
    private static final int HEX_WIDTH = 40;

    private HexDump() {
    }

    public static String format(byte[] buf) {
        return appendTo(new StringBuilder(buf.length * 5), buf, 0, buf.length).toString();
    }

    /** Appends the {@code length} octets from {@code offset}, every line ending in a line break. */
    public static StringBuilder appendTo(StringBuilder out, byte[] buf, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        for (int line = 0; line < length; line += PER_LINE) {
            int count = Math.min(PER_LINE, length - line);
            // tcpdump's "0x%04x": four digits, more past 64 KiB.
            Hex.append(out.append("\t0x"), line, line > 0xFFFF ? 8 - Integer.numberOfLeadingZeros(line) / 4 : 4).append(": ");
            int start = out.length();
            for (int i = 0; i < count; i++) {
                if (i % 2 == 0) {
                    out.append(' ');
                }
                Hex.append(out, buf[offset + line + i], 2);
            }
            for (int pad = HEX_WIDTH - (out.length() - start); pad > 0; pad--) {
                out.append(' ');
            }
            out.append("  ");
            for (int i = 0; i < count; i++) {
                int c = buf[offset + line + i] & 0xFF;
                out.append(c > 0x20 && c < 0x7F ? (char) c : '.');
            }
            out.append('\n');
        }
        return out;
    }
}

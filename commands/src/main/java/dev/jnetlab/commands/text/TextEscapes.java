package dev.jnetlab.commands.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The C escapes a person types in a TEXT argument ({@code tcp send 3 GET / HTTP/1.0\r\n\r\n}):
 * {@code \n}, {@code \r}, {@code \t}, {@code \0}, {@code \xNN} and {@code \\}. Everything else is
 * sent as its UTF-8 octets. {@link #encode} is the inverse, for showing received data.
 */
public final class TextEscapes {
    private TextEscapes() {
    }

    /** The octets {@code text} stands for. */
    public static byte[] decode(String text) throws SyntaxException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            int slash = text.indexOf('\\', i);
            int end = slash < 0 ? text.length() : slash;
            out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
            if (slash < 0) {
                break;
            }
            if (slash + 1 >= text.length()) {
                throw new SyntaxException("a lone \\ ends the text (write \\\\ for a backslash)");
            }
            char kind = text.charAt(slash + 1);
            i = slash + 2;
            switch (kind) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\' -> out.write('\\');
                case 'x' -> {
                    if (i + 2 > text.length() || hex(text.charAt(i)) < 0 || hex(text.charAt(i + 1)) < 0) {
                        throw new SyntaxException("\\x needs two hex digits, as in \\x0a");
                    }
                    out.write(hex(text.charAt(i)) << 4 | hex(text.charAt(i + 1)));
                    i += 2;
                }
                default -> throw new SyntaxException("unknown escape \\" + kind
                        + " (known: \\n \\r \\t \\0 \\xNN \\\\)");
            }
        }
        return out.toByteArray();
    }

    /**
     * {@code data} as printable text: printable ASCII as itself, {@code \n \r \t \\} by name,
     * every other octet as {@code \xNN}; {@code decode(encode(b))} gives {@code b} back.
     */
    public static String encode(byte[] data, int offset, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = offset; i < offset + length; i++) {
            int b = data[i] & 0xFF;
            switch (b) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7F) {
                        out.append((char) b);
                    } else {
                        out.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
                    }
                }
            }
        }
        return out.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}

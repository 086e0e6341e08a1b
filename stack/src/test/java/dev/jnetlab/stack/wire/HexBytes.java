package dev.jnetlab.stack.wire;

import java.util.HexFormat;

/** Hex text of a test vector, as tcpdump -xx prints it (whitespace anywhere), to bytes. */
public final class HexBytes {
    private HexBytes() {
    }

    public static byte[] parse(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }
}

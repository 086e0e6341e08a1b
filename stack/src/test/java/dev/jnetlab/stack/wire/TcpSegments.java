package dev.jnetlab.stack.wire;

import java.util.List;

/**
 * TCP segments whose options are any list, in any order, unknown kinds included, as a peer or
 * an attacker may send them and as {@link TcpRepr#emit} never writes them: the fields of a
 * {@link TcpRepr} without options, then each option's own {@link TcpOption#writeTo}, as the
 * console's {@code craft} command does, zeros (end of list) to a whole word, and the checksum.
 */
public final class TcpSegments {
    private TcpSegments() {
    }

    /** The header length of a segment with {@code options}. */
    public static int headerLength(List<TcpOption> options) {
        int length = 0;
        for (TcpOption option : options) {
            length += option.length();
        }
        return TcpPacket.HEADER_LEN + (length + 3 & ~3);
    }

    /**
     * Writes {@code fields} (which must carry no options of its own) with {@code options} and
     * {@code payload} into {@code view}, which must span exactly the segment, and fills the
     * checksum for the addresses of {@code fields}.
     */
    public static TcpPacket write(TcpRepr fields, List<TcpOption> options, byte[] payload, TcpPacket view) {
        int headerLength = headerLength(options);
        if (fields.optionsLength() != 0 || headerLength > TcpPacket.HEADER_LEN + TcpRepr.MAX_OPTIONS_LENGTH
                || view.length() != headerLength + payload.length) {
            throw new IllegalArgumentException(fields + " with options " + options + " in a view of " + view.length());
        }
        fields.emit(view);
        view.setDataOffset(headerLength / 4);
        byte[] buffer = view.buffer();
        int at = view.optionsOffset();
        for (TcpOption option : options) {
            at += option.writeTo(buffer, at);
        }
        for (int end = view.offset() + headerLength; at < end; at++) {
            buffer[at] = TcpOptionReader.KIND_EOL;
        }
        System.arraycopy(payload, 0, buffer, view.offset() + headerLength, payload.length);
        return view.fillChecksum(fields.sourceAddress(), fields.destinationAddress());
    }

    /** The segment alone, in an array of its own. */
    public static byte[] segment(TcpRepr fields, List<TcpOption> options, byte[] payload) {
        byte[] segment = new byte[headerLength(options) + payload.length];
        write(fields, options, payload, new TcpPacket().wrap(segment, 0, segment.length));
        return segment;
    }
}

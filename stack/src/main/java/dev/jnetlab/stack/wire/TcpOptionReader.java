package dev.jnetlab.stack.wire;

import java.util.Objects;

/**
 * A cursor over TCP options (RFC 9293 section 3.2) that allocates nothing: {@link #next()}
 * steps to the next option and the accessors read it in place.
 *
 * <pre>{@code
 * for (options.wrap(segment); options.next(); ) {
 *     if (options.kind() == TcpOptionReader.KIND_MSS) { peerMss = options.mss(); }
 * }
 * }</pre>
 *
 * <p>Every option {@code next()} lands on is well formed: a known kind has its one valid
 * length (RFC 9293 for EOL, NOP and MSS; RFC 7323 for window scale and timestamps; RFC 2018
 * for SACK-permitted and SACK), any other kind has a length of at least 2 that fits. A
 * malformed option ends the walk with {@link #error()} set. The end-of-option-list option is
 * returned once, and nothing after it: what follows it is padding. On the options of a
 * segment that passed {@link TcpPacket#check()}, {@code next()} never meets a malformed one.
 */
public final class TcpOptionReader {
    public static final int KIND_EOL = 0;
    public static final int KIND_NOP = 1;
    public static final int KIND_MSS = 2;
    public static final int KIND_WINDOW_SCALE = 3;
    public static final int KIND_SACK_PERMITTED = 4;
    public static final int KIND_SACK = 5;
    public static final int KIND_TIMESTAMPS = 8;

    /** {@link #optionLength} for an option that is not well formed. */
    private static final int MALFORMED = -1;

    private byte[] buf;
    private int start;
    private int end;
    private int next;
    private int current;
    private int currentLen;
    private boolean failed;

    /** Walks the options of {@code segment}: from octet 20 to the end of its header, never beyond the view. */
    public TcpOptionReader wrap(TcpPacket segment) {
        // A view too short for the fixed header has no options to read, nor a data offset.
        int length = segment.length() < TcpPacket.HEADER_LEN
                ? 0 : Math.min(segment.headerLength(), segment.length()) - TcpPacket.HEADER_LEN;
        return length > 0 ? wrap(segment.buffer(), segment.optionsOffset(), length) : wrap(segment.buffer(), segment.offset(), 0);
    }

    /** Walks {@code length} octets of options from {@code offset}. */
    public TcpOptionReader wrap(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        this.buf = buffer;
        this.start = offset;
        this.end = offset + length;
        this.next = offset;
        this.current = -1;
        this.currentLen = 0;
        this.failed = false;
        return this;
    }

    /**
     * Steps to the next option. Returns false at the end of the options (after EOL or the
     * last octet) and at a malformed option, which {@link #error()} then reports.
     */
    public boolean next() {
        if (next >= end || failed) {
            current = -1;
            return false;
        }
        int length = optionLength(buf, next, end);
        if (length == MALFORMED) {
            current = -1;
            failed = true;
            return false;
        }
        current = next;
        currentLen = length;
        // After EOL only padding follows (RFC 9293 section 3.2): the walk ends there.
        next = buf[current] == KIND_EOL ? end : current + length;
        return true;
    }

    /** {@link WireError#BAD_OPTION} if the walk stopped at a malformed option, otherwise {@code null}. */
    public WireError error() {
        return failed ? WireError.BAD_OPTION : null;
    }

    /** What is wrong with the option the walk stopped at, e.g. {@code TCP: option mss at octet 20: length 3, should be 4}. */
    public String errorMessage() {
        return failed ? describe(buf, next, end, start) : null;
    }

    public int kind() {
        return Bytes.u8(buf, requireCurrent());
    }

    /** The option's length in octets, kind and length octets included: 1 for EOL and NOP. */
    public int length() {
        requireCurrent();
        return currentLen;
    }

    /** Where the option's data starts in the buffer, after its kind and length octets. */
    public int dataOffset() {
        return requireCurrent() + (currentLen == 1 ? 1 : 2);
    }

    public int dataLength() {
        requireCurrent();
        return currentLen == 1 ? 0 : currentLen - 2;
    }

    /** Where the option starts, counted from the start of the options. */
    public int position() {
        return requireCurrent() - start;
    }

    /** Maximum segment size (kind 2). */
    public int mss() {
        return Bytes.u16(buf, requireKind(KIND_MSS) + 2);
    }

    /** Window scale shift count (kind 3); RFC 7323 section 2.3 says to use 14 for anything larger. */
    public int windowScale() {
        return Bytes.u8(buf, requireKind(KIND_WINDOW_SCALE) + 2);
    }

    /** SACK (kind 5): how many blocks, 1 to 4. */
    public int sackCount() {
        requireKind(KIND_SACK);
        return (currentLen - 2) / 8;
    }

    /** SACK: the left edge of block {@code index}, the first sequence number it covers. */
    public int sackLeft(int index) {
        return Bytes.i32(buf, sackBlock(index));
    }

    /** SACK: the right edge of block {@code index}, the sequence number just after it. */
    public int sackRight(int index) {
        return Bytes.i32(buf, sackBlock(index) + 4);
    }

    private int sackBlock(int index) {
        Objects.checkIndex(index, sackCount());
        return current + 2 + index * 8;
    }

    /** Timestamps (kind 8): TSval. */
    public int tsVal() {
        return Bytes.i32(buf, requireKind(KIND_TIMESTAMPS) + 2);
    }

    /** Timestamps (kind 8): TSecr. */
    public int tsEcr() {
        return Bytes.i32(buf, requireKind(KIND_TIMESTAMPS) + 6);
    }

    private int requireCurrent() {
        if (current < 0) {
            throw new IllegalStateException("no current option: next() has not returned true");
        }
        return current;
    }

    private int requireKind(int kind) {
        if (kind() != kind) {
            throw new IllegalStateException("the current option is kind " + kind() + ", not " + kind);
        }
        return current;
    }

    /** The length of the well-formed option at {@code at}, or {@link #MALFORMED}. */
    private static int optionLength(byte[] buf, int at, int end) {
        int kind = buf[at] & 0xFF;
        if (kind == KIND_EOL || kind == KIND_NOP) {
            return 1;
        }
        if (at + 1 >= end) {
            return MALFORMED;
        }
        int length = buf[at + 1] & 0xFF;
        if (length < 2 || length > end - at) {
            return MALFORMED;
        }
        int required = requiredLength(kind, length);
        return required == 0 || required == length ? length : MALFORMED;
    }

    /** The only valid length for a known kind ({@code length} itself if SACK's is valid), or 0 for any kind not known. */
    private static int requiredLength(int kind, int length) {
        switch (kind) {
            case KIND_MSS:
                return 4;
            case KIND_WINDOW_SCALE:
                return 3;
            case KIND_SACK_PERMITTED:
                return 2;
            case KIND_TIMESTAMPS:
                return 10;
            case KIND_SACK:
                // 2 + 8n for n blocks; the 40 octets of option space hold at most 4 (RFC 2018 section 3).
                return length >= 10 && (length - 2) % 8 == 0 ? length : 10;
            default:
                return 0;
        }
    }

    /**
     * Appends every option from the start, as tcpdump prints them ({@code mss 1460},
     * {@code sackOK}, {@code TS val 1 ecr 0}, {@code nop}, {@code wscale 7}, {@code eol},
     * {@code sack 1 {1001:2001}}, {@code unknown-99 0xabcd}) with {@code separator} between
     * them, and a malformed option's {@link #errorMessage()} in brackets. Leaves the walk at its end.
     */
    public StringBuilder appendTo(StringBuilder out, String separator) {
        next = start;
        failed = false;
        for (boolean first = true; next(); first = false) {
            if (!first) {
                out.append(separator);
            }
            appendCurrent(out);
        }
        if (failed) {
            out.append(next == start ? "" : separator).append('[').append(errorMessage()).append(']');
        }
        return out;
    }

    private void appendCurrent(StringBuilder out) {
        switch (kind()) {
            case KIND_EOL:
                out.append("eol");
                break;
            case KIND_NOP:
                out.append("nop");
                break;
            case KIND_MSS:
                out.append("mss ").append(mss());
                break;
            case KIND_WINDOW_SCALE:
                out.append("wscale ").append(windowScale());
                break;
            case KIND_SACK_PERMITTED:
                out.append("sackOK");
                break;
            case KIND_SACK:
                out.append("sack ").append(sackCount()).append(' ');
                for (int i = 0; i < sackCount(); i++) {
                    out.append('{').append(sackLeft(i) & 0xFFFF_FFFFL).append(':').append(sackRight(i) & 0xFFFF_FFFFL).append('}');
                }
                break;
            case KIND_TIMESTAMPS:
                out.append("TS val ").append(tsVal() & 0xFFFF_FFFFL).append(" ecr ").append(tsEcr() & 0xFFFF_FFFFL);
                break;
            default:
                out.append("unknown-").append(kind());
                if (dataLength() > 0) {
                    Hex.appendOctets(out.append(" 0x"), buf, dataOffset(), dataLength());
                }
        }
    }

    /**
     * Where the first malformed option from {@code offset} starts, or -1 if all are well
     * formed; the allocation-free walk behind {@link TcpPacket#check()}.
     */
    static int firstMalformed(byte[] buf, int offset, int length) {
        int end = offset + length;
        for (int at = offset; at < end && buf[at] != KIND_EOL; ) {
            int optionLength = optionLength(buf, at, end);
            if (optionLength == MALFORMED) {
                return at;
            }
            at += optionLength;
        }
        return -1;
    }

    /** What is wrong with the malformed option at {@code at}, in options that run from {@code start} to {@code end}. */
    static String describe(byte[] buf, int at, int end, int start) {
        int kind = buf[at] & 0xFF;
        String where = "TCP: option " + name(kind) + " at octet " + (TcpPacket.HEADER_LEN + at - start) + ": ";
        if (at + 1 >= end) {
            return where + "no room for its length octet";
        }
        int length = buf[at + 1] & 0xFF;
        if (length < 2) {
            return where + "length " + length + " < 2";
        }
        if (length > end - at) {
            return where + "length " + length + " runs beyond the header (" + (end - at) + " octets left)";
        }
        return where + "length " + length + ", should be " + (kind == KIND_SACK ? "10, 18, 26 or 34" : requiredLength(kind, length));
    }

    private static String name(int kind) {
        switch (kind) {
            case KIND_MSS:
                return "mss";
            case KIND_WINDOW_SCALE:
                return "wscale";
            case KIND_SACK_PERMITTED:
                return "sackOK";
            case KIND_SACK:
                return "sack";
            case KIND_TIMESTAMPS:
                return "TS";
            default:
                return "kind " + kind;
        }
    }
}

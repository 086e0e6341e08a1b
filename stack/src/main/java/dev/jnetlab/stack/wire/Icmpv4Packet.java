package dev.jnetlab.stack.wire;

/**
 * A view of an ICMPv4 message (RFC 792): type, code, checksum, four octets whose meaning
 * depends on the type, and data. Every accessor reads the first eight octets, so after
 * {@link #check()} none can fail whatever the type; which ones mean something for which type
 * is said on each. An error message (destination unreachable, redirect, time exceeded,
 * parameter problem) quotes the offending datagram's header and first data octets from
 * {@link #dataOffset()}: wrap an {@link Ipv4Packet} there and {@link Ipv4Packet#checkHeader()}.
 */
public final class Icmpv4Packet extends PacketView {
    public static final int HEADER_LEN = 8;

    public static final int TYPE_ECHO_REPLY = 0;
    public static final int TYPE_DST_UNREACHABLE = 3;
    public static final int TYPE_REDIRECT = 5;
    public static final int TYPE_ECHO_REQUEST = 8;
    public static final int TYPE_TIME_EXCEEDED = 11;
    public static final int TYPE_PARAM_PROBLEM = 12;

    private static final int TYPE = 0;
    private static final int CODE = 1;
    private static final int CHECKSUM = 2;
    private static final int ECHO_IDENTIFIER = 4;
    private static final int ECHO_SEQUENCE = 6;
    private static final int POINTER = 4;
    private static final int GATEWAY = 4;
    private static final int NEXT_HOP_MTU = 6;

    /** Points this view at {@code length} octets from {@code offset}; checks only that they lie in the array. */
    public Icmpv4Packet wrap(byte[] buffer, int offset, int length) {
        window(buffer, offset, length);
        return this;
    }

    /** Checks that the eight-octet header is present; the checksum is {@link #verifyChecksum()}'s job. */
    @Override
    public WireError check() {
        return len < HEADER_LEN ? WireError.TRUNCATED : null;
    }

    @Override
    String explain(WireError reason) {
        return "ICMP: " + len + " octets, shorter than the 8-octet header";
    }

    /** Returns this view if {@link #check()} passes, else throws its reason with a message. */
    public Icmpv4Packet validate() throws WireException {
        checkOrThrow();
        return this;
    }

    public int type() {
        return Bytes.u8(buf, off + TYPE);
    }

    public Icmpv4Packet setType(int type) {
        Bytes.put8(buf, off + TYPE, type);
        return this;
    }

    public int code() {
        return Bytes.u8(buf, off + CODE);
    }

    public Icmpv4Packet setCode(int code) {
        Bytes.put8(buf, off + CODE, code);
        return this;
    }

    /** Whether the type is an error that quotes a datagram: unreachable, redirect, time exceeded, parameter problem. */
    public boolean isError() {
        int type = type();
        return type == TYPE_DST_UNREACHABLE || type == TYPE_REDIRECT || type == TYPE_TIME_EXCEEDED
                || type == TYPE_PARAM_PROBLEM;
    }

    public int checksum() {
        return Bytes.u16(buf, off + CHECKSUM);
    }

    public Icmpv4Packet setChecksum(int checksum) {
        Bytes.put16(buf, off + CHECKSUM, checksum);
        return this;
    }

    /** Whether the checksum over the whole message, as long as the view, verifies. */
    public boolean verifyChecksum() {
        return Checksum.sum(buf, off, len) == 0xFFFF;
    }

    /** The checksum the field should hold, for saying what a bad one should have been. */
    int expectedChecksum() {
        return Checksum.expected(Checksum.sum(buf, off, len), checksum());
    }

    /** Computes the checksum over the whole message and writes it; call it after the last change. */
    public Icmpv4Packet fillChecksum() {
        setChecksum(0);
        return setChecksum(Checksum.finish(Checksum.sum(buf, off, len)));
    }

    /** Echo request and reply: the identifier that matches replies to requests. */
    public int echoIdentifier() {
        return Bytes.u16(buf, off + ECHO_IDENTIFIER);
    }

    public Icmpv4Packet setEchoIdentifier(int identifier) {
        Bytes.put16(buf, off + ECHO_IDENTIFIER, identifier);
        return this;
    }

    /** Echo request and reply: the sequence number. */
    public int echoSequence() {
        return Bytes.u16(buf, off + ECHO_SEQUENCE);
    }

    public Icmpv4Packet setEchoSequence(int sequence) {
        Bytes.put16(buf, off + ECHO_SEQUENCE, sequence);
        return this;
    }

    /** Parameter problem: the octet of the quoted header where the problem is. */
    public int pointer() {
        return Bytes.u8(buf, off + POINTER);
    }

    public Icmpv4Packet setPointer(int pointer) {
        Bytes.put8(buf, off + POINTER, pointer);
        return this;
    }

    /** Redirect: the gateway to send to instead. */
    public int gateway() {
        return Bytes.i32(buf, off + GATEWAY);
    }

    public Icmpv4Packet setGateway(int ip) {
        Bytes.put32(buf, off + GATEWAY, ip);
        return this;
    }

    /** Destination unreachable, fragmentation needed: the MTU of the next hop (RFC 1191 section 4), or 0 from old routers. */
    public int nextHopMtu() {
        return Bytes.u16(buf, off + NEXT_HOP_MTU);
    }

    public Icmpv4Packet setNextHopMtu(int mtu) {
        Bytes.put16(buf, off + NEXT_HOP_MTU, mtu);
        return this;
    }

    /** The four octets after the checksum as one word, whatever the type; unused ones should be zero. */
    public int restOfHeader() {
        return Bytes.i32(buf, off + ECHO_IDENTIFIER);
    }

    public Icmpv4Packet setRestOfHeader(int word) {
        Bytes.put32(buf, off + ECHO_IDENTIFIER, word);
        return this;
    }

    /** Where the data starts in {@link #buffer()}: the echo data, or the quoted datagram of an error. */
    public int dataOffset() {
        return off + HEADER_LEN;
    }

    public int dataLength() {
        return len - HEADER_LEN;
    }

    /** One line with every header field; a message that fails {@link #check()} says why instead. */
    public StringBuilder appendTo(StringBuilder out) {
        out.append("ICMP ");
        WireError reason = check();
        if (reason != null) {
            return out.append('[').append(explain(reason)).append(']');
        }
        out.append("type ").append(type());
        appendName(out, typeName());
        out.append(", code ").append(code());
        appendName(out, codeName());
        out.append(", checksum 0x");
        Hex.append(out, checksum(), 4).append(verifyChecksum() ? " (correct)" : " (incorrect)");
        switch (type()) {
            case TYPE_ECHO_REQUEST:
            case TYPE_ECHO_REPLY:
                out.append(", id ").append(echoIdentifier()).append(", seq ").append(echoSequence());
                break;
            case TYPE_PARAM_PROBLEM:
                out.append(", pointer ").append(pointer());
                break;
            case TYPE_REDIRECT:
                Ipv4Address.appendTo(out.append(", gateway "), gateway());
                break;
            case TYPE_DST_UNREACHABLE:
                out.append(", next-hop mtu ").append(nextHopMtu());
                break;
            default:
                Hex.append(out.append(", rest of header 0x"), restOfHeader(), 8);
        }
        return out.append(", data ").append(dataLength()).append(" octets");
    }

    private static void appendName(StringBuilder out, String name) {
        if (name != null) {
            out.append(" (").append(name).append(')');
        }
    }

    private String typeName() {
        switch (type()) {
            case TYPE_ECHO_REPLY:
                return "echo reply";
            case TYPE_DST_UNREACHABLE:
                return "destination unreachable";
            case TYPE_REDIRECT:
                return "redirect";
            case TYPE_ECHO_REQUEST:
                return "echo request";
            case TYPE_TIME_EXCEEDED:
                return "time exceeded";
            case TYPE_PARAM_PROBLEM:
                return "parameter problem";
            default:
                return null;
        }
    }

    private String codeName() {
        int code = code();
        switch (type()) {
            case TYPE_DST_UNREACHABLE:
                return Icmpv4DstUnreachable.ofCode(code).map(Enum::toString).orElse(null);
            case TYPE_REDIRECT:
                return Icmpv4Redirect.ofCode(code).map(Enum::toString).orElse(null);
            case TYPE_TIME_EXCEEDED:
                return Icmpv4TimeExceeded.ofCode(code).map(Enum::toString).orElse(null);
            case TYPE_PARAM_PROBLEM:
                return Icmpv4ParamProblem.ofCode(code).map(Enum::toString).orElse(null);
            default:
                return null;
        }
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(96)).toString();
    }
}

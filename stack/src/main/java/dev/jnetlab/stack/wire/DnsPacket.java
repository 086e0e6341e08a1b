package dev.jnetlab.stack.wire;

/**
 * A view of a DNS message's header (RFC 1035 section 4.1.1): identifier, flags and the four
 * section counts; the sections themselves are read by {@link DnsRepr} and the printer, names by
 * {@link DnsName}. Over TCP a message is preceded by a two-octet length (section 4.2.2), which
 * is not part of the view.
 */
public final class DnsPacket extends PacketView {
    public static final int HEADER_LEN = 12;
    /** The largest message over UDP without EDNS (RFC 1035 section 2.3.4). */
    public static final int UDP_MAX = 512;
    public static final int PORT = 53;

    public static final int FLAG_QR = 0x8000;
    public static final int FLAG_AA = 0x0400;
    public static final int FLAG_TC = 0x0200;
    public static final int FLAG_RD = 0x0100;
    public static final int FLAG_RA = 0x0080;

    private static final int ID = 0;
    private static final int FLAGS = 2;
    private static final int QDCOUNT = 4;
    private static final int ANCOUNT = 6;
    private static final int NSCOUNT = 8;
    private static final int ARCOUNT = 10;

    public DnsPacket wrap(byte[] buffer, int offset, int length) {
        window(buffer, offset, length);
        return this;
    }

    @Override
    public WireError check() {
        return len < HEADER_LEN ? WireError.TRUNCATED : null;
    }

    @Override
    String explain(WireError reason) {
        return "DNS: " + len + " octets, shorter than the 12-octet header";
    }

    public int id() {
        return Bytes.u16(buf, off + ID);
    }

    public int flags() {
        return Bytes.u16(buf, off + FLAGS);
    }

    public boolean isResponse() {
        return (flags() & FLAG_QR) != 0;
    }

    public int opcode() {
        return flags() >>> 11 & 0xF;
    }

    public int rcode() {
        return flags() & 0xF;
    }

    public int questionCount() {
        return Bytes.u16(buf, off + QDCOUNT);
    }

    public int answerCount() {
        return Bytes.u16(buf, off + ANCOUNT);
    }

    public int authorityCount() {
        return Bytes.u16(buf, off + NSCOUNT);
    }

    public int additionalCount() {
        return Bytes.u16(buf, off + ARCOUNT);
    }

    void setHeader(int id, int flags, int qd, int an, int ns, int ar) {
        Bytes.put16(buf, off + ID, id);
        Bytes.put16(buf, off + FLAGS, flags);
        Bytes.put16(buf, off + QDCOUNT, qd);
        Bytes.put16(buf, off + ANCOUNT, an);
        Bytes.put16(buf, off + NSCOUNT, ns);
        Bytes.put16(buf, off + ARCOUNT, ar);
    }
}

package dev.jnetlab.stack.wire;

/**
 * What {@code tcpdump -nn} prints of an MLD message after {@code ICMP6, } and the type's name,
 * for {@link Ipv6LinePrinter}:
 *
 * <pre>
 * multicast listener query v2 [gaddr ::]                      a v2 general query (RFC 3810)
 * multicast listener query v2 [gaddr ff02::1:ff00:1, 2 source(s)]
 * multicast listener querymax resp delay: 10000 addr: ::     an MLDv1 query (RFC 2710)
 * multicast listener report v2, 1 group record(s)
 * </pre>
 *
 * The v1 forms run the name and the delay together, as tcpdump does. Never throws; holds
 * one view, so one serves one thread.
 */
final class MldLinePrinter {
    /** An MLDv1 message is 24 octets (RFC 2710 section 3). */
    private static final int V1_LEN = 24;

    private final MldMessage mld = new MldMessage();

    /** Appends the fields of the MLD message {@code message}, of {@code length} octets as the header said. */
    void append(StringBuilder out, Icmpv6Packet message, int length) {
        mld.wrap(message.buffer(), message.offset(), message.length());
        byte[] buf = message.buffer();
        int at = message.offset();
        switch (message.type()) {
            case MldMessage.TYPE_QUERY:
                if (length == V1_LEN && message.length() >= V1_LEN) {
                    v1(out, buf, at);
                } else if (length >= MldMessage.V2_QUERY_LEN && message.length() >= MldMessage.V2_QUERY_LEN) {
                    Ipv6Address.appendTo(out.append(" v2 [gaddr "), buf, mld.multicastAddressOffset());
                    int sources = Bytes.u16(buf, at + 26);
                    if (sources > 0) {
                        if (length < MldMessage.V2_QUERY_LEN + 16 * sources) {
                            out.append(" [invalid number of sources]");
                        } else {
                            out.append(", ").append(sources).append(" source(s)");
                        }
                    }
                    out.append(']');
                } else {
                    out.append(" unknown-version (len ").append(length).append(") ");
                }
                break;
            case MldMessage.TYPE_REPORT_V2:
                out.append(", ").append(mld.recordCount()).append(" group record(s)");
                break;
            default: // 131 and 132, MLDv1's report and done
                if (message.length() >= V1_LEN) {
                    v1(out, buf, at);
                }
        }
    }

    private static void v1(StringBuilder out, byte[] buf, int at) {
        out.append("max resp delay: ").append(Bytes.u16(buf, at + 4)).append(' ');
        Ipv6Address.appendTo(out.append("addr: "), buf, at + 8);
    }
}

package dev.jnetlab.stack.wire;

/**
 * Prints a DNS message as {@code tcpdump -nn} does without {@code -v}: a query as
 * {@code 4660+ A? peer.lab. (26)}, a response as
 * {@code 4660*- 2/0/0 CNAME peer.lab., A 192.168.69.100 (63)}: the identifier; for a query
 * {@code +} when recursion is desired, counts of unusual sections in brackets, the question;
 * for a response the response code when not NOERROR, {@code *} when authoritative, {@code -}
 * when recursion is not available, {@code |} when truncated, the section counts and the
 * answers; then the message's length. A message that cannot be read prints what could be and
 * the reason in brackets. Allocates nothing.
 */
final class DnsPrinter {
    private static final String[] RCODES = {"", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused"};

    private final DnsPacket dns = new DnsPacket();
    private boolean verbose;

    /** tcpdump's {@code -v}: each answer after its owner name ({@code peer.lab. A 192.168.69.100}). */
    void setVerbose(boolean on) {
        verbose = on;
    }

    /**
     * A TCP segment's payload on port 53, after tcpdump's {@code , length N}: one message
     * behind its two-octet length (RFC 1035 section 4.2.2), printed after a space. As tcpdump
     * 4.99 does, a segment that holds anything but exactly one whole message (the answer split
     * over segments, two messages in one) prints the two lengths and {@code (invalid)}.
     */
    StringBuilder appendOverTcp(StringBuilder out, byte[] buf, int offset, int length) {
        if (length < 2) {
            return out.append(" [DNS over TCP: length ").append(length).append(" < 2] (invalid)");
        }
        int prefix = Bytes.u16(buf, offset);
        if (prefix != length - 2) {
            return out.append(" [prefix length(").append(prefix).append(") != length(").append(length - 2)
                    .append(")] (invalid)");
        }
        return append(out.append(' '), buf, offset + 2, length - 2);
    }

    StringBuilder append(StringBuilder out, byte[] buf, int offset, int length) {
        dns.wrap(buf, offset, length);
        if (dns.check() != null) {
            return out.append("[DNS: ").append(length).append(" octets, shorter than the 12-octet header]");
        }
        out.append(dns.id());
        if (dns.opcode() != 0) {
            out.append(" op").append(dns.opcode());
        }
        int at = DnsPacket.HEADER_LEN;
        int flags = dns.flags();
        if (dns.isResponse()) {
            int rcode = dns.rcode();
            out.append(rcode < RCODES.length ? RCODES[rcode] : " Resp" + rcode);
            if ((flags & DnsPacket.FLAG_AA) != 0) {
                out.append('*');
            }
            if ((flags & DnsPacket.FLAG_RA) == 0) {
                out.append('-');
            }
            if ((flags & DnsPacket.FLAG_TC) != 0) {
                out.append('|');
            }
            if (dns.questionCount() != 1) {
                out.append(" [").append(dns.questionCount()).append("q]");
            }
            for (int i = 0; i < dns.questionCount(); i++) {
                at = DnsName.walk(buf, offset, length, at, null);
                if (at < 0 || at + 4 > length) {
                    return bad(out, at);
                }
                at += 4;
            }
            out.append(' ').append(dns.answerCount()).append('/').append(dns.authorityCount()).append('/')
                    .append(dns.additionalCount());
            for (int i = 0; i < dns.answerCount(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                at = record(out, buf, offset, length, at);
                if (at < 0) {
                    return bad(out, at);
                }
            }
        } else {
            if ((flags & DnsPacket.FLAG_RD) != 0) {
                out.append('+');
            }
            if ((flags & 0x0010) != 0) {
                out.append('%');
            }
            if ((flags & 0x6CF) != 0) {
                Hex.append(out.append(" [b2&3=0x"), flags & 0xFFFF, 1).append(']');
            }
            if (dns.questionCount() != 1) {
                out.append(" [").append(dns.questionCount()).append("q]");
            }
            if (dns.answerCount() != 0) {
                out.append(" [").append(dns.answerCount()).append("a]");
            }
            if (dns.authorityCount() != 0) {
                out.append(" [").append(dns.authorityCount()).append("n]");
            }
            if (dns.additionalCount() != 0) {
                out.append(" [").append(dns.additionalCount()).append("au]");
            }
            for (int i = 0; i < dns.questionCount(); i++) {
                int nameAt = at;
                at = DnsName.walk(buf, offset, length, at, null);
                if (at < 0 || at + 4 > length) {
                    return bad(out, at);
                }
                type(out.append(' '), Bytes.u16(buf, offset + at));
                int qclass = Bytes.u16(buf, offset + at + 2);
                if (qclass != 1) {
                    out.append(" (Class ").append(qclass).append(')');
                }
                DnsName.walk(buf, offset, length, nameAt, out.append("? "));
                at += 4;
            }
        }
        return out.append(" (").append(length).append(')');
    }

    /**
     * One answer: {@code  A 192.168.69.100}, {@code  CNAME peer.lab.} (verbose: {@code  www.lab. CNAME peer.lab.});
     * the offset after it, or a negative reason.
     */
    private int record(StringBuilder out, byte[] buf, int offset, int length, int at) {
        if (verbose) {
            int owner = DnsName.walk(buf, offset, length, at, out.append(' '));
            if (owner < 0) {
                return owner;
            }
        }
        at = DnsName.walk(buf, offset, length, at, null);
        if (at < 0) {
            return at;
        }
        if (at + 10 > length) {
            return -1 - MessageError.TRUNCATED.ordinal();
        }
        int type = Bytes.u16(buf, offset + at);
        int rdLength = Bytes.u16(buf, offset + at + 8);
        at += 10;
        if (at + rdLength > length) {
            return -1 - MessageError.TRUNCATED.ordinal();
        }
        type(out.append(' '), type);
        if (type == DnsType.A.value() && rdLength == 4) {
            Ipv4Address.appendTo(out.append(' '), Bytes.i32(buf, offset + at));
        } else if (type == DnsType.CNAME.value() || type == DnsType.PTR.value() || type == DnsType.NS.value()) {
            int end = DnsName.walk(buf, offset, length, at, out.append(' '));
            if (end < 0) {
                return end;
            }
        } else if (type == DnsType.AAAA.value() && rdLength == 16) {
            // Allocates, as does any AAAA: rare on this stack's IPv4 links.
            out.append(' ').append(DnsRepr.ipv6(java.util.Arrays.copyOfRange(buf, offset + at, offset + at + 16)));
        }
        return at + rdLength;
    }

    private static StringBuilder type(StringBuilder out, int type) {
        DnsType known = DnsType.of(type);
        return known == null ? out.append("Type").append(type) : out.append(known.name());
    }

    private static StringBuilder bad(StringBuilder out, int result) {
        MessageError reason = result < 0 ? DnsName.reasonOf(result) : MessageError.TRUNCATED;
        return out.append(" [DNS: ").append(switch (reason) {
            case NAME_POINTER_LOOP -> "compression pointer loop";
            case NAME_POINTER_OUT_OF_RANGE -> "compression pointer beyond the message";
            case BAD_NAME -> "bad name";
            default -> "truncated";
        }).append(']');
    }
}

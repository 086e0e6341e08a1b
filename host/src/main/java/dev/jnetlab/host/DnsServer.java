package dev.jnetlab.host;

import dev.jnetlab.stack.socket.IpEndpoint;
import dev.jnetlab.stack.socket.SocketException;
import dev.jnetlab.stack.socket.UdpSocket;
import dev.jnetlab.stack.socket.tcp.TcpException;
import dev.jnetlab.stack.socket.tcp.TcpSocket;
import dev.jnetlab.stack.wire.DnsPacket;
import dev.jnetlab.stack.wire.DnsRcode;
import dev.jnetlab.stack.wire.DnsRepr;
import dev.jnetlab.stack.wire.DnsType;
import dev.jnetlab.stack.wire.MessageException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An authoritative DNS server (RFC 1035 section 4.3.1, no recursion) for one {@link DnsZone},
 * on UDP and TCP 53: {@code serve dns [--zone FILE]}.
 *
 * <ul>
 *   <li>A name with records of the type asked: those (AA set). A CNAME: the CNAME, and the chain
 *       followed inside the zone. A name with other records only: NODATA; no name: NXDOMAIN;
 *       both with the zone's SOA, so that the answer can be cached (RFC 2308). A name outside
 *       the zone: REFUSED.</li>
 *   <li>Over UDP an answer longer than 512 octets goes as its header and question with TC set
 *       (RFC 1035 section 4.2.1; the server does not speak EDNS), and the client asks again
 *       over TCP, where every answer fits.</li>
 *   <li>Over TCP each message has its two-octet length (section 4.2.2); a connection may carry
 *       several queries.</li>
 * </ul>
 * What is no query (malformed, a response, another opcode) gets FORMERR or NOTIMP when it has
 * an id to answer, else nothing, and is counted.
 */
public final class DnsServer extends Server {
    public static final String NAME = "dns";
    private static final int BUFFER = 8192;
    /**
     * The largest UDP answer this server sends when the client offers more: 1232 octets, the
     * size the DNS Flag Day 2020 settled on, which fits the 1280-octet IPv6 minimum MTU and so
     * goes unfragmented on any path (fragments of a DNS answer are easy to spoof and often
     * dropped); a bigger answer is truncated and comes over TCP.
     */
    static final int EDNS_PAYLOAD = 1232;
    static final int EDNS_VERSION = 0;
    /** The extended RCODE for a version this server does not speak (RFC 6891 section 9). */
    static final int BADVERS = 16;

    private final DnsZone zone;
    private long queries;
    private long truncated;
    private long malformed;
    private long badVersion;

    public DnsServer(DnsZone zone) {
        super(NAME, DnsPacket.PORT, true, true, BUFFER, BUFFER);
        this.zone = zone;
    }

    public DnsZone zone() {
        return zone;
    }

    @Override
    public String where() {
        return "TCP and UDP 53, zone " + zone.origin() + " (" + zone.names().size() + " names)";
    }

    public long queries() {
        return queries;
    }

    public long truncatedAnswers() {
        return truncated;
    }

    public long malformed() {
        return malformed;
    }

    /** Queries refused with BADVERS: an EDNS version above 0. */
    public long badVersion() {
        return badVersion;
    }

    @Override
    protected void datagram(UdpSocket socket, IpEndpoint from, int length) throws SocketException.Send {
        Reply reply = answer(datagram, length);
        if (reply == null) {
            return;
        }
        byte[] answer = reply.message().emit();
        if (answer.length > reply.udpLimit()) {
            answer = truncate(reply.message()).emit();
            truncated++;
        }
        socket.sendTo(from, answer, 0, answer.length);
    }

    /**
     * An answer and the most a UDP datagram may carry of it: 512 octets (RFC 1035 section
     * 4.2.1), or with EDNS the size the client offered, no less than 512 (RFC 6891 section
     * 6.2.5) and no more than this server's own {@link #EDNS_PAYLOAD}.
     */
    record Reply(DnsRepr message, int udpLimit) {
    }

    /** The answer to the query in {@code buf[0 .. length)}, or null when there is nothing to answer. */
    Reply answer(byte[] buf, int length) {
        DnsRepr query;
        try {
            query = DnsRepr.parse(buf, 0, length);
        } catch (MessageException e) {
            malformed++;
            if (length < DnsPacket.HEADER_LEN || new DnsPacket().wrap(buf, 0, length).isResponse()) {
                return null;
            }
            int id = (buf[0] & 0xFF) << 8 | buf[1] & 0xFF;
            return plain(new DnsRepr(id, DnsPacket.FLAG_QR | DnsRcode.FORMERR.ordinal(), List.of(), List.of(),
                    List.of(), List.of()));
        }
        if (query.isResponse()) {
            malformed++;
            return null;
        }
        int rd = query.flags() & DnsPacket.FLAG_RD;
        int opcode = query.flags() >>> 11 & 0xF;
        long opts = query.additionals().stream().filter(r -> r.type() == DnsType.OPT.value()).count();
        DnsRepr.Record opt = query.opt();
        if (opts > 1 || opt != null && !opt.name().equals(".")) {
            // RFC 6891 section 6.1.1: one OPT at most, owned by the root.
            malformed++;
            return plain(new DnsRepr(query.id(), DnsPacket.FLAG_QR | rd | DnsRcode.FORMERR.ordinal(), query.questions(),
                    List.of(), List.of(), List.of()));
        }
        List<DnsRepr.Record> edns = opt == null ? List.of() : List.of(ownOpt(0));
        int udpLimit = opt == null ? DnsPacket.UDP_MAX
                : Math.min(EDNS_PAYLOAD, Math.max(DnsPacket.UDP_MAX, ((DnsRepr.Opt) opt.data()).udpPayloadSize()));
        if (opcode != 0 || query.questions().size() != 1) {
            malformed++;
            int rcode = opcode != 0 ? DnsRcode.NOTIMP.ordinal() : DnsRcode.FORMERR.ordinal();
            return new Reply(new DnsRepr(query.id(), DnsPacket.FLAG_QR | rd | rcode | opcode << 11, query.questions(),
                    List.of(), List.of(), edns), udpLimit);
        }
        if (opt != null && DnsRepr.optVersion(opt.ttl()) > EDNS_VERSION) {
            // Section 6.1.3: BADVERS (16) is 1 in the OPT's upper eight bits and 0 in the header.
            badVersion++;
            return new Reply(new DnsRepr(query.id(), DnsPacket.FLAG_QR | rd, query.questions(), List.of(), List.of(),
                    List.of(ownOpt(BADVERS >>> 4))), udpLimit);
        }
        queries++;
        DnsRepr.Question question = query.questions().get(0);
        String name = question.name().toLowerCase(java.util.Locale.ROOT);
        if (!zone.covers(name)) {
            return new Reply(new DnsRepr(query.id(), DnsPacket.FLAG_QR | rd | DnsRcode.REFUSED.ordinal(),
                    query.questions(), List.of(), List.of(), edns), udpLimit);
        }
        List<DnsRepr.Record> answers = new ArrayList<>();
        int rcode = DnsRcode.NOERROR.ordinal();
        for (int hops = 0; hops <= 8; hops++) {
            List<DnsRepr.Record> records = zone.records(name);
            List<DnsRepr.Record> matching = records.stream()
                    .filter(r -> r.type() == question.type() || question.type() == DnsType.ANY.value()).toList();
            if (!matching.isEmpty()) {
                answers.addAll(matching);
                break;
            }
            DnsRepr.Record alias = records.stream().filter(r -> r.type() == DnsType.CNAME.value()).findFirst().orElse(null);
            if (alias == null) {
                if (records.isEmpty() && answers.isEmpty()) {
                    rcode = DnsRcode.NXDOMAIN.ordinal();
                }
                break;
            }
            answers.add(alias);
            name = ((DnsRepr.Target) alias.data()).name();
            if (!zone.covers(name)) {
                break;
            }
        }
        boolean complete = answers.stream().anyMatch(r -> r.type() == question.type());
        List<DnsRepr.Record> authority = complete ? List.of() : List.of(zone.soa());
        return new Reply(new DnsRepr(query.id(), DnsPacket.FLAG_QR | DnsPacket.FLAG_AA | rd | rcode,
                query.questions(), answers, authority, edns), udpLimit);
    }

    private static Reply plain(DnsRepr message) {
        return new Reply(message, DnsPacket.UDP_MAX);
    }

    /** This server's OPT (RFC 6891 section 6.1.2): version 0, its payload size, no options, DO clear (no DNSSEC). */
    private static DnsRepr.Record ownOpt(int extendedRcode) {
        return new DnsRepr.Record(".", DnsType.OPT.value(), DnsRepr.optTtl(extendedRcode, EDNS_VERSION, false),
                new DnsRepr.Opt(EDNS_PAYLOAD, new byte[0]));
    }

    /**
     * The header and the question of {@code answer}, TC set, no answers; its OPT kept, as RFC
     * 6891 section 7 asks of a truncated answer, so that the client still sees EDNS spoken.
     */
    static DnsRepr truncate(DnsRepr answer) {
        return new DnsRepr(answer.id(), answer.flags() | DnsPacket.FLAG_TC, answer.questions(), List.of(), List.of(),
                answer.opt() == null ? List.of() : List.of(answer.opt()));
    }

    @Override
    protected Connection connection(TcpSocket socket) {
        return new Connection(socket) {
            private final ByteArrayOutputStream in = new ByteArrayOutputStream();
            private final byte[] chunk = new byte[BUFFER];

            @Override
            protected boolean serve() throws TcpException {
                while (socket.canRecv()) {
                    int n = socket.recv(chunk, 0, chunk.length);
                    in.write(chunk, 0, n);
                }
                byte[] got = in.toByteArray();
                int at = 0;
                while (got.length - at >= 2) {
                    int length = (got[at] & 0xFF) << 8 | got[at + 1] & 0xFF;
                    if (got.length - at - 2 < length) {
                        break;
                    }
                    byte[] query = java.util.Arrays.copyOfRange(got, at + 2, at + 2 + length);
                    Reply reply = answer(query, length);
                    byte[] answer = reply == null ? null : reply.message().emit();
                    if (answer != null && room(socket) >= answer.length + 2) {
                        byte[] framed = new byte[answer.length + 2];
                        framed[0] = (byte) (answer.length >>> 8);
                        framed[1] = (byte) answer.length;
                        System.arraycopy(answer, 0, framed, 2, answer.length);
                        socket.send(framed, 0, framed.length);
                    }
                    at += 2 + length;
                }
                in.reset();
                in.write(got, at, got.length - at);
                if (!socket.mayRecv()) {
                    return false; // the client closed its side: close ours
                }
                return true;
            }
        };
    }
}

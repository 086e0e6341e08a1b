package dev.jnetlab.host;

import dev.jnetlab.stack.socket.Endpoint;
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

    private final DnsZone zone;
    private long queries;
    private long truncated;
    private long malformed;

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

    @Override
    protected void datagram(UdpSocket socket, Endpoint from, int length) throws SocketException.Send {
        byte[] answer = answer(datagram, length);
        if (answer == null) {
            return;
        }
        if (answer.length > DnsPacket.UDP_MAX) {
            answer = truncate(answer);
            truncated++;
        }
        socket.sendTo(from, answer, 0, answer.length);
    }

    /** The answer to the query in {@code buf[0 .. length)}, or null when there is nothing to answer. */
    byte[] answer(byte[] buf, int length) {
        DnsRepr query;
        try {
            query = DnsRepr.parse(buf, 0, length);
        } catch (MessageException e) {
            malformed++;
            if (length < DnsPacket.HEADER_LEN || new DnsPacket().wrap(buf, 0, length).isResponse()) {
                return null;
            }
            int id = (buf[0] & 0xFF) << 8 | buf[1] & 0xFF;
            return new DnsRepr(id, DnsPacket.FLAG_QR | DnsRcode.FORMERR.ordinal(), List.of(), List.of(), List.of(),
                    List.of()).emit();
        }
        if (query.isResponse()) {
            malformed++;
            return null;
        }
        int rd = query.flags() & DnsPacket.FLAG_RD;
        int opcode = query.flags() >>> 11 & 0xF;
        if (opcode != 0 || query.questions().size() != 1) {
            malformed++;
            int rcode = opcode != 0 ? DnsRcode.NOTIMP.ordinal() : DnsRcode.FORMERR.ordinal();
            return new DnsRepr(query.id(), DnsPacket.FLAG_QR | rd | rcode | opcode << 11, query.questions(), List.of(),
                    List.of(), List.of()).emit();
        }
        queries++;
        DnsRepr.Question question = query.questions().get(0);
        String name = question.name().toLowerCase(java.util.Locale.ROOT);
        if (!zone.covers(name)) {
            return new DnsRepr(query.id(), DnsPacket.FLAG_QR | rd | DnsRcode.REFUSED.ordinal(), query.questions(),
                    List.of(), List.of(), List.of()).emit();
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
        return new DnsRepr(query.id(), DnsPacket.FLAG_QR | DnsPacket.FLAG_AA | rd | rcode, query.questions(), answers,
                authority, List.of()).emit();
    }

    /** The header and the question of {@code answer}, TC set, the counts of the other sections zero. */
    private static byte[] truncate(byte[] answer) {
        try {
            DnsRepr full = DnsRepr.parse(answer, 0, answer.length);
            return new DnsRepr(full.id(), full.flags() | DnsPacket.FLAG_TC, full.questions(), List.of(), List.of(),
                    List.of()).emit();
        } catch (MessageException e) {
            throw new IllegalStateException("the server's own answer does not parse", e);
        }
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
                    byte[] answer = answer(query, length);
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

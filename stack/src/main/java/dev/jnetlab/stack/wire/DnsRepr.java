package dev.jnetlab.stack.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DNS message as a value (RFC 1035 section 4): header, questions and the three sections of
 * records. Parsing checks every name (loops, overruns: {@link DnsName}) and every record's
 * length; emitting compresses names. Class IN only: a question or record of another class is
 * kept by type and data, its class not (this stack serves and asks for IN only); the OPT
 * pseudo-record of EDNS keeps its CLASS field, which is a payload size ({@link Opt}).
 */
public record DnsRepr(int id, int flags, List<Question> questions, List<Record> answers,
                      List<Record> authorities, List<Record> additionals) {

    public DnsRepr {
        Bytes.requireUnsigned(id, 16, "DNS id");
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
    }

    /** A question: a name (absolute, dotted) and a type. */
    public record Question(String name, int type) {
        public Question {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A resource record: owner name, type, time to live in seconds, and its data. */
    public record Record(String name, int type, long ttl, Data data) {
        public Record {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
        }
    }

    /** What a record holds, by type. */
    public sealed interface Data {
    }

    /** An A record's address. */
    public record Address(Ipv4Address address) implements Data {
        @Override
        public String toString() {
            return address.toString();
        }
    }

    /** A name: the target of a CNAME, PTR or NS record. */
    public record Target(String name) implements Data {
        @Override
        public String toString() {
            return name;
        }
    }

    /** An SOA record (RFC 1035 section 3.3.13); {@code minimum} bounds a negative answer's TTL (RFC 2308). */
    public record Soa(String mname, String rname, long serial, long refresh, long retry, long expire, long minimum)
            implements Data {
        @Override
        public String toString() {
            return mname + " " + rname + " " + serial + " " + refresh + " " + retry + " " + expire + " " + minimum;
        }
    }

    /**
     * An OPT pseudo-record's data (RFC 6891 section 6.1.2): the UDP payload size its sender can
     * take, which is written in the record's CLASS field, and its options as octets. Its TTL
     * field holds the extended RCODE, the version and the DO flag (section 6.1.3).
     */
    public record Opt(int udpPayloadSize, byte[] options) implements Data {
        public Opt {
            Bytes.requireUnsigned(udpPayloadSize, 16, "EDNS UDP payload size");
            options = options.clone();
        }

        @Override
        public byte[] options() {
            return options.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Opt o && udpPayloadSize == o.udpPayloadSize && Arrays.equals(options, o.options);
        }

        @Override
        public int hashCode() {
            return 31 * udpPayloadSize + Arrays.hashCode(options);
        }

        @Override
        public String toString() {
            return "UDPsize=" + udpPayloadSize + (options.length == 0 ? "" : " options " + options.length + " octets");
        }
    }

    /** The OPT record's TTL field (RFC 6891 section 6.1.3): extended RCODE, version, DO flag. */
    public static long optTtl(int extendedRcode, int version, boolean dnssecOk) {
        return (long) (extendedRcode & 0xFF) << 24 | (version & 0xFF) << 16 | (dnssecOk ? 0x8000 : 0);
    }

    /** The EDNS version an OPT record's TTL field carries. */
    public static int optVersion(long ttl) {
        return (int) (ttl >>> 16 & 0xFF);
    }

    /** Data of any other type, as octets (an AAAA's 16). */
    public record Raw(byte[] octets) implements Data {
        public Raw {
            octets = octets.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Raw r && Arrays.equals(octets, r.octets);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(octets);
        }

        @Override
        public String toString() {
            return octets.length == 16 ? ipv6(octets) : "\\# " + octets.length;
        }
    }

    /** An AAAA record's address as RFC 5952 writes it: lower-case hex, the longest run of zero groups as {@code ::}. */
    static String ipv6(byte[] octets) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = Bytes.u16(octets, 2 * i);
        }
        int bestAt = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestAt = i;
                bestLen = j - i;
            }
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                out.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            out.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                out.append(':');
            }
        }
        return out.toString();
    }

    /** A query for {@code name} of {@code type}, recursion desired, as a stub resolver asks. */
    public static DnsRepr query(int id, String name, int type) {
        return new DnsRepr(id, DnsPacket.FLAG_RD, List.of(new Question(name, type)), List.of(), List.of(), List.of());
    }

    /** The OPT record in the additional section (RFC 6891 section 6.1.1), or null when the sender speaks no EDNS. */
    public Record opt() {
        for (Record r : additionals) {
            if (r.type == DnsType.OPT.value()) {
                return r;
            }
        }
        return null;
    }

    public boolean isResponse() {
        return (flags & DnsPacket.FLAG_QR) != 0;
    }

    public boolean truncated() {
        return (flags & DnsPacket.FLAG_TC) != 0;
    }

    public boolean authoritative() {
        return (flags & DnsPacket.FLAG_AA) != 0;
    }

    public int rcode() {
        return flags & 0xF;
    }

    /** Parses the message in {@code buf[offset .. offset+length)}. */
    public static DnsRepr parse(byte[] buf, int offset, int length) throws MessageException {
        DnsPacket packet = new DnsPacket().wrap(buf, offset, length);
        if (packet.check() != null) {
            throw new MessageException(MessageError.TRUNCATED, packet.explain(WireError.TRUNCATED));
        }
        int at = DnsPacket.HEADER_LEN;
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < packet.questionCount(); i++) {
            DnsName.Read name = DnsName.read(buf, offset, length, at);
            at = name.end();
            requireRoom(at, 4, length, "question " + (i + 1));
            questions.add(new Question(name.name(), Bytes.u16(buf, offset + at)));
            at += 4;
        }
        List<List<Record>> sections = new ArrayList<>(3);
        int[] counts = {packet.answerCount(), packet.authorityCount(), packet.additionalCount()};
        for (int count : counts) {
            List<Record> records = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                DnsName.Read name = DnsName.read(buf, offset, length, at);
                at = name.end();
                requireRoom(at, 10, length, "a record of " + name.name());
                int type = Bytes.u16(buf, offset + at);
                int rrClass = Bytes.u16(buf, offset + at + 2);
                long ttl = Bytes.i32(buf, offset + at + 4) & 0xFFFF_FFFFL;
                int rdLength = Bytes.u16(buf, offset + at + 8);
                at += 10;
                requireRoom(at, rdLength, length, "the data of a record of " + name.name());
                records.add(new Record(name.name(), type, ttl, type == DnsType.OPT.value()
                        ? new Opt(rrClass, Arrays.copyOfRange(buf, offset + at, offset + at + rdLength))
                        : data(buf, offset, length, at, rdLength, type)));
                at += rdLength;
            }
            sections.add(records);
        }
        return new DnsRepr(packet.id(), packet.flags(), questions, sections.get(0), sections.get(1), sections.get(2));
    }

    private static void requireRoom(int at, int needed, int length, String what) throws MessageException {
        if (at + needed > length) {
            throw new MessageException(MessageError.TRUNCATED, "DNS: " + what + " at octet " + at
                    + " needs " + needed + " octets, past the end (" + length + ")");
        }
    }

    private static Data data(byte[] buf, int offset, int length, int at, int rdLength, int type) throws MessageException {
        if (type == DnsType.A.value()) {
            if (rdLength != 4) {
                throw new MessageException(MessageError.TRUNCATED, "DNS: an A record of " + rdLength + " octets, not 4");
            }
            return new Address(Ipv4Address.of(Bytes.i32(buf, offset + at)));
        }
        if (type == DnsType.CNAME.value() || type == DnsType.PTR.value() || type == DnsType.NS.value()) {
            DnsName.Read target = DnsName.read(buf, offset, length, at);
            requireWithin(target.end(), at + rdLength);
            return new Target(target.name());
        }
        if (type == DnsType.SOA.value()) {
            DnsName.Read mname = DnsName.read(buf, offset, length, at);
            DnsName.Read rname = DnsName.read(buf, offset, length, mname.end());
            requireWithin(rname.end() + 20, at + rdLength);
            int p = offset + rname.end();
            return new Soa(mname.name(), rname.name(), u32(buf, p), u32(buf, p + 4), u32(buf, p + 8),
                    u32(buf, p + 12), u32(buf, p + 16));
        }
        return new Raw(Arrays.copyOfRange(buf, offset + at, offset + at + rdLength));
    }

    private static void requireWithin(int end, int rdEnd) throws MessageException {
        if (end > rdEnd) {
            throw new MessageException(MessageError.TRUNCATED, "DNS: record data runs past its length, to octet "
                    + end + " of " + rdEnd);
        }
    }

    private static long u32(byte[] buf, int at) {
        return Bytes.i32(buf, at) & 0xFFFF_FFFFL;
    }

    /** The message on the wire, names compressed. */
    public byte[] emit() {
        int bound = DnsPacket.HEADER_LEN;
        for (Question q : questions) {
            bound += DnsName.wireLength(q.name) + 4;
        }
        for (List<Record> section : List.of(answers, authorities, additionals)) {
            for (Record r : section) {
                bound += DnsName.wireLength(r.name) + 10 + dataBound(r.data);
            }
        }
        byte[] buf = new byte[bound];
        new DnsPacket().wrap(buf, 0, bound).setHeader(id, flags, questions.size(), answers.size(), authorities.size(),
                additionals.size());
        Map<String, Integer> written = new HashMap<>();
        int at = DnsPacket.HEADER_LEN;
        for (Question q : questions) {
            at = DnsName.write(buf, 0, at, q.name, written);
            Bytes.put16(buf, at, q.type);
            Bytes.put16(buf, at + 2, 1);
            at += 4;
        }
        for (List<Record> section : List.of(answers, authorities, additionals)) {
            for (Record r : section) {
                at = DnsName.write(buf, 0, at, r.name, written);
                Bytes.put16(buf, at, r.type);
                Bytes.put16(buf, at + 2, r.data instanceof Opt o ? o.udpPayloadSize() : 1);
                Bytes.put32(buf, at + 4, (int) r.ttl);
                int dataAt = at + 10;
                int end = writeData(buf, dataAt, r.data, written);
                Bytes.put16(buf, at + 8, end - dataAt);
                at = end;
            }
        }
        return Arrays.copyOf(buf, at);
    }

    private static int dataBound(Data data) {
        if (data instanceof Address) {
            return 4;
        }
        if (data instanceof Target t) {
            return DnsName.wireLength(t.name());
        }
        if (data instanceof Soa s) {
            return DnsName.wireLength(s.mname()) + DnsName.wireLength(s.rname()) + 20;
        }
        if (data instanceof Opt o) {
            return o.options.length;
        }
        return ((Raw) data).octets.length;
    }

    private static int writeData(byte[] buf, int at, Data data, Map<String, Integer> written) {
        if (data instanceof Address a) {
            Bytes.put32(buf, at, a.address().bits());
            return at + 4;
        }
        if (data instanceof Target t) {
            return DnsName.write(buf, 0, at, t.name(), written);
        }
        if (data instanceof Soa s) {
            at = DnsName.write(buf, 0, at, s.mname(), written);
            at = DnsName.write(buf, 0, at, s.rname(), written);
            for (long v : new long[] {s.serial(), s.refresh(), s.retry(), s.expire(), s.minimum()}) {
                Bytes.put32(buf, at, (int) v);
                at += 4;
            }
            return at;
        }
        if (data instanceof Opt o) {
            System.arraycopy(o.options, 0, buf, at, o.options.length);
            return at + o.options.length;
        }
        Raw raw = (Raw) data;
        System.arraycopy(raw.octets, 0, buf, at, raw.octets.length);
        return at + raw.octets.length;
    }
}

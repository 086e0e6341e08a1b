package dev.jnetlab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.wire.DnsName;
import dev.jnetlab.stack.wire.DnsPacket;
import dev.jnetlab.stack.wire.DnsRcode;
import dev.jnetlab.stack.wire.DnsRepr;
import dev.jnetlab.stack.wire.DnsType;
import dev.jnetlab.stack.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The authoritative server's answers, query by query, as octets in and a message out. */
class DnsServerTest {
    private static final byte[] FD00_6 = {(byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6};

    private final DnsServer server = new DnsServer(zone());

    /** lab.: peer (an A), six (an A and an AAAA), alias (a CNAME to six), big (40 A records). */
    private static DnsZone zone() {
        Map<String, List<DnsRepr.Record>> names = new LinkedHashMap<>();
        names.put("peer.lab.", List.of(DnsZone.a("peer.lab.", Ipv4Address.parse("192.168.69.100"), 300)));
        names.put("six.lab.", List.of(DnsZone.a("six.lab.", Ipv4Address.parse("10.0.0.6"), 300),
                DnsZone.aaaa("six.lab.", FD00_6, 300)));
        names.put("alias.lab.", List.of(new DnsRepr.Record("alias.lab.", DnsType.CNAME.value(), 300,
                new DnsRepr.Target("six.lab."))));
        List<DnsRepr.Record> big = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            big.add(DnsZone.a("big.lab.", Ipv4Address.of(10, 0, 1, i), 300));
        }
        names.put("big.lab.", big);
        return new DnsZone("lab.", names);
    }

    private DnsServer.Reply ask(DnsRepr query) {
        byte[] wire = query.emit();
        return server.answer(wire, wire.length);
    }

    private DnsRepr ask(String name, DnsType type) {
        return ask(DnsRepr.query(7, name, type.value())).message();
    }

    /** A query as dig sends it by default: with an OPT offering {@code size} octets, version {@code version}. */
    private static DnsRepr edns(String name, int size, int version) {
        return new DnsRepr(8, DnsPacket.FLAG_RD, List.of(new DnsRepr.Question(name, DnsType.A.value())), List.of(),
                List.of(), List.of(new DnsRepr.Record(".", DnsType.OPT.value(), DnsRepr.optTtl(0, version, false),
                        new DnsRepr.Opt(size, new byte[] {0, 10, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8}))));
    }

    @Nested
    class Ipv6AndReverse {
        @Test
        void anAaaaQuestionGetsTheAaaaRecord() {
            DnsRepr answer = ask("six.lab.", DnsType.AAAA);
            assertEquals(List.of(DnsZone.aaaa("six.lab.", FD00_6, 300)), answer.answers());
            assertEquals("fd00::6", answer.answers().get(0).data().toString());
        }

        @Test
        void aCnameIsFollowedToTheAaaaRecordToo() {
            assertEquals(List.of(DnsType.CNAME.value(), DnsType.AAAA.value()),
                    ask("alias.lab.", DnsType.AAAA).answers().stream().map(DnsRepr.Record::type).toList());
        }

        @Test
        void everyAddressInTheZoneHasAPtrBackToItsName() {
            DnsRepr v4 = ask("100.69.168.192.in-addr.arpa.", DnsType.PTR);
            assertTrue(v4.authoritative());
            assertEquals(List.of(new DnsRepr.Record("100.69.168.192.in-addr.arpa.", DnsType.PTR.value(), 300,
                    new DnsRepr.Target("peer.lab."))), v4.answers());
            DnsRepr v6 = ask(DnsName.reverse6(FD00_6), DnsType.PTR);
            assertEquals(List.of(new DnsRepr.Target("six.lab.")), v6.answers().stream().map(DnsRepr.Record::data).toList());
        }

        @Test
        void anAddressListedUnderTwoNamesPointsBackToTheFirst() {
            DnsZone twice = new DnsZone("lab.", Map.of("a.lab.",
                    List.of(DnsZone.a("a.lab.", Ipv4Address.parse("10.9.9.9"), 60))));
            Map<String, List<DnsRepr.Record>> names = new LinkedHashMap<>(twice.names());
            names.put("b.lab.", List.of(DnsZone.a("b.lab.", Ipv4Address.parse("10.9.9.9"), 60)));
            DnsZone zone = new DnsZone("lab.", names);
            assertEquals(List.of(new DnsRepr.Record("9.9.9.10.in-addr.arpa.", DnsType.PTR.value(), 60,
                    new DnsRepr.Target("a.lab."))), zone.records("9.9.9.10.in-addr.arpa."));
        }

        @Test
        void aReverseNameOfNoAddressInTheZoneIsRefusedAsOutsideIt() {
            assertEquals(DnsRcode.REFUSED.ordinal(), ask("1.1.1.10.in-addr.arpa.", DnsType.PTR).rcode());
        }
    }

    @Nested
    class Edns {
        @Test
        void withoutOptTheAnswerHasNoneAndUdpCarries512Octets() {
            DnsServer.Reply reply = ask(DnsRepr.query(7, "big.lab.", DnsType.A.value()));
            assertNull(reply.message().opt());
            assertEquals(512, reply.udpLimit());
            assertTrue(reply.message().emit().length > 512, "big.lab does not fit 512 octets");
        }

        @Test
        void anOptGetsTheServersOptBackVersion0And1232Octets() {
            DnsServer.Reply reply = ask(edns("peer.lab.", 4096, 0));
            DnsRepr.Record opt = reply.message().opt();
            assertEquals(".", opt.name());
            assertEquals(new DnsRepr.Opt(1232, new byte[0]), opt.data(), "no options: the client's cookie is ignored");
            assertEquals(0, DnsRepr.optVersion(opt.ttl()));
            assertEquals(1232, reply.udpLimit(), "the client's 4096, capped at what goes without fragments");
            assertEquals(1, reply.message().answers().size());
        }

        @Test
        void theClientsOfferIsTheLimitButNeverUnder512() {
            assertEquals(1000, ask(edns("peer.lab.", 1000, 0)).udpLimit());
            assertEquals(512, ask(edns("peer.lab.", 100, 0)).udpLimit());
        }

        @Test
        void aVersionAbove0IsBadversInTheOptsUpperRcodeBits() {
            DnsRepr answer = ask(edns("peer.lab.", 1232, 1)).message();
            assertEquals(0, answer.rcode());
            assertEquals(1L << 24, answer.opt().ttl() & 0xFF00_0000L, "BADVERS 16: 1 in the OPT, 0 in the header");
            assertTrue(answer.answers().isEmpty());
            assertEquals(1, server.badVersion());
        }

        @Test
        void twoOptsAreFormerr() {
            DnsRepr.Record opt = edns("peer.lab.", 1232, 0).additionals().get(0);
            DnsRepr query = new DnsRepr(9, 0, List.of(new DnsRepr.Question("peer.lab.", 1)), List.of(), List.of(),
                    List.of(opt, opt));
            assertEquals(DnsRcode.FORMERR.ordinal(), ask(query).message().rcode());
            assertEquals(1, server.malformed());
        }

        @Test
        void anOptOwnedByAnythingButTheRootIsFormerr() {
            DnsRepr.Record opt = edns("peer.lab.", 1232, 0).additionals().get(0);
            DnsRepr query = new DnsRepr(9, 0, List.of(new DnsRepr.Question("peer.lab.", 1)), List.of(), List.of(),
                    List.of(new DnsRepr.Record("lab.", opt.type(), opt.ttl(), opt.data())));
            assertEquals(DnsRcode.FORMERR.ordinal(), ask(query).message().rcode());
        }

        @Test
        void aTruncatedAnswerKeepsItsOpt() {
            DnsServer.Reply reply = ask(edns("big.lab.", 512, 0));
            assertEquals(512, reply.udpLimit());
            DnsRepr cut = DnsServer.truncate(reply.message());
            assertTrue(cut.truncated());
            assertTrue(cut.answers().isEmpty());
            assertEquals(reply.message().opt(), cut.opt());
        }
    }
}

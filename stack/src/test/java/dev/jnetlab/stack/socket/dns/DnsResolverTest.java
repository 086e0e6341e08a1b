package dev.jnetlab.stack.socket.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.DnsPacket;
import dev.jnetlab.stack.wire.DnsRepr;
import dev.jnetlab.stack.wire.DnsType;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.MessageException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The stub resolver against scripted servers, on stack time. */
class DnsResolverTest {
    static final Ipv4Address FIRST = Ipv4Address.parse("192.168.69.100");
    static final Ipv4Address SECOND = Ipv4Address.parse("192.168.69.101");
    static final Ipv4Address PEER = Ipv4Address.parse("192.168.69.100");
    static final int A = DnsType.A.value();

    final DnsResolver resolver = new DnsResolver(List.of(FIRST, SECOND), 7);

    static long at(double seconds) {
        return Micros.ofSeconds(seconds);
    }

    static DnsRepr.Record a(String name, long ttl) {
        return new DnsRepr.Record(name, A, ttl, new DnsRepr.Address(PEER));
    }

    static DnsRepr.Record cname(String name, String target, long ttl) {
        return new DnsRepr.Record(name, DnsType.CNAME.value(), ttl, new DnsRepr.Target(target));
    }

    static DnsRepr.Record soa(long minimum) {
        return new DnsRepr.Record("lab.", DnsType.SOA.value(), 600, new DnsRepr.Soa("ns.lab.", "admin.lab.", 1, 2, 3, 4, minimum));
    }

    static DnsRepr query(DnsTransmit sent) throws MessageException {
        return DnsRepr.parse(sent.message(), 0, sent.message().length);
    }

    /** The server's response to the query in {@code sent}. */
    static byte[] reply(DnsTransmit sent, int flags, List<DnsRepr.Record> answers, List<DnsRepr.Record> authorities)
            throws MessageException {
        DnsRepr q = query(sent);
        return new DnsRepr(q.id(), DnsPacket.FLAG_QR | DnsPacket.FLAG_RD | DnsPacket.FLAG_RA | flags, q.questions(), answers,
                authorities, List.of()).emit();
    }

    void deliver(long now, DnsTransmit sent, byte[] reply) {
        resolver.process(now, sent.server(), 53, reply, 0, reply.length);
    }

    DnsTransmit.Udp udp(long now) {
        return assertInstanceOf(DnsTransmit.Udp.class, resolver.poll(now));
    }

    @Nested
    class Answers {
        @Test
        void asksTheFirstServerOverUdpAndReturnsItsAnswer() throws MessageException {
            int q = resolver.start(0, "peer.lab", A);
            DnsTransmit.Udp sent = udp(0);
            assertEquals(FIRST, sent.server());
            assertEquals(List.of(new DnsRepr.Question("peer.lab.", A)), query(sent).questions());
            assertTrue((query(sent).flags() & DnsPacket.FLAG_RD) != 0, "a stub resolver asks for recursion");
            assertNull(resolver.result(q));
            deliver(at(0.001), sent, reply(sent, 0, List.of(a("peer.lab.", 300)), List.of()));
            DnsResult.Answer answer = assertInstanceOf(DnsResult.Answer.class, resolver.result(q));
            assertEquals(List.of(PEER), answer.addresses());
            assertEquals(Optional.of(FIRST), answer.server());
        }

        @Test
        void aCnameChainInOneAnswerIsFollowedToItsAddress() throws MessageException {
            int q = resolver.start(0, "www.lab", A);
            DnsTransmit.Udp sent = udp(0);
            deliver(0, sent, reply(sent, 0, List.of(cname("www.lab.", "web.lab.", 300), cname("web.lab.", "peer.lab.", 300),
                    a("peer.lab.", 300)), List.of()));
            DnsResult.Answer answer = assertInstanceOf(DnsResult.Answer.class, resolver.result(q));
            assertEquals(List.of(cname("www.lab.", "web.lab.", 300), cname("web.lab.", "peer.lab.", 300), a("peer.lab.", 300)),
                    answer.records());
        }

        @Test
        void anAnswerThatStopsAtACnameIsFollowedByAQueryForItsTarget() throws MessageException {
            int q = resolver.start(0, "www.lab", A);
            DnsTransmit.Udp sent = udp(0);
            deliver(0, sent, reply(sent, 0, List.of(cname("www.lab.", "peer.lab.", 300)), List.of()));
            assertNull(resolver.result(q));
            DnsTransmit.Udp second = udp(0);
            assertEquals("peer.lab.", query(second).questions().get(0).name());
            deliver(0, second, reply(second, 0, List.of(a("peer.lab.", 300)), List.of()));
            DnsResult.Answer answer = assertInstanceOf(DnsResult.Answer.class, resolver.result(q));
            assertEquals(2, answer.records().size());
        }

        @Test
        void aTruncatedAnswerIsAskedAgainOfTheSameServerOverTcp() throws MessageException {
            int q = resolver.start(0, "big.lab", A);
            DnsTransmit.Udp sent = udp(0);
            deliver(0, sent, reply(sent, DnsPacket.FLAG_TC, List.of(), List.of()));
            DnsTransmit.Tcp tcp = assertInstanceOf(DnsTransmit.Tcp.class, resolver.poll(0));
            assertEquals(FIRST, tcp.server());
            assertEquals(q, tcp.query());
            resolver.processTcp(at(0.01), q, reply(tcp, 0, List.of(a("big.lab.", 300)), List.of()));
            DnsResult.Answer answer = assertInstanceOf(DnsResult.Answer.class, resolver.result(q));
            assertTrue(answer.overTcp());
        }
    }

    @Nested
    class Retries {
        @Test
        void anUnansweredQueryGoesToTheNextServerAfterTwoSecondsAndFailsAfterTwoRounds() {
            int q = resolver.start(0, "peer.lab", A);
            assertEquals(FIRST, udp(0).server());
            assertNull(resolver.poll(at(1.9)));
            assertEquals(SECOND, udp(at(2)).server());
            assertEquals(FIRST, udp(at(4)).server());
            assertEquals(SECOND, udp(at(6)).server());
            assertNull(resolver.poll(at(8)));
            DnsResult.Failed failed = assertInstanceOf(DnsResult.Failed.class, resolver.result(q));
            assertTrue(failed.why().startsWith("no answer from 192.168.69.100, 192.168.69.101"), failed.why());
        }

        @Test
        void aServfailMovesOnToTheNextServerAtOnce() throws MessageException {
            int q = resolver.start(0, "peer.lab", A);
            DnsTransmit.Udp sent = udp(0);
            deliver(at(0.1), sent, reply(sent, 2, List.of(), List.of()));
            DnsTransmit.Udp next = udp(at(0.1));
            assertEquals(SECOND, next.server());
            deliver(at(0.2), next, reply(next, 0, List.of(a("peer.lab.", 60)), List.of()));
            assertInstanceOf(DnsResult.Answer.class, resolver.result(q));
        }

        @Test
        void aFailedTcpConnectionMovesOnToTheNextServer() throws MessageException {
            int q = resolver.start(0, "big.lab", A);
            DnsTransmit.Udp sent = udp(0);
            deliver(0, sent, reply(sent, DnsPacket.FLAG_TC, List.of(), List.of()));
            resolver.poll(0);
            resolver.tcpFailed(at(1), q);
            assertEquals(SECOND, udp(at(1)).server());
        }
    }

    @Nested
    class NegativeAnswersAndTheCache {
        @Test
        void nxdomainIsANegativeAnswerCachedForTheSoaMinimum() throws MessageException {
            int q = resolver.start(0, "nothere.lab", A);
            DnsTransmit.Udp sent = udp(0);
            deliver(0, sent, reply(sent, 3, List.of(), List.of(soa(30))));
            DnsResult.Negative negative = assertInstanceOf(DnsResult.Negative.class, resolver.result(q));
            assertEquals(3, negative.rcode());
            int again = resolver.start(at(29), "nothere.lab", A);
            assertTrue(assertInstanceOf(DnsResult.Negative.class, resolver.result(again)).fromCache());
            resolver.start(at(30), "nothere.lab", A);
            assertEquals(FIRST, udp(at(30)).server(), "30 s later the negative answer has expired");
        }

        @Test
        void noRecordOfTheTypeIsNodata() throws MessageException {
            int q = resolver.start(0, "peer.lab", DnsType.AAAA.value());
            DnsTransmit.Udp sent = udp(0);
            deliver(0, sent, reply(sent, 0, List.of(), List.of(soa(30))));
            assertEquals(0, assertInstanceOf(DnsResult.Negative.class, resolver.result(q)).rcode());
        }

        @Test
        void aCachedAnswerCountsItsTtlDownAndExpires() throws MessageException {
            resolver.start(0, "peer.lab", A);
            DnsTransmit.Udp sent = udp(0);
            deliver(0, sent, reply(sent, 0, List.of(a("peer.lab.", 300)), List.of()));
            int cached = resolver.start(at(100), "PEER.lab.", A);
            DnsResult.Answer answer = assertInstanceOf(DnsResult.Answer.class, resolver.result(cached));
            assertTrue(answer.fromCache());
            assertEquals(200, answer.records().get(0).ttl());
            assertNull(resolver.poll(at(100)), "nothing is sent for a cached answer");
            int expired = resolver.start(at(300), "peer.lab", A);
            assertNull(resolver.result(expired));
            assertEquals(FIRST, udp(at(300)).server());
        }

        @Test
        void aCachedCnameChainIsFollowedInTheCache() throws MessageException {
            resolver.start(0, "www.lab", A);
            DnsTransmit.Udp sent = udp(0);
            deliver(0, sent, reply(sent, 0, List.of(cname("www.lab.", "peer.lab.", 60), a("peer.lab.", 300)), List.of()));
            int cached = resolver.start(at(10), "www.lab", A);
            DnsResult.Answer answer = assertInstanceOf(DnsResult.Answer.class, resolver.result(cached));
            assertEquals(List.of(cname("www.lab.", "peer.lab.", 50), a("peer.lab.", 290)), answer.records());
        }
    }

    @Nested
    class StrayAndHostileDatagrams {
        @Test
        void anotherIdOrAnotherServerIsUnsolicited() throws MessageException {
            int q = resolver.start(0, "peer.lab", A);
            DnsTransmit.Udp sent = udp(0);
            byte[] good = reply(sent, 0, List.of(a("peer.lab.", 300)), List.of());
            byte[] otherId = good.clone();
            otherId[1] ^= 1;
            deliver(0, sent, otherId);
            resolver.process(0, Ipv4Address.parse("10.0.0.1"), 53, good, 0, good.length);
            assertEquals(Map.of(DnsDrop.UNSOLICITED, 2L), resolver.drops());
            assertNull(resolver.result(q));
        }

        @Test
        void anAnswerToAnotherQuestionIsAMismatch() throws MessageException {
            int q = resolver.start(0, "peer.lab", A);
            DnsTransmit.Udp sent = udp(0);
            DnsRepr asked = query(sent);
            byte[] forged = new DnsRepr(asked.id(), DnsPacket.FLAG_QR, List.of(new DnsRepr.Question("evil.lab.", A)),
                    List.of(a("evil.lab.", 300)), List.of(), List.of()).emit();
            deliver(0, sent, forged);
            assertEquals(Map.of(DnsDrop.QUESTION_MISMATCH, 1L), resolver.drops());
            assertNull(resolver.result(q));
        }

        @Test
        void aCompressionLoopIsMalformed() throws MessageException {
            resolver.start(0, "peer.lab", A);
            DnsTransmit.Udp sent = udp(0);
            byte[] loop = {0, 1, (byte) 0x81, (byte) 0x80, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xC0, 12, 0, 1, 0, 1};
            deliver(0, sent, loop);
            assertEquals(Map.of(DnsDrop.MALFORMED, 1L), resolver.drops());
        }
    }
}

package dev.jnetlab.stack.iface;

import static dev.jnetlab.stack.iface.Frames.PEER_MAC;
import static dev.jnetlab.stack.iface.Frames6.PEER_LL;
import static dev.jnetlab.stack.iface.Frames6.STACK;
import static dev.jnetlab.stack.iface.Frames6.STACK_LL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.EthernetFrame;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.Ipv4Cidr;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6HeaderChain;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.stack.wire.MldFrames;
import dev.jnetlab.stack.wire.MldMessage;
import dev.jnetlab.stack.wire.RouterAlertOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * MLDv2 as a multicast listener (RFC 3810): the solicited-node group of each address joined
 * and left with state-change reports, queries answered after a random delay, invalid queries
 * dropped. The stack is fe80::ff:fe00:1, whose group is ff02::1:ff00:1 (fd00::1's too); the
 * querier is the peer, fe80::ff:fe00:2.
 */
class MldTest {
    private static final Ipv6Address GROUP_1 = Ipv6Address.parse("ff02::1:ff00:1");
    private static final Ipv6Address GROUP_2 = Ipv6Address.parse("ff02::1:ff00:2");
    private static final Ipv6Address ALL_MLDV2_ROUTERS = Ipv6Address.parse("ff02::16");
    private final Harness h = new Harness();

    /** One record of a report: its type and group. */
    record Record(int type, Ipv6Address group) {
    }

    /** A report the interface sent, read through the wire views. */
    record Report(MacAddress dstMac, Ipv6Address source, Ipv6Address destination, int hopLimit, boolean routerAlert,
            List<Record> records) {
        static boolean is(Frame frame) {
            return frame.toString().contains("multicast listener report v2");
        }

        static Report of(Frame frame) {
            byte[] bytes = frame.bytes();
            Ipv6Packet ip = new Ipv6Packet().wrap(bytes, EthernetFrame.HEADER_LEN, bytes.length - EthernetFrame.HEADER_LEN);
            assertNull(ip.check());
            Ipv6HeaderChain chain = new Ipv6HeaderChain();
            assertNull(chain.walk(ip));
            Icmpv6Packet icmp = new Icmpv6Packet().wrap(bytes, chain.upperOffset(), chain.upperLength());
            assertTrue(icmp.verifyChecksum(ip.pseudoHeaderSum(58, icmp.length())), "checksum");
            MldMessage report = new MldMessage().wrap(bytes, chain.upperOffset(), chain.upperLength());
            assertNull(report.check());
            assertEquals(MldMessage.TYPE_REPORT_V2, report.type(), frame::toString);
            List<Record> records = new ArrayList<>();
            for (int i = 0, at = MldMessage.firstRecord(); i < report.recordCount(); i++, at += report.recordLength(at)) {
                records.add(new Record(report.recordType(at), new Ipv6Address(report.recordAddressHigh(at), report.recordAddressLow(at))));
            }
            boolean alert = chain.headerCount() == 1 && chain.headerType(0) == Ipv6HeaderChain.HOP_BY_HOP
                    && RouterAlertOption.isIn(bytes, chain.headerOffset(0));
            return new Report(frame.eth().destination(), Ipv6Address.read(bytes, ip.offset() + Ipv6Packet.SOURCE),
                    Ipv6Address.read(bytes, ip.offset() + Ipv6Packet.DESTINATION), ip.hopLimit(), alert, records);
        }
    }

    private static List<Report> reports(List<Frame> frames) {
        List<Report> reports = new ArrayList<>();
        for (Frame frame : frames) {
            if (Report.is(frame)) {
                reports.add(Report.of(frame));
            }
        }
        return reports;
    }

    /** IPv6 up, the link-local address past DAD, the joining reports and the router solicitations behind us. */
    private void up() {
        h.iface.enableIpv6();
        h.poll();
        for (int i = 0; i < 20; i++) {
            h.advance(Micros.ofSeconds(1));
        }
        h.sent();
    }

    /** fd00::2 added, its group's two joining reports sent, DAD done. */
    private void joinGroup2() {
        h.iface.addAddress(Ipv6Address.parse("fd00::2"), 64);
        h.poll();
        for (int i = 0; i < 3; i++) {
            h.advance(Micros.ofSeconds(1));
        }
        h.sent();
    }

    private byte[] query(Ipv6Address destination, int code, Ipv6Address group) {
        return MldFrames.query(PEER_MAC.bits(), PEER_LL, destination, 1, true, code, group, 0);
    }

    /** Moves a millisecond at a time for at most {@code millis}; returns the reports of the first poll that sent any, and when. */
    private long firstReportWithin(long millis, List<Report> into) {
        for (long t = 0; t <= millis; t++) {
            List<Report> reports = reports(h.sent());
            if (!reports.isEmpty()) {
                into.addAll(reports);
                return h.now();
            }
            h.advance(Micros.ofMillis(1));
        }
        return -1;
    }

    @Nested
    class JoiningAGroup {
        @Test
        void enablingIpv6ReportsTheSolicitedNodeGroupFromTheUnspecifiedAddressBeforeDad() {
            h.iface.enableIpv6();
            h.poll();
            List<Frame> frames = h.sent();
            assertEquals(2, frames.size(), frames::toString);
            Report report = Report.of(frames.get(0));
            assertEquals(Ipv6Address.UNSPECIFIED, report.source(), "RFC 3590: :: while the link-local address is tentative");
            assertEquals(ALL_MLDV2_ROUTERS, report.destination());
            assertEquals(MacAddress.parse("33:33:00:00:00:16"), report.dstMac());
            assertEquals(1, report.hopLimit());
            assertTrue(report.routerAlert());
            assertEquals(List.of(new Record(MldMessage.CHANGE_TO_EXCLUDE_MODE, GROUP_1)), report.records());
            assertTrue(frames.get(1).toString().contains("neighbor solicitation"), "DAD after the join: " + frames);
        }

        @Test
        void theReportIsSentOnceMoreWithinTheUnsolicitedReportIntervalThenNoMore() {
            h.iface.enableIpv6();
            h.poll();
            h.sent();
            List<Report> repeat = new ArrayList<>();
            long at = firstReportWithin(1000, repeat);
            assertTrue(at > Micros.ofSeconds(1) && at <= Micros.ofSeconds(2), "repeated within (0, 1 s]: " + at);
            assertEquals(List.of(new Record(MldMessage.CHANGE_TO_EXCLUDE_MODE, GROUP_1)), repeat.get(0).records());
            for (int i = 0; i < 30; i++) {
                h.advance(Micros.ofSeconds(1));
                assertTrue(reports(h.sent()).isEmpty(), "robustness 2: two reports in all");
            }
            assertEquals(2, h.counter(InterfaceCounter.MLD_REPORTS_OUT));
        }

        @Test
        void anAddressOfANewGroupIsReportedFromTheLinkLocalAddress() {
            up();
            h.iface.addAddress(Ipv6Address.parse("fd00::2"), 64);
            h.poll();
            Report report = reports(h.sent()).get(0);
            assertEquals(STACK_LL, report.source());
            assertEquals(List.of(new Record(MldMessage.CHANGE_TO_EXCLUDE_MODE, GROUP_2)), report.records());
        }

        @Test
        void anAddressOfAGroupAlreadyJoinedReportsNothing() {
            up();
            h.iface.addAddress(STACK, 64);
            h.poll();
            assertTrue(reports(h.sent()).isEmpty());
        }

        @Test
        void removingTheLastAddressOfAGroupLeavesItWithChangeToInclude() {
            up();
            h.iface.addAddress(Ipv6Address.parse("fd00::2"), 64);
            h.poll();
            h.advance(Micros.ofSeconds(2));
            h.sent();
            h.iface.removeAddress(Ipv6Address.parse("fd00::2"));
            h.poll();
            assertEquals(List.of(new Record(MldMessage.CHANGE_TO_INCLUDE_MODE, GROUP_2)), reports(h.sent()).get(0).records());
            List<Report> repeat = new ArrayList<>();
            firstReportWithin(1000, repeat);
            assertEquals(List.of(new Record(MldMessage.CHANGE_TO_INCLUDE_MODE, GROUP_2)), repeat.get(0).records());
        }
    }

    @Nested
    class AnsweringQueries {
        @Test
        void aGeneralQueryIsAnsweredWithinItsMaximumResponseDelayWithEveryGroupButAllNodes() {
            up();
            joinGroup2();
            long queried = h.now();
            h.receive(query(Ipv6Address.ALL_NODES, 1000, Ipv6Address.UNSPECIFIED));
            List<Report> answer = new ArrayList<>();
            long at = firstReportWithin(1000, answer);
            assertTrue(at >= queried && at <= queried + Micros.ofSeconds(1), "within 1000 ms: " + (at - queried));
            assertEquals(List.of(new Record(MldMessage.MODE_IS_EXCLUDE, GROUP_1), new Record(MldMessage.MODE_IS_EXCLUDE, GROUP_2)),
                    answer.get(0).records());
            assertEquals(STACK_LL, answer.get(0).source());
            assertEquals(1, h.counter(InterfaceCounter.MLD_QUERIES_IN));
        }

        @Test
        void theDelayComesFromTheSeed() {
            List<Long> delays = new ArrayList<>();
            for (long seed : new long[] {7, 7, 8}) {
                Harness other = new Harness(InterfaceConfig.of(Frames.STACK_MAC,
                        Ipv4Cidr.parse("192.168.69.1/24")).withSeed(seed));
                other.iface.enableIpv6();
                other.advance(Micros.ofSeconds(5));
                other.sent();
                long queried = other.now();
                other.receive(query(Ipv6Address.ALL_NODES, 10000, Ipv6Address.UNSPECIFIED));
                long at = -1;
                for (int ms = 0; ms <= 10000 && at < 0; ms++) {
                    if (!reports(other.sent()).isEmpty()) {
                        at = other.now();
                    } else {
                        other.advance(Micros.ofMillis(1));
                    }
                }
                delays.add(at - queried);
            }
            assertEquals(delays.get(0), delays.get(1), "one seed, one delay: " + delays);
            assertFalse(delays.get(0).equals(delays.get(2)), "another seed, another delay: " + delays);
        }

        @Test
        void aGroupSpecificQueryIsAnsweredForThatGroupAlone() {
            up();
            joinGroup2();
            h.receive(query(GROUP_2, 500, GROUP_2));
            List<Report> answer = new ArrayList<>();
            assertTrue(firstReportWithin(500, answer) > 0);
            assertEquals(List.of(new Record(MldMessage.MODE_IS_EXCLUDE, GROUP_2)), answer.get(0).records());
        }

        @Test
        void aQueryForAGroupNotListenedToIsNotAnswered() {
            up();
            h.receive(query(Ipv6Address.ALL_NODES, 500, Ipv6Address.parse("ff02::1:ff00:99")));
            assertEquals(-1, firstReportWithin(1000, new ArrayList<>()));
        }

        @Test
        void aPendingAnswerToAGeneralQueryCoversALaterGroupQuery() {
            up();
            h.receiveAll(List.of(query(Ipv6Address.ALL_NODES, 0, Ipv6Address.UNSPECIFIED), query(GROUP_1, 1000, GROUP_1)));
            List<Report> answers = new ArrayList<>();
            for (int ms = 0; ms <= 1100; ms++) {
                h.advance(Micros.ofMillis(1));
                answers.addAll(reports(h.sent()));
            }
            assertEquals(1, answers.size(), "rule 1: the general answer, due sooner, is the only one: " + answers);
            assertEquals(List.of(new Record(MldMessage.MODE_IS_EXCLUDE, GROUP_1)), answers.get(0).records());
        }
    }

    @Nested
    class InvalidQueries {
        private void dropped(byte[] query) {
            up();
            h.receive(query);
            assertEquals(1, h.counter(InterfaceCounter.DROP_MLD_INVALID));
            assertEquals(-1, firstReportWithin(1000, new ArrayList<>()));
        }

        @Test
        void withAHopLimitOtherThanOne() {
            dropped(MldFrames.query(PEER_MAC.bits(), PEER_LL, Ipv6Address.ALL_NODES, 64, true, 0, Ipv6Address.UNSPECIFIED, 0));
        }

        @Test
        void fromAnAddressNotLinkLocal() {
            dropped(MldFrames.query(PEER_MAC.bits(), Ipv6Address.parse("fd00::100"), Ipv6Address.ALL_NODES, 1, true, 0,
                    Ipv6Address.UNSPECIFIED, 0));
        }

        @Test
        void withoutARouterAlert() {
            dropped(MldFrames.query(PEER_MAC.bits(), PEER_LL, Ipv6Address.ALL_NODES, 1, false, 0, Ipv6Address.UNSPECIFIED, 0));
        }

        @Test
        void anMldv1QueryIsCountedAndIgnored() {
            up();
            h.receive(MldFrames.queryV1(PEER_MAC.bits(), PEER_LL, 0));
            assertEquals(1, h.counter(InterfaceCounter.MLD_V1_QUERIES_IGNORED));
            assertEquals(-1, firstReportWithin(100, new ArrayList<>()));
        }
    }
}

package dev.jnetlab.stack.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The MLD view (RFC 3810 section 5): Linux's report read field by field, queries of both versions, and every short length refused. */
class MldMessageTest {
    private static final int IP_AT = EthernetFrame.HEADER_LEN;
    private static final Ipv6Address QUERIER = Ipv6Address.parse("fe80::1");
    private static final long QUERIER_MAC = 0x0200_0000_0009L;

    private static MldMessage at(byte[] frame) {
        Ipv6Packet ip = new Ipv6Packet().wrap(frame, IP_AT, frame.length - IP_AT);
        Ipv6HeaderChain chain = new Ipv6HeaderChain();
        assertNull(chain.walk(ip));
        return new MldMessage().wrap(frame, chain.upperOffset(), chain.upperLength());
    }

    @Nested
    class TheKernelsReport {
        private final MldMessage report = at(Ipv6Vectors.MLD_REPORT.clone());

        @Test
        void hasTwoChangeToExcludeRecordsOfSolicitedNodeGroups() {
            assertNull(report.check());
            assertEquals(MldMessage.TYPE_REPORT_V2, report.type());
            assertEquals(2, report.recordCount());
            int first = MldMessage.firstRecord();
            assertEquals(MldMessage.CHANGE_TO_EXCLUDE_MODE, report.recordType(first));
            assertEquals(0, report.recordSourceCount(first));
            assertEquals(Ipv6Address.parse("ff02::1:ff00:2"),
                    new Ipv6Address(report.recordAddressHigh(first), report.recordAddressLow(first)));
            int second = first + report.recordLength(first);
            assertEquals(Ipv6Address.parse("ff02::1:ff00:100"),
                    new Ipv6Address(report.recordAddressHigh(second), report.recordAddressLow(second)));
        }

        @Test
        void behindAHopByHopHeaderWithARouterAlert() {
            assertTrue(RouterAlertOption.isIn(Ipv6Vectors.MLD_REPORT, IP_AT + Ipv6Packet.HEADER_LEN));
        }

        @Test
        void isWrittenAgainOctetForOctet() {
            byte[] frame = Ipv6Vectors.MLD_REPORT.clone();
            int at = report.offset();
            int hopByHop = IP_AT + Ipv6Packet.HEADER_LEN;
            java.util.Arrays.fill(frame, hopByHop, frame.length, (byte) 0);
            RouterAlertOption.writeHopByHop(frame, hopByHop, IpProtocol.ICMPV6.value());
            int record = at + MldMessage.writeReportHeader(frame, at, 2);
            record += MldMessage.writeRecord(frame, record, MldMessage.CHANGE_TO_EXCLUDE_MODE, 0xFF02_0000_0000_0000L, 0x1_FF00_0002L);
            MldMessage.writeRecord(frame, record, MldMessage.CHANGE_TO_EXCLUDE_MODE, 0xFF02_0000_0000_0000L, 0x1_FF00_0100L);
            Ipv6Packet ip = new Ipv6Packet().wrap(frame, IP_AT, frame.length - IP_AT);
            new Icmpv6Packet().wrap(frame, at, report.length()).fillChecksum(ip.pseudoHeaderSum(58, report.length()));
            assertArrayEquals(Ipv6Vectors.MLD_REPORT, frame);
        }

        @Test
        void everyShorterLengthIsRefused() {
            for (int length = 0; length < report.length(); length++) {
                assertEquals(WireError.TRUNCATED, new MldMessage().wrap(report.buffer(), report.offset(), length).check(),
                        "length " + length);
            }
        }
    }

    @Nested
    class Queries {
        @Test
        void aGeneralQueryNamesNoGroup() {
            MldMessage query = at(MldFrames.query(QUERIER_MAC, QUERIER, Ipv6Address.ALL_NODES, 1, true, 10000,
                    Ipv6Address.UNSPECIFIED, 0));
            assertNull(query.check());
            assertTrue(query.isGeneralQuery());
            assertFalse(query.isV1Query());
            assertEquals(10000, query.maximumResponseDelayMillis());
            assertEquals(2, query.querierRobustness());
            assertEquals(125, query.queryIntervalCode());
        }

        @Test
        void aMaximumResponseCodeFrom32768IsMantissaAndExponent() {
            // Section 5.1.3: 0x8000 has exponent 0 and mantissa 0, (0x1000 | 0) << 3 = 32768 ms.
            assertEquals(32768, at(MldFrames.query(QUERIER_MAC, QUERIER, Ipv6Address.ALL_NODES, 1, true, 0x8000,
                    Ipv6Address.UNSPECIFIED, 0)).maximumResponseDelayMillis());
            // 0xFFFF: exponent 7, mantissa 0xFFF: 0x1FFF << 10 = 8 387 584 ms, the longest.
            assertEquals(8_387_584, at(MldFrames.query(QUERIER_MAC, QUERIER, Ipv6Address.ALL_NODES, 1, true, 0xFFFF,
                    Ipv6Address.UNSPECIFIED, 0)).maximumResponseDelayMillis());
        }

        @Test
        void aGroupAndSourceSpecificQueryHoldsItsSources() {
            Ipv6Address group = Ipv6Address.parse("ff02::1:ff00:1");
            MldMessage query = at(MldFrames.query(QUERIER_MAC, QUERIER, group, 1, true, 1000, group, 2));
            assertNull(query.check());
            assertEquals(group, new Ipv6Address(query.multicastAddressHigh(), query.multicastAddressLow()));
            assertEquals(2, query.sourceCount());
            assertEquals(Ipv6Address.parse("fd00::b"), Ipv6Address.read(query.buffer(), query.sourceOffset(1)));
            assertEquals(WireError.TRUNCATED, new MldMessage().wrap(query.buffer(), query.offset(), query.length() - 1).check());
        }

        @Test
        void twentyFourOctetsIsAnMldv1Query() {
            MldMessage query = at(MldFrames.queryV1(QUERIER_MAC, QUERIER, 10000));
            assertNull(query.check());
            assertTrue(query.isV1Query());
            assertEquals(10000, query.maximumResponseDelayMillis());
            for (int length = 25; length < MldMessage.V2_QUERY_LEN; length++) {
                byte[] frame = MldFrames.query(QUERIER_MAC, QUERIER, Ipv6Address.ALL_NODES, 1, true, 1000, Ipv6Address.UNSPECIFIED, 0);
                MldMessage cut = new MldMessage().wrap(frame, frame.length - MldMessage.V2_QUERY_LEN, length);
                assertEquals(WireError.TRUNCATED, cut.check(), "length " + length);
            }
        }
    }
}

package dev.jnetlab.stack.wire;

/**
 * A view of a Multicast Listener Discovery message (RFC 3810), the ICMPv6 message after the
 * IPv6 header and its hop-by-hop options: a query (type 130) or an MLDv2 report (type 143).
 *
 * <pre>
 * query (section 5.1)                      report (section 5.2)
 *  0 type 130, code, checksum               0 type 143, reserved, checksum
 *  4 maximum response code, reserved        4 reserved, number of records
 *  8 multicast address (:: = general)       8 records: type, aux data length,
 * 24 S flag and QRV, QQIC, number of sources      number of sources, multicast address,
 * 28 sources                                      sources, aux data
 * </pre>
 *
 * An MLDv1 query (RFC 2710 section 3) is the first 24 octets of a v2 one; section 8.1 tells the
 * versions apart by length alone: 24 octets is v1, 28 or more is v2, anything else is not a
 * query. {@link #check()} makes sure every source and every record lies in the view, so that
 * after it no accessor can fail. The writers put a report or a query into a buffer without a
 * view's check, for the interface and for tests.
 */
public final class MldMessage extends PacketView {
    public static final int TYPE_QUERY = 130;
    public static final int TYPE_REPORT_V2 = Icmpv6Packet.TYPE_MLDV2_REPORT;
    /** An MLDv1 query, and the part of a v2 query before its S flag (RFC 3810 section 8.1). */
    public static final int V1_QUERY_LEN = 24;
    public static final int V2_QUERY_LEN = 28;
    public static final int REPORT_HEADER_LEN = 8;
    /** A record without sources or aux data: type, aux length, number of sources, address. */
    public static final int RECORD_HEADER_LEN = 20;

    /** Record types (RFC 3810 section 5.2.12): current state, filter mode change, source list change. */
    public static final int MODE_IS_INCLUDE = 1;
    public static final int MODE_IS_EXCLUDE = 2;
    public static final int CHANGE_TO_INCLUDE_MODE = 3;
    public static final int CHANGE_TO_EXCLUDE_MODE = 4;
    public static final int ALLOW_NEW_SOURCES = 5;
    public static final int BLOCK_OLD_SOURCES = 6;

    private static final int MAX_RESPONSE_CODE = 4;
    private static final int MULTICAST_ADDRESS = 8;
    private static final int FLAGS = 24;
    private static final int QQIC = 25;
    private static final int SOURCE_COUNT = 26;
    private static final int SOURCES = 28;
    private static final int RECORD_COUNT = 6;
    private static final int SUPPRESS = 0x08;

    /** Points this view at {@code length} octets from {@code offset}; checks only that they lie in the array. */
    public MldMessage wrap(byte[] buffer, int offset, int length) {
        window(buffer, offset, length);
        return this;
    }

    /**
     * Checks that a query is 24 octets or holds all of its sources, or that every record of a
     * report lies in the view (RFC 3810 sections 5.1.10 and 5.2.14); the checksum is
     * {@link Icmpv6Packet#verifyChecksum}'s job.
     */
    @Override
    public WireError check() {
        if (len < 4) {
            return WireError.TRUNCATED;
        }
        if (type() == TYPE_QUERY) {
            if (len == V1_QUERY_LEN) {
                return null;
            }
            return len < V2_QUERY_LEN || len < SOURCES + 16 * sourceCount() ? WireError.TRUNCATED : null;
        }
        if (len < REPORT_HEADER_LEN) {
            return WireError.TRUNCATED;
        }
        int at = REPORT_HEADER_LEN;
        for (int i = 0; i < recordCount(); i++) {
            if (len - at < RECORD_HEADER_LEN) {
                return WireError.TRUNCATED;
            }
            at += recordLength(at);
            if (at > len) {
                return WireError.TRUNCATED;
            }
        }
        return null;
    }

    @Override
    String explain(WireError reason) {
        if (len >= 4 && type() == TYPE_QUERY) {
            return "MLD query: " + len + " octets, neither 24 (v1) nor 28 and its sources (v2)";
        }
        return "MLDv2 report: " + len + " octets, too few for its records";
    }

    public int type() {
        return Bytes.u8(buf, off);
    }

    /** Whether this query is MLDv1's: 24 octets (RFC 3810 section 8.1). */
    public boolean isV1Query() {
        return len == V1_QUERY_LEN;
    }

    /** Query: the maximum response code as sent (section 5.1.3). */
    public int maximumResponseCode() {
        return Bytes.u16(buf, off + MAX_RESPONSE_CODE);
    }

    /**
     * Query: the maximum response delay in milliseconds (section 5.1.3): the code itself below
     * 32768, else a floating-point value, mantissa 12 bits with the 13th set, shifted by the
     * three exponent bits plus 3. An MLDv1 query's field is milliseconds as it stands.
     */
    public long maximumResponseDelayMillis() {
        int code = maximumResponseCode();
        if (code < 0x8000 || isV1Query()) {
            return code;
        }
        return (long) ((code & 0x0FFF) | 0x1000) << (((code >>> 12) & 0x7) + 3);
    }

    /** Query: the group queried; {@code ::} for a general query (section 5.1.5). */
    public long multicastAddressHigh() {
        return Ipv6Address.high(buf, off + MULTICAST_ADDRESS);
    }

    public long multicastAddressLow() {
        return Ipv6Address.low(buf, off + MULTICAST_ADDRESS);
    }

    /** Where the queried group is in {@link #buffer()}. */
    public int multicastAddressOffset() {
        return off + MULTICAST_ADDRESS;
    }

    /** Whether this is a general query: its multicast address is {@code ::} (section 5.1.5). */
    public boolean isGeneralQuery() {
        return multicastAddressHigh() == 0 && multicastAddressLow() == 0;
    }

    /** v2 query: the S flag, routers suppress their timer updates (section 5.1.7). */
    public boolean suppressRouterProcessing() {
        return (Bytes.u8(buf, off + FLAGS) & SUPPRESS) != 0;
    }

    /** v2 query: the querier's robustness variable, 0 when above 7 (section 5.1.8). */
    public int querierRobustness() {
        return Bytes.u8(buf, off + FLAGS) & 0x7;
    }

    /** v2 query: the querier's query interval code (section 5.1.9). */
    public int queryIntervalCode() {
        return Bytes.u8(buf, off + QQIC);
    }

    /** v2 query: how many sources it names (section 5.1.10); 0 for a v1 query. */
    public int sourceCount() {
        return isV1Query() ? 0 : Bytes.u16(buf, off + SOURCE_COUNT);
    }

    /** v2 query: where source {@code i} is in {@link #buffer()}. */
    public int sourceOffset(int i) {
        return off + SOURCES + 16 * i;
    }

    /** Report: the number of multicast address records (section 5.2.3). */
    public int recordCount() {
        return Bytes.u16(buf, off + RECORD_COUNT);
    }

    /** Report: where the first record starts, from the message's start. */
    public static int firstRecord() {
        return REPORT_HEADER_LEN;
    }

    /** Report: the octets of the record at {@code at} (from the message's start), its sources and aux data included. */
    public int recordLength(int at) {
        return RECORD_HEADER_LEN + 16 * recordSourceCount(at) + 4 * Bytes.u8(buf, off + at + 1);
    }

    /** Report: the record type at {@code at} ({@link #MODE_IS_INCLUDE} to {@link #BLOCK_OLD_SOURCES}). */
    public int recordType(int at) {
        return Bytes.u8(buf, off + at);
    }

    public int recordSourceCount(int at) {
        return Bytes.u16(buf, off + at + 2);
    }

    public long recordAddressHigh(int at) {
        return Ipv6Address.high(buf, off + at + 4);
    }

    public long recordAddressLow(int at) {
        return Ipv6Address.low(buf, off + at + 4);
    }

    // ---------------------------------------------------------------- writers

    /** Writes a report's header with {@code records} records to come, checksum zero; returns its length. */
    public static int writeReportHeader(byte[] buf, int at, int records) {
        Bytes.put8(buf, at, TYPE_REPORT_V2);
        Bytes.put8(buf, at + 1, 0);
        Bytes.put16(buf, at + 2, 0);
        Bytes.put16(buf, at + 4, 0);
        Bytes.put16(buf, at + RECORD_COUNT, records);
        return REPORT_HEADER_LEN;
    }

    /** Writes a record for {@code group} of {@code type} with no sources and no aux data; returns its length. */
    public static int writeRecord(byte[] buf, int at, int type, long groupHigh, long groupLow) {
        Bytes.put8(buf, at, type);
        Bytes.put8(buf, at + 1, 0);
        Bytes.put16(buf, at + 2, 0);
        Ipv6Address.write(buf, at + 4, groupHigh, groupLow);
        return RECORD_HEADER_LEN;
    }

    /**
     * Writes a v2 query for {@code group} ({@code ::} for a general query) with no sources,
     * robustness {@code qrv} and interval code {@code qqic}, checksum zero; returns its length.
     */
    public static int writeQuery(byte[] buf, int at, int maximumResponseCode, long groupHigh, long groupLow, int qrv, int qqic) {
        Bytes.put8(buf, at, TYPE_QUERY);
        Bytes.put8(buf, at + 1, 0);
        Bytes.put16(buf, at + 2, 0);
        Bytes.put16(buf, at + MAX_RESPONSE_CODE, maximumResponseCode);
        Bytes.put16(buf, at + 6, 0);
        Ipv6Address.write(buf, at + MULTICAST_ADDRESS, groupHigh, groupLow);
        Bytes.put8(buf, at + FLAGS, qrv & 0x7);
        Bytes.put8(buf, at + QQIC, qqic);
        Bytes.put16(buf, at + SOURCE_COUNT, 0);
        return V2_QUERY_LEN;
    }
}

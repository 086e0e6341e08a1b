package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.rand.SplitMix64;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Icmpv6Packet;
import dev.jnetlab.stack.wire.IpProtocol;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.Ipv6HeaderChain;
import dev.jnetlab.stack.wire.Ipv6Packet;
import dev.jnetlab.stack.wire.MldMessage;
import dev.jnetlab.stack.wire.RouterAlertOption;

/**
 * The multicast listener side of MLDv2 (RFC 3810) for the groups IPv6 itself listens to: the
 * solicited-node group of each address (RFC 4861 section 7.2.1), so that a switch that snoops
 * MLD sends this host its neighbor solicitations. The all-nodes group is never reported
 * (section 6). Every group is listened to in EXCLUDE mode with no sources: all of them.
 * <ul>
 *   <li><b>State changes</b> (section 6.1): an address added makes its group joined, and a
 *       report with a CHANGE_TO_EXCLUDE_MODE record goes out at once; the last address of a
 *       group removed (by hand, by DAD, by its lifetime) leaves it with CHANGE_TO_INCLUDE_MODE.
 *       Each is sent again [Robustness Variable] - 1 = 1 more time, after a random delay of up
 *       to the Unsolicited Report Interval, 1 s (section 9.11). Records due together share a
 *       report.</li>
 *   <li><b>Queries</b> (section 6.2): a valid query (link-local source, hop limit 1, router
 *       alert: section 5.1.14) is answered after a random delay in [0, Maximum Response Delay]
 *       with MODE_IS_EXCLUDE records: every group for a general query, on the interface timer;
 *       the one group for a group-specific query, on the group's timer if we listen to it. A
 *       response to a general query due sooner covers a later one (rule 1); a group's pending
 *       response keeps the earlier of its two times (rule 4). A query that names sources is
 *       answered as one for the group: EXCLUDE {} says each of them is listened to.
 *       MLDv1 queries are counted and ignored (the compatibility mode of section 8 is not
 *       built).</li>
 *   <li><b>Sending</b> (section 5.2.13): to ff02::16, hop limit 1, behind a hop-by-hop header
 *       with a router alert, from the link-local address, or from {@code ::} while that is
 *       still tentative (RFC 3590 section 4), as during DAD.</li>
 * </ul>
 * Random delays come from the interface's seed, so runs replay (ARCHITECTURE.md §3).
 *
 * <p>Allocates nothing per packet (ARCHITECTURE.md §4). Not thread-safe: the stack's event
 * loop owns it (ARCHITECTURE.md §2).
 */
final class Mld {
    /** RFC 3810 section 9.1, the Robustness Variable: a state change is sent this many times. */
    static final int ROBUSTNESS = 2;
    /** RFC 3810 section 9.11, the Unsolicited Report Interval: the most a state change's repeat waits. */
    static final long UNSOLICITED_REPORT_INTERVAL = Micros.ofSeconds(1);
    /** ff02::16, all MLDv2-capable routers (RFC 3810 section 5.2.14). */
    static final long ALL_MLDV2_ROUTERS_HIGH = 0xFF02_0000_0000_0000L;
    static final long ALL_MLDV2_ROUTERS_LOW = 0x16;
    /** One group per address, and as many again leaving. */
    static final int GROUPS = 2 * Ipv6Addresses.CAPACITY;
    /** The solicited-node groups' prefix, ff02::1:ff00:0/104 (RFC 4291 section 2.7.1). */
    private static final long SOLICITED_HIGH = Ipv6Address.solicitedNode(0).high();
    private static final long SOLICITED_LOW = Ipv6Address.solicitedNode(0).low();

    private final Ipv6 ipv6;
    private final InterfaceCounters counters;
    private final SplitMix64 random;
    private final MldMessage query = new MldMessage();
    private final Icmpv6Packet message = new Icmpv6Packet();

    private final long[] groupLow = new long[GROUPS];
    /** Listened to; a group not joined with repeats left is leaving, one with none is a free slot. */
    private final boolean[] joined = new boolean[GROUPS];
    private final int[] changesLeft = new int[GROUPS];
    private final long[] changeAt = new long[GROUPS];
    /** When the group's answer to a group-specific query is due. */
    private final long[] answerAt = new long[GROUPS];
    /** When the answer to a general query is due: the interface timer. */
    private long generalAt = Micros.NEVER;

    Mld(Ipv6 ipv6, InterfaceCounters counters, long seed) {
        this.ipv6 = ipv6;
        this.counters = counters;
        this.random = new SplitMix64(seed);
        for (int g = 0; g < GROUPS; g++) {
            changeAt[g] = Micros.NEVER;
            answerAt[g] = Micros.NEVER;
        }
    }

    // ---------------------------------------------------------------- groups

    /**
     * Brings the joined groups in line with the addresses: the group of a new address joined,
     * one with no address left leaving. Each change starts its reports.
     */
    private void sync(long now) {
        Ipv6Addresses addresses = ipv6.addresses;
        for (int g = 0; g < GROUPS; g++) {
            if (joined[g] && !wanted(groupLow[g])) {
                joined[g] = false;
                startChange(g, now);
            }
        }
        for (int i = 0; i < Ipv6Addresses.CAPACITY; i++) {
            if (!addresses.inUse(i)) {
                continue;
            }
            long low = SOLICITED_LOW | addresses.low(i) & 0xFF_FFFFL;
            if (find(low, true) >= 0) {
                continue;
            }
            int g = find(low, false); // leaving: joined again
            if (g < 0) {
                g = free();
            }
            if (g >= 0) {
                groupLow[g] = low;
                joined[g] = true;
                startChange(g, now);
            }
        }
    }

    /** Whether some address in use has the solicited-node group {@code low}. */
    private boolean wanted(long low) {
        Ipv6Addresses addresses = ipv6.addresses;
        for (int i = 0; i < Ipv6Addresses.CAPACITY; i++) {
            if (addresses.inUse(i) && Ipv6Address.isSolicitedNodeOf(SOLICITED_HIGH, low, addresses.low(i))) {
                return true;
            }
        }
        return false;
    }

    /** The slot of group {@code low}, joined or leaving as {@code isJoined} says, or -1. */
    private int find(long low, boolean isJoined) {
        for (int g = 0; g < GROUPS; g++) {
            if (groupLow[g] == low && joined[g] == isJoined && (isJoined || changesLeft[g] > 0)) {
                return g;
            }
        }
        return -1;
    }

    private int free() {
        for (int g = 0; g < GROUPS; g++) {
            if (!joined[g] && changesLeft[g] == 0) {
                return g;
            }
        }
        return -1;
    }

    /** Section 6.1: a change is reported at once and repeated; a newer change of the group replaces the older's repeats. */
    private void startChange(int g, long now) {
        changesLeft[g] = ROBUSTNESS;
        changeAt[g] = now;
        answerAt[g] = Micros.NEVER;
    }

    /** Whether the groups are out of line with the addresses: an address was added or removed since the last poll. */
    private boolean outOfSync() {
        Ipv6Addresses addresses = ipv6.addresses;
        for (int g = 0; g < GROUPS; g++) {
            if (joined[g] && !wanted(groupLow[g])) {
                return true;
            }
        }
        for (int i = 0; i < Ipv6Addresses.CAPACITY; i++) {
            if (addresses.inUse(i) && find(SOLICITED_LOW | addresses.low(i) & 0xFF_FFFFL, true) < 0) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- queries

    /**
     * A query in {@code icmp}, checked and its checksum verified, that came in {@code ip}
     * through {@code chain} (section 6.2).
     */
    void receiveQuery(long now, Ipv6Packet ip, Ipv6HeaderChain chain, Icmpv6Packet icmp) {
        query.wrap(icmp.buffer(), icmp.offset(), icmp.length());
        boolean routerAlert = chain.headerCount() > 0 && chain.headerType(0) == Ipv6HeaderChain.HOP_BY_HOP
                && RouterAlertOption.isIn(ip.buffer(), chain.headerOffset(0));
        if (query.check() != null || !Ipv6Address.isLinkLocal(ip.sourceHigh()) || ip.hopLimit() != 1 || !routerAlert
                || !query.isGeneralQuery() && !Ipv6Address.isMulticast(query.multicastAddressHigh())) {
            counters.add(InterfaceCounter.DROP_MLD_INVALID);
            return;
        }
        if (query.isV1Query()) {
            counters.add(InterfaceCounter.MLD_V1_QUERIES_IGNORED);
            return;
        }
        counters.add(InterfaceCounter.MLD_QUERIES_IN);
        sync(now);
        long delay = Math.floorMod(random.nextLong(), Micros.ofMillis(query.maximumResponseDelayMillis()) + 1);
        long at = Micros.plus(now, delay);
        if (generalAt <= at) {
            return; // rule 1: the answer to a general query, due sooner, says it all
        }
        if (query.isGeneralQuery()) {
            generalAt = at; // rule 2
            return;
        }
        if (query.multicastAddressHigh() != SOLICITED_HIGH) {
            return; // not a group we listen to
        }
        int g = find(query.multicastAddressLow(), true);
        if (g >= 0) {
            answerAt[g] = Math.min(answerAt[g], at); // rules 3 and 4
        }
    }

    // ---------------------------------------------------------------- timers

    boolean runTimers(long now) {
        if (outOfSync()) {
            sync(now);
        }
        boolean did = false;
        if (generalAt <= now) {
            generalAt = Micros.NEVER;
            for (int g = 0; g < GROUPS; g++) {
                answerAt[g] = Micros.NEVER; // the general answer covers every group
            }
            did = report(now, Kind.GENERAL);
        }
        did |= report(now, Kind.GROUP);
        did |= report(now, Kind.CHANGE);
        return did;
    }

    long nextDeadline() {
        if (outOfSync()) {
            return 0;
        }
        long at = generalAt;
        for (int g = 0; g < GROUPS; g++) {
            at = Math.min(at, Math.min(changeAt[g], answerAt[g]));
        }
        return at;
    }

    /** What a report answers: a general query, group-specific ones, or state changes. */
    private enum Kind {
        GENERAL, GROUP, CHANGE
    }

    /** Whether group {@code g} goes into a report of {@code kind} now. */
    private boolean due(int g, Kind kind, long now) {
        switch (kind) {
            case GENERAL:
                return joined[g];
            case GROUP:
                return joined[g] && answerAt[g] <= now;
            default:
                return changesLeft[g] > 0 && changeAt[g] <= now;
        }
    }

    /** Sends one report of every group due for {@code kind}, and moves their timers on; false if none was due. */
    private boolean report(long now, Kind kind) {
        int records = 0;
        for (int g = 0; g < GROUPS; g++) {
            if (due(g, kind, now)) {
                records++;
            }
        }
        if (records == 0) {
            return false;
        }
        int length = MldMessage.REPORT_HEADER_LEN + records * MldMessage.RECORD_HEADER_LEN;
        int at = reportHeader(length, records);
        int record = at + MldMessage.REPORT_HEADER_LEN;
        for (int g = 0; g < GROUPS; g++) {
            if (!due(g, kind, now)) {
                continue;
            }
            int type = kind != Kind.CHANGE ? MldMessage.MODE_IS_EXCLUDE
                    : joined[g] ? MldMessage.CHANGE_TO_EXCLUDE_MODE : MldMessage.CHANGE_TO_INCLUDE_MODE;
            record += MldMessage.writeRecord(ipv6.out, record, type, SOLICITED_HIGH, groupLow[g]);
            if (kind == Kind.GROUP) {
                answerAt[g] = Micros.NEVER;
            } else if (kind == Kind.CHANGE) {
                changesLeft[g]--;
                // Section 6.1: the repeat after a random delay in (0, Unsolicited Report Interval].
                changeAt[g] = changesLeft[g] > 0 ? Micros.plus(now, 1 + random.nextInt((int) UNSOLICITED_REPORT_INTERVAL))
                        : Micros.NEVER;
            }
        }
        message.wrap(ipv6.out, at, length).fillChecksum(ipv6.outIp().pseudoHeaderSum(IpProtocol.ICMPV6.value(), length));
        if (ipv6.sendMulticast(ALL_MLDV2_ROUTERS_LOW, record)) {
            counters.add(InterfaceCounter.MLD_REPORTS_OUT);
        }
        return true;
    }

    /**
     * Writes the IPv6 header, the hop-by-hop header with its router alert and the report's
     * header for {@code records} records into {@link Ipv6#out}; returns where the report starts.
     */
    private int reportHeader(int length, int records) {
        int source = ipv6.addresses.sourceFor(ALL_MLDV2_ROUTERS_HIGH, ALL_MLDV2_ROUTERS_LOW);
        boolean linkLocal = source >= 0 && Ipv6Address.isLinkLocal(ipv6.addresses.high(source));
        long srcH = linkLocal ? ipv6.addresses.high(source) : 0;
        long srcL = linkLocal ? ipv6.addresses.low(source) : 0;
        int at = ipv6.header(srcH, srcL, ALL_MLDV2_ROUTERS_HIGH, ALL_MLDV2_ROUTERS_LOW, 1, Ipv6HeaderChain.HOP_BY_HOP,
                RouterAlertOption.HOP_BY_HOP_LEN + length);
        at += RouterAlertOption.writeHopByHop(ipv6.out, at, IpProtocol.ICMPV6.value());
        MldMessage.writeReportHeader(ipv6.out, at, records);
        return at;
    }
}

package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.FrameFiller;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.stack.wire.MldFrames;
import dev.jnetlab.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

/** Answering MLD queries allocates nothing per query or per report (ARCHITECTURE.md §4). */
class MldAllocationTest {
    private static final int ROUNDS = 3_000;

    private final TwoStacks net = new TwoStacks();
    /** A general query from A's link-local address, maximum response code 0: answered at the next poll. */
    private final byte[] query = MldFrames.query(0x0200_0000_000AL, Ipv6Address.parse("fe80::ff:fe00:a"),
            Ipv6Address.ALL_NODES, 1, true, 0, Ipv6Address.UNSPECIFIED, 0);
    private final FrameFiller filler = (buffer, offset, length) -> System.arraycopy(query, 0, buffer, offset, length);

    @Test
    void answeringGeneralQueriesAllocatesNothing() {
        net.b.enableIpv6();
        net.idle(Micros.ofSeconds(20));
        long reportsBefore = net.b.stats().get(InterfaceCounter.MLD_REPORTS_OUT);

        AllocationMeter.assertNoAllocationPerFrame(ROUNDS * 2, this::queries);

        // The meter runs the work twice, a warm-up and the measured run: every query answered, each with one report.
        assertEquals(2 * ROUNDS, net.b.stats().get(InterfaceCounter.MLD_QUERIES_IN));
        assertEquals(2 * ROUNDS, net.b.stats().get(InterfaceCounter.MLD_REPORTS_OUT) - reportsBefore);
        assertTrue(reportsBefore >= 2, "the join was reported, and repeated");
    }

    private void queries() {
        for (int round = 0; round < ROUNDS; round++) {
            net.wire.a().transmit(net.clock.now(), query.length, filler);
            for (int step = 0; step < 4; step++) {
                net.clock.advance(200);
                net.pollBoth();
            }
        }
    }
}

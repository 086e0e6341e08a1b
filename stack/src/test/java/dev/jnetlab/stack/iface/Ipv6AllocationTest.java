package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv6Address;
import dev.jnetlab.testing.AllocationMeter;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md §4 for IPv6: two stacks ping each other over IPv6 on a virtual wire, the
 * clock moving 100 ms a round so that the neighbor cache goes through every state (reachable,
 * stale, delay, probe) again and again, and nothing is allocated per packet once warm; the
 * same with pings of 4000 octets, which go in fragments and are reassembled both ways. The
 * loop itself allocates nothing (no lambdas, no boxing).
 */
class Ipv6AllocationTest {
    private static final int ROUNDS = 3_000;
    private static final Ipv6Address A = Ipv6Address.parse("fd00::a");
    private static final Ipv6Address B = Ipv6Address.parse("fd00::b");

    private final TwoStacks net = new TwoStacks();
    private int sequence;
    private int dataLength = 56;

    @Test
    void pingingOverIpv6ThroughNeighborDiscoveryAllocatesNothingPerPacket() {
        net.a.addAddress(A, 64);
        net.b.addAddress(B, 64);
        net.idle(Micros.ofSeconds(20));

        AllocationMeter.assertNoAllocationPerFrame(ROUNDS * 4, this::exchange);

        // The only drops are what a host is not meant to hear: the other's router solicitations and its DAD.
        InterfaceStats a = net.a.stats();
        assertEquals(a.get(InterfaceCounter.DROP_NOT_FOR_US), a.totalDrops(), a.nonZero().toString());
        assertEquals(2 * ROUNDS, a.get(InterfaceCounter.ICMPV6_ECHO_REPLIES_IN));
        assertEquals(2 * ROUNDS, net.b.stats().get(InterfaceCounter.ICMPV6_ECHO_REPLIES_OUT));
    }

    @Test
    void pingingInFragmentsThroughReassemblyAllocatesNothingPerFragment() {
        net.a.addAddress(A, 64);
        net.b.addAddress(B, 64);
        net.idle(Micros.ofSeconds(20));
        dataLength = 4000;

        AllocationMeter.assertNoAllocationPerFrame(ROUNDS * 3 * 2, this::exchange);

        InterfaceStats a = net.a.stats();
        assertEquals(a.get(InterfaceCounter.DROP_NOT_FOR_US), a.totalDrops(), a.nonZero().toString());
        assertEquals(2 * ROUNDS, a.get(InterfaceCounter.DATAGRAMS_REASSEMBLED));
        assertEquals(2 * ROUNDS, net.b.stats().get(InterfaceCounter.DATAGRAMS_REASSEMBLED));
        assertEquals(3 * 2 * ROUNDS, a.get(InterfaceCounter.FRAGMENTS_OUT));
    }

    private void exchange() {
        for (int round = 0; round < ROUNDS; round++) {
            sequence = (sequence + 1) & 0xFFFF;
            net.a.sendEchoRequest(net.clock.now(), B, 7, sequence, dataLength);
            for (int step = 0; step < 10 && net.a.echoReplyAt(7, sequence, 0) < 0; step++) {
                net.clock.advance(200);
                net.pollBoth();
            }
            if (net.a.echoReplyAt(7, sequence, 0) < 0) {
                throw new AssertionError("no reply to " + sequence);
            }
            net.clock.advance(Micros.ofMillis(100));
            net.pollBoth();
        }
    }
}

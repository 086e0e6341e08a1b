package dev.jnetlab.stack.phy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.testing.AllocationMeter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapedWireTest {
    /** 1250 octets are 10,000 bits: exactly 1 ms at 10 Mbit/s. */
    static final int FRAME = 1250;
    static final LinkShape TEN_MEGABIT = new LinkShape(Micros.ofMillis(5), 10_000_000, 20, 1500);

    static final FrameFiller NUMBERED = new FrameFiller() {
        int next;

        @Override
        public void fill(byte[] buffer, int offset, int length) {
            buffer[offset] = (byte) next++;
        }
    };

    /** Every arrival instant until the wire is empty, stepping the clock from deadline to deadline. */
    static List<Long> drain(ShapedWire.End end) {
        List<Long> arrivals = new ArrayList<>();
        for (long at = end.nextDeadline(0); at != Micros.NEVER; at = end.nextDeadline(at)) {
            long now = at;
            while (end.receive(now, (f, o, n) -> arrivals.add(now))) {
                // every frame due
            }
        }
        return arrivals;
    }

    @Test
    void aTenMegabitLinkWithATwentyFrameQueueTakesABurstOfOneOnTheWirePlusTwentyAndDropsTheRest() {
        ShapedWire wire = new ShapedWire(TEN_MEGABIT);
        for (int i = 0; i < 100; i++) {
            assertTrue(wire.a().transmit(0, FRAME, NUMBERED), "a tail drop is silent to the sender");
        }
        assertEquals(79, wire.tailDrops(true));
        assertEquals(21, wire.frames(true), "the frames taken: those not dropped at the tail");
        assertEquals(21, wire.queued(true, 0));

        List<Long> arrivals = drain(wire.b());
        assertEquals(21, arrivals.size());
        for (int k = 0; k < 21; k++) {
            // frame k finishes clocking out after (k + 1) ms, then travels 5 ms
            assertEquals(Micros.ofMillis(k + 1 + 5), arrivals.get(k));
        }
    }

    @Test
    void framesSentNoFasterThanTheRateAllArriveEvenlySpaced() {
        ShapedWire wire = new ShapedWire(TEN_MEGABIT);
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            long now = Micros.ofMillis(i);
            while (wire.b().receive(now, (f, o, n) -> arrivals.add(now))) {
                // the ones due
            }
            assertTrue(wire.a().transmit(now, FRAME, NUMBERED));
        }
        assertEquals(0, wire.tailDrops(true));
        arrivals.addAll(drain(wire.b()));
        assertEquals(1000, arrivals.size());
        for (int k = 0; k < 1000; k++) {
            assertEquals(Micros.ofMillis(k + 1 + 5), arrivals.get(k));
        }
    }

    @Test
    void theQueueDrainsAtTheLinkRateSoAFrameLaterFindsRoom() {
        ShapedWire wire = new ShapedWire(TEN_MEGABIT);
        for (int i = 0; i < 30; i++) {
            wire.a().transmit(0, FRAME, NUMBERED);
        }
        assertEquals(9, wire.tailDrops(true));
        assertEquals(16, wire.queued(true, Micros.ofMillis(5)), "five clocked out by 5 ms");
        wire.a().transmit(Micros.ofMillis(5), FRAME, NUMBERED);
        assertEquals(9, wire.tailDrops(true));
    }

    @Test
    void theDirectionsAreIndependent() {
        ShapedWire wire = new ShapedWire(TEN_MEGABIT);
        for (int i = 0; i < 30; i++) {
            wire.a().transmit(0, FRAME, NUMBERED);
        }
        wire.b().transmit(0, FRAME, NUMBERED);
        assertEquals(0, wire.tailDrops(false));
        assertEquals(1, wire.frames(false));
        assertEquals(21, wire.frames(true));
        assertEquals(List.of(Micros.ofMillis(6)), drain(wire.a()));
    }

    @Test
    void withoutABandwidthOnlyTheDelayCountsAndAFullWireRefusesInsteadOfDropping() {
        ShapedWire wire = new ShapedWire(LinkShape.DEFAULT.withDelay(300));
        int taken = 0;
        while (wire.a().transmit(0, 60, NUMBERED)) {
            taken++;
        }
        assertEquals(VirtualWire.DEFAULT_CAPACITY + LinkShape.DEFAULT.queueFrames() + 1, taken);
        assertEquals(0, wire.tailDrops(true));
        assertFalse(wire.b().receive(299, (f, o, n) -> { }));
        assertTrue(wire.b().receive(300, (f, o, n) -> { }));
    }

    @Test
    void theMtuIsTheLinksOwn() {
        ShapedWire wire = new ShapedWire(LinkShape.DEFAULT.withMtu(576));
        assertEquals(576, wire.a().capabilities().mtu());
        assertThrows(IllegalArgumentException.class, () -> wire.a().transmit(0, 1514, NUMBERED));
    }

    @Test
    void aShapeRefusesWhatNoLinkCanBe() {
        assertThrows(IllegalArgumentException.class, () -> LinkShape.DEFAULT.withMtu(40));
        assertThrows(IllegalArgumentException.class, () -> LinkShape.DEFAULT.withDelay(-1));
        IllegalArgumentException jitter = assertThrows(IllegalArgumentException.class,
                () -> LinkShape.DEFAULT.withDelay(1000).withJitter(1001));
        assertEquals("a link's jitter is from 0 to its delay (1000us), not 1001us", jitter.getMessage());
    }

    static final LinkShape JITTERY = LinkShape.DEFAULT.withDelay(Micros.ofMillis(5)).withJitter(Micros.ofMillis(2));

    /** One-way delays of {@code n} frames sent 10 ms apart (more than the longest delay) on a fresh wire with {@code seed}. */
    static List<Long> delays(long seed, int n) {
        ShapedWire wire = new ShapedWire(JITTERY, seed);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long sent = i * Micros.ofMillis(10);
            wire.a().transmit(sent, 60, NUMBERED);
            long arrived = wire.b().nextDeadline(sent);
            assertTrue(wire.b().receive(arrived, (f, o, len) -> { }));
            delays.add(arrived - sent);
        }
        return delays;
    }

    @Test
    void jitterMovesEachDelayUniformlyWithinItsBoundsEitherWay() {
        List<Long> delays = delays(42, 1000);
        assertTrue(delays.stream().allMatch(d -> d >= Micros.ofMillis(3) && d <= Micros.ofMillis(7)), delays.toString());
        assertTrue(delays.stream().anyMatch(d -> d < Micros.ofMillis(3) + 100), "draws reach near the low bound");
        assertTrue(delays.stream().anyMatch(d -> d > Micros.ofMillis(7) - 100), "and near the high one");
        double mean = delays.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertEquals(Micros.ofMillis(5), mean, 100, "uniform about the delay");
    }

    @Test
    void theSameSeedGivesTheSameDelaysAndAnotherSeedOthers() {
        assertEquals(delays(42, 200), delays(42, 200));
        assertFalse(delays(42, 200).equals(delays(43, 200)));
    }

    @Test
    void framesCloserThanTheJitterStillArriveInTheOrderSent() {
        ShapedWire wire = new ShapedWire(JITTERY, 7);
        for (int i = 0; i < 200; i++) {
            assertTrue(wire.a().transmit(i * 10L, 60, NUMBERED));
        }
        List<Integer> order = new ArrayList<>();
        for (long at = wire.b().nextDeadline(0); at != Micros.NEVER; at = wire.b().nextDeadline(at)) {
            while (wire.b().receive(at, (f, o, n) -> order.add(f[o] & 0xFF))) {
                // every frame due
            }
        }
        assertEquals(200, order.size());
        for (int i = 1; i < order.size(); i++) {
            assertEquals((order.get(i - 1) + 1) & 0xFF, order.get(i), "frame " + i + " overtook the one before it");
        }
    }

    @Test
    void carryingFramesAllocatesNothingOnceTheSlotsAreMadeJitterOrNot() {
        carryAllocatingNothing(new ShapedWire(TEN_MEGABIT));
        carryAllocatingNothing(new ShapedWire(TEN_MEGABIT.withJitter(Micros.ofMillis(2)), 5));
    }

    private static void carryAllocatingNothing(ShapedWire wire) {
        FrameReceiver sink = (f, o, n) -> { };
        long[] clock = {0};
        AllocationMeter.assertNoAllocationPerFrame(20_000, () -> {
            for (int i = 0; i < 20_000; i++) {
                long now = clock[0] += Micros.ofMillis(1);
                wire.a().transmit(now, FRAME, NUMBERED);
                while (wire.b().receive(now, sink)) {
                    // due ones
                }
            }
        });
    }
}

package dev.jnetlab.stack.phy;

import dev.jnetlab.testing.AllocationMeter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.TestFrames.Counter;
import dev.jnetlab.stack.phy.TestFrames.Numbered;
import dev.jnetlab.stack.phy.TestFrames.Recorder;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VirtualWireTest {

    @Test
    void bothEndsCarryAn1500OctetMtuByDefault() {
        VirtualWire wire = new VirtualWire();
        assertEquals(1500, wire.a().capabilities().mtu());
        assertEquals(1500, wire.b().capabilities().mtu());
        assertEquals(0, wire.latency());
        assertEquals(576, new VirtualWire(576, 0, 8).a().capabilities().mtu());
    }

    @Nested
    class ChecksumMark {
        /** The mark each frame was received with, in order. */
        private final List<Boolean> marks = new java.util.ArrayList<>();
        private final FrameReceiver marking = new FrameReceiver() {
            @Override
            public void receive(byte[] frame, int offset, int length) {
                marks.add(false);
            }

            @Override
            public void receive(byte[] frame, int offset, int length, boolean checksumVouched) {
                marks.add(checksumVouched);
            }
        };

        @Test
        void aPlainWireVouchesForNoChecksumSoTheReceiverVerifiesEveryOne() {
            VirtualWire wire = new VirtualWire(1500, 0, 8);
            new Numbered(TestFrames.MIN_LEN).sendThrough(wire.a(), 0);
            new Numbered(TestFrames.MIN_LEN).sendThrough(wire.b(), 0);
            assertTrue(wire.b().receive(0, marking));
            assertTrue(wire.a().receive(0, marking));
            assertEquals(List.of(false, false), marks);
        }

        @Test
        void aVouchingWireHandsEveryFrameOverVouchedBothWays() {
            VirtualWire wire = new VirtualWire(1500, 0, 8, true);
            new Numbered(TestFrames.MIN_LEN).sendThrough(wire.a(), 0);
            new Numbered(TestFrames.MIN_LEN).sendThrough(wire.b(), 0);
            assertTrue(wire.b().receive(0, marking));
            assertTrue(wire.a().receive(0, marking));
            assertEquals(List.of(true, true), marks);
        }
    }

    @Nested
    class WithoutLatency {
        private final VirtualWire wire = new VirtualWire();

        @Test
        void whatOneEndSendsTheOtherReceivesInOrder() {
            Numbered sender = new Numbered(TestFrames.MIN_LEN);
            for (int i = 0; i < 5; i++) {
                assertTrue(sender.sendThrough(wire.a(), 0));
            }
            Recorder atB = new Recorder();
            assertEquals(5, atB.drain(wire.b(), 0));
            assertEquals(List.of(0, 1, 2, 3, 4), atB.sequences());
        }

        @Test
        void theSenderDoesNotHearItself() {
            new Numbered(TestFrames.MIN_LEN).sendThrough(wire.a(), 0);
            assertFalse(wire.a().receive(0, new Recorder()));
            assertEquals(1, wire.b().inFlight());
            assertEquals(0, wire.a().inFlight());
        }

        @Test
        void theTwoDirectionsAreIndependent() {
            Numbered fromA = new Numbered(TestFrames.MIN_LEN);
            Numbered fromB = new Numbered(TestFrames.MIN_LEN);
            fromB.next = 100;
            fromA.sendThrough(wire.a(), 0);
            fromB.sendThrough(wire.b(), 0);
            fromA.sendThrough(wire.a(), 0);
            Recorder atA = new Recorder();
            Recorder atB = new Recorder();
            atA.drain(wire.a(), 0);
            atB.drain(wire.b(), 0);
            assertEquals(List.of(100), atA.sequences());
            assertEquals(List.of(0, 1), atB.sequences());
        }

        @Test
        void aFrameIsReceivableAtOnce() {
            new Numbered(TestFrames.MIN_LEN).sendThrough(wire.a(), 1_000);
            assertEquals(1_000, wire.b().nextArrival());
            assertTrue(wire.b().receive(1_000, new Recorder()));
        }
    }

    @Nested
    class WithLatency {
        private final VirtualClock clock = new VirtualClock(1_000);
        private final VirtualWire wire = new VirtualWire(1500, Micros.ofMillis(5), 16);

        @Test
        void aFrameArrivesExactlyOneLatencyAfterItWasSent() {
            new Numbered(TestFrames.MIN_LEN).sendThrough(wire.a(), clock.now());
            assertEquals(6_000, wire.b().nextArrival());
            assertFalse(wire.b().receive(clock.advanceTo(5_999), new Recorder()));
            Recorder atB = new Recorder();
            assertTrue(wire.b().receive(clock.advanceTo(6_000), atB));
            assertEquals(List.of(0), atB.sequences());
            assertEquals(Micros.NEVER, wire.b().nextArrival());
        }

        @Test
        void framesArriveInOrderEachAtItsOwnTime() {
            Numbered sender = new Numbered(TestFrames.MIN_LEN);
            sender.sendThrough(wire.a(), clock.now());
            sender.sendThrough(wire.a(), clock.advance(300));
            sender.sendThrough(wire.a(), clock.advance(300));
            Recorder atB = new Recorder();
            assertEquals(1, atB.drain(wire.b(), 6_000));
            assertEquals(6_300, wire.b().nextArrival());
            assertEquals(0, atB.drain(wire.b(), 6_299));
            assertEquals(2, atB.drain(wire.b(), 6_600));
            assertEquals(List.of(0, 1, 2), atB.sequences());
        }

        @Test
        void theWireTellsWhenTheNextFrameEitherWayArrives() {
            assertEquals(Micros.NEVER, wire.nextArrival());
            new Numbered(TestFrames.MIN_LEN).sendThrough(wire.b(), 2_000);
            new Numbered(TestFrames.MIN_LEN).sendThrough(wire.a(), 1_500);
            assertEquals(6_500, wire.b().nextArrival());
            assertEquals(7_000, wire.a().nextArrival());
            assertEquals(6_500, wire.nextArrival());
        }

        @Test
        void refusesNegativeLatency() {
            assertThrows(IllegalArgumentException.class, () -> new VirtualWire(1500, -1, 16));
        }
    }

    @Nested
    class Backpressure {
        private final VirtualWire wire = new VirtualWire(1500, 0, 3);

        @Test
        void aFullDirectionRefusesUntilTheFarEndReceives() {
            Numbered sender = new Numbered(TestFrames.MIN_LEN);
            for (int i = 0; i < 3; i++) {
                assertTrue(sender.sendThrough(wire.a(), 0));
            }
            assertFalse(sender.sendThrough(wire.a(), 0));
            assertEquals(3, sender.fills);
            assertTrue(new Numbered(TestFrames.MIN_LEN).sendThrough(wire.b(), 0), "the other direction is not full");
            assertTrue(wire.b().receive(0, new Recorder()));
            assertTrue(sender.sendThrough(wire.a(), 0));
        }

        @Test
        void refusesAFrameLongerThanTheMtuAllows() {
            assertThrows(IllegalArgumentException.class, () -> wire.a().transmit(0, 1515, (buffer, offset, length) -> { }));
        }
    }

    @Test
    void allocatesNothingPerFrame() {
        VirtualWire wire = new VirtualWire(1500, 50, 64);
        Numbered fromA = new Numbered(1514);
        Numbered fromB = new Numbered(60);
        Counter atA = new Counter();
        Counter atB = new Counter();
        int frames = 100_000;
        long[] now = {0};
        AllocationMeter.assertNoAllocationPerFrame(frames, () -> {
            for (int i = 0; i < frames; i++) {
                long at = now[0] += 100;
                fromA.sendThrough(wire.a(), at);
                fromB.sendThrough(wire.b(), at);
                wire.b().receive(at, atB);
                wire.a().receive(at, atA);
            }
        });
        assertEquals(2L * frames - 1, atB.frames, "every frame but the last, still in flight");
        assertEquals(2L * frames - 1, atA.frames);
    }
}

package dev.jnetlab.stack.phy;

import dev.jnetlab.testing.AllocationMeter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.TestFrames.Counter;
import dev.jnetlab.stack.phy.TestFrames.Numbered;
import dev.jnetlab.stack.phy.TestFrames.Recorder;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LoopbackTest {

    @Test
    void carriesAn1500OctetMtuByDefault() {
        assertEquals(1514, new Loopback().capabilities().maxFrameSize());
        assertEquals(9000, new Loopback(9000, 4).capabilities().mtu());
    }

    @Nested
    class WhenEmpty {
        @Test
        void receivesNothing() {
            Recorder recorder = new Recorder();
            assertFalse(new Loopback().receive(0, recorder));
            assertTrue(recorder.frames.isEmpty());
        }
    }

    @Nested
    class WhatIsSentComesBack {
        @Test
        void octetForOctetInOrder() {
            Loopback loopback = new Loopback();
            Numbered sender = new Numbered(TestFrames.MIN_LEN);
            for (int i = 0; i < 3; i++) {
                assertTrue(sender.sendThrough(loopback, 0));
            }
            Recorder recorder = new Recorder();
            assertEquals(3, recorder.drain(loopback, 0));
            assertEquals(List.of(0, 1, 2), recorder.sequences());
            assertArrayEquals(TestFrames.frame(TestFrames.MIN_LEN, 1), recorder.frames.get(1));
        }

        @Test
        void withTheLengthAskedFor() {
            Loopback loopback = new Loopback();
            assertTrue(loopback.transmit(0, 1514, (buffer, offset, length) -> TestFrames.write(buffer, offset, length, 7)));
            assertTrue(loopback.transmit(0, 0, (buffer, offset, length) -> { }));
            Recorder recorder = new Recorder();
            recorder.drain(loopback, 0);
            assertEquals(1514, recorder.frames.get(0).length);
            assertEquals(0, recorder.frames.get(1).length);
        }

        @Test
        void aReplySentFromInsideTheReceiverArrivesAfterTheFrame() {
            Loopback loopback = new Loopback(1500, 2);
            Numbered sender = new Numbered(TestFrames.MIN_LEN);
            sender.next = 10;
            sender.sendThrough(loopback, 0);
            assertTrue(loopback.receive(0, (frame, offset, length) -> {
                assertTrue(sender.sendThrough(loopback, 0));
                // The lent frame still holds its slot: the queue is full until the receiver returns.
                assertFalse(sender.sendThrough(loopback, 0));
                assertEquals(10, TestFrames.sequence(frame, offset));
            }));
            Recorder later = new Recorder();
            later.drain(loopback, 0);
            assertEquals(List.of(11), later.sequences());
        }

        @Test
        void aFrameWhoseReceiverFailsIsConsumed() {
            Loopback loopback = new Loopback();
            new Numbered(TestFrames.MIN_LEN).sendThrough(loopback, 0);
            assertThrows(IllegalStateException.class, () -> loopback.receive(0, (frame, offset, length) -> {
                throw new IllegalStateException("receiver bug");
            }));
            assertEquals(0, loopback.queued());
        }
    }

    @Nested
    class Backpressure {
        @Test
        void aFullQueueRefusesWithoutCallingTheFiller() {
            Loopback loopback = new Loopback(1500, 4);
            Numbered sender = new Numbered(TestFrames.MIN_LEN);
            for (int i = 0; i < 4; i++) {
                assertTrue(sender.sendThrough(loopback, 0));
            }
            assertFalse(sender.sendThrough(loopback, 0));
            assertEquals(4, sender.fills);
            assertEquals(4, loopback.queued());
        }

        @Test
        void receivingMakesRoomAgain() {
            Loopback loopback = new Loopback(1500, 2);
            Numbered sender = new Numbered(TestFrames.MIN_LEN);
            sender.sendThrough(loopback, 0);
            sender.sendThrough(loopback, 0);
            assertFalse(sender.sendThrough(loopback, 0));
            Recorder recorder = new Recorder();
            assertTrue(loopback.receive(0, recorder));
            assertTrue(sender.sendThrough(loopback, 0));
            recorder.drain(loopback, 0);
            assertEquals(List.of(0, 1, 2), recorder.sequences());
        }
    }

    @Nested
    class RefusesLengthsItCannotCarry {
        @Test
        void longerThanItsLargestFrame() {
            Loopback loopback = new Loopback();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loopback.transmit(0, 1515, (buffer, offset, length) -> { }));
            assertEquals("a frame of 1515 octets does not fit a device whose largest frame is 1514 octets", e.getMessage());
        }

        @Test
        void negative() {
            assertThrows(IllegalArgumentException.class, () -> new Loopback().transmit(0, -1, (buffer, offset, length) -> { }));
        }

        @Test
        void andAQueueWithoutSlots() {
            assertThrows(IllegalArgumentException.class, () -> new Loopback(1500, 0));
        }
    }

    @Test
    void allocatesNothingPerFrame() {
        Loopback loopback = new Loopback();
        Numbered sender = new Numbered(1514);
        Counter counter = new Counter();
        int frames = 100_000;
        AllocationMeter.assertNoAllocationPerFrame(frames, () -> {
            for (int i = 0; i < frames; i++) {
                sender.sendThrough(loopback, i);
                loopback.receive(i, counter);
            }
        });
        assertEquals(2L * frames, counter.frames);
    }
}

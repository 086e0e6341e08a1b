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

class TracerTest {
    private final VirtualWire wire = new VirtualWire();
    private final TraceLines sink = new TraceLines();
    private final Tracer tracer = new Tracer(wire.a(), TraceLines.SEQUENCE, sink);
    private final Numbered fromStack = new Numbered(TestFrames.MIN_LEN);
    private final Numbered fromPeer = new Numbered(TestFrames.MIN_LEN);
    private final Recorder atStack = new Recorder();
    private final Recorder atPeer = new Recorder();

    /** Evens only: a filter that tells frames apart. */
    private static final FrameFilter EVEN = (frame, offset, length) -> TestFrames.sequence(frame, offset) % 2 == 0;

    private void exchange(long now, int frames) {
        for (int i = 0; i < frames; i++) {
            fromStack.sendThrough(tracer, now);
            fromPeer.sendThrough(wire.b(), now);
        }
        atStack.drain(tracer, now);
        atPeer.drain(wire.b(), now);
    }

    @Nested
    class WhenOff {
        @Test
        void isOffUntilTurnedOn() {
            assertFalse(tracer.isOn());
        }

        @Test
        void showsNothingAndPassesEveryFrame() {
            exchange(0, 3);
            assertEquals(List.of(), sink.lines);
            assertEquals(List.of(0, 1, 2), atStack.sequences());
            assertEquals(List.of(0, 1, 2), atPeer.sequences());
        }

        @Test
        void showsNoFaults() {
            FaultInjector injector = new FaultInjector(wire.a(), FaultConfig.NONE.withDropPercent(100), 1);
            injector.setListener(tracer);
            fromStack.sendThrough(injector, 0);
            assertEquals(List.of(), sink.lines);
        }

        @Test
        void allocatesNothingPerFrame() {
            Counter counter = new Counter();
            int frames = 100_000;
            AllocationMeter.assertNoAllocationPerFrame(frames, () -> {
                for (int i = 0; i < frames; i++) {
                    fromStack.sendThrough(tracer, i);
                    wire.b().receive(i, counter);
                }
            });
            assertEquals(2L * frames, counter.frames);
        }
    }

    @Nested
    class WhenOn {
        @Test
        void showsEveryFrameBothWaysWithItsTimeAndDirection() {
            tracer.on(FrameFilter.ALL);
            assertTrue(tracer.isOn());
            fromStack.sendThrough(tracer, 1_000);
            fromPeer.next = 100;
            fromPeer.sendThrough(wire.b(), 1_500);
            atStack.drain(tracer, 2_000);
            assertEquals(List.of("1000 tx: seq 0, 60 octets", "2000 rx: seq 100, 60 octets"), sink.lines);
            assertEquals(List.of(100), atStack.sequences());
        }

        @Test
        void lendsTheSinkTheFrameItself() {
            tracer.on(FrameFilter.ALL);
            tracer.transmit(0, 1514, (buffer, offset, length) -> TestFrames.write(buffer, offset, length, 9));
            assertArrayEquals(TestFrames.frame(1514, 9), sink.frames.get(0));
        }

        @Test
        void showsAReceivedFrameBeforeTheStackHandlesItAndASentOneAfterTheStackWroteIt() {
            tracer.on(FrameFilter.ALL);
            fromPeer.next = 50;
            fromPeer.sendThrough(wire.b(), 0);
            fromStack.next = 60;
            assertTrue(tracer.receive(0, (frame, offset, length) -> {
                assertEquals(List.of("0 rx: seq 50, 60 octets"), sink.lines);
                fromStack.sendThrough(tracer, 0);
            }));
            assertEquals(List.of("0 rx: seq 50, 60 octets", "0 tx: seq 60, 60 octets"), sink.lines);
        }

        @Test
        void showsOnlyTheFramesTheFilterAcceptsAndPassesTheRest() {
            tracer.on(EVEN);
            exchange(0, 4);
            assertEquals(List.of("0 tx: seq 0, 60 octets", "0 tx: seq 2, 60 octets",
                    "0 rx: seq 0, 60 octets", "0 rx: seq 2, 60 octets"), sink.lines);
            assertEquals(List.of(0, 1, 2, 3), atStack.sequences());
            assertEquals(List.of(0, 1, 2, 3), atPeer.sequences());
        }

        @Test
        void aNewFilterReplacesTheOldAndOffStops() {
            tracer.on(EVEN);
            tracer.on((frame, offset, length) -> TestFrames.sequence(frame, offset) == 1);
            exchange(0, 3);
            assertEquals(List.of("0 tx: seq 1, 60 octets", "0 rx: seq 1, 60 octets"), sink.lines);
            tracer.off();
            exchange(1, 2);
            assertEquals(2, sink.lines.size());
        }

        @Test
        void refusesToTraceWithoutAFilter() {
            assertThrows(IllegalArgumentException.class, () -> tracer.on(null));
            assertThrows(IllegalArgumentException.class, () -> new Tracer(wire.a(), null, sink));
        }

        @Test
        void allocatesNothingPerFrameWhenTheFormatterAndSinkDoNot() {
            long[] lines = {0};
            TraceSink counting = new TraceSink() {
                @Override
                public void frame(long now, Direction direction, byte[] frame, int offset, int length, CharSequence line) {
                    lines[0]++;
                }

                @Override
                public void fault(FaultEvent event, CharSequence line) {
                    lines[0]++;
                }
            };
            Tracer quiet = new Tracer(wire.a(), TraceLines.SEQUENCE, counting);
            quiet.on(FrameFilter.ALL);
            Counter counter = new Counter();
            int frames = 100_000;
            AllocationMeter.assertNoAllocationPerFrame(frames, () -> {
                for (int i = 0; i < frames; i++) {
                    fromStack.sendThrough(quiet, i);
                    fromPeer.sendThrough(wire.b(), i);
                    quiet.receive(i, counter);
                    wire.b().receive(i, counter);
                }
            });
            assertEquals(2L * 2 * frames, lines[0], "both runs traced every frame, sent and received");
        }
    }

    @Nested
    class Faults {
        private final FaultInjector injector = new FaultInjector(wire.a(), FaultConfig.NONE.withDropPercent(100), 1);
        private final Tracer outside = new Tracer(injector, TraceLines.SEQUENCE, sink);

        Faults() {
            injector.setListener(outside);
        }

        @Test
        void areShownAsTheirOwnLinesAfterTheFrameTheStackSent() {
            outside.on(FrameFilter.ALL);
            fromStack.sendThrough(outside, 5);
            assertEquals(List.of("5 tx: seq 0, 60 octets", "5 tx: dropped (drop-chance)"), sink.lines);
        }

        @Test
        void aReceivedFrameTheStackNeverGetsIsNamedOnItsFaultLine() {
            outside.on(FrameFilter.ALL);
            fromPeer.next = 7;
            fromPeer.sendThrough(wire.b(), 3);
            atStack.drain(outside, 3);
            assertEquals(List.of("3 rx: dropped (drop-chance): seq 7, 60 octets"), sink.lines);
            assertEquals(List.of(), atStack.sequences());
        }

        @Test
        void passTheFilterOnTheFrameTheyHappenedTo() {
            outside.on(EVEN);
            for (int i = 0; i < 4; i++) {
                fromStack.sendThrough(outside, 0);
            }
            assertEquals(List.of("0 tx: seq 0, 60 octets", "0 tx: dropped (drop-chance)",
                    "0 tx: seq 2, 60 octets", "0 tx: dropped (drop-chance)"), sink.lines);
        }

        @Test
        void aTransmitHeldBackIsShownWhateverTheFilterSinceItHasNoFrame() {
            injector.setConfig(FaultConfig.NONE.withTxRateLimit(1));
            outside.on((frame, offset, length) -> false);
            fromStack.sendThrough(outside, 0);
            assertFalse(fromStack.sendThrough(outside, 0));
            assertEquals(List.of("0 tx: held back (rate-limit: 1 frame per 1s)"), sink.lines);
        }
    }
}

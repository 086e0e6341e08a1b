package dev.jnetlab.stack.phy;

import dev.jnetlab.testing.AllocationMeter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.phy.FaultEvent.Kind;
import dev.jnetlab.stack.phy.TestFrames.Counter;
import dev.jnetlab.stack.phy.TestFrames.Numbered;
import dev.jnetlab.stack.phy.TestFrames.Recorder;
import dev.jnetlab.stack.time.Micros;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
    private static final long SEED = 1;
    private static final FaultConfig NONE = FaultConfig.NONE;

    private static List<Integer> range(int from, int to) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = from; i < to; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    private static List<String> times(int count, String line) {
        return Collections.nCopies(count, line);
    }

    @Nested
    class WhenOff {
        private final FaultLink link = new FaultLink(NONE, SEED);

        @Test
        void passesEveryFrameBothWaysUntouched() {
            link.send(5);
            link.peerSends(5);
            link.poll();
            assertEquals(range(0, 5), link.atPeer.sequences());
            assertEquals(range(0, 5), link.atStack.sequences());
            assertArrayEquals(TestFrames.frame(TestFrames.MIN_LEN, 3), link.atPeer.frames.get(3));
            assertEquals(List.of(), link.faults);
            assertEquals(Micros.NEVER, link.injector.nextDeadline(0));
        }

        @Test
        void costsNoFrameMemoryUntilAFrameIsDelayed() {
            VirtualWire wire = new VirtualWire();
            long made = AllocationMeter.minimumBytesAllocatedBy(() -> new FaultInjector(wire.a(), NONE, SEED), 3);
            int eager = 2 * FaultInjector.DEFAULT_QUEUE_CAPACITY * wire.a().capabilities().maxFrameSize();
            assertTrue(made < 16 * 1024, made + " octets for an injector (its delay slots made up front would be " + eager + ")");
        }

        @Test
        void announcesTheCapabilitiesOfTheDeviceItWraps() {
            assertEquals(link.wire.a().capabilities(), link.injector.capabilities());
        }
    }

    @Nested
    class Scope {
        /** Evens only: a filter that tells the numbered frames apart. */
        private final FrameFilter even = (frame, offset, length) -> TestFrames.sequence(frame, offset) % 2 == 0;

        @Test
        void inHitsOnlyWhatTheStackReceives() {
            FaultLink link = new FaultLink(NONE.withDropPercent(100), SEED);
            link.injector.setScope(new FaultScope(true, false, FrameFilter.ALL));
            link.send(3);
            link.peerSends(3);
            link.poll();
            assertEquals(range(0, 3), link.atPeer.sequences());
            assertEquals(List.of(), link.atStack.sequences());
            assertEquals(times(3, "rx: dropped (drop-chance)"), link.faults);
        }

        @Test
        void outHitsOnlyWhatTheStackSends() {
            FaultLink link = new FaultLink(NONE.withDropPercent(100), SEED);
            link.injector.setScope(new FaultScope(false, true, FrameFilter.ALL));
            link.send(3);
            link.peerSends(3);
            link.poll();
            assertEquals(List.of(), link.atPeer.sequences());
            assertEquals(range(0, 3), link.atStack.sequences());
        }

        @Test
        void aFilterPassesTheFramesItDoesNotAcceptUntouchedBothWays() {
            FaultLink link = new FaultLink(NONE.withDropPercent(100), SEED);
            link.injector.setScope(new FaultScope(true, true, even));
            assertEquals(6, link.send(6));
            link.peerSends(6);
            link.poll();
            assertEquals(List.of(1, 3, 5), link.atPeer.sequences());
            assertEquals(List.of(1, 3, 5), link.atStack.sequences());
            assertArrayEquals(TestFrames.frame(TestFrames.MIN_LEN, 3), link.atPeer.frames.get(1),
                    "a frame sent through the scratch buffer arrives whole");
        }

        @Test
        void framesOutsideTheScopeDrawNothingSoTheOthersMeetTheSameFaults() {
            FaultLink all = new FaultLink(NONE.withDropPercent(25), SEED);
            all.send(12);
            all.poll();
            FaultLink evens = new FaultLink(NONE.withDropPercent(25), SEED);
            evens.injector.setScope(new FaultScope(true, true, even));
            evens.send(24);
            evens.poll();
            // Frame 2k under the filter is the k-th frame to draw: it meets the fate frame k met unfiltered.
            List<Integer> lostUnfiltered = new ArrayList<>(range(0, 12));
            lostUnfiltered.removeAll(all.atPeer.sequences());
            List<Integer> lostFiltered = new ArrayList<>(range(0, 24));
            lostFiltered.removeAll(evens.atPeer.sequences());
            assertEquals(lostUnfiltered.stream().map(k -> 2 * k).toList(), lostFiltered);
        }
    }

    @Nested
    class DropChance {
        @Test
        void losesExactlyTheFramesItsSeedPicks() {
            FaultLink link = new FaultLink(NONE.withDropPercent(25), SEED);
            assertEquals(12, link.send(12), "a lost frame was still taken from the stack");
            link.poll();
            assertEquals(List.of(0, 3, 4, 5, 6, 8, 10), link.atPeer.sequences());
            assertEquals(times(5, "tx: dropped (drop-chance)"), link.faults);
        }

        @Test
        void eachDirectionDrawsFromItsOwnSequence() {
            FaultLink link = new FaultLink(NONE.withDropPercent(25), SEED);
            link.peerSends(12);
            link.send(12);
            link.poll();
            assertEquals(List.of(0, 3, 4, 5, 6, 8, 10), link.atPeer.sequences(), "the same as without rx traffic");
            assertEquals(List.of(0, 1, 3, 5, 6, 10, 11), link.atStack.sequences());
        }

        @Test
        void theStackStillWritesALostFrame() {
            // So that a tracer or pcap writer outside the injector shows what the stack sent.
            FaultLink link = new FaultLink(NONE.withDropPercent(100), SEED);
            List<byte[]> lent = new ArrayList<>();
            link.injector.setListener(event -> lent.add(Arrays.copyOfRange(
                    event.frame(), event.offset(), event.offset() + event.length())));
            assertEquals(3, link.send(3));
            link.poll();
            assertEquals(3, link.fromStack.fills);
            assertEquals(List.of(), link.atPeer.sequences());
            assertArrayEquals(TestFrames.frame(TestFrames.MIN_LEN, 2), lent.get(2));
        }

        @Test
        void losesReceivedFramesToo() {
            FaultLink link = new FaultLink(NONE.withDropPercent(100), SEED);
            link.peerSends(4);
            link.poll();
            assertEquals(List.of(), link.atStack.sequences());
            assertEquals(times(4, "rx: dropped (drop-chance)"), link.faults);
        }

        @Test
        void losesTenPercentOfAHundredThousandFrames() {
            FaultLink link = new FaultLink(NONE.withDropPercent(10), SEED);
            for (int i = 0; i < 100; i++) {
                link.send(1_000);
                link.peerSends(1_000);
                link.poll();
            }
            long lostTx = 100_000 - link.atPeer.frames.size();
            long lostRx = 100_000 - link.atStack.frames.size();
            assertTrue(lostTx >= 9_500 && lostTx <= 10_500, () -> "tx lost " + lostTx);
            assertTrue(lostRx >= 9_500 && lostRx <= 10_500, () -> "rx lost " + lostRx);
            assertEquals(lostTx + lostRx, link.count(Kind.DROPPED));
        }
    }

    @Nested
    class Corruption {
        @Test
        void changesExactlyOneOctetOfEveryChosenFrameAndSaysWhich() {
            FaultLink link = new FaultLink(NONE.withCorruptPercent(100), SEED);
            link.send(50);
            link.peerSends(50);
            link.poll();
            List<String> expected = new ArrayList<>();
            expected.addAll(describeCorruption("tx", link.atPeer.frames));
            expected.addAll(describeCorruption("rx", link.atStack.frames));
            List<String> reported = new ArrayList<>(link.faults.stream().filter(line -> line.startsWith("tx")).toList());
            reported.addAll(link.faults.stream().filter(line -> line.startsWith("rx")).toList());
            assertEquals(expected, reported);
        }

        /** The one octet in which each received frame differs from the frame sent, as a fault line. */
        private List<String> describeCorruption(String direction, List<byte[]> frames) {
            List<String> lines = new ArrayList<>();
            for (int n = 0; n < frames.size(); n++) {
                byte[] original = TestFrames.frame(TestFrames.MIN_LEN, n);
                byte[] received = frames.get(n);
                int changed = 0;
                for (int i = 0; i < original.length; i++) {
                    if (original[i] != received[i]) {
                        changed++;
                        lines.add(String.format("%s: corrupted octet %d (0x%02x -> 0x%02x)",
                                direction, i, original[i] & 0xFF, received[i] & 0xFF));
                    }
                }
                assertEquals(1, changed, direction + " frame " + n);
            }
            return lines;
        }

        @Test
        void picksExactlyTheFramesAndOctetsItsSeedPicks() {
            FaultLink link = new FaultLink(NONE.withCorruptPercent(20), SEED);
            link.send(10);
            link.poll();
            assertEquals(List.of(
                    "tx: corrupted octet 2 (0x00 -> 0x90)",
                    "tx: corrupted octet 43 (0x30 -> 0x0f)",
                    "tx: corrupted octet 46 (0x35 -> 0x6a)"), link.faults);
            List<Integer> changed = new ArrayList<>();
            for (int n = 0; n < 10; n++) {
                if (!Arrays.equals(TestFrames.frame(TestFrames.MIN_LEN, n), link.atPeer.frames.get(n))) {
                    changed.add(n);
                }
            }
            assertEquals(List.of(1, 5, 7), changed, "octet 2 of frame 1 is in its destination address");
        }

        @Test
        void canHitAnyOctetOfTheFrame() {
            FaultLink link = new FaultLink(NONE.withCorruptPercent(100), SEED);
            boolean[] hit = new boolean[TestFrames.MIN_LEN];
            link.injector.setListener(event -> hit[event.octet()] = true);
            for (int i = 0; i < 20; i++) {
                link.send(100);
                link.poll();
            }
            for (int octet = 0; octet < hit.length; octet++) {
                assertTrue(hit[octet], "octet " + octet + " never corrupted in 2000 frames");
            }
        }

        @Test
        void corruptsTenPercentOfAHundredThousandFrames() {
            FaultLink link = new FaultLink(NONE.withCorruptPercent(10), SEED);
            for (int i = 0; i < 100; i++) {
                link.send(1_000);
                link.poll();
            }
            long corrupted = link.count(Kind.CORRUPTED);
            assertTrue(corrupted >= 9_500 && corrupted <= 10_500, () -> "corrupted " + corrupted);
            assertEquals(100_000, link.atPeer.frames.size(), "a corrupted frame is still delivered");
        }
    }

    @Nested
    class SizeLimit {
        private final FaultLink link = new FaultLink(NONE.withSizeLimit(600), SEED);

        private void sendLengths(Device device, int... lengths) {
            for (int length : lengths) {
                assertTrue(device.transmit(link.clock.now(), length,
                        (buffer, offset, requested) -> TestFrames.write(buffer, offset, requested, requested)));
            }
        }

        @Test
        void dropsLongerFramesInBothDirections() {
            sendLengths(link.injector, 60, 600, 601, 1514);
            sendLengths(link.wire.b(), 1514, 600, 60, 601);
            link.poll();
            assertEquals(List.of(60, 600), link.atPeer.sequences());
            assertEquals(List.of(600, 60), link.atStack.sequences());
            assertEquals(List.of(
                    "tx: dropped (size-limit: 601 > 600 octets)",
                    "tx: dropped (size-limit: 1514 > 600 octets)",
                    "rx: dropped (size-limit: 1514 > 600 octets)",
                    "rx: dropped (size-limit: 601 > 600 octets)"), link.faults);
        }

        @Test
        void aReceiveCallSkipsTheLostFramesToTheNextGoodOne() {
            sendLengths(link.wire.b(), 1514, 1000, 60);
            Recorder stack = new Recorder();
            assertTrue(link.injector.receive(0, stack));
            assertEquals(List.of(60), stack.sequences());
            assertFalse(link.injector.receive(0, stack));
        }

        @Test
        void isNotAnnouncedInTheCapabilities() {
            // A path that silently drops large frames is the fault to discover (a PMTU black hole).
            assertEquals(1514, link.injector.capabilities().maxFrameSize());
        }
    }

    @Nested
    class TxRateLimit {
        private final FaultLink link = new FaultLink(NONE.withTxRateLimit(3).withShapingInterval(Micros.ofMillis(10)), SEED);

        @Test
        void admitsExactlyNPerIntervalAndHoldsTheRestBack() {
            assertEquals(3, link.send(5));
            assertEquals(3, link.fromStack.fills, "a held-back frame is not written");
            link.poll();
            assertEquals(range(0, 3), link.atPeer.sequences());
            assertEquals(times(2, "tx: held back (rate-limit: 3 frames per 10ms)"), link.faults);
        }

        @Test
        void refillsAtTheIntervalBoundaryOfTheStackClock() {
            link.clock.advanceTo(Micros.ofMillis(7));
            assertEquals(3, link.send(4));
            assertEquals(Micros.ofMillis(10), link.injector.nextDeadline(link.clock.now()),
                    "the boundary, not 10 ms after the first frame");
            link.clock.advanceTo(9_999);
            assertEquals(0, link.send(1));
            link.clock.advanceTo(10_000);
            assertEquals(3, link.send(4));
            assertEquals(Micros.ofMillis(20), link.injector.nextDeadline(link.clock.now()));
            link.poll();
            assertEquals(range(0, 6), link.atPeer.sequences(), "held-back frames are sent again by the stack, in order");
        }

        @Test
        void asksForNoPollWhileTokensAreLeft() {
            assertEquals(2, link.send(2));
            assertEquals(Micros.NEVER, link.injector.nextDeadline(link.clock.now()));
        }

        @Test
        void aFrameTheDeviceBehindRefusesKeepsItsToken() {
            FaultLink narrow = new FaultLink(NONE.withTxRateLimit(3).withShapingInterval(Micros.ofMillis(10)), SEED,
                    FaultInjector.DEFAULT_QUEUE_CAPACITY, 2);
            assertEquals(2, narrow.send(3), "the wire holds two frames");
            assertEquals(List.of(), narrow.faults);
            narrow.poll();
            assertEquals(1, narrow.send(2), "one token left, not zero");
            assertEquals(List.of("tx: held back (rate-limit: 3 frames per 10ms)"), narrow.faults);
        }
    }

    @Nested
    class RxRateLimit {
        private final FaultLink link = new FaultLink(NONE.withRxRateLimit(2).withShapingInterval(Micros.ofMillis(10)), SEED);

        @Test
        void deliversExactlyNPerIntervalAndDropsTheRest() {
            link.peerSends(5);
            link.poll();
            assertEquals(range(0, 2), link.atStack.sequences());
            assertEquals(times(3, "rx: dropped (rate-limit: 2 frames per 10ms)"), link.faults);
            link.pollAt(Micros.ofMillis(10));
            assertEquals(range(0, 2), link.atStack.sequences(), "dropped, not held");
        }

        @Test
        void refillsAtTheIntervalBoundary() {
            link.peerSends(3);
            link.poll();
            link.clock.advanceTo(Micros.ofMillis(10));
            link.peerSends(3);
            link.poll();
            assertEquals(List.of(0, 1, 3, 4), link.atStack.sequences());
        }
    }

    @Nested
    class Delay {
        private final FaultLink link = new FaultLink(NONE.withDelay(Micros.ofMillis(20), 0), SEED);

        @Test
        void holdsEverySentFrameForTheDelayOnTheStackClock() {
            for (int i = 0; i < 3; i++) {
                link.clock.advanceTo(Micros.ofMillis(i));
                link.send(1);
            }
            assertEquals(times(3, "tx: delayed 20ms"), link.faults);
            assertEquals(3, link.injector.delayed(Direction.TX));
            assertEquals(Micros.ofMillis(20), link.injector.nextDeadline(link.clock.now()));
            link.pollAt(19_999);
            assertEquals(List.of(), link.atPeer.sequences());
            link.pollAt(20_000);
            assertEquals(List.of(0), link.atPeer.sequences());
            assertEquals(Micros.ofMillis(21), link.injector.nextDeadline(link.clock.now()));
            link.pollAt(22_000);
            assertEquals(range(0, 3), link.atPeer.sequences());
            assertEquals(Micros.NEVER, link.injector.nextDeadline(link.clock.now()));
        }

        @Test
        void holdsEveryReceivedFrameToo() {
            link.peerSends(1);
            link.poll();
            assertEquals(List.of(), link.atStack.sequences());
            assertEquals(List.of("rx: delayed 20ms"), link.faults);
            assertEquals(1, link.injector.delayed(Direction.RX));
            assertEquals(Micros.ofMillis(20), link.injector.nextDeadline(link.clock.now()));
            link.pollAt(19_999);
            assertEquals(List.of(), link.atStack.sequences());
            link.pollAt(20_000);
            assertEquals(List.of(0), link.atStack.sequences());
        }

        @Test
        void withJitterEachFrameArrivesAfterItsOwnDelayAndMayOvertakeOthers() {
            FaultLink jittery = new FaultLink(NONE.withDelay(Micros.ofMillis(20), Micros.ofMillis(5)), SEED);
            for (int i = 0; i < 8; i++) {
                jittery.clock.advanceTo(Micros.ofMillis(i));
                jittery.send(1);
            }
            // Poll exactly when the injector asks to, as the event loop does, noting each arrival time.
            List<Long> arrivals = new ArrayList<>(Collections.nCopies(8, 0L));
            for (long at = jittery.injector.nextDeadline(jittery.clock.now()); at != Micros.NEVER;
                    at = jittery.injector.nextDeadline(jittery.clock.now())) {
                int before = jittery.atPeer.frames.size();
                jittery.pollAt(at);
                for (int n = before; n < jittery.atPeer.frames.size(); n++) {
                    arrivals.set(jittery.atPeer.sequences().get(n), at);
                }
            }
            for (int i = 0; i < 8; i++) {
                assertEquals(Micros.ofMillis(i) + jittery.delays.get(i), arrivals.get(i), "frame " + i);
            }
            assertEquals(List.of(19_670L, 15_343L, 15_459L, 20_636L, 18_986L, 22_993L, 19_169L, 16_527L), jittery.delays);
            assertEquals(List.of(1, 2, 0, 4, 7, 3, 6, 5), jittery.atPeer.sequences());
        }

        @Test
        void jitterIsUniformWithinItsBounds() {
            FaultLink jittery = new FaultLink(NONE.withDelay(Micros.ofMillis(20), Micros.ofMillis(5)), SEED, 10_000, 16);
            jittery.send(10_000);
            long min = Collections.min(jittery.delays);
            long max = Collections.max(jittery.delays);
            double mean = jittery.delays.stream().mapToLong(Long::longValue).average().orElseThrow();
            assertTrue(min >= 15_000 && min < 15_100, () -> "shortest delay " + min);
            assertTrue(max <= 25_000 && max > 24_900, () -> "longest delay " + max);
            assertTrue(mean > 19_900 && mean < 20_100, () -> "mean delay " + mean);
        }

        @Test
        void aFullDelayQueueDropsTheFrameAsNetemsLimitDoes() {
            FaultLink small = new FaultLink(NONE.withDelay(Micros.ofMillis(20), 0), SEED, 4, 16);
            assertEquals(6, small.send(6));
            assertEquals(List.of(
                    "tx: delayed 20ms", "tx: delayed 20ms", "tx: delayed 20ms", "tx: delayed 20ms",
                    "tx: dropped (delay queue full: 4 frames)", "tx: dropped (delay queue full: 4 frames)"), small.faults);
            small.pollAt(Micros.ofMillis(20));
            assertEquals(range(0, 4), small.atPeer.sequences());
        }

        @Test
        void framesAlreadyDelayedStillArriveWhenTheFaultsAreTurnedOff() {
            link.send(3);
            link.injector.setConfig(NONE);
            link.send(1);
            link.poll();
            assertEquals(List.of(3), link.atPeer.sequences());
            link.pollAt(Micros.ofMillis(20));
            assertEquals(List.of(3, 0, 1, 2), link.atPeer.sequences());
        }

        @Test
        void aDueFrameTheDeviceRefusesGoesAtTheNextPoll() {
            FaultLink narrow = new FaultLink(NONE.withDelay(Micros.ofMillis(20), 0), SEED, 16, 1);
            narrow.send(2);
            narrow.pollAt(Micros.ofMillis(20));
            assertEquals(List.of(0), narrow.atPeer.sequences());
            assertEquals(Micros.ofMillis(20), narrow.injector.nextDeadline(narrow.clock.now()), "due already");
            narrow.poll();
            assertEquals(range(0, 2), narrow.atPeer.sequences());
        }
    }

    @Nested
    class Reordering {
        private final FaultConfig config = NONE.withDelay(Micros.ofMillis(10), 0).withReorderPercent(25);

        @Test
        void sendsTheFramesItsSeedPicksAheadOfTheDelayedOnes() {
            FaultLink link = new FaultLink(config, SEED);
            for (int i = 0; i < 10; i++) {
                link.clock.advanceTo(Micros.ofMillis(i));
                link.send(1);
                link.poll();
            }
            assertEquals(List.of(1, 2, 7, 9), link.atPeer.sequences(), "sent at once");
            link.pollAt(Micros.ofMillis(30));
            assertEquals(List.of(1, 2, 7, 9, 0, 3, 4, 5, 6, 8), link.atPeer.sequences());
            assertEquals(List.of(
                    "tx: delayed 10ms",
                    "tx: reordered (sent ahead of 1 delayed frame)",
                    "tx: reordered (sent ahead of 1 delayed frame)",
                    "tx: delayed 10ms",
                    "tx: delayed 10ms",
                    "tx: delayed 10ms",
                    "tx: delayed 10ms",
                    "tx: reordered (sent ahead of 5 delayed frames)",
                    "tx: delayed 10ms",
                    "tx: reordered (sent ahead of 6 delayed frames)"), link.faults);
        }

        @Test
        void reordersReceivedFramesToo() {
            FaultLink link = new FaultLink(config, SEED);
            for (int i = 0; i < 10; i++) {
                link.clock.advanceTo(Micros.ofMillis(i));
                link.peerSends(1);
                link.poll();
            }
            link.pollAt(Micros.ofMillis(30));
            assertEquals(List.of(2, 4, 7, 8, 9, 0, 1, 3, 5, 6), link.atStack.sequences());
            assertEquals(5, link.count(Kind.REORDERED));
        }

        @Test
        void reordersAboutTheChosenShareOfFrames() {
            FaultLink link = new FaultLink(NONE.withDelay(100, 0).withReorderPercent(10), SEED, 1_000, 2_000);
            for (int i = 0; i < 100; i++) {
                link.send(1_000);
                link.pollAt(link.clock.now() + 100);
            }
            long reordered = link.count(Kind.REORDERED);
            assertTrue(reordered >= 9_500 && reordered <= 10_500, () -> "reordered " + reordered);
            assertEquals(100_000, link.atPeer.frames.size());
        }
    }

    @Nested
    class Duplication {
        @Test
        void sendsEachChosenFrameTwiceInARow() {
            FaultLink link = new FaultLink(NONE.withDuplicatePercent(100), SEED);
            link.send(3);
            link.poll();
            assertEquals(List.of(0, 0, 1, 1, 2, 2), link.atPeer.sequences());
            assertEquals(times(3, "tx: duplicated"), link.faults);
        }

        @Test
        void deliversEachChosenReceivedFrameTwice() {
            FaultLink link = new FaultLink(NONE.withDuplicatePercent(100), SEED);
            link.peerSends(2);
            link.poll();
            assertEquals(List.of(0, 0, 1, 1), link.atStack.sequences());
            assertEquals(times(2, "rx: duplicated"), link.faults);
        }

        @Test
        void picksExactlyTheFramesItsSeedPicks() {
            FaultLink link = new FaultLink(NONE.withDuplicatePercent(25), SEED);
            link.send(12);
            link.poll();
            assertEquals(List.of(0, 1, 1, 2, 2, 3, 4, 5, 6, 7, 7, 8, 9, 9, 10, 11, 11), link.atPeer.sequences());
        }

        @Test
        void theCopyOfADelayedFrameArrivesWithIt() {
            FaultLink link = new FaultLink(NONE.withDuplicatePercent(100).withDelay(Micros.ofMillis(10), 0), SEED);
            link.send(1);
            assertEquals(List.of("tx: delayed 10ms", "tx: duplicated"), link.faults);
            link.pollAt(9_999);
            assertEquals(List.of(), link.atPeer.sequences());
            link.pollAt(10_000);
            assertEquals(List.of(0, 0), link.atPeer.sequences());
        }

        @Test
        void duplicatesAboutTheChosenShareOfFrames() {
            FaultLink link = new FaultLink(NONE.withDuplicatePercent(10), SEED);
            for (int i = 0; i < 100; i++) {
                link.send(1_000);
                link.poll();
            }
            long duplicated = link.count(Kind.DUPLICATED);
            assertTrue(duplicated >= 9_500 && duplicated <= 10_500, () -> "duplicated " + duplicated);
            assertEquals(100_000 + duplicated, link.atPeer.frames.size());
        }
    }

    @Nested
    class Determinism {
        private final FaultConfig everything = new FaultConfig(5, 5, 1000, 15, 15, Micros.ofMillis(1),
                Micros.ofMillis(2), Micros.ofMillis(1), 10, 5);

        private FaultLink run(long seed) {
            FaultLink link = new FaultLink(everything, seed);
            for (int i = 0; i < 2_000; i++) {
                link.send(1);
                link.peerSends(1);
                link.pollAt(link.clock.now() + 50);
            }
            link.pollAt(link.clock.now() + Micros.ofMillis(10));
            return link;
        }

        @Test
        void theSameSeedGivesTheSameFaultsEveryRun() {
            FaultLink first = run(SEED);
            FaultLink second = run(SEED);
            assertEquals(first.faults, second.faults);
            assertEquals(first.atPeer.sequences(), second.atPeer.sequences());
            assertEquals(first.atStack.sequences(), second.atStack.sequences());
            for (Kind kind : Kind.values()) {
                if (kind != Kind.OVERSIZE && kind != Kind.QUEUE_FULL) {
                    assertTrue(first.count(kind) > 0, "no " + kind + " fault in the run");
                }
            }
        }

        @Test
        void anotherSeedGivesOtherFaults() {
            assertNotEquals(run(SEED).faults, run(SEED + 1).faults);
        }
    }

    @Nested
    class Reconfiguration {
        @Test
        void takesEffectFromTheNextFrame() {
            FaultLink link = new FaultLink(NONE.withDropPercent(100), SEED);
            link.send(2);
            link.injector.setConfig(NONE);
            link.send(2);
            link.poll();
            assertEquals(List.of(2, 3), link.atPeer.sequences());
            assertEquals(NONE, link.injector.config());
        }

        @Test
        void aChangedRateLimitStartsWithAFullBucket() {
            FaultLink link = new FaultLink(NONE.withTxRateLimit(2), SEED);
            assertEquals(2, link.send(3));
            link.injector.setConfig(NONE.withTxRateLimit(2).withDropPercent(0.5));
            assertEquals(0, link.send(1), "the same limit keeps its count");
            link.injector.setConfig(NONE.withTxRateLimit(3));
            assertEquals(3, link.send(4));
        }

        @Test
        void refusesNoConfigurationAndNoListener() {
            FaultInjector injector = new FaultInjector(new Loopback(), NONE, SEED);
            assertThrows(IllegalArgumentException.class, () -> injector.setConfig(null));
            assertThrows(IllegalArgumentException.class, () -> injector.setListener(null));
        }
    }

    /** Also with a filtered scope, where a sent frame goes through the scratch buffer for the filter to read. */
    @org.junit.jupiter.params.ParameterizedTest(name = "filtered scope: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void allocatesNothingPerFrame(boolean filtered) {
        VirtualWire wire = new VirtualWire(1500, 0, 128);
        FaultInjector injector = new FaultInjector(wire.a(), new FaultConfig(5, 5, 1000, 15, 15, Micros.ofMillis(1),
                Micros.ofMillis(1), 500, 10, 5), SEED);
        if (filtered) {
            injector.setScope(new FaultScope(true, true, (frame, offset, length) -> TestFrames.sequence(frame, offset) % 3 != 0));
        }
        long[] faults = {0};
        injector.setListener(event -> faults[0]++);
        Numbered small = new Numbered(TestFrames.MIN_LEN);
        Numbered large = new Numbered(1514);
        Numbered fromPeer = new Numbered(TestFrames.MIN_LEN);
        Counter atStack = new Counter();
        Counter atPeer = new Counter();
        long[] now = {0};
        int frames = 100_000;
        AllocationMeter.assertNoAllocationPerFrame(frames, () -> {
            for (int i = 0; i < frames; i++) {
                long at = now[0] += 50;
                (i % 16 == 0 ? large : small).sendThrough(injector, at);
                fromPeer.sendThrough(wire.b(), at);
                while (injector.receive(at, atStack)) {
                    // the stack takes every frame
                }
                while (wire.b().receive(at, atPeer)) {
                    // and so does the peer
                }
            }
        });
        assertTrue(faults[0] > frames / 10, "faults were injected: " + faults[0]);
        assertTrue(atStack.frames > frames && atPeer.frames > frames, "frames got through");
    }
}

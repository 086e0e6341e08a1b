package dev.jnetlab.stack.storage;

import dev.jnetlab.testing.AllocationMeter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AssemblerTest {

    /** An assembler after adding each {@code offset+length} of a space-separated list. */
    private static Assembler after(int maxRanges, String adds) {
        Assembler assembler = new Assembler(maxRanges);
        for (String add : adds.trim().split(" +")) {
            if (!add.isEmpty()) {
                String[] parts = add.split("\\+");
                assertTrue(assembler.add(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])), "setup add " + add);
            }
        }
        return assembler;
    }

    /** SACK blocks the way a TCP sender would build them: the {@code n} most recent ranges. */
    private static String mostRecent(Assembler assembler, int n) {
        StringBuilder blocks = new StringBuilder();
        for (int rank = 0; rank < Math.min(n, assembler.rangeCount()); rank++) {
            int index = assembler.rangeByRecency(rank);
            blocks.append('[').append(assembler.rangeStart(index)).append(' ').append(assembler.rangeEnd(index)).append(']');
        }
        return blocks.toString();
    }

    @Nested
    class Construction {
        @Test
        void startsEmpty() {
            Assembler assembler = new Assembler(4);
            assertTrue(assembler.isEmpty());
            assertEquals(0, assembler.rangeCount());
            assertEquals(0, assembler.frontLength());
            assertEquals(4, assembler.maxRanges());
            assertEquals("[]", assembler.toString());
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, Integer.MAX_VALUE})
        void rejectsABoundItCannotKeep(int maxRanges) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Assembler(maxRanges));
            assertEquals("maxRanges must be in [0, 2147483646]: " + maxRanges, e.getMessage());
        }
    }

    @Nested
    class Adding {
        @ParameterizedTest(name = "{0} then {1} gives {2}")
        @CsvSource(delimiter = '|', value = {
            "                | 0+5   | [0 5]",
            "                | 10+10 | [10 20]",
            "10+10           | 0+5   | [0 5][10 20]",
            "0+5 10+10       | 5+5   | [0 20]",
            "10+10           | 20+5  | [10 25]",
            "10+10           | 5+5   | [5 20]",
            "10+10           | 15+10 | [10 25]",
            "10+10           | 5+8   | [5 20]",
            "10+10           | 12+3  | [10 20]",
            "10+10           | 5+20  | [5 25]",
            "10+2 20+2 30+2  | 11+20 | [10 32]",
            "10+2 20+2 30+2  | 9+30  | [9 39]",
            "10+2 20+2 30+2  | 15+2  | [10 12][15 17][20 22][30 32]",
            "10+2 30+2       | 21+2  | [10 12][21 23][30 32]",
            "10+2 30+2       | 40+2  | [10 12][30 32][40 42]",
            "10+10           | 30+0  | [10 20]",
            "10+10           | 15+0  | [10 20]",
        })
        void mergesWhatOverlapsOrTouches(String before, String add, String expected) {
            Assembler assembler = after(8, before == null ? "" : before);
            String[] parts = add.split("\\+");
            assertTrue(assembler.add(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
            assertEquals(expected, assembler.toString());
        }

        @Test
        void exposesTheRangesInOffsetOrder() {
            Assembler assembler = after(8, "30+5 10+5");
            assertEquals(2, assembler.rangeCount());
            assertEquals(10, assembler.rangeStart(0));
            assertEquals(15, assembler.rangeEnd(0));
            assertEquals(30, assembler.rangeStart(1));
            assertEquals(35, assembler.rangeEnd(1));
            assertFalse(assembler.isEmpty());
        }

        @Test
        void clearForgetsEverything() {
            Assembler assembler = after(8, "0+5 30+5 10+5");
            assembler.clear();
            assertTrue(assembler.isEmpty());
            assertEquals("[]", assembler.toString());
            assertTrue(assembler.add(3, 1));
            assertEquals("[3 4]", assembler.toString());
        }
    }

    /** A receiver may drop out-of-order data (RFC 9293 §3.10.7.4): it does when the bound is reached. */
    @Nested
    class Bound {
        @ParameterizedTest(name = "bound {0}")
        @ValueSource(ints = {0, 1, 2, 4, 8})
        void refusesOneRangeMoreThanTheBound(int maxRanges) {
            Assembler assembler = new Assembler(maxRanges);
            for (int i = 0; i < maxRanges; i++) {
                assertTrue(assembler.add(10 * (i + 1), 2));
            }
            String full = assembler.toString();
            assertFalse(assembler.add(10 * (maxRanges + 1), 2), "a range beyond the last");
            assertFalse(assembler.add(5, 2), "a range before the first");
            assertEquals(full, assembler.toString(), "a refused add changes nothing");
        }

        @Test
        void stillAcceptsDataThatNeedsNoNewRange() {
            Assembler assembler = after(2, "10+1 20+1");
            assertTrue(assembler.add(11, 5));
            assertEquals("[10 16][20 21]", assembler.toString());
            assertTrue(assembler.add(16, 4));
            assertEquals("[10 21]", assembler.toString());
            assertTrue(assembler.add(30, 1), "bridging freed a range");
        }

        @Test
        void neverRefusesDataAtOffsetZero() {
            Assembler assembler = after(2, "10+1 20+1");
            assertTrue(assembler.add(0, 3));
            assertEquals("[0 3][10 11][20 21]", assembler.toString());
            assertFalse(assembler.add(5, 1), "the range at offset 0 does not count, but the bound still holds");
            assertEquals(3, assembler.removeFront());
            assertEquals("[7 8][17 18]", assembler.toString());
        }

        @Test
        void aZeroBoundAcceptsOnlyInOrderData() {
            Assembler assembler = new Assembler(0);
            assertFalse(assembler.add(5, 1));
            assertTrue(assembler.add(0, 5));
            assertTrue(assembler.add(5, 5));
            assertTrue(assembler.add(2, 3));
            assertFalse(assembler.add(11, 1));
            assertEquals(10, assembler.removeFront());
            assertTrue(assembler.isEmpty());
        }
    }

    @Nested
    class RemovingTheFront {
        @Test
        void givesNothingWhileOffsetZeroIsMissing() {
            Assembler assembler = after(4, "1+5");
            assertEquals(0, assembler.frontLength());
            assertEquals(0, assembler.removeFront());
            assertEquals("[1 6]", assembler.toString());
        }

        @Test
        void givesTheInOrderOctetsAndShiftsTheRest() {
            Assembler assembler = after(4, "0+5 10+10 25+5");
            assertEquals(5, assembler.frontLength());
            assertEquals(5, assembler.removeFront());
            assertEquals("[5 15][20 25]", assembler.toString());
            assertEquals(0, assembler.frontLength());
        }

        @Test
        void followsATcpReceiverFillingTheHoles() {
            // RCV.NXT = 0. Segments of 10 arrive as 2, 1, 0, 3 (offsets relative to RCV.NXT).
            Assembler assembler = new Assembler(4);
            int rcvNxt = 0;
            assertTrue(assembler.add(20 - rcvNxt, 10));
            rcvNxt += assembler.removeFront();
            assertTrue(assembler.add(10 - rcvNxt, 10));
            rcvNxt += assembler.removeFront();
            assertEquals(0, rcvNxt);
            assertTrue(assembler.add(0 - rcvNxt, 10));
            rcvNxt += assembler.removeFront();
            assertEquals(30, rcvNxt);
            assertTrue(assembler.isEmpty());
            assertTrue(assembler.add(30 - rcvNxt, 10));
            rcvNxt += assembler.removeFront();
            assertEquals(40, rcvNxt);
        }
    }

    /** RFC 2018 §4: the first SACK block holds the newest segment, then the most recently reported ones. */
    @Nested
    class Recency {
        @Test
        void ranksRangesByTheirLastUpdate() {
            Assembler assembler = after(8, "30+5 10+5 20+5");
            assertEquals(1, assembler.rangeByRecency(0));
            assertEquals(0, assembler.rangeByRecency(1));
            assertEquals(2, assembler.rangeByRecency(2));
            assertEquals("[20 25][10 15][30 35]", mostRecent(assembler, 4));
        }

        @Test
        void aDuplicateSegmentMakesItsRangeTheNewest() {
            Assembler assembler = after(8, "30+5 10+5 20+5");
            assertTrue(assembler.add(31, 1));
            assertEquals("[30 35][20 25][10 15]", mostRecent(assembler, 4));
        }

        @Test
        void aMergedRangeIsTheNewest() {
            Assembler assembler = after(8, "30+5 10+5 20+5 40+5");
            assertTrue(assembler.add(15, 5));
            assertEquals("[10 25][40 45][30 35]", mostRecent(assembler, 4));
        }

        @Test
        void onlyAsManyBlocksAsFitAreTaken() {
            Assembler assembler = after(8, "10+1 20+1 30+1 40+1 50+1");
            assertEquals("[50 51][40 41][30 31]", mostRecent(assembler, 3));
        }

        @Test
        void survivesRemovingTheFrontAndRefusals() {
            Assembler assembler = after(3, "30+5 10+5 20+5");
            assertFalse(assembler.add(50, 5));
            assertTrue(assembler.add(0, 5));
            assertEquals(5, assembler.removeFront());
            assertEquals("[15 20][5 10][25 30]", mostRecent(assembler, 4));
        }

        @Test
        void ranksOutsideTheRangesAreRejected() {
            Assembler assembler = after(8, "10+5");
            assertThrows(IndexOutOfBoundsException.class, () -> assembler.rangeByRecency(1));
            assertThrows(IndexOutOfBoundsException.class, () -> assembler.rangeByRecency(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> new Assembler(1).rangeByRecency(0));
        }
    }

    /** Fragment offsets reach 8191 * 8 = 65,528, and a (bad) last fragment can run past 65,535 (RFC 791). */
    @Nested
    class Ipv4Reassembly {
        @Test
        void fragmentsInReverseOrderCompleteTheDatagram() {
            Assembler assembler = new Assembler(2);
            int total = 45 * 1_480; // 66,600: the last fragment starts at 65,120 and ends past 65,535
            for (int offset = total - 1_480; offset >= 0; offset -= 1_480) {
                assertTrue(assembler.add(offset, 1_480), "fragment at " + offset);
                assertEquals(offset == 0 ? total : 0, assembler.frontLength());
            }
            assertEquals(total, assembler.frontLength());
            assertEquals(1, assembler.rangeCount());
        }

        @Test
        void aMissingFragmentLeavesAHole() {
            Assembler assembler = new Assembler(4);
            assembler.add(0, 1_480);
            assembler.add(2_960, 1_480);
            assembler.add(4_440, 100);
            assertEquals(1_480, assembler.frontLength());
            assertEquals("[0 1480][2960 4540]", assembler.toString());
        }
    }

    @Nested
    class ArgumentValidation {
        private final Assembler assembler = new Assembler(4);

        @ParameterizedTest(name = "offset {0}, length {1}")
        @CsvSource({"-1, 5", "5, -1", "2147483647, 1", "1, 2147483647"})
        void rejectsWhatIsNotARangeOfOffsets(int offset, int length) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> assembler.add(offset, length));
            assertEquals("not a range of offsets: offset " + offset + ", length " + length, e.getMessage());
            assertTrue(assembler.isEmpty());
        }

        @Test
        void acceptsTheLargestRange() {
            assertTrue(assembler.add(0, Integer.MAX_VALUE));
            assertEquals(Integer.MAX_VALUE, assembler.removeFront());
        }

        @Test
        void rejectsIndexesOutsideTheRanges() {
            assembler.add(3, 4);
            assertThrows(IndexOutOfBoundsException.class, () -> assembler.rangeStart(1));
            assertThrows(IndexOutOfBoundsException.class, () -> assembler.rangeEnd(-1));
        }
    }

    /**
     * 100,000 random operations per bound against a model that keeps one boolean per offset:
     * ranges are its runs of {@code true}, a segment is refused when it would leave more runs
     * beyond offset 0 than the bound, and a run's recency is that of the newest segment in it.
     */
    @Nested
    class AgainstAReferenceModel {
        private static final int SPACE = 400;

        private record Segment(int start, int end, long stamp) {
        }

        private final class Model {
            final int maxRanges;
            boolean[] have = new boolean[SPACE];
            final List<Segment> segments = new ArrayList<>();
            long clock;

            Model(int maxRanges) {
                this.maxRanges = maxRanges;
            }

            boolean add(int offset, int length) {
                boolean[] next = have.clone();
                Arrays.fill(next, offset, offset + length, true);
                if (runs(next).stream().filter(run -> run[0] != 0).count() > maxRanges) {
                    return false;
                }
                have = next;
                if (length > 0) {
                    segments.add(new Segment(offset, offset + length, ++clock));
                }
                return true;
            }

            int removeFront() {
                List<int[]> runs = runs(have);
                if (runs.isEmpty() || runs.get(0)[0] != 0) {
                    return 0;
                }
                int removed = runs.get(0)[1];
                boolean[] next = new boolean[SPACE];
                System.arraycopy(have, removed, next, 0, SPACE - removed);
                have = next;
                List<Segment> kept = new ArrayList<>();
                for (Segment segment : segments) {
                    if (segment.end() > removed) {
                        kept.add(new Segment(segment.start() - removed, segment.end() - removed, segment.stamp()));
                    }
                }
                segments.clear();
                segments.addAll(kept);
                return removed;
            }

            void clear() {
                have = new boolean[SPACE];
                segments.clear();
            }

            /** Offset-order indexes of the runs, newest first. */
            int[] byRecency() {
                List<int[]> runs = runs(have);
                long[] recency = new long[runs.size()];
                for (Segment segment : segments) {
                    for (int i = 0; i < runs.size(); i++) {
                        if (runs.get(i)[0] <= segment.start() && segment.end() <= runs.get(i)[1]) {
                            recency[i] = Math.max(recency[i], segment.stamp());
                        }
                    }
                }
                return IntStream.range(0, runs.size()).boxed()
                        .sorted(Comparator.comparingLong((Integer i) -> recency[i]).reversed())
                        .mapToInt(Integer::intValue).toArray();
            }

            String ranges() {
                StringBuilder out = new StringBuilder();
                for (int[] run : runs(have)) {
                    out.append('[').append(run[0]).append(' ').append(run[1]).append(']');
                }
                return out.length() == 0 ? "[]" : out.toString();
            }
        }

        /** The runs of {@code true} as {start, end} pairs. */
        private List<int[]> runs(boolean[] bits) {
            List<int[]> runs = new ArrayList<>();
            for (int i = 0; i < bits.length; i++) {
                if (bits[i] && (i == 0 || !bits[i - 1])) {
                    int end = i;
                    while (end < bits.length && bits[end]) {
                        end++;
                    }
                    runs.add(new int[] {i, end});
                }
            }
            return runs;
        }

        @ParameterizedTest(name = "bound {0}")
        @ValueSource(ints = {0, 1, 2, 4, 8, 64})
        void behavesLikeTheModel(int maxRanges) {
            SplittableRandom random = new SplittableRandom(0xA55EL + maxRanges);
            Assembler assembler = new Assembler(maxRanges);
            Model model = new Model(maxRanges);
            int accepted = 0;
            int refused = 0;
            for (int step = 0; step < 100_000; step++) {
                int op = random.nextInt(100);
                if (op < 80) {
                    int offset = random.nextInt(4) == 0 ? random.nextInt(8) : random.nextInt(300);
                    int length = random.nextInt(40);
                    boolean expected = model.add(offset, length);
                    assertEquals(expected, assembler.add(offset, length), "add " + offset + "+" + length + " at step " + step);
                    if (expected) {
                        accepted++;
                    } else {
                        refused++;
                    }
                } else if (op < 99 || random.nextInt(20) != 0) {
                    assertEquals(model.removeFront(), assembler.removeFront(), "removeFront at step " + step);
                } else {
                    model.clear();
                    assembler.clear();
                }
                String ranges = model.ranges();
                assertEquals(ranges, assembler.toString(), "ranges at step " + step);
                assertEquals(ranges.equals("[]"), assembler.isEmpty());
                assertEquals(ranges.startsWith("[0 ") ? runs(model.have).get(0)[1] : 0, assembler.frontLength());
                int[] order = model.byRecency();
                int[] actual = new int[assembler.rangeCount()];
                for (int rank = 0; rank < actual.length; rank++) {
                    actual[rank] = assembler.rangeByRecency(rank);
                }
                assertArrayEquals(order, actual, "recency at step " + step);
            }
            assertTrue(accepted > 1000, "only " + accepted + " accepted");
            assertTrue(refused > 0 || maxRanges == 64, "the bound was never reached");
        }
    }

    @Test
    void allocatesNothingInSteadyState() {
        Assembler assembler = new Assembler(8);
        SplittableRandom random = new SplittableRandom(3);
        long[] sink = new long[1];
        Runnable reorderedSegments = () -> {
            for (int i = 0; i < 100_000; i++) {
                int offset = random.nextInt(4) == 0 ? 0 : random.nextInt(64 * 1024);
                if (assembler.add(offset, 1 + random.nextInt(1460))) {
                    sink[0]++;
                }
                sink[0] += assembler.removeFront();
                if (!assembler.isEmpty()) {
                    int newest = assembler.rangeByRecency(0);
                    sink[0] += assembler.rangeStart(newest) + assembler.rangeEnd(newest) + assembler.frontLength();
                }
            }
        };
        reorderedSegments.run(); // warm-up: every class loaded, the loop compiled
        long bytes = AllocationMeter.minimumBytesAllocatedBy(reorderedSegments, 3);
        assertTrue(bytes < AllocationMeter.TINY, () -> bytes + " bytes allocated by 100k segments");
        assertNotEquals(0, sink[0]);
    }
}

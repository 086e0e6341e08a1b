package dev.jnetlab.stack.storage;

import dev.jnetlab.testing.AllocationMeter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RingBufferTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.US_ASCII);
    }

    /** Dequeues everything and returns it as text. */
    private static String drain(RingBuffer ring) {
        byte[] out = new byte[ring.length()];
        int n = ring.dequeue(out, 0, out.length);
        return ascii(out, 0, n);
    }

    @Nested
    class Construction {
        @ParameterizedTest
        @ValueSource(ints = {0, 1, 7, 10, 1000})
        void startsEmptyWithTheWholeCapacityFree(int capacity) {
            RingBuffer ring = new RingBuffer(capacity);
            assertEquals(capacity, ring.capacity());
            assertEquals(0, ring.length());
            assertEquals(capacity, ring.window());
            assertTrue(ring.isEmpty());
            assertEquals(capacity == 0, ring.isFull());
            assertEquals(capacity, ring.array().length);
        }

        @Test
        void rejectsANegativeCapacity() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RingBuffer(-1));
            assertEquals("capacity must not be negative: -1", e.getMessage());
        }
    }

    @Nested
    class WithZeroCapacity {
        private final RingBuffer ring = new RingBuffer(0);
        private final byte[] data = ascii("abc");

        @Test
        void movesNothingAndNeverFails() {
            assertEquals(0, ring.enqueue(data, 0, 3));
            assertEquals(0, ring.writeUnallocated(0, data, 0, 3));
            ring.enqueueUnallocated(0);
            assertEquals(0, ring.peek(0, data, 0, 3));
            assertEquals(0, ring.dequeue(data, 0, 3));
            assertEquals(0, ring.discard(3));
            assertEquals(0, ring.readIndex());
            assertEquals(0, ring.writeIndex());
            assertEquals(0, ring.contiguousReadable());
            assertEquals(0, ring.contiguousWritable());
            assertTrue(ring.isEmpty());
            assertTrue(ring.isFull());
            assertArrayEquals(ascii("abc"), data);
        }
    }

    @Nested
    class EnqueueAndDequeue {
        @Test
        void enqueueTakesWhatFitsAndSaysHowMuch() {
            RingBuffer ring = new RingBuffer(5);
            assertEquals(3, ring.enqueue(ascii("abc"), 0, 3));
            assertEquals(2, ring.enqueue(ascii("defg"), 0, 4));
            assertEquals(0, ring.enqueue(ascii("h"), 0, 1));
            assertTrue(ring.isFull());
            assertEquals(0, ring.window());
            assertEquals("abcde", drain(ring));
        }

        @Test
        void enqueueCopiesFromTheGivenRangeOnly() {
            RingBuffer ring = new RingBuffer(8);
            assertEquals(3, ring.enqueue(ascii("xxABCxx"), 2, 3));
            assertEquals("ABC", drain(ring));
        }

        @Test
        void dequeueGivesWhatIsThereIntoTheGivenRange() {
            RingBuffer ring = new RingBuffer(8);
            ring.enqueue(ascii("abc"), 0, 3);
            byte[] out = ascii("........");
            assertEquals(2, ring.dequeue(out, 1, 2));
            assertEquals(".ab.....", ascii(out, 0, 8));
            assertEquals(1, ring.dequeue(out, 4, 4));
            assertEquals(".ab.c...", ascii(out, 0, 8));
            assertEquals(0, ring.dequeue(out, 0, 8));
            assertTrue(ring.isEmpty());
        }

        /** Pushes a counting stream through in uneven chunks so that every capacity wraps many times. */
        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {1, 2, 3, 7, 10, 64, 1000})
        void keepsOrderAcrossTheEndOfTheArray(int capacity) {
            RingBuffer ring = new RingBuffer(capacity);
            byte[] chunk = new byte[capacity];
            byte[] out = new byte[capacity];
            int nextIn = 0;
            int nextOut = 0;
            for (int round = 0; round < 50; round++) {
                int want = 1 + (round * 7) % capacity;
                for (int i = 0; i < want; i++) {
                    chunk[i] = (byte) (nextIn + i);
                }
                nextIn += ring.enqueue(chunk, 0, want);
                int got = ring.dequeue(out, 0, 1 + (round * 5) % capacity);
                for (int i = 0; i < got; i++) {
                    assertEquals((byte) nextOut++, out[i]);
                }
                assertEquals(nextIn - nextOut, ring.length());
            }
            assertTrue(nextOut > 3 * capacity, "the test should have wrapped several times");
        }
    }

    @Nested
    class Peek {
        private final RingBuffer ring = new RingBuffer(8);
        private final byte[] out = new byte[8];

        Peek() {
            // Move the head to index 5 so that the queued "abcdef" wraps: "de" ends up at 0..1.
            ring.enqueue(ascii("xxxxx"), 0, 5);
            ring.discard(5);
            ring.enqueue(ascii("abcdef"), 0, 6);
        }

        @Test
        void readsAtAnOffsetFromTheHeadWithoutConsuming() {
            assertEquals(3, ring.peek(2, out, 0, 3));
            assertEquals("cde", ascii(out, 0, 3));
            assertEquals(6, ring.length());
            assertEquals(2, ring.peek(2, out, 0, 2));
            assertEquals("cd", ascii(out, 0, 2));
        }

        @Test
        void readsAcrossTheEndOfTheArray() {
            assertEquals(6, ring.peek(0, out, 1, 6));
            assertEquals("abcdef", ascii(out, 1, 6));
        }

        @Test
        void givesOnlyWhatIsQueuedPastTheOffset() {
            assertEquals(2, ring.peek(4, out, 0, 8));
            assertEquals("ef", ascii(out, 0, 2));
            assertEquals(0, ring.peek(6, out, 0, 8));
            assertEquals(0, ring.peek(100, out, 0, 8));
        }

        @Test
        void rejectsANegativeOffset() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ring.peek(-1, out, 0, 1));
            assertEquals("offset from the head must not be negative: -1", e.getMessage());
        }
    }

    @Nested
    class Discard {
        @Test
        void dropsFromTheHeadAndSaysHowMuch() {
            RingBuffer ring = new RingBuffer(8);
            ring.enqueue(ascii("abcdef"), 0, 6);
            assertEquals(2, ring.discard(2));
            assertEquals(0, ring.discard(0));
            assertEquals("cdef", drain(ring));
        }

        @Test
        void saturatesAtTheQueuedLength() {
            RingBuffer ring = new RingBuffer(8);
            ring.enqueue(ascii("abc"), 0, 3);
            assertEquals(3, ring.discard(10));
            assertTrue(ring.isEmpty());
            assertEquals(8, ring.window());
        }

        @Test
        void rejectsANegativeCount() {
            RingBuffer ring = new RingBuffer(8);
            assertThrows(IllegalArgumentException.class, () -> ring.discard(-1));
        }
    }

    /** The TCP receive path: segments land at their place past RCV.NXT and are committed in order. */
    @Nested
    class OutOfOrderWrites {
        private final RingBuffer ring = new RingBuffer(10);

        @Test
        void aLaterSegmentWaitsUntilTheGapIsFilled() {
            assertEquals(4, ring.writeUnallocated(4, ascii("EFGH"), 0, 4));
            assertTrue(ring.isEmpty(), "written past the write position is not queued");
            assertEquals(4, ring.writeUnallocated(0, ascii("ABCD"), 0, 4));
            ring.enqueueUnallocated(8);
            assertEquals("ABCDEFGH", drain(ring));
        }

        @Test
        void writtenDataSurvivesReadsAtTheHead() {
            ring.enqueue(ascii("0123456"), 0, 7);
            assertEquals(2, ring.writeUnallocated(1, ascii("BC"), 0, 2));
            // Reading from the head frees room after the pending octets, which stay in place.
            assertEquals("0123456", drain(ring));
            assertEquals(3, ring.writeUnallocated(3, ascii("DEF"), 0, 3));
            ring.writeUnallocated(0, ascii("A"), 0, 1);
            ring.enqueueUnallocated(6);
            assertEquals("ABCDEF", drain(ring), "the run wraps past the end of the array");
        }

        @Test
        void enqueueOverwritesTheOffsetsItFills() {
            ring.writeUnallocated(0, ascii("abcd"), 0, 4);
            ring.enqueue(ascii("XY"), 0, 2);
            ring.enqueueUnallocated(2);
            assertEquals("XYcd", drain(ring), "offsets shift with the write position");
        }

        @Test
        void writesOnlyInsideTheWindow() {
            ring.enqueue(ascii("123456"), 0, 6);
            assertEquals(2, ring.writeUnallocated(2, ascii("abcd"), 0, 4));
            assertEquals(0, ring.writeUnallocated(4, ascii("abcd"), 0, 4));
            assertEquals(0, ring.writeUnallocated(99, ascii("abcd"), 0, 4));
        }

        @Test
        void committingMoreThanTheWindowIsABug() {
            ring.enqueue(ascii("123456"), 0, 6);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ring.enqueueUnallocated(5));
            assertEquals("cannot queue 5 unallocated octets: the window is 4", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ring.enqueueUnallocated(-1));
            assertEquals(6, ring.length());
        }

        @Test
        void rejectsANegativeOffset() {
            assertThrows(IllegalArgumentException.class, () -> ring.writeUnallocated(-1, ascii("a"), 0, 1));
        }

        @Test
        void clearEmptiesTheQueue() {
            ring.enqueue(ascii("abc"), 0, 3);
            ring.clear();
            assertTrue(ring.isEmpty());
            assertEquals(10, ring.window());
            assertEquals(0, ring.readIndex());
        }
    }

    /** Direct access to the backing array, for copies between a frame and the ring. */
    @Nested
    class ContiguousRegions {
        private final RingBuffer ring = new RingBuffer(8);

        @Test
        void aWrappedQueueIsReadInTwoRuns() {
            ring.enqueue(ascii("xxxxxx"), 0, 6);
            ring.discard(6);
            ring.enqueue(ascii("abcde"), 0, 5);
            assertEquals(6, ring.readIndex());
            assertEquals(2, ring.contiguousReadable());
            assertEquals("ab", ascii(ring.array(), ring.readIndex(), ring.contiguousReadable()));
            ring.discard(2);
            assertEquals(0, ring.readIndex());
            assertEquals(3, ring.contiguousReadable());
            assertEquals("cde", ascii(ring.array(), ring.readIndex(), ring.contiguousReadable()));
        }

        @Test
        void freeSpaceIsWrittenInPlaceAndCommitted() {
            ring.enqueue(ascii("xxxxxx"), 0, 6);
            ring.discard(4);
            assertEquals(6, ring.writeIndex());
            assertEquals(2, ring.contiguousWritable(), "the free space wraps: 2 at the end, 4 at the start");
            System.arraycopy(ascii("ab"), 0, ring.array(), ring.writeIndex(), 2);
            ring.enqueueUnallocated(2);
            assertEquals(0, ring.writeIndex());
            assertEquals(4, ring.contiguousWritable());
            assertEquals("xxab", drain(ring));
        }

        @Test
        void aFullOrEmptyRingHasNoRunOfThatKind() {
            assertEquals(0, ring.contiguousReadable());
            assertEquals(8, ring.contiguousWritable());
            ring.enqueue(ascii("12345678"), 0, 8);
            assertEquals(8, ring.contiguousReadable());
            assertEquals(0, ring.contiguousWritable());
        }
    }

    @Nested
    class ArgumentValidation {
        private final RingBuffer ring = new RingBuffer(8);
        private final byte[] small = new byte[4];

        @Test
        void rangesOutsideTheCallersArrayAreRejectedBeforeAnythingChanges() {
            ring.enqueue(ascii("abc"), 0, 3);
            assertThrows(IndexOutOfBoundsException.class, () -> ring.enqueue(small, 2, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> ring.enqueue(small, -1, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> ring.enqueue(small, 0, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> ring.dequeue(small, 3, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> ring.peek(0, small, 0, 5));
            assertThrows(IndexOutOfBoundsException.class, () -> ring.writeUnallocated(0, small, 4, 1));
            assertEquals("abc", drain(ring));
        }

        @Test
        void aRangeIsCheckedEvenWhenNothingWouldBeCopied() {
            RingBuffer full = new RingBuffer(0);
            assertThrows(IndexOutOfBoundsException.class, () -> full.enqueue(small, 3, 2));
        }
    }

    /**
     * 100,000 random operations on each capacity, compared after every one with a plain list
     * model: queued octets in a list, octets written past the write position in a map keyed by
     * their absolute stream position.
     */
    @Nested
    class AgainstAReferenceModel {
        private static final int UNSPECIFIED = -1;

        private final class Model {
            final int capacity;
            /** Queued octets; UNSPECIFIED where committed without ever having been written. */
            final List<Integer> queued = new ArrayList<>();
            final Map<Long, Byte> pending = new HashMap<>();
            /** Absolute stream position of the write position. */
            long written;

            Model(int capacity) {
                this.capacity = capacity;
            }

            int window() {
                return capacity - queued.size();
            }

            int enqueue(byte[] src, int offset, int count) {
                int n = Math.min(count, window());
                for (int i = 0; i < n; i++) {
                    queued.add(src[offset + i] & 0xFF);
                    pending.remove(written + i);
                }
                written += n;
                return n;
            }

            int writeUnallocated(int offset, byte[] src, int srcOffset, int count) {
                if (offset >= window()) {
                    return 0;
                }
                int n = Math.min(count, window() - offset);
                for (int i = 0; i < n; i++) {
                    pending.put(written + offset + i, src[srcOffset + i]);
                }
                return n;
            }

            void enqueueUnallocated(int count) {
                for (int i = 0; i < count; i++) {
                    Byte octet = pending.remove(written + i);
                    queued.add(octet == null ? UNSPECIFIED : octet & 0xFF);
                }
                written += count;
            }

            int discard(int count) {
                int n = Math.min(count, queued.size());
                queued.subList(0, n).clear();
                return n;
            }

            void clear() {
                queued.clear();
                pending.clear();
            }

            /** Asserts that {@code actual[from .. from + n)} holds queued octets {@code offset ..}. */
            void assertQueued(int offset, byte[] actual, int from, int n, int step) {
                for (int i = 0; i < n; i++) {
                    int expected = queued.get(offset + i);
                    if (expected != UNSPECIFIED) {
                        assertEquals(expected, actual[from + i] & 0xFF, "octet " + (offset + i) + " at step " + step);
                    }
                }
            }
        }

        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {0, 1, 2, 7, 64, 1000})
        void behavesLikeTheModel(int capacity) {
            SplittableRandom random = new SplittableRandom(0x5EEDL + capacity);
            RingBuffer ring = new RingBuffer(capacity);
            Model model = new Model(capacity);
            byte[] scratch = new byte[capacity + 16];
            byte[] out = new byte[capacity + 16];
            for (int step = 0; step < 100_000; step++) {
                random.nextBytes(scratch);
                int count = random.nextInt(capacity + 4);
                int at = random.nextInt(scratch.length - count + 1);
                int offset = random.nextInt(capacity + 3);
                switch (random.nextInt(10)) {
                    case 0, 1 -> assertEquals(model.enqueue(scratch, at, count), ring.enqueue(scratch, at, count));
                    case 2 -> {
                        int n = ring.dequeue(out, at, count);
                        assertEquals(Math.min(count, model.queued.size()), n);
                        model.assertQueued(0, out, at, n, step);
                        model.discard(n);
                    }
                    case 3 -> {
                        int n = ring.peek(offset, out, at, count);
                        assertEquals(Math.max(0, Math.min(count, model.queued.size() - offset)), n);
                        model.assertQueued(offset, out, at, n, step);
                    }
                    case 4 -> assertEquals(model.discard(count), ring.discard(count));
                    case 5, 6 -> assertEquals(model.writeUnallocated(offset, scratch, at, count),
                            ring.writeUnallocated(offset, scratch, at, count));
                    case 7 -> {
                        int n = random.nextInt(ring.window() + 1);
                        ring.enqueueUnallocated(n);
                        model.enqueueUnallocated(n);
                    }
                    case 8 -> {
                        int n = random.nextInt(ring.contiguousReadable() + 1);
                        model.assertQueued(0, ring.array(), ring.readIndex(), n, step);
                        assertEquals(n, ring.discard(n));
                        model.discard(n);
                    }
                    default -> {
                        if (random.nextInt(100) == 0) {
                            ring.clear();
                            model.clear();
                        } else {
                            int n = random.nextInt(ring.contiguousWritable() + 1);
                            System.arraycopy(scratch, 0, ring.array(), ring.writeIndex(), n);
                            model.writeUnallocated(0, scratch, 0, n);
                            ring.enqueueUnallocated(n);
                            model.enqueueUnallocated(n);
                        }
                    }
                }
                assertSameState(model, ring, out, step);
            }
        }

        private void assertSameState(Model model, RingBuffer ring, byte[] out, int step) {
            int length = model.queued.size();
            assertEquals(length, ring.length(), "length at step " + step);
            assertEquals(model.window(), ring.window(), "window at step " + step);
            assertEquals(length == 0, ring.isEmpty());
            assertEquals(length == model.capacity, ring.isFull());
            assertTrue(ring.contiguousReadable() <= length && (length == 0) == (ring.contiguousReadable() == 0),
                    "readable run at step " + step);
            assertTrue(ring.contiguousWritable() <= ring.window() && (ring.window() == 0) == (ring.contiguousWritable() == 0),
                    "writable run at step " + step);
            Arrays.fill(out, (byte) 0);
            assertEquals(length, ring.peek(0, out, 0, length));
            model.assertQueued(0, out, 0, length, step);
        }
    }

    @Test
    void allocatesNothingInSteadyState() {
        RingBuffer ring = new RingBuffer(4096 + 7);
        byte[] frame = new byte[1514];
        SplittableRandom random = new SplittableRandom(7);
        long[] sink = new long[1];
        Runnable traffic = () -> {
            for (int i = 0; i < 100_000; i++) {
                sink[0] += ring.enqueue(frame, 54, random.nextInt(1460));
                sink[0] += ring.peek(random.nextInt(2000), frame, 54, random.nextInt(1460));
                sink[0] += ring.writeUnallocated(random.nextInt(100), frame, 54, 100);
                ring.enqueueUnallocated(Math.min(ring.window(), random.nextInt(50)));
                sink[0] += ring.discard(random.nextInt(700));
                sink[0] += ring.dequeue(frame, 54, random.nextInt(800));
                sink[0] += ring.contiguousReadable() + ring.contiguousWritable() + ring.readIndex() + ring.writeIndex();
            }
        };
        traffic.run(); // warm-up: every class loaded, the loop compiled
        long bytes = AllocationMeter.minimumBytesAllocatedBy(traffic, 3);
        assertTrue(bytes < AllocationMeter.TINY, () -> bytes + " bytes allocated by 100k rounds of operations");
        assertNotEquals(0, sink[0]);
    }
}

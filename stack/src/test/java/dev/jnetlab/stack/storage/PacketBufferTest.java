package dev.jnetlab.stack.storage;

import dev.jnetlab.testing.AllocationMeter;
import static dev.jnetlab.stack.storage.PacketBuffer.EnqueueResult.FULL_COUNT;
import static dev.jnetlab.stack.storage.PacketBuffer.EnqueueResult.FULL_OCTETS;
import static dev.jnetlab.stack.storage.PacketBuffer.EnqueueResult.OK;
import static dev.jnetlab.stack.storage.PacketBuffer.EnqueueResult.TOO_LARGE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.storage.PacketBuffer.EnqueueResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketBufferTest {
    /** 192.168.69.100, port 6969: the demo peer's UDP service. */
    private static final long PEER = PacketBuffer.packMetadata(0xC0A8_4564, 6969);

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static EnqueueResult enqueue(PacketBuffer buffer, String payload, long metadata) {
        byte[] bytes = ascii(payload);
        return buffer.enqueue(bytes, 0, bytes.length, metadata);
    }

    private static String frontPayload(PacketBuffer buffer) {
        return new String(buffer.array(), buffer.frontOffset(), buffer.frontLength(), StandardCharsets.US_ASCII);
    }

    /** Reads the front packet as text and removes it. */
    private static String dequeue(PacketBuffer buffer) {
        String payload = frontPayload(buffer);
        buffer.removeFront();
        return payload;
    }

    @Nested
    class Construction {
        @Test
        void startsEmpty() {
            PacketBuffer buffer = new PacketBuffer(4, 64);
            assertEquals(4, buffer.packetCapacity());
            assertEquals(64, buffer.payloadCapacity());
            assertEquals(64, buffer.array().length);
            assertEquals(0, buffer.count());
            assertEquals(0, buffer.octets());
            assertTrue(buffer.isEmpty());
        }

        @Test
        void rejectsNegativeCapacities() {
            assertEquals("packet capacity must not be negative: -1",
                    assertThrows(IllegalArgumentException.class, () -> new PacketBuffer(-1, 8)).getMessage());
            assertEquals("payload capacity must not be negative: -2",
                    assertThrows(IllegalArgumentException.class, () -> new PacketBuffer(1, -2)).getMessage());
        }
    }

    @Nested
    class WhenEmpty {
        private final PacketBuffer buffer = new PacketBuffer(4, 64);

        @Test
        void hasNoFrontAndNoBack() {
            assertThrows(NoSuchElementException.class, buffer::frontMetadata);
            assertThrows(NoSuchElementException.class, buffer::frontOffset);
            assertThrows(NoSuchElementException.class, buffer::frontLength);
            assertThrows(NoSuchElementException.class, buffer::backOffset);
            assertThrows(NoSuchElementException.class, buffer::removeFront);
        }

        @Test
        void isEmptyAgainAfterTheLastRemoval() {
            enqueue(buffer, "one", PEER);
            buffer.removeFront();
            assertTrue(buffer.isEmpty());
            assertThrows(NoSuchElementException.class, buffer::removeFront);
        }
    }

    @Nested
    class Queueing {
        private final PacketBuffer buffer = new PacketBuffer(4, 64);

        @Test
        void packetsComeOutInOrderWithTheirMetadata() {
            assertEquals(OK, enqueue(buffer, "first", 1));
            assertEquals(OK, enqueue(buffer, "second", 2));
            assertEquals(2, buffer.count());
            assertEquals(11, buffer.octets());
            assertEquals(1, buffer.frontMetadata());
            assertEquals("first", dequeue(buffer));
            assertEquals(2, buffer.frontMetadata());
            assertEquals("second", dequeue(buffer));
            assertEquals(0, buffer.octets());
        }

        @Test
        void thePayloadCanBeWrittenInPlace() {
            assertEquals(OK, buffer.enqueue(5, PEER));
            System.arraycopy(ascii("hello"), 0, buffer.array(), buffer.backOffset(), 5);
            assertEquals(PEER, buffer.frontMetadata());
            assertEquals(5, buffer.frontLength());
            assertEquals("hello", frontPayload(buffer));
        }

        @Test
        void backOffsetIsTheNewestPacket() {
            enqueue(buffer, "abc", 1);
            enqueue(buffer, "defg", 2);
            assertEquals(3, buffer.backOffset());
            assertEquals(0, buffer.frontOffset());
        }

        @Test
        void copiesFromTheGivenRangeOnly() {
            assertEquals(OK, buffer.enqueue(ascii("..data.."), 2, 4, 7));
            assertEquals("data", dequeue(buffer));
        }

        @Test
        void clearRemovesEverything() {
            enqueue(buffer, "abc", 1);
            enqueue(buffer, "def", 2);
            buffer.clear();
            assertTrue(buffer.isEmpty());
            assertEquals(0, buffer.octets());
            assertEquals(OK, buffer.enqueue(64, 3), "all of the payload space is free again");
            assertEquals(0, buffer.backOffset());
        }
    }

    @Nested
    class Bounds {
        @Test
        void countIsBoundedEvenWithOctetsToSpare() {
            PacketBuffer buffer = new PacketBuffer(2, 64);
            enqueue(buffer, "a", 1);
            enqueue(buffer, "b", 2);
            assertEquals(FULL_COUNT, enqueue(buffer, "c", 3));
            assertEquals(2, buffer.count());
            buffer.removeFront();
            assertEquals(OK, enqueue(buffer, "c", 3));
        }

        @Test
        void octetsAreBoundedEvenWithSlotsToSpare() {
            PacketBuffer buffer = new PacketBuffer(8, 10);
            assertEquals(OK, enqueue(buffer, "123456", 1));
            assertEquals(FULL_OCTETS, enqueue(buffer, "12345", 2));
            assertEquals(1, buffer.count());
            assertEquals(6, buffer.octets());
            assertEquals(OK, enqueue(buffer, "1234", 2));
            assertEquals(10, buffer.octets());
        }

        @Test
        void aPacketLongerThanThePayloadCapacityCanNeverFit() {
            PacketBuffer buffer = new PacketBuffer(1, 10);
            assertEquals(TOO_LARGE, buffer.enqueue(11, 1));
            assertEquals(OK, buffer.enqueue(10, 1), "the whole capacity fits in an empty buffer");
            assertEquals(TOO_LARGE, buffer.enqueue(11, 1), "TOO_LARGE is reported before FULL_COUNT");
            assertEquals(FULL_COUNT, buffer.enqueue(10, 1));
        }

        @Test
        void zeroCapacitiesRefuseWhatTheyCannotHold() {
            assertEquals(FULL_COUNT, new PacketBuffer(0, 16).enqueue(1, 1));
            PacketBuffer noPayload = new PacketBuffer(2, 0);
            assertEquals(TOO_LARGE, noPayload.enqueue(1, 1));
            assertEquals(OK, noPayload.enqueue(0, 1));
        }
    }

    /** Each payload is one run of the array: a packet that would cross its end goes to index 0. */
    @Nested
    class PayloadsNeverWrap {
        private final PacketBuffer buffer = new PacketBuffer(8, 10);

        @Test
        void aPacketThatDoesNotFitBeforeTheEndGoesToTheStart() {
            enqueue(buffer, "AAAAAA", 1);          // [0, 6)
            enqueue(buffer, "BBB", 2);             // [6, 9)
            buffer.removeFront();                  // free: [9, 10) and [0, 6)
            assertEquals(OK, enqueue(buffer, "CCCC", 3));
            assertEquals(0, buffer.backOffset(), "4 octets do not fit in [9, 10), so the packet starts at 0");
            assertEquals(OK, enqueue(buffer, "DD", 4));
            assertEquals(4, buffer.backOffset());
            assertEquals(9, buffer.octets());
            // One octet is free, [9, 10), but it was skipped: nothing can go there until B is gone.
            assertEquals(FULL_OCTETS, enqueue(buffer, "E", 5));
            assertEquals("BBB", dequeue(buffer));
            assertEquals(OK, enqueue(buffer, "EEEE", 5));
            assertEquals(6, buffer.backOffset(), "with B gone the octets at the end are usable again");
            assertEquals("CCCC", dequeue(buffer));
            assertEquals("DD", dequeue(buffer));
            assertEquals("EEEE", dequeue(buffer));
        }

        @Test
        void aPacketThatFitsNowhereContiguouslyIsRefused() {
            enqueue(buffer, "AAA", 1);             // [0, 3)
            enqueue(buffer, "BBBB", 2);            // [3, 7)
            buffer.removeFront();                  // free: [7, 10) and [0, 3), 6 octets in all
            assertEquals(FULL_OCTETS, enqueue(buffer, "CCCC", 3));
            assertEquals(OK, enqueue(buffer, "CCC", 3));
            assertEquals(7, buffer.backOffset());
        }

        @Test
        void anEmptyBufferStartsAgainAtIndexZero() {
            enqueue(buffer, "AAAAAAA", 1);
            buffer.removeFront();
            assertEquals(OK, enqueue(buffer, "0123456789", 2));
            assertEquals(0, buffer.backOffset());
        }
    }

    /** A socket's buffer option changed while packets are queued. */
    @Nested
    class Resizing {
        private final PacketBuffer buffer = new PacketBuffer(8, 10);

        @Test
        void keepsEveryPacketInOrderWithItsMetadataEvenAWrappedOne() {
            enqueue(buffer, "AAAAAA", 1);
            enqueue(buffer, "BBB", 2);
            buffer.removeFront();
            enqueue(buffer, "CCCC", 3);            // wrapped to [0, 4), before B
            enqueue(buffer, "", 4);
            assertTrue(buffer.resize(7));
            assertEquals(7, buffer.payloadCapacity());
            assertEquals(7, buffer.octets());
            assertEquals(2, buffer.frontMetadata());
            assertEquals("BBB", dequeue(buffer));
            assertEquals("CCCC", dequeue(buffer));
            assertEquals("", dequeue(buffer));
            assertEquals(OK, enqueue(buffer, "0123456", 5), "the whole new capacity is usable");
        }

        @Test
        void growingLetsALargerPacketIn() {
            assertEquals(TOO_LARGE, enqueue(buffer, "x".repeat(11), 1));
            assertTrue(buffer.resize(20));
            assertEquals(OK, enqueue(buffer, "x".repeat(11), 1));
        }

        @Test
        void refusesASizeBelowWhatIsQueuedAndChangesNothing() {
            enqueue(buffer, "AAAAAA", 1);
            assertEquals(false, buffer.resize(5));
            assertEquals(10, buffer.payloadCapacity());
            assertEquals("AAAAAA", dequeue(buffer));
            assertThrows(IllegalArgumentException.class, () -> buffer.resize(-1));
        }
    }

    /** UDP permits an empty payload (RFC 768: length 8, the header alone). */
    @Nested
    class ZeroLengthDatagrams {
        private final PacketBuffer buffer = new PacketBuffer(4, 10);

        @Test
        void takeASlotButNoOctets() {
            assertEquals(OK, buffer.enqueue(0, 1));
            assertEquals(OK, enqueue(buffer, "abc", 2));
            assertEquals(OK, buffer.enqueue(0, 3));
            assertEquals(3, buffer.count());
            assertEquals(3, buffer.octets());
            assertEquals(0, buffer.frontLength());
            assertEquals(1, buffer.frontMetadata());
            buffer.removeFront();
            assertEquals("abc", dequeue(buffer));
            assertEquals(0, buffer.frontLength());
            assertEquals(3, buffer.frontMetadata());
        }

        @Test
        void leaveTheWholePayloadSpaceToOthers() {
            enqueue(buffer, "12345", 1);
            buffer.enqueue(0, 2);
            buffer.removeFront();
            assertEquals(OK, enqueue(buffer, "0123456789", 3), "only a zero-length packet is queued");
            assertEquals(0, buffer.backOffset());
        }

        @Test
        void fitWhenEveryOctetIsTaken() {
            enqueue(buffer, "0123456789", 1);
            assertEquals(OK, buffer.enqueue(0, 2));
            int offset = buffer.backOffset();
            assertTrue(offset >= 0 && offset <= buffer.payloadCapacity(), () -> "offset " + offset);
        }
    }

    @Nested
    class Metadata {
        @ParameterizedTest(name = "{0}, {1}")
        @CsvSource({
            "0, 0",
            "-1062714012, 6969",        // 192.168.69.100:6969; the address is negative as an int
            "-1, 65535",
            "2147483647, -2147483648",
            "-2147483648, -1",
        })
        void packsTwoIntsIntoOneLongAndBack(int high, int low) {
            long packed = PacketBuffer.packMetadata(high, low);
            assertEquals(high, PacketBuffer.metadataHigh(packed));
            assertEquals(low, PacketBuffer.metadataLow(packed));
        }

        @Test
        void isStoredVerbatim() {
            PacketBuffer buffer = new PacketBuffer(2, 8);
            buffer.enqueue(0, Long.MIN_VALUE);
            buffer.enqueue(0, -1L);
            assertEquals(Long.MIN_VALUE, buffer.frontMetadata());
            buffer.removeFront();
            assertEquals(-1L, buffer.frontMetadata());
        }
    }

    @Nested
    class ArgumentValidation {
        private final PacketBuffer buffer = new PacketBuffer(4, 16);

        @Test
        void aNegativeLengthIsABug() {
            assertEquals("packet length must not be negative: -1",
                    assertThrows(IllegalArgumentException.class, () -> buffer.enqueue(-1, 0)).getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.enqueue(new byte[4], 0, -1, 0));
        }

        @Test
        void aSourceRangeOutsideTheArrayIsRejectedBeforeAnythingIsQueued() {
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.enqueue(new byte[4], 2, 3, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.enqueue(new byte[4], -1, 1, 0));
            assertTrue(buffer.isEmpty());
        }
    }

    /**
     * 100,000 random operations per shape against an independent statement of the placement
     * rule: a payload goes right after the newest payload (at 0 when there is none) if it fits
     * before the end of the array and overlaps no queued payload, otherwise at 0 if it overlaps
     * none there, otherwise it is refused.
     */
    @Nested
    class AgainstAReferenceModel {
        private record Packet(long metadata, byte[] payload, int start) {
        }

        @ParameterizedTest(name = "{0} packets, {1} octets")
        @CsvSource({"1, 10", "4, 10", "8, 64", "3, 0", "0, 16", "16, 1000", "64, 100"})
        void placesEveryPacketWhereTheRuleSays(int packetCapacity, int payloadCapacity) {
            SplittableRandom random = new SplittableRandom(packetCapacity * 31L + payloadCapacity);
            PacketBuffer buffer = new PacketBuffer(packetCapacity, payloadCapacity);
            ArrayDeque<Packet> model = new ArrayDeque<>();
            int[] outcomes = new int[EnqueueResult.values().length];
            for (int step = 0; step < 100_000; step++) {
                // Alternate filling and draining phases so that both full and empty states occur often.
                int enqueueShare = (step / 1000) % 2 == 0 ? 95 : 20;
                if (random.nextInt(5000) == 0) {
                    buffer.clear();
                    model.clear();
                } else if (random.nextInt(100) < enqueueShare) {
                    int length = random.nextInt(10) == 0 ? 0
                            : random.nextBoolean() ? random.nextInt(payloadCapacity + 3) : random.nextInt(payloadCapacity / 4 + 2);
                    byte[] payload = new byte[length];
                    random.nextBytes(payload);
                    long metadata = random.nextLong();
                    int expectedStart = expectedStart(model, length, packetCapacity, payloadCapacity);
                    EnqueueResult expected = expectedStart >= 0 ? OK
                            : length > payloadCapacity ? TOO_LARGE
                            : model.size() == packetCapacity ? FULL_COUNT : FULL_OCTETS;
                    EnqueueResult actual;
                    if (random.nextBoolean()) {
                        actual = buffer.enqueue(payload, 0, length, metadata);
                    } else {
                        actual = buffer.enqueue(length, metadata);
                        if (actual == OK) {
                            System.arraycopy(payload, 0, buffer.array(), buffer.backOffset(), length);
                        }
                    }
                    assertEquals(expected, actual, "enqueue of " + length + " at step " + step);
                    outcomes[actual.ordinal()]++;
                    if (actual == OK) {
                        int start = buffer.backOffset();
                        if (length > 0) {
                            assertEquals(expectedStart, start, "placement at step " + step);
                        } else {
                            assertTrue(start >= 0 && start <= payloadCapacity);
                        }
                        model.addLast(new Packet(metadata, payload, start));
                    }
                } else if (!model.isEmpty()) {
                    Packet packet = model.removeFirst();
                    assertEquals(packet.metadata(), buffer.frontMetadata());
                    assertEquals(packet.start(), buffer.frontOffset());
                    assertArrayEquals(packet.payload(), Arrays.copyOfRange(buffer.array(),
                            buffer.frontOffset(), buffer.frontOffset() + buffer.frontLength()), "payload at step " + step);
                    buffer.removeFront();
                }
                assertEquals(model.size(), buffer.count());
                assertEquals(model.stream().mapToInt(p -> p.payload().length).sum(), buffer.octets());
                assertEquals(model.isEmpty(), buffer.isEmpty());
            }
            // The run is only meaningful if it exercised every outcome the shape allows.
            assertTrue(outcomes[OK.ordinal()] > 0 || packetCapacity == 0);
            assertTrue(outcomes[FULL_COUNT.ordinal()] > 0);
            assertTrue(outcomes[TOO_LARGE.ordinal()] > 0);
            assertTrue(outcomes[FULL_OCTETS.ordinal()] > 0 || payloadCapacity == 0 || packetCapacity <= 1);
        }

        /** Where the rule puts a payload of {@code length}, or -1 if it refuses it. */
        private int expectedStart(ArrayDeque<Packet> queued, int length, int packetCapacity, int payloadCapacity) {
            if (length > payloadCapacity || queued.size() == packetCapacity) {
                return -1;
            }
            if (length == 0) {
                return 0; // a zero-length packet always fits; its offset is not specified
            }
            int after = 0;
            for (Packet packet : queued) {
                if (packet.payload().length > 0) {
                    after = packet.start() + packet.payload().length;
                }
            }
            if (after + length <= payloadCapacity && overlapsNothing(queued, after, length)) {
                return after;
            }
            return overlapsNothing(queued, 0, length) ? 0 : -1;
        }

        private boolean overlapsNothing(ArrayDeque<Packet> queued, int start, int length) {
            for (Packet packet : queued) {
                int end = packet.start() + packet.payload().length;
                if (packet.payload().length > 0 && packet.start() < start + length && start < end) {
                    return false;
                }
            }
            return true;
        }
    }

    @Test
    void allocatesNothingInSteadyState() {
        PacketBuffer buffer = new PacketBuffer(32, 8 * 1024);
        byte[] frame = new byte[1514];
        SplittableRandom random = new SplittableRandom(11);
        long[] sink = new long[1];
        Runnable traffic = () -> {
            for (int i = 0; i < 100_000; i++) {
                int length = random.nextInt(1473);
                long peer = PacketBuffer.packMetadata(random.nextInt(), random.nextInt(65536));
                if (buffer.enqueue(frame, 42, length, peer) == OK) {
                    sink[0] += buffer.backOffset();
                }
                if (buffer.enqueue(random.nextInt(600), peer) == OK) {
                    sink[0] += buffer.backOffset();
                }
                for (int n = random.nextInt(3); n > 0 && !buffer.isEmpty(); n--) {
                    System.arraycopy(buffer.array(), buffer.frontOffset(), frame, 42, buffer.frontLength());
                    sink[0] += PacketBuffer.metadataLow(buffer.frontMetadata());
                    buffer.removeFront();
                }
            }
        };
        traffic.run(); // warm-up: every class loaded, the loop compiled
        long bytes = AllocationMeter.minimumBytesAllocatedBy(traffic, 3);
        assertTrue(bytes < AllocationMeter.TINY, () -> bytes + " bytes allocated by 100k rounds of operations");
        assertNotEquals(0, sink[0]);
    }
}

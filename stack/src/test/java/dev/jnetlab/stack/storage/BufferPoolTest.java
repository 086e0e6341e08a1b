package dev.jnetlab.stack.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.testing.AllocationMeter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The pool of the arrays behind the sockets' queues, and the rings that take an array only
 * while they hold something: a connection at rest holds no buffer, and a closed one's arrays
 * serve the next.
 */
class BufferPoolTest {
    static final byte[] DATA = {1, 2, 3, 4, 5};

    @Nested
    class ThePool {
        final BufferPool pool = new BufferPool(1000);

        @Test
        void anArrayGivenBackIsTheNextTakenOfItsSize() {
            byte[] first = pool.take(100);
            pool.give(first);

            assertSame(first, pool.take(100));
            assertNotSame(first, pool.take(100), "one array, taken once");
            assertEquals(2, pool.made());
        }

        @Test
        void sizesAreKeptApart() {
            pool.give(pool.take(100));

            assertEquals(200, pool.take(200).length);
            assertEquals(1, pool.pooledBuffers(), "the 100-octet array still waits");
        }

        @Test
        void itKeepsNoMoreThanItsLimit() {
            byte[][] taken = new byte[15][];
            for (int i = 0; i < taken.length; i++) {
                taken[i] = pool.take(100);
            }
            for (byte[] array : taken) {
                pool.give(array);
            }

            assertEquals(1000, pool.pooledOctets(), "ten of fifteen kept; the rest left to the garbage collector");
            assertEquals(10, pool.pooledBuffers());
        }

        @Test
        void itCountsWhatIsLent() {
            byte[] a = pool.take(100);
            pool.take(300);
            pool.give(a);

            assertEquals(300, pool.lentOctets());
        }
    }

    @Nested
    class ARingOnDemand {
        final BufferPool pool = new BufferPool();
        final RingBuffer ring = RingBuffer.onDemand(64);

        @Test
        void holdsNoArrayUntilWrittenTo() {
            assertFalse(ring.holdsArray());
            assertEquals(64, ring.capacity());
            assertEquals(64, ring.window());

            ring.enqueue(DATA, 0, DATA.length);
            assertTrue(ring.holdsArray());
        }

        @Test
        void withAPoolGivesItsArrayBackWhenItEmpties() {
            ring.usePool(pool);
            ring.enqueue(DATA, 0, DATA.length);
            assertEquals(64, pool.lentOctets());

            byte[] read = new byte[5];
            ring.dequeue(read, 0, 5);

            assertArrayEquals(DATA, read);
            assertFalse(ring.holdsArray());
            assertEquals(0, pool.lentOctets());
            assertEquals(64, pool.pooledOctets());
        }

        @Test
        void keepsItsArrayWhileOctetsWaitPastTheWritePosition() {
            ring.usePool(pool);
            ring.writeUnallocated(10, DATA, 0, DATA.length); // out of order: a hole of 10 before it
            ring.enqueue(new byte[3], 0, 3);
            ring.discard(3);

            assertTrue(ring.holdsArray(), "the out-of-order octets are still to be queued");
            ring.writeUnallocated(0, new byte[7], 0, 7); // the rest of the hole
            ring.enqueueUnallocated(12);
            byte[] read = new byte[12];
            ring.dequeue(read, 0, 12);
            assertArrayEquals(DATA, java.util.Arrays.copyOfRange(read, 7, 12));
            assertFalse(ring.holdsArray());
        }

        @Test
        void withoutAPoolKeepsTheArrayItMade() {
            ring.enqueue(DATA, 0, DATA.length);
            ring.discard(DATA.length);

            assertTrue(ring.holdsArray());
        }

        @Test
        void anEmptyRingLeavingItsPoolGivesItsArrayBack() {
            ring.usePool(pool);
            ring.contiguousWritable(); // about to be written: takes an array
            ring.usePool(null);

            assertEquals(0, pool.lentOctets());
            assertEquals(1, pool.pooledBuffers());
        }

        @Test
        void wrapsAsAnyRingDoesAcrossArrays() {
            ring.usePool(pool);
            byte[] sixty = new byte[60];
            ring.enqueue(sixty, 0, 60);
            ring.discard(60); // empty: the array goes back, the head stays at 60
            ring.enqueue(DATA, 0, DATA.length);

            assertEquals(4, ring.contiguousReadable(), "the queue wraps at the array's end, as before");
            byte[] read = new byte[5];
            ring.dequeue(read, 0, 5);
            assertArrayEquals(DATA, read);
        }

        @Test
        void fillingAndEmptyingAllocatesNothingOnceThePoolHasAnArray() {
            ring.usePool(pool);
            byte[] read = new byte[5];
            long allocated = AllocationMeter.minimumBytesAllocatedBy(() -> {
                for (int i = 0; i < 100_000; i++) {
                    ring.enqueue(DATA, 0, DATA.length);
                    ring.dequeue(read, 0, read.length);
                }
            }, 3);
            assertTrue(allocated < AllocationMeter.TINY, allocated + " octets for 100,000 fills");
        }
    }
}

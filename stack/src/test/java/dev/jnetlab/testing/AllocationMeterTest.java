package dev.jnetlab.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The meter that the zero-allocation tests rely on must see allocation when there is some. */
class AllocationMeterTest {
    /** Published so that escape analysis cannot remove the allocations being measured. */
    static volatile byte[] sink;

    @Test
    void seesAllocationWhenThereIsSome() {
        long bytes = AllocationMeter.minimumBytesAllocatedBy(() -> {
            for (int i = 0; i < 100; i++) {
                sink = new byte[1024];
            }
        }, 3);
        assertTrue(bytes >= 100 * 1024, () -> "measured only " + bytes + " bytes");
    }

    @Test
    void seesNothingWhenNothingIsAllocated() {
        int[] counter = new int[1];
        long bytes = AllocationMeter.minimumBytesAllocatedBy(() -> {
            for (int i = 0; i < 100_000; i++) {
                counter[0] += i;
            }
        }, 3);
        assertTrue(bytes < AllocationMeter.TINY, () -> "measured " + bytes + " bytes");
    }
}

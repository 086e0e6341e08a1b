package dev.jnetlab.stack.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.stack.rand.SplitMix64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressIndexTest {

    @Test
    void findsWhatWasPutAndNothingElse() {
        AddressIndex index = new AddressIndex(4);
        index.put(0xC0A8_4501, 3);
        index.put(0xC0A8_4502, 0);

        assertEquals(3, index.get(0xC0A8_4501));
        assertEquals(0, index.get(0xC0A8_4502));
        assertEquals(-1, index.get(0xC0A8_4503));
    }

    @Test
    void aPutReplacesTheSlotOfAnAddress() {
        AddressIndex index = new AddressIndex(4);
        index.put(7, 1);
        index.put(7, 2);

        assertEquals(2, index.get(7));
        index.remove(7);
        assertEquals(-1, index.get(7), "one mapping, gone");
    }

    /** Removal shifts the rest of a probe run back: every address left is still found, every one removed is not. */
    @Test
    void agreesWithAMapThroughAMillionRandomPutsAndRemovals() {
        int capacity = 1024;
        AddressIndex index = new AddressIndex(capacity);
        Map<Integer, Integer> expected = new HashMap<>();
        SplitMix64 random = new SplitMix64(7);
        for (int step = 0; step < 1_000_000; step++) {
            // Addresses of two /22s, so that runs collide and removals have runs to close.
            int address = 0xC0A8_0000 | (int) (random.nextLong() >>> 53);
            if (expected.containsKey(address) || expected.size() == capacity) {
                index.remove(address);
                expected.remove(address);
            } else {
                index.put(address, step % capacity);
                expected.put(address, step % capacity);
            }
            int probe = 0xC0A8_0000 | (int) (random.nextLong() >>> 53);
            assertEquals(expected.getOrDefault(probe, -1), index.get(probe), "at step " + step);
        }
    }
}

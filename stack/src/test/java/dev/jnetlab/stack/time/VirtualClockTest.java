package dev.jnetlab.stack.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VirtualClockTest {

    @Test
    void movesOnlyWhenTold() {
        VirtualClock clock = new VirtualClock(100);
        assertEquals(100, clock.now());
        assertEquals(100, clock.now());
        assertEquals(350, clock.advance(250));
        assertEquals(1_000, clock.advanceTo(1_000));
        assertEquals(1_000, clock.now());
    }

    @Test
    void neverRunsBackwards() {
        VirtualClock clock = new VirtualClock(100);
        assertThrows(IllegalArgumentException.class, () -> clock.advance(-1));
        assertThrows(IllegalArgumentException.class, () -> clock.advanceTo(99));
        assertEquals(100, clock.now());
    }

    @Test
    void systemClockCountsMicrosecondsOfRealTimeFromItsMaking() {
        SystemClock clock = new SystemClock();
        long first = clock.now();
        long until = System.nanoTime() + 2_000_000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait(); // two milliseconds of real time, not a wait for the stack
        }
        long later = clock.now();

        assertTrue(first >= 0 && first < 1_000_000, () -> "from its making: " + first);
        assertTrue(later - first >= 2_000 && later - first < 2_000_000, () -> "2 ms forwards, in microseconds: "
                + (later - first));
    }
}

package dev.jnetlab.stack.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void systemClockIsMonotonic() {
        SystemClock clock = new SystemClock();
        long first = clock.now();
        long second = clock.now();
        assertEquals(true, second >= first, () -> second + " < " + first);
    }
}

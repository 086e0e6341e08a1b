package dev.jnetlab.host.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualDriverTest {

    /** A stack with one timer that fires every {@code period}: it counts its firings. */
    private static final class Ticker implements Pollable {
        final long period;
        long next;
        final List<Long> fired = new ArrayList<>();

        Ticker(long period) {
            this.period = period;
            this.next = period;
        }

        @Override
        public void poll(long now) {
            while (now >= next) {
                fired.add(next);
                next += period;
            }
        }

        @Override
        public long pollAt(long now) {
            return next;
        }
    }

    private final VirtualClock clock = new VirtualClock();
    private final Ticker ticker = new Ticker(Micros.ofMillis(100));
    private final VirtualDriver driver = new VirtualDriver(clock, ticker);

    @Test
    void waitingJumpsFromDeadlineToDeadline() throws InterruptedException {
        Integer value = driver.await(Micros.ofSeconds(10), now -> ticker.fired.size() == 3 ? 3 : null);
        assertEquals(3, value);
        assertEquals(Micros.ofMillis(300), clock.now(), "stopped at the third timer, not later");
        assertEquals(List.of(100_000L, 200_000L, 300_000L), ticker.fired);
    }

    @Test
    void aWaitThatTimesOutEndsExactlyAtItsDeadline() throws InterruptedException {
        assertNull(driver.await(Micros.ofMillis(250), now -> null));
        assertEquals(Micros.ofMillis(250), clock.now());
        assertEquals(2, ticker.fired.size());
    }

    @Test
    void aProbeAlreadyTrueReturnsWithoutMovingTheClock() throws InterruptedException {
        assertEquals("now", driver.await(Micros.ofSeconds(1), now -> "now"));
        assertEquals(0, clock.now());
    }

    @Test
    void callRunsTheTaskAtTheCurrentInstantThenPolls() {
        clock.advanceTo(Micros.ofMillis(150));
        long seen = driver.call(now -> now);
        assertEquals(150_000, seen);
        assertEquals(List.of(100_000L), ticker.fired, "the poll after the task ran the due timer");
    }

    @Test
    void anInterruptedWaitEndsWithInterruptedException() {
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> driver.await(Micros.ofSeconds(1), now -> null));
        assertTrue(!Thread.currentThread().isInterrupted(), "the interrupt was consumed");
    }

    @Test
    void aStackThatNeverSettlesIsReportedNotHungOn() {
        Pollable restless = new Pollable() {
            @Override
            public void poll(long now) {
            }

            @Override
            public long pollAt(long now) {
                return now; // always due again at once
            }
        };
        VirtualDriver stuck = new VirtualDriver(clock, restless);
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> stuck.await(Micros.ofSeconds(1), now -> null));
        assertTrue(error.getMessage().contains("never settles"), error.getMessage());
    }
}

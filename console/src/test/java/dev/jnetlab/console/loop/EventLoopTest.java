package dev.jnetlab.console.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.host.driver.Pollable;
import dev.jnetlab.host.topology.SimulationClock;
import dev.jnetlab.stack.time.Clock;
import dev.jnetlab.stack.time.Micros;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EventLoopTest {
    private final AtomicLong time = new AtomicLong(1_000);
    private final Clock clock = time::get;
    private final RecordingWaiter waiter = new RecordingWaiter();
    private final FakeStack stack = new FakeStack();
    private final List<Throwable> crashes = new CopyOnWriteArrayList<>();
    private final EventLoop loop = new EventLoop("test-loop", clock, waiter, stack, crashes::add);

    @AfterEach
    void stop() throws InterruptedException {
        loop.close();
    }

    @Test
    void aTaskRunsOnTheLoopThreadWithTheLoopsNow() throws Exception {
        time.set(42_000);
        loop.start();
        AtomicReference<String> threadName = new AtomicReference<>();
        long seen = loop.call(now -> {
            threadName.set(Thread.currentThread().getName());
            return now;
        });
        assertEquals(42_000, seen);
        assertEquals("test-loop", threadName.get());
        assertFalse(loop.inLoop());
    }

    @Test
    void aFailingTaskReportsToItsCallerAndTheLoopGoesOn() throws Exception {
        loop.start();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> loop.call(now -> {
            throw new IllegalArgumentException("bad handle");
        }));
        assertEquals("bad handle", error.getMessage());
        assertEquals("still alive", loop.call(now -> "still alive"));
    }

    @Test
    void sleepsUntilTheStacksNextDeadline() throws Exception {
        stack.nextDeadline = time.get() + Micros.ofMillis(5);
        loop.start();
        assertEquals(Micros.ofMillis(5), waiter.nextTimeout());
    }

    @Test
    void onASimulationClockTenTimesFasterItSleepsATenthOfTheDeadlineInRealTime() throws Exception {
        SimulationClock fast = new SimulationClock(clock);
        fast.setSpeed(10);
        stack.nextDeadline = fast.now() + Micros.ofMillis(500);
        try (EventLoop onFast = new EventLoop("fast-loop", fast, waiter, stack, crashes::add)) {
            onFast.start();
            assertEquals(Micros.ofMillis(50), waiter.nextTimeout(), "at speed 10 a timer 500 ms ahead is 50 ms away");
        }
    }

    @Test
    void neverSleepsLongerThanASecondSoItCanStop() throws Exception {
        stack.nextDeadline = Micros.NEVER;
        loop.start();
        assertEquals(Micros.ofSeconds(1), waiter.nextTimeout());
    }

    @Test
    void aDeadlineInThePastMeansNoSleep() throws Exception {
        stack.nextDeadline = 0;
        loop.start();
        assertEquals(0, waiter.nextTimeout());
    }

    @Test
    void pollsTheStackWithTheClock() throws Exception {
        time.set(7_000);
        loop.start();
        waiter.nextTimeout();
        assertTrue(stack.polls.contains(7_000L), stack.polls::toString);
    }

    @Test
    void aCrashingPollIsReportedAndTheLoopGoesOn() throws Exception {
        stack.crash = new IllegalStateException("boom");
        loop.start();
        waiter.nextTimeout();
        stack.crash = null;
        assertEquals("after", loop.call(now -> "after"));
        assertSame(crashes.get(0).getClass(), IllegalStateException.class);
    }

    @Test
    void aTaskSubmittedAfterCloseFailsInsteadOfHanging() throws Exception {
        loop.start();
        loop.close();
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> loop.call(now -> "never"));
        assertEquals("the event loop has stopped", error.getMessage());
    }

    @Test
    void aTaskCalledFromTheLoopRunsAtOnce() throws Exception {
        loop.start();
        String nested = loop.call(now -> {
            try {
                return loop.call(inner -> "inner");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals("inner", nested);
    }

    @Nested
    class Waiting {

        @Test
        void endsWhenTheProbeHoldsAfterAPoll() throws Exception {
            loop.start();
            Thread setter = new Thread(() -> {
                try {
                    loop.call(now -> stack.flag = true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            setter.start();
            String value = loop.await(Micros.ofSeconds(30), now -> stack.flag ? "seen" : null);
            assertEquals("seen", value);
            setter.join();
        }

        @Test
        void endsWithNullAtItsDeadlineOnTheLoopsClock() throws Exception {
            time.set(0);
            loop.start();
            CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return loop.await(Micros.ofSeconds(2), now -> null);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            // Time passes on the loop's clock, one second a step, until the wait has ended (it
            // ends two seconds after the watch was registered, whenever that thread got to it).
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!waiting.isDone() && System.nanoTime() < giveUp) {
                loop.call(now -> time.addAndGet(Micros.ofSeconds(1)));
                Thread.onSpinWait();
            }
            assertNull(waiting.get(5, TimeUnit.SECONDS));
        }

        @Test
        void theLoopSleepsNoLongerThanTheWaitersDeadline() throws Exception {
            stack.nextDeadline = Micros.NEVER;
            loop.start();
            assertEquals(Micros.ofSeconds(1), waiter.nextTimeout());
            CompletableFuture.runAsync(() -> {
                try {
                    loop.await(Micros.ofMillis(30), now -> null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertEquals(Micros.ofMillis(30), waiter.nextTimeout());
        }

        @Test
        void aFailingProbeFailsTheWaitNotTheLoop() throws Exception {
            loop.start();
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> loop.await(Micros.ofSeconds(1), now -> {
                        throw new IllegalStateException("probe broke");
                    }));
            assertEquals("probe broke", error.getMessage());
            assertEquals("alive", loop.call(now -> "alive"));
        }

        @Test
        void anInterruptedWaiterLeavesAndTheLoopForgetsIt() throws Exception {
            loop.start();
            Thread caller = Thread.currentThread();
            Thread interrupter = new Thread(() -> {
                try {
                    loop.call(now -> null);
                } catch (InterruptedException e) {
                    return;
                }
                caller.interrupt();
            });
            interrupter.start();
            assertThrows(InterruptedException.class, () -> loop.await(Micros.ofSeconds(60), now -> null));
            interrupter.join();
            assertEquals("alive", loop.call(now -> "alive"));
        }
    }

    /** Records each timeout the loop asks for, then sleeps until woken (tasks wake it). */
    private static final class RecordingWaiter implements Waiter {
        private final BlockingQueue<Long> timeouts = new LinkedBlockingQueue<>();
        private final ConditionWaiter sleep = new ConditionWaiter();

        @Override
        public void await(long timeoutMicros) throws InterruptedException {
            timeouts.add(timeoutMicros);
            sleep.await(Micros.ofSeconds(1));
        }

        @Override
        public void wakeUp() {
            sleep.wakeUp();
        }

        long nextTimeout() throws InterruptedException {
            Long timeout = timeouts.poll(5, TimeUnit.SECONDS);
            if (timeout == null) {
                throw new AssertionError("the loop never went to sleep");
            }
            return timeout;
        }
    }

    private static final class FakeStack implements Pollable {
        final List<Long> polls = new CopyOnWriteArrayList<>();
        volatile long nextDeadline = Micros.NEVER;
        volatile RuntimeException crash;
        volatile boolean flag;

        @Override
        public void poll(long now) {
            polls.add(now);
            if (crash != null) {
                throw crash;
            }
        }

        @Override
        public long pollAt(long now) {
            return nextDeadline;
        }
    }
}

package dev.jnetlab.console.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.stack.time.Clock;
import dev.jnetlab.stack.time.Micros;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
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
        ExecutionException error = assertThrows(ExecutionException.class, () -> loop.call(now -> {
            throw new IllegalArgumentException("bad handle");
        }));
        assertInstanceOf(IllegalArgumentException.class, error.getCause());
        assertEquals("still alive", loop.call(now -> "still alive"));
    }

    @Test
    void sleepsUntilTheStacksNextDeadline() throws Exception {
        stack.nextDeadline = time.get() + Micros.ofMillis(5);
        loop.start();
        assertEquals(Micros.ofMillis(5), waiter.nextTimeout());
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
        ExecutionException error = assertThrows(ExecutionException.class, () -> loop.call(now -> "never"));
        assertEquals("the event loop has stopped", error.getCause().getMessage());
    }

    @Test
    void aTaskCalledFromTheLoopRunsAtOnce() throws Exception {
        loop.start();
        String nested = loop.call(now -> {
            try {
                return loop.call(inner -> "inner");
            } catch (InterruptedException | ExecutionException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals("inner", nested);
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

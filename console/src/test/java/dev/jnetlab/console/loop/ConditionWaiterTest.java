package dev.jnetlab.console.loop;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConditionWaiterTest {

    @Test
    void aWakeUpBeforeTheWaitIsNotLost() {
        ConditionWaiter waiter = new ConditionWaiter();
        waiter.wakeUp();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> waiter.await(60_000_000L));
    }

    @Test
    void aWakeUpFromAnotherThreadEndsTheWait() {
        ConditionWaiter waiter = new ConditionWaiter();
        Thread waker = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                waiter.wakeUp();
                Thread.onSpinWait();
            }
        });
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            waker.start();
            waiter.await(60_000_000L);
            waker.join();
        });
    }

    @Test
    void aZeroTimeoutReturnsAtOnce() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> new ConditionWaiter().await(0));
    }

    @Test
    void aWakeUpIsConsumedByOneWait() {
        ConditionWaiter waiter = new ConditionWaiter();
        waiter.wakeUp();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            waiter.await(60_000_000L);
            long start = System.nanoTime();
            waiter.await(20_000);
            if (System.nanoTime() - start < 15_000_000L) {
                throw new AssertionError("the second wait returned early: the wake-up was not consumed");
            }
        });
    }
}

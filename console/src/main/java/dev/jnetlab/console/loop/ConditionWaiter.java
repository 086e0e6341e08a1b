package dev.jnetlab.console.loop;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A {@link Waiter} for devices that never wake the loop themselves (the virtual network). */
public final class ConditionWaiter implements Waiter {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean pending;

    @Override
    public void await(long timeoutMicros) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MICROSECONDS.toNanos(Math.max(0, timeoutMicros));
            while (!pending && nanos > 0) {
                nanos = woken.awaitNanos(nanos);
            }
            pending = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wakeUp() {
        lock.lock();
        try {
            pending = true;
            woken.signal();
        } finally {
            lock.unlock();
        }
    }
}

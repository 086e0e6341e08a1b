package dev.jnetlab.console.loop;

import dev.jnetlab.host.driver.Pollable;
import dev.jnetlab.host.driver.StackDriver;
import dev.jnetlab.stack.time.Clock;
import dev.jnetlab.stack.time.Micros;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The one thread that owns the stack (ARCHITECTURE.md §2), driving it in real time. Other threads
 * never touch stack objects: they {@link #call} a task, which runs on the loop between two
 * polls, or {@link #await} a condition, which the loop checks after every poll. Between polls
 * the loop sleeps in its {@link Waiter} until a frame arrives, the stack's next deadline or a
 * waiter's timeout passes, or a task is submitted.
 *
 * <p>A task or a poll that throws does not end the loop: the failure goes back to the caller
 * (a task) or to the crash handler (a poll), and the loop goes on.
 */
public final class EventLoop implements StackDriver, AutoCloseable {
    /** The longest the loop sleeps without looking at its clock, so a stopped loop never hangs. */
    private static final long MAX_SLEEP = Micros.ofSeconds(1);

    private final Clock clock;
    private final Waiter waiter;
    private final Pollable stack;
    private final Consumer<Throwable> crashes;
    private final ConcurrentLinkedQueue<Task<?>> tasks = new ConcurrentLinkedQueue<>();
    /** Conditions being awaited; touched only by the loop thread. */
    private final List<Watch<?>> watches = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public EventLoop(String name, Clock clock, Waiter waiter, Pollable stack, Consumer<Throwable> crashes) {
        this.clock = clock;
        this.waiter = waiter;
        this.stack = stack;
        this.crashes = crashes;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    public EventLoop start() {
        thread.start();
        return this;
    }

    /** {@inheritDoc} Called from the loop itself, the task runs at once. */
    @Override
    public <T> T call(LongFunction<T> task) throws InterruptedException {
        if (inLoop()) {
            return task.apply(clock.now());
        }
        return unwrap(submit(task));
    }

    @Override
    public <T> T await(long timeoutMicros, LongFunction<T> probe) throws InterruptedException {
        if (inLoop()) {
            throw new IllegalStateException("the event loop cannot wait for itself");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(now -> watches.add(new Watch<>(probe, Micros.plus(now, timeoutMicros), result)));
        try {
            return unwrap(result);
        } finally {
            // Cancelled (Ctrl-C) or done: either way the loop drops the watch at its next look.
            result.cancel(false);
        }
    }

    /** Queues {@code task} on the loop and returns at once. */
    public <T> CompletableFuture<T> submit(LongFunction<T> task) {
        Task<T> queued = new Task<>(task, new CompletableFuture<>());
        tasks.add(queued);
        if (running) {
            waiter.wakeUp();
        } else {
            failLeftovers();
        }
        return queued.result;
    }

    /** Whether the calling thread is the loop's own. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        while (running) {
            for (Task<?> task; (task = tasks.poll()) != null; ) {
                task.run(clock.now());
            }
            long next;
            try {
                stack.poll(clock.now());
                next = stack.pollAt(clock.now());
            } catch (RuntimeException | Error e) {
                crashes.accept(e);
                next = Micros.plus(clock.now(), Micros.ofMillis(100));
            }
            next = Math.min(next, checkWatches(clock.now()));
            if (!tasks.isEmpty()) {
                continue;
            }
            try {
                // The deadline is on the stack's clock; the sleep is in real time (a topology's clock may run at another speed).
                waiter.await(Math.min(MAX_SLEEP, clock.realMicros(Math.max(0, next - clock.now()))));
            } catch (InterruptedException e) {
                running = false;
            }
        }
        for (Watch<?> watch : watches) {
            watch.result.completeExceptionally(new IllegalStateException("the event loop has stopped"));
        }
        failLeftovers();
    }

    /** Completes the watches that are satisfied or out of time; returns the earliest deadline left. */
    private long checkWatches(long now) {
        long earliest = Micros.NEVER;
        for (int i = watches.size() - 1; i >= 0; i--) {
            Watch<?> watch = watches.get(i);
            if (watch.settle(now)) {
                watches.remove(i);
            } else {
                earliest = Math.min(earliest, watch.deadline);
            }
        }
        return earliest;
    }

    /** Tasks that arrive once the loop has stopped fail instead of waiting for ever. */
    private void failLeftovers() {
        for (Task<?> task; (task = tasks.poll()) != null; ) {
            task.result.completeExceptionally(new IllegalStateException("the event loop has stopped"));
        }
    }

    private static <T> T unwrap(CompletableFuture<T> result) throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private record Task<T>(LongFunction<T> body, CompletableFuture<T> result) {
        void run(long now) {
            try {
                result.complete(body.apply(now));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }
    }

    private record Watch<T>(LongFunction<T> probe, long deadline, CompletableFuture<T> result) {
        /** Whether this watch is finished: cancelled, satisfied, failed or out of time. */
        boolean settle(long now) {
            if (result.isDone()) {
                return true;
            }
            T value;
            try {
                value = probe.apply(now);
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
                return true;
            }
            if (value != null || now >= deadline) {
                result.complete(value);
                return true;
            }
            return false;
        }
    }

    /** Stops the loop and waits for its thread to end; tasks not yet run fail. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        waiter.wakeUp();
        if (thread.isAlive()) {
            thread.join(5_000);
        }
        failLeftovers();
    }
}

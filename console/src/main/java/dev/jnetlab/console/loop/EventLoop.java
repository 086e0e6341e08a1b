package dev.jnetlab.console.loop;

import dev.jnetlab.stack.time.Clock;
import dev.jnetlab.stack.time.Micros;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The one thread that owns the stack (DESIGN §2). Other threads never touch stack objects:
 * they {@link #call} a task, which runs on the loop between two polls and hands its result
 * back. Between polls the loop sleeps in its {@link Waiter} until a frame arrives, the
 * stack's next deadline passes, or a task is submitted.
 *
 * <p>A task or a poll that throws does not end the loop: the failure goes back to the caller
 * (a task) or to the crash handler (a poll), and the loop goes on.
 */
public final class EventLoop implements AutoCloseable {
    /** The longest the loop sleeps without looking at its clock, so a stopped loop never hangs. */
    private static final long MAX_SLEEP = Micros.ofSeconds(1);

    private final Clock clock;
    private final Waiter waiter;
    private final Pollable stack;
    private final Consumer<Throwable> crashes;
    private final ConcurrentLinkedQueue<Task<?>> tasks = new ConcurrentLinkedQueue<>();
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

    /**
     * Runs {@code task} on the loop with the loop's {@code now} and waits for its result.
     * An exception thrown by the task is rethrown here as the cause of an ExecutionException.
     * Called from the loop itself, the task runs at once.
     */
    public <T> T call(LongFunction<T> task) throws InterruptedException, ExecutionException {
        if (Thread.currentThread() == thread) {
            return task.apply(clock.now());
        }
        return submit(task).get();
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
            long now = clock.now();
            long next;
            try {
                stack.poll(now);
                next = stack.pollAt(clock.now());
            } catch (RuntimeException | Error e) {
                crashes.accept(e);
                next = Micros.plus(clock.now(), Micros.ofMillis(100));
            }
            if (!tasks.isEmpty()) {
                continue;
            }
            try {
                waiter.await(Math.min(MAX_SLEEP, Math.max(0, next - clock.now())));
            } catch (InterruptedException e) {
                running = false;
            }
        }
        failLeftovers();
    }

    /** Tasks that arrive once the loop has stopped fail instead of waiting for ever. */
    private void failLeftovers() {
        for (Task<?> task; (task = tasks.poll()) != null; ) {
            task.result.completeExceptionally(new IllegalStateException("the event loop has stopped"));
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

package dev.jnetlab.console.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Collects lines from any thread (trace lines, data on watched sockets, ping replies) and
 * hands them to the terminal in batches, so that a burst of a thousand frames costs a few
 * redraws of the prompt, not a thousand (JLine's {@code LineReader.printAbove} redraws the
 * line being typed each time it is called).
 *
 * <p>A batch is printed at most {@code interval} after its first line arrived. Lines beyond
 * {@code capacity} waiting at once are dropped and counted, so a runaway trace can neither
 * exhaust memory nor block the event loop; the next batch says how many were lost. A
 * command's result ({@link #printResult}) is never dropped, and is printed before the call
 * returns, after every line queued before it.
 */
public final class BatchingPrinter implements AutoCloseable {
    private final Consumer<String> terminal;
    private final long intervalNanos;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Condition printed = lock.newCondition();
    private final Thread flusher;
    private List<String> pending = new ArrayList<>();
    private long dropped;
    /** Where in the pending lines the first dropped line would have been: where the note about them goes. */
    private int droppedAt;
    /** Lines queued, and lines handed to the terminal, since the start: a flush waits for the second to reach the first. */
    private long queuedCount;
    private long printedCount;
    private boolean urgent;
    private boolean closed;

    /**
     * @param terminal prints one batch (lines joined by newlines) above the prompt
     * @param interval longest delay of a line, in milliseconds
     * @param capacity most lines waiting at once
     */
    public BatchingPrinter(Consumer<String> terminal, long interval, int capacity) {
        this.terminal = terminal;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(interval);
        this.capacity = capacity;
        this.flusher = new Thread(this::run, "output");
        this.flusher.setDaemon(true);
        this.flusher.start();
    }

    /** Queues one line; never blocks for long, whatever the terminal is doing. */
    public void println(String line) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (pending.size() >= capacity) {
                if (dropped++ == 0) {
                    droppedAt = pending.size();
                }
                return;
            }
            add(line);
        } finally {
            lock.unlock();
        }
    }

    private void add(String line) {
        pending.add(line);
        queuedCount++;
        if (pending.size() == 1) {
            arrived.signal();
        }
    }

    /** Prints {@code text} after everything queued so far, whatever the capacity, and returns once it is printed. */
    public void printResult(String text) {
        lock.lock();
        try {
            if (closed) {
                terminal.accept(text);
                return;
            }
            add(text);
        } finally {
            lock.unlock();
        }
        flush();
    }

    /** Returns once every line queued before the call has been handed to the terminal (or the printer has closed). */
    public void flush() {
        lock.lock();
        try {
            long target = queuedCount;
            urgent = true;
            arrived.signalAll();
            boolean interrupted = false;
            while (printedCount < target && flusher.isAlive()) {
                try {
                    printed.awaitNanos(TimeUnit.MILLISECONDS.toNanos(100));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            List<String> batch;
            long lost;
            int lostAt;
            lock.lock();
            try {
                while (pending.isEmpty() && !closed) {
                    urgent = false;
                    arrived.awaitUninterruptibly();
                }
                if (pending.isEmpty()) {
                    printed.signalAll();
                    return;
                }
                // Let the batch gather for one interval before printing it, unless someone waits for it.
                long wait = intervalNanos;
                while (wait > 0 && !closed && !urgent) {
                    try {
                        wait = arrived.awaitNanos(wait);
                    } catch (InterruptedException e) {
                        break;
                    }
                }
                urgent = false;
                batch = pending;
                pending = new ArrayList<>();
                lost = dropped;
                lostAt = droppedAt;
                dropped = 0;
            } finally {
                lock.unlock();
            }
            if (lost > 0) {
                batch.add(lostAt, "(" + lost + " more lines were dropped: output could not keep up)");
            }
            try {
                terminal.accept(String.join("\n", batch));
            } finally {
                lock.lock();
                try {
                    printedCount += batch.size() - (lost > 0 ? 1 : 0);
                    printed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Prints what is waiting and stops. */
    @Override
    public void close() throws InterruptedException {
        lock.lock();
        try {
            closed = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        flusher.join(5_000);
    }
}

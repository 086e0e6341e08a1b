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
 * exhaust memory nor block the event loop; the next batch says how many were lost.
 */
public final class BatchingPrinter implements AutoCloseable {
    private final Consumer<String> terminal;
    private final long intervalNanos;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Thread flusher;
    private List<String> pending = new ArrayList<>();
    private long dropped;
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
                dropped++;
                return;
            }
            pending.add(line);
            if (pending.size() == 1) {
                arrived.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            List<String> batch;
            long lost;
            lock.lock();
            try {
                while (pending.isEmpty() && !closed) {
                    arrived.awaitUninterruptibly();
                }
                if (pending.isEmpty()) {
                    return;
                }
                // Let the batch gather for one interval before printing it.
                long wait = intervalNanos;
                while (wait > 0 && !closed) {
                    try {
                        wait = arrived.awaitNanos(wait);
                    } catch (InterruptedException e) {
                        break;
                    }
                }
                batch = pending;
                pending = new ArrayList<>();
                lost = dropped;
                dropped = 0;
            } finally {
                lock.unlock();
            }
            if (lost > 0) {
                batch.add("(" + lost + " more lines were dropped: output could not keep up)");
            }
            terminal.accept(String.join("\n", batch));
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

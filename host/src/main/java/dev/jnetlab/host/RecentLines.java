package dev.jnetlab.host;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An {@link Output} that passes every line on and keeps the last {@link #capacity()} of them,
 * for the pictures that show what was said (the report's trace, the web view): the trace lines,
 * the watches, the labs' words. Lines come from the stack's thread and are read from others, so
 * it is thread-safe; a listener (the web view while someone watches) hears each line as it comes.
 */
public final class RecentLines implements Output {
    public static final int DEFAULT_CAPACITY = 200;

    private final Output next;
    private final int capacity;
    private final ArrayDeque<String> lines;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public RecentLines(Output next) {
        this(next, DEFAULT_CAPACITY);
    }

    public RecentLines(Output next, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("keeps at least one line, not " + capacity);
        }
        this.next = Objects.requireNonNull(next, "next");
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    @Override
    public void println(String line) {
        synchronized (lines) {
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
        for (Consumer<String> listener : listeners) {
            listener.accept(line);
        }
        next.println(line);
    }

    public int capacity() {
        return capacity;
    }

    /** The lines kept, oldest first. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Hears every line from now on, on the thread that prints it: it must be quick. */
    public void listen(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void unlisten(Consumer<String> listener) {
        listeners.remove(listener);
    }
}

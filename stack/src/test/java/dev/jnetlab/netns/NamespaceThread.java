package dev.jnetlab.netns;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One thread that has entered a network namespace with {@code setns(2)}. Code run on it
 * sees the namespace's interfaces: a tap opened here (the open of /dev/net/tun binds the
 * file to the caller's namespace) or an AF_PACKET socket made here belongs to the
 * namespace, and its descriptor then works from any thread of the process.
 * setns(2) with CLONE_NEWNET affects only the calling thread, so the rest of the JVM stays
 * in its own namespace.
 */
final class NamespaceThread implements AutoCloseable {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    static {
        Native.register("c");
    }

    private static native int open(String path, int flags) throws LastErrorException;

    private static native int setns(int fd, int nstype) throws LastErrorException;

    private static native int close(int fd) throws LastErrorException;

    private final ExecutorService executor;

    NamespaceThread(String namespace) {
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "netns-" + namespace);
            thread.setDaemon(true);
            return thread;
        });
        run(() -> {
            int fd = open("/var/run/netns/" + namespace, O_RDONLY | O_CLOEXEC);
            try {
                setns(fd, CLONE_NEWNET);
            } finally {
                close(fd);
            }
            return null;
        });
    }

    <T> T run(Callable<T> task) {
        return run(task, java.time.Duration.ofSeconds(30));
    }

    /** As {@link #run(Callable)}, for a task that may take up to {@code timeout} (a lab that waits for timers). */
    <T> T run(Callable<T> task, java.time.Duration timeout) {
        Future<T> result = executor.submit(task);
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("inside the namespace: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted inside the namespace", e);
        } catch (java.util.concurrent.TimeoutException e) {
            result.cancel(true);
            throw new IllegalStateException("a task inside the namespace took more than " + timeout.toSeconds() + " s", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

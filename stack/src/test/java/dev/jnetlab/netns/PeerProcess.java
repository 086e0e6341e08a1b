package dev.jnetlab.netns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A long-running peer program inside a namespace (a {@code socat} server, a {@code tcpdump}).
 * Its output is collected in the background; closing it ends the process this harness
 * started — by its own handle, never by name.
 */
public final class PeerProcess implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread stdoutPump;
    private final Thread stderrPump;

    PeerProcess(List<String> command, Process process) {
        this.command = List.copyOf(command);
        this.process = process;
        this.stdoutPump = pump(process.getInputStream(), stdout, "stdout");
        this.stderrPump = pump(process.getErrorStream(), stderr, "stderr");
    }

    private Thread pump(InputStream from, ByteArrayOutputStream to, String what) {
        Thread thread = new Thread(() -> {
            byte[] chunk = new byte[8192];
            try (from) {
                for (int n; (n = from.read(chunk)) > 0; ) {
                    synchronized (to) {
                        to.write(chunk, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // The process ended and its pipe closed under us: what was read is kept.
            }
        }, "peer-" + what + "-" + process.pid());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The peer's standard input, e.g. to feed a {@code socat -} client. */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    public String stdout() {
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.UTF_8);
        }
    }

    public String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits for the process to end by itself, at most {@code timeout}; fails the test if it does not. */
    public PeerResult await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError(String.join(" ", command) + " did not end within " + timeout
                        + "\n--- stdout ---\n" + stdout() + "--- stderr ---\n" + stderr());
            }
            stdoutPump.join(timeout.toMillis());
            stderrPump.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + command, e);
        }
        return new PeerResult(command, process.exitValue(), stdout(), stderr());
    }

    /** Ends the process (SIGTERM, then SIGKILL after a second) and its children, by handle. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(1, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

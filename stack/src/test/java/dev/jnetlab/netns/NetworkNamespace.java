package dev.jnetlab.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace made by a test, for a test, and always removed afterwards (ARCHITECTURE.md §7):
 * no frame a test sends can leave it.
 *
 * <p>{@link #withTap()} gives the layout every real-peer test starts from: {@code lo} up and a
 * tap device {@value #TAP} whose kernel side is the peer host {@value #HOST_ADDRESS}/24, while
 * the stack under test, attached to the tap's descriptor, plays {@value #STACK_ADDRESS}.
 * IPv6 is off inside, so the kernel sends the tap nothing the test did not cause (no router
 * solicitations, no MLD reports).
 */
public final class NetworkNamespace implements AutoCloseable {
    public static final String TAP = "tap0";
    public static final String HOST_ADDRESS = "192.168.69.100";
    public static final String STACK_ADDRESS = "192.168.69.1";
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private static final String PREFIX = "jnetlab-";
    private static final Path NETNS_DIR = Path.of("/var/run/netns");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;
    private final List<PeerProcess> processes = new ArrayList<>();
    private NamespaceThread thread;
    private boolean closed;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /**
     * A fresh, empty namespace with {@code lo} up, named {@code jnetlab-PID-N}, and {@code -TAG}
     * after it when the system property {@code jnetlab.netns.tag} is set (a branch's name, so that
     * engineers sharing a machine tell their namespaces apart).
     */
    public static NetworkNamespace create() {
        removeOrphans();
        String tag = System.getProperty("jnetlab.netns.tag", "");
        NetworkNamespace namespace = new NetworkNamespace(
                PREFIX + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + (tag.isEmpty() ? "" : "-" + tag));
        host(List.of("ip", "netns", "add", namespace.name));
        try {
            namespace.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1").assertSuccess();
            namespace.exec("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1").assertSuccess();
            namespace.exec("ip", "link", "set", "lo", "up").assertSuccess();
        } catch (RuntimeException | AssertionError e) {
            namespace.close();
            throw e;
        }
        return namespace;
    }

    /** A fresh namespace holding tap {@value #TAP}, up, with the peer host's address on it. */
    public static NetworkNamespace withTap() {
        NetworkNamespace namespace = create();
        try {
            namespace.exec("ip", "tuntap", "add", "name", TAP, "mode", "tap").assertSuccess();
            namespace.exec("ip", "addr", "add", HOST_ADDRESS + "/24", "dev", TAP).assertSuccess();
            namespace.exec("ip", "link", "set", TAP, "up").assertSuccess();
        } catch (RuntimeException | AssertionError e) {
            namespace.close();
            throw e;
        }
        return namespace;
    }

    public String name() {
        return name;
    }

    /** Runs a peer command inside the namespace and waits for it, at most {@link #COMMAND_TIMEOUT}. */
    public PeerResult exec(String... command) {
        return exec(COMMAND_TIMEOUT, command);
    }

    /** Runs a peer command inside the namespace; a command still running after {@code timeout} is ended and fails the test. */
    public PeerResult exec(Duration timeout, String... command) {
        try (PeerProcess process = start(List.of(command))) {
            return process.await(timeout);
        }
    }

    /** Starts a long-running peer program inside the namespace; it is ended, at the latest, with the namespace. */
    public PeerProcess spawn(String... command) {
        PeerProcess process = start(List.of(command));
        synchronized (processes) {
            processes.add(process);
        }
        return process;
    }

    private PeerProcess start(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        try {
            return new PeerProcess(full, new ProcessBuilder(full).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", full), e);
        }
    }

    /** Waits, at most five seconds, until a peer program listens on TCP {@code port}, as ss(8) sees it. */
    public void awaitTcpListener(int port) {
        awaitListener("-ltnH", port);
    }

    /** Waits, at most five seconds, until a peer program has bound UDP {@code port}, as ss(8) sees it. */
    public void awaitUdpListener(int port) {
        awaitListener("-lunH", port);
    }

    private void awaitListener(String ssOptions, int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (exec("ss", ssOptions, "sport = :" + port).assertSuccess().stdout().isBlank()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing listens on port " + port + " in " + name);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for port " + port, e);
            }
        }
    }

    /**
     * Runs {@code task} on a thread that has entered this namespace, so that a tap or raw
     * socket it opens belongs here. The descriptors it returns work from any thread.
     */
    public synchronized <T> T inside(Callable<T> task) {
        return inside(task, Duration.ofSeconds(30));
    }

    /** As {@link #inside(Callable)}, for a task that may run up to {@code timeout}. */
    public synchronized <T> T inside(Callable<T> task, Duration timeout) {
        if (thread == null) {
            thread = new NamespaceThread(name);
        }
        return thread.run(task, timeout);
    }

    /** Whether the namespace still exists, as {@code ip netns} sees it. */
    public boolean exists() {
        return Files.exists(NETNS_DIR.resolve(name));
    }

    /** Ends every peer program started here, leaves the namespace and deletes it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (processes) {
            processes.forEach(PeerProcess::close);
            processes.clear();
        }
        if (thread != null) {
            thread.close();
        }
        host(List.of("ip", "netns", "del", name));
    }

    /** Deletes namespaces left by a test JVM that was killed before it could clean up. */
    private static void removeOrphans() {
        if (!Files.isDirectory(NETNS_DIR)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(NETNS_DIR, PREFIX + "*")) {
            for (Path entry : entries) {
                String[] parts = entry.getFileName().toString().split("-");
                if (parts.length >= 3 && parts[1].matches("\\d+") && parts[2].matches("\\d+")
                        && ProcessHandle.of(Long.parseLong(parts[1])).isEmpty()) {
                    host(List.of("ip", "netns", "del", entry.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void host(List<String> command) {
        try (PeerProcess process = new PeerProcess(command, new ProcessBuilder(command).start())) {
            process.await(COMMAND_TIMEOUT).assertSuccess();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        }
    }

    @Override
    public String toString() {
        return "netns " + name;
    }
}

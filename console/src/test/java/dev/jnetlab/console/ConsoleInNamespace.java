package dev.jnetlab.console;

import dev.jnetlab.netns.NetworkNamespace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What a test of {@code jnetlab tap0} against real peers needs: {@code Main.run} on a thread
 * that has entered the test's namespace (as the launcher would run there), its output and
 * errors kept, and a wait with a timeout for what the output should come to say.
 */
abstract class ConsoleInNamespace {
    protected final ByteArrayOutputStream out = new ByteArrayOutputStream();
    protected final ByteArrayOutputStream err = new ByteArrayOutputStream();

    protected CompletableFuture<Integer> jnetlab(NetworkNamespace ns, String... args) {
        return jnetlab(ns, java.time.Duration.ofSeconds(30), args);
    }

    /** As {@link #jnetlab(NetworkNamespace, String...)}, for a run that may take up to {@code timeout}. */
    protected CompletableFuture<Integer> jnetlab(NetworkNamespace ns, java.time.Duration timeout, String... args) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                exit.complete(ns.inside(() -> Main.run(List.of(args), new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                        timeout));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "jnetlab");
        thread.start();
        return exit;
    }

    protected String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    protected void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + "; out:\n" + out() + "\nerr:\n" + err);
            }
            Thread.sleep(20);
        }
    }
}

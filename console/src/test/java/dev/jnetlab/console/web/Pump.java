package dev.jnetlab.console.web;

import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.driver.StackDriver;
import dev.jnetlab.stack.time.Micros;
import java.util.function.LongFunction;

/**
 * Moves a {@link VirtualConsole}'s clock on from the test's thread while a browser watches,
 * so that the web view's pushes (which run on the stack between polls) find a live stack, and
 * runs commands on it. One lock: a command, a step of the clock and the web view's reading of
 * the stack ({@link #session()}) never overlap, as on the console's one event loop.
 */
final class Pump implements AutoCloseable {
    private final VirtualConsole console;
    private final Thread thread;
    private volatile boolean running = true;

    Pump(VirtualConsole console) {
        this.console = console;
        this.thread = new Thread(this::loop, "pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            synchronized (console) {
                console.idle(Micros.ofMillis(10));
            }
            try {
                // Pacing only, so that the pump leaves the machine's cores to the browser; nothing waits on it.
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A session over the console's network whose every call to the stack takes the lock: the web view's. */
    Session session() {
        Network network = console.stack((n, now) -> n);
        StackDriver shared = console.session().driver();
        StackDriver locked = new StackDriver() {
            @Override
            public <T> T call(LongFunction<T> task) throws InterruptedException {
                synchronized (console) {
                    return shared.call(task);
                }
            }

            @Override
            public <T> T await(long timeoutMicros, LongFunction<T> probe) throws InterruptedException {
                synchronized (console) {
                    return shared.await(timeoutMicros, probe);
                }
            }
        };
        return new Session(locked, line -> { }, network);
    }

    void run(String line) {
        synchronized (console) {
            console.ok(line);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}

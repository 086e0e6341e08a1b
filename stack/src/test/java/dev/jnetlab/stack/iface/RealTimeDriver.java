package dev.jnetlab.stack.iface;

import dev.jnetlab.stack.phy.Device;
import dev.jnetlab.stack.phy.TapInterface;
import dev.jnetlab.stack.phy.Waitable;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.SystemClock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The smallest real-time event loop, for tests against the kernel: poll the interface on the
 * {@link SystemClock}, then sleep in {@link TapInterface#awaitReadable} until a frame comes or
 * the interface's next deadline, at most {@value #MAX_WAIT_MILLIS} ms so that the condition
 * (a peer process ending, say) is looked at again; always bounded by the caller's timeout.
 * The console has its own loop; this one lives in the tests. The stack may see the tap
 * through middleware (a fault injector): the driver then polls that, and waits on the tap.
 */
final class RealTimeDriver {
    static final long MAX_WAIT_MILLIS = 50;

    private final SystemClock clock = new SystemClock();
    private final Waitable tap;
    private final Device device;
    private final Interface iface;
    private final SocketSet sockets;

    RealTimeDriver(TapInterface tap, Interface iface, SocketSet sockets) {
        this(tap, tap, iface, sockets);
    }

    /** A driver that polls {@code device}, middleware over {@code tap}, and waits on the tap. */
    RealTimeDriver(Waitable tap, Device device, Interface iface, SocketSet sockets) {
        this.tap = tap;
        this.device = device;
        this.iface = iface;
        this.sockets = sockets;
    }

    long now() {
        return clock.now();
    }

    /** Drives the stack until {@code done} holds or {@code timeout} passes; returns whether it held. */
    boolean runUntil(BooleanSupplier done, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            iface.poll(clock.now(), device, sockets);
            if (done.getAsBoolean()) {
                return true;
            }
            long left = (end - System.nanoTime()) / 1_000;
            if (left <= 0) {
                return false;
            }
            long delay = iface.pollDelay(clock.now(), sockets);
            tap.awaitReadable(Math.min(delay, Math.min(left, Micros.ofMillis(MAX_WAIT_MILLIS))));
        }
    }
}

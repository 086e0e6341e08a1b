package dev.jnetlab.commands.testing;

import dev.jnetlab.host.driver.Pollable;
import dev.jnetlab.host.driver.StackDriver;
import dev.jnetlab.host.topology.SimulationClock;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import java.util.function.LongFunction;

/**
 * {@link dev.jnetlab.host.driver.VirtualDriver} for a topology: the stack is polled on its
 * {@link SimulationClock}, as the console's event loop polls it, while the real time below it
 * is a {@link VirtualClock} that jumps from deadline to deadline. Paused, real time passes
 * (a wait ends by its timeout, in real time) and the stack's does not.
 */
final class SimulationDriver implements StackDriver {
    private static final int MAX_POLLS_PER_WAIT = 1_000_000;
    private final VirtualClock real;
    private final SimulationClock clock;
    private final Pollable stack;

    SimulationDriver(VirtualClock real, SimulationClock clock, Pollable stack) {
        this.real = real;
        this.clock = clock;
        this.stack = stack;
    }

    @Override
    public <T> T call(LongFunction<T> task) {
        T result = task.apply(clock.now());
        stack.poll(clock.now());
        return result;
    }

    @Override
    public <T> T await(long timeoutMicros, LongFunction<T> probe) throws InterruptedException {
        long deadline = Micros.plus(real.now(), timeoutMicros);
        for (int polls = 0; polls < MAX_POLLS_PER_WAIT; polls++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("the wait was cancelled");
            }
            stack.poll(clock.now());
            T value = probe.apply(clock.now());
            if (value != null) {
                return value;
            }
            if (real.now() >= deadline) {
                return null;
            }
            long at = stack.pollAt(clock.now());
            long step = clock.paused() || at == Micros.NEVER ? deadline - real.now()
                    : Math.max(1, (long) Math.ceil((at - clock.now()) / clock.speed()));
            real.advanceTo(Math.min(deadline, Micros.plus(real.now(), Math.max(0, step))));
        }
        throw new IllegalStateException("the stack was polled " + MAX_POLLS_PER_WAIT + " times without the wait ending");
    }
}

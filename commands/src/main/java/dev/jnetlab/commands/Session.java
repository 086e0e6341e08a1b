package dev.jnetlab.commands;

import dev.jnetlab.host.Network;
import dev.jnetlab.host.Output;
import dev.jnetlab.host.driver.StackDriver;

/**
 * What commands work on: the network (reached only through {@link #stack} and
 * {@link #await}, which run on the stack's thread), and the output for lines that are not a
 * result (ping replies as they come, for example).
 *
 * <p>A command that opens a socket does it inside one call:
 * <pre>{@code
 * SocketHandle<UdpSocket> handle = session.stack((network, now) -> {
 *     UdpSocket socket = new UdpSocket();
 *     SocketHandle<UdpSocket> h = network.local().sockets().add(socket);
 *     try {
 *         socket.bind(port);
 *     } catch (SocketException.Bind e) {
 *         network.local().sockets().remove(h);
 *         throw new CommandException("PORT: " + e.getMessage());   // one line for the person
 *     }
 *     return h;
 * });
 * }</pre>
 * and waits for something on the stack's clock (so that Ctrl-C cancels it, and a test on a
 * virtual clock takes no time) with {@link #await}. A server or a watch is a
 * {@link dev.jnetlab.host.Service} added to a host inside such a call
 * ({@code network.peer().orElse(network.local()).addService(...)}); the event loop polls it
 * from then on.
 */
public final class Session {
    private final StackDriver driver;
    private final Output output;
    private final Network network;

    /** A session over a network. */
    public Session(StackDriver driver, Output output, Network network) {
        this.driver = driver;
        this.output = output;
        this.network = network;
    }

    /** A session with no network, for commands that need none (help, sleep, quit) and their tests. */
    public Session(StackDriver driver, Output output) {
        this(driver, output, null);
    }

    public StackDriver driver() {
        return driver;
    }

    public Output output() {
        return output;
    }

    /**
     * Runs {@code task} on the stack's thread with the network and the stack's {@code now},
     * and returns what it returns. A {@link CommandException} it throws is thrown here.
     */
    public <T> T stack(StackTask<T> task) throws CommandException, InterruptedException {
        Network on = requireNetwork();
        try {
            return driver.call(now -> carry(task, on, now));
        } catch (Carried carried) {
            throw carried.failure;
        }
    }

    /**
     * Waits until {@code probe}, run on the stack's thread after every poll, returns something
     * other than null, and returns it; null once {@code timeoutMicros} have passed on the
     * stack's clock. Ctrl-C ends the wait with InterruptedException. A
     * {@link CommandException} the probe throws is thrown here.
     */
    public <T> T await(long timeoutMicros, StackTask<T> probe) throws CommandException, InterruptedException {
        Network on = requireNetwork();
        try {
            return driver.await(timeoutMicros, now -> carry(probe, on, now));
        } catch (Carried carried) {
            throw carried.failure;
        }
    }

    private Network requireNetwork() {
        if (network == null) {
            throw new IllegalStateException("this session has no network");
        }
        return network;
    }

    private static <T> T carry(StackTask<T> task, Network network, long now) {
        try {
            return task.run(network, now);
        } catch (CommandException e) {
            throw new Carried(e);
        }
    }

    /** Work on the stack's thread. */
    @FunctionalInterface
    public interface StackTask<T> {
        T run(Network network, long now) throws CommandException;
    }

    /** A command's refusal, on its way from the stack's thread back to the command. */
    private static final class Carried extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient CommandException failure;

        Carried(CommandException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}

package dev.jnetlab.commands.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.standard.StandardCommands;
import dev.jnetlab.commands.text.CommandLineSplitter;
import dev.jnetlab.commands.text.SyntaxException;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.NetworkConfig;
import dev.jnetlab.host.driver.VirtualDriver;
import dev.jnetlab.stack.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;

/**
 * The console without a terminal, for tests: the virtual network (this host and the simulated
 * peer) driven by a {@link VirtualDriver}, every standard command registered, and the output
 * kept as a list of lines. Deterministic (seed 1 unless told) and as fast as the work: a
 * {@code ping -c 5} takes no real time.
 *
 * <pre>{@code
 * VirtualConsole console = new VirtualConsole();
 * Ping ping = console.ok("ping -c 3 192.168.69.100", Ping.class);
 * console.output();   // the reply lines, as they were printed
 * }</pre>
 */
public final class VirtualConsole {
    private final VirtualClock clock = new VirtualClock();
    private final List<String> lines = new ArrayList<>();
    private final Network network;
    private final dev.jnetlab.host.driver.StackDriver driver;
    private final Session session;
    private final CommandRegistry registry;

    public VirtualConsole() {
        this(NetworkConfig.defaults(1));
    }

    public VirtualConsole(NetworkConfig config) {
        this(config, StandardCommands.registry());
    }

    /** With the commands of {@code registry} (more than the standard ones: tcp, serve, lab ...). */
    public VirtualConsole(NetworkConfig config, CommandRegistry registry) {
        this.network = Network.virtual(config, this::println);
        this.driver = new VirtualDriver(clock, network);
        this.session = new Session(driver, this::println, network);
        this.registry = registry;
    }

    /** On the built-in topology {@code name} ({@code lan}, {@code routed}, {@code wan}), with the standard commands. */
    public VirtualConsole(String topology) {
        this(topology, NetworkConfig.defaults(1), StandardCommands.registry());
    }

    /** On the built-in topology {@code name}, with {@code config}'s seed and the commands of {@code registry}. */
    public VirtualConsole(String topology, NetworkConfig config, CommandRegistry registry) {
        this.network = Network.topology(config,
                dev.jnetlab.host.topology.BuiltinTopologies.named(topology).orElseThrow(), clock, this::println);
        this.driver = new SimulationDriver(clock, network.simulationClock().orElseThrow(), network);
        this.session = new Session(driver, this::println, network);
        this.registry = registry;
    }

    private synchronized void println(String line) {
        lines.add(line);
    }

    public VirtualClock clock() {
        return clock;
    }

    public Session session() {
        return session;
    }

    public CommandRegistry registry() {
        return registry;
    }

    /** Runs every command on {@code line} (split as the shell splits it) and returns the last outcome. */
    public Outcome run(String line) {
        List<List<String>> commands;
        try {
            commands = CommandLineSplitter.commands(line);
        } catch (SyntaxException e) {
            throw new AssertionError("not a command line: " + line + ": " + e.getMessage());
        }
        Outcome last = null;
        for (List<String> words : commands) {
            try {
                last = registry.run(words, session);
            } catch (InterruptedException e) {
                throw new AssertionError("interrupted", e);
            }
        }
        return last;
    }

    /** Runs {@code line}, which must succeed, and returns its result. */
    public CommandResult ok(String line) {
        Outcome outcome = run(line);
        if (outcome instanceof Outcome.Failure failure) {
            throw new AssertionError("'" + line + "' failed: " + failure.text());
        }
        return assertInstanceOf(Outcome.Success.class, outcome).result();
    }

    /** Runs {@code line}, which must succeed with a result of {@code type}. */
    public <T extends CommandResult> T ok(String line, Class<T> type) {
        return assertInstanceOf(type, ok(line));
    }

    /** Runs {@code line}, which must fail, and returns the failure. */
    public Outcome.Failure fails(String line) {
        return assertInstanceOf(Outcome.Failure.class, run(line), line);
    }

    /** Runs {@code line}, which must fail with exactly {@code message}. */
    public void failsWith(String line, String message) {
        assertEquals(message, fails(line).message(), line);
    }

    /** Runs work on the stack, as a command would. */
    public <T> T stack(Session.StackTask<T> task) {
        try {
            return session.stack(task);
        } catch (CommandException e) {
            throw new AssertionError(e.getMessage(), e);
        } catch (InterruptedException e) {
            throw new AssertionError("interrupted", e);
        }
    }

    /** Lets the stack run for {@code micros} of virtual time. */
    public void idle(long micros) {
        try {
            driver.await(micros, now -> null);
        } catch (InterruptedException e) {
            throw new AssertionError("interrupted", e);
        }
    }

    /** The output lines so far. */
    public synchronized List<String> output() {
        return List.copyOf(lines);
    }

    /** The output lines so far, forgetting them. */
    public synchronized List<String> takeOutput() {
        List<String> taken = List.copyOf(lines);
        lines.clear();
        return taken;
    }
}

package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.standard.StandardCommands;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.NetworkConfig;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.labs.Lab;
import dev.jnetlab.labs.LabStep;
import dev.jnetlab.labs.check.NetworkKind;
import dev.jnetlab.labs.engine.LabEngine;
import dev.jnetlab.labs.engine.LabProgress;
import dev.jnetlab.labs.format.LabCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A console on the virtual network with the labs installed, typed into as a student would:
 * each line run, then the engine's after-command hook (the console's own order). Socket names
 * in a lab's texts ({@code {tcp:7}}) are filled in as the engine shows them at that moment.
 */
final class LabConsole {
    /**
     * Where the labs' files ({@code {dir}}: the pcap lab's capture) go in this test run: a
     * directory of the run's own, removed when the run ends, so that parallel runs never share
     * a file. The consoles of one run follow each other, one test at a time.
     */
    private static final Path FILES = filesOfThisRun();

    private static Path filesOfThisRun() {
        try {
            Path directory = Files.createTempDirectory("jnetlab-labtest-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                } catch (IOException e) {
                    // A test run's temporary directory left behind is not worth failing the run for.
                }
            }));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    final VirtualConsole console;
    final LabEngine engine;
    final Network network;
    final List<String> printed = new ArrayList<>();
    /** A host to talk to before a lab (the peer, or h2 on routed) and the next hop towards it, which ARP resolves. */
    final String peer;
    final String nextHop;

    LabConsole(long seed) throws InterruptedException {
        console = new VirtualConsole(NetworkConfig.defaults(seed), StandardCommands.registry());
        network = console.stack((net, now) -> net);
        engine = ConsoleLabs.install(console.registry(), console.session(), NetworkKind.VIRTUAL, printed::add);
        engine.filesIn(FILES);
        peer = "192.168.69.100";
        nextHop = peer;
    }

    /**
     * On the built-in topology {@code topology} ({@code jnetlab --topology routed}); pmtu's hosts
     * have routed's addresses; on wan and dumbbell, h3 across the slow link, h1's gateway r1.
     */
    LabConsole(String topology, long seed) throws InterruptedException {
        console = new VirtualConsole(topology, NetworkConfig.defaults(seed), StandardCommands.registry());
        network = console.stack((net, now) -> net);
        engine = ConsoleLabs.install(console.registry(), console.session(), NetworkKind.TOPOLOGY, printed::add);
        engine.filesIn(FILES);
        if (topology.equals("wan") || topology.equals("dumbbell")) {
            peer = "10.2.0.13";
            nextHop = "10.1.0.1";
            return;
        }
        if (!topology.equals("routed") && !topology.equals("pmtu")) {
            throw new IllegalArgumentException("no lab runs on " + topology + " yet");
        }
        peer = "10.0.2.10";
        nextHop = "10.0.1.1";
    }

    /** The console a built-in lab runs in: on its topology, or on the virtual network. */
    static LabConsole forLab(String id, long seed) throws InterruptedException {
        java.util.Optional<String> topology = lab(id).setup().topology();
        return topology.isPresent() ? new LabConsole(topology.get(), seed) : new LabConsole(seed);
    }

    static Lab lab(String id) {
        try {
            return LabCatalog.builtIn().find(id);
        } catch (Exception e) {
            throw new AssertionError(id, e);
        }
    }

    /** Runs one line as typed (socket names filled in first); its outcome. */
    Outcome type(String line) throws InterruptedException {
        Outcome outcome = console.run(engine.resolve(console.session().driver(), line));
        engine.afterCommand(console.session().driver());
        return outcome;
    }

    /** Runs a line that must succeed. */
    void ok(String line) throws InterruptedException {
        Outcome outcome = type(line);
        if (outcome instanceof Outcome.Failure failure) {
            throw new AssertionError("'" + line + "' failed: " + failure.text());
        }
    }

    /** Runs a step's reference solution: every command a success, but those it says are meant to fail. */
    void solve(LabStep step) throws InterruptedException {
        for (String command : step.solution()) {
            Outcome outcome = type(command);
            if (step.fails().contains(command)) {
                assertInstanceOf(Outcome.Failure.class, outcome, () -> "'" + command + "' was meant to fail");
            } else if (outcome instanceof Outcome.Failure failure) {
                throw new AssertionError("'" + command + "' failed: " + failure.text());
            }
        }
    }

    /** Starts {@code id} and solves its steps up to {@code before} (exclusive), each done, then 'lab next'. */
    void reach(String id, int before) throws InterruptedException {
        Lab lab = lab(id);
        ok("lab start " + id);
        for (int number = 1; number < before; number++) {
            solve(lab.step(number));
            if (!stepDone()) {
                throw new AssertionError(id + " step " + number + " not done by its solution:\n" + console.ok("lab check").text());
            }
            ok("lab next");
        }
    }

    boolean stepDone() {
        return engine.progress().map(LabProgress::stepDone).orElse(false);
    }

    int step() {
        return engine.progress().orElseThrow().step();
    }

    String check() {
        return console.ok("lab check").text();
    }
}

package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.standard.StandardCommands;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.commands.text.CommandLineSplitter;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.NetworkConfig;
import dev.jnetlab.host.settings.SocketOption;
import dev.jnetlab.host.settings.SocketSettings;
import dev.jnetlab.labs.Lab;
import dev.jnetlab.labs.LabCatalog;
import dev.jnetlab.labs.LabStep;
import dev.jnetlab.labs.NetworkKind;
import dev.jnetlab.labs.engine.LabEngine;
import dev.jnetlab.labs.engine.LabProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in lab's reference solution, run as a person would type it on a fresh console on
 * the virtual network (seed 1): {@code lab start ID}; each step's commands, every one a
 * success, with the engine's after-command hook after each and its ticker polled beside the
 * stack while they wait; the step done; {@code lab next}; at the end the lab finished,
 * {@code lab stop}, and its setup taken back. So no lab can rot.
 * A command the lab marks as meant to fail ({@code fails:}, a connection refused by a closed
 * port) must fail.
 */
class LabSolutionsTest {
    static Stream<String> labs() throws Exception {
        return LabCatalog.builtIn().labs().stream().map(Lab::id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void theReferenceSolutionCompletesEveryStepAndStopLeavesNothingBehind(String id) throws Exception {
        Lab lab = LabCatalog.builtIn().find(id);
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(1), StandardCommands.registry());
        Network network = console.stack((net, now) -> net);
        List<String> printed = new ArrayList<>();
        LabEngine engine = ConsoleLabs.install(console.registry(), console.session(), NetworkKind.VIRTUAL, printed::add);

        assertEquals(Set.of(), missingCommands(lab, console.registry()), id + " names commands the console lacks");

        run(console, engine, "lab start " + id);
        for (int number = 1; number <= lab.steps().size(); number++) {
            LabStep step = lab.step(number);
            for (String command : step.solution()) {
                run(console, engine, command, step.fails().contains(command));
            }
            LabProgress progress = engine.progress().orElseThrow();
            assertEquals(number, progress.step());
            if (!progress.stepDone()) {
                throw new AssertionError(id + " step " + number + " (" + step.title() + ") is not done after its solution:\n"
                        + console.ok("lab check").text() + "\noutput:\n" + String.join("\n", console.output()));
            }
            if (number < lab.steps().size()) {
                run(console, engine, "lab next");
            }
        }
        assertTrue(engine.progress().orElseThrow().finished(), id + " finished");
        assertTrue(printed.stream().anyMatch(line -> !line.isBlank()), "step completions were printed");
        run(console, engine, "lab stop");

        assertTrue(engine.progress().isEmpty());
        assertTrue(network.link().faults().config().isOff(), "faults off");
        assertEquals(SocketSettings.DEFAULT, network.settings().effective());
        // The connections the solution opened may still be followed for tcp ladder; nothing else may listen.
        network.link().monitor().remove(network.ladders());
        assertFalse(network.link().monitor().isMonitoring(), "no frame observer of the lab left");
        for (String cidr : lab.setup().addresses()) {
            assertFalse(network.local().iface().addresses().toString().contains(cidr), cidr + " removed");
        }
    }

    /** What the tcp and serve commands read: a lab's TCP settings are the network's while it runs. */
    @org.junit.jupiter.api.Test
    void aLabsTcpSettingsAreTheNetworksWhileItRuns() throws Exception {
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(1), StandardCommands.registry());
        Network network = console.stack((net, now) -> net);
        LabEngine engine = ConsoleLabs.install(console.registry(), console.session(), NetworkKind.VIRTUAL, line -> { });
        run(console, engine, "lab start flow-control");
        assertEquals(SocketSettings.DEFAULT.with(SocketOption.SNDBUF, 64).with(SocketOption.RCVBUF, 64),
                network.settings().effective());
        assertEquals("lab", network.settings().origin(SocketOption.RCVBUF));
        run(console, engine, "lab start congestion");
        assertEquals(dev.jnetlab.stack.socket.tcp.CongestionControl.Algorithm.RENO.ordinal(),
                network.settings().effective().value(SocketOption.CC));
        assertEquals(SocketOption.RCVBUF.defaultValue(), network.settings().effective().value(SocketOption.RCVBUF),
                "flow-control's are gone");
        run(console, engine, "lab stop");
        assertEquals(SocketSettings.DEFAULT, network.settings().effective());
    }

    private static void run(VirtualConsole console, LabEngine engine, String line) throws InterruptedException {
        run(console, engine, line, false);
    }

    /** Runs one line; it must succeed, or fail when the lab says it is meant to (a refused connection). */
    private static void run(VirtualConsole console, LabEngine engine, String line, boolean meantToFail)
            throws InterruptedException {
        Outcome outcome = console.run(line);
        if (meantToFail) {
            assertInstanceOf(Outcome.Failure.class, outcome, () -> "'" + line + "' was meant to fail");
        } else if (outcome instanceof Outcome.Failure failure) {
            throw new AssertionError("'" + line + "' failed: " + failure.text());
        } else {
            assertInstanceOf(Outcome.Success.class, outcome, line);
        }
        engine.afterCommand(console.session().driver());
    }

    private static Set<String> missingCommands(Lab lab, CommandRegistry registry) {
        List<String> lines = new ArrayList<>(lab.setup().commands());
        lines.addAll(lab.setup().undoCommands());
        lab.steps().forEach(step -> lines.addAll(step.solution()));
        Set<String> missing = new TreeSet<>();
        for (String line : lines) {
            String name = first(line);
            if (!registry.names().contains(name)) {
                missing.add(name);
            }
        }
        return missing;
    }

    private static String first(String line) {
        try {
            return CommandLineSplitter.commands(line).get(0).get(0);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}

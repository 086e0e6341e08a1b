package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.StandardCommands;
import dev.jnetlab.commands.net.Network;
import dev.jnetlab.commands.net.NetworkConfig;
import dev.jnetlab.commands.net.TcpSettings;
import dev.jnetlab.commands.testing.VirtualConsole;
import dev.jnetlab.commands.text.CommandLineSplitter;
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
 *
 * <p>A lab whose commands the console does not have yet (the {@code tcp} and {@code serve}
 * commands), or whose solution talks to the peer's services while the peer runs none, is
 * skipped, and says what it waits for.
 */
class LabSolutionsTest {
    /** Commands whose solutions exchange data with the simulated peer's services (echo, discard, ...). */
    private static final Set<String> TALKS_TO_SERVICES = Set.of("udp", "tcp");

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

        Set<String> missing = missingCommands(lab, console.registry());
        assumeTrue(missing.isEmpty(), id + " waits for the console's " + String.join(", ", missing) + " command(s)");
        boolean talks = lab.steps().stream().flatMap(s -> s.solution().stream()).anyMatch(c -> TALKS_TO_SERVICES.contains(first(c)));
        assumeTrue(!talks || lab.setup().services().isEmpty() || !network.peer().orElseThrow().services().isEmpty(),
                id + " waits for the simulated peer's services " + lab.setup().services());

        run(console, engine, "lab start " + id);
        for (int number = 1; number <= lab.steps().size(); number++) {
            LabStep step = lab.step(number);
            for (String command : step.solution()) {
                run(console, engine, command);
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
        assertEquals(TcpSettings.DEFAULT, network.tcpSettings());
        assertFalse(network.link().monitor().isMonitoring(), "no frame observer left");
        for (String cidr : lab.setup().addresses()) {
            assertFalse(network.local().iface().addresses().toString().contains(cidr), cidr + " removed");
        }
    }

    /**
     * Of a lab that waits for commands, the steps before the first that needs them: these must
     * pass now ({@code fragmentation}'s fragments and reassembly timeouts, before its TCP step).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void theStepsBeforeTheFirstThatNeedsAMissingCommandPassAlready(String id) throws Exception {
        Lab lab = LabCatalog.builtIn().find(id);
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(1), StandardCommands.registry());
        Network network = console.stack((net, now) -> net);
        LabEngine engine = ConsoleLabs.install(console.registry(), console.session(), NetworkKind.VIRTUAL, line -> { });
        Lab setupOnly = lab;
        assumeTrue(!missingCommands(lab, console.registry()).isEmpty(), id + " needs no command the console lacks");
        List<String> setup = new ArrayList<>(setupOnly.setup().commands());
        setup.addAll(setupOnly.setup().undoCommands());
        assumeTrue(setup.stream().allMatch(c -> console.registry().names().contains(first(c))),
                id + "'s setup needs a missing command");
        boolean peerServices = !network.peer().orElseThrow().services().isEmpty();
        int ready = 0;
        for (LabStep step : lab.steps()) {
            boolean runnable = step.solution().stream().allMatch(c -> console.registry().names().contains(first(c))
                    && (peerServices || lab.setup().services().isEmpty() || !TALKS_TO_SERVICES.contains(first(c))));
            if (!runnable) {
                break;
            }
            ready++;
        }
        assumeTrue(ready > 0, id + ": its first step needs what is missing");

        run(console, engine, "lab start " + id);
        for (int number = 1; number <= ready; number++) {
            for (String command : lab.step(number).solution()) {
                run(console, engine, command);
            }
            if (!engine.progress().orElseThrow().stepDone()) {
                throw new AssertionError(id + " step " + number + " is not done after its solution:\n"
                        + console.ok("lab check").text());
            }
            if (number < lab.steps().size()) {
                run(console, engine, "lab next");
            }
        }
        run(console, engine, "lab stop");
        assertTrue(network.link().faults().config().isOff(), "faults off");
    }

    /**
     * udp-socat against a stand-in for the peer's UDP echo (RFC 862) on port 7, until the
     * peer's own services land: the lab file and the udp commands agree already.
     */
    @org.junit.jupiter.api.Test
    void udpSocatPassesAgainstAStandInUdpEchoOnThePeer() throws Exception {
        Lab lab = LabCatalog.builtIn().find("udp-socat");
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(1), StandardCommands.registry());
        Network network = console.stack((net, now) -> net);
        assumeTrue(network.peer().orElseThrow().services().isEmpty(), "the peer runs its own services: the test above runs it");
        console.stack((net, now) -> {
            net.peer().orElseThrow().addService(new UdpEcho(net.peer().orElseThrow()));
            return null;
        });
        List<String> printed = new ArrayList<>();
        LabEngine engine = ConsoleLabs.install(console.registry(), console.session(), NetworkKind.VIRTUAL, printed::add);
        run(console, engine, "lab start udp-socat");
        for (int number = 1; number <= lab.steps().size(); number++) {
            for (String command : lab.step(number).solution()) {
                run(console, engine, command);
            }
            if (!engine.progress().orElseThrow().stepDone()) {
                throw new AssertionError("udp-socat step " + number + " is not done after its solution:\n"
                        + console.ok("lab check").text() + "\noutput:\n" + String.join("\n", console.output()));
            }
            if (number < lab.steps().size()) {
                run(console, engine, "lab next");
            }
        }
        assertTrue(engine.progress().orElseThrow().finished());
        run(console, engine, "lab stop");
        assertTrue(engine.progress().isEmpty());
    }

    /** What the tcp and serve commands read: a lab's TCP settings are the network's while it runs. */
    @org.junit.jupiter.api.Test
    void aLabsTcpSettingsAreTheNetworksWhileItRuns() throws Exception {
        VirtualConsole console = new VirtualConsole(NetworkConfig.defaults(1), StandardCommands.registry());
        Network network = console.stack((net, now) -> net);
        LabEngine engine = ConsoleLabs.install(console.registry(), console.session(), NetworkKind.VIRTUAL, line -> { });
        run(console, engine, "lab start flow-control");
        assertEquals(new TcpSettings(java.util.OptionalInt.of(64), java.util.OptionalInt.of(64), java.util.Optional.empty()),
                network.tcpSettings());
        run(console, engine, "lab start congestion");
        assertEquals(java.util.Optional.of(dev.jnetlab.stack.socket.tcp.CongestionControl.Algorithm.RENO),
                network.tcpSettings().congestion());
        assertEquals(java.util.OptionalInt.empty(), network.tcpSettings().receiveBuffer(), "flow-control's are gone");
        run(console, engine, "lab stop");
        assertEquals(TcpSettings.DEFAULT, network.tcpSettings());
    }

    /** The peer's UDP echo, minimal: every datagram to port 7 goes back to its sender. */
    private static final class UdpEcho implements dev.jnetlab.commands.net.Service {
        private final dev.jnetlab.stack.socket.UdpSocket socket = new dev.jnetlab.stack.socket.UdpSocket();

        UdpEcho(dev.jnetlab.commands.net.Host host) {
            host.sockets().add(socket);
            try {
                socket.bind(7);
            } catch (dev.jnetlab.stack.socket.SocketException.Bind e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public String name() {
            return "udp-echo (test)";
        }

        @Override
        public void poll(long now) {
            try {
                while (socket.canRecv()) {
                    dev.jnetlab.stack.socket.UdpDatagram datagram = socket.recvFrom();
                    socket.sendTo(datagram.remote(), datagram.data(), 0, datagram.length());
                }
            } catch (dev.jnetlab.stack.socket.SocketException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void run(VirtualConsole console, LabEngine engine, String line) throws InterruptedException {
        Outcome outcome = console.run(line);
        if (outcome instanceof Outcome.Failure failure) {
            throw new AssertionError("'" + line + "' failed: " + failure.text());
        }
        assertInstanceOf(Outcome.Success.class, outcome, line);
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

package dev.jnetlab.labs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.text.CommandLineSplitter;
import dev.jnetlab.host.Network;
import dev.jnetlab.host.NetworkConfig;
import dev.jnetlab.host.settings.SocketOption;
import dev.jnetlab.host.settings.SocketSettings;
import dev.jnetlab.labs.Lab;
import dev.jnetlab.labs.LabStep;
import dev.jnetlab.labs.format.LabCatalog;
import dev.jnetlab.stack.iface.NeighborState;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.FaultScope;
import dev.jnetlab.stack.socket.SocketSummary;
import dev.jnetlab.stack.wire.MacAddress;
import dev.jnetlab.labs.engine.LabResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in lab's reference solution, run as a person would type it on the virtual
 * network: {@code lab start ID}; each step's commands, every one a success (but those the lab
 * marks as meant to fail), with the engine's after-command hook after each and its ticker
 * polled beside the stack while they wait; the step done; {@code lab next}; at the end the lab
 * finished and everything it changed put back. So no lab can rot, none depends on luck (50
 * seeds of the fault injector and the ISNs), and none depends on a fresh console.
 */
class LabSolutionsTest {
    static Stream<String> labs() throws Exception {
        return LabCatalog.builtIn().labs().stream().map(Lab::id);
    }

    /** Solves every step of {@code id}; fails with the step that was not done. */
    private static void solveAll(LabConsole c, String id) throws InterruptedException {
        Lab lab = LabConsole.lab(id);
        c.ok("lab start " + id);
        for (int number = 1; number <= lab.steps().size(); number++) {
            LabStep step = lab.step(number);
            c.solve(step);
            assertEquals(number, c.step());
            if (!c.stepDone()) {
                throw new AssertionError(id + " step " + number + " (" + step.title() + ") is not done after its solution:\n"
                        + c.check() + "\noutput:\n" + String.join("\n", c.console.output()));
            }
            if (number < lab.steps().size()) {
                c.ok("lab next");
            }
        }
        assertTrue(c.engine.progress().orElseThrow().finished(), id + " finished");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void theReferenceSolutionCompletesEveryStepAndTheEndLeavesNothingBehind(String id) throws Exception {
        LabConsole c = LabConsole.forLab(id, 1);
        Lab lab = LabConsole.lab(id);
        assertEquals(Set.of(), missingCommands(lab, c.console.registry()), id + " names commands the console lacks");

        solveAll(c, id);
        assertTrue(c.printed.stream().anyMatch(line -> !line.isBlank()), "step completions were printed");

        // The end put back what the lab changed, before any lab stop.
        assertTrue(c.network.link().faults().config().isOff(), "faults off");
        assertEquals(SocketSettings.DEFAULT, c.network.settings().effective());
        assertFalse(c.network.link().capture().capture().isPresent(), "no capture left running");
        assertEquals(List.of(), statics(c), "no static ARP entry left");
        c.ok("lab stop");
        c.console.idle(2_000_000);
        // The DHCP client's and the resolver's own sockets are theirs, not the lab's: they stay, working.
        assertEquals(List.of(), c.console.stack((net, now) -> net.local().sockets().summaries().stream()
                        .filter(s -> net.local().services().stream().noneMatch(service -> service.owns(s.handle())))
                        .toList()),
                "lab stop closed the lab's sockets");
        assertTrue(c.engine.progress().isEmpty());
        // The connections the solution opened may still be followed for tcp ladder; nothing else may listen.
        c.network.link().monitor().remove(c.network.ladders());
        // The DHCP client listens for ARP conflicts as long as it runs, which is not the lab's doing.
        dev.jnetlab.commands.dhcp.DhcpClientService.find(c.network).ifPresent(client -> c.network.link().monitor().remove(client));
        assertFalse(c.network.link().monitor().isMonitoring(), "no frame observer of the lab left");
        for (String cidr : lab.setup().addresses()) {
            assertFalse(c.network.local().iface().addresses().toString().contains(cidr), cidr + " removed");
        }
    }

    /** Labs that depend on chance make it happen: the solution passes whatever the seed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void theReferenceSolutionPassesForFiftySeeds(String id) throws Exception {
        List<Long> failed = new ArrayList<>();
        for (long seed = 1; seed <= 50; seed++) {
            LabConsole c = LabConsole.forLab(id, seed);
            try {
                solveAll(c, id);
            } catch (AssertionError e) {
                failed.add(seed);
            }
        }
        assertEquals(List.of(), failed, id + ": the seeds whose run of the solution failed");
    }

    /**
     * A console already used (sockets open, a ping made, a wrong static ARP entry, faults on ICMP
     * only, IPv6 on with fd00::1 and, on the virtual network, the peer in the neighbor cache):
     * the lab begins from its own state, its solution still passes with the handles the
     * student's commands return, and 'lab stop' gives the console back as it was.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void inAConsoleAlreadyUsedTheLabStartsCleanAndGivesItBackAsItWas(String id) throws Exception {
        LabConsole c = LabConsole.forLab(id, 4);
        c.ok("udp bind 4000");
        c.ok("tcp connect " + c.peer + ":7");
        c.ok("ping -c 3 " + c.peer);
        c.ok("arp add " + c.nextHop + " 02:00:00:00:00:03");
        c.ok("ip add fd00::1/64");
        c.ok("sleep 2");
        if (c.peer.equals("192.168.69.100")) {
            c.ok("ping -c 1 fd00::100");
        }
        c.ok("fault drop 100 in icmp");
        FaultScope scope = c.network.link().faults().scope();
        List<String> before = handles(c);

        solveAll(c, id);

        c.ok("lab stop");
        assertEquals(FaultConfig.NONE.withDropPercent(100), c.network.link().faults().config(), "the faults from before");
        assertEquals(scope, c.network.link().faults().scope(), "the fault scope from before (in icmp)");
        assertEquals(List.of(c.nextHop + " 02:00:00:00:00:03"), statics(c), "the static entry from before");
        assertTrue(handles(c).containsAll(before), "the sockets from before are still open: " + handles(c));
        assertTrue(c.console.stack((net, now) -> net.local().iface().ipv6Addresses(now)).stream()
                .anyMatch(a -> a.address().toString().equals("fd00::1")), "fd00::1 from before is back");
    }

    /** A lab cannot rebuild the network it is on: on the pair, a topology's lab says how to start it, and changes nothing. */
    @Test
    void aLabOnATopologyIsRefusedOnThePairWithTheCommandThatStartsIt() throws Exception {
        LabConsole c = new LabConsole(1);
        c.console.failsWith("lab start routing", "lab routing runs on the routed topology; "
                + "start it with 'jnetlab --topology routed --lab routing'");
        assertTrue(c.engine.progress().isEmpty(), "no lab runs");
    }

    /**
     * The checks of a lab's last step can pass while its sockets are still sending (congestion's
     * 1.2 MB under 1 % loss): the end must not bring back a {@code fault drop 100} or a wrong
     * static ARP entry from before the lab under that transfer; 'lab stop', which closes the lab's
     * sockets, does.
     */
    @Test
    void theEndKeepsTheConsolesOldFaultsAndStaticEntriesForLabStop() throws Exception {
        LabConsole c = new LabConsole(3);
        c.ok("tcp connect 192.168.69.100:7");
        c.ok("arp add 192.168.69.100 02:00:00:00:00:03");
        c.ok("fault drop 100");

        solveAll(c, "congestion");

        assertTrue(c.network.link().faults().config().isOff(), "the lab's traffic still goes through at its end");
        assertEquals(List.of(), statics(c), "nor does the wrong static entry come back under it");
        assertEquals(List.of(), c.console.stack((net, now) -> net.local().sockets().summaries()).stream()
                .filter(s -> s.state().startsWith("CLOSED")).map(SocketSummary::handle).toList(),
                "no connection of the lab timed out");
        c.ok("lab stop");
        assertEquals(FaultConfig.NONE.withDropPercent(100), c.network.link().faults().config(), "lab stop brings the faults back");
        assertEquals(List.of("192.168.69.100 02:00:00:00:00:03"), statics(c), "and the static entry");
    }

    @Nested
    class SuggestionsTypedAsShown {
        /**
         * Each step's suggestions, typed as the lab shows them at that moment (handles filled in
         * once the student's command made the socket) in a console that has sockets of its own,
         * then time to let the network work: the step is done.
         */
        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.jnetlab.labs.console.LabSolutionsTest#labs")
        void passTheStep(String id) throws Exception {
            LabConsole c = LabConsole.forLab(id, 5);
            c.ok("udp bind 4000");
            c.ok("tcp connect " + c.peer + ":7");
            Lab lab = LabConsole.lab(id);
            c.ok("lab start " + id);
            for (int number = 1; number <= lab.steps().size(); number++) {
                for (String suggestion : lab.step(number).suggested()) {
                    String shown = c.engine.resolve(c.console.session().driver(), suggestion);
                    c.console.run(shown);
                    c.engine.afterCommand(c.console.session().driver());
                }
                for (int second = 0; second < 40 && !c.stepDone(); second++) {
                    c.type("sleep 1");
                }
                int step = number;
                assertTrue(c.stepDone(), () -> id + " step " + step + ": its suggestions did not pass it:\n" + c.check());
                if (number < lab.steps().size()) {
                    c.ok("lab next");
                }
            }
        }
    }

    /** A lab's files go to the console's own directory ({dir}), never to a fixed path that parallel runs would share. */
    @Test
    void thePcapLabsCaptureGoesToTheConsolesOwnDirectory(@TempDir Path dir) throws Exception {
        LabConsole c = new LabConsole(1);
        c.engine.filesIn(dir);
        Path file = dir.resolve("jnetlab-lab.pcap");
        LabResults.Started started = c.console.ok("lab start pcap", LabResults.Started.class);
        assertTrue(started.step().suggested().contains("capture start " + file), started.step().suggested().toString());
        c.solve(LabConsole.lab("pcap").step(1));
        assertTrue(Files.size(file) > 0, "the capture is written in the console's directory");
    }

    /** What the tcp and serve commands read: a lab's TCP settings are the network's while it runs. */
    @Test
    void aLabsTcpSettingsAreTheNetworksWhileItRuns() throws Exception {
        LabConsole c = new LabConsole(1);
        c.ok("lab start flow-control");
        assertEquals(SocketSettings.DEFAULT.with(SocketOption.SNDBUF, 64).with(SocketOption.RCVBUF, 64),
                c.network.settings().effective());
        assertEquals("lab", c.network.settings().origin(SocketOption.RCVBUF));
        c.ok("lab start congestion");
        assertEquals(dev.jnetlab.stack.socket.tcp.CongestionControl.Algorithm.RENO.ordinal(),
                c.network.settings().effective().value(SocketOption.CC));
        assertEquals(SocketOption.RCVBUF.defaultValue(), c.network.settings().effective().value(SocketOption.RCVBUF),
                "flow-control's are gone");
        c.ok("lab start retransmission");
        assertEquals(0, c.network.settings().effective().value(SocketOption.TIMESTAMPS), "Karn needs timestamps off");
        assertEquals(1_000_000, c.network.settings().effective().value(SocketOption.RTO_MIN), "RFC 6298's floor");
        c.ok("lab stop");
        assertEquals(SocketSettings.DEFAULT, c.network.settings().effective());
    }

    private static List<String> statics(LabConsole c) {
        return c.console.stack((net, now) -> net.local().iface().neighbors(now)).stream()
                .filter(n -> n.state() == NeighborState.STATIC)
                .map(n -> n.address() + " " + n.mac().map(MacAddress::toString).orElse("")).toList();
    }

    private static List<String> handles(LabConsole c) {
        return c.console.stack((net, now) -> net.local().sockets().summaries()).stream()
                .map(SocketSummary::handle).map(Object::toString).toList();
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

    /** The command's name: after {@code NAME:}, the command run on that node of the topology. */
    private static String first(String line) {
        try {
            List<String> words = CommandLineSplitter.commands(line).get(0);
            // 'h2: tcp show' runs 'tcp show' on h2
            return words.size() > 1 && words.get(0).endsWith(":") ? words.get(1) : words.get(0);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

}

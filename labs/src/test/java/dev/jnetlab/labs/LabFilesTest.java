package dev.jnetlab.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.builtin.HelpCommand;
import dev.jnetlab.commands.builtin.QuitCommand;
import dev.jnetlab.commands.builtin.SleepCommand;
import dev.jnetlab.commands.text.CommandLineSplitter;
import dev.jnetlab.commands.text.SyntaxException;
import dev.jnetlab.labs.check.NetworkKind;
import dev.jnetlab.labs.check.SocketNames;
import dev.jnetlab.labs.commands.LabCommand;
import dev.jnetlab.labs.engine.LabEngine;
import dev.jnetlab.labs.format.LabCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * The built-in labs: every file loads and validates, and every command in every solution and
 * suggestion is a command of the console, as far as can be told before the console's own
 * commands land (see {@link ContractCommands}). Running each solution on the virtual network
 * is the console's test.
 */
class LabFilesTest {
    private static final Path DIRECTORY = Path.of("src/main/resources", LabCatalog.RESOURCE_DIRECTORY);
    private static final Pattern RFC = Pattern.compile("RFC \\d+");

    static List<Lab> labs() throws LabFileException {
        return LabCatalog.builtIn().labs();
    }

    /** A registry with the commands this module can register; the rest are checked against the contract. */
    private static CommandRegistry registry() {
        CommandRegistry registry = new CommandRegistry();
        LabEngine engine = new LabEngine(new LabCatalog(List.of()), new FakeWorld(), registry, line -> { });
        return registry.register(() -> new LabCommand(engine)).register(() -> new HelpCommand(registry))
                .register(SleepCommand::new).register(QuitCommand::new);
    }

    @Nested
    class TheIndex {
        @Test
        void listsTheTenLabsOfIssue8InOrder() throws LabFileException {
            assertEquals(List.of("arp-ping", "udp-socat", "tcp-handshake", "flow-control", "retransmission", "reordering",
                    "congestion", "pcap", "rst-scan", "fragmentation", "rst-injection", "dhcp", "dns", "neighbor-discovery", "slaac",
                    "routing", "arp-router", "clock-handshake", "path-mtu", "shared-bottleneck", "syn-flood", "tcp-plot"),
                    labs().stream().map(Lab::id).toList());
        }

        @Test
        void listsEveryLabFileInTheDirectory() throws IOException, LabFileException {
            try (Stream<Path> files = Files.list(DIRECTORY)) {
                List<String> yaml = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
                assertEquals(yaml, LabCatalog.builtInFiles().stream().sorted().toList());
            }
        }
    }

    /**
     * A {@code command:} check on a command that takes a handle ({@code tcp show H}) names the
     * lab's socket with {@code uses}: without it, a look at any other socket of the lab (or a
     * bare {@code tcp show}) would pass it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void everyCommandCheckOnAHandleNamesTheLabsSocket(Lab lab) {
        CommandRegistry registry = dev.jnetlab.commands.standard.StandardCommands.registry();
        for (LabStep step : lab.steps()) {
            for (dev.jnetlab.labs.check.Check.CommandRun command : commandChecks(step.checks())) {
                String[] words = command.name().split(" ");
                picocli.CommandLine.Model.CommandSpec spec = registry.spec(words[0]);
                for (int i = 1; i < words.length && spec.subcommands().containsKey(words[i]); i++) {
                    spec = spec.subcommands().get(words[i]).getCommandSpec();
                }
                boolean takesHandle = !spec.positionalParameters().isEmpty()
                        && spec.positionalParameters().get(0).paramLabel().equals("H");
                assertFalse(takesHandle && command.uses().isEmpty(), () -> lab.id() + " step '" + step.title()
                        + "': '" + command.name() + "' takes a handle, and the check names none (uses:)");
            }
        }
    }

    private static List<dev.jnetlab.labs.check.Check.CommandRun> commandChecks(List<dev.jnetlab.labs.check.Check> checks) {
        List<dev.jnetlab.labs.check.Check.CommandRun> found = new java.util.ArrayList<>();
        for (dev.jnetlab.labs.check.Check check : checks) {
            if (check instanceof dev.jnetlab.labs.check.Check.CommandRun command) {
                found.add(command);
            } else if (check instanceof dev.jnetlab.labs.check.Check.Labeled labeled) {
                found.addAll(commandChecks(List.of(labeled.check())));
            } else if (check instanceof dev.jnetlab.labs.check.Check.All all) {
                found.addAll(commandChecks(all.checks()));
            } else if (check instanceof dev.jnetlab.labs.check.Check.Any any) {
                found.addAll(commandChecks(any.checks()));
            } else if (check instanceof dev.jnetlab.labs.check.Check.Not not) {
                found.addAll(commandChecks(List.of(not.check())));
            } else if (check instanceof dev.jnetlab.labs.check.Check.Within within) {
                found.addAll(commandChecks(List.of(within.check())));
            }
        }
        return found;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void runsOnTheVirtualNetworkAndSaysWhatToDoOnATap(Lab lab) {
        if (lab.setup().topology().isPresent()) {
            // A lab on a topology runs there only: the nodes it names exist nowhere else.
            assertEquals(java.util.Set.of(NetworkKind.TOPOLOGY), lab.setup().networks());
            assertTrue(java.util.Set.of("routed", "pmtu", "dumbbell").contains(lab.setup().topology().orElseThrow()));
            return;
        }
        assertTrue(lab.setup().networks().contains(NetworkKind.VIRTUAL));
        assertTrue(lab.setup().networks().contains(NetworkKind.TAP));
        assertFalse(lab.tapIntro().isBlank(), "tap mode needs an introduction");
        assertTrue(lab.steps().stream().anyMatch(step -> !step.host().isEmpty()), "tap mode needs host commands");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void teachesWithHintsAndCitations(Lab lab) {
        assertTrue(lab.steps().size() >= 3, "at least three steps");
        for (LabStep step : lab.steps()) {
            assertFalse(step.hints().isEmpty(), step.title() + " has no hint");
            assertFalse(step.learned().isBlank(), step.title());
            assertFalse(step.suggested().isEmpty(), step.title() + " suggests nothing");
        }
        String text = lab.summary() + lab.steps().stream().map(LabStep::instructions).reduce("", String::concat);
        assertTrue(RFC.matcher(text).find(), "cites the RFC sections it illustrates");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void everySolutionAndSuggestionIsAConsoleCommand(Lab lab) throws SyntaxException {
        CommandRegistry registry = registry();
        for (LabStep step : lab.steps()) {
            for (String text : concat(step.solution(), step.suggested())) {
                // A socket name becomes a handle, as the engine fills it in.
                String line = SocketNames.NAME.matcher(text).replaceAll(m -> m.group(1).equals("udp") ? "udp#1" : "tcp#1");
                List<String> words = onItsNode(CommandLineSplitter.commands(line).get(0));
                String name = words.get(0);
                assertTrue(ContractCommands.NAMES.contains(name), lab.id() + ": not a command of ARCHITECTURE.md §5: " + line);
                if (registry.names().contains(name)) {
                    try {
                        new CommandLine(registry.spec(name)).parseArgs(words.subList(1, words.size()).toArray(String[]::new));
                    } catch (ParameterException e) {
                        throw new AssertionError(lab.id() + ": " + line + ": " + e.getMessage(), e);
                    }
                } else {
                    assertNull(ContractCommands.check(words), lab.id() + ": " + line);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void solutionsAndSuggestionsNameSocketsAndOnlyOnceACommandMadeThem(Lab lab) throws SyntaxException {
        java.util.Set<String> made = new java.util.HashSet<>();
        for (LabStep step : lab.steps()) {
            java.util.Set<String> suggestedMade = new java.util.HashSet<>(made);
            for (String line : step.solution()) {
                check(lab, line, made);
            }
            for (String line : step.suggested()) {
                check(lab, line, suggestedMade);
            }
        }
    }

    /** {@code line} uses no fixed handle, and names only sockets made before it; notes what it makes. */
    private static void check(Lab lab, String line, java.util.Set<String> made) throws SyntaxException {
        List<String> typed = CommandLineSplitter.commands(line).get(0);
        List<String> words = onItsNode(typed);
        // 'h2: tcp connect h4:9' makes {tcp:9@h2}, a socket of h2's
        String node = words.size() < typed.size() ? "@" + typed.get(0).substring(0, typed.get(0).length() - 1) : "";
        assertEquals(0, ContractCommands.handleUsed(words), lab.id() + ": '" + line + "' uses a fixed handle; "
                + "a console already used has other numbers: name the socket, {tcp:PORT} or {udp:PORT}");
        java.util.regex.Matcher names = SocketNames.NAME.matcher(line);
        while (names.find()) {
            assertTrue(made.contains(names.group()), lab.id() + ": '" + line + "' names " + names.group()
                    + " before a command made it");
        }
        if (words.size() >= 3 && words.get(0).equals("tcp") && words.get(1).equals("connect")) {
            made.add("{tcp:" + words.get(2).substring(words.get(2).lastIndexOf(':') + 1) + node + "}");
        } else if (words.size() >= 3 && words.get(0).equals("udp") && words.get(1).equals("bind")) {
            made.add("{udp:" + words.get(2) + node + "}");
        } else if (words.size() >= 3 && words.get(0).equals("tcp") && words.get(1).equals("listen")) {
            made.add("{listen:" + words.get(2) + node + "}");
        }
    }

    /** The words of a command without the node it is run on ({@code h2: tcp show}: {@code tcp show}). */
    private static List<String> onItsNode(List<String> words) {
        return words.size() > 1 && words.get(0).endsWith(":") ? words.subList(1, words.size()) : words;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void solutionsDoNotStartOrStopLabs(Lab lab) {
        lab.steps().forEach(step -> step.solution().forEach(line -> assertFalse(line.startsWith("lab "), line)));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}

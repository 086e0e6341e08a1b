package dev.jnetlab.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnetlab.commands.builtin.HelpCommand;
import dev.jnetlab.commands.builtin.QuitCommand;
import dev.jnetlab.commands.builtin.SleepCommand;
import dev.jnetlab.commands.standard.StandardCommands;
import dev.jnetlab.host.driver.Pollable;
import dev.jnetlab.host.driver.VirtualDriver;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class CommandRegistryTest {

    /** A command group shaped like {@code tcp}: only its sub-commands run. */
    @Command(name = "chan", description = "A group of test commands.", subcommands = {Chan.Open.class, Chan.Close.class})
    static final class Chan {
        @Command(name = "open", customSynopsis = "chan open PORT [--twice]", description = "Opens a channel.")
        static final class Open implements ConsoleCommand {
            @Parameters(paramLabel = "PORT")
            int port;
            @Option(names = "--twice")
            boolean twice;

            @Override
            public CommandResult execute(Session session) throws CommandException {
                if (port > 65535) {
                    throw new CommandException("PORT must be at most 65535, not " + port);
                }
                return new Opened(port, twice);
            }
        }

        @Command(name = "close", customSynopsis = "chan close PORT", description = "Closes a channel.")
        static final class Close implements ConsoleCommand {
            @Parameters(paramLabel = "PORT")
            int port;

            @Override
            public CommandResult execute(Session session) {
                return CommandResult.Message.NONE;
            }
        }
    }

    /** A command with a bug. */
    @Command(name = "boom", description = "Fails inside.")
    static final class Boom implements ConsoleCommand {
        @Override
        public CommandResult execute(Session session) {
            throw new IllegalStateException("a bug");
        }
    }

    /** A command that asks for more than the heap holds. */
    @Command(name = "hog", description = "Runs out of memory.")
    static final class Hog implements ConsoleCommand {
        @Override
        public CommandResult execute(Session session) {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    /** A command whose model picocli refuses: two options share a name. */
    @Command(name = "twin", aliases = "gemini", description = "Declares --x twice.")
    static final class Twin implements ConsoleCommand {
        @Option(names = "--x")
        boolean first;
        @Option(names = "--x")
        boolean second;

        @Override
        public CommandResult execute(Session session) {
            return CommandResult.Message.NONE;
        }
    }

    /** A class picocli would name {@code <main class>}. */
    @Command(description = "Has no name.")
    static final class Nameless implements ConsoleCommand {
        @Override
        public CommandResult execute(Session session) {
            return CommandResult.Message.NONE;
        }
    }

    record Opened(int port, boolean twice) implements CommandResult {
        @Override
        public String text() {
            return "opened " + port;
        }
    }

    private static final Pollable IDLE = new Pollable() {
        @Override
        public void poll(long now) {
        }

        @Override
        public long pollAt(long now) {
            return Micros.NEVER;
        }
    };

    private final VirtualClock clock = new VirtualClock();
    private final CommandRegistry registry = new CommandRegistry();
    private final Session session = new Session(new VirtualDriver(clock, IDLE), line -> { });

    CommandRegistryTest() {
        registry.register(Chan::new).register(SleepCommand::new).register(() -> new HelpCommand(registry))
                .register(QuitCommand::new);
    }

    private Outcome run(String... words) throws InterruptedException {
        return registry.run(List.of(words), session);
    }

    private Outcome.Failure failure(String... words) throws InterruptedException {
        return assertInstanceOf(Outcome.Failure.class, run(words));
    }

    @Nested
    class Running {

        @Test
        void aLeafCommandRunsWithItsParsedArguments() throws InterruptedException {
            Outcome.Success success = assertInstanceOf(Outcome.Success.class, run("chan", "open", "80", "--twice"));
            assertEquals("chan open", success.command());
            assertEquals(new Opened(80, true), success.result());
        }

        @Test
        void eachRunStartsFromFreshOptions() throws InterruptedException {
            run("chan", "open", "80", "--twice");
            Outcome.Success again = assertInstanceOf(Outcome.Success.class, run("chan", "open", "81"));
            assertEquals(new Opened(81, false), again.result());
        }

        @Test
        void sleepWaitsOnTheStacksClock() throws InterruptedException {
            Outcome.Success slept = assertInstanceOf(Outcome.Success.class, run("sleep", "2.5"));
            assertEquals(new SleepCommand.Slept(2.5), slept.result());
            assertEquals(Micros.ofMillis(2500), clock.now());
        }

        @Test
        void namesAreSortedAndAliasesAreWordsToo() {
            assertEquals(List.of("chan", "help", "quit", "sleep"), registry.names());
            assertEquals(List.of("chan", "exit", "help", "quit", "sleep"), registry.words());
        }

        @Test
        void anAliasRunsItsCommand() throws InterruptedException {
            Outcome.Success quit = assertInstanceOf(Outcome.Success.class, run("exit"));
            assertEquals(new QuitCommand.Quit(), quit.result());
        }

        @Test
        void twoCommandsCannotShareAName() {
            assertThrows(IllegalArgumentException.class, () -> registry.register(SleepCommand::new));
        }

        @Test
        void aCommandIsRegisteredByItsAnnotationAndItsModelIsBuiltWhenItRuns() throws InterruptedException {
            // Start-up builds no picocli model: a declaration picocli refuses is only found at the first run.
            registry.register(Twin::new);
            assertTrue(registry.words().containsAll(List.of("twin", "gemini")));
            List<Throwable> bugs = new ArrayList<>();
            registry.onInternalError(bugs::add);
            Outcome.Failure failure = failure("gemini", "--x");
            assertTrue(failure.message().startsWith("internal error in twin: "), failure.message());
            assertEquals(1, bugs.size());
        }

        @Test
        void aCommandWithoutANameIsRefused() {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> registry.register(Nameless::new));
            assertTrue(refused.getMessage().endsWith("has no @Command with a name"), refused.getMessage());
        }

        @Test
        void everyStandardCommandIsRegisteredUnderTheNameAndAliasesItsModelGives() {
            CommandRegistry standard = StandardCommands.registry();
            List<String> modelWords = new ArrayList<>();
            for (String name : standard.names()) {
                CommandSpec spec = standard.spec(name);
                assertEquals(name, spec.name());
                modelWords.add(spec.name());
                modelWords.addAll(List.of(spec.aliases()));
            }
            assertEquals(standard.words(), modelWords.stream().sorted().toList());
        }
    }

    @Nested
    class BadInput {

        @Test
        void anUnknownCommandSuggestsTheClosest() throws InterruptedException {
            Outcome.Failure failure = failure("slep", "1");
            assertEquals("unknown command 'slep' (did you mean sleep?); 'help' lists them", failure.message());
            assertEquals("", failure.usage());
        }

        @Test
        void anUnknownSubCommandSuggestsTheClosest() throws InterruptedException {
            Outcome.Failure failure = failure("chan", "opne", "80");
            assertEquals("unknown sub-command 'opne' of chan (did you mean open?)", failure.message());
        }

        @Test
        void aGroupAloneSaysWhatItNeeds() throws InterruptedException {
            Outcome.Failure failure = failure("chan");
            assertEquals("chan needs one of: open, close", failure.message());
        }

        @Test
        void aMissingArgumentShowsTheUsageLine() throws InterruptedException {
            Outcome.Failure failure = failure("chan", "open");
            assertEquals("chan open needs PORT", failure.message());
            assertEquals("chan open PORT [--twice]", failure.usage());
            assertEquals("chan open needs PORT\nusage: chan open PORT [--twice]", failure.text());
        }

        @Test
        void aValueOfTheWrongTypeSaysWhich() throws InterruptedException {
            Outcome.Failure failure = failure("chan", "open", "eighty");
            assertEquals("PORT: 'eighty' is not a whole number", failure.message());
            assertEquals("chan open PORT [--twice]", failure.usage());
        }

        @Test
        void anUnknownOptionIsNamed() throws InterruptedException {
            Outcome.Failure failure = failure("chan", "open", "80", "--thrice");
            assertTrue(failure.message().contains("--thrice"), failure.message());
        }

        @Test
        void aCommandsOwnRefusalHasNoUsageLine() throws InterruptedException {
            Outcome.Failure failure = failure("chan", "open", "70000");
            assertEquals("PORT must be at most 65535, not 70000", failure.message());
            assertEquals("", failure.usage());
        }

        @Test
        void anInternalErrorIsOneLineAndGoesToTheHandler() throws InterruptedException {
            List<Throwable> seen = new ArrayList<>();
            registry.register(Boom::new).onInternalError(seen::add);
            Outcome.Failure failure = failure("boom");
            assertEquals("internal error in boom: java.lang.IllegalStateException: a bug (a bug; jnetlab --debug shows where)",
                    failure.message());
            assertEquals(1, seen.size());
        }

        @Test
        void aFullHeapIsOneLineNamingTheLimitNotABug() throws InterruptedException {
            List<Throwable> seen = new ArrayList<>();
            registry.register(Hog::new).onInternalError(seen::add);
            Outcome.Failure failure = failure("hog");
            assertTrue(failure.message().startsWith("hog: the JVM's heap is full (at most "), failure.message());
            assertTrue(failure.message().endsWith(" MiB; JNETLAB_JAVA_OPTS=-Xmx1g gives more)"), failure.message());
            assertEquals(List.of(), seen);
        }

        @Test
        void sleepRefusesANegativeTime() throws InterruptedException {
            assertEquals("SEC must be between 0 and 86400, not -1", failure("sleep", "-1").message());
        }
    }

    @Nested
    class Help {

        @Test
        void listsEveryCommandWithItsSummary() throws InterruptedException {
            String text = assertInstanceOf(Outcome.Success.class, run("help")).result().text();
            assertTrue(text.contains("  chan   A group of test commands."), text);
            assertTrue(text.contains("  sleep  Waits SEC seconds"), text);
        }

        @Test
        void explainsOneCommandWithExamples() throws InterruptedException {
            String text = assertInstanceOf(Outcome.Success.class, run("help", "sleep")).result().text();
            assertEquals("usage: sleep SEC\nWaits SEC seconds while the stack keeps running (for scripts and demos).\n\n"
                    + "examples:\n  sleep 2\n  sleep 0.5", text);
        }

        @Test
        void aGroupListsItsSubCommands() throws InterruptedException {
            String text = assertInstanceOf(Outcome.Success.class, run("help", "chan")).result().text();
            assertTrue(text.contains("  chan close PORT\n      Closes a channel."), text);
            assertTrue(text.contains("  chan open PORT [--twice]\n      Opens a channel."), text);
        }

        @Test
        void explainsASubCommand() throws InterruptedException {
            String text = assertInstanceOf(Outcome.Success.class, run("help", "chan", "open")).result().text();
            assertTrue(text.startsWith("usage: chan open PORT [--twice]\nOpens a channel."), text);
        }

        @Test
        void helpForAnUnknownCommandSuggests() throws InterruptedException {
            assertEquals("no command 'chna' (did you mean chan?); 'help' lists them", failure("help", "chna").message());
        }
    }
}

package dev.jnetlab.console.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.builtin.QuitCommand;
import dev.jnetlab.commands.builtin.SleepCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class RegistryCompleterTest {

    @Command(name = "sock", subcommands = {Sock.Send.class})
    static final class Sock {
        @Command(name = "send")
        static final class Send implements ConsoleCommand {
            @Parameters(index = "0", paramLabel = "H")
            String handle;
            @Parameters(index = "1", paramLabel = "TEXT")
            String text;
            @Option(names = "--file", paramLabel = "PATH", description = "send a file's contents")
            String file;

            @Override
            public CommandResult execute(Session session) {
                return CommandResult.Message.NONE;
            }
        }
    }

    private final CommandRegistry registry = new CommandRegistry()
            .register(Sock::new).register(SleepCommand::new).register(QuitCommand::new);
    private final Map<String, List<String>> values = Map.of("H", List.of("tcp#1", "udp#2"), "PATH", List.of("notes.txt"));
    private final RegistryCompleter completer = new RegistryCompleter(registry, label -> values.getOrDefault(label, List.of()));

    private List<String> complete(String typed) {
        ParsedLine line = new DefaultParser().parse(typed, typed.length());
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);
        return candidates.stream().map(Candidate::value).sorted().toList();
    }

    @Test
    void theFirstWordIsACommandOrAlias() {
        assertEquals(List.of("exit", "quit", "sleep", "sock"), complete(""));
    }

    @Test
    void thenItsSubCommands() {
        assertEquals(List.of("send"), complete("sock "));
    }

    @Test
    void thenTheValuesForTheArgumentAtTheCursorWithTheOptions() {
        assertEquals(List.of("--file", "tcp#1", "udp#2"), complete("sock send "));
    }

    @Test
    void anOptionsValueComesFromItsLabel() {
        assertEquals(List.of("notes.txt"), complete("sock send tcp#1 --file "));
    }

    @Test
    void afterASemicolonANewCommandStarts() {
        assertEquals(List.of("exit", "quit", "sleep", "sock"), complete("sleep 1 ; "));
    }

    @Test
    void anUnknownCommandOffersNothing() {
        assertEquals(List.of(), complete("frob "));
    }
}

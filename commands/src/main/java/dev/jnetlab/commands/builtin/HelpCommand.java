package dev.jnetlab.commands.builtin;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "help", customSynopsis = "help [CMD [SUB]]",
        description = "Lists the commands, or explains one with examples.",
        footer = {"help", "help ping", "help tcp send"})
public final class HelpCommand implements ConsoleCommand {
    private final CommandRegistry registry;

    @Parameters(arity = "0..2", paramLabel = "CMD")
    private List<String> topic = new ArrayList<>();

    public HelpCommand(CommandRegistry registry) {
        this.registry = registry;
    }

    @Override
    public CommandResult execute(Session session) throws CommandException {
        return new Help(String.join(" ", topic), registry.helpText(topic));
    }

    /** @param topic the command asked about, empty for the overview */
    public record Help(String topic, String help) implements CommandResult {
        @Override
        public String text() {
            return help;
        }
    }
}

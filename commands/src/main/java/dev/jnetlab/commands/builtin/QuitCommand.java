package dev.jnetlab.commands.builtin;

import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import picocli.CommandLine.Command;

@Command(name = "quit", aliases = "exit", customSynopsis = "quit | exit",
        description = "Closes every socket gracefully and leaves jnetlab (Ctrl-D does the same).")
public final class QuitCommand implements ConsoleCommand {

    @Override
    public CommandResult execute(Session session) {
        return new Quit();
    }

    /** Tells the shell or the script runner to stop after this command. */
    public record Quit() implements CommandResult {
        @Override
        public String text() {
            return "";
        }
    }
}

package dev.jnetlab.commands.builtin;

import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.stack.time.Micros;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "sleep", customSynopsis = "sleep SEC",
        description = "Waits SEC seconds while the stack keeps running (for scripts and demos).",
        footer = {"sleep 2", "sleep 0.5"})
public final class SleepCommand implements ConsoleCommand {
    /** A day: longer is surely a typo, and Ctrl-C ends any sleep anyway. */
    private static final double MAX_SECONDS = 86_400;

    @Parameters(paramLabel = "SEC")
    private double seconds;

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        if (!(seconds >= 0 && seconds <= MAX_SECONDS)) {
            throw new CommandException("SEC must be between 0 and " + (long) MAX_SECONDS + ", not " + Arguments.shown(seconds));
        }
        long micros = Micros.ofSeconds(seconds);
        long start = session.driver().call(now -> now);
        session.driver().await(micros, now -> null);
        long slept = session.driver().call(now -> now) - start;
        return new Slept(slept / (double) Micros.PER_SECOND);
    }

    /** @param seconds how long the stack ran, on its own clock */
    public record Slept(double seconds) implements CommandResult {
        @Override
        public String text() {
            return "";
        }
    }
}

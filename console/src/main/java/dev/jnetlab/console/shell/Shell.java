package dev.jnetlab.console.shell;

import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.builtin.QuitCommand;
import dev.jnetlab.commands.text.CommandLineSplitter;
import dev.jnetlab.commands.text.SyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The interactive console: reads a line, runs its commands, prints their results, and lets
 * output from the event loop appear above the prompt without disturbing what is being typed.
 *
 * <p>Ctrl-C while typing clears the line; Ctrl-C while a command runs (ping, recv --wait,
 * sleep, bench) cancels that command and returns to the prompt. Ctrl-D or {@code quit} ends
 * the shell.
 */
public final class Shell {
    private final Terminal terminal;
    private final LineReader reader;
    private final CommandRegistry registry;
    private final Session session;
    private final boolean colour;

    /**
     * @param completionValues the values worth offering for an argument, by its label
     *                         ({@code H} → open socket handles, {@code IP} → known addresses…)
     * @param history          where history persists between runs, or null for none
     */
    public Shell(Terminal terminal, CommandRegistry registry, Session session,
                 Function<String, List<String>> completionValues, Path history, boolean colour) {
        this.terminal = terminal;
        this.registry = registry;
        this.session = session;
        this.colour = colour;
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("jnetlab")
                .completer(new RegistryCompleter(registry, completionValues))
                // '!' and '^' are ordinary characters in TEXT arguments, not history events.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (history != null) {
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        this.reader = builder.build();
    }

    /** Prints a batch of lines above the prompt; safe from any thread. */
    public void printAbove(String lines) {
        reader.printAbove(lines);
    }

    /** Runs until quit, exit or Ctrl-D. */
    public void run() {
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt());
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                return;
            }
            if (runLine(line)) {
                return;
            }
        }
    }

    /** Runs the commands of one line; returns whether one of them asked to quit. */
    private boolean runLine(String line) {
        List<List<String>> commands;
        try {
            commands = CommandLineSplitter.commands(line);
        } catch (SyntaxException e) {
            println(e.getMessage());
            return false;
        }
        for (List<String> words : commands) {
            Outcome outcome = runInterruptibly(words);
            if (outcome instanceof Outcome.Success success) {
                if (success.result() instanceof QuitCommand.Quit) {
                    return true;
                }
                if (!success.result().text().isEmpty()) {
                    println(success.result().text());
                }
            } else if (outcome instanceof Outcome.Failure failure) {
                println(failure.text());
            } else {
                println("^C " + outcome.command() + " cancelled");
                return false;
            }
        }
        return false;
    }

    /** Runs one command with Ctrl-C bound to interrupting it. */
    private Outcome runInterruptibly(List<String> words) {
        Thread runner = Thread.currentThread();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> runner.interrupt());
        try {
            return registry.run(words, session);
        } catch (InterruptedException e) {
            return new Outcome.Cancelled(words.get(0));
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            Thread.interrupted(); // a Ctrl-C that came as the command ended cancels nothing else
        }
    }

    private void println(String text) {
        terminal.writer().println(text);
        terminal.writer().flush();
    }

    private String prompt() {
        AttributedString prompt = new AttributedString("jnetlab> ",
                colour ? AttributedStyle.BOLD.foreground(AttributedStyle.CYAN) : AttributedStyle.DEFAULT);
        return prompt.toAnsi(terminal);
    }
}

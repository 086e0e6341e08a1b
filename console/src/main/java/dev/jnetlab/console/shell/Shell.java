package dev.jnetlab.console.shell;

import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.JsonResults;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.builtin.QuitCommand;
import dev.jnetlab.commands.text.CommandLineSplitter;
import dev.jnetlab.commands.text.SyntaxException;
import dev.jnetlab.host.Output;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

/**
 * The interactive console: reads a line, runs its commands, prints their results, and lets
 * output from the event loop appear above the prompt without disturbing what is being typed.
 *
 * <p>Everything the shell prints, results included, goes through one {@link BatchingPrinter}
 * to {@link LineReader#printAbove}, so lines from the loop (trace, ping replies) and results
 * keep their order, and the queue is flushed before the next prompt.
 *
 * <p>Ctrl-C while typing clears the line; Ctrl-C while a command runs (ping, recv --wait,
 * sleep, bench) cancels that command and returns to the prompt. Ctrl-D or {@code quit} ends
 * the shell. Where the terminal supports it, a status line at the bottom shows what
 * {@link #status} says, refreshed after every command.
 */
public final class Shell {
    /** The longest a line from the loop waits before it is printed: short enough to read as live. */
    static final long BATCH_MILLIS = 30;
    /** Lines from the loop waiting at once before the rest are dropped (and counted). */
    static final int BATCH_CAPACITY = 20_000;

    private final Terminal terminal;
    private final LineReader reader;
    private final CommandRegistry registry;
    private final boolean colour;
    private final BatchingPrinter printer;
    private volatile Session session;
    private volatile BiFunction<Session, String, List<String>> completionValues = (s, label) -> List.of();
    private volatile Function<Session, String> status;
    private volatile AfterCommand afterCommand = AfterCommand.NONE;
    private volatile Function<CommandResult, String> resultText = CommandResult::text;
    private volatile JsonResults json;
    private volatile Function<Session, String> node = s -> null;

    /**
     * @param history where history persists between runs, or null for none
     * @param colour  whether the prompt may be in colour
     */
    public Shell(Terminal terminal, CommandRegistry registry, Path history, boolean colour) {
        this.terminal = terminal;
        this.registry = registry;
        this.colour = colour;
        Function<String, List<String>> values = label -> {
            Session current = session;
            return current == null ? List.of() : completionValues.apply(current, label);
        };
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("jnetlab")
                .completer(new RegistryCompleter(registry, values))
                // '!' and '^' are ordinary characters in TEXT arguments, not history events.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (history != null) {
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        this.reader = builder.build();
        this.printer = new BatchingPrinter(reader::printAbove, BATCH_MILLIS, BATCH_CAPACITY);
    }

    /** The values worth offering for an argument, by its label ({@code H} → open handles, {@code IP} → addresses). */
    public Shell completions(BiFunction<Session, String, List<String>> values) {
        this.completionValues = values;
        return this;
    }

    /** The text of the status line, computed after each command; none when not set. */
    public Shell status(Function<Session, String> text) {
        this.status = text;
        return this;
    }

    /** Runs after every command line (a running lab's checks); nothing when not set. */
    public Shell afterCommand(AfterCommand hook) {
        this.afterCommand = hook;
        return this;
    }

    /** How a result reads ({@code CommandResult::text} unless told: the lab's results with ASCII marks, say). */
    public Shell resultText(Function<CommandResult, String> text) {
        this.resultText = text;
        return this;
    }

    /** The node the prompt is on, shown in it ({@code jnetlab h1>}); null for none (the pair). */
    public Shell node(Function<Session, String> name) {
        this.node = name;
        return this;
    }

    /** Prints each result as its JSON object ({@code --json}) rather than as text. */
    public Shell json(JsonResults writer) {
        this.json = writer;
        return this;
    }

    /** Where lines from any thread go: above the prompt, in batches. */
    public Output output() {
        return printer::println;
    }

    /** Prints lines above the prompt at once; safe from any thread. */
    public void printAbove(String lines) {
        reader.printAbove(lines);
    }

    /** Runs commands in {@code session} until quit, exit or Ctrl-D; then flushes the output and restores the terminal. */
    public void run(Session commands) {
        this.session = commands;
        Status bar = status != null ? Status.getStatus(terminal) : null;
        try {
            updateStatus(bar);
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt());
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return;
                }
                boolean quit = runLine(line);
                runAfterCommand();
                printer.flush();
                if (quit) {
                    return;
                }
                updateStatus(bar);
            }
        } finally {
            printer.flush();
            if (bar != null) {
                // No status lines left under the shell's prompt once the console has gone.
                bar.update(List.of());
                bar.close();
            }
        }
    }

    private void updateStatus(Status bar) {
        if (bar == null) {
            return;
        }
        String text;
        try {
            text = status.apply(session);
        } catch (RuntimeException e) {
            text = "(status unavailable: " + e.getMessage() + ")";
        }
        bar.update(List.of(new AttributedString(text,
                colour ? AttributedStyle.DEFAULT.inverse() : AttributedStyle.DEFAULT)));
    }

    private void runAfterCommand() {
        try {
            afterCommand.run();
        } catch (InterruptedException e) {
            Thread.interrupted(); // a Ctrl-C in the hook: the checks run again after the next line
        }
    }

    /** Runs the commands of one line; returns whether one of them asked to quit. */
    private boolean runLine(String line) {
        List<List<String>> commands;
        try {
            commands = CommandLineSplitter.commands(line);
        } catch (SyntaxException e) {
            printer.printResult(e.getMessage());
            return false;
        }
        for (List<String> words : commands) {
            Outcome outcome = runInterruptibly(words);
            JsonResults writer = json;
            if (writer != null) {
                printer.printResult(writer.toJson(outcome));
                if (outcome instanceof Outcome.Success success && success.result() instanceof QuitCommand.Quit) {
                    return true;
                }
                if (outcome instanceof Outcome.Cancelled) {
                    return false;
                }
                continue;
            }
            if (outcome instanceof Outcome.Success success) {
                if (success.result() instanceof QuitCommand.Quit) {
                    return true;
                }
                String text = resultText.apply(success.result());
                if (!text.isEmpty()) {
                    printer.printResult(text);
                }
            } else if (outcome instanceof Outcome.Failure failure) {
                printer.printResult(failure.text());
            } else {
                printer.printResult("^C " + outcome.command() + " cancelled");
                return false;
            }
        }
        return false;
    }

    /**
     * Runs one command with Ctrl-C bound to interrupting it. The terminal does not echo the
     * {@code ^C} itself meanwhile (ECHOCTL off): the cancelled command's line starts with one,
     * and two would read {@code ^C^C}.
     */
    private Outcome runInterruptibly(List<String> words) {
        Thread runner = Thread.currentThread();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> runner.interrupt());
        Attributes saved = terminal.getAttributes();
        Attributes quiet = new Attributes(saved);
        quiet.setLocalFlag(Attributes.LocalFlag.ECHOCTL, false);
        terminal.setAttributes(quiet);
        try {
            return registry.run(words, session);
        } catch (InterruptedException e) {
            return new Outcome.Cancelled(words.get(0));
        } finally {
            terminal.setAttributes(saved);
            terminal.handle(Terminal.Signal.INT, previous);
            Thread.interrupted(); // a Ctrl-C that came as the command ended cancels nothing else
        }
    }

    private String prompt() {
        Session current = session;
        String on = current == null ? null : node.apply(current);
        AttributedString prompt = new AttributedString(on == null ? "jnetlab> " : "jnetlab " + on + "> ",
                colour ? AttributedStyle.BOLD.foreground(AttributedStyle.CYAN) : AttributedStyle.DEFAULT);
        return prompt.toAnsi(terminal);
    }

    /** Stops the output thread, printing what is left; call once the shell has ended. */
    public void close() throws InterruptedException {
        printer.close();
    }
}

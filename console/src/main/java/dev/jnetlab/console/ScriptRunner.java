package dev.jnetlab.console;

import dev.jnetlab.commands.CommandRegistry;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.JsonResults;
import dev.jnetlab.commands.Outcome;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.builtin.QuitCommand;
import dev.jnetlab.commands.text.CommandLineSplitter;
import dev.jnetlab.commands.text.SyntaxException;
import dev.jnetlab.console.shell.AfterCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

/**
 * {@code jnetlab -c 'CMD; CMD'} and {@code jnetlab --script FILE}: runs the commands in order,
 * printing each result (and the output lines, such as ping's replies, as they come), and stops
 * at the first command that fails, with exit status 1 and its message on standard error.
 * {@code quit} ends a script early, successfully.
 *
 * <p>With {@code --json}, standard output carries exactly one JSON object per command run,
 * failure included, and nothing else; output lines go to standard error.
 */
final class ScriptRunner {
    private final CommandRegistry registry;
    private final Session session;
    private final PrintStream out;
    private final PrintStream err;
    private final JsonResults json;
    private AfterCommand afterCommand = AfterCommand.NONE;
    private Function<CommandResult, String> resultText = CommandResult::text;

    /** @param json null for text, or the JSON writer for {@code --json} */
    ScriptRunner(CommandRegistry registry, Session session, PrintStream out, PrintStream err, JsonResults json) {
        this.registry = registry;
        this.session = session;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** Runs {@code hook} after every command (a running lab's checks). */
    ScriptRunner afterCommand(AfterCommand hook) {
        this.afterCommand = hook;
        return this;
    }

    /** How a result reads ({@code CommandResult::text} unless told: the lab's results with ASCII marks). */
    ScriptRunner resultText(Function<CommandResult, String> text) {
        this.resultText = text;
        return this;
    }

    /** The commands of {@code -c}: one text, semicolons and newlines between commands. */
    int runText(String text) throws InterruptedException {
        Step step = runLine(text, "");
        return step == Step.FAILED ? Main.EXIT_COMMAND_FAILED : Main.EXIT_OK;
    }

    /** The commands of a script, line by line as they can be read (so {@code -} can be a pipe that stays open). */
    int runLines(BufferedReader lines) throws IOException, InterruptedException {
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            Step step = runLine(line, "line " + number + ": ");
            if (step == Step.FAILED) {
                return Main.EXIT_COMMAND_FAILED;
            }
            if (step == Step.QUIT) {
                return Main.EXIT_OK;
            }
        }
        return Main.EXIT_OK;
    }

    private enum Step { GO_ON, QUIT, FAILED }

    private Step runLine(String line, String where) throws InterruptedException {
        List<List<String>> commands;
        try {
            commands = CommandLineSplitter.commands(line);
        } catch (SyntaxException e) {
            report(new Outcome.Failure("", e.getMessage(), ""), where);
            return Step.FAILED;
        }
        for (List<String> words : commands) {
            Outcome outcome = registry.run(words, session);
            report(outcome, where);
            afterCommand.run();
            if (outcome instanceof Outcome.Failure) {
                return Step.FAILED;
            }
            if (outcome instanceof Outcome.Success success && success.result() instanceof QuitCommand.Quit) {
                return Step.QUIT;
            }
        }
        return Step.GO_ON;
    }

    private void report(Outcome outcome, String where) {
        if (json != null) {
            out.println(json.toJson(outcome));
            out.flush();
            return;
        }
        if (outcome instanceof Outcome.Success success) {
            String text = resultText.apply(success.result());
            if (!text.isEmpty()) {
                out.println(text);
                out.flush();
            }
        } else if (outcome instanceof Outcome.Failure failure) {
            out.flush();
            err.println("jnetlab: " + where + failure.message());
            if (!failure.usage().isEmpty()) {
                err.println("usage: " + failure.usage());
            }
            err.flush();
        }
    }
}

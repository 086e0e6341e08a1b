package dev.jnetlab.commands.link;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.ParseProblems;
import dev.jnetlab.host.settings.SettingException;
import dev.jnetlab.stack.phy.FaultConfig;
import dev.jnetlab.stack.phy.FaultConfigException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The words of the {@code fault} command without the word {@code fault}, as a lab file's
 * {@code faults:} list writes them ({@code drop 10%}, {@code delay 50 10}), read by the command
 * itself: the same sub-commands, the same readers of their values and of the scope words
 * ({@code drop 10 in tcp}), the same messages. A lab
 * file that asks for what the command would refuse fails when it is loaded, and one that the
 * command would take loads.
 */
public final class FaultWords {
    private FaultWords() {
    }

    /**
     * {@code config} with {@code text} applied, as {@code fault TEXT} would apply it.
     *
     * @throws SettingException saying what is wrong and what would be right
     */
    public static FaultConfig apply(FaultConfig config, String text) throws SettingException {
        List<String> words = List.of(text.strip().split("\\s+"));
        CommandLine line = new CommandLine(new FaultCommand());
        try {
            ParseResult parsed = line.parseArgs(words.toArray(String[]::new));
            while (parsed.hasSubcommand()) {
                parsed = parsed.subcommand();
            }
            if (!(parsed.commandSpec().userObject() instanceof FaultCommand.Change change)) {
                throw new SettingException("'" + text.strip() + "' is not a fault: give one such as 'drop 10' or "
                        + "'delay 20 5'");
            }
            // The scope words are read here only to refuse bad ones at load time: the lab applies its
            // faults by running the fault command, which sets the scope.
            FaultCommand.scope(change.scopeWords());
            return change.change().apply(config);
        } catch (ParameterException e) {
            throw new SettingException(ParseProblems.explain(e));
        } catch (CommandException | FaultConfigException e) {
            throw new SettingException(e.getMessage());
        }
    }
}

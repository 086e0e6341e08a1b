package dev.jnetlab.commands.ip;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.text.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stats", customSynopsis = "stats [--all]",
        description = "Shows the interface's counters that are not zero (--all: every one), drops by reason.",
        footer = {"stats", "stats --all"})
public final class StatsCommand implements ConsoleCommand {
    @Option(names = "--all", description = "show the counters that are zero too")
    private boolean all;

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        return session.stack((network, now) -> new Stats(network.local().iface().stats().asMap(), all));
    }

    /**
     * @param counters every counter under its stable name ({@code frames_in}, {@code drop_bad_checksum}),
     *                 in a fixed order; the JSON form always has all of them
     * @param all      whether the text shows the zero ones too
     */
    public record Stats(Map<String, Long> counters, @JsonIgnore boolean all) implements CommandResult {
        @Override
        public String text() {
            Table table = new Table("counter", "value");
            counters.forEach((name, value) -> {
                if (all || value != 0) {
                    table.row(name, value);
                }
            });
            return table.size() == 0 ? "every counter is zero" : table.toString();
        }
    }
}

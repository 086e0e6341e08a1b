package dev.jnetlab.commands.topology;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code node NAME}: moves the prompt to another host of the topology, whose stack every
 * command then works on; {@code node} alone says where the prompt is. {@code NAME: COMMAND}
 * runs one command there and comes back ({@link dev.jnetlab.commands.CommandRegistry}).
 */
@Command(name = "node", customSynopsis = "node [NAME]",
        description = "Moves the prompt to the host NAME of the topology; alone, shows the host the prompt is on.",
        footer = {"node h2", "h2: ping h1        (one command on h2)"})
public final class NodeCommand implements ConsoleCommand {
    @Parameters(paramLabel = "NAME", arity = "0..1")
    private String name;

    /** Where the prompt is, and the hosts it can go to. */
    public record Node(String node, List<String> hosts) implements CommandResult {
        @Override
        public String text() {
            return "on " + node + (hosts.size() > 1 ? " (hosts: " + String.join(", ", hosts) + ")" : "");
        }
    }

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        return session.stack((network, now) -> {
            if (name != null) {
                try {
                    network.select(name);
                } catch (IllegalArgumentException e) {
                    throw new CommandException(e.getMessage());
                }
            }
            List<String> hosts = network.topology().map(t -> t.hosts().stream().map(h -> h.name()).toList())
                    .orElse(List.of(network.currentNode()));
            return new Node(network.currentNode(), hosts);
        });
    }
}

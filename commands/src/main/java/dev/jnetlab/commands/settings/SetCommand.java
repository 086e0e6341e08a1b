package dev.jnetlab.commands.settings;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.text.Table;
import dev.jnetlab.host.settings.Assignment;
import dev.jnetlab.host.settings.ConsoleSettings;
import dev.jnetlab.host.settings.SettingException;
import dev.jnetlab.stack.iface.Interface;
import dev.jnetlab.stack.iface.Ipv6AddressGeneration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code set}: the defaults of the sockets made from now on. Alone it lists every setting with
 * its value and where the value came from; {@code set tcp.OPTION VALUE} changes one;
 * {@code set --reset} takes back every change. Sockets already open keep theirs
 * ({@code tcp set H OPTION VALUE} changes one socket). One setting is the interface's, not the
 * sockets': {@code set ipv6.addr-gen eui64|stable}, how IPv6 interface identifiers are made
 * (RFC 7217), for the addresses formed from then on.
 */
@Command(name = "set", customSynopsis = "set | set KIND.OPTION VALUE | set --reset",
        description = "Shows or changes the settings of the sockets made from now on (tcp set H changes one socket).",
        footer = {"set", "set tcp.sack off", "set tcp.cc reno", "set tcp.buffer 64K", "set tcp.rto-min 200ms",
            "set udp.ttl 1", "set ipv6.addr-gen stable", "set --reset"})
public final class SetCommand implements ConsoleCommand {
    /** The interface's setting among the sockets' ones. */
    static final String ADDR_GEN = "ipv6.addr-gen";

    @Parameters(index = "0..1", arity = "0..2", paramLabel = "KIND.OPTION VALUE")
    private List<String> words = List.of();
    @Option(names = "--reset", description = "every setting back to the console's default")
    private boolean reset;

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        if (reset) {
            if (!words.isEmpty()) {
                throw new CommandException("set --reset takes nothing more (it resets every setting)");
            }
            return session.stack((network, now) -> {
                network.settings().reset();
                network.local().iface().setIpv6AddressGeneration(Ipv6AddressGeneration.EUI64);
                return Listing.of(network.settings(), network.local().iface(), "every setting is back to its default");
            });
        }
        if (words.isEmpty()) {
            return session.stack((network, now) -> Listing.of(network.settings(), network.local().iface(), ""));
        }
        if (words.size() == 1) {
            throw new CommandException("set " + words.get(0) + ": what value? (set KIND.OPTION VALUE, "
                    + "such as set tcp.sack off)");
        }
        if (words.get(0).equals(ADDR_GEN)) {
            Ipv6AddressGeneration generation = addressGeneration(words.get(1));
            return session.stack((network, now) -> {
                network.local().iface().setIpv6AddressGeneration(generation);
                return new Changed(List.of(addressGenerationRow(network.local().iface())));
            });
        }
        List<Assignment> assignments;
        try {
            assignments = SettingWords.parse(words.get(0), words.get(1));
        } catch (SettingException e) {
            throw new CommandException(e.getMessage());
        }
        return session.stack((network, now) -> {
            try {
                network.settings().set(assignments);
            } catch (SettingException e) {
                throw new CommandException(e.getMessage());
            }
            List<ConsoleSettings.Row> changed = network.settings().rows().stream()
                    .filter(row -> assignments.stream().anyMatch(a -> a.option().qualifiedName().equals(row.name())))
                    .toList();
            return new Changed(changed);
        });
    }

    private static Ipv6AddressGeneration addressGeneration(String value) throws CommandException {
        return switch (value) {
            case "eui64" -> Ipv6AddressGeneration.EUI64;
            case "stable" -> Ipv6AddressGeneration.STABLE;
            default -> throw new CommandException(ADDR_GEN + ": '" + value + "' is not eui64 (the MAC's EUI-64) or stable "
                    + "(RFC 7217's stable, opaque identifiers)");
        };
    }

    /** {@code ipv6.addr-gen} as a row of the listing: eui64 by default. */
    static ConsoleSettings.Row addressGenerationRow(Interface iface) {
        boolean stable = iface.ipv6AddressGeneration() == Ipv6AddressGeneration.STABLE;
        return new ConsoleSettings.Row(ADDR_GEN, stable ? "stable" : "eui64",
                stable ? ConsoleSettings.SET_ORIGIN : ConsoleSettings.DEFAULT_ORIGIN,
                "how IPv6 interface identifiers are made for the link-local and SLAAC addresses formed from now on: "
                        + "eui64 (from the MAC) or stable (RFC 7217)");
    }

    /** {@code set KIND.OPTION VALUE}: the options changed, with their values now (a lab's may hide them). */
    public record Changed(List<ConsoleSettings.Row> settings) implements CommandResult {
        @Override
        public String text() {
            StringBuilder out = new StringBuilder();
            for (ConsoleSettings.Row row : settings) {
                // One line, however many options a name sets (tcp.buffer is two), so that the note is everyone's.
                out.append(out.length() == 0 ? "" : ", ").append(row.name()).append(' ').append(row.value());
                if (!row.origin().equals(ConsoleSettings.SET_ORIGIN)) {
                    out.append(" (").append(row.origin()).append(" sets it while it runs)");
                }
            }
            boolean addrGen = settings.size() == 1 && settings.get(0).name().equals(ADDR_GEN);
            return out.append(out.length() == 0 ? "" : addrGen ? " (addresses formed from now on)" : " (sockets made from now on)")
                    .toString();
        }
    }

    /** {@code set}: every setting, its value and where it came from. */
    public record Listing(List<ConsoleSettings.Row> settings, String message) implements CommandResult {
        static Listing of(ConsoleSettings settings, Interface iface, String message) {
            List<ConsoleSettings.Row> rows = new java.util.ArrayList<>(settings.rows());
            rows.add(addressGenerationRow(iface));
            return new Listing(rows, message);
        }

        @Override
        public String text() {
            Table table = new Table("setting", "value", "from");
            for (ConsoleSettings.Row row : settings) {
                table.row(row.name(), row.value(), row.origin());
            }
            return (message.isEmpty() ? "" : message + "\n") + table.toString().stripTrailing();
        }
    }
}

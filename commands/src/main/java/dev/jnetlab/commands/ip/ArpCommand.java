package dev.jnetlab.commands.ip;

import dev.jnetlab.commands.CommandException;
import dev.jnetlab.commands.CommandResult;
import dev.jnetlab.commands.ConsoleCommand;
import dev.jnetlab.commands.Session;
import dev.jnetlab.commands.args.Arguments;
import dev.jnetlab.commands.text.Table;
import dev.jnetlab.stack.iface.Interface;
import dev.jnetlab.stack.iface.NeighborEntry;
import dev.jnetlab.stack.time.Micros;
import dev.jnetlab.stack.wire.Ipv4Address;
import dev.jnetlab.stack.wire.MacAddress;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "arp", customSynopsis = "arp | arp flush | arp add IP MAC | arp del IP",
        description = "Shows the ARP cache, or flushes it, or adds or deletes an entry.",
        footer = {"arp", "arp flush", "arp add 192.168.69.50 02:00:00:00:00:50", "arp del 192.168.69.50"},
        subcommands = {ArpCommand.Flush.class, ArpCommand.Add.class, ArpCommand.Del.class})
public final class ArpCommand implements ConsoleCommand {

    @Override
    public CommandResult execute(Session session) throws CommandException, InterruptedException {
        return session.stack((network, now) -> table(network.local().iface(), now));
    }

    static ArpTable table(Interface iface, long now) {
        return new ArpTable(iface.neighbors(now).stream().map(ArpCommand::entry).toList());
    }

    private static ArpEntry entry(NeighborEntry entry) {
        return new ArpEntry(entry.address().toString(), entry.mac().map(MacAddress::toString).orElse(null),
                entry.state().name(), entry.ageMicros() / Micros.PER_MILLI,
                entry.expiresMicros() == Micros.NEVER ? null : entry.expiresMicros() / Micros.PER_MILLI,
                entry.pendingFrames());
    }

    @Command(name = "flush", customSynopsis = "arp flush",
            description = "Forgets every learned entry (static ones stay); frames waiting for one are dropped.",
            footer = {"arp flush"})
    public static final class Flush implements ConsoleCommand {
        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            return session.stack((network, now) -> new Flushed(network.local().iface().flushNeighbors()));
        }
    }

    @Command(name = "add", customSynopsis = "arp add IP MAC",
            description = "Adds a static entry, which never expires and which no ARP packet changes.",
            footer = {"arp add 192.168.69.50 02:00:00:00:00:50"})
    public static final class Add implements ConsoleCommand {
        @Parameters(index = "0", paramLabel = "IP")
        private String address;
        @Parameters(index = "1", paramLabel = "MAC")
        private String mac;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            Ipv4Address ip = Arguments.address("IP", address);
            MacAddress hardware = Arguments.mac("MAC", mac);
            return session.stack((network, now) -> {
                Interface iface = network.local().iface();
                try {
                    iface.addStaticNeighbor(ip, hardware);
                } catch (IllegalArgumentException e) {
                    throw new CommandException(e.getMessage());
                }
                return table(iface, now);
            });
        }
    }

    @Command(name = "del", customSynopsis = "arp del IP",
            description = "Deletes the entry of IP, static or learned.",
            footer = {"arp del 192.168.69.50"})
    public static final class Del implements ConsoleCommand {
        @Parameters(paramLabel = "IP")
        private String address;

        @Override
        public CommandResult execute(Session session) throws CommandException, InterruptedException {
            Ipv4Address ip = Arguments.address("IP", address);
            return session.stack((network, now) -> {
                Interface iface = network.local().iface();
                if (!iface.removeNeighbor(ip)) {
                    throw new CommandException("no ARP entry for " + ip + " ('arp' lists them)");
                }
                return table(iface, now);
            });
        }
    }

    /**
     * One neighbor.
     *
     * @param mac       null while the resolution is incomplete
     * @param state     REACHABLE, STALE, PROBE, INCOMPLETE or STATIC
     * @param ageMs     since the entry was last confirmed (or, incomplete, since the first request)
     * @param expiresMs until the state changes (reachable to stale, incomplete or probed to given up); null for
     *                  never (static)
     * @param waiting   frames waiting for the address to resolve
     */
    public record ArpEntry(String address, String mac, String state, long ageMs, Long expiresMs, int waiting) {
    }

    /** The ARP cache, as {@code ip neigh} would show it. */
    public record ArpTable(List<ArpEntry> entries) implements CommandResult {
        @Override
        public String text() {
            if (entries.isEmpty()) {
                return "the ARP cache is empty";
            }
            Table table = new Table("address", "MAC", "state", "age", "expires", "waiting");
            for (ArpEntry entry : entries) {
                table.row(entry.address(), entry.mac() == null ? "(incomplete)" : entry.mac(), entry.state(),
                        Micros.format(entry.ageMs() * Micros.PER_MILLI),
                        entry.expiresMs() == null ? "never" : entry.state().equals("STALE") ? "-"
                                : Micros.format(entry.expiresMs() * Micros.PER_MILLI),
                        entry.waiting());
            }
            return table.toString();
        }
    }

    /** @param flushed how many learned entries went */
    public record Flushed(int flushed) implements CommandResult {
        @Override
        public String text() {
            return "flushed " + flushed + (flushed == 1 ? " entry" : " entries");
        }
    }
}
